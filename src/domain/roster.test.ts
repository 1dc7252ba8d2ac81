// Unit tests of roster rules: header labels, header search, cell reading, row rules, duplicates, export cells.
import { describe, expect, it } from 'vitest';
import { render } from '../messages/index.ts';
import { inVi } from './testing-messages.ts';
import type { MemberFields } from '../contracts/members.ts';
import {
  exportCell,
  exportColumns,
  findHeaderRow,
  matchHeaderLabel,
  type RosterHeader,
} from './roster-columns.ts';
import { findDuplicates, mergeForUpdate, updateProblems } from './roster-matching.ts';
import {
  cellCitizenId,
  cellDate,
  cellPhone,
  cellText,
  memberRuleProblems,
  normalizeName,
  parseRosterRow,
} from './roster-rows.ts';

const today = '2026-01-15';

const standardHeader = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
  'Email',
  'Trạng thái',
];

function header(labels: string[] = standardHeader): RosterHeader {
  const h = findHeaderRow([labels]);
  if (!h) throw new Error('no header');
  return h;
}

/** A row in the standard header's order, from a partial record keyed by label. */
function cells(values: Record<string, unknown>, labels: string[] = standardHeader): unknown[] {
  return labels.map((l) => values[l] ?? null);
}

const good = {
  STT: 1,
  'Họ và tên': 'Nguyễn Văn An',
  'Ngày sinh': '05/03/1980',
  'Giới tính': 'Nam',
  'Dân tộc': 'Kinh',
  'Ngày vào Đảng': '03/02/2010',
  'Ngày chính thức': '03/02/2011',
  'Số thẻ đảng viên': '12345678',
  'Số CCCD': '001080012345',
  'Số điện thoại': '0912345678',
  Email: 'an@example.vn',
  'Trạng thái': 'Chính thức',
};

const parse = (values: Record<string, unknown>, row = 5, labels = standardHeader) =>
  parseRosterRow(cells(values, labels), row, { header: header(labels), today });

describe('header labels', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['HỌ VÀ TÊN', 'fullName'],
    ['Ho va ten', 'fullName'],
    ['Họ tên', 'fullName'],
    ['Tên khai sinh', 'birthName'],
    ['Họ tên khai sinh', 'birthName'],
    ['Ngày sinh (dd/mm/yyyy)', 'dateOfBirth'],
    ['Ngày, tháng, năm sinh', 'dateOfBirth'],
    ['Giới tính', 'gender'],
    ['Dân tộc', 'ethnicity'],
    ['Tôn giáo', 'religion'],
    ['Quê quán', 'hometown'],
    ['Trình độ học vấn', 'education'],
    ['Học vấn', 'education'],
    ['Trình độ GDPT', 'education'],
    ['Lý luận chính trị', 'politicalTheory'],
    ['LLCT', 'politicalTheory'],
    ['Nghề nghiệp', 'profession'],
    ['Chuyên môn', 'profession'],
    ['Ngày vào Đảng', 'admissionDate'],
    ['Ngay vao dang', 'admissionDate'],
    ['Ngày chính thức', 'fullMembershipDate'],
    ['Số thẻ đảng viên', 'partyCardNumber'],
    ['Số thẻ ĐV', 'partyCardNumber'],
    ['So the DV', 'partyCardNumber'],
    ['Số CCCD', 'citizenId'],
    ['CCCD', 'citizenId'],
    ['Số định danh', 'citizenId'],
    ['Số điện thoại', 'phone'],
    ['Điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Trạng thái', 'status'],
    ['Loại đảng viên', 'status'],
    ['STT', 'index'],
    ['  Họ và tên *  ', 'fullName'],
    ['Họ và\ntên', 'fullName'],
  ])('%s → %s', (label, field) => {
    expect(matchHeaderLabel(label)).toBe(field);
  });

  it('does not read unknown columns', () => {
    expect(matchHeaderLabel('Chức vụ')).toBeNull();
    expect(matchHeaderLabel('Ghi chú')).toBeNull();
    expect(matchHeaderLabel('')).toBeNull();
  });
});

describe('findHeaderRow', () => {
  it('finds the header under merged title rows and ignores unknown columns', () => {
    const title = 'DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG';
    const rows = [
      [title, title, title, title],
      ['Đảng bộ xã Yên Lạc', '', '', ''],
      [],
      ['STT', 'Họ và tên', 'Chức vụ', 'Ngày sinh', 'Số thẻ ĐV'],
      ['1', 'Nguyễn Văn An', 'Bí thư', '05/03/1980', '12345678'],
    ];
    const h = findHeaderRow(rows)!;
    expect(h.rowIndex).toBe(3);
    expect(h.dataStart).toBe(4);
    expect(h.byField.fullName?.index).toBe(1);
    expect(h.byField.dateOfBirth?.index).toBe(3);
    expect(inVi(h.byField.partyCardNumber?.label)).toBe('Số thẻ ĐV');
    expect(h.columns.find((c) => c.label === 'Chức vụ')?.field).toBeNull();
  });

  it('needs a name column', () => {
    expect(findHeaderRow([['STT', 'Ngày sinh', 'Số CCCD']])).toBeNull();
    expect(findHeaderRow([])).toBeNull();
  });

  it('prefers the row matching the most labels', () => {
    const rows = [['Họ và tên'], ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính']];
    expect(findHeaderRow(rows)!.rowIndex).toBe(1);
  });

  it('only looks at the first 30 rows', () => {
    const rows: string[][] = Array.from({ length: 35 }, () => ['']);
    rows[32] = ['Họ và tên', 'Ngày sinh'];
    expect(findHeaderRow(rows)).toBeNull();
    rows[29] = ['Họ và tên', 'Ngày sinh'];
    expect(findHeaderRow(rows)!.rowIndex).toBe(29);
  });

  it('reads a header split over two rows (a group label over sub-labels)', () => {
    const rows = [
      ['STT', 'Họ và tên', 'Ngày, tháng, năm', 'Ngày, tháng, năm', 'Ngày, tháng, năm', 'Số thẻ'],
      ['STT', 'Họ và tên', 'Sinh', 'Vào Đảng', 'Chính thức', 'Số thẻ'],
      ['1', 'Nguyễn Văn An', '05/03/1980', '03/02/2010', '03/02/2011', '12345678'],
    ];
    const h = findHeaderRow(rows)!;
    expect(h.rowIndex).toBe(0);
    expect(h.dataStart).toBe(2);
    expect(h.byField.dateOfBirth?.index).toBe(2);
    expect(h.byField.admissionDate?.index).toBe(3);
    expect(h.byField.fullMembershipDate?.index).toBe(4);
    expect(h.byField.partyCardNumber?.index).toBe(5);
  });

  it('keeps the first of two columns with the same meaning', () => {
    const h = findHeaderRow([['Họ và tên', 'Điện thoại', 'SĐT']])!;
    expect(h.byField.phone?.index).toBe(1);
    expect(h.columns[2]!.field).toBeNull();
  });
});

describe('cells', () => {
  it('reads text from the shapes a spreadsheet library hands over', () => {
    expect(inVi(cellText('  Nguyễn   Văn  An '))).toBe('Nguyễn Văn An');
    expect(cellText(12345678)).toBe('12345678');
    expect(cellText(null)).toBe('');
    expect(inVi(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An' }] }))).toBe('Nguyễn Văn An');
    expect(cellText({ formula: 'A1', result: 'x' })).toBe('x');
    expect(cellText({ text: 'an@example.vn', hyperlink: 'mailto:an@example.vn' })).toBe('an@example.vn');
    expect(cellText(new Date(Date.UTC(1980, 2, 5)))).toBe('05/03/1980');
  });

  it('reads dates as text, Date objects (UTC) and Excel day numbers', () => {
    expect(cellDate('05/03/1980')).toBe('1980-03-05');
    expect(cellDate('5/3/1980')).toBe('1980-03-05');
    expect(cellDate('1980-03-05')).toBe('1980-03-05');
    expect(cellDate('31/02/1980')).toBeNull();
    expect(cellDate(new Date(Date.UTC(1980, 2, 5)))).toBe('1980-03-05');
    expect(cellDate(29285)).toBe('1980-03-05');
    expect(cellDate(1980)).toBeNull();
    expect(cellDate('1980')).toBeNull();
  });

  it('restores the leading zeros a number cell dropped from CCCD and phone', () => {
    expect(cellCitizenId(1080012345)).toBe('001080012345');
    expect(cellCitizenId('001 080 012 345')).toBe('001080012345');
    expect(cellCitizenId(123456789)).toBe('123456789');
    expect(cellPhone(912345678)).toBe('0912345678');
    expect(cellPhone('0912.345.678')).toBe('0912345678');
    expect(cellPhone('+84912345678')).toBe('0912345678');
  });

  it('writes names given in capitals in normal case', () => {
    expect(inVi(normalizeName('NGUYỄN VĂN ĐỨC'))).toBe('Nguyễn Văn Đức');
    expect(inVi(normalizeName('Nguyễn Văn ĐỨC'))).toBe('Nguyễn Văn ĐỨC');
    expect(inVi(normalizeName(' Lê  Thị Hoa '))).toBe('Lê Thị Hoa');
  });
});

describe('parseRosterRow', () => {
  it('reads a good row', () => {
    const r = parse(good)!;
    expect(inVi(r.problems)).toEqual([]);
    expect(inVi(r.fields)).toEqual({
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1980-03-05',
      gender: 'male',
      ethnicity: 'Kinh',
      admissionDate: '2010-02-03',
      fullMembershipDate: '2011-02-03',
      partyCardNumber: '12345678',
      citizenId: '001080012345',
      phone: '0912345678',
      email: 'an@example.vn',
      status: 'full',
    });
  });

  it('accepts Date objects and numbers from xlsx cells', () => {
    const r = parse({
      ...good,
      'Ngày sinh': new Date(Date.UTC(1980, 2, 5)),
      'Số thẻ đảng viên': 12345678,
      'Số CCCD': 1080012345,
      'Số điện thoại': 912345678,
    })!;
    expect(inVi(r.problems)).toEqual([]);
    expect(r.fields).toMatchObject({
      dateOfBirth: '1980-03-05',
      partyCardNumber: '12345678',
      citizenId: '001080012345',
      phone: '0912345678',
    });
  });

  it('names the row, the column as written and the rule for a date that does not exist', () => {
    const r = parse({ ...good, 'Ngày sinh': '31/02/1980' }, 7)!;
    expect(r.fields).toBeNull();
    expect(inVi(r.problems)).toEqual([
      { row: 7, column: 'Ngày sinh', message: "Ngày sinh '31/02/1980' không phải ngày hợp lệ (dd/mm/yyyy)" },
    ]);
  });

  it('uses the label as the file writes it', () => {
    const labels = ['Họ tên', 'Ngay sinh', 'Loại đảng viên'];
    const r = parse(
      { 'Họ tên': 'Lê Văn Bình', 'Ngay sinh': '1/13/1980', 'Loại đảng viên': 'Dự bị' },
      3,
      labels,
    )!;
    expect(inVi(r.problems[0])).toMatchObject({ column: 'Ngay sinh' });
  });

  it('reports every bad cell of a row at once', () => {
    const r = parse({ ...good, 'Ngày sinh': 'abc', 'Số CCCD': '12345', 'Giới tính': 'X', Email: 'không' })!;
    expect(inVi(r.problems.map((p) => p.column).sort())).toEqual([
      'Email',
      'Giới tính',
      'Ngày sinh',
      'Số CCCD',
    ]);
    expect(inVi(r.problems.find((p) => p.column === 'Số CCCD')!.message)).toBe(
      "Số CCCD '12345' không hợp lệ: Số CCCD gồm 12 chữ số",
    );
    expect(inVi(r.problems.find((p) => p.column === 'Giới tính')!.message)).toBe(
      "Giới tính 'X' phải là Nam hoặc Nữ",
    );
  });

  it('checks party card and phone formats with the contract rules', () => {
    const r = parse({ ...good, 'Số thẻ đảng viên': '12AB', 'Số điện thoại': '12345' })!;
    expect(inVi(r.problems.map((p) => p.message))).toEqual([
      "Số thẻ đảng viên '12AB' không hợp lệ: Số thẻ đảng viên gồm 6–12 chữ số",
      "Số điện thoại '12345' không hợp lệ: Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0",
    ]);
  });

  it('wants a name and a status', () => {
    const r = parse({ ...good, 'Họ và tên': '', 'Trạng thái': '', 'Ngày chính thức': '' })!;
    expect(inVi(r.problems.map((p) => p.message))).toEqual([
      'Thiếu Họ và tên',
      'Thiếu Trạng thái (Chính thức hoặc Dự bị)',
    ]);
  });

  it('reads the status, or takes "full" from a full-membership date', () => {
    expect(parse({ ...good, 'Trạng thái': 'Dự bị', 'Ngày chính thức': '' })!.fields!.status).toBe(
      'probationary',
    );
    expect(parse({ ...good, 'Trạng thái': 'ĐẢNG VIÊN CHÍNH THỨC' })!.fields!.status).toBe('full');
    expect(parse({ ...good, 'Trạng thái': '' })!.fields!.status).toBe('full');
    expect(inVi(parse({ ...good, 'Trạng thái': 'Tạm' })!.problems[0]!.message)).toBe(
      "Trạng thái 'Tạm' phải là Chính thức hoặc Dự bị",
    );
  });

  it('rejects a full-membership date before admission', () => {
    const r = parse({ ...good, 'Ngày chính thức': '01/01/2009' })!;
    expect(inVi(r.problems)).toEqual([
      {
        row: 5,
        column: 'Ngày chính thức',
        message: 'Ngày chính thức 01/01/2009 trước Ngày vào Đảng 03/02/2010',
      },
    ]);
  });

  it('rejects a probationary member with a full-membership date', () => {
    const r = parse({ ...good, 'Trạng thái': 'Dự bị' })!;
    expect(inVi(r.problems[0]!.message)).toContain('Đảng viên dự bị không có Ngày chính thức');
  });

  it('skips blank rows, the column-number row and the lines under the table', () => {
    expect(parse({})).toBeNull();
    expect(parse({ STT: '5' })).toBeNull();
    expect(
      parseRosterRow(
        standardHeader.map((_, i) => `(${i + 1})`),
        5,
        { header: header(), today },
      ),
    ).toBeNull();
    expect(parse({ 'Họ và tên': 'Tổng cộng: 25 đảng viên' })).toBeNull();
    expect(parse({ 'Họ và tên': 'T/M CHI ỦY' })).toBeNull();
  });

  it('leaves out fields whose column is absent, and gives null for blank cells', () => {
    const labels = ['Họ và tên', 'Ngày sinh', 'Trạng thái'];
    const r = parse({ 'Họ và tên': 'Lê Văn Bình', 'Trạng thái': 'Dự bị' }, 2, labels)!;
    expect(inVi(r.fields)).toEqual({ fullName: 'Lê Văn Bình', dateOfBirth: null, status: 'probationary' });
  });

  it('words length limits in Vietnamese', () => {
    const labels = ['Họ và tên', 'Quê quán', 'Trạng thái'];
    const r = parse(
      { 'Họ và tên': 'Lê Văn Bình', 'Quê quán': 'x'.repeat(201), 'Trạng thái': 'Dự bị' },
      2,
      labels,
    )!;
    expect(inVi(r.problems[0]!.message)).toMatch(/^Quê quán 'x+…' dài quá 200 ký tự$/);
  });
});

describe('memberRuleProblems', () => {
  const base = { status: 'full' as const };
  it('accepts consistent dates', () => {
    expect(
      memberRuleProblems(
        { ...base, dateOfBirth: '1980-01-01', admissionDate: '2010-01-01', fullMembershipDate: '2011-01-01' },
        today,
      ),
    ).toEqual([]);
  });

  it('rejects dates in the future', () => {
    expect(memberRuleProblems({ ...base, dateOfBirth: '2027-01-01' }, today)[0]!.field).toBe('dateOfBirth');
    expect(memberRuleProblems({ status: 'probationary', admissionDate: '2026-02-01' }, today)[0]!.field).toBe(
      'admissionDate',
    );
  });

  it('refuses implausible dates: born before 1900, admitted before the Party was founded, far in the future', () => {
    const born1000 = memberRuleProblems({ ...base, dateOfBirth: '1000-01-01' }, today);
    expect(born1000.map((p) => [p.field, p.message.code])).toEqual([
      ['dateOfBirth', 'roster.birth_too_early'],
    ]);
    expect(inVi(born1000[0]!.message)).toBe('Ngày sinh 01/01/1000 trước 01/01/1900: kiểm tra lại năm sinh');
    expect(memberRuleProblems({ ...base, dateOfBirth: '1900-01-01' }, today)).toEqual([]);
    const admitted9999 = memberRuleProblems({ ...base, admissionDate: '9999-12-31' }, today);
    expect(admitted9999.map((p) => [p.field, p.message.code])).toEqual([
      ['admissionDate', 'roster.admission_in_future'],
    ]);
    const early = memberRuleProblems(
      { ...base, admissionDate: '1930-02-02', fullMembershipDate: '1929-12-31' },
      today,
    );
    expect(early.map((p) => [p.field, p.message.code])).toEqual([
      ['admissionDate', 'roster.admission_before_founding'],
      ['fullMembershipDate', 'roster.full_membership_before_founding'],
      ['fullMembershipDate', 'roster.full_before_admission'],
    ]);
    expect(inVi(early[0]!.message)).toBe('Ngày vào Đảng 02/02/1930 trước ngày thành lập Đảng (03/02/1930)');
    expect(
      memberRuleProblems(
        { ...base, dateOfBirth: '1905-05-01', admissionDate: '1930-02-03', fullMembershipDate: '1931-02-03' },
        today,
      ),
    ).toEqual([]);
    expect(memberRuleProblems({ ...base, fullMembershipDate: '9999-12-31' }, today)[0]!.message.code).toBe(
      'roster.full_membership_in_future',
    );
  });

  it('refuses the same dates in an imported row, at their columns', () => {
    const r = parse({ ...good, 'Ngày sinh': '01/01/1000', 'Ngày vào Đảng': '31/12/9999' })!;
    expect(r.problems.map((p) => [p.row, p.column, p.message.code])).toEqual([
      [5, 'Ngày sinh', 'roster.birth_too_early'],
      [5, 'Ngày vào Đảng', 'roster.admission_in_future'],
      [5, 'Ngày chính thức', 'roster.full_before_admission'],
    ]);
  });

  it('rejects admission before 18 years of age (Charter, art. 1)', () => {
    const p = memberRuleProblems({ ...base, dateOfBirth: '2000-06-01', admissionDate: '2018-05-31' }, today);
    expect(inVi(p[0]!.message)).toContain('chưa đủ 18 tuổi');
    expect(
      memberRuleProblems({ ...base, dateOfBirth: '2000-06-01', admissionDate: '2018-06-01' }, today),
    ).toEqual([]);
    expect(
      memberRuleProblems({ ...base, dateOfBirth: '2000-02-29', admissionDate: '2018-03-01' }, today),
    ).toEqual([]);
  });

  it('wants 12 months of probation before full membership (Charter, art. 5)', () => {
    const p = memberRuleProblems(
      { ...base, admissionDate: '2020-03-01', fullMembershipDate: '2021-02-28' },
      today,
    );
    expect(inVi(p[0]!.message)).toContain('chưa đủ 12 tháng dự bị');
    expect(
      memberRuleProblems({ ...base, admissionDate: '2020-03-01', fullMembershipDate: '2021-03-01' }, today),
    ).toEqual([]);
    expect(memberRuleProblems({ ...base, admissionDate: '2025-06-01' }, today)[0]!.field).toBe('status');
  });
});

describe('re-import updates', () => {
  const stored: MemberFields = { fullName: 'Lê Văn Bình', phone: '0912345678', status: 'probationary' };
  it('keeps stored values where the row is blank', () => {
    expect(
      inVi(
        mergeForUpdate(stored, {
          fullName: 'Lê Văn Bình',
          phone: null,
          email: 'b@x.vn',
          status: 'probationary',
        }),
      ),
    ).toEqual({
      fullName: 'Lê Văn Bình',
      phone: '0912345678',
      email: 'b@x.vn',
      status: 'probationary',
    });
  });

  it('does not turn a full member back into a probationary one', () => {
    expect(
      updateProblems({ ...stored, status: 'full' }, { ...stored, status: 'probationary' })[0]!.field,
    ).toBe('status');
  });

  it('wants the date when a probationary member becomes full', () => {
    expect(updateProblems(stored, { ...stored, status: 'full' })[0]!.field).toBe('fullMembershipDate');
    expect(updateProblems(stored, { ...stored, status: 'full', fullMembershipDate: '2025-01-01' })).toEqual(
      [],
    );
  });
});

describe('findDuplicates', () => {
  it('names the first row on the later one, for party card, CCCD, phone and e-mail', () => {
    const f = (x: Partial<MemberFields>): MemberFields => ({ fullName: 'A B', status: 'full', ...x });
    const rows = [
      { row: 4, fields: f({ partyCardNumber: '111111', citizenId: '001080000001', email: 'A@x.vn' }) },
      { row: 5, fields: f({ partyCardNumber: '222222', citizenId: '001080000001' }) },
      { row: 6, fields: f({ partyCardNumber: '111111', email: 'a@X.vn' }) },
      { row: 7, fields: f({ partyCardNumber: null }) },
      { row: 8, fields: f({ partyCardNumber: null }) },
    ];
    expect(inVi(findDuplicates(rows, header()))).toEqual([
      { row: 5, column: 'Số CCCD', message: "Số CCCD '001080000001' trùng với dòng 4" },
      { row: 6, column: 'Số thẻ đảng viên', message: "Số thẻ đảng viên '111111' trùng với dòng 4" },
      { row: 6, column: 'Email', message: "Email 'a@X.vn' trùng với dòng 4" },
    ]);
  });
});

describe('export', () => {
  it('uses the import labels, so an export reads back', () => {
    const labels = exportColumns(true).map((c) => c.label);
    const h = findHeaderRow([labels])!;
    expect(h.columns.every((c) => c.field !== null)).toBe(true);
    expect(exportColumns(false).map((c) => c.field)).not.toContain('citizenId');
    expect(exportColumns(false).map((c) => c.field)).not.toContain('phone');
  });

  it('writes gender, status and dates the way the import reads them', () => {
    const m: MemberFields = {
      fullName: 'Lê Thị Hoa',
      gender: 'female',
      status: 'probationary',
      dateOfBirth: '1990-12-31',
    };
    expect(inVi(exportCell('gender', m, 1))).toBe('Nữ');
    expect(inVi(exportCell('status', m, 1))).toBe('Dự bị');
    expect(exportCell('index', m, 3)).toBe(3);
    expect(cellDate(exportCell('dateOfBirth', m, 1))).toBe('1990-12-31');
    expect(exportCell('admissionDate', m, 1)).toBeNull();
  });
});

describe('roster: problems by code', () => {
  it('names the rule and its dates as a message', () => {
    const [p] = memberRuleProblems(
      {
        dateOfBirth: '2000-01-01',
        admissionDate: '2017-05-01',
        fullMembershipDate: null,
        status: 'probationary',
      },
      '2026-01-01',
    );
    expect(p).toEqual({
      field: 'admissionDate',
      message: {
        code: 'roster.admitted_under_age',
        params: { admitted: '01/05/2017', age: 18, born: '01/01/2000' },
      },
    });
    expect(render('en', p!.message)).toBe(
      'Admitted on 01/05/2017 before the age of 18 (born 01/01/2000; Party Charter, Article 1)',
    );
  });
});
