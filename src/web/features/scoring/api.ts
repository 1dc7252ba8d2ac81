// Reads and writes of meeting-quality scoring (the meeting's scorecards, ratings of a subtree, frameworks,
// re-scoring), their types, the rating labels and tones, and the browser's copy of the scoring engine: the
// scorecard the user fills in is scored here by the same `scoreScorecard` the server runs, so totals and ratings agree.
import { queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type {
  frameworkList,
  meetingScores,
  rating as ratingSchema,
  ratingsOverview,
  rescoreJob,
  scorerKind,
} from '../../../contracts/scoring.ts';
import { scorerKindOf } from '../../../domain/scorecard-actions.ts';
import { type CriterionEntry, type ScoredScorecard, scoreScorecard } from '../../../domain/scorecard.ts';
import type { ScoringFacts } from '../../../domain/scoring-facts.ts';
import type { ScoringFramework } from '../../../domain/scoring-schema.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Tone } from '../../components/ToneBadge.tsx';
import type { WireMessage } from '../../../contracts/common.ts';

export type MeetingScores = z.infer<typeof meetingScores>;
export type FrameworkView = MeetingScores['framework'];
export type CriterionView = FrameworkView['groups'][number]['criteria'][number];
export type Scorecard = MeetingScores['scorecards'][number];
export type ScorerKind = z.infer<typeof scorerKind>;
export type Rating = z.infer<typeof ratingSchema>;
export type RatingsOverview = z.infer<typeof ratingsOverview>;
export type RescoreJob = z.infer<typeof rescoreJob>;

export const scorerKinds: readonly ScorerKind[] = ['self', 'follower', 'supervision'];

/** The kinds of scorecard the viewer may fill in for the meeting, from its `actions`. */
export const kindsToScore = (scores: MeetingScores): ScorerKind[] => scores.actions.map(scorerKindOf);

export const scoresKey = (meetingId: string) => ['meeting-scores', meetingId] as const;

export const meetingScoresQuery = (meetingId: string) =>
  queryOptions({
    queryKey: scoresKey(meetingId),
    queryFn: ({ signal }) => api.get<z.infer<typeof meetingScores>>(`/meetings/${meetingId}/scores`, signal),
    retry: false,
  });

/** A page of the subtree's cells (`cursor` null: the first) with the subtree's distribution and gaps. */
export const ratingsQuery = (
  organizationId: string,
  year: number,
  margin: number,
  cursor: string | null = null,
) =>
  queryOptions({
    queryKey: ['ratings', organizationId, year, margin, cursor],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof ratingsOverview>>(
        withQuery(`/organizations/${organizationId}/ratings`, { year, margin, cursor: cursor ?? undefined }),
        signal,
      ),
  });

export const frameworksQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['scoring-frameworks', organizationId],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof frameworkList>>(`/organizations/${organizationId}/scoring-frameworks`, signal),
  });

export const rescoreJobQuery = (jobId: string) =>
  queryOptions({
    queryKey: ['rescore-job', jobId],
    queryFn: ({ signal }) => api.get<z.infer<typeof rescoreJob>>(`/rescore-jobs/${jobId}`, signal),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 700 : false),
  });

export const ratingTone: Record<Rating, Tone> = {
  good: 'green',
  fair: 'blue',
  average: 'orange',
  poor: 'red',
};

/** Pale backgrounds of the monthly cells, by rating (dark text stays readable on each). */
export const ratingBackground: Record<Rating, string> = {
  good: 'var(--mantine-color-green-1)',
  fair: 'var(--mantine-color-blue-1)',
  average: 'var(--mantine-color-orange-1)',
  poor: 'var(--mantine-color-red-1)',
};

export const ratingColor: Record<Rating, string> = {
  good: 'green.6',
  fair: 'blue.6',
  average: 'orange.5',
  poor: 'red.7',
};

export const ratingOrder: readonly Rating[] = ['good', 'fair', 'average', 'poor'];
export const monthNumber = (month: string) => Number(month.slice(5));

export const ratingLabel = (t: TFunction, r: Rating) => t(`scoring.rating_${r}`);
export const kindLabel = (t: TFunction, k: ScorerKind) => t(`scoring.kind_${k}`);

/** '72,5' — points and percentages the Vietnamese way (the server's texts write them so). */
export const formatNumber = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

// ---------------------------------------------------------------------------------------------------------
// The scoring engine in the browser

/**
 * The framework as the engine needs it, without fact sources: the automatic values come from the server (they
 * need the meeting's records) and are passed in as entries. The server sends the whole framework, built-in or
 * loaded, so the live total and rating match what it will compute.
 */
export function engineFramework(view: FrameworkView): ScoringFramework {
  const f = view.definition as unknown as ScoringFramework;
  return {
    ...f,
    groups: f.groups.map((g) => ({
      ...g,
      criteria: g.criteria.map((c) => ({ ...c, source: undefined })),
    })),
  };
}

const noFacts = (thematic: boolean): ScoringFacts => ({
  durationMinutes: null,
  requiredMinutes: 90,
  attendanceRate: null,
  unexcusedAbsences: 0,
  longAbsenceStreak: false,
  preparatoryMinuted: null,
  hasCommittee: true,
  noticeSent: null,
  materialsLeadDays: null,
  requiredLeadDays: null,
  speakersShare: null,
  minutesComplete: null,
  previousAchievement: null,
  finalisedWithinDays: null,
  requiredFinaliseDays: null,
  thematic,
});

/** What the scorer has set: a value per criterion (null = untouched) and the reasons for changed automatic values. */
export interface ScorecardFormState {
  values: Record<string, number | null>;
  reasons: Record<string, string>;
}

export type AutoValues = ReadonlyMap<string, { points: number; evidence: WireMessage }>;

/** The automatic value is set aside: the scorer chose another value. */
export function isOverride(auto: AutoValues, state: ScorecardFormState, id: string): boolean {
  const a = auto.get(id);
  const v = state.values[id] ?? null;
  return !!a && v !== null && Math.abs(v - a.points) > 1e-9;
}

/** Scores the scorecard live: the scorer's values, else the automatic ones, by the engine the server runs. */
export function liveScorecard(
  framework: ScoringFramework,
  auto: AutoValues,
  state: ScorecardFormState,
  thematic: boolean,
): ScoredScorecard {
  const entries: CriterionEntry[] = [];
  for (const g of framework.groups) {
    for (const c of g.criteria) {
      if (c.appliesWhen === 'thematic' && !thematic) continue;
      const points = state.values[c.id] ?? auto.get(c.id)?.points ?? null;
      entries.push({ criterionId: c.id, points, overrideReason: state.reasons[c.id] ?? null });
    }
  }
  return scoreScorecard(framework, entries, noFacts(thematic));
}

/** The body of PUT /meetings/{id}/scores/{kind}: untouched automatic values stay bound to the facts (null). */
export function scorecardEntries(
  framework: ScoringFramework,
  auto: AutoValues,
  state: ScorecardFormState,
  thematic: boolean,
) {
  const out: Array<{ criterionId: string; points: number | null; overrideReason?: string | null }> = [];
  for (const g of framework.groups) {
    for (const c of g.criteria) {
      if (c.appliesWhen === 'thematic' && !thematic) continue;
      const v = state.values[c.id] ?? null;
      if (v === null) continue;
      const a = auto.get(c.id);
      if (a && !isOverride(auto, state, c.id)) {
        out.push({ criterionId: c.id, points: null });
        continue;
      }
      const reason = state.reasons[c.id]?.trim();
      out.push({ criterionId: c.id, points: v, ...(a ? { overrideReason: reason || null } : {}) });
    }
  }
  return out;
}

/** The state of a draft saved earlier (its values as the server scored them). */
export function stateOf(card: Scorecard | undefined, auto: AutoValues): ScorecardFormState {
  const values: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  for (const [id, a] of auto) values[id] = a.points;
  for (const c of card?.criteria ?? []) {
    if (!c.applicable) continue;
    if (c.points !== null) values[c.id] = c.points;
    if (c.overrideReason) reasons[c.id] = c.overrideReason;
  }
  return { values, reasons };
}
