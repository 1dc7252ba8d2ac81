// The member's side of the meeting cycle on the home page: upcoming meetings (confirm attendance or ask to be
// excused, materials, the room and check-in), recent meetings, and the personal calendar feed for a phone.
import { Alert, Button, Card, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { MeetingAction, myMeetingsResponse } from '../../../contracts/meetings.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorNotice, Loading, useErrorMessage } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate } from '../../lib/dates.ts';
import { meetingKindLabel } from '../../components/labels.ts';
import { meetingStatusLabel, meetingStatusTone } from '../plan/api.ts';
import { myMeetingsQuery } from './api.ts';
import { useRsvp } from './rsvp.ts';

// The form to ask to be excused (a modal dialog) loads when a member opens it, not with the home.
const AbsenceForm = lazy(() => import('./AbsenceForm.tsx'));

type MyMeetings = z.infer<typeof myMeetingsResponse>;
export type Upcoming = MyMeetings['upcoming'][number];

/** The actions a member takes in the live room: any of them puts the room's link on the card. */
const roomActions: readonly MeetingAction[] = ['check_in', 'cast_vote'];

function UpcomingCard({ meeting, onAbsence }: { meeting: Upcoming; onAbsence: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const confirm = useRsvp(meeting.id, () =>
    notifications.show({ color: 'green', message: t('myMeetings.confirmSent') }),
  );
  const title = meetingKindLabel(t, meeting.kind);
  // What the member may do comes from the server's actions alone (ADR 008): answering before the meeting starts,
  // checking in or voting in the room once it is in session ("open the meeting" leads to the room then too).
  const canAnswer = meeting.actions.includes('rsvp');
  const roomOpen = roomActions.some((a) => meeting.actions.includes(a));
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={`upcoming-${meeting.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Title order={3} size="h4" id={`upcoming-${meeting.id}`}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {meeting.organizationName}
            </Text>
          </div>
          <ToneBadge tone={meetingStatusTone[meeting.status]} style={{ flexShrink: 0 }}>
            {meetingStatusLabel(t, meeting.status)}
          </ToneBadge>
        </Group>
        <Text fw={600} size="lg">
          {t('myMeetings.when', { time: meeting.plannedTime, date: formatDate(meeting.plannedDate) })}
        </Text>
        <Text>
          {meeting.location ? t('myMeetings.place', { place: meeting.location }) : t('myMeetings.noPlace')}
        </Text>
        <Text size="sm">
          {meeting.materialsCount === 0
            ? t('myMeetings.noMaterials')
            : t('myMeetings.materials', { count: meeting.materialsCount })}
          {meeting.unreadMaterials > 0 ? (
            <Text span inherit c="partyRed.8" fw={700}>
              {` · ${t('myMeetings.unread', { count: meeting.unreadMaterials })}`}
            </Text>
          ) : null}
        </Text>
        {meeting.rsvp ? (
          <div>
            <ToneBadge tone={meeting.rsvp === 'confirmed' ? 'green' : 'orange'} size="lg">
              {meeting.rsvp === 'confirmed' ? t('myMeetings.confirmed') : t('myMeetings.absenceRequested')}
            </ToneBadge>
          </div>
        ) : null}
        {confirm.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(confirm.error)}
          </Alert>
        ) : null}
        <Group gap="sm" mt={4}>
          {canAnswer && meeting.rsvp !== 'confirmed' ? (
            <Button
              onClick={() => confirm.mutate({ response: 'confirmed' })}
              loading={confirm.isPending}
              aria-label={`${t('myMeetings.confirm')}: ${title} ${formatDate(meeting.plannedDate)}`}
            >
              {t('myMeetings.confirm')}
            </Button>
          ) : null}
          {canAnswer && meeting.rsvp !== 'absence_requested' ? (
            <Button
              variant="outline"
              onClick={onAbsence}
              aria-label={`${t('myMeetings.absence')}: ${title} ${formatDate(meeting.plannedDate)}`}
            >
              {t('myMeetings.absence')}
            </Button>
          ) : null}
        </Group>
        <Group gap="md">
          {roomOpen ? (
            <AnchorLink to="/meetings/$id" params={{ id: meeting.id }} search={{ tab: 'room' }} fw={700}>
              {t('myMeetings.room')}
            </AnchorLink>
          ) : null}
          <AnchorLink to="/meetings/$id" params={{ id: meeting.id }}>
            {t('myMeetings.open')}
          </AnchorLink>
        </Group>
      </Stack>
    </Card>
  );
}

function CalendarFeed({ url }: { url: string }) {
  const { t } = useTranslation();
  const absolute = /^https?:\/\//.test(url) ? url : `${window.location.origin}${url}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="calendar-feed-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="calendar-feed-heading">
          {t('myMeetings.calendar')}
        </Title>
        <Text size="sm">{t('myMeetings.calendarHint')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('myMeetings.calendarLabel')}
            value={absolute}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: 1, minWidth: 0 }}
          />
          <CopyButton value={absolute}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'outline'}
                color={copied ? 'green.9' : undefined}
                onClick={copy}
              >
                {copied ? t('myMeetings.copied') : t('myMeetings.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Card>
  );
}

export function MyMeetings() {
  const { t } = useTranslation();
  const query = useQuery(myMeetingsQuery);
  const [absence, setAbsence] = useState<Upcoming | null>(null);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  const { upcoming, recent, calendarUrl } = query.data;
  return (
    <Stack gap="lg">
      <Stack gap="sm" component="section" aria-labelledby="upcoming-heading">
        <Title order={2} id="upcoming-heading">
          {t('myMeetings.upcoming')}
        </Title>
        {upcoming.length === 0 ? (
          <Text c="dimmed">{t('myMeetings.noUpcoming')}</Text>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {upcoming.map((m) => (
              <UpcomingCard key={m.id} meeting={m} onAbsence={() => setAbsence(m)} />
            ))}
          </Stack>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="recent-heading">
        <Title order={2} id="recent-heading">
          {t('myMeetings.recent')}
        </Title>
        {recent.length === 0 ? (
          <Text c="dimmed">{t('myMeetings.noRecent')}</Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {recent.map((m) => (
              <Paper key={m.id} withBorder p="sm" radius="md" component="li">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <AnchorLink to="/meetings/$id" params={{ id: m.id }} fw={600}>
                      {meetingKindLabel(t, m.kind)} {formatDate(m.plannedDate)}
                    </AnchorLink>
                    <Text size="sm" c="dimmed">
                      {m.organizationName}
                      {m.decisionNumber ? ` · ${m.decisionNumber}` : ''}
                    </Text>
                  </div>
                  <ToneBadge tone={meetingStatusTone[m.status]} style={{ flexShrink: 0 }}>
                    {meetingStatusLabel(t, m.status)}
                  </ToneBadge>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {calendarUrl ? <CalendarFeed url={calendarUrl} /> : null}
      {absence ? (
        <Suspense fallback={null}>
          <AbsenceForm meeting={absence} onClose={() => setAbsence(null)} />
        </Suspense>
      ) : null}
    </Stack>
  );
}
