// Vietnamese messages of the domain's roster rules: a row's cells, a member's dates and status, duplicates.
export const domainRoster = {
  'roster.missing': 'Thiếu {column}',
  'roster.date_format': "{column} '{value}' không phải ngày hợp lệ (dd/mm/yyyy)",
  'roster.gender': "{column} '{value}' phải là Nam hoặc Nữ",
  'roster.status': "{column} '{value}' phải là Chính thức hoặc Dự bị",
  'roster.status_missing': 'Thiếu {column} (Chính thức hoặc Dự bị)',
  'roster.too_long': "{column} '{value}' dài quá {max} ký tự",
  'roster.invalid': "{column} '{value}' không hợp lệ: {problem}",
  'roster.duplicate': "{column} '{value}' trùng với dòng {row}",
  'roster.birth_in_future': 'Ngày sinh {date} ở tương lai',
  'roster.admission_in_future': 'Ngày vào Đảng {date} ở tương lai',
  'roster.full_membership_in_future': 'Ngày chính thức {date} ở tương lai',
  'roster.birth_too_early': 'Ngày sinh {date} trước {earliest}: kiểm tra lại năm sinh',
  'roster.admission_before_founding': 'Ngày vào Đảng {date} trước ngày thành lập Đảng ({founded})',
  'roster.full_membership_before_founding': 'Ngày chính thức {date} trước ngày thành lập Đảng ({founded})',
  'roster.admitted_under_age':
    'Ngày vào Đảng {admitted} khi chưa đủ {age} tuổi (sinh {born}; Điều lệ Đảng, Điều 1)',
  'roster.full_before_admission': 'Ngày chính thức {full} trước Ngày vào Đảng {admitted}',
  'roster.probation_too_short':
    'Ngày chính thức {full} chưa đủ {months} tháng dự bị kể từ Ngày vào Đảng {admitted} (Điều lệ Đảng, Điều 5)',
  'roster.probationary_with_full_date':
    'Đảng viên dự bị không có Ngày chính thức (đang ghi {full}); sửa Trạng thái hoặc xoá ngày',
  'roster.full_too_early':
    'Đảng viên vào Đảng ngày {admitted} chưa đủ {months} tháng dự bị để là đảng viên chính thức',
  'roster.cannot_demote': 'Đảng viên đã là đảng viên chính thức, không thể ghi lại là Dự bị',
  'roster.full_needs_date': 'Chuyển sang Chính thức cần ghi Ngày chính thức',
} as const;
