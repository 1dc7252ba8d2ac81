// Committee management on an organisation page: open or close a term (nhiệm kỳ), give a member an office, end an
// office. The write hook serves the page's other small forms too.
import { Alert, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse, okResponse } from '../../../contracts/common.ts';
import {
  assignPositionBody,
  createCommitteeBody,
  endCommitteeBody,
  endPositionBody,
  type OrganizationDetail,
  type OrganizationKind,
  type PositionKind,
} from '../../../contracts/organizations.ts';
import { addDays } from '../../../domain/dates.ts';
import { needsCommitteeTerm, positionKindsAt } from '../../../domain/offices.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormWrite } from '../../components/forms.ts';
import { period, positionLabel } from '../../components/labels.ts';
import { useMessage } from '../../components/message.ts';
import { MemberSelect, type PickedMember } from '../../components/MemberSelect.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';

type Committee = OrganizationDetail['committees'][number];
type Holder = Committee['positions'][number];

/** Posts a committee write, refreshes the organisation page and the profiles that show offices, and closes. */
export function useCommitteeWrite<B>(
  post: (body: B) => Promise<unknown>,
  done: string,
  onClose: () => void,
  fields: readonly string[],
) {
  return useFormWrite({
    fields,
    write: post,
    refresh: [['organization'], ['member'], ['members'], ['roles']],
    done,
    onDone: onClose,
  });
}

/** The committee terms of the page, without the stand-in group the server adds for offices outside any term. */
export function realCommittees(detail: OrganizationDetail): Committee[] {
  return detail.committees.filter((c) => c.id !== detail.id);
}

/** Whether an office or term is running on the day (stored ends are exclusive). */
export const isCurrent = (from: string, to: string | null, day = todayIso()): boolean =>
  from <= day && (to === null || to > day);

type CommitteeBody = z.input<typeof createCommitteeBody>;

export function AddCommitteeForm({ detail, onClose }: { detail: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [termLabel, setTermLabel] = useState('');
  const [termStart, setTermStart] = useState(todayIso());
  const [lastDay, setLastDay] = useState('');
  const { errors, mutation } = useCommitteeWrite<CommitteeBody>(
    (body) => api.post<z.infer<typeof createdResponse>>(`/organizations/${detail.id}/committees`, body),
    t('committee.termDone'),
    onClose,
    ['termLabel', 'termStart', 'termEnd'],
  );

  const submit = () => {
    // The form asks for the term's last day; the record keeps the day after it (ends are exclusive).
    const body: CommitteeBody = {
      termLabel,
      termStart,
      termEnd: lastDay ? addDays(lastDay, 1) : undefined,
    };
    const parsed = createCommitteeBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('committee.addTermTitle', { name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('committee.addTerm')}
      pending={mutation.isPending}
    >
      <TextInput
        name="termLabel"
        label={t('committee.termLabel')}
        description={t('committee.termLabelHint')}
        placeholder="2025–2030"
        value={termLabel}
        onChange={(e) => setTermLabel(e.currentTarget.value)}
        error={errors.fieldErrors.termLabel}
        inputMode="numeric"
        required
      />
      <DateField
        name="termStart"
        label={t('committee.termStart')}
        value={termStart}
        onChange={setTermStart}
        error={errors.fieldErrors.termStart}
        required
      />
      <DateField
        name="termEnd"
        label={t('committee.termEnd')}
        description={t('committee.termEndHint')}
        value={lastDay}
        onChange={setLastDay}
        error={errors.fieldErrors.termEnd}
      />
    </FormModal>
  );
}

type AssignBody = z.input<typeof assignPositionBody>;

export function AssignPositionForm({ detail, onClose }: { detail: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const kinds = positionKindsAt(detail.kind);
  const committees = realCommittees(detail);
  const termRequired = needsCommitteeTerm(detail.kind);
  const current = committees.find((c) => isCurrent(c.termStart, c.termEnd));
  const [member, setMember] = useState<PickedMember | null>(null);
  const [kind, setKind] = useState<PositionKind | ''>('');
  const [committeeId, setCommitteeId] = useState(current?.id ?? '');
  const [validFrom, setValidFrom] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<AssignBody>(
    (body) => api.post<z.infer<typeof createdResponse>>(`/organizations/${detail.id}/positions`, body),
    t('committee.assignDone'),
    onClose,
    ['memberId', 'kind', 'committeeId', 'validFrom'],
  );

  const submit = () => {
    errors.clear();
    if (!member) return errors.setField('memberId', t('committee.chooseMember'));
    if (kind === '') return errors.setField('kind', t('committee.chooseKind'));
    if (termRequired && committeeId === '') return errors.setField('committeeId', t('committee.chooseTerm'));
    const body: AssignBody = { memberId: member.id, kind, committeeId: committeeId || undefined, validFrom };
    const parsed = assignPositionBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('committee.assignTitle', { name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('committee.assign')}
      pending={mutation.isPending}
    >
      {termRequired && committees.length === 0 ? (
        <Alert color="yellow" variant="light">
          {t('committee.noTermYet')}
        </Alert>
      ) : null}
      <MemberSelect
        label={t('committee.member')}
        description={t('committee.memberHint')}
        organizationId={detail.id}
        filters={{ status: 'full' }}
        value={member}
        onChange={setMember}
        error={errors.fieldErrors.memberId}
        required
      />
      <NativeSelect
        name="kind"
        label={t('committee.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as PositionKind | '')}
        error={errors.fieldErrors.kind}
        required
        data={[
          { value: '', label: t('committee.chooseKind'), disabled: true },
          ...kinds.map((k) => ({ value: k, label: positionLabel(t, k, detail.kind) })),
        ]}
      />
      {committees.length > 0 || termRequired ? (
        <NativeSelect
          name="committeeId"
          label={t('committee.term')}
          value={committeeId}
          onChange={(e) => setCommitteeId(e.currentTarget.value)}
          error={errors.fieldErrors.committeeId}
          required={termRequired}
          data={[
            termRequired
              ? { value: '', label: t('committee.chooseTerm'), disabled: true }
              : { value: '', label: t('committee.noTerm') },
            ...committees.map((c) => ({
              value: c.id,
              label: `${msg(c.termLabel)} (${period(t, c.termStart, c.termEnd)})`,
            })),
          ]}
        />
      ) : null}
      <DateField
        name="validFrom"
        label={t('committee.validFrom')}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fieldErrors.validFrom}
        required
      />
    </FormModal>
  );
}

type EndBody = z.input<typeof endPositionBody>;

export function EndPositionForm({
  holder,
  at,
  onClose,
}: {
  holder: Holder;
  /** The organisation's kind, for the office's name there. */
  at: OrganizationKind;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [validTo, setValidTo] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<EndBody>(
    (body) => api.post<z.infer<typeof okResponse>>(`/positions/${holder.id}/end`, body),
    t('committee.endDone'),
    onClose,
    ['validTo'],
  );

  const submit = () => {
    const body: EndBody = { validTo };
    const parsed = endPositionBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('committee.endTitle', { office: positionLabel(t, holder.kind, at), name: holder.memberName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('committee.end')}
      pending={mutation.isPending}
    >
      <Text>{t('committee.heldSince', { date: formatDate(holder.validFrom) })}</Text>
      <DateField
        name="validTo"
        label={t('committee.validTo')}
        description={t('committee.validToHint')}
        value={validTo}
        onChange={setValidTo}
        error={errors.fieldErrors.validTo}
        required
      />
    </FormModal>
  );
}

type EndCommitteeBody = z.input<typeof endCommitteeBody>;

export function EndCommitteeForm({
  detail,
  committee,
  onClose,
}: {
  detail: OrganizationDetail;
  committee: Committee;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [lastDay, setLastDay] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<EndCommitteeBody>(
    (body) => api.post<z.infer<typeof okResponse>>(`/committees/${committee.id}/end`, body),
    t('committee.termEndDone'),
    onClose,
    ['termEnd'],
  );

  const submit = () => {
    errors.clear();
    if (!lastDay) return errors.setField('termEnd', t('date.invalid'));
    // The form asks for the term's last day; the record keeps the day after it (ends are exclusive).
    const body: EndCommitteeBody = { termEnd: addDays(lastDay, 1) };
    const parsed = endCommitteeBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('committee.endTermTitle', { term: msg(committee.termLabel), name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('committee.endTerm')}
      pending={mutation.isPending}
    >
      <Text>{t('committee.termSince', { date: formatDate(committee.termStart) })}</Text>
      <DateField
        name="termEnd"
        label={t('committee.termLastDay')}
        description={t('committee.termLastDayHint')}
        value={lastDay}
        onChange={setLastDay}
        error={errors.fieldErrors.termEnd}
        required
      />
    </FormModal>
  );
}
