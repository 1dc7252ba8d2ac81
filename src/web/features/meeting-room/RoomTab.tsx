// The live room. Those who run the meeting start and end it, show the check-in code (large, with a QR code for a
// projector), mark attendance, lead the agenda, record contributions, votes and tasks, and review last month's
// tasks. Members check in with the code, see their own status and cast their ballot.
import { Alert, Box, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../components/forms.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { AgendaRoom } from './AgendaRoom.tsx';
import { Attendance, AttendanceCounts } from './Attendance.tsx';
import { can, type MeetingDetail, myRow, useMeetingWrite } from '../meetings/queries.ts';
import { Section } from '../../components/Section.tsx';
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
      {detail.checkinCode ? <CheckinCode detail={detail} /> : null}
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

function CheckinCode({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const code = detail.checkinCode ?? '';
  const url = `${window.location.origin}/meetings/${detail.id}?tab=room&code=${encodeURIComponent(code)}`;
  return (
    <Section title={t('meetingRoom.checkinCode')}>
      <Group gap="xl" wrap="wrap" align="center" justify="center">
        <Stack gap={4} align="center">
          <Text
            data-testid="checkin-code"
            ff="monospace"
            fw={800}
            lh={1}
            style={{ fontSize: 'clamp(48px, 12vw, 120px)', letterSpacing: '0.12em' }}
            aria-label={t('meetingRoom.codeIs', { code: code.split('').join(' ') })}
          >
            {code}
          </Text>
          <Text c="dimmed" ta="center">
            {t('meetingRoom.codeHint')}
          </Text>
        </Stack>
        <Box bg="white" p="sm" style={{ borderRadius: 8 }}>
          <QRCodeSVG
            value={url}
            size={220}
            level="M"
            marginSize={2}
            title={t('meetingRoom.qrTitle')}
            style={{ width: 'min(220px, 60vw)', height: 'auto', display: 'block' }}
          />
        </Box>
      </Group>
    </Section>
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
                autoCapitalize="characters"
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
      </Stack>
    </Paper>
  );
}
