// Vietnamese messages of the year's plan: rule sets in force, scheduling, the work programme and thematic topics.
export const plan = {
  'plan.no_rule_set': 'Chưa có quy định sinh hoạt chi bộ nào áp dụng vào ngày này',
  'plan.no_rule_set_on': 'Không có quy định áp dụng ngày {date}',
  'plan.schedule_only_leaders': 'Chỉ bí thư, phó bí thư của tổ chức được lập lịch họp',
  'plan.work_programme_only_leaders': 'Chỉ bí thư, phó bí thư được sửa chương trình công tác',
  'topic.not_found': 'Không tìm thấy chuyên đề',
  'topic.register_only_leaders': 'Chỉ bí thư, phó bí thư được đăng ký chuyên đề',
  'topic.submit_only_leaders': 'Chỉ bí thư, phó bí thư được gửi chuyên đề',
  'topic.already_submitted': 'Chuyên đề đã gửi cấp ủy cấp trên',
  'topic.review_only_upper': 'Chỉ cấp ủy cấp trên được duyệt chuyên đề',
  'topic.not_submitted': 'Chuyên đề chưa được gửi lên để duyệt',
} as const;
