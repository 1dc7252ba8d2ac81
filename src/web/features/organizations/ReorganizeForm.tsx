// The "Thay đổi tổ chức" form: move, rename or dissolve an organisation from an effective date, with its document.
import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type OrganizationDetail,
  reorganizationBody,
  reorganizationResponse,
} from '../../../contracts/organizations.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { OrganizationPicker, type PickedOrganization } from '../../components/OrganizationPicker.tsx';
import { todayIso } from '../../lib/dates.ts';

type Kind = 'move' | 'rename' | 'dissolve';
type Body = z.input<typeof reorganizationBody>;

const fields = ['newParentId', 'newName', 'effectiveDate', 'documentRef'] as const;

export function ReorganizeForm({ detail, onClose }: { detail: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('rename');
  const [newName, setNewName] = useState(detail.name);
  const [newParent, setNewParent] = useState<PickedOrganization | null>(null);
  const [effectiveDate, setEffectiveDate] = useState(todayIso());
  const [documentRef, setDocumentRef] = useState('');
  const errors = useFormErrors(fields);

  const save = useMutation({
    mutationFn: (body: Body) => api.post('/reorganizations', body, reorganizationResponse),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('reorg.done') });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['organization'] }),
        queryClient.invalidateQueries({ queryKey: ['tree'] }),
        queryClient.invalidateQueries({ queryKey: ['members'] }),
      ]);
      onClose();
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { organizationId: detail.id, effectiveDate, documentRef: documentRef.trim() || undefined };
    if (kind === 'move' && !newParent) {
      errors.clear();
      errors.setField('newParentId', t('reorg.chooseParent'));
      return;
    }
    const body: Body =
      kind === 'move'
        ? { kind, ...common, newParentId: newParent?.id ?? '' }
        : kind === 'rename'
          ? { kind, ...common, newName }
          : { kind, ...common };
    const parsed = reorganizationBody.safeParse(body);
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      return;
    }
    errors.clear();
    save.mutate(body);
  };

  return (
    <FormModal title={t('reorg.title', { name: detail.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group size="md" label={t('reorg.kind')} value={kind} onChange={(v) => setKind(v as Kind)}>
            <Stack gap="sm" mt="xs">
              <Radio value="rename" label={t('reorg.rename')} size="md" />
              <Radio value="move" label={t('reorg.move')} size="md" />
              <Radio value="dissolve" label={t('reorg.dissolve')} size="md" />
            </Stack>
          </Radio.Group>
          {kind === 'rename' ? (
            <TextInput
              label={t('reorg.newName')}
              value={newName}
              onChange={(e) => setNewName(e.currentTarget.value)}
              error={errors.fieldErrors.newName}
              required
            />
          ) : null}
          {kind === 'move' ? (
            <OrganizationPicker
              label={t('reorg.newParent')}
              value={newParent}
              onChange={setNewParent}
              error={errors.fieldErrors.newParentId}
              accept={(r) => r.id !== detail.id}
            />
          ) : null}
          {kind === 'dissolve' ? (
            <Alert color="yellow" variant="light">
              <Text>{t('reorg.dissolveWarning')}</Text>
            </Alert>
          ) : null}
          <DateField
            label={t('reorg.effectiveDate')}
            value={effectiveDate}
            onChange={setEffectiveDate}
            error={errors.fieldErrors.effectiveDate}
            required
          />
          <TextInput
            label={t('reorg.documentRef')}
            description={t('reorg.documentRefHint')}
            value={documentRef}
            onChange={(e) => setDocumentRef(e.currentTarget.value)}
            error={errors.fieldErrors.documentRef}
          />
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} color={kind === 'dissolve' ? 'red.9' : undefined}>
              {t('reorg.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
