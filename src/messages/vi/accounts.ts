// Vietnamese messages of accounts: sign-in, sessions, passwords.
export const accounts = {
  'account.locked_for_minutes': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.',
  'account.session_not_found': 'Không tìm thấy phiên đăng nhập',
  'account.wrong_current_password': 'Mật khẩu hiện tại không đúng',
  'account.reset_forbidden': 'Chỉ quản trị viên hoặc cán bộ Ban Tổ chức được đặt lại mật khẩu',
} as const;
