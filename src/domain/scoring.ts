// Scoring the quality of a cell meeting (chấm điểm chất lượng sinh hoạt chi bộ), reference §6.
// A framework is versioned data (groups of criteria, points, bands, rating rules) checked by a zod schema;
// the engine pre-fills criteria from recorded facts, checks the scorer's entries and rates the meeting.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.

import { z } from 'zod';
import { governing } from './governing.ts';
import { isValidIsoDate } from './dates.ts';
import { meetingKindLabel, type MeetingKind } from './meetings.ts';
import {
  decimal,
  isMessageCode,
  list,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  percent,
  renderVi,
} from './messages.ts';

// ---------------------------------------------------------------------------------------------------------
// The framework schema

export const ratings = ['good', 'fair', 'average', 'poor'] as const;
export type Rating = (typeof ratings)[number];

export const ratingLabel: Record<Rating, string> = {
  good: 'Tốt',
  fair: 'Khá',
  average: 'Trung bình',
  poor: 'Kém',
};

/** A rating named as a message ('Tốt' / 'Good'). */
export const ratingName = (r: Rating): Message => message(`scoring.rating.${r}`);

export const criterionTypes = ['toggle', 'levels', 'ratio_bands', 'computed'] as const;
export type CriterionType = (typeof criterionTypes)[number];

/** Where an automatic value comes from; see autoScores for what each one reads. */
export const factSources = [
  'duration',
  'attendance',
  'attendance_bonus',
  'preparatory_minuted',
  'notice_sent',
  'materials_lead',
  'speakers_share',
  'minutes_complete',
  'previous_achievement',
  'finalised_in_time',
] as const;
export type FactSource = (typeof factSources)[number];

/** Sources that yield a share 0..1 (scored by bands or proportionally) and sources that yield yes/no. */
const ratioSources: ReadonlySet<FactSource> = new Set([
  'duration',
  'attendance',
  'speakers_share',
  'previous_achievement',
]);
const booleanSources: ReadonlySet<FactSource> = new Set([
  'duration',
  'attendance_bonus',
  'preparatory_minuted',
  'notice_sent',
  'materials_lead',
  'minutes_complete',
  'finalised_in_time',
]);

/** The criterion types each source can fill in ('levels' only for duration: the HD 42 shortfall tiers). */
function sourceSupports(source: FactSource, type: CriterionType): boolean {
  switch (type) {
    case 'levels':
      return source === 'duration';
    case 'ratio_bands':
      return ratioSources.has(source);
    case 'toggle':
      return booleanSources.has(source);
    case 'computed':
      return true;
  }
}

const meetingKinds = Object.keys(meetingKindLabel) as [MeetingKind, ...MeetingKind[]];
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { error: 'scoring.framework.id_format' })
  .max(100);
const isoDate = z
  .string()
  .refine(isValidIsoDate, { error: 'scoring.framework.date_format' })
  .meta({ format: 'date' });
const points = z.number().min(0).max(1000);

const documentSchema = z.object({
  number: z.string().min(1).describe("e.g. '42-HD/BTCTW'"),
  type: z.enum(['Chỉ thị', 'Hướng dẫn', 'Nghị quyết', 'Quy định', 'Kết luận', 'Điều lệ', 'Quyết định']),
  issuer: z.string().min(1),
  date: isoDate,
});

const levelSchema = z.object({ points, label: z.string().min(1) });
const bandSchema = z.object({
  minRatio: z.number().min(0).max(1).describe('share 0..1 from which the band applies'),
  strict: z.boolean().optional().describe('true: more than minRatio ("trên"); otherwise at least ("từ")'),
  points,
});

const criterionSchema = z.object({
  id,
  title: z.string().min(1).describe('short, used in messages: "tiêu chí Thời lượng"'),
  description: z.string().optional(),
  max: points.positive(),
  type: z
    .enum(criterionTypes)
    .describe(
      'toggle: 0 or max; levels: the scorer picks one level; ratio_bands: points from a share; ' +
        'computed: any value 0..max, proportional to the source when it has one',
    ),
  levels: z.array(levelSchema).optional(),
  bands: z.array(bandSchema).optional().describe('in descending minRatio; a share below every band scores 0'),
  source: z
    .enum(factSources)
    .optional()
    .describe('criteria with a source are pre-filled from recorded facts'),
  appliesWhen: z
    .literal('thematic')
    .optional()
    .describe('scored only in a meeting with a thematic part; otherwise its maximum is not counted'),
  bonus: z
    .boolean()
    .optional()
    .describe('a bonus point: counts, but the group total stays capped at the group max'),
});

const groupSchema = z.object({
  id,
  order: z.number().int().min(1),
  title: z.string().min(1),
  max: points.positive(),
  maxNote: z
    .string()
    .optional()
    .describe('why the group max differs from the sum of its non-bonus criteria (required when it does)'),
  criteria: z.array(criterionSchema).min(1),
});

const ratingBandSchema = z.object({
  rating: z.enum(ratings),
  minPercent: z.number().min(0).max(100).describe('percent of the applicable maximum'),
});

const frameworkShape = z.object({
  id,
  version: z.number().int().min(1),
  title: z.string().min(1),
  issuer: z.string().min(1),
  document: documentSchema.nullable(),
  note: z.string().optional(),
  effectiveFrom: isoDate,
  scope: z
    .enum(['national', 'assigned'])
    .default('national')
    .describe(
      "'national': applies everywhere from effectiveFrom; 'assigned': only where an upper committee assigns it",
    ),
  meetingKinds: z
    .array(z.enum(meetingKinds))
    .min(1)
    .default(['regular', 'regular_thematic'])
    .describe('the meeting kinds it scores'),
  total: points.positive().describe('the stated total: the sum of the group maxima'),
  groups: z.array(groupSchema).min(1),
  ratings: z.object({
    bands: z.array(ratingBandSchema).min(1).describe('in descending minPercent; the last one from 0'),
    mandatoryFullMarks: z
      .array(z.string())
      .describe(
        "criterion ids that must score full marks for 'good'; otherwise the rating is capped at 'fair'",
      ),
  }),
});

export type ScoringFramework = z.output<typeof frameworkShape>;
export type ScoringFrameworkInput = z.input<typeof frameworkShape>;
export type ScoringGroup = ScoringFramework['groups'][number];
export type ScoringCriterion = ScoringGroup['criteria'][number];
export type RatioBand = NonNullable<ScoringCriterion['bands']>[number];

interface FrameworkIssue {
  path: Array<string | number>;
  message: Message;
}

/** A problem of a framework file: where (a path such as 'groups[2].max') and what, prefixed with the path. */
export interface FrameworkProblem {
  path: string;
  message: Message;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Checks beyond the shape: sums, bands, levels, sources and references. */
function frameworkIssues(f: ScoringFramework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add = (path: Array<string | number>, code: MessageCode, params?: Record<string, MessageParam>) =>
    issues.push({ path, message: message(code, params) });
  const criterionIds = new Set<string>();
  const groupIds = new Set<string>();
  const orders = new Set<number>();
  let groupSum = 0;

  f.groups.forEach((g, gi) => {
    const gp = ['groups', gi];
    if (groupIds.has(g.id)) add([...gp, 'id'], 'scoring.framework.duplicate_group_id', { id: g.id });
    groupIds.add(g.id);
    if (orders.has(g.order))
      add([...gp, 'order'], 'scoring.framework.duplicate_group_order', { order: g.order });
    orders.add(g.order);
    groupSum += g.max;
    let base = 0;
    let bonus = 0;

    g.criteria.forEach((c, ci) => {
      const cp = [...gp, 'criteria', ci];
      const id = c.id;
      if (criterionIds.has(c.id)) add([...cp, 'id'], 'scoring.framework.duplicate_criterion_id', { id });
      criterionIds.add(c.id);
      if (c.bonus) bonus += c.max;
      else base += c.max;

      if (c.type === 'levels') {
        if (!c.levels?.length) add([...cp, 'levels'], 'scoring.framework.levels_missing', { id });
      } else if (c.levels) {
        add([...cp, 'levels'], 'scoring.framework.levels_not_allowed', { id });
      }
      if (c.type === 'ratio_bands') {
        if (!c.bands?.length) add([...cp, 'bands'], 'scoring.framework.bands_missing', { id });
      } else if (c.bands) {
        add([...cp, 'bands'], 'scoring.framework.bands_not_allowed', { id });
      }
      const seen = new Set<number>();
      c.levels?.forEach((l, li) => {
        if (l.points > c.max) {
          add([...cp, 'levels', li, 'points'], 'scoring.framework.level_above_max', {
            id,
            points: l.points,
            max: c.max,
          });
        }
        if (seen.has(l.points))
          add([...cp, 'levels', li, 'points'], 'scoring.framework.level_duplicate', { id, points: l.points });
        seen.add(l.points);
      });
      c.bands?.forEach((b, bi) => {
        if (b.points > c.max) {
          add([...cp, 'bands', bi, 'points'], 'scoring.framework.band_above_max', {
            id,
            band: bi + 1,
            points: b.points,
            max: c.max,
          });
        }
        const prev = c.bands?.[bi - 1];
        if (prev && !(b.minRatio < prev.minRatio)) {
          add([...cp, 'bands', bi, 'minRatio'], 'scoring.framework.bands_not_descending', { id });
        }
        if (prev && b.points > prev.points) {
          add([...cp, 'bands', bi, 'points'], 'scoring.framework.band_points_rise', { id });
        }
      });
      const top = Math.max(...(c.levels ?? c.bands ?? []).map((x) => x.points));
      if (Number.isFinite(top) && top < c.max) {
        add([...cp, 'max'], 'scoring.framework.max_unreachable', { id, top, max: c.max });
      }
      if (c.source && !sourceSupports(c.source, c.type)) {
        add([...cp, 'source'], 'scoring.framework.source_unsupported', {
          id,
          source: c.source,
          type: c.type,
        });
      }
    });

    if (!near(g.max, base)) {
      if (g.max < base || g.max > base + bonus) {
        add(
          [...gp, 'max'],
          bonus > 0 ? 'scoring.framework.group_max_mismatch_bonus' : 'scoring.framework.group_max_mismatch',
          bonus > 0 ? { id: g.id, max: g.max, sum: base, bonus } : { id: g.id, max: g.max, sum: base },
        );
      } else if (!g.maxNote?.trim()) {
        add([...gp, 'maxNote'], 'scoring.framework.group_max_note_needed', {
          id: g.id,
          max: g.max,
          sum: base,
        });
      }
    }
  });

  if (!near(groupSum, f.total)) {
    add(['total'], 'scoring.framework.total_mismatch', { sum: groupSum, total: f.total });
  }
  f.ratings.mandatoryFullMarks.forEach((cid, i) => {
    if (!criterionIds.has(cid))
      add(['ratings', 'mandatoryFullMarks', i], 'scoring.framework.unknown_mandatory', { id: cid });
  });
  const seenRatings = new Set<Rating>();
  f.ratings.bands.forEach((b, i) => {
    if (seenRatings.has(b.rating))
      add(['ratings', 'bands', i, 'rating'], 'scoring.framework.duplicate_rating', { rating: b.rating });
    seenRatings.add(b.rating);
    const prev = f.ratings.bands[i - 1];
    if (prev && !(b.minPercent < prev.minPercent)) {
      add(['ratings', 'bands', i, 'minPercent'], 'scoring.framework.ratings_not_descending');
    }
    if (prev && ratings.indexOf(b.rating) <= ratings.indexOf(prev.rating)) {
      add(['ratings', 'bands', i, 'rating'], 'scoring.framework.ratings_order');
    }
  });
  const last = f.ratings.bands[f.ratings.bands.length - 1];
  if (last && last.minPercent !== 0) {
    add(
      ['ratings', 'bands', f.ratings.bands.length - 1, 'minPercent'],
      'scoring.framework.last_rating_from_zero',
    );
  }
  return issues;
}

/** 'groups[2].criteria[1].levels[0].points' */
function pathLabel(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** A problem at a path: 'total: …', or '(gốc): …' at the root. */
function atPath(path: ReadonlyArray<PropertyKey>, problem: Message): FrameworkProblem {
  const label = pathLabel(path);
  return {
    path: label || '(body)',
    message: message('scoring.framework.at_path', {
      path: label || message('scoring.framework.root'),
      problem,
    }),
  };
}

/** The problems of a framework that has the right shape, each prefixed with its path; empty when it is sound. */
export function frameworkProblems(f: ScoringFramework): FrameworkProblem[] {
  return frameworkIssues(f).map((i) => atPath(i.path, i.message));
}

/** A zod issue of a framework file as a message: our own words by code, zod's by its locale. */
function issueMessage(issue: z.core.$ZodIssue): Message {
  const own = (issue as { params?: { message?: Message } }).params?.message;
  if (own) return own;
  if (isMessageCode(issue.message)) return message(issue.message);
  const {
    input: _input,
    path: _path,
    message: _message,
    ...raw
  } = issue as z.core.$ZodIssue & {
    input?: unknown;
  };
  return message('validation.zod_issue', raw as unknown as Record<string, MessageParam>);
}

export const scoringFrameworkSchema = frameworkShape
  .superRefine((f, ctx) => {
    for (const i of frameworkIssues(f)) {
      ctx.addIssue({
        code: 'custom',
        path: i.path,
        message: renderVi(i.message),
        params: { message: i.message },
      });
    }
  })
  .meta({
    title: 'Khung tiêu chí chấm điểm chất lượng sinh hoạt chi bộ',
    description:
      'A meeting-quality scoring framework (reference §6). Beyond this shape the app checks that each group max ' +
      'equals the sum of its non-bonus criteria (or says why in maxNote), that the group maxima add up to total, ' +
      'that level and band points stay within the criterion max, that bands descend, that rating bands descend ' +
      'to 0 and that mandatoryFullMarks name existing criteria.',
  });

/** Parses a framework file (e.g. a province's own JSON): the framework, or problems naming the path. */
export function parseScoringFramework(
  input: unknown,
): { ok: true; framework: ScoringFramework } | { ok: false; problems: FrameworkProblem[] } {
  const r = scoringFrameworkSchema.safeParse(input, { error: z.locales.vi().localeError });
  if (r.success) return { ok: true, framework: r.data };
  return { ok: false, problems: r.error.issues.map((i) => atPath(i.path, issueMessage(i))) };
}

/** The JSON Schema of a framework file, as committed in docs/scoring-framework.schema.json. */
export function scoringFrameworkJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scoringFrameworkSchema, { io: 'input' }) as Record<string, unknown>;
}

/** Whether the framework scores meetings of this kind. */
export function frameworkScoresKind(f: ScoringFramework, kind: MeetingKind): boolean {
  return f.meetingKinds.includes(kind);
}

// ---------------------------------------------------------------------------------------------------------
// Which framework governs: national frameworks and an upper committee's assignments to its subtree

/** One assignment of a framework to a subtree from a date; depth is the assigning organisation's depth. */
export interface ScoringFrameworkAssignment {
  frameworkId: string;
  effectiveFrom: string;
  depth: number;
}

/**
 * The framework governing an organisation on a date, as governingRuleSet in meeting-rules.ts: among the
 * national frameworks and the assignments at the organisation or its ancestors, the one that took effect last;
 * on the same date the deeper (more local) assignment wins, then the higher version. Null before any.
 */
export function governingFramework(
  frameworks: readonly ScoringFramework[],
  assignments: readonly ScoringFrameworkAssignment[],
  date: string,
): { framework: ScoringFramework; inheritedFromDepth: number | null } | null {
  const found = governing(
    frameworks,
    assignments.map((a) => ({ id: a.frameworkId, effectiveFrom: a.effectiveFrom, depth: a.depth })),
    date,
  );
  return found ? { framework: found.item, inheritedFromDepth: found.inheritedFromDepth } : null;
}

// ---------------------------------------------------------------------------------------------------------
// Facts and automatic values

/** Recorded facts of one meeting. Null facts are unknown and leave their criteria to the scorer. */
export interface ScoringFacts {
  durationMinutes: number | null;
  /** the rule set's minimum: 90, or 120 for a regular and thematic meeting in one session (HD 42-HD/BTCTW) */
  requiredMinutes: number;
  /** present over the attendance base (exempt members excluded) */
  attendanceRate: number | null;
  unexcusedAbsences: number;
  /** someone was absent, even with a reason, more than 3 times in a row this year */
  longAbsenceStreak: boolean;
  preparatoryMinuted: boolean | null;
  /** false when the cell has only a secretary: the preparatory criterion then scores full marks */
  hasCommittee: boolean;
  noticeSent: boolean | null;
  /** days before the meeting the documents went out */
  materialsLeadDays: number | null;
  requiredLeadDays: number | null;
  speakersShare: number | null;
  minutesComplete: boolean | null;
  /** 0..1; null when no task of the previous decision was due */
  previousAchievement: number | null;
  finalisedWithinDays: number | null;
  requiredFinaliseDays: number | null;
  /** the meeting has a thematic part (criteria with appliesWhen 'thematic' apply) */
  thematic: boolean;
}

export interface AutoScore {
  points: number;
  /** what the facts show, e.g. 'Thời lượng 95 phút ≥ 90 phút' (scoring.evidence.duration_met) */
  evidence: Message;
}

type SourceValue =
  { kind: 'ratio'; ratio: number; evidence: Message } | { kind: 'yes_no'; yes: boolean; evidence: Message };

function percentOf(minRatio: number): Message {
  return percent(minRatio, 0);
}

/** The band a share falls in; none when it is below every band. */
function bandFor(bands: readonly RatioBand[], ratio: number): { band: RatioBand; index: number } | null {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.strict ? ratio > b.minRatio + 1e-9 : ratio + 1e-9 >= b.minRatio) return { band: b, index: i };
  }
  return null;
}

/** '≥ 90%', '> 50%', 'dưới 30%'; null when nothing is to be said */
function bandQualifier(bands: readonly RatioBand[], ratio: number): Message | null {
  const hit = bandFor(bands, ratio);
  const below = (r: number) => message('scoring.band.below', { percent: percentOf(r) });
  if (!hit) return bands.length ? below(bands[bands.length - 1]!.minRatio) : null;
  if (hit.band.minRatio === 0 && hit.index > 0) return below(bands[hit.index - 1]!.minRatio);
  if (hit.band.minRatio === 0) return null;
  const code = hit.band.strict ? 'scoring.band.more_than' : 'scoring.band.at_least';
  return message(code, { percent: percentOf(hit.band.minRatio) });
}

/** Evidence with a qualifier in brackets: 'Thời lượng 80 phút … (thiếu không quá 15 phút)'. */
function qualified(evidence: Message, qualifier: Message | null): Message {
  return qualifier ? message('scoring.evidence.qualified', { evidence, qualifier }) : evidence;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function durationValue(facts: ScoringFacts): SourceValue | null {
  const d = facts.durationMinutes;
  if (d === null) return null;
  const req = facts.requiredMinutes;
  const yes = d >= req;
  return {
    kind: 'yes_no',
    yes,
    evidence: yes
      ? message('scoring.evidence.duration_met', { minutes: d, required: req })
      : message('scoring.evidence.duration_short', { minutes: d, short: req - d, required: req }),
  };
}

/** The value of a source from the facts; null when the facts needed are unknown. */
function sourceValue(source: FactSource, facts: ScoringFacts): SourceValue | null {
  const yesNo = (yes: boolean, whenYes: Message, whenNo: Message): SourceValue => ({
    kind: 'yes_no',
    yes,
    evidence: yes ? whenYes : whenNo,
  });
  const m = (code: MessageCode, params?: Record<string, MessageParam>) => message(code, params);
  switch (source) {
    case 'duration': {
      const v = durationValue(facts);
      if (!v || facts.durationMinutes === null) return null;
      return {
        kind: 'ratio',
        ratio: Math.min(1, facts.durationMinutes / facts.requiredMinutes),
        evidence: v.evidence,
      };
    }
    case 'attendance': {
      const n = facts.unexcusedAbsences;
      if (facts.attendanceRate === null) {
        return n > 0
          ? { kind: 'ratio', ratio: 0, evidence: m('scoring.evidence.unexcused_only', { count: n }) }
          : null;
      }
      const absent =
        n > 0 ? m('scoring.evidence.unexcused', { count: n }) : m('scoring.evidence.no_unexcused');
      return {
        kind: 'ratio',
        ratio: facts.attendanceRate,
        evidence: m('scoring.evidence.attendance', { share: percent(facts.attendanceRate), absent }),
      };
    }
    case 'attendance_bonus':
      return yesNo(
        !facts.longAbsenceStreak,
        m('scoring.evidence.no_long_absence'),
        m('scoring.evidence.long_absence'),
      );
    case 'preparatory_minuted':
      if (!facts.hasCommittee) {
        const full = m('scoring.evidence.secretary_only');
        return yesNo(true, full, full);
      }
      if (facts.preparatoryMinuted === null) return null;
      return yesNo(
        facts.preparatoryMinuted,
        m('scoring.evidence.preparatory_minuted'),
        m('scoring.evidence.preparatory_not_minuted'),
      );
    case 'notice_sent':
      if (facts.noticeSent === null) return null;
      return yesNo(
        facts.noticeSent,
        m('scoring.evidence.notice_sent'),
        m('scoring.evidence.notice_not_sent'),
      );
    case 'materials_lead': {
      const lead = facts.materialsLeadDays;
      const req = facts.requiredLeadDays;
      if (lead === null || req === null) return null;
      const sent =
        lead <= 0
          ? m('scoring.evidence.materials_same_day')
          : m('scoring.evidence.materials_before', { days: lead });
      return yesNo(
        lead >= req,
        m('scoring.evidence.materials_in_time', { sent, required: req }),
        m('scoring.evidence.materials_late', { sent, required: req }),
      );
    }
    case 'speakers_share':
      if (facts.speakersShare === null) return null;
      return {
        kind: 'ratio',
        ratio: facts.speakersShare,
        evidence: m('scoring.evidence.speakers', { share: percent(facts.speakersShare) }),
      };
    case 'minutes_complete':
      if (facts.minutesComplete === null) return null;
      return yesNo(
        facts.minutesComplete,
        m('scoring.evidence.minutes_complete'),
        m('scoring.evidence.minutes_incomplete'),
      );
    case 'previous_achievement':
      if (facts.previousAchievement === null) return null;
      return {
        kind: 'ratio',
        ratio: facts.previousAchievement,
        evidence: m('scoring.evidence.previous_achievement', { share: percent(facts.previousAchievement) }),
      };
    case 'finalised_in_time': {
      const d = facts.finalisedWithinDays;
      const req = facts.requiredFinaliseDays;
      if (d === null || req === null) return null;
      return yesNo(
        d <= req,
        m('scoring.evidence.finalised_in_time', { days: d, required: req }),
        m('scoring.evidence.finalised_late', { days: d, required: req }),
      );
    }
  }
}

/**
 * HD 42 duration tiers (reference §6.2): the minimum met; at most 15 minutes short; at most 30 short; at
 * least half the minimum; less than half. Tier i takes the i-th highest level (the lowest when fewer levels).
 */
function durationTier(d: number, req: number): { tier: number; label: Message | null } {
  const short = req - d;
  if (short <= 0) return { tier: 0, label: null };
  if (short <= 15) return { tier: 1, label: message('scoring.evidence.tier_short_15') };
  if (short <= 30) return { tier: 2, label: message('scoring.evidence.tier_short_30') };
  if (d * 2 >= req) return { tier: 3, label: message('scoring.evidence.tier_half') };
  return { tier: 4, label: message('scoring.evidence.tier_below_half') };
}

function autoScore(c: ScoringCriterion, facts: ScoringFacts): AutoScore | null {
  if (!c.source) return null;
  if (c.type === 'levels') {
    // Only duration fills in levels (the schema check refuses other sources).
    const d = facts.durationMinutes;
    if (c.source !== 'duration' || d === null || !c.levels?.length) return null;
    const { tier, label } = durationTier(d, facts.requiredMinutes);
    const sorted = [...c.levels].sort((a, b) => b.points - a.points);
    const level = sorted[Math.min(tier, sorted.length - 1)]!;
    const base = durationValue(facts)!.evidence;
    return { points: level.points, evidence: qualified(base, label) };
  }
  // Duration is a share of the minimum for bands, and 'the minimum met' for a toggle.
  const v =
    c.source === 'duration' && c.type === 'toggle' ? durationValue(facts) : sourceValue(c.source, facts);
  if (!v) return null;
  if (v.kind === 'yes_no') {
    if (c.type === 'toggle' || c.type === 'computed')
      return { points: v.yes ? c.max : 0, evidence: v.evidence };
    return null;
  }
  if (c.type === 'ratio_bands' && c.bands) {
    // HD 42: any absence without a reason puts attendance in the lowest band.
    if (c.source === 'attendance' && facts.unexcusedAbsences > 0) {
      const lowest = Math.min(...c.bands.map((b) => b.points));
      return { points: lowest, evidence: v.evidence };
    }
    const hit = bandFor(c.bands, v.ratio);
    return {
      points: hit ? hit.band.points : 0,
      evidence: qualified(v.evidence, bandQualifier(c.bands, v.ratio)),
    };
  }
  if (c.type === 'computed') {
    const zero = c.source === 'attendance' && facts.unexcusedAbsences > 0;
    return { points: zero ? 0 : round2(c.max * Math.min(1, Math.max(0, v.ratio))), evidence: v.evidence };
  }
  return null;
}

/** The criteria the facts fill in, by criterion id, with their evidence. Criteria not applicable are left out. */
export function autoScores(f: ScoringFramework, facts: ScoringFacts): Map<string, AutoScore> {
  const out = new Map<string, AutoScore>();
  for (const g of f.groups) {
    for (const c of g.criteria) {
      if (!applies(c, facts)) continue;
      const a = autoScore(c, facts);
      if (a) out.set(c.id, a);
    }
  }
  return out;
}

function applies(c: ScoringCriterion, facts: ScoringFacts): boolean {
  return c.appliesWhen !== 'thematic' || facts.thematic;
}

// ---------------------------------------------------------------------------------------------------------
// The score sheet

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

export interface ScoreSheet {
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
 * Scores a sheet: automatic values from the facts, the scorer's entries checked against them, group totals
 * capped at the group max, the percentage of the applicable maximum and the rating. Problems (a value above a
 * criterion's max, an override without a reason, an unknown criterion) mean the sheet must not be saved.
 */
export function scoreSheet(
  f: ScoringFramework,
  entries: readonly CriterionEntry[],
  facts: ScoringFacts,
): ScoreSheet {
  const problems: Message[] = [];
  const known = new Map<string, ScoringCriterion>();
  for (const g of f.groups) for (const c of g.criteria) known.set(c.id, c);
  const byId = new Map<string, CriterionEntry>();
  for (const e of entries) {
    if (!known.has(e.criterionId))
      problems.push(message('scoring.sheet.unknown_criterion', { id: e.criterionId, framework: f.title }));
    else if (byId.has(e.criterionId))
      problems.push(message('scoring.sheet.scored_twice', { criterion: known.get(e.criterionId)!.title }));
    else byId.set(e.criterionId, e);
  }
  const autos = autoScores(f, facts);

  const criteria: ScoredCriterion[] = [];
  const groups: ScoredGroup[] = [];
  for (const g of f.groups) {
    let raw = 0;
    let max = g.max;
    for (const c of g.criteria) {
      const applicable = applies(c, facts);
      const auto = autos.get(c.id) ?? null;
      const entry = byId.get(c.id);
      const value = entry?.points ?? null;
      const reason = entry?.overrideReason?.trim() || null;
      let problem: Message | null = null;
      let points: number | null = null;
      let overridden = false;
      if (!applicable) {
        if (!c.bonus) max -= c.max;
        if (value !== null) problem = message('scoring.sheet.thematic_only', { criterion: c.title });
      } else if (value === null) {
        points = auto?.points ?? null;
      } else {
        problem = entryProblem(c, value);
        if (!problem && auto && !near(auto.points, value)) {
          if (reason) overridden = true;
          else {
            problem = message('scoring.sheet.override_needs_reason', {
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

/** Problems that stop a submission: the sheet's own, and for a final one every applicable criterion scored. */
export function submissionProblems(sheet: ScoreSheet, final: boolean): Message[] {
  const out = [...sheet.problems];
  if (final && !sheet.complete) {
    const titles = sheet.criteria.filter((c) => sheet.missing.includes(c.id)).map((c) => c.title);
    out.push(message('scoring.sheet.incomplete', { criteria: list(titles, 'comma') }));
  }
  return out;
}
