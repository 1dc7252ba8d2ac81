// Contracts of roster import (.xlsx/.csv: preview with every problem, then all-or-nothing commit) and export.
import { z } from 'zod';
import { messageSchema, uuid } from './common.ts';
import { memberFields } from './members.ts';

export const rosterImportStatus = z.enum([
  'parsing',
  'ready',
  'invalid',
  'committing',
  'committed',
  'failed',
]);

export const rosterProblem = z.object({
  row: z.number().int().describe('row number as the spreadsheet shows it (1-based)'),
  column: z.string().describe('the column label as written in the file, or the field name'),
  message: messageSchema.describe('the reason, as a message code with parameters'),
});
export type RosterProblem = z.infer<typeof rosterProblem>;

/** One parsed roster row: the profile fields plus what re-import matching decided. */
export const rosterRow = memberFields.extend({
  row: z.number().int(),
  action: z.enum(['create', 'update']),
  matchedMemberId: uuid.nullable(),
});
export type RosterRow = z.infer<typeof rosterRow>;

export const rosterImportView = z.object({
  id: uuid,
  organizationId: uuid,
  fileName: z.string(),
  status: rosterImportStatus,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  problems: z.array(rosterProblem),
  preview: z.array(rosterRow).describe('the first rows as they will be saved'),
  summary: z
    .object({ create: z.number().int(), update: z.number().int() })
    .nullable()
    .describe('how many members will be (or were) created and updated'),
  error: messageSchema.nullable().describe('why the import failed'),
  columns: z
    .array(z.object({ label: z.string(), field: z.string().nullable() }))
    .describe(
      'the header as read: each column label and the field it fills, null for columns that are ignored',
    ),
});
export type RosterImportView = z.infer<typeof rosterImportView>;

export const rosterImportCreated = z.object({ id: uuid });

/** The upload form: the file and the cell it is the roster of. */
export const rosterUploadForm = z.object({
  file: z.instanceof(File, { error: 'form.roster_file_required' }).meta({ type: 'string', format: 'binary' }),
  organizationId: uuid,
});
export const exportQuery = z.object({ organizationId: uuid });

/** Upload limits: the server rejects larger files with 413 and other types with 415. */
export const rosterUploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  extensions: ['.xlsx', '.csv'],
} as const;
