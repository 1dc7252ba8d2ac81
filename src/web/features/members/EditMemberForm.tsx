// "Sửa hồ sơ": edits profile fields, sends only what changed (PATCH), shows each rule's message under its field.
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type MemberProfile, memberProfile, updateMemberBody } from '../../../contracts/members.ts';
import { api } from '../../api/client.ts';
import { memberQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';

type Body = z.input<typeof updateMemberBody>;

const textFields = [
  'fullName',
  'birthName',
  'ethnicity',
  'religion',
  'hometown',
  'education',
  'politicalTheory',
  'profession',
  'partyCardNumber',
  'citizenId',
  'phone',
  'email',
] as const;
const dateFields = ['dateOfBirth', 'admissionDate', 'fullMembershipDate'] as const;
type TextField = (typeof textFields)[number];
type DateFieldName = (typeof dateFields)[number];
const personalFields: readonly TextField[] = ['citizenId', 'phone', 'email'];
const allFields = [...textFields, ...dateFields, 'gender', 'status'] as const;

type Values = Record<TextField | DateFieldName, string> & { gender: string; status: MemberProfile['status'] };

function initialValues(p: MemberProfile): Values {
  const v = { gender: p.gender ?? '', status: p.status } as Values;
  for (const f of textFields) v[f] = p[f] ?? '';
  for (const f of dateFields) v[f] = p[f] ?? '';
  return v;
}

/** Only the fields that changed; an emptied field becomes null (cleared). */
function changes(before: Values, after: Values, hidePersonal: boolean): Body {
  const body: Record<string, string | null> = {};
  for (const f of [...textFields, ...dateFields]) {
    if (hidePersonal && personalFields.includes(f as TextField)) continue;
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
  const errors = useFormErrors(allFields);
  const hidePersonal = profile.personalDataHidden;

  const save = useMutation({
    mutationFn: (body: Body) => api.patch(`/members/${profile.id}`, body, memberProfile),
    onSuccess: async (updated) => {
      queryClient.setQueryData(memberQuery(profile.id).queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: ['members'] });
      notifications.show({ color: 'green', message: t('editMember.done') });
      onClose();
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
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

  const text = (
    f: TextField,
    extra: { required?: boolean; inputMode?: 'numeric' | 'tel' | 'email' } = {},
  ) => (
    <TextInput
      key={f}
      name={f}
      label={t(`profile.${f}`)}
      value={values[f]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setValues((prev) => ({ ...prev, [f]: v }));
      }}
      error={errors.fieldErrors[f]}
      required={extra.required}
      inputMode={extra.inputMode}
    />
  );
  const date = (f: DateFieldName) => (
    <DateField
      key={f}
      name={f}
      label={t(`profile.${f}`)}
      value={values[f]}
      onChange={(v) => setValues((prev) => ({ ...prev, [f]: v }))}
      error={errors.fieldErrors[f]}
    />
  );

  return (
    <FormModal title={t('editMember.title', { name: profile.fullName })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {text('fullName', { required: true })}
            {text('birthName')}
            {date('dateOfBirth')}
            <NativeSelect
              label={t('profile.gender')}
              value={values.gender}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((prev) => ({ ...prev, gender: v }));
              }}
              error={errors.fieldErrors.gender}
              data={[
                { value: '', label: t('editMember.genderNone') },
                { value: 'male', label: t('gender.male') },
                { value: 'female', label: t('gender.female') },
              ]}
            />
            {text('ethnicity')}
            {text('religion')}
            {text('hometown')}
            {text('education')}
            {text('politicalTheory')}
            {text('profession')}
            {date('admissionDate')}
            {date('fullMembershipDate')}
            <NativeSelect
              label={t('editMember.statusLabel')}
              value={values.status}
              onChange={(e) => {
                const v = e.currentTarget.value as MemberProfile['status'];
                setValues((prev) => ({ ...prev, status: v }));
              }}
              error={errors.fieldErrors.status}
              data={[
                { value: 'full', label: t('memberStatus.full') },
                { value: 'probationary', label: t('memberStatus.probationary') },
              ]}
            />
            {text('partyCardNumber', { inputMode: 'numeric' })}
            {hidePersonal ? null : text('citizenId', { inputMode: 'numeric' })}
            {hidePersonal ? null : text('phone', { inputMode: 'tel' })}
            {hidePersonal ? null : text('email', { inputMode: 'email' })}
          </SimpleGrid>
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
