// One meeting: its status, rule set and compliance findings, then four tabs (search param `tab`): preparation, the
// live room, the minutes and the documents. The page listens to the room's events while it is open.
import { Alert, Box, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { meetingKindLabel } from '../../components/labels.ts';
import { AnchorLink } from '../../components/links.tsx';
import { Page } from '../../components/Page.tsx';
import { Loading, QueryBoundary } from '../../components/QueryState.tsx';
import { type Tone, ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate } from '../../lib/dates.ts';
import { type MeetingDetail, meetingQuery } from './queries.ts';
import type { MeetingTab } from './tabs.ts';
import { useMeetingEvents } from '../meeting-room/useMeetingEvents.ts';
import { useMessage } from '../../components/message.ts';

// Each tab is a chunk of its own, loaded when it opens: a member reading one tab does not download the
// secretary's editors, the room's check-in tools (QR scanner) or the documents of the others. Scoring carries the
// scoring engine and frameworks.
const tabChunks = {
  prep: () => import('./PreparationTab.tsx').then((m) => ({ default: m.PreparationTab })),
  room: () => import('../meeting-room/RoomTab.tsx').then((m) => ({ default: m.RoomTab })),
  minutes: () => import('./MinutesTab.tsx').then((m) => ({ default: m.MinutesTab })),
  docs: () => import('./DocumentsTab.tsx').then((m) => ({ default: m.DocumentsTab })),
  score: () => import('../scoring/ScoringTab.tsx'),
} satisfies Record<MeetingTab, unknown>;
const PreparationTab = lazy(tabChunks.prep);
const RoomTab = lazy(tabChunks.room);
const MinutesTab = lazy(tabChunks.minutes);
const DocumentsTab = lazy(tabChunks.docs);
const ScoringTab = lazy(tabChunks.score);

const statusTone: Record<MeetingDetail['status'], Tone> = {
  planned: 'gray',
  notified: 'blue',
  in_session: 'red',
  held: 'orange',
  adopted: 'green',
  cancelled: 'gray',
};

export const statusLabel = (t: TFunction, s: MeetingDetail['status']) => t(`meeting.status_${s}`);

function defaultTab(detail: MeetingDetail, code: string | undefined): MeetingTab {
  if (code || detail.status === 'in_session') return 'room';
  if (detail.status === 'held' || detail.status === 'adopted') return 'minutes';
  return 'prep';
}

export function MeetingPage() {
  const { id } = useParams({ from: '/app/meetings/$id' });
  const { tab } = useSearch({ from: '/app/meetings/$id' });
  const query = useQuery(meetingQuery(id));
  // A tab named in the address starts loading beside the meeting's data, not after it.
  useEffect(() => {
    if (tab) void tabChunks[tab]().catch(() => undefined);
  }, [tab]);
  return <QueryBoundary query={query}>{(detail) => <MeetingView detail={detail} />}</QueryBoundary>;
}

function MeetingView({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const search = useSearch({ from: '/app/meetings/$id' });
  const navigate = useNavigate({ from: '/meetings/$id' });
  const live = detail.status !== 'cancelled' && detail.status !== 'adopted';
  const connection = useMeetingEvents(detail.id, live);
  const tab = search.tab ?? defaultTab(detail, search.code);

  return (
    <Page
      title={msg(detail.title)}
      above={
        <AnchorLink to="/organizations/$id" params={{ id: detail.organization.id }}>
          {detail.organization.name}
        </AnchorLink>
      }
    >
      <Stack gap="xs" mt={-8}>
        <Group gap="xs" wrap="wrap">
          <ToneBadge tone={statusTone[detail.status]} size="lg">
            {statusLabel(t, detail.status)}
          </ToneBadge>
          <ToneBadge tone="gray" size="lg" outline>
            {meetingKindLabel(t, detail.kind)}
          </ToneBadge>
          {detail.decision ? (
            <ToneBadge tone="green" size="lg" outline>
              {t('meeting.decisionNumber', { number: detail.decision.number })}
            </ToneBadge>
          ) : null}
          {connection === 'reconnecting' ? (
            <span role="status">
              <ToneBadge tone="orange" size="lg">
                {t('meeting.reconnecting')}
              </ToneBadge>
            </span>
          ) : null}
        </Group>
        <Text size="lg">
          {t('meeting.when', { date: formatDate(detail.plannedDate), time: detail.plannedTime })}
          {detail.location ? ` · ${detail.location}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {t('meeting.ruleSource', { document: detail.ruleSet.document })} — {detail.ruleSet.title}
        </Text>
        {detail.status === 'cancelled' ? (
          <Alert color="gray" variant="light" role="note">
            {t('meeting.cancelled', { reason: detail.cancelReason ?? '' })}
          </Alert>
        ) : null}
        <Findings detail={detail} />
      </Stack>

      <Tabs
        value={tab}
        onChange={(v) => {
          if (v) void navigate({ search: (s) => ({ ...s, tab: v as MeetingTab }), replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List
          aria-label={t('meeting.tabsLabel')}
          style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}
        >
          <Tabs.Tab value="prep" px="xs" fz={{ base: 'sm', sm: 'md' }} style={{ flexShrink: 0 }}>
            {t('meeting.tabPrep')}
          </Tabs.Tab>
          <Tabs.Tab value="room" px="xs" fz={{ base: 'sm', sm: 'md' }} style={{ flexShrink: 0 }}>
            {t('meeting.tabRoom')}
          </Tabs.Tab>
          <Tabs.Tab value="minutes" px="xs" fz={{ base: 'sm', sm: 'md' }} style={{ flexShrink: 0 }}>
            {t('meeting.tabMinutes')}
          </Tabs.Tab>
          <Tabs.Tab value="docs" px="xs" fz={{ base: 'sm', sm: 'md' }} style={{ flexShrink: 0 }}>
            {t('meeting.tabDocs')}
          </Tabs.Tab>
          <Tabs.Tab value="score" px="xs" fz={{ base: 'sm', sm: 'md' }} style={{ flexShrink: 0 }}>
            {t('scoring.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Box pt="md">
          <Suspense fallback={<Loading />}>
            <Tabs.Panel value="prep">
              <PreparationTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="room">
              <RoomTab detail={detail} code={search.code} />
            </Tabs.Panel>
            <Tabs.Panel value="minutes">
              <MinutesTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="docs">
              <DocumentsTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="score">
              <ScoringTab detail={detail} />
            </Tabs.Panel>
          </Suspense>
        </Box>
      </Tabs>
    </Page>
  );
}

function Findings({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const msg = useMessage();
  if (detail.findings.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('meeting.findings')} role="note">
      <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
        {detail.findings.map((f) => (
          <li key={`${f.code}-${f.period}`}>
            <Text inherit>
              {msg(f.message)}{' '}
              <Text span size="sm" c="dimmed">
                ({msg(f.source)})
              </Text>
            </Text>
          </li>
        ))}
      </Stack>
    </Alert>
  );
}
