// Every error code the API can answer with and its HTTP status; the words are in the message catalogues
// (src/messages, code `error.<code>`), and an answer names its precise problem by a message code with parameters.
import { z } from 'zod';

export { type ErrorCode, errorCodes } from './error-codes.ts';

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
