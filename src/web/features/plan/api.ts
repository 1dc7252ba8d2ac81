// Reads of the year's plan, typed by the contracts; and the labels and badge tones of its enums (meeting status
// and topic status).
import { queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { meetingKind, meetingStatus, meetingYearResponse } from '../../../contracts/meetings.ts';
import type { complianceOverview, topicStatus, topicList, workProgramme } from '../../../contracts/plan.ts';
import type { governingRuleSetResponse, ruleSetList } from '../../../contracts/rule-sets.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Tone } from '../../components/ToneBadge.tsx';

export type MeetingKind = z.infer<typeof meetingKind>;
export type MeetingStatus = z.infer<typeof meetingStatus>;
export type TopicStatus = z.infer<typeof topicStatus>;

export const meetingYearQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['meeting-year', organizationId, year],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof meetingYearResponse>>(
        withQuery(`/organizations/${organizationId}/meetings`, { year }),
        signal,
      ),
  });

export const governingRuleSetQuery = (organizationId: string, date?: string) =>
  queryOptions({
    queryKey: ['rule-set', organizationId, date ?? 'today'],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof governingRuleSetResponse>>(
        withQuery(`/organizations/${organizationId}/rule-set`, { date }),
        signal,
      ),
  });

export const ruleSetsQuery = queryOptions({
  queryKey: ['rule-sets'],
  queryFn: ({ signal }) => api.get<z.infer<typeof ruleSetList>>('/rule-sets', signal),
  staleTime: 5 * 60_000,
});

export const workProgrammeQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['work-programme', organizationId, year],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof workProgramme>>(
        withQuery(`/organizations/${organizationId}/work-programme`, { year }),
        signal,
      ),
  });

export const topicsQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['thematic-topics', organizationId, year],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof topicList>>(
        withQuery(`/organizations/${organizationId}/thematic-topics`, { year }),
        signal,
      ),
  });

/** A page of the subtree's cells (`cursor` null: the first) with the subtree's totals. */
export const complianceQuery = (organizationId: string, year: number, cursor: string | null = null) =>
  queryOptions({
    queryKey: ['compliance', organizationId, year, cursor],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof complianceOverview>>(
        withQuery(`/organizations/${organizationId}/compliance`, { year, cursor: cursor ?? undefined }),
        signal,
      ),
  });

export const meetingStatusLabel = (t: TFunction, status: MeetingStatus): string => t(`planStatus.${status}`);
export const topicStatusLabel = (t: TFunction, status: TopicStatus): string =>
  t(`planTopic.status_${status}`);

export const meetingStatusTone: Record<MeetingStatus, Tone> = {
  planned: 'gray',
  notified: 'blue',
  in_session: 'orange',
  held: 'green',
  adopted: 'green',
  cancelled: 'red',
};
export const topicStatusTone: Record<TopicStatus, Tone> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
};
