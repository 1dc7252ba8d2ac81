// Vietnamese messages of roster import: the file's problems at upload, each row's problems in the preview, commit.
export const roster = {
  'roster.forbidden': 'Bạn không có quyền nhập danh sách đảng viên cho tổ chức này',
  'roster.cell_only': 'Danh sách đảng viên được nhập cho từng chi bộ',
  'roster.unsupported_extension': "Không nhận tệp '{extension}': chỉ nhận .xlsx hoặc .csv.",
  'roster.no_extension': 'Không nhận tệp không có phần mở rộng: chỉ nhận .xlsx hoặc .csv.',
  'roster.old_excel':
    'Không nhận tệp \'.xls\': chỉ nhận .xlsx hoặc .csv. Tệp Excel cũ (.xls): hãy mở bằng Excel và "Lưu thành" Excel Workbook (.xlsx).',
  'roster.only_xlsx_csv': 'Chỉ nhận tệp .xlsx hoặc .csv',
  'roster.unreadable': "Không đọc được tệp '{file}': {reason}",
  'roster.broken_xlsx': 'tệp hỏng hoặc không phải tệp Excel (.xlsx)',
  'roster.csv_not_utf8': 'tệp CSV không ở mã UTF-8; trong Excel hãy chọn "Lưu thành" CSV UTF-8',
  'roster.no_header':
    'Không tìm thấy dòng tiêu đề cột trong {rows} dòng đầu của tệp. Cần ít nhất cột "Họ và tên"; các cột đọc được: {columns}.',
  'roster.no_header_short': 'Không có dòng tiêu đề "Họ và tên"',
  'roster.too_large': 'Tệp {size} MB, vượt giới hạn {limit} MB',
  'roster.no_rows': 'Tệp không có dòng đảng viên nào dưới dòng tiêu đề',
  'roster.no_data': 'Không có dữ liệu',
  'roster.too_many_rows': 'Tệp có {rows} dòng, mỗi lần nhập tối đa {limit} dòng',
  'roster.internal_error': 'Lỗi hệ thống khi xử lý tệp: {detail}',
  'roster.interrupted': 'Máy chủ khởi động lại khi đang xử lý; hãy tải tệp lên lại',
  'roster.twin':
    'Trùng họ tên và ngày sinh với một đảng viên đang sinh hoạt ở chi bộ nhưng khác {card} hoặc {citizenId}; kiểm tra lại để không tạo hai hồ sơ cho một người',
  'roster.identifiers_of_two': '{card} và {citizenId} thuộc hai đảng viên khác nhau trong hệ thống',
  'roster.member_left':
    "{column} '{value}' thuộc một đảng viên không còn sinh hoạt trong hệ thống; không nhập lại qua danh sách",
  'roster.other_cell':
    "{column} '{value}' đã thuộc chi bộ khác; chuyển sinh hoạt đảng theo thủ tục, không qua nhập danh sách",
  'roster.same_member_as_row': "{column} '{value}': cùng một đảng viên với dòng {row}",
  'roster.identifier_taken': "{column} '{value}' đã dùng cho một đảng viên khác",
  'roster.import_not_found': 'Không tìm thấy lần nhập danh sách',
  'roster.status.parsing': 'Tệp đang được kiểm tra, hãy chờ kiểm tra xong',
  'roster.status.invalid': 'Tệp còn lỗi, chưa thể lưu. Hãy sửa các dòng bị lỗi rồi tải tệp lên lại',
  'roster.status.committing': 'Danh sách đang được lưu',
  'roster.status.committed': 'Danh sách này đã được lưu',
  'roster.status.failed': 'Lần nhập này đã bị lỗi, hãy tải tệp lên lại',
  'roster.changed_since_check':
    'Dữ liệu đã thay đổi từ khi kiểm tra tệp (dòng {row}: {problem}). Hãy tải tệp lên lại.',
  'roster.row_matches_other':
    'Dữ liệu đã thay đổi từ khi kiểm tra tệp (dòng {row} khớp với đảng viên khác). Hãy tải tệp lên lại.',
  // The note of the admission events an import records.
  'roster.imported_event_note': 'Nhập từ danh sách',
} as const;
