// Meeting quality of an organisation's cells (/organizations/$id/ratings?year=&margin=), a page of cells at a time
// by name: per cell the twelve months
// coloured by the cell's own rating with the upper level's score beside it, quarters and year, "Yếu" on weak months
// and, for followers and upper committees, the flag of cells scoring themselves above the upper level; the rating
// distribution and the mean self-minus-outside gap per month; the scoring framework panel.
import {
  Box,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../contracts/auth.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { meQuery, organizationQuery } from '../../api/queries.ts';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { Page } from '../../components/Page.tsx';
import { Loading, QueryBoundary } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { todayIso } from '../../lib/dates.ts';
import {
  formatNumber,
  type Rating,
  monthNumber,
  ratingBackground,
  ratingLabel,
  ratingOrder,
  ratingsQuery,
  type RatingsOverview,
  ratingTone,
} from './api.ts';
import { FrameworkPanel } from './FrameworkPanel.tsx';

// The charts library is large: it loads with this page's charts, not with the app.
const Charts = lazy(() => import('./RatingsCharts.tsx'));

const currentYear = () => Number(todayIso().slice(0, 4));

/** Followers, upper committees, the organisation board and administrators see the inflated-score flag. */
function seesInflation(me: MeResponse | undefined): boolean {
  if (!me) return false;
  return (
    me.account.isSystemAdmin ||
    me.roles.some(
      (r) =>
        r.role === 'follower' ||
        r.role === 'board_officer' ||
        r.role === 'system_admin' ||
        (r.role === 'committee' && !!r.organizationKind && !isCellKind(r.organizationKind)),
    )
  );
}

export function RatingsPage() {
  const { id } = useParams({ from: '/app/organizations/$id/ratings' });
  const search = useSearch({ from: '/app/organizations/$id/ratings' });
  const year = search.year ?? currentYear();
  const margin = search.margin ?? 10;
  const pages = useKeysetPages();
  const query = useQuery(ratingsQuery(id, year, margin, pages.cursor));
  return (
    <QueryBoundary query={query}>
      {(data) => <RatingsView organizationId={id} data={data} pages={pages} />}
    </QueryBoundary>
  );
}

function RatingsView({
  organizationId,
  data,
  pages,
}: {
  organizationId: string;
  data: RatingsOverview;
  pages: ReturnType<typeof useKeysetPages>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: '/organizations/$id/ratings' });
  const org = useQuery(organizationQuery(organizationId));
  const me = useQuery(meQuery);
  const last = currentYear() + 1;
  const years = Array.from({ length: last - 2020 + 1 }, (_, i) => String(last - i));
  const showInflated = seesInflation(me.data);
  const canAssign =
    !!org.data && org.data.actions.includes('organization.reorganize') && org.data.validTo === null;

  return (
    <Page
      title={t('ratings.title')}
      above={
        org.data ? (
          <AnchorLink to="/organizations/$id" params={{ id: organizationId }} fw={600}>
            {org.data.name}
          </AnchorLink>
        ) : null
      }
      actions={
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('ratings.year')}
            value={String(data.year)}
            data={years}
            w={110}
            onChange={(e) =>
              void navigate({ search: (s) => ({ ...s, year: Number(e.currentTarget.value) }), replace: true })
            }
          />
          <NumberInput
            label={t('ratings.margin')}
            description={t('ratings.marginHint')}
            value={data.margin}
            min={1}
            max={50}
            w={{ base: '100%', xs: 300 }}
            onChange={(v) => {
              const n = typeof v === 'number' ? v : Number(v);
              if (Number.isFinite(n) && n >= 1 && n <= 50) {
                void navigate({ search: (s) => ({ ...s, margin: n }), replace: true });
              }
            }}
          />
        </Group>
      }
    >
      <CellTable data={data} showInflated={showInflated} pages={pages} />
      <Suspense fallback={<Loading />}>
        <Charts data={data} />
      </Suspense>
      <FrameworkPanel
        organizationId={organizationId}
        organizationName={org.data?.name ?? ''}
        year={data.year}
        canAssign={canAssign}
      />
    </Page>
  );
}

function CellTable({
  data,
  showInflated,
  pages,
}: {
  data: RatingsOverview;
  showInflated: boolean;
  pages: ReturnType<typeof useKeysetPages>;
}) {
  const { t } = useTranslation();
  const months = Array.from({ length: 12 }, (_, i) => `${data.year}-${String(i + 1).padStart(2, '0')}`);
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="ratings-cells">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ratings-cells">
          {t('ratings.cells')}
        </Title>
        {data.cells.length === 0 ? (
          <Text c="dimmed">{t('ratings.noCells')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={1180}>
            <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={180} style={stickyCell}>
                    {t('ratings.cell')}
                  </Table.Th>
                  {months.map((m) => (
                    <Table.Th key={m} ta="center" w={62}>
                      {t('ratings.month', { month: monthNumber(m) })}
                    </Table.Th>
                  ))}
                  {[1, 2, 3, 4].map((q) => (
                    <Table.Th key={q} ta="center">
                      {t('ratings.quarter', { quarter: q })}
                    </Table.Th>
                  ))}
                  <Table.Th ta="center">{t('ratings.yearColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.cells.map((c) => (
                  <Table.Tr key={c.id} data-testid="ratings-row">
                    <Table.Th scope="row" fw={500} style={stickyCell}>
                      <AnchorLink to="/organizations/$id" params={{ id: c.id }} size="sm">
                        {c.name}
                      </AnchorLink>
                      {showInflated && c.inflated ? (
                        <Tooltip
                          multiline
                          w={260}
                          label={t('ratings.inflatedHint', {
                            margin: formatNumber(data.margin),
                            count: c.inflatedMeetings,
                            gap: c.meanGap === null ? '—' : formatNumber(c.meanGap),
                          })}
                        >
                          <div>
                            <ToneBadge tone="red" size="xs" mt={2} data-testid="inflated">
                              {t('ratings.inflated')}
                            </ToneBadge>
                          </div>
                        </Tooltip>
                      ) : null}
                    </Table.Th>
                    {months.map((m) => {
                      const p = c.months.find((x) => x.month === m);
                      return (
                        <MonthCell
                          key={m}
                          t={t}
                          self={p?.self ?? null}
                          outside={p?.outside ?? null}
                          meetingId={p?.meetingId ?? null}
                          weak={c.weak.includes(m)}
                        />
                      );
                    })}
                    {c.quarters.map((q) => (
                      <RatingCell key={q.quarter} t={t} percent={q.percent} rating={q.rating} />
                    ))}
                    <RatingCell t={t} percent={c.year.percent} rating={c.year.rating} strong />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <KeysetPager
          pages={pages}
          shown={data.cells.length}
          total={data.cellCount}
          nextCursor={data.nextCursor}
          label={t('ratings.cells')}
        />
        <Group gap="xs" wrap="wrap">
          {ratingOrder.map((r) => (
            <Box
              key={r}
              px={8}
              py={2}
              style={{ background: ratingBackground[r], borderRadius: 4 }}
              fz="xs"
              fw={600}
            >
              {ratingLabel(t, r)}
            </Box>
          ))}
          <Text size="xs" c="dimmed">
            {t('ratings.legend')} {t('ratings.weak')}: {t('ratings.weakHint')}.
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

const stickyCell = {
  position: 'sticky',
  left: 0,
  background: 'var(--mantine-color-body)',
  zIndex: 1,
} as const;

function MonthCell({
  t,
  self,
  outside,
  meetingId,
  weak,
}: {
  t: TFunction;
  self: { percent: number; rating: Rating } | null;
  outside: { percent: number; rating: Rating; count: number } | null;
  meetingId: string | null;
  weak: boolean;
}) {
  const title = [
    self
      ? t('ratings.selfTitle', { percent: formatNumber(self.percent), rating: ratingLabel(t, self.rating) })
      : t('ratings.noScore'),
    outside
      ? t('ratings.outsideTitle', { percent: formatNumber(outside.percent), count: outside.count })
      : null,
    weak ? t('ratings.weakHint') : null,
  ]
    .filter(Boolean)
    .join('. ');
  const content = (
    <>
      <Text size="sm" fw={700} lh={1.2}>
        {self ? Math.round(self.percent) : '·'}
      </Text>
      {outside ? (
        <Text fz={10} lh={1.2} c="gray.8">
          {t('ratings.outsideShort', { percent: Math.round(outside.percent) })}
        </Text>
      ) : null}
      {weak ? (
        <ToneBadge tone="red" size="xs" px={4}>
          {t('ratings.weak')}
        </ToneBadge>
      ) : null}
    </>
  );
  return (
    <Table.Td
      ta="center"
      title={title}
      aria-label={title}
      style={{ background: self ? ratingBackground[self.rating] : undefined }}
    >
      {meetingId ? (
        <AnchorLink
          to="/meetings/$id"
          params={{ id: meetingId }}
          search={{ tab: 'score' }}
          c="inherit"
          underline="never"
          display="block"
        >
          {content}
        </AnchorLink>
      ) : (
        content
      )}
    </Table.Td>
  );
}

function RatingCell({
  t,
  percent,
  rating,
  strong,
}: {
  t: TFunction;
  percent: number | null;
  rating: Rating | null;
  strong?: boolean;
}) {
  return (
    <Table.Td ta="center">
      {rating ? (
        <Stack gap={2} align="center">
          <ToneBadge tone={ratingTone[rating]} size={strong ? 'md' : 'sm'}>
            {ratingLabel(t, rating)}
          </ToneBadge>
          <Text fz={10}>{percent === null ? '' : `${formatNumber(percent)}%`}</Text>
        </Stack>
      ) : (
        '—'
      )}
    </Table.Td>
  );
}
