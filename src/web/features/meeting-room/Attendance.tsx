// Attendance in the live room: the counts everyone sees (with the vote base and quorum), and for those who run the
// meeting one-tap buttons per member, split into full members, probationary members and temporary attendees.
import { Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { attendanceBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { type AttendanceRow, can, type MeetingDetail, useMeetingWrite } from '../meetings/queries.ts';
import { Section, Stat } from '../../components/Section.tsx';

type Body = z.input<typeof attendanceBody>;

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

export function AttendanceCounts({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const s = detail.summary;
  return (
    <Section title={t('meetingRoom.counts')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="attendance-counts">
        <Stat label={t('meetingRoom.present')} value={`${s.present}/${s.total}`} testId="present-count" />
        <Stat label={t('meetingRoom.presentFull')} value={`${s.presentFull}/${s.full}`} />
        <Stat
          label={t('meetingRoom.presentProbationary')}
          value={`${s.presentProbationary}/${s.probationary}`}
        />
        <Stat label={t('meetingRoom.presentTemporary')} value={`${s.presentTemporary}/${s.temporary}`} />
        <Stat label={t('meetingRoom.absentExcused')} value={s.absentExcused} />
        <Stat label={t('meetingRoom.absentUnexcused')} value={s.absentUnexcused} />
        <Stat label={t('meetingRoom.exempt')} value={s.exempt} />
        <Stat label={t('meetingRoom.rate')} value={percent(s.rate)} />
      </SimpleGrid>
      <Text data-testid="vote-base">
        {t('meetingRoom.voteBase', { base: s.voteBase, source: t('meetingRoom.charter') })}
        {' · '}
        {t('meetingRoom.eligiblePresent', { count: s.eligiblePresent })}
      </Text>
      {s.unmarked > 0 ? <Text c="dimmed">{t('meetingRoom.unmarked', { count: s.unmarked })}</Text> : null}
    </Section>
  );
}

const groups = ['full', 'probationary', 'temporary'] as const;

function groupLabel(t: TFunction, g: (typeof groups)[number]): string {
  if (g === 'full') return t('meetingRoom.group_full');
  if (g === 'probationary') return t('meetingRoom.group_probationary');
  return t('meetingRoom.group_temporary');
}

function groupOf(r: AttendanceRow): (typeof groups)[number] {
  if (r.temporary) return 'temporary';
  return r.memberClass;
}

export function Attendance({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [excusing, setExcusing] = useState<AttendanceRow | null>(null);
  const mark = useMeetingWrite(detail.id, (body: Body) =>
    api.post(`/meetings/${detail.id}/attendance`, body),
  );
  const editable = can(detail, 'record_attendance');
  return (
    <Section title={t('meetingRoom.attendance')}>
      {groups.map((g) => {
        const rows = detail.attendance.filter((r) => groupOf(r) === g);
        if (rows.length === 0) return null;
        const present = rows.filter((r) => r.status === 'present').length;
        return (
          <Stack key={g} gap="xs">
            <Text fw={700} size="lg">
              {groupLabel(t, g)} ({present}/{rows.length})
            </Text>
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {rows.map((r) => (
                <li key={r.memberId} data-testid="attendance-row">
                  <AttendanceLine
                    row={r}
                    editable={editable && !r.exempt}
                    pending={mark.isPending && mark.variables?.memberId === r.memberId}
                    onMark={(status) =>
                      status === 'absent_excused'
                        ? setExcusing(r)
                        : mark.mutate({ memberId: r.memberId, status })
                    }
                  />
                </li>
              ))}
            </Stack>
          </Stack>
        );
      })}
      {excusing ? <ExcuseForm detail={detail} row={excusing} onClose={() => setExcusing(null)} /> : null}
    </Section>
  );
}

function statusBadge(t: TFunction, r: AttendanceRow) {
  if (r.exempt || r.status === 'exempt')
    return <ToneBadge tone="blue">{t('meetingRoom.exemptOne')}</ToneBadge>;
  switch (r.status) {
    case 'present':
      return <ToneBadge tone="green">{t('meetingRoom.statusPresent')}</ToneBadge>;
    case 'absent_excused':
      return <ToneBadge tone="orange">{t('meetingRoom.statusExcused')}</ToneBadge>;
    case 'absent_unexcused':
      return <ToneBadge tone="red">{t('meetingRoom.statusUnexcused')}</ToneBadge>;
    default:
      return <ToneBadge tone="gray">{t('meetingRoom.statusUnmarked')}</ToneBadge>;
  }
}

function AttendanceLine({
  row,
  editable,
  pending,
  onMark,
}: {
  row: AttendanceRow;
  editable: boolean;
  pending: boolean;
  onMark: (status: 'present' | 'absent_excused' | 'absent_unexcused') => void;
}) {
  const { t } = useTranslation();
  const note = [
    row.checkedInAt
      ? t(
          row.checkInMethod === 'code'
            ? 'meetingRoom.byCode'
            : row.checkInMethod === 'pass'
              ? 'meetingRoom.byPass'
              : 'meetingRoom.byTap',
          { at: formatDateTime(row.checkedInAt).slice(0, 5) },
        )
      : null,
    row.reason,
    row.status === null && row.rsvp === 'absence_requested'
      ? t('meetingRoom.askedAbsence', { reason: row.rsvpReason ?? '' })
      : null,
  ].filter(Boolean);
  const choice = (
    status: 'present' | 'absent_excused' | 'absent_unexcused',
    label: string,
    color: string,
  ) => (
    <Button
      size="compact-md"
      variant={row.status === status ? 'filled' : 'outline'}
      color={color}
      disabled={pending}
      aria-pressed={row.status === status}
      aria-label={`${label}: ${row.name}`}
      onClick={() => onMark(status)}
    >
      {label}
    </Button>
  );
  return (
    <Group
      gap="xs"
      justify="space-between"
      wrap="wrap"
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={0} style={{ minWidth: 0, flex: '1 1 180px' }}>
        <Group gap={6} wrap="wrap">
          <Text fw={600}>{row.name}</Text>
          {statusBadge(t, row)}
        </Group>
        {note.length > 0 ? (
          <Text size="sm" c="dimmed">
            {note.join(' · ')}
          </Text>
        ) : null}
      </Stack>
      {editable ? (
        <Group gap={6} wrap="wrap">
          {choice('present', t('meetingRoom.markPresent'), 'green.8')}
          {choice('absent_excused', t('meetingRoom.markExcused'), 'orange.9')}
          {choice('absent_unexcused', t('meetingRoom.markUnexcused'), 'partyRed.8')}
        </Group>
      ) : null}
    </Group>
  );
}

function ExcuseForm({
  detail,
  row,
  onClose,
}: {
  detail: MeetingDetail;
  row: AttendanceRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(row.rsvpReason ?? '');
  const errors = useFormErrors(['reason']);
  const save = useMeetingWrite(
    detail.id,
    (body: Body) => api.post(`/meetings/${detail.id}/attendance`, body),
    {
      onDone: onClose,
      onError: (e) => errors.fromError(e),
    },
  );
  return (
    <FormModal
      title={t('meetingRoom.excuseTitle', { name: row.name })}
      onClose={onClose}
      onSubmit={() => {
        if (reason.trim() === '') return errors.setField('reason', t('meetingRoom.reasonNeeded'));
        save.mutate({ memberId: row.memberId, status: 'absent_excused', reason });
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={save.isPending}
    >
      <Textarea
        label={t('meetingRoom.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        required
        data-autofocus
        error={errors.fieldErrors.reason}
      />
    </FormModal>
  );
}
