// Contracts of the annual evaluation (kiểm điểm, đánh giá, xếp loại chất lượng), the discipline register and
// "bốn tốt".
import { z } from 'zod';
import { isoDate, keysetQuery, messageSchema, uuid } from './common.ts';

export const evaluationLevel = z.enum(['excellent', 'good', 'completed', 'not_completed']);
export const evaluationStep = z.enum(['self_assessment', 'proposal', 'decision', 'announced']);
// What the viewer may do (src/domain/evaluation-actions.ts says when).
/** On one evaluation: the workflow's steps. */
export const evaluationActions = ['self_assess', 'propose', 'decide', 'announce'] as const;
export const evaluationAction = z.enum(evaluationActions);
/** On an organisation's evaluations of a year: start them (a cell's members and the cell). */
export const evaluationYearActions = ['start'] as const;
/** On the bốn tốt of a subtree: enter a criterion with evidence for a listed organisation. */
export const fourGoodActions = ['enter'] as const;
export const subjectForm = z.enum(['collective', 'leader', 'member', 'member_outside_system']);
export const monthlyRating = z.enum(['good', 'fair', 'average', 'poor']);
export const fourGoodCriterion = z.enum([
  'political_task',
  'meeting_quality',
  'unity_discipline',
  'cadres_members',
]);
export const disciplineForm = z.enum(['reprimand', 'warning', 'dismissal', 'expulsion', 'dissolution']);

const year = z.coerce.number().int().min(2018).max(2100);
export const evaluationYearQuery = z.object({ year: year.optional() });
export const fourGoodQuery = keysetQuery.extend({
  year: year.optional(),
  /** 'midyear': the 6-month review as of 30/6; 'year': the year-end list. */
  period: z.enum(['midyear', 'year']).default('year'),
  /** Only the organisations that reach "bốn tốt" ('met': the list), or only those that do not. */
  result: z.enum(['all', 'met', 'not_met']).default('all'),
});

export const startEvaluationBody = z.object({ year: z.number().int().min(2018).max(2100) });

const note = z.string().trim().max(20_000);

export const selfAssessBody = z.object({
  /** Points on the 100-point framework (QĐ366); omitted under the criteria rules (QĐ132, QĐ124). */
  points: z.number().min(0).max(100).nullable().optional(),
  level: evaluationLevel,
  /** The self-review (bản kiểm điểm) text. */
  text: note.min(1, { error: 'form.self_review_text_required' }),
  /** The member's own form: a member outside the political system uses theirs. */
  form: subjectForm.optional(),
  /** Tasks done beyond the requirement, as the self-review states (counted among the done tasks). */
  tasksExceeding: z.number().int().min(0).max(10_000).default(0),
});

export const proposeBody = z.object({ level: evaluationLevel, note: note.optional() });

export const decideBody = z.object({
  level: evaluationLevel,
  note: note.optional(),
  /** The decision's document number, e.g. '15-QĐ/ĐU'. */
  document: z.string().trim().max(200).optional(),
  /** Required when the decision takes 'excellent' beyond the quota: the recorded reason. */
  quotaReason: z.string().trim().max(2_000).optional(),
});

export const disciplineBody = z.object({
  memberId: uuid.optional(),
  form: disciplineForm,
  decidedOn: isoDate,
  documentRef: z.string().trim().max(200).optional(),
  reason: z.string().trim().min(1, { error: 'form.discipline_reason_required' }).max(2_000),
});

export const fourGoodEntryBody = z.object({
  year: z.number().int().min(2018).max(2100),
  criterion: fourGoodCriterion,
  met: z.boolean(),
  evidence: z.string().trim().min(1, { error: 'form.evidence_required' }).max(5_000),
});

export const disciplineView = z.object({
  id: uuid,
  memberName: z.string().nullable(),
  form: disciplineForm,
  decidedOn: isoDate,
  documentRef: z.string().nullable(),
  reason: z.string(),
});

export const evaluationEvidence = z.object({
  /** Meetings of the year (held or adopted) on the member's roll; null for an organisation. */
  attendance: z
    .object({
      held: z.number().int(),
      present: z.number().int(),
      excused: z.number().int(),
      unexcused: z.number().int(),
      exempt: z.number().int(),
    })
    .nullable(),
  /** For an organisation: months with a regular meeting held, the missing ones, quarters without thematic. */
  meetings: z
    .object({
      monthsHeld: z.number().int(),
      monthsDue: z.number().int(),
      missingMonths: z.array(z.string()),
      quartersWithoutThematic: z.number().int(),
    })
    .nullable(),
  tasks: z.object({
    total: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    notDone: z.number().int(),
    inProgress: z.number().int(),
  }),
  /** The cell's submitted self-scorecard rating per month. */
  ratings: z.array(z.object({ month: z.string(), rating: monthlyRating })),
  discipline: z.array(disciplineView),
  /** For an organisation: the decided levels of its members. */
  memberLevels: z
    .object({
      excellent: z.number().int(),
      good: z.number().int(),
      completed: z.number().int(),
      not_completed: z.number().int(),
      undecided: z.number().int(),
    })
    .nullable(),
  /** The highest level the facts allow with the self-assessed points (or, before them, with full points). */
  highestAllowed: z.object({ level: evaluationLevel, reasons: z.array(messageSchema) }),
});

const byWhom = z.object({ name: z.string().nullable(), at: z.string().nullable() });

export const evaluationItem = z.object({
  id: uuid,
  year: z.number().int(),
  subjectKind: z.enum(['member', 'organization']),
  member: z.object({ id: uuid, fullName: z.string() }).nullable(),
  organization: z.object({ id: uuid, name: z.string() }),
  form: subjectForm,
  formTitle: z.string(),
  step: evaluationStep.nullable(),
  self: z
    .object({
      points: z.number().nullable(),
      level: evaluationLevel,
      text: z.string(),
      tasksExceeding: z.number().int(),
    })
    .extend(byWhom.shape)
    .nullable(),
  proposal: z.object({ level: evaluationLevel, note: z.string().nullable() }).extend(byWhom.shape).nullable(),
  decision: z
    .object({
      level: evaluationLevel,
      note: z.string().nullable(),
      document: z.string().nullable(),
      quotaReason: z.string().nullable(),
    })
    .extend(byWhom.shape)
    .nullable(),
  announcedAt: z.string().nullable(),
  evidence: evaluationEvidence,
  actions: z.array(evaluationAction),
});

export const quotaStatus = z.object({
  excellent: z.number().int(),
  good: z.number().int(),
  base: z.number().int(),
  allowedExcellent: z.number().int(),
  maxShare: z.number(),
  exceeded: z.boolean(),
  message: messageSchema.nullable(),
  source: messageSchema.describe('the cited document'),
});

export const evaluationList = z.object({
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  year: z.number().int(),
  rules: z.object({
    id: z.string(),
    title: z.string(),
    document: z.string(),
    scale: z.enum(['points_100', 'criteria']),
    levels: z.array(z.object({ level: evaluationLevel, conditions: messageSchema })),
  }),
  holder: z.object({ id: uuid, name: z.string() }),
  /** Members' decided levels in the grassroots organisation against the cap. */
  quota: quotaStatus,
  items: z.array(evaluationItem),
  actions: z.array(z.enum(evaluationYearActions)),
  isCell: z.boolean(),
});

export const stepResponse = z.object({ ok: z.literal(true), step: evaluationStep });

export const fourGoodCriterionView = z.object({
  criterion: fourGoodCriterion,
  label: z.string(),
  met: z.boolean().nullable(),
  derived: z.boolean(),
  evidence: messageSchema,
});

export const fourGoodItem = z.object({
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  met: z.boolean(),
  criteria: z.array(fourGoodCriterionView),
});

export const fourGoodResponse = z.object({
  organization: z.object({ id: uuid, name: z.string(), kind: z.string() }),
  year: z.number().int(),
  period: z.enum(['midyear', 'year']),
  asOf: isoDate,
  rulesTitle: z.string(),
  /** One page of the organisations of the subtree (with the result filter), by name. */
  items: z.array(fourGoodItem),
  nextCursor: z.string().nullable().describe('the cursor of the next page; null on the last'),
  /** How many organisations the subtree lists with the filter (the cells and grassroots organisations now). */
  listed: z.number().int(),
  /** The subtree's organisations judged for the period, by criterion: met, not met, unknown. */
  criteria: z.array(
    z.object({
      criterion: fourGoodCriterion,
      label: z.string(),
      met: z.number().int(),
      notMet: z.number().int(),
      unknown: z.number().int(),
    }),
  ),
  share: z.object({
    met: z.number().int(),
    total: z.number().int(),
    share: z.number().nullable(),
    target: z.number(),
    targetMet: z.boolean(),
  }),
  actions: z.array(z.enum(fourGoodActions)),
});
