// The scoring framework as data (reference §6): its zod schema and JSON Schema, the checks beyond the shape (sums,
// bands, sources), parsing a framework file into problems by path, and which framework governs an organisation.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.

import { z } from 'zod';
import { governing } from './governing.ts';
import { isValidIsoDate } from './dates.ts';
import { meetingKindLabel, type MeetingKind } from './meetings.ts';
import {
  isMessageCode,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  renderVi,
} from './messages.ts';

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
  /** the same path as its segments (['groups', 2, 'max']); empty at the root */
  at: Array<string | number>;
  message: Message;
}

/**
 * The field path of a problem in a request whose body holds the framework under `field` (dotted, indices as
 * segments, as the API names every field): 'definition.groups.2.criteria.1.max', or `field` at the root.
 */
export function frameworkFieldPath(field: string, p: FrameworkProblem): string {
  return [field, ...p.at].join('.');
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
    at: path.map((p) => (typeof p === 'number' ? p : String(p))),
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
