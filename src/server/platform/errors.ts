// The one application error: a code from src/contracts/errors.ts, a message naming the problem, field issues.
import { type ErrorCode, errorCodes } from '../../contracts/errors.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message ?? errorCodes[code].vi);
  }
}

export const notFound = (what = 'Không tìm thấy') => new AppError('not_found', what);

const fieldConflict = (path: string, message: string) =>
  new AppError('conflict', message, [{ path, message }]);

/** Maps a unique-violation from PostgreSQL to a named conflict; other errors pass through. */
export function mapDatabaseError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code === '23505') {
    const c = `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`;
    if (c.includes('party_card'))
      return new AppError('duplicate_party_card', 'Số thẻ đảng viên đã có trong hệ thống');
    if (c.includes('citizen_id')) return new AppError('duplicate_citizen_id', 'Số CCCD đã có trong hệ thống');
    // Named after the field, so that a form shows the message under it.
    if (c.includes('phone')) return fieldConflict('phone', 'Số điện thoại đã được dùng cho đảng viên khác');
    if (c.includes('email')) return fieldConflict('email', 'Email đã được dùng cho đảng viên khác');
    return new AppError('conflict', 'Dữ liệu bị trùng');
  }
  return err;
}
