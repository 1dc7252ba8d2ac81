// "Sửa hồ sơ": edits profile fields, sends only what changed (PATCH), shows each rule's message under its field.
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type MemberProfile, type memberProfile, updateMemberBody } from '../../../contracts/members.ts';
import { api } from '../../api/client.ts';
import { memberQuery } from '../../api/queries.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import {
  emptyMemberValues,
  type MemberFieldValues,
  MemberFieldsGrid,
  memberDateFields,
  memberGridFields,
  type MemberTextField,
  memberTextFields,
  personalFields,
} from './MemberFieldsGrid.tsx';

type Body = z.input<typeof updateMemberBody>;

function initialValues(p: MemberProfile): MemberFieldValues {
  const v = emptyMemberValues(p.status);
  v.gender = p.gender ?? '';
  for (const f of [...memberTextFields, ...memberDateFields]) v[f] = p[f] ?? '';
  return v;
}

/** Only the fields that changed; an emptied field becomes null (cleared). */
function changes(before: MemberFieldValues, after: MemberFieldValues, hidePersonal: boolean): Body {
  const body: Record<string, string | null> = {};
  for (const f of [...memberTextFields, ...memberDateFields]) {
    if (hidePersonal && personalFields.includes(f as MemberTextField)) continue;
    const a = after[f].trim();
    if (a !== before[f].trim()) body[f] = a === '' ? (f === 'fullName' ? '' : null) : a;
  }
  if (after.gender !== before.gender) body.gender = after.gender || null;
  if (after.status !== before.status) body.status = after.status;
  return body as Body;
}

export function EditMemberForm({ profile, onClose }: { profile: MemberProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [initial] = useState(() => initialValues(profile));
  const [values, setValues] = useState(initial);
  const errors = useFormErrors(memberGridFields);
  const hidePersonal = profile.personalDataHidden;

  const save = useMutation({
    mutationFn: (body: Body) => api.patch<z.infer<typeof memberProfile>>(`/members/${profile.id}`, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(memberQuery(profile.id).queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: ['members'] });
      notifications.show({ color: 'green', message: t('editMember.done') });
      onClose();
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = () => {
    const body = changes(initial, values, hidePersonal);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const parsed = updateMemberBody.safeParse(body);
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      return;
    }
    errors.clear();
    save.mutate(body);
  };

  return (
    <FormModal
      title={t('editMember.title', { name: profile.fullName })}
      onClose={onClose}
      onSubmit={submit}
      formRef={errors.formRef}
      formError={errors.formError}
      pending={save.isPending}
    >
      <MemberFieldsGrid
        values={values}
        setValues={setValues}
        errors={errors.fieldErrors}
        hidePersonal={hidePersonal}
      />
    </FormModal>
  );
}
