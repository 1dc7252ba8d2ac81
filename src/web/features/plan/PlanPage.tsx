// The year's meeting plan of an organisation (/organizations/$id/meetings?year=): the twelve months with their
// planned days and meetings, compliance findings, thematic topics, the annual work programme, the governing rule
// set, and above the cells the compliance of every cell in the subtree.
import { Anchor, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { meetingYearResponse } from '../../../contracts/meetings.ts';
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { organizationQuery } from '../../api/queries.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading, QueryBoundary } from '../../components/QueryState.tsx';
import { todayIso } from '../../lib/dates.ts';
import { meetingYearQuery, topicsQuery } from './api.ts';
import { ComplianceOverview, Findings } from './Compliance.tsx';
import { MeetingCalendar } from './MeetingCalendar.tsx';
import { RuleSetSection } from './RuleSetSection.tsx';
import { TopicsSection } from './TopicsSection.tsx';
import { WorkProgramme } from './WorkProgramme.tsx';

type YearPlan = z.infer<typeof meetingYearResponse>;

const currentYear = () => Number(todayIso().slice(0, 4));

function YearPicker({ id, year }: { id: string; year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const last = currentYear() + 1;
  const years = Array.from({ length: last - 2020 + 1 }, (_, i) => last - i);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <ButtonLink
        to="/organizations/$id/meetings"
        params={{ id }}
        search={{ year: year - 1 }}
        variant="default"
        aria-label={t('plan.prevYear')}
        disabled={year <= 2020}
      >
        ‹
      </ButtonLink>
      <NativeSelect
        aria-label={t('plan.year')}
        value={String(year)}
        onChange={(e) =>
          void navigate({
            to: '/organizations/$id/meetings',
            params: { id },
            search: { year: Number(e.currentTarget.value) },
          })
        }
        data={years.map((y) => String(y))}
        w={112}
      />
      <ButtonLink
        to="/organizations/$id/meetings"
        params={{ id }}
        search={{ year: year + 1 }}
        variant="default"
        aria-label={t('plan.nextYear')}
        disabled={year >= last}
      >
        ›
      </ButtonLink>
    </Group>
  );
}

function PlanView({ plan }: { plan: YearPlan }) {
  const { t } = useTranslation();
  const id = plan.organization.id;
  const org = useQuery(organizationQuery(id));
  const topics = useQuery(topicsQuery(id, plan.year));
  const canAssign =
    !!org.data && org.data.actions.includes('organization.reorganize') && org.data.validTo === null;
  const aboveCells = !isCellKind(plan.organization.kind as OrganizationKind);
  return (
    <Page
      title={t('plan.title')}
      above={
        <AnchorLink to="/organizations/$id" params={{ id }} fw={600}>
          {plan.organization.name}
        </AnchorLink>
      }
      actions={
        <>
          <YearPicker id={id} year={plan.year} />
          <ButtonLink
            to="/organizations/$id/ratings"
            params={{ id }}
            search={{ year: plan.year }}
            variant="light"
          >
            {t('ratings.link')}
          </ButtonLink>
        </>
      }
    >
      {aboveCells ? <ComplianceOverview organizationId={id} year={plan.year} /> : null}
      <MeetingCalendar plan={plan} topics={topics.data?.items ?? []} />
      <Findings year={plan.year} findings={plan.findings} notApplicable={plan.notApplicableMonths} />
      {topics.isPending ? (
        <Loading />
      ) : topics.isError ? (
        <ErrorNotice error={topics.error} onRetry={() => void topics.refetch()} />
      ) : (
        <TopicsSection organizationId={id} year={plan.year} topics={topics.data} />
      )}
      {aboveCells ? null : <Books organizationId={id} year={plan.year} />}
      <WorkProgramme
        organizationId={id}
        year={plan.year}
        canEdit={plan.actions.includes('edit_work_programme')}
      />
      <RuleSetSection
        organizationId={id}
        organizationName={plan.organization.name}
        year={plan.year}
        canAssign={canAssign}
      />
    </Page>
  );
}

/** The year's minutes book and resolutions book, each one document of every adopted meeting. */
function Books({ organizationId, year }: { organizationId: string; year: number }) {
  const { t } = useTranslation();
  const link = (file: string) => `/api/organizations/${organizationId}/books/${year}/${file}`;
  return (
    <Card withBorder mb="md" component="section" aria-label={t('plan.books', { year })}>
      <Title order={2} size="h4" mb="xs">
        {t('plan.books', { year })}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('plan.booksHint')}
      </Text>
      <Group gap="md">
        <Text size="sm">{t('plan.minutesBook')}:</Text>
        <Anchor href={link('minutes.docx')}>DOCX</Anchor>
        <Anchor href={link('minutes.pdf')}>PDF</Anchor>
      </Group>
      <Group gap="md">
        <Text size="sm">{t('plan.decisionsBook')}:</Text>
        <Anchor href={link('decisions.docx')}>DOCX</Anchor>
        <Anchor href={link('decisions.pdf')}>PDF</Anchor>
      </Group>
    </Card>
  );
}

export function PlanPage() {
  const { id } = useParams({ from: '/app/organizations/$id/meetings' });
  const { year } = useSearch({ from: '/app/organizations/$id/meetings' });
  const query = useQuery(meetingYearQuery(id, year ?? currentYear()));
  return (
    <Stack gap={0}>
      <QueryBoundary query={query}>{(plan) => <PlanView plan={plan} />}</QueryBoundary>
    </Stack>
  );
}
