// The profile fields of a member laid out in one grid, shared by "Thêm đảng viên" and "Sửa hồ sơ".
import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFields } from '../../../contracts/members.ts';
import { DateField } from '../../components/DateField.tsx';
import type { FieldErrors } from '../../components/forms.ts';

export const memberTextFields = [
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
export const memberDateFields = ['dateOfBirth', 'admissionDate', 'fullMembershipDate'] as const;
export type MemberTextField = (typeof memberTextFields)[number];
export type MemberDateField = (typeof memberDateFields)[number];
export const personalFields: readonly MemberTextField[] = ['citizenId', 'phone', 'email'];
/** Every field the grid shows, for useFormErrors. */
export const memberGridFields = [...memberTextFields, ...memberDateFields, 'gender', 'status'] as const;

/** What the inputs hold: text as typed, dates as ISO or '', gender '' when not recorded. */
export type MemberFieldValues = Record<MemberTextField | MemberDateField, string> & {
  gender: string;
  status: MemberFields['status'];
};

export function emptyMemberValues(status: MemberFields['status']): MemberFieldValues {
  const v = { gender: '', status } as MemberFieldValues;
  for (const f of [...memberTextFields, ...memberDateFields]) v[f] = '';
  return v;
}

export function MemberFieldsGrid({
  values,
  setValues,
  errors,
  hidePersonal = false,
  statusFirst = false,
  children,
}: {
  values: MemberFieldValues;
  setValues: Dispatch<SetStateAction<MemberFieldValues>>;
  errors: FieldErrors;
  /** Leave out CCCD, phone and email (the viewer may not see them). */
  hidePersonal?: boolean;
  /** Put "chính thức hay dự bị" right after the name (when adding, it is one of the few required fields). */
  statusFirst?: boolean;
  /** Extra fields placed after the name and status (the date of joining the cell, when adding). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (f: keyof MemberFieldValues, v: string) => setValues((prev) => ({ ...prev, [f]: v }));

  const text = (
    f: MemberTextField,
    extra: { required?: boolean; inputMode?: 'numeric' | 'tel' | 'email' } = {},
  ) => (
    <TextInput
      key={f}
      name={f}
      label={t(`profile.${f}`)}
      value={values[f]}
      onChange={(e) => set(f, e.currentTarget.value)}
      error={errors[f]}
      required={extra.required}
      inputMode={extra.inputMode}
    />
  );
  const date = (f: MemberDateField) => (
    <DateField
      key={f}
      name={f}
      label={t(`profile.${f}`)}
      value={values[f]}
      onChange={(v) => set(f, v)}
      error={errors[f]}
    />
  );
  const status = (
    <NativeSelect
      key="status"
      name="status"
      label={t('editMember.statusLabel')}
      value={values.status}
      onChange={(e) => set('status', e.currentTarget.value)}
      error={errors.status}
      required={statusFirst}
      data={[
        { value: 'full', label: t('memberStatus.full') },
        { value: 'probationary', label: t('memberStatus.probationary') },
      ]}
    />
  );

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      {text('fullName', { required: true })}
      {statusFirst ? status : null}
      {children}
      {text('birthName')}
      {date('dateOfBirth')}
      <NativeSelect
        name="gender"
        label={t('profile.gender')}
        value={values.gender}
        onChange={(e) => set('gender', e.currentTarget.value)}
        error={errors.gender}
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
      {statusFirst ? null : status}
      {text('partyCardNumber', { inputMode: 'numeric' })}
      {hidePersonal ? null : text('citizenId', { inputMode: 'numeric' })}
      {hidePersonal ? null : text('phone', { inputMode: 'tel' })}
      {hidePersonal ? null : text('email', { inputMode: 'email' })}
    </SimpleGrid>
  );
}
