// Contracts of meeting rule sets: the versions known, the one governing an organisation on a date, assignments.
import { z } from 'zod';
import { isoDate, messageSchema, uuid } from './common.ts';

export const ruleSetSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  document: z.string().describe("the issuing document, e.g. 'Chỉ thị 50-CT/TW'"),
  sources: z.array(z.string()),
  effectiveFrom: isoDate,
  scope: z.enum(['national', 'assigned']),
  minDurationMinutes: z.number().int(),
  minCombinedDurationMinutes: z.number().int().nullable(),
  materialsLeadDays: z.number().int().nullable(),
  finaliseWithinDays: z.number().int().nullable(),
  meetingDay: messageSchema.describe('the meeting-day rule in words'),
});
export const ruleSetList = z.object({ items: z.array(ruleSetSummary) });

export const governingRuleSetQuery = z.object({ date: isoDate.optional() });
export const governingRuleSetResponse = z.object({
  date: isoDate,
  ruleSet: ruleSetSummary.nullable().describe('null before any rule set was in force'),
  assignedBy: z
    .object({ organizationId: uuid, organizationName: z.string(), effectiveFrom: isoDate })
    .nullable()
    .describe('the upper organisation whose assignment applies, or null for a national rule set'),
});

export const assignRuleSetBody = z.object({
  ruleSetId: z.string().min(1).max(100),
  effectiveFrom: isoDate,
  documentRef: z.string().trim().max(200).optional(),
});
