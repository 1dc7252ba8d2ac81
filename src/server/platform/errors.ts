// The one application error: a code from src/contracts/errors.ts (→ HTTP status), the problem as a message code
// with parameters (src/messages), and the problems of named fields.
import type { ErrorCode } from '../../contracts/errors.ts';
import {
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  renderVi,
} from '../../messages/index.ts';

export interface FieldIssue {
  path: string;
  message: Message;
}

/** The catalogue message of an error code's default words. */
export const defaultMessage = (code: ErrorCode): Message => message(`error.${code}` as MessageCode);

export class AppError extends Error {
  readonly detail: Message;
  readonly issues: FieldIssue[];

  constructor(
    readonly code: ErrorCode,
    detail?: Message,
    issues: FieldIssue[] = [],
  ) {
    const d = detail ?? defaultMessage(code);
    super(renderVi(d));
    this.detail = d;
    this.issues = issues;
  }
}

/** An error whose one problem is about one field: the form shows it under that field. */
export function fieldError(
  code: ErrorCode,
  path: string,
  messageCode: MessageCode,
  params?: Record<string, MessageParam>,
): AppError {
  const m = message(messageCode, params);
  return new AppError(code, m, [{ path, message: m }]);
}

export const notFound = (what?: Message) => new AppError('not_found', what);

/**
 * PostgreSQL's refusals of a value: bad text for its type, out of range, too long, not valid in the encoding, a
 * check or reference the value breaks. The contracts and services should refuse such input first, naming the
 * field; if one slips through, it is still the request's fault (400), not the server's (500). PostgreSQL does not
 * say which parameter it was, so the issue names the request as a whole: '(request)' (the fuzzing test reports it).
 */
const refusedValue = new Set([
  '22P02',
  '22003',
  '22008',
  '22007',
  '22001',
  '22021',
  '22P05',
  '22023',
  '23514',
  '23503',
  '23502',
  '54000',
]);

/** Maps a unique-violation from PostgreSQL to a named conflict; other errors pass through. */
export function mapDatabaseError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code === '23505') {
    const c = `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`;
    if (c.includes('party_card'))
      return new AppError('duplicate_party_card', message('db.duplicate_party_card'));
    if (c.includes('citizen_id'))
      return new AppError('duplicate_citizen_id', message('db.duplicate_citizen_id'));
    // Named after the field, so that a form shows the message under it.
    if (c.includes('phone')) return fieldError('conflict', 'phone', 'db.duplicate_phone');
    if (c.includes('email')) return fieldError('conflict', 'email', 'db.duplicate_email');
    return new AppError('conflict', message('db.duplicate'));
  }
  if (typeof e?.code === 'string' && refusedValue.has(e.code)) {
    return fieldError('validation_failed', '(request)', 'db.invalid_value');
  }
  return err;
}
