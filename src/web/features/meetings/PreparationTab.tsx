// Preparation of a meeting: kind, date and place (checked against the rule set), who prepares, chairs and takes
// the minutes, the preparatory meeting, the notice, the draft resolution, the agenda and the materials; then the
// notice is published. Members confirm attendance or ask to be excused here. Others see the same, read-only.
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { meetingKinds, updateMeetingBody } from '../../../contracts/meetings.ts';
import { builtInRuleSets, checkMeetingDate } from '../../../domain/meeting-rules.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { type FieldErrors, useFormErrors } from '../../components/forms.ts';
import { formatDate } from '../../lib/dates.ts';
import { meetingKindLabel } from '../../components/labels.ts';
import { can, type MeetingDetail, useMeetingWrite } from './queries.ts';
import { Section } from '../../components/Section.tsx';
import { Agenda } from './AgendaEditor.tsx';
import { Materials } from './Materials.tsx';
import { Publish } from './Publish.tsx';
import { Rsvp } from './Rsvp.tsx';
import { useMessage } from '../../components/message.ts';

type UpdateBody = z.input<typeof updateMeetingBody>;

export function PreparationTab({ detail }: { detail: MeetingDetail }) {
  return (
    <Stack gap="lg">
      <Rsvp detail={detail} />
      {can(detail, 'edit_preparation') ? (
        <PreparationForm key={detail.id} detail={detail} />
      ) : (
        <PreparationView detail={detail} />
      )}
      <Agenda detail={detail} />
      <Materials detail={detail} />
      <Publish detail={detail} />
    </Stack>
  );
}

/** Whether a regular meeting's date differs from the rule set's own day (so a reason is asked for). */
function dateProblems(detail: MeetingDetail, kind: string, date: string, reason: string) {
  if (kind !== 'regular' && kind !== 'regular_thematic') return [];
  const rule =
    builtInRuleSets.find((r) => r.id === detail.ruleSet.id && r.version === detail.ruleSet.version) ??
    builtInRuleSets.find((r) => r.id === detail.ruleSet.id);
  if (!rule || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  return checkMeetingDate(rule, date, reason);
}

function PreparationForm({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const initial = {
    kind: detail.kind,
    plannedDate: detail.plannedDate,
    plannedTime: detail.plannedTime,
    dateReason: detail.dateReason ?? '',
    changeReason: '',
    location: detail.location,
    preparerMemberId: detail.preparer?.id ?? null,
    chairMemberId: detail.chair?.id ?? null,
    minuteTakerMemberId: detail.minuteTaker?.id ?? null,
    preparatoryHeldOn: detail.preparatoryHeldOn ?? '',
    preparatoryMinutes: detail.preparatoryMinutes ?? '',
    noticeContent: detail.noticeContent ?? '',
    draftResolution: detail.draftResolution ?? '',
  };
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const set = <K extends keyof typeof initial>(k: K, v: (typeof initial)[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const fields = [
    'kind',
    'plannedDate',
    'plannedTime',
    'dateReason',
    'changeReason',
    'location',
    'preparerMemberId',
    'chairMemberId',
    'minuteTakerMemberId',
    'preparatoryHeldOn',
    'preparatoryMinutes',
    'noticeContent',
    'draftResolution',
  ] as const;
  const errors = useFormErrors(fields);

  const write = useMeetingWrite(detail.id, (body: UpdateBody) => api.patch(`/meetings/${detail.id}`, body), {
    done: t('meetingPrep.saved'),
    onDone: () => {
      setSaved({ ...form, changeReason: '' });
      setForm((f) => ({ ...f, changeReason: '' }));
      errors.clear();
    },
    onError: (e) => errors.fromError(e),
  });

  const dateChanged = form.plannedDate !== saved.plannedDate;
  const offRule = dateProblems(detail, form.kind, form.plannedDate, '').length > 0;
  const problems = dateProblems(detail, form.kind, form.plannedDate, form.dateReason);

  const submit = () => {
    const body: Record<string, unknown> = {};
    const nullable = (v: string) => (v.trim() === '' ? null : v);
    for (const k of fields) {
      if (k === 'changeReason') continue;
      if (form[k] === saved[k]) continue;
      const v = form[k];
      body[k] =
        k === 'kind' || k === 'plannedDate' || k === 'plannedTime' || k === 'location'
          ? v
          : typeof v === 'string'
            ? nullable(v)
            : v;
    }
    if (dateChanged) body.changeReason = form.changeReason;
    if (Object.keys(body).length === 0) return;
    const local: FieldErrors = {};
    if (dateChanged && form.changeReason.trim() === '')
      local.changeReason = t('meetingPrep.changeReasonNeeded');
    if (offRule && form.dateReason.trim() === '') local.dateReason = msg(problems[0]?.message);
    if (Object.keys(local).length > 0) {
      for (const [k, v] of Object.entries(local)) errors.setField(k, v);
      return;
    }
    const parsed = updateMeetingBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    write.mutate(parsed.data);
  };

  const roll = detail.attendance.map((r) => ({ value: r.memberId, label: r.name }));
  const picker = (name: 'preparerMemberId' | 'chairMemberId' | 'minuteTakerMemberId', label: string) => (
    <Select
      label={label}
      data={roll}
      value={form[name]}
      onChange={(v) => set(name, v)}
      searchable
      clearable
      placeholder={t('meetingPrep.pickMember')}
      nothingFoundMessage={t('memberSelect.none')}
      error={errors.fieldErrors[name]}
    />
  );

  return (
    <Section title={t('meetingPrep.title')}>
      <form
        ref={errors.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <NativeSelect
            label={t('meetingPrep.kind')}
            value={form.kind}
            onChange={(e) => set('kind', e.currentTarget.value as typeof form.kind)}
            data={meetingKinds.map((k) => ({ value: k, label: meetingKindLabel(t, k) }))}
            error={errors.fieldErrors.kind}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('meetingPrep.date')}
              value={form.plannedDate}
              onChange={(v) => set('plannedDate', v)}
              required
              error={errors.fieldErrors.plannedDate}
            />
            <TextInput
              label={t('meetingPrep.time')}
              description={t('meetingPrep.timeHint')}
              value={form.plannedTime}
              onChange={(e) => set('plannedTime', e.currentTarget.value)}
              inputMode="numeric"
              error={errors.fieldErrors.plannedTime}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('meeting.ruleSource', { document: detail.ruleSet.document })}
          </Text>
          {offRule || form.dateReason ? (
            <Textarea
              label={t('meetingPrep.dateReason')}
              description={problems[0] ? msg(problems[0].message) : t('meetingPrep.dateReasonHint')}
              value={form.dateReason}
              onChange={(e) => set('dateReason', e.currentTarget.value)}
              autosize
              minRows={2}
              required={offRule}
              error={errors.fieldErrors.dateReason}
            />
          ) : null}
          {dateChanged ? (
            <Textarea
              label={t('meetingPrep.changeReason')}
              description={t('meetingPrep.changeReasonHint', { date: formatDate(saved.plannedDate) })}
              value={form.changeReason}
              onChange={(e) => set('changeReason', e.currentTarget.value)}
              autosize
              minRows={2}
              required
              error={errors.fieldErrors.changeReason}
            />
          ) : null}
          <TextInput
            label={t('meetingPrep.location')}
            value={form.location}
            onChange={(e) => set('location', e.currentTarget.value)}
            error={errors.fieldErrors.location}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {picker('preparerMemberId', t('meetingPrep.preparer'))}
            {picker('chairMemberId', t('meetingPrep.chair'))}
            {picker('minuteTakerMemberId', t('meetingPrep.minuteTaker'))}
          </SimpleGrid>
          <DateField
            label={t('meetingPrep.preparatoryHeldOn')}
            value={form.preparatoryHeldOn}
            onChange={(v) => set('preparatoryHeldOn', v)}
            error={errors.fieldErrors.preparatoryHeldOn}
          />
          <Textarea
            label={t('meetingPrep.preparatoryMinutes')}
            value={form.preparatoryMinutes}
            onChange={(e) => set('preparatoryMinutes', e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.fieldErrors.preparatoryMinutes}
          />
          <Textarea
            label={t('meetingPrep.noticeContent')}
            value={form.noticeContent}
            onChange={(e) => set('noticeContent', e.currentTarget.value)}
            autosize
            minRows={3}
            error={errors.fieldErrors.noticeContent}
          />
          <Textarea
            label={t('meetingPrep.draftResolution')}
            value={form.draftResolution}
            onChange={(e) => set('draftResolution', e.currentTarget.value)}
            autosize
            minRows={4}
            error={errors.fieldErrors.draftResolution}
          />
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={write.isPending}>
              {t('meetingPrep.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {value && value.trim() !== '' ? value : t('common.none')}
      </Text>
    </div>
  );
}

function PreparationView({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t('meetingPrep.title')}>
      <Stack gap="sm" component="dl" m={0}>
        <Field label={t('meetingPrep.kind')} value={meetingKindLabel(t, detail.kind)} />
        <Field
          label={t('meetingPrep.date')}
          value={t('meeting.when', { date: formatDate(detail.plannedDate), time: detail.plannedTime })}
        />
        {detail.dateReason ? <Field label={t('meetingPrep.dateReason')} value={detail.dateReason} /> : null}
        <Field label={t('meetingPrep.location')} value={detail.location} />
        <Field label={t('meetingPrep.preparer')} value={detail.preparer?.name} />
        <Field label={t('meetingPrep.chair')} value={detail.chair?.name} />
        <Field label={t('meetingPrep.minuteTaker')} value={detail.minuteTaker?.name} />
        <Field label={t('meetingPrep.preparatoryHeldOn')} value={formatDate(detail.preparatoryHeldOn)} />
        <Field label={t('meetingPrep.noticeContent')} value={detail.noticeContent} />
        <Field label={t('meetingPrep.draftResolution')} value={detail.draftResolution} />
      </Stack>
    </Section>
  );
}
