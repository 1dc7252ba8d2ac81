// Compliance with the meeting rules: the findings of one organisation's year (what, when, on which rule), and for a
// committee above the cells the overview of its cells, a page at a time by name, with the subtree's totals.
import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { complianceCode, type complianceFinding } from '../../../contracts/meetings.ts';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { complianceQuery } from './api.ts';
import { useMessage } from '../../components/message.ts';

type Finding = z.infer<typeof complianceFinding>;

export function codeLabel(t: TFunction, code: string): string {
  const parsed = complianceCode.safeParse(code);
  return parsed.success ? t(`planCode.${parsed.data}`) : code;
}

/** '2026-03' → '03/2026' */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

export function Findings({
  year,
  findings,
  notApplicable = [],
}: {
  year: number;
  findings: Finding[];
  /** months (YYYY-MM) in which the organisation was not a cell: not judged */
  notApplicable?: string[];
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="findings-heading">
      <Stack gap="sm">
        <Title order={2} id="findings-heading">
          {t('plan.findings', { year })}
        </Title>
        {notApplicable.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('plan.notApplicableMonths', { months: notApplicable.map(monthLabel).join(', ') })}
          </Text>
        ) : null}
        {findings.length === 0 ? (
          <Text c="green.9">{t('plan.noFindings')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {findings.map((f, i) => (
              <li key={`${f.code}-${f.period}-${f.meetingId ?? i}`}>
                <Group gap={6} wrap="wrap" align="center">
                  <ToneBadge tone="orange">{codeLabel(t, f.code)}</ToneBadge>
                  <Text size="sm" c="dimmed">
                    {t('plan.period', { period: f.period })}
                  </Text>
                </Group>
                <Text mt={2}>
                  {msg(f.message)}
                  {f.meetingId ? (
                    <>
                      {' '}
                      <AnchorLink to="/meetings/$id" params={{ id: f.meetingId }} size="sm">
                        {t('plan.openMeeting')}
                      </AnchorLink>
                    </>
                  ) : null}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('plan.source', { source: msg(f.source) })}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function ComplianceOverview({ organizationId, year }: { organizationId: string; year: number }) {
  const { t } = useTranslation();
  const pages = useKeysetPages();
  const query = useQuery(complianceQuery(organizationId, year, pages.cursor));
  const breakdown = (byCode: Record<string, number>) =>
    Object.entries(byCode)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${codeLabel(t, code)}: ${n}`)
      .join(' · ');
  return (
    <Stack gap="sm" component="section" aria-labelledby="overview-heading">
      <Title order={2} id="overview-heading">
        {t('plan.overview', { year })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('plan.overviewHint')}
      </Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.cells.length === 0 ? (
        <Text c="dimmed">{t('plan.noCells')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.cell')}</Table.Th>
                <Table.Th ta="right">{t('plan.held')}</Table.Th>
                <Table.Th ta="right">{t('plan.monthsMet')}</Table.Th>
                <Table.Th ta="right">{t('plan.findingsCount')}</Table.Th>
                <Table.Th>{t('plan.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.cells.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <AnchorLink to="/organizations/$id/meetings" params={{ id: c.id }} search={{ year }}>
                      {c.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td ta="right">{c.held}</Table.Td>
                  <Table.Td ta="right">
                    {t('plan.monthsMetValue', { met: c.monthsWithMeeting, judged: c.monthsJudged })}
                    {c.monthsNotApplicable > 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('plan.monthsNotApplicable', { count: c.monthsNotApplicable })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" fw={c.findings > 0 ? 700 : undefined}>
                    {c.findings}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{breakdown(c.byCode)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {Object.keys(query.data.totals).length > 0 ? (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('plan.totals')}</Table.Th>
                  <Table.Td ta="right">{query.data.sums.held}</Table.Td>
                  <Table.Td ta="right">
                    {t('plan.monthsMetValue', {
                      met: query.data.sums.monthsWithMeeting,
                      judged: query.data.sums.monthsJudged,
                    })}
                  </Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {query.data.sums.findings}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{breakdown(query.data.totals)}</Text>
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data ? (
        <KeysetPager
          pages={pages}
          shown={query.data.cells.length}
          total={query.data.cellCount}
          nextCursor={query.data.nextCursor}
          label={t('plan.overview', { year })}
        />
      ) : null}
    </Stack>
  );
}
