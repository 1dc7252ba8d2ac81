// Preparation of a meeting: kind, date and place (checked against the rule set), who prepares, chairs and takes
// the minutes, the preparatory meeting, the notice, the draft resolution, the agenda and the materials; then the
// notice is published. Members confirm attendance or ask to be excused here. Others see the same, read-only.
import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createdResponse } from '../../../contracts/common.ts';
import { addAgendaItemBody, meetingKinds, rsvpBody, updateMeetingBody } from '../../../contracts/meetings.ts';
import { builtInRuleSets, checkMeetingDate } from '../../../domain/meeting-rules.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { type FieldErrors, useFormErrors } from '../../components/forms.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { kindLabel } from './MeetingPage.tsx';
import { type AgendaItem, can, type MeetingDetail, myRow, useMeetingWrite } from './queries.ts';
import { Section } from './Section.tsx';
import { useMessage } from '../../components/message.ts';

type UpdateBody = z.input<typeof updateMeetingBody>;

const sections = ['opening', 'main', 'closing'] as const;

export function PreparationTab({ detail }: { detail: MeetingDetail }) {
  const manage = can(detail, 'manage');
  return (
    <Stack gap="lg">
      <Rsvp detail={detail} />
      {manage ? <PreparationForm key={detail.id} detail={detail} /> : <PreparationView detail={detail} />}
      <Agenda detail={detail} editable={manage} />
      <Materials detail={detail} editable={manage} />
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
  const editable = detail.status === 'planned' || detail.status === 'notified';

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
      disabled={!editable}
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
            data={meetingKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            disabled={!editable}
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
              disabled={!editable}
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
            disabled={!editable}
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
            disabled={!editable}
            error={errors.fieldErrors.preparatoryMinutes}
          />
          <Textarea
            label={t('meetingPrep.noticeContent')}
            value={form.noticeContent}
            onChange={(e) => set('noticeContent', e.currentTarget.value)}
            autosize
            minRows={3}
            disabled={!editable}
            error={errors.fieldErrors.noticeContent}
          />
          <Textarea
            label={t('meetingPrep.draftResolution')}
            value={form.draftResolution}
            onChange={(e) => set('draftResolution', e.currentTarget.value)}
            autosize
            minRows={4}
            disabled={!editable}
            error={errors.fieldErrors.draftResolution}
          />
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          {editable ? (
            <Group justify="flex-end">
              <Button type="submit" loading={write.isPending}>
                {t('meetingPrep.save')}
              </Button>
            </Group>
          ) : null}
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
        <Field label={t('meetingPrep.kind')} value={kindLabel(t, detail.kind)} />
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

function Agenda({ detail, editable }: { detail: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<(typeof sections)[number]>('main');
  const [title, setTitle] = useState('');
  const errors = useFormErrors(['title', 'section']);
  const add = useMeetingWrite(
    detail.id,
    (body: z.input<typeof addAgendaItemBody>) =>
      api.post(`/meetings/${detail.id}/agenda`, body, createdResponse),
    {
      done: t('meetingPrep.agendaAdded'),
      onDone: () => {
        setTitle('');
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  const bySection = (s: AgendaItem['section']) => detail.agenda.filter((a) => a.section === s);
  const canAdd = editable && detail.status !== 'adopted' && detail.status !== 'cancelled';
  return (
    <Section title={t('meetingPrep.agenda')}>
      {sections.map((s) => (
        <Stack key={s} gap={4}>
          <Title order={4}>{t(`meetingPrep.section_${s}`)}</Title>
          {bySection(s).length === 0 ? (
            <Text c="dimmed">{t('common.none')}</Text>
          ) : (
            <ol style={{ margin: 0, paddingLeft: 22 }}>
              {bySection(s).map((a) => (
                <li key={a.id}>
                  <Text>{a.title}</Text>
                </li>
              ))}
            </ol>
          )}
        </Stack>
      ))}
      {canAdd ? (
        <form
          ref={errors.formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = addAgendaItemBody.safeParse({ section, title });
            if (!parsed.success) return errors.fromZod(parsed.error);
            add.mutate(parsed.data);
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('meetingPrep.agendaSection')}
              value={section}
              onChange={(e) => setSection(e.currentTarget.value as typeof section)}
              data={sections.map((s) => ({ value: s, label: t(`meetingPrep.section_${s}`) }))}
            />
            <TextInput
              label={t('meetingPrep.agendaTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.fieldErrors.title}
              style={{ flex: '1 1 220px' }}
            />
            <Button type="submit" variant="outline" loading={add.isPending}>
              {t('meetingPrep.agendaAdd')}
            </Button>
          </Group>
          {errors.formError ? (
            <Text c="red.8" size="sm" role="alert" mt={4}>
              {errors.formError}
            </Text>
          ) : null}
        </form>
      ) : null}
    </Section>
  );
}

const acceptFiles =
  'application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg,image/webp';

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Materials({ detail, editable }: { detail: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [versionOf, setVersionOf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMeetingWrite(
    detail.id,
    (form: FormData) => api.upload(`/meetings/${detail.id}/materials`, form, createdResponse),
    {
      done: t('meetingPrep.uploaded'),
      onDone: () => {
        setFile(null);
        setTitle('');
        setVersionOf(null);
        setError(null);
      },
    },
  );
  const submit = () => {
    if (!file) return setError(t('meetingPrep.fileNeeded'));
    const existing = detail.materials.find((m) => m.id === versionOf);
    const name = existing?.title ?? (title.trim() || file.name);
    const form = new FormData();
    form.set('file', file);
    form.set('title', name);
    if (existing) form.set('materialId', existing.id);
    setError(null);
    upload.mutate(form);
  };
  return (
    <Section title={t('meetingPrep.materials')}>
      {detail.materials.length === 0 ? (
        <Text c="dimmed">{t('meetingPrep.noMaterials')}</Text>
      ) : (
        <Stack gap="sm">
          {detail.materials.map((m) => (
            <Card key={m.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={700}>{m.title}</Text>
                <Text size="sm" c="dimmed">
                  {t('meetingPrep.readCount', { count: m.readCount })}
                  {m.readByMe ? ` · ${t('meetingPrep.readByMe')}` : ''}
                </Text>
              </Group>
              <Stack gap={2} mt={4}>
                {[...m.versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => (
                    <Group key={v.id} gap="xs" wrap="wrap">
                      <a href={`/api/material-versions/${v.id}/download`}>
                        {t('meetingPrep.version', { version: v.version })}: {v.fileName}
                      </a>
                      <Text size="sm" c="dimmed">
                        {sizeLabel(v.sizeBytes)} · {formatDateTime(v.uploadedAt)}
                      </Text>
                    </Group>
                  ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {editable && detail.status !== 'adopted' && detail.status !== 'cancelled' ? (
        <Stack gap="sm">
          {detail.materials.length > 0 ? (
            <NativeSelect
              label={t('meetingPrep.uploadAs')}
              value={versionOf ?? ''}
              onChange={(e) => setVersionOf(e.currentTarget.value || null)}
              data={[
                { value: '', label: t('meetingPrep.newMaterial') },
                ...detail.materials.map((m) => ({
                  value: m.id,
                  label: t('meetingPrep.newVersionOf', { title: m.title }),
                })),
              ]}
            />
          ) : null}
          {versionOf ? null : (
            <TextInput
              label={t('meetingPrep.materialTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
          )}
          <FileInput
            label={t('meetingPrep.file')}
            description={t('meetingPrep.fileHint')}
            accept={acceptFiles}
            value={file}
            onChange={setFile}
            clearable
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="outline" onClick={submit} loading={upload.isPending}>
              {t('meetingPrep.upload')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Section>
  );
}

function Publish({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const publish = useMeetingWrite(
    detail.id,
    () => api.post<{ ok: true; warnings: string[] }>(`/meetings/${detail.id}/publish`, {}),
    { done: t('meetingPrep.published'), onDone: (r) => setWarnings(r.warnings) },
  );
  if (!can(detail, 'publish') && !warnings && !detail.noticePublishedAt) return null;
  return (
    <Section title={t('meetingPrep.notice')}>
      {detail.noticePublishedAt ? (
        <Text>{t('meetingPrep.publishedAt', { at: formatDateTime(detail.noticePublishedAt) })}</Text>
      ) : (
        <Text c="dimmed">{t('meetingPrep.notPublished')}</Text>
      )}
      {warnings && warnings.length > 0 ? (
        <Alert color="orange" variant="light" title={t('meetingPrep.warnings')} role="alert">
          <Stack gap={4}>
            {warnings.map((w) => (
              <Text key={w}>{w}</Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {can(detail, 'publish') ? (
        <Group>
          <Button onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
            {t('meetingPrep.publish')}
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}

function Rsvp({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const me = myRow(detail);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const errors = useFormErrors(['reason']);
  const send = useMeetingWrite(
    detail.id,
    (body: z.input<typeof rsvpBody>) => api.post(`/meetings/${detail.id}/rsvp`, body),
    {
      done: t('meetingPrep.rsvpSaved'),
      onDone: () => {
        setAsking(false);
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  if (!me || !can(detail, 'rsvp')) return null;
  const submitAbsence = () => {
    const parsed = rsvpBody.safeParse({ response: 'absence_requested', reason });
    if (!parsed.success) return errors.fromZod(parsed.error);
    send.mutate(parsed.data);
  };
  return (
    <Card withBorder padding="md" component="section" aria-label={t('meetingPrep.rsvp')}>
      <Stack gap="sm">
        <Title order={3}>{t('meetingPrep.rsvp')}</Title>
        <Text>
          {me.rsvp === 'confirmed'
            ? t('meetingPrep.rsvpConfirmed')
            : me.rsvp === 'absence_requested'
              ? t('meetingPrep.rsvpAbsent', { reason: me.rsvpReason ?? '' })
              : t('meetingPrep.rsvpNone')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button
            variant={me.rsvp === 'confirmed' ? 'filled' : 'outline'}
            onClick={() => send.mutate({ response: 'confirmed' })}
            loading={send.isPending && !asking}
          >
            {t('meetingPrep.confirm')}
          </Button>
          <Button variant="outline" color="dark" onClick={() => setAsking(true)}>
            {t('meetingPrep.askAbsence')}
          </Button>
        </Group>
        {asking ? (
          <form
            ref={errors.formRef}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submitAbsence();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('meetingPrep.absenceReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                required
                error={errors.fieldErrors.reason}
              />
              <Group gap="sm">
                <Button type="submit" loading={send.isPending}>
                  {t('meetingPrep.sendAbsence')}
                </Button>
                <Button variant="default" onClick={() => setAsking(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
