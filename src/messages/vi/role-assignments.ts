// Vietnamese messages of role assignments (board officers and followers).
export const roleAssignments = {
  'roleAssignment.organization_not_found': 'Không tìm thấy tổ chức',
  'roleAssignment.organization_missing': 'Tổ chức không tồn tại',
  'roleAssignment.follower_cells_only': 'Chỉ phân công theo dõi chi bộ',
  'roleAssignment.choose_cell': 'Hãy chọn một chi bộ',
  'roleAssignment.assign_forbidden': 'Bạn không có quyền phân công vai trò này',
  'roleAssignment.member_not_found': 'Không tìm thấy đảng viên',
  'roleAssignment.member_missing': 'Đảng viên không tồn tại',
  'roleAssignment.already_assigned': 'Đã được phân công từ ngày {date}',
  'roleAssignment.not_found': 'Không tìm thấy phân công',
  'roleAssignment.end_forbidden': 'Bạn không có quyền kết thúc phân công này',
  'roleAssignment.ended': 'Phân công đã kết thúc',
  'roleAssignment.end_after_start': 'Ngày kết thúc phải sau ngày bắt đầu',
  'roleAssignment.after_date': 'Phải sau {date}',
} as const;
