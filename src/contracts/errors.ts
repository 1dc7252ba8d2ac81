// Every error code the API can answer with, its HTTP status, and its message in Vietnamese and English.
import { z } from 'zod';

export const errorCodes = {
  validation_failed: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  unauthenticated: { status: 401, vi: 'Bạn cần đăng nhập', en: 'Please sign in' },
  invalid_credentials: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong identifier or password',
  },
  temporarily_locked: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau',
    en: 'Too many failed attempts; try again later',
  },
  forbidden: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'Not allowed' },
  not_found: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  conflict: { status: 409, vi: 'Dữ liệu bị trùng hoặc xung đột', en: 'Conflict' },
  duplicate_party_card: {
    status: 409,
    vi: 'Số thẻ đảng viên đã tồn tại',
    en: 'Party card number already exists',
  },
  duplicate_citizen_id: { status: 409, vi: 'Số CCCD đã tồn tại', en: 'Citizen ID already exists' },
  tree_cycle: {
    status: 422,
    vi: 'Không thể chuyển tổ chức vào chính nó hoặc tổ chức cấp dưới của nó',
    en: 'A move would create a cycle',
  },
  invalid_tree_change: {
    status: 422,
    vi: 'Thay đổi cơ cấu tổ chức không hợp lệ',
    en: 'Invalid reorganisation',
  },
  edit_conflict: {
    status: 409,
    vi: 'Người khác vừa sửa nội dung này',
    en: 'Someone else edited this in the meantime',
  },
  invalid_state: { status: 422, vi: 'Thao tác không hợp lệ ở trạng thái hiện tại', en: 'Invalid state' },
  payload_too_large: { status: 413, vi: 'Tệp quá lớn', en: 'File too large' },
  unsupported_file: { status: 415, vi: 'Định dạng tệp không được hỗ trợ', en: 'Unsupported file type' },
  internal: { status: 500, vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export const errorIssue = z.object({ path: z.string(), message: z.string() });
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(errorIssue).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
