// Vietnamese messages of the domain's meeting rules: lifecycle, votes, meeting dates, compliance findings, days off.
export const domainMeetings = {
  'meeting.action.cancelled': 'Cuộc họp đã bị hủy',
  'meeting.action.notice_already_sent': 'Thông báo triệu tập đã được gửi',
  'meeting.action.notice_only_before_start': 'Chỉ gửi thông báo triệu tập trước khi cuộc họp bắt đầu',
  'meeting.action.in_session': 'Cuộc họp đang diễn ra',
  'meeting.action.ended': 'Cuộc họp đã kết thúc',
  'meeting.action.not_started': 'Cuộc họp chưa bắt đầu',
  'meeting.action.minutes_already_adopted': 'Biên bản đã được thông qua',
  'meeting.action.end_before_adopting': 'Kết thúc cuộc họp trước khi thông qua biên bản',
  'meeting.action.nothing_to_adopt': 'Cuộc họp chưa diễn ra, chưa có biên bản để thông qua',
  'meeting.action.cannot_cancel_in_session': 'Cuộc họp đang diễn ra, không thể hủy',
  'meeting.action.cannot_cancel_held': 'Cuộc họp đã diễn ra, không thể hủy',
  'meeting.action.minutes_locked':
    'Biên bản đã được thông qua và khóa; chỉ có thể thêm phụ lục bổ sung có ghi ngày',
  'meeting.action.preparation_closed': 'Cuộc họp đã bắt đầu; không sửa phần chuẩn bị',
  'meeting.action.no_minutes_yet': 'Cuộc họp chưa bắt đầu, chưa có biên bản',
  'meeting.action.minutes_not_adopted': 'Biên bản chưa được thông qua',
  'meeting.vote.probationary': 'Đảng viên dự bị không biểu quyết',
  'meeting.vote.temporary': 'Đảng viên sinh hoạt tạm thời không biểu quyết tại chi bộ nơi sinh hoạt tạm thời',
  'meeting.vote.exempt_absent': 'Đảng viên được miễn sinh hoạt, vắng mặt: không tính khi biểu quyết',
  'meeting.vote.absent': 'Chỉ đảng viên có mặt mới được biểu quyết',
  'meeting.vote.tally': '{for}/{base} đồng chí tán thành',
  'meeting.vote.tally_share': '{for}/{base} đồng chí tán thành, đạt {share}',
  'meeting.vote.counts_not_whole':
    'Số tán thành, không tán thành, không biểu quyết phải là số nguyên không âm',
  'meeting.vote.counts_exceed':
    'Tổng số biểu quyết ({sum}) vượt quá số đảng viên chính thức có mặt có quyền biểu quyết ({eligible})',
  'meeting.decision.invalid_sequence': 'Số thứ tự văn bản không hợp lệ: {seq}',
  'meeting.decision.party_group_issues_none': 'Tổ đảng không ban hành nghị quyết, kết luận có số',
  'meeting.decision.unknown_kind': 'Loại tổ chức không xác định: {kind}',
  'voting.no_rules_in_force': 'Không có quy định biểu quyết nào có hiệu lực vào ngày {date}',
  'voting.threshold_more_than': 'hơn {numerator}/{denominator} số đảng viên chính thức',
  'voting.threshold_at_least': 'ít nhất {numerator}/{denominator} số đảng viên chính thức',
  'rules.no_rule_set_in_force': 'Không có bộ quy tắc sinh hoạt chi bộ nào có hiệu lực vào ngày {date}',
  'rules.date.not_fixed_day': 'Sinh hoạt thường kỳ phải vào ngày {day} hằng tháng ({source})',
  'rules.date.outside_window': 'Phải trong {days} ngày đầu tháng ({source})',
  'rules.date.reason_required': 'Ngoài ngày {day} phải ghi lý do ({source})',
  'rules.date.late_reason_required':
    'Sinh hoạt muộn sang tháng sau (chậm nhất ngày {day}) phải ghi lý do ({source})',
  'rules.date.not_last_week':
    'Sinh hoạt thường kỳ vào tuần cuối tháng, chậm nhất ngày {day} tháng sau ({source})',
  'rules.date.moved_named_day_off': 'Ngày {day} là ngày nghỉ ({name})',
  'rules.date.moved_day_off': 'Ngày {day} là ngày nghỉ (ngày nghỉ)',
  'compliance.wrong_day': 'Buổi sinh hoạt ngày {date}: {problems}',
  'compliance.combined':
    'Buổi sinh hoạt ngày {date} kết hợp với cuộc họp khác; tuyệt đối không được họp chi bộ kết hợp các cuộc họp khác ({source})',
  'compliance.too_short':
    'Buổi sinh hoạt ngày {date} kéo dài {minutes} phút, chưa đủ {required} phút ({source})',
  'compliance.too_short_combined':
    'Buổi sinh hoạt ngày {date} kéo dài {minutes} phút, chưa đủ {required} phút khi sinh hoạt thường kỳ kết hợp chuyên đề ({source})',
  'compliance.materials_missing':
    'Tài liệu buổi sinh hoạt ngày {date} chưa được đăng; phải đăng trước ít nhất {days} ngày, chậm nhất ngày {latest} ({source})',
  'compliance.materials_late':
    'Tài liệu buổi sinh hoạt ngày {date} đăng ngày {published}; phải đăng trước ít nhất {days} ngày, chậm nhất ngày {latest} ({source})',
  'compliance.not_finalised':
    'Văn bản buổi sinh hoạt ngày {date} chưa được hoàn thiện; phải hoàn thiện, đăng tải trong {days} ngày sau buổi sinh hoạt, chậm nhất ngày {latest} ({source})',
  'compliance.finalised_late':
    'Văn bản buổi sinh hoạt ngày {date} hoàn thiện ngày {finalised}; phải hoàn thiện, đăng tải trong {days} ngày sau buổi sinh hoạt, chậm nhất ngày {latest} ({source})',
  'compliance.no_meeting':
    'Tháng {month} không có buổi sinh hoạt chi bộ thường kỳ; chi bộ sinh hoạt thường kỳ mỗi tháng một lần ({source})',
  'compliance.no_thematic':
    'Quý {quarter} năm {year} có {count} buổi sinh hoạt chuyên đề, chưa đạt ít nhất {required} buổi mỗi quý ({source})',
  'calendar.saturday': 'Thứ bảy',
  'calendar.sunday': 'Chủ nhật',
  'calendar.substitute_day': 'Nghỉ bù {holiday}',
  'calendar.year_unsupported': 'Lịch nghỉ lễ chỉ có các năm {from}–{to}, không có năm {year}',
  'calendar.holiday.new_year': 'Tết Dương lịch',
  'calendar.holiday.lunar_new_year': 'Tết Nguyên đán',
  'calendar.holiday.hung_kings': 'Giỗ Tổ Hùng Vương',
  'calendar.holiday.reunification': 'Ngày Giải phóng miền Nam',
  'calendar.holiday.labour_day': 'Quốc tế Lao động',
  'calendar.holiday.national_day': 'Quốc khánh',
} as const;
