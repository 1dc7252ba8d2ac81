// Contracts of meeting-quality scoring: frameworks, scorecards side by side, ratings over time and inflation.
import { z } from 'zod';
import { isoDate, keysetQuery, messageSchema, uuid } from './common.ts';

export const scorerKind = z.enum(['self', 'follower', 'supervision']);
export const rating = z.enum(['good', 'fair', 'average', 'poor']);

// What the viewer may do (src/domain/scorecard-actions.ts says when).
/** On a meeting's scoring: fill in a scorecard of a kind (one action per scorer kind). */
export const scoringActions = ['score_self', 'score_as_follower', 'score_as_supervision'] as const;
/** On one scorecard: save it as a draft; submit it (final). */
export const scorecardActions = ['edit', 'submit'] as const;
export const scorecardStatuses = ['draft', 'submitted'] as const;

export const frameworkView = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  document: z.string().nullable(),
  note: z.string().nullable(),
  total: z.number(),
  groups: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      max: z.number(),
      criteria: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          max: z.number(),
          type: z.string(),
          options: z.array(z.object({ points: z.number(), label: messageSchema })),
          automatic: z.boolean(),
          appliesWhen: z.string().nullable(),
          bonus: z.boolean(),
        }),
      ),
    }),
  ),
  mandatoryFullMarks: z.array(z.string()),
  definition: z
    .record(z.string(), z.unknown())
    .describe(
      'the whole framework (docs/scoring-framework.schema.json), so a client can score exactly as the server',
    ),
});

export const scoredCriterion = z.object({
  id: z.string(),
  points: z.number().nullable(),
  auto: z.object({ points: z.number(), evidence: messageSchema }).nullable(),
  applicable: z.boolean(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
});

export const scorecardView = z.object({
  id: uuid,
  kind: scorerKind,
  scorer: z.string(),
  status: z.enum(scorecardStatuses),
  total: z.number(),
  applicableMax: z.number(),
  percent: z.number(),
  rating: rating.nullable(),
  ratingReason: messageSchema.nullable(),
  submittedAt: z.string().nullable(),
  criteria: z.array(scoredCriterion),
  mine: z.boolean(),
  actions: z.array(z.enum(scorecardActions)),
});

export const meetingScores = z.object({
  meetingId: uuid,
  meetingStatus: z.string(),
  framework: frameworkView,
  /** the automatic values pre-filled from the facts: every automatic criterion with its evidence */
  automatic: z.array(z.object({ id: z.string(), points: z.number(), evidence: messageSchema })),
  scorecards: z.array(scorecardView),
  actions: z.array(z.enum(scoringActions)),
  gap: z
    .object({ self: z.number(), outside: z.number(), difference: z.number() })
    .nullable()
    .describe('percent points: the self-score minus the mean of submitted outside scores'),
});

export const saveScorecardBody = z.object({
  entries: z.array(
    z.object({
      criterionId: z.string().min(1).max(100),
      points: z.number().nullable(),
      overrideReason: z.string().trim().max(1000).nullable().optional(),
    }),
  ),
  submit: z.boolean().default(false),
});

export const ratingsQuery = keysetQuery.extend({
  year: z.coerce.number().int().min(2015).max(2100).optional(),
  margin: z.coerce.number().min(1).max(50).default(10),
});

export const ratingsOverview = z.object({
  year: z.number().int(),
  margin: z.number(),
  months: z.array(z.string()),
  cellCount: z.number().int().describe('cells of the subtree now (all pages)'),
  nextCursor: z.string().nullable().describe('the cursor of the next page; null on the last'),
  cells: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      months: z.array(
        z.object({
          month: z.string(),
          meetingId: uuid.nullable(),
          self: z.object({ percent: z.number(), rating: rating }).nullable(),
          outside: z.object({ percent: z.number(), rating: rating, count: z.number().int() }).nullable(),
        }),
      ),
      quarters: z.array(
        z.object({ quarter: z.number().int(), percent: z.number().nullable(), rating: rating.nullable() }),
      ),
      year: z.object({ percent: z.number().nullable(), rating: rating.nullable() }),
      weak: z.array(z.string()).describe('months closing a run of two months rated average or poor'),
      inflated: z.boolean(),
      inflatedMeetings: z.number().int(),
      meanGap: z.number().nullable(),
    }),
  ),
  distribution: z.array(
    z.object({
      month: z.string(),
      good: z.number().int(),
      fair: z.number().int(),
      average: z.number().int(),
      poor: z.number().int(),
    }),
  ),
  gapByMonth: z.array(
    z.object({ month: z.string(), meanGap: z.number().nullable(), pairs: z.number().int() }),
  ),
});

export const assignFrameworkBody = z.object({
  frameworkId: z.string().min(1).max(100),
  effectiveFrom: isoDate,
  documentRef: z.string().trim().max(200).optional(),
});

export const loadFrameworkBody = z.object({ definition: z.unknown() });

export const frameworkList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      title: z.string(),
      document: z.string().nullable(),
      effectiveFrom: isoDate,
      scope: z.string(),
      builtIn: z.boolean(),
    }),
  ),
  governing: z.object({ id: z.string(), version: z.number().int(), title: z.string() }).nullable(),
});

export const rescoreBody = z.object({ year: z.number().int().min(2015).max(2100) });
export const rescoreJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  changed: z.number().int(),
  error: messageSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
