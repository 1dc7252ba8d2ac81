// Vietnamese: the contracts' own words (src/contracts/*.ts, `{ error: 'form.…' }`), shown under a form's field by
// the web before sending and by the server's 400 answer alike. zod's default issues need none (its locale words them).
export const forms = {
  // common.ts
  'form.uuid': 'phải là mã định danh hợp lệ (UUID)',
  'form.date_format': 'phải có dạng YYYY-MM-DD',
  'form.cursor': 'không phải vị trí trang hợp lệ',
  'form.real_date': 'không phải một ngày có thật',
  // auth.ts
  'form.login_identifier_required': 'Nhập số điện thoại, email hoặc số thẻ đảng viên',
  'form.password_required': 'Nhập mật khẩu',
  'form.password_min_length': 'Mật khẩu cần ít nhất 8 ký tự',
  'form.password_letters_digits': 'Mật khẩu cần có cả chữ và số',
  // members.ts
  'form.full_name_too_short': 'Họ tên quá ngắn',
  'form.party_card_digits': 'Số thẻ đảng viên gồm 6–12 chữ số',
  'form.citizen_id_digits': 'Số CCCD gồm 12 chữ số',
  'form.phone_digits': 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0',
  'form.email_invalid': 'Email không hợp lệ',
  'form.document_ref_required': 'Cần ghi số văn bản quyết định',
  'form.exemption_reason_required': 'Cần ghi lý do miễn',
  // organizations.ts
  'form.search_text_required': 'cần ít nhất 1 ký tự',
  'form.term_label_format': 'Nhiệm kỳ có dạng 2025–2030',
  // roster-import.ts
  'form.roster_file_required': 'Chọn tệp danh sách (.xlsx hoặc .csv)',
  // meetings.ts
  'form.time_format': 'phải có dạng HH:mm',
  'form.month_format': 'phải có dạng YYYY-MM',
  'form.reason_required': 'Phải ghi lý do',
  'form.check_in_code_required': 'Nhập mã điểm danh',
  'form.pass_code_required': 'Quét hoặc nhập mã cá nhân',
  'form.contribution_summary_required': 'Ghi tóm tắt ý kiến',
  'form.speaker_required': 'Chọn người phát biểu',
  'form.task_assignee_required': 'Chọn đảng viên hoặc tổ đảng thực hiện',
  'form.task_report_required': 'Ghi nội dung báo cáo',
  'form.addendum_text_required': 'Ghi nội dung bổ sung',
  'form.topic_return_comment_required': 'Trả lại phải kèm ý kiến',
  // evaluation.ts
  'form.self_review_text_required': 'Cần nội dung bản kiểm điểm',
  'form.discipline_reason_required': 'Cần lý do kỷ luật',
  'form.evidence_required': 'Cần minh chứng',
} as const;
