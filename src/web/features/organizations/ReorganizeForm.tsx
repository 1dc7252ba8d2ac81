// The "Thay đổi tổ chức" form: rename, move, merge, split or dissolve an organisation from an effective date.
import { Alert, Button, Group, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type OrganizationDetail,
  reorganizationBody,
  type reorganizationResponse,
} from '../../../contracts/organizations.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import {
  OrganizationPicker,
  type OrganizationSearchResult,
  type PickedOrganization,
} from '../../components/OrganizationPicker.tsx';
import { todayIso } from '../../lib/dates.ts';
import { idsIn, initialSplit, SplitParts, type SplitState } from './SplitParts.tsx';

type Kind = 'rename' | 'move' | 'merge' | 'split' | 'dissolve';
const kinds: readonly Kind[] = ['rename', 'move', 'merge', 'split', 'dissolve'];
/** Merge this organisation's partners into it, merge it (and partners) into another one, or form a new one. */
type MergeMode = 'intoThis' | 'intoOther' | 'new';
type Body = z.input<typeof reorganizationBody>;

const minName = 2;

export function ReorganizeForm({ detail, onClose }: { detail: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('rename');
  const [newName, setNewName] = useState(detail.name);
  const [newParent, setNewParent] = useState<PickedOrganization | null>(null);
  const [mergeMode, setMergeMode] = useState<MergeMode>('intoThis');
  const [partners, setPartners] = useState<PickedOrganization[]>([]);
  const [target, setTarget] = useState<PickedOrganization | null>(null);
  const [mergedName, setMergedName] = useState('');
  const [split, setSplit] = useState<SplitState>(initialSplit);
  const [effectiveDate, setEffectiveDate] = useState(todayIso());
  const [documentRef, setDocumentRef] = useState('');
  const fields = [
    'newParentId',
    'newName',
    'targetId',
    'sourceIds',
    'parts',
    'effectiveDate',
    'documentRef',
    ...split.parts.map((_, i) => `parts.${i}.name`),
    ...[detail.id, ...partners].map((_, i) => `sourceIds.${i}`),
  ];
  const errors = useFormErrors(fields);

  const save = useMutation({
    mutationFn: (body: Body) => api.post<z.infer<typeof reorganizationResponse>>('/reorganizations', body),
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

  /** The body to send, or null after showing what is missing. */
  const build = (): Body | null => {
    const common = { effectiveDate, documentRef: documentRef.trim() || undefined };
    const fail = (field: string, message: string) => {
      errors.setField(field, message);
      return null;
    };
    switch (kind) {
      case 'rename':
        if (newName.trim().length < minName) return fail('newName', t('reorg.nameTooShort'));
        return { kind, organizationId: detail.id, newName, ...common };
      case 'move':
        if (!newParent) return fail('newParentId', t('reorg.chooseParent'));
        return { kind, organizationId: detail.id, newParentId: newParent.id, ...common };
      case 'dissolve':
        return { kind, organizationId: detail.id, ...common };
      case 'merge': {
        const others = partners.map((p) => p.id);
        if (mergeMode !== 'intoOther' && others.length === 0)
          return fail('sourceIds', t('reorg.choosePartner'));
        if (mergeMode === 'intoThis') return { kind, sourceIds: others, targetId: detail.id, ...common };
        if (mergeMode === 'intoOther') {
          if (!target) return fail('targetId', t('reorg.chooseTarget'));
          return { kind, sourceIds: [detail.id, ...others], targetId: target.id, ...common };
        }
        if (mergedName.trim().length < minName) return fail('newName', t('reorg.nameTooShort'));
        return { kind, sourceIds: [detail.id, ...others], newName: mergedName, ...common };
      }
      case 'split': {
        let ok = true;
        split.parts.forEach((p, i) => {
          if (p.name.trim().length < minName) {
            errors.setField(`parts.${i}.name`, t('reorg.nameTooShort'));
            ok = false;
          }
        });
        if (!ok) return null;
        const memberIds = Object.keys(split.members);
        const childIds = detail.children.map((c) => c.id);
        return {
          kind,
          organizationId: detail.id,
          parts: split.parts.map((p) => ({
            name: p.name,
            memberIds: idsIn(split.members, memberIds, p.key),
            childIds: idsIn(split.children, childIds, p.key),
          })),
          ...common,
        };
      }
    }
  };

  const submit = () => {
    errors.clear();
    const body = build();
    if (!body) return;
    const parsed = reorganizationBody.safeParse(body);
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      return;
    }
    save.mutate(body);
  };

  // Only organisations of the same kind merge; none may appear twice.
  const mergeable = (r: OrganizationSearchResult) =>
    r.kind === detail.kind &&
    r.id !== detail.id &&
    r.id !== target?.id &&
    !partners.some((p) => p.id === r.id);
  // Errors about single sources ('sourceIds.1') come back by position; name the organisation they are about.
  const sourceIds = mergeMode === 'intoThis' ? partners : [{ id: detail.id, name: detail.name }, ...partners];
  const sourceError =
    errors.fieldErrors.sourceIds ??
    Object.entries(errors.fieldErrors)
      .filter(([path]) => path.startsWith('sourceIds.'))
      .map(([path, message]) => `${sourceIds[Number(path.split('.')[1])]?.name ?? ''}: ${message}`)[0];

  return (
    <FormModal
      title={t('reorg.title', { name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formRef={errors.formRef}
      formError={errors.formError}
      pending={save.isPending}
      submitLabel={t('reorg.submit')}
      danger={kind === 'dissolve'}
    >
      <Radio.Group
        size="md"
        label={t('reorg.kind')}
        value={kind}
        onChange={(v) => {
          setKind(v as Kind);
          errors.clear();
        }}
      >
        <Stack gap="sm" mt="xs">
          {kinds.map((k) => (
            <Radio key={k} value={k} label={t(`reorg.${k}`)} size="md" />
          ))}
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
      {kind === 'merge' ? (
        <>
          <Radio.Group
            size="md"
            label={t('reorg.mergeMode')}
            value={mergeMode}
            onChange={(v) => {
              setMergeMode(v as MergeMode);
              errors.clear();
            }}
          >
            <Stack gap="sm" mt="xs">
              <Radio value="intoThis" label={t('reorg.mergeIntoThis', { name: detail.name })} size="md" />
              <Radio value="intoOther" label={t('reorg.mergeIntoOther', { name: detail.name })} size="md" />
              <Radio value="new" label={t('reorg.mergeNew', { name: detail.name })} size="md" />
            </Stack>
          </Radio.Group>
          {mergeMode === 'intoOther' ? (
            <OrganizationPicker
              label={t('reorg.mergeTarget')}
              value={target}
              onChange={setTarget}
              error={errors.fieldErrors.targetId}
              accept={mergeable}
            />
          ) : null}
          {mergeMode === 'new' ? (
            <TextInput
              label={t('reorg.mergedName')}
              value={mergedName}
              onChange={(e) => setMergedName(e.currentTarget.value)}
              error={errors.fieldErrors.newName}
              required
            />
          ) : null}
          <Stack gap="xs">
            <Text fw={600}>
              {mergeMode === 'intoThis'
                ? t('reorg.partnersIntoThis', { name: detail.name })
                : mergeMode === 'new'
                  ? t('reorg.partnersNew')
                  : t('reorg.partnersOptional')}
            </Text>
            {partners.length === 0 ? (
              <Text c="dimmed">{t('reorg.noPartners')}</Text>
            ) : (
              <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {partners.map((p) => (
                  <li key={p.id}>
                    <Paper withBorder p="xs" pl="sm">
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text fw={600}>{p.name}</Text>
                        <Button
                          variant="light"
                          onClick={() => setPartners((all) => all.filter((x) => x.id !== p.id))}
                          aria-label={t('reorg.removePartnerLabel', { name: p.name })}
                        >
                          {t('reorg.removePartner')}
                        </Button>
                      </Group>
                    </Paper>
                  </li>
                ))}
              </Stack>
            )}
            {sourceError ? (
              <Text c="red.8" size="sm" role="alert">
                {sourceError}
              </Text>
            ) : null}
            <OrganizationPicker
              label={t('reorg.addPartner')}
              description={t('reorg.addPartnerHint')}
              value={null}
              onChange={(picked) => picked && setPartners((all) => [...all, picked])}
              accept={mergeable}
            />
          </Stack>
        </>
      ) : null}
      {kind === 'split' ? (
        <SplitParts detail={detail} state={split} onChange={setSplit} errors={errors.fieldErrors} />
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
        max={todayIso()}
        required
      />
      <TextInput
        label={t('reorg.documentRef')}
        description={t('reorg.documentRefHint')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
      />
    </FormModal>
  );
}
