// A scorecard (phiếu chấm điểm) of one meeting: the scorer's entries checked against the automatic values, group
// totals capped at the group max, the percentage of the applicable maximum and the rating (reference §6). Pure.

import { decimal, list, type Message, message, percent } from './messages.ts';
import { type AutoScore, autoScores, criterionApplies, type ScoringFacts } from './scoring-facts.ts';
import { type Rating, ratingName, type ScoringCriterion, type ScoringFramework } from './scoring-schema.ts';

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface CriterionEntry {
  criterionId: string;
  /** the scorer's value; null = not entered (an automatic value then stands) */
  points: number | null;
  overrideReason?: string | null;
}

export interface ScoredCriterion {
  id: string;
  groupId: string;
  title: string;
  max: number;
  applicable: boolean;
  bonus: boolean;
  auto: AutoScore | null;
  /** the points that count: the scorer's value, else the automatic one; null when neither */
  points: number | null;
  overridden: boolean;
  overrideReason: string | null;
  problem: Message | null;
}

export interface ScoredGroup {
  id: string;
  title: string;
  /** the criteria's points, bonus included, capped at max */
  points: number;
  /** the applicable maximum of the group */
  max: number;
  /** true when bonus points would have taken the group over its max */
  capped: boolean;
}

export interface ScoredScorecard {
  frameworkId: string;
  frameworkVersion: number;
  criteria: ScoredCriterion[];
  groups: ScoredGroup[];
  total: number;
  applicableMax: number;
  /** total / applicableMax × 100, rounded to 2 decimals (the rating uses the exact value) */
  percent: number;
  rating: Rating;
  ratingReason: Message;
  /** every applicable criterion has points; a final submission requires it */
  complete: boolean;
  /** the ids of applicable criteria still without points */
  missing: string[];
  problems: Message[];
}

const formatPoints = (n: number) => decimal(n);

/** The problem with a scorer's value, or null when it is allowed for the criterion. */
function entryProblem(c: ScoringCriterion, value: number): Message | null {
  const criterion = c.title;
  if (!Number.isFinite(value)) return message('scoring.entry.invalid', { criterion });
  if (value < 0) return message('scoring.entry.negative', { criterion });
  if (value > c.max + 1e-9)
    return message('scoring.entry.above_max', { criterion, max: formatPoints(c.max) });
  const allowedOf = (values: number[]) => {
    const levels = [...new Set(values)].sort((a, b) => b - a);
    return levels.some((v) => near(v, value))
      ? null
      : message('scoring.entry.not_a_level', { criterion, levels: list(levels.map(formatPoints), 'comma') });
  };
  switch (c.type) {
    case 'toggle':
      return allowedOf([c.max, 0]);
    case 'levels':
      return allowedOf((c.levels ?? []).map((l) => l.points));
    case 'ratio_bands':
      return allowedOf([...(c.bands ?? []).map((b) => b.points), 0]);
    case 'computed':
      return null;
  }
}

/**
 * Scores a scorecard: automatic values from the facts, the scorer's entries checked against them, group totals
 * capped at the group max, the percentage of the applicable maximum and the rating. Problems (a value above a
 * criterion's max, an override without a reason, an unknown criterion) mean the scorecard must not be saved.
 */
export function scoreScorecard(
  f: ScoringFramework,
  entries: readonly CriterionEntry[],
  facts: ScoringFacts,
): ScoredScorecard {
  const problems: Message[] = [];
  const known = new Map<string, ScoringCriterion>();
  for (const g of f.groups) for (const c of g.criteria) known.set(c.id, c);
  const byId = new Map<string, CriterionEntry>();
  for (const e of entries) {
    if (!known.has(e.criterionId))
      problems.push(
        message('scoring.scorecard.unknown_criterion', { id: e.criterionId, framework: f.title }),
      );
    else if (byId.has(e.criterionId))
      problems.push(
        message('scoring.scorecard.scored_twice', { criterion: known.get(e.criterionId)!.title }),
      );
    else byId.set(e.criterionId, e);
  }
  const autos = autoScores(f, facts);

  const criteria: ScoredCriterion[] = [];
  const groups: ScoredGroup[] = [];
  for (const g of f.groups) {
    let raw = 0;
    let max = g.max;
    for (const c of g.criteria) {
      const applicable = criterionApplies(c, facts);
      const auto = autos.get(c.id) ?? null;
      const entry = byId.get(c.id);
      const value = entry?.points ?? null;
      const reason = entry?.overrideReason?.trim() || null;
      let problem: Message | null = null;
      let points: number | null = null;
      let overridden = false;
      if (!applicable) {
        if (!c.bonus) max -= c.max;
        if (value !== null) problem = message('scoring.scorecard.thematic_only', { criterion: c.title });
      } else if (value === null) {
        points = auto?.points ?? null;
      } else {
        problem = entryProblem(c, value);
        if (!problem && auto && !near(auto.points, value)) {
          if (reason) overridden = true;
          else {
            problem = message('scoring.scorecard.override_needs_reason', {
              criterion: c.title,
              value: formatPoints(value),
              auto: formatPoints(auto.points),
              evidence: auto.evidence,
            });
          }
        }
        if (!problem) points = value;
      }
      if (problem) problems.push(problem);
      if (points !== null) raw += points;
      criteria.push({
        id: c.id,
        groupId: g.id,
        title: c.title,
        max: c.max,
        applicable,
        bonus: c.bonus ?? false,
        auto,
        points,
        overridden,
        overrideReason: overridden ? reason : null,
        problem,
      });
    }
    const points = Math.min(raw, max);
    groups.push({ id: g.id, title: g.title, points: round2(points), max, capped: raw > max + 1e-9 });
  }

  const total = round2(groups.reduce((s, g) => s + g.points, 0));
  const applicableMax = groups.reduce((s, g) => s + g.max, 0);
  const missing = criteria.filter((c) => c.applicable && c.points === null).map((c) => c.id);
  const { rating, ratingReason } = rate(f, criteria, total, applicableMax);
  return {
    frameworkId: f.id,
    frameworkVersion: f.version,
    criteria,
    groups,
    total,
    applicableMax,
    percent: applicableMax > 0 ? round2((total / applicableMax) * 100) : 0,
    rating,
    ratingReason,
    complete: missing.length === 0,
    missing,
    problems,
  };
}

/** The rating by the bands on the percentage, capped at 'fair' when a mandatory criterion is not full. */
function rate(
  f: ScoringFramework,
  criteria: readonly ScoredCriterion[],
  total: number,
  applicableMax: number,
): { rating: Rating; ratingReason: Message } {
  const bands = f.ratings.bands;
  const reaches = (minPercent: number) => total * 100 + 1e-9 >= minPercent * applicableMax;
  const found = bands.findIndex((b) => reaches(b.minPercent));
  const index = found === -1 ? bands.length - 1 : found;
  const band = bands[index]!;
  const scored =
    applicableMax === f.total
      ? message('scoring.rating.scored', { total: formatPoints(total) })
      : message('scoring.rating.scored_of', {
          total: formatPoints(total),
          max: formatPoints(applicableMax),
          percent: percent(applicableMax > 0 ? total / applicableMax : 0),
        });
  const higher = bands[index - 1];
  const range =
    band.minPercent === 0 && higher
      ? message('scoring.rating.range_below', { max: decimal(higher.minPercent) })
      : higher
        ? message('scoring.rating.range_between', {
            min: decimal(band.minPercent),
            max: decimal(higher.minPercent),
          })
        : message('scoring.rating.range_from', { min: decimal(band.minPercent) });

  if (band.rating === 'good') {
    const notFull = f.ratings.mandatoryFullMarks
      .map((id) => criteria.find((c) => c.id === id))
      .filter(
        (c): c is ScoredCriterion => !!c && c.applicable && (c.points === null || c.points + 1e-9 < c.max),
      );
    if (notFull.length > 0) {
      const names = list(
        notFull.map((c) => c.title),
        'comma',
      );
      return {
        rating: 'fair',
        ratingReason: message(
          notFull.length > 1 ? 'scoring.rating.capped_many' : 'scoring.rating.capped_one',
          {
            scored,
            criteria: names,
            rating: ratingName('fair'),
          },
        ),
      };
    }
    const code =
      f.ratings.mandatoryFullMarks.length > 0 ? 'scoring.rating.reason_mandatory' : 'scoring.rating.reason';
    return { rating: 'good', ratingReason: message(code, { scored, range, rating: ratingName('good') }) };
  }
  return {
    rating: band.rating,
    ratingReason: message('scoring.rating.reason', { scored, range, rating: ratingName(band.rating) }),
  };
}

/**
 * The band a percentage reaches under a framework's rating bands, without the mandatory-criterion check: for
 * averages (a quarter, a year) and outside scores shown beside a cell's own rating.
 */
export function ratingForPercent(f: Pick<ScoringFramework, 'ratings'>, percent: number): Rating {
  const band = f.ratings.bands.find((b) => percent + 1e-9 >= b.minPercent);
  return (band ?? f.ratings.bands[f.ratings.bands.length - 1]!).rating;
}

/** Problems that stop a submission: the scorecard's own, and for a final one every applicable criterion scored. */
export function submissionProblems(scorecard: ScoredScorecard, final: boolean): Message[] {
  const out = [...scorecard.problems];
  if (final && !scorecard.complete) {
    const titles = scorecard.criteria.filter((c) => scorecard.missing.includes(c.id)).map((c) => c.title);
    out.push(message('scoring.scorecard.incomplete', { criteria: list(titles, 'comma') }));
  }
  return out;
}

/**
 * A month's scorecards of one meeting split the one way ratings and their summaries read them: the cell's own
 * (self) scorecard, and the outside scorers' (committee, supervision) with their mean percent (null when none).
 */
export function monthScorecards<T extends { scorer_kind: string; percent: number }>(
  inMonth: readonly T[],
): { self: T | undefined; outside: T[]; outsidePercent: number | null } {
  const self = inMonth.find((r) => r.scorer_kind === 'self');
  const outside = inMonth.filter((r) => r.scorer_kind !== 'self');
  const outsidePercent = outside.length ? outside.reduce((s, r) => s + r.percent, 0) / outside.length : null;
  return { self, outside, outsidePercent };
}
