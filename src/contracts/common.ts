// Shared request/response building blocks: ids, dates, pagination, messages.
import { z } from 'zod';

// zod's own messages (lengths, types, formats) in Vietnamese, for the server's answers and the web's forms alike.
z.config(z.locales.vi());
// In the browser the pages run under a Content-Security-Policy without 'unsafe-eval'
// (src/server/platform/security-headers.ts). zod probes `new Function` when it builds its first object schema, to
// compile parsers, and the browser reports the probe as a violation although zod catches it; here, before any
// schema is built, the probe is turned off (parsing is the same, a little slower). The server keeps compiling.
if (typeof document !== 'undefined') z.config({ jitless: true });

export const uuid = z.uuid({ error: 'form.uuid' });

/** ISO calendar date 'YYYY-MM-DD' that is a real day (there is no year 0: PostgreSQL refuses 0000-01-01). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'form.date_format' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && !s.startsWith('0000');
    },
    { error: 'form.real_date' },
  );

/**
 * A page of a keyset-paginated list: at most `limit` rows after `cursor` (the opaque `nextCursor` of the page
 * before; omitted: the first page). Pages stay as fast deep in a province-wide list as at its start.
 */
export const keysetQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,800}$/, { error: 'form.cursor' })
    .optional(),
});

export const okResponse = z.object({ ok: z.literal(true) });

/** What a create answers: the new row's id. */
export const createdResponse = z.object({ id: uuid });

/**
 * A message by code (src/messages, ADR 007): a finding, a piece of evidence or a reason the domain words; the
 * client renders it in the UI's language. Parameters are strings, numbers or messages themselves.
 */
export const messageSchema = z.object({
  code: z.string().describe('a message code of src/messages, e.g. compliance.no_meeting'),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type WireMessage = z.infer<typeof messageSchema>;

/** Free text, trimmed, at most `max` characters. */
export const boundedText = (max: number) => z.string().trim().max(max);
