// Forms of a member's lifecycle: record an event, transfer, exempt, end a temporary or party-group attendance,
// reset the account's password.
import { Alert, NativeSelect, PasswordInput, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { okResponse } from '../../../contracts/common.ts';
import { resetPasswordBody } from '../../../contracts/auth.ts';
import {
  endMembershipBody,
  exemptionBody,
  type MemberProfile,
  memberEventBody,
  type memberProfile,
  transferBody,
} from '../../../contracts/members.ts';
import { api } from '../../api/client.ts';
import { memberQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors, useFormWrite } from '../../components/forms.ts';
import { OrganizationPicker, type PickedOrganization } from '../../components/OrganizationPicker.tsx';
import { isCellKind } from '../../../domain/tree.ts';
import { formatDate, todayIso } from '../../lib/dates.ts';

interface FormProps {
  profile: MemberProfile;
  onClose: () => void;
}

/** Posts a member action that answers with the updated profile, and refreshes what shows it. */
function useProfileAction<B>(
  profile: MemberProfile,
  path: string,
  done: string,
  onClose: () => void,
  fields: readonly string[],
) {
  const queryClient = useQueryClient();
  return useFormWrite({
    fields,
    // A path of its own ('/memberships/…/end'), or one under the member ('events').
    write: (body: B) =>
      api.post<z.infer<typeof memberProfile>>(
        path.startsWith('/') ? path : `/members/${profile.id}/${path}`,
        body,
      ),
    refresh: [['members'], ['organization'], ['tree']],
    done,
    onDone: (updated) => {
      queryClient.setQueryData(memberQuery(profile.id).queryKey, updated);
      onClose();
    },
  });
}

type EventBody = z.input<typeof memberEventBody>;
const eventKinds = memberEventBody.shape.kind.options;

export function EventForm({ profile, onClose }: FormProps) {
  const { t } = useTranslation();
  // Only "made full" is a safe default; death, removal and expulsion must be chosen on purpose.
  const [kind, setKind] = useState<EventBody['kind'] | ''>(
    profile.status === 'probationary' ? 'made_full' : '',
  );
  const [eventDate, setEventDate] = useState(todayIso());
  const [documentRef, setDocumentRef] = useState('');
  const [note, setNote] = useState('');
  const { errors, mutation, send } = useProfileAction<EventBody>(
    profile,
    'events',
    t('eventForm.done'),
    onClose,
    ['kind', 'eventDate', 'documentRef', 'note'],
  );

  const submit = () => {
    if (kind === '') {
      errors.clear();
      return errors.setField('kind', t('eventForm.chooseKind'));
    }
    const body: EventBody = { kind, eventDate, documentRef, note: note.trim() || undefined };
    send(memberEventBody, body);
  };

  return (
    <FormModal
      title={t('eventForm.title', { name: profile.fullName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('eventForm.submit')}
      pending={mutation.isPending}
      danger={kind !== '' && kind !== 'made_full'}
    >
      <NativeSelect
        label={t('eventForm.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as EventBody['kind'] | '')}
        data={[
          { value: '', label: t('eventForm.chooseKind'), disabled: true },
          ...eventKinds.map((k) => ({ value: k, label: t(`eventKinds.${k}`) })),
        ]}
        error={errors.fieldErrors.kind}
      />
      {kind !== '' && kind !== 'made_full' ? (
        <Alert color="yellow" variant="light">
          {t('eventForm.warning')}
        </Alert>
      ) : null}
      <DateField
        label={t('eventForm.eventDate')}
        value={eventDate}
        onChange={setEventDate}
        error={errors.fieldErrors.eventDate}
        required
      />
      <TextInput
        label={t('eventForm.documentRef')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
        required
      />
      <Textarea
        label={t('eventForm.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fieldErrors.note}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}

type TransferBody = z.input<typeof transferBody>;

export function TransferForm({ profile, onClose }: FormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TransferBody['kind']>('official');
  const [where, setWhere] = useState<'inside' | 'outside'>('inside');
  const [destination, setDestination] = useState<PickedOrganization | null>(null);
  const [outside, setOutside] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(todayIso());
  const [documentRef, setDocumentRef] = useState('');
  const [note, setNote] = useState('');
  const { errors, mutation, send } = useProfileAction<TransferBody>(
    profile,
    'transfers',
    t('transferForm.done'),
    onClose,
    ['kind', 'toOrganizationId', 'outsideDestination', 'effectiveDate', 'documentRef', 'note'],
  );

  const submit = () => {
    if (where === 'inside' && !destination) {
      errors.clear();
      return errors.setField('toOrganizationId', t('transferForm.chooseDestination'));
    }
    if (where === 'outside' && outside.trim() === '') {
      errors.clear();
      return errors.setField('outsideDestination', t('transferForm.chooseDestination'));
    }
    const body: TransferBody = {
      kind,
      effectiveDate,
      toOrganizationId: where === 'inside' ? destination?.id : undefined,
      outsideDestination: where === 'outside' ? outside.trim() : undefined,
      documentRef: documentRef.trim() || undefined,
      note: note.trim() || undefined,
    };
    send(transferBody, body);
  };

  return (
    <FormModal
      title={t('transferForm.title', { name: profile.fullName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('transferForm.submit')}
      pending={mutation.isPending}
    >
      <Radio.Group
        size="md"
        label={t('transferForm.kind')}
        value={kind}
        onChange={(v) => setKind(v as TransferBody['kind'])}
      >
        <Stack gap="sm" mt="xs">
          <Radio value="official" label={t('transferForm.official')} size="md" />
          <Radio value="temporary" label={t('transferForm.temporary')} size="md" />
        </Stack>
      </Radio.Group>
      <Radio.Group
        size="md"
        label={t('transferForm.destination')}
        value={where}
        onChange={(v) => setWhere(v as 'inside' | 'outside')}
      >
        <Stack gap="sm" mt="xs">
          <Radio value="inside" label={t('transferForm.inside')} size="md" />
          <Radio value="outside" label={t('transferForm.outside')} size="md" />
        </Stack>
      </Radio.Group>
      {where === 'inside' ? (
        <OrganizationPicker
          label={t('transferForm.destinationOrg')}
          value={destination}
          onChange={setDestination}
          error={errors.fieldErrors.toOrganizationId}
          accept={(r) => isCellKind(r.kind)}
        />
      ) : (
        <TextInput
          label={t('transferForm.outsideName')}
          value={outside}
          onChange={(e) => setOutside(e.currentTarget.value)}
          error={errors.fieldErrors.outsideDestination}
          required
        />
      )}
      <DateField
        label={t('transferForm.effectiveDate')}
        value={effectiveDate}
        onChange={setEffectiveDate}
        error={errors.fieldErrors.effectiveDate}
        required
      />
      <TextInput
        label={t('transferForm.documentRef')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
      />
      <Textarea
        label={t('transferForm.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fieldErrors.note}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}

type ExemptBody = z.input<typeof exemptionBody>;

export function ExemptForm({ profile, onClose }: FormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [validFrom, setValidFrom] = useState(todayIso());
  const [validTo, setValidTo] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const { errors, mutation, send } = useProfileAction<ExemptBody>(
    profile,
    'exemptions',
    t('exemptForm.done'),
    onClose,
    ['reason', 'validFrom', 'validTo', 'documentRef'],
  );

  const submit = () => {
    const body: ExemptBody = {
      reason,
      validFrom,
      validTo: validTo || undefined,
      documentRef: documentRef.trim() || undefined,
    };
    send(exemptionBody, body);
  };

  return (
    <FormModal
      title={t('exemptForm.title', { name: profile.fullName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('exemptForm.submit')}
      pending={mutation.isPending}
    >
      <Textarea
        label={t('exemptForm.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fieldErrors.reason}
        required
        autosize
        minRows={2}
      />
      <DateField
        label={t('exemptForm.validFrom')}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fieldErrors.validFrom}
        required
      />
      <DateField
        label={t('exemptForm.validTo')}
        value={validTo}
        onChange={setValidTo}
        error={errors.fieldErrors.validTo}
        description={t('exemptForm.validToHint')}
      />
      <TextInput
        label={t('exemptForm.documentRef')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
      />
    </FormModal>
  );
}

type ResetBody = z.input<typeof resetPasswordBody>;

export function ResetPasswordForm({ profile, onClose }: FormProps) {
  const { t } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const errors = useFormErrors(['newPassword']);
  const mutation = useMutation({
    mutationFn: (body: ResetBody) =>
      api.post<z.infer<typeof okResponse>>(`/members/${profile.id}/reset-password`, body),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('resetForm.done'), autoClose: 8000 });
      onClose();
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = () => {
    const parsed = resetPasswordBody.safeParse({ newPassword });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate({ newPassword });
  };

  return (
    <FormModal
      title={t('resetForm.title', { name: profile.fullName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('resetForm.submit')}
      pending={mutation.isPending}
    >
      <Text>{t('resetForm.hint')}</Text>
      <PasswordInput
        label={t('resetForm.newPassword')}
        value={newPassword}
        onChange={(e) => setNewPassword(e.currentTarget.value)}
        error={errors.fieldErrors.newPassword}
        autoComplete="new-password"
        required
      />
    </FormModal>
  );
}

type Membership = MemberProfile['memberships'][number];
type EndMembershipBody = z.input<typeof endMembershipBody>;

/** Ends a temporary attendance or a party-group membership (the first day no longer attending). */
export function EndMembershipForm({ profile, membership, onClose }: FormProps & { membership: Membership }) {
  const { t } = useTranslation();
  const [validTo, setValidTo] = useState(todayIso());
  const { errors, mutation, send } = useProfileAction<EndMembershipBody>(
    profile,
    `/memberships/${membership.id}/end`,
    t('profile.endMembershipDone'),
    onClose,
    ['validTo'],
  );

  const submit = () => {
    const body: EndMembershipBody = { validTo };
    send(endMembershipBody, body);
  };

  return (
    <FormModal
      title={t('profile.endMembershipTitle', { name: membership.organizationName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('profile.endMembership')}
      pending={mutation.isPending}
    >
      <Text>{profile.fullName}</Text>
      <Text>{t('profile.membershipSince', { date: formatDate(membership.validFrom) })}</Text>
      <DateField
        label={t('profile.endMembershipValidTo')}
        description={t('profile.endMembershipHint')}
        value={validTo}
        onChange={setValidTo}
        error={errors.fieldErrors.validTo}
        required
      />
    </FormModal>
  );
}
