// Every error code the API can answer with and its HTTP status; the words are in the message catalogues
// (src/messages, code `error.<code>`), and an answer names its precise problem by a message code with parameters.
import { z } from 'zod';

export const errorCodes = {
  validation_failed: { status: 400 },
  unauthenticated: { status: 401 },
  invalid_credentials: { status: 401 },
  temporarily_locked: { status: 429 },
  too_busy: { status: 429 },
  forbidden: { status: 403 },
  not_found: { status: 404 },
  conflict: { status: 409 },
  duplicate_party_card: { status: 409 },
  duplicate_citizen_id: { status: 409 },
  tree_cycle: { status: 422 },
  invalid_tree_change: { status: 422 },
  edit_conflict: { status: 409 },
  invalid_state: { status: 422 },
  payload_too_large: { status: 413 },
  unsupported_file: { status: 415 },
  internal: { status: 500 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

const messageParams = z
  .record(z.string(), z.unknown())
  .describe(
    'the parameters that fill the message code’s placeholders (a value may itself be {code, params})',
  );
export const errorIssue = z.object({
  path: z.string(),
  message: z.string().describe('in Vietnamese'),
  messageCode: z
    .string()
    .optional()
    .describe('the message catalogue code, to render in the reader’s language'),
  params: messageParams.optional(),
});
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('in Vietnamese'),
    messageCode: z
      .string()
      .optional()
      .describe('the message catalogue code, to render in the reader’s language'),
    params: messageParams.optional(),
    issues: z.array(errorIssue).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
