// Vietnamese messages of evaluation: annual evaluation, the discipline register and "bốn tốt".
export const evaluation = {
  'evaluation.not_found': 'Không tìm thấy bản đánh giá',
  'evaluation.start_forbidden': 'Chỉ bí thư, phó bí thư chi bộ hoặc cấp ủy cấp trên được khởi tạo đánh giá',
  'evaluation.start_cells_only': 'Đánh giá, xếp loại hằng năm được khởi tạo theo từng chi bộ',
  'evaluation.self_assess_forbidden':
    'Chỉ đảng viên tự kiểm điểm cho mình; tập thể chi bộ do bí thư, phó bí thư kiểm điểm',
  'evaluation.propose_forbidden':
    'Chi bộ (bí thư, phó bí thư) đề xuất mức xếp loại đảng viên; cấp ủy cấp trên đề xuất cho chi bộ',
  'evaluation.decide_forbidden': 'Chỉ cấp có thẩm quyền (cấp ủy cơ sở trở lên) quyết định xếp loại',
  'evaluation.announce_forbidden': 'Chỉ cấp có thẩm quyền thông báo kết quả xếp loại',
  'evaluation.points_required': 'Cần tổng điểm tự chấm theo khung 100 điểm ({document})',
  'evaluation.collective_form_for_organizations': 'Mẫu kiểm điểm tập thể chỉ dùng cho tổ chức đảng',
  'evaluation.discipline_form.reprimand': 'khiển trách',
  'evaluation.discipline_form.warning': 'cảnh cáo',
  'evaluation.discipline_form.dismissal': 'cách chức',
  'evaluation.discipline_form.expulsion': 'khai trừ',
  'evaluation.discipline_form.dissolution': 'giải tán',
  'evaluation.disciplined': 'Bị kỷ luật {form} ngày {date}',
  'evaluation.disciplined_with_document': 'Bị kỷ luật {form} ngày {date}, {document}',
  'discipline.forbidden': 'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được ghi quyết định kỷ luật',
  'discipline.member_not_in_organization': 'Không tìm thấy đảng viên trong tổ chức này',
  'discipline.organization_forms': 'Tổ chức đảng chỉ bị kỷ luật khiển trách, cảnh cáo hoặc giải tán',
  'fourGood.enter_forbidden': 'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được nhập tiêu chí bốn tốt',
  'fourGood.kinds_only': 'Tiêu chí bốn tốt chỉ xét cho chi bộ và đảng bộ cơ sở',
} as const;
