// The live room. Those who run the meeting start and end it, show the check-in code (large, changing every 30
// seconds, with a QR code for a projector), scan members' personal passes, mark attendance, lead the agenda, record
// contributions, votes and tasks, and review last month's tasks. Members check in with the code (or show their
// personal pass), see their own status and cast their ballot.
import { Alert, Button, Divider, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../components/forms.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { AgendaRoom } from './AgendaRoom.tsx';
import { MyPass, PassScanner, RoomCode } from './Checkin.tsx';
import { Attendance, AttendanceCounts } from './Attendance.tsx';
import { can, type MeetingDetail, myRow, useMeetingWrite } from '../meetings/queries.ts';
import { PreviousTasks, Tasks } from './Tasks.tsx';
import { Votes } from './Votes.tsx';

export function RoomTab({ detail, code }: { detail: MeetingDetail; code?: string }) {
  const { t } = useTranslation();
  // Those who mark attendance are marked by tapping, not by the code; the server sends them the code meanwhile.
  const marks = can(detail, 'record_attendance');
  return (
    <Stack gap="lg">
      <SessionBar detail={detail} />
      {!marks && detail.me ? <MyPresence detail={detail} code={code} /> : null}
      {detail.checkinCode ? <RoomCode detail={detail} /> : null}
      {detail.checkinCode ? <PassScanner detail={detail} /> : null}
      {detail.status === 'planned' || detail.status === 'notified' ? (
        <Text c="dimmed">{t('meetingRoom.notStarted')}</Text>
      ) : null}
      {detail.status !== 'planned' && detail.status !== 'notified' && detail.status !== 'cancelled' ? (
        <>
          <AttendanceCounts detail={detail} />
          <Votes detail={detail} />
          <AgendaRoom detail={detail} />
          {marks || can(detail, 'edit_minutes') ? <Attendance detail={detail} /> : null}
          <Tasks detail={detail} />
        </>
      ) : null}
      <PreviousTasks detail={detail} />
    </Stack>
  );
}

function SessionBar({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const start = useMeetingWrite(detail.id, () => api.post(`/meetings/${detail.id}/start`, {}), {
    done: t('meetingRoom.started'),
  });
  const end = useMeetingWrite(detail.id, () => api.post(`/meetings/${detail.id}/end`, {}), {
    done: t('meetingRoom.ended'),
  });
  const canStart = can(detail, 'start');
  const canEnd = can(detail, 'end');
  const times = [
    detail.startedAt ? t('meetingRoom.startedAt', { at: formatDateTime(detail.startedAt) }) : null,
    detail.endedAt ? t('meetingRoom.endedAt', { at: formatDateTime(detail.endedAt) }) : null,
    detail.durationMinutes !== null
      ? t('meetingRoom.duration', { minutes: detail.durationMinutes, min: detail.ruleSet.minDurationMinutes })
      : null,
  ].filter(Boolean);
  if (!canStart && !canEnd && times.length === 0) return null;
  return (
    <Group gap="sm" wrap="wrap" justify="space-between">
      <Text>{times.join(' · ')}</Text>
      <Group gap="sm">
        {canStart ? (
          <Button size="lg" onClick={() => start.mutate(undefined)} loading={start.isPending}>
            {t('meetingRoom.start')}
          </Button>
        ) : null}
        {canEnd ? (
          <Button
            size="lg"
            color="dark"
            onClick={() => {
              if (window.confirm(t('meetingRoom.endConfirm'))) end.mutate(undefined);
            }}
            loading={end.isPending}
          >
            {t('meetingRoom.end')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

function MyPresence({ detail, code }: { detail: MeetingDetail; code?: string }) {
  const { t } = useTranslation();
  const row = myRow(detail);
  const [value, setValue] = useState(code ?? '');
  const errors = useFormErrors(['code']);
  const checkIn = useMeetingWrite(
    detail.id,
    (body: { code: string }) => api.post(`/meetings/${detail.id}/check-in`, body),
    { done: t('meetingRoom.checkedIn'), onDone: () => errors.clear(), onError: (e) => errors.fromError(e) },
  );
  if (!row) {
    return (
      <Text c="dimmed" role="note">
        {t('meetingRoom.notOnRoll')}
      </Text>
    );
  }
  const statusText =
    row.status === 'present'
      ? row.checkedInAt
        ? t('meetingRoom.youPresentAt', { at: formatDateTime(row.checkedInAt) })
        : t('meetingRoom.youPresent')
      : row.status === 'absent_excused'
        ? t('meetingRoom.youAbsentExcused')
        : row.status === 'absent_unexcused'
          ? t('meetingRoom.youAbsentUnexcused')
          : row.status === 'exempt' || row.exempt
            ? t('meetingRoom.youExempt')
            : t('meetingRoom.youUnmarked');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('meetingRoom.myPresence')}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('meetingRoom.myPresence')}
        </Title>
        <Text size="lg" fw={600} data-testid="my-status">
          {statusText}
        </Text>
        {can(detail, 'check_in') && row.status !== 'present' ? (
          <form
            ref={errors.formRef}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const parsed = checkInBody.safeParse({ code: value });
              if (!parsed.success) return errors.fromZod(parsed.error);
              checkIn.mutate({ code: parsed.data.code.toUpperCase() });
            }}
          >
            <Stack gap="sm">
              <TextInput
                label={t('meetingRoom.enterCode')}
                description={t('meetingRoom.enterCodeHint')}
                value={value}
                onChange={(e) => setValue(e.currentTarget.value)}
                autoComplete="off"
                inputMode="numeric"
                maxLength={20}
                size="lg"
                styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.2em', fontSize: 28 } }}
                error={errors.fieldErrors.code}
              />
              {errors.formError && !errors.fieldErrors.code ? (
                <Alert color="red" variant="light" role="alert">
                  {errors.formError}
                </Alert>
              ) : null}
              <Button type="submit" size="lg" loading={checkIn.isPending}>
                {t('meetingRoom.checkIn')}
              </Button>
            </Stack>
          </form>
        ) : null}
        {can(detail, 'check_in') && row.status !== 'present' ? (
          <>
            <Divider label={t('meetingRoom.orPass')} labelPosition="center" />
            <MyPass detail={detail} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
