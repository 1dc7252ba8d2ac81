// Reads of the year's plan, typed by the contracts; and the labels and badge tones of its enums (meeting status
// and topic status).
import { queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { type meetingKind, type meetingStatus, meetingYearResponse } from '../../../contracts/meetings.ts';
import { complianceOverview, type topicStatus, topicList, workProgramme } from '../../../contracts/plan.ts';
import { governingRuleSetResponse, ruleSetList } from '../../../contracts/rule-sets.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Tone } from '../../components/ToneBadge.tsx';

export type MeetingKind = z.infer<typeof meetingKind>;
export type MeetingStatus = z.infer<typeof meetingStatus>;
export type TopicStatus = z.infer<typeof topicStatus>;

export const meetingYearQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['meeting-year', organizationId, year],
    queryFn: ({ signal }) =>
      api.get(withQuery(`/organizations/${organizationId}/meetings`, { year }), meetingYearResponse, signal),
  });

export const governingRuleSetQuery = (organizationId: string, date?: string) =>
  queryOptions({
    queryKey: ['rule-set', organizationId, date ?? 'today'],
    queryFn: ({ signal }) =>
      api.get(
        withQuery(`/organizations/${organizationId}/rule-set`, { date }),
        governingRuleSetResponse,
        signal,
      ),
  });

export const ruleSetsQuery = queryOptions({
  queryKey: ['rule-sets'],
  queryFn: ({ signal }) => api.get('/rule-sets', ruleSetList, signal),
  staleTime: 5 * 60_000,
});

export const workProgrammeQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['work-programme', organizationId, year],
    queryFn: ({ signal }) =>
      api.get(withQuery(`/organizations/${organizationId}/work-programme`, { year }), workProgramme, signal),
  });

export const topicsQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['thematic-topics', organizationId, year],
    queryFn: ({ signal }) =>
      api.get(withQuery(`/organizations/${organizationId}/thematic-topics`, { year }), topicList, signal),
  });

export const complianceQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['compliance', organizationId, year],
    queryFn: ({ signal }) =>
      api.get(withQuery(`/organizations/${organizationId}/compliance`, { year }), complianceOverview, signal),
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
