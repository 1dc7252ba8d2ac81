// Vietnamese texts of the home page.
export const homeVi = {
  home: {
    title: 'Trang chủ',
    greeting: 'Xin chào, {{name}}',
    yourRoles: 'Vai trò của bạn',
    yourCell: 'Chi bộ của bạn',
    yourProfile: 'Hồ sơ của tôi',
    openCell: 'Xem chi bộ',
    memberList: 'Danh sách đảng viên',
    importList: 'Nhập danh sách',
    openOrganization: 'Xem tổ chức',
    yourOrganizations: 'Tổ chức bạn phụ trách',
    adminRoot: 'Toàn bộ hệ thống',
    openTree: 'Xem cây tổ chức',
    noRoles: 'Tài khoản chưa được gán vai trò nào. Hãy liên hệ Ban Tổ chức.',
    mustChangePassword: 'Bạn đang dùng mật khẩu tạm. Hãy đổi mật khẩu mới.',
    changePassword: 'Đổi mật khẩu',
  },
};
