// Vietnamese messages of tasks and the member's side: assignment, reports, review, reminders, the calendar feed.
export const tasks = {
  'task.not_found': 'Không tìm thấy nhiệm vụ',
  'task.group_not_in_cell': 'Tổ đảng không thuộc chi bộ này',
  'task.choose_group_of_cell': 'Chọn tổ đảng của chi bộ',
  'task.deadline_before_meeting': 'Thời hạn phải sau ngày họp',
  'task.deadline_from': 'Từ ngày {date} trở đi',
  'task.already_reviewed': 'Nhiệm vụ đã được đánh giá, không báo cáo thêm',
  'task.report_only_assignee': 'Chỉ người được giao nhiệm vụ được báo cáo tiến độ',
  'task.report_not_found': 'Không tìm thấy báo cáo',
  'task.report_no_file': 'Báo cáo không có tệp đính kèm',
  'task.review_only_leaders': 'Chỉ bí thư, phó bí thư được đánh giá kết quả nhiệm vụ',
  'task.reminder_due_soon': 'Sắp đến hạn nhiệm vụ: {title}',
  'task.reminder_overdue': 'Nhiệm vụ đã quá hạn: {title}',
  'calendar.not_found': 'Không tìm thấy lịch',
} as const;
