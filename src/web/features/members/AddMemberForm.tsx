// "Thêm đảng viên": adds a member to a cell from the day they start attending it, then opens their profile.
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { createMemberBody } from '../../../contracts/members.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { todayIso } from '../../lib/dates.ts';
import {
  emptyMemberValues,
  type MemberFieldValues,
  MemberFieldsGrid,
  memberDateFields,
  memberGridFields,
  memberTextFields,
} from './MemberFieldsGrid.tsx';

type Body = z.input<typeof createMemberBody>;

const fields = [...memberGridFields, 'joinedOn', 'organizationId'] as const;

/** The request: every filled field, trimmed; empty ones are left out. */
function toBody(organizationId: string, joinedOn: string, v: MemberFieldValues): Body {
  const body: Record<string, string> = { organizationId, joinedOn, status: v.status };
  for (const f of [...memberTextFields, ...memberDateFields]) {
    const value = v[f].trim();
    if (value !== '' || f === 'fullName') body[f] = value;
  }
  if (v.gender) body.gender = v.gender;
  return body as Body;
}

export function AddMemberForm({
  organization,
  onClose,
}: {
  organization: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState(() => emptyMemberValues('full'));
  const [joinedOn, setJoinedOn] = useState(todayIso());
  const errors = useFormErrors(fields);

  const save = useMutation({
    mutationFn: (body: Body) => api.post<z.infer<typeof createdResponse>>('/members', body),
    onSuccess: async ({ id }, body) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['organization'] }),
        queryClient.invalidateQueries({ queryKey: ['members'] }),
        queryClient.invalidateQueries({ queryKey: ['tree'] }),
      ]);
      notifications.show({ color: 'green', message: t('addMember.done', { name: body.fullName }) });
      onClose();
      await navigate({ to: '/members/$id', params: { id } });
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = () => {
    const body = toBody(organization.id, joinedOn, values);
    const parsed = createMemberBody.safeParse(body);
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      return;
    }
    errors.clear();
    save.mutate(body);
  };

  return (
    <FormModal
      title={t('addMember.title')}
      onClose={onClose}
      onSubmit={submit}
      formRef={errors.formRef}
      formError={errors.formError}
      pending={save.isPending}
      submitLabel={t('addMember.submit')}
    >
      <Text>{t('addMember.intro', { name: organization.name })}</Text>
      <MemberFieldsGrid values={values} setValues={setValues} errors={errors.fieldErrors} statusFirst>
        <DateField
          name="joinedOn"
          label={t('addMember.joinedOn')}
          value={joinedOn}
          onChange={setJoinedOn}
          error={errors.fieldErrors.joinedOn}
          required
        />
      </MemberFieldsGrid>
    </FormModal>
  );
}
