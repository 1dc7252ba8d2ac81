// Contracts of an organisation's year beyond its meetings: the work programme, thematic topics and the compliance
// overview of a subtree.
import { z } from 'zod';
import { boundedText as text, keysetQuery, uuid } from './common.ts';

export const topicStatus = z.enum(['draft', 'submitted', 'approved', 'returned']);
/** On an organisation's thematic topics of a year: register a new one. */
export const topicListActions = ['register'] as const;
/** On one thematic topic: the cell submits it; the upper committee approves it or returns it. */
export const topicActions = ['submit', 'review'] as const;

export const workProgrammeBody = z.object({ content: text(50000).min(1) });
export const workProgramme = z.object({
  year: z.number().int(),
  content: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const topicBody = z.object({
  year: z.number().int().min(2020).max(2100),
  quarter: z.number().int().min(1).max(4),
  title: text(300).min(1),
  presenters: text(300).min(1),
  draft: text(20000).optional(),
});
export const topicView = z.object({
  id: uuid,
  year: z.number().int(),
  quarter: z.number().int(),
  title: z.string(),
  presenters: z.string(),
  draft: z.string().nullable(),
  status: topicStatus,
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  actions: z.array(z.enum(topicActions)),
});
export const topicList = z.object({
  items: z.array(topicView),
  actions: z.array(z.enum(topicListActions)),
});
export const topicReviewBody = z
  .object({ decision: z.enum(['approve', 'return']), comment: text(2000).optional() })
  .refine((b) => b.decision === 'approve' || (b.comment ?? '') !== '', {
    error: 'form.topic_return_comment_required',
    path: ['comment'],
  });

export const complianceQuery = keysetQuery.extend({
  year: z.coerce.number().int().min(2015).max(2100).optional(),
});

export const complianceOverview = z.object({
  year: z.number().int(),
  cellCount: z.number().int().describe('cells of the subtree now (all pages)'),
  nextCursor: z.string().nullable().describe('the cursor of the next page; null on the last'),
  cells: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      held: z.number().int(),
      findings: z.number().int(),
      byCode: z.record(z.string(), z.number().int()),
      monthsJudged: z.number().int().describe('months the cell existed whole whose time to meet is over'),
      monthsWithMeeting: z.number().int().describe('of the months judged, those with a regular meeting held'),
      monthsNotApplicable: z
        .number()
        .int()
        .describe('months of the year before its creation or after its end: not judged, not in any rate'),
    }),
  ),
  totals: z
    .record(z.string(), z.number().int())
    .describe('findings of the whole subtree by code, each counted toward the ancestors of its date'),
  sums: z
    .object({
      held: z.number().int(),
      monthsJudged: z.number().int(),
      monthsWithMeeting: z.number().int(),
      findings: z.number().int(),
    })
    .describe('of the whole subtree (all pages), each fact counted toward the ancestors of its date'),
});
