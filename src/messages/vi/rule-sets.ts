// Vietnamese messages of rule sets (which meeting rules govern an organisation).
export const ruleSets = {
  'ruleSet.meeting_day_fixed':
    'Ngày {day} hằng tháng; ngày nghỉ hoặc trường hợp đặc biệt thì trong ngày {first}–{last}, có ghi lý do',
  'ruleSet.meeting_day_last_week': 'Tuần cuối tháng; trường hợp đặc biệt không quá ngày {latest} tháng sau',
  'ruleSet.unknown': 'Không có bộ quy định này',
  'ruleSet.choose_one_of': 'Chọn một trong: {ids}',
  'ruleSet.not_in_force_yet': 'Văn bản chưa có hiệu lực vào ngày này',
  'ruleSet.from_date_on': 'Từ ngày {date} trở đi',
  'ruleSet.organization_not_found': 'Không tìm thấy tổ chức',
  'ruleSet.assign_forbidden': 'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được áp dụng quy định cho tổ chức này',
  'ruleSet.date_taken': 'Đã có quy định áp dụng từ ngày này',
  'ruleSet.choose_other_date': 'Chọn ngày khác',
} as const;
