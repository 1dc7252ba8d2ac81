// The columns of a roster file (.xlsx/.csv): which header label is which member field, where the header row is, and
// the columns an export writes back out. Pure, no I/O.
import type { MemberFields } from '../contracts/members.ts';
import { foldVietnamese } from './text.ts';

export type RosterField = keyof MemberFields | 'index';

interface ColumnSpec {
  field: RosterField;
  /** The label the export writes, and the one error messages fall back to. */
  label: string;
  variants: readonly string[];
}

// Labels seen on party-cell rosters (the member register, "Sổ danh sách đảng viên", and the cells' own sheets).
// Two-row headers ("Ngày, tháng, năm" over "Sinh") are read as the two labels joined, hence those variants.
const columnSpecs: readonly ColumnSpec[] = [
  { field: 'index', label: 'STT', variants: ['STT', 'TT', 'Số TT', 'Số thứ tự'] },
  {
    field: 'fullName',
    label: 'Họ và tên',
    variants: [
      'Họ và tên',
      'Họ tên',
      'Họ và tên đảng viên',
      'Họ tên đảng viên',
      'Tên đảng viên',
      'Họ và tên đang dùng',
    ],
  },
  {
    field: 'birthName',
    label: 'Tên khai sinh',
    variants: ['Tên khai sinh', 'Họ tên khai sinh', 'Họ và tên khai sinh'],
  },
  {
    field: 'dateOfBirth',
    label: 'Ngày sinh',
    variants: ['Ngày sinh', 'Sinh ngày', 'Ngày tháng năm sinh'],
  },
  { field: 'gender', label: 'Giới tính', variants: ['Giới tính', 'Nam/Nữ', 'Nam Nữ', 'Phái'] },
  { field: 'ethnicity', label: 'Dân tộc', variants: ['Dân tộc'] },
  { field: 'religion', label: 'Tôn giáo', variants: ['Tôn giáo'] },
  { field: 'hometown', label: 'Quê quán', variants: ['Quê quán', 'Nguyên quán'] },
  {
    field: 'education',
    label: 'Trình độ học vấn',
    variants: [
      'Trình độ học vấn',
      'Học vấn',
      'Trình độ GDPT',
      'GDPT',
      'Giáo dục phổ thông',
      'Trình độ giáo dục phổ thông',
      'Trình độ văn hóa',
      'Văn hóa',
    ],
  },
  {
    field: 'politicalTheory',
    label: 'Lý luận chính trị',
    variants: [
      'Lý luận chính trị',
      'LLCT',
      'Trình độ LLCT',
      'Trình độ lý luận chính trị',
      'Trình độ chính trị',
    ],
  },
  {
    field: 'profession',
    label: 'Nghề nghiệp',
    variants: [
      'Nghề nghiệp',
      'Chuyên môn',
      'Trình độ chuyên môn',
      'Chuyên môn nghiệp vụ',
      'Nghề nghiệp chuyên môn',
    ],
  },
  {
    field: 'admissionDate',
    label: 'Ngày vào Đảng',
    variants: [
      'Ngày vào Đảng',
      'Ngày kết nạp',
      'Ngày kết nạp Đảng',
      'Ngày kết nạp vào Đảng',
      'Ngày tháng năm vào Đảng',
      'Ngày vào Đảng Dự bị',
      'Ngày vào Đảng Kết nạp',
    ],
  },
  {
    field: 'fullMembershipDate',
    label: 'Ngày chính thức',
    variants: [
      'Ngày chính thức',
      'Ngày vào Đảng chính thức',
      'Ngày công nhận chính thức',
      'Ngày được công nhận chính thức',
      'Ngày chuyển chính thức',
      'Ngày tháng năm chính thức',
    ],
  },
  {
    field: 'partyCardNumber',
    label: 'Số thẻ đảng viên',
    variants: ['Số thẻ đảng viên', 'Số thẻ ĐV', 'Số thẻ', 'Thẻ đảng viên', 'Số thẻ Đảng', 'Thẻ Đảng'],
  },
  {
    field: 'citizenId',
    label: 'Số CCCD',
    variants: [
      'Số CCCD',
      'CCCD',
      'Số định danh',
      'Số định danh cá nhân',
      'Căn cước công dân',
      'Số căn cước',
      'Số căn cước công dân',
      'Căn cước',
      'Số CMND/CCCD',
      'CMND/CCCD',
    ],
  },
  {
    field: 'phone',
    label: 'Số điện thoại',
    variants: ['Số điện thoại', 'Điện thoại', 'SĐT', 'ĐT', 'Số ĐT', 'Điện thoại di động', 'Di động'],
  },
  { field: 'email', label: 'Email', variants: ['Email', 'E-mail', 'Thư điện tử', 'Địa chỉ email'] },
  {
    field: 'status',
    label: 'Trạng thái',
    variants: [
      'Trạng thái',
      'Loại đảng viên',
      'Chính thức/Dự bị',
      'Dự bị/Chính thức',
      'Đảng viên chính thức/dự bị',
    ],
  },
];

/** Header text reduced to what matters: no diacritics, no notes in brackets, no punctuation or required-marks. */
export function normalizeLabel(text: string): string {
  return foldVietnamese(text)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const fieldByLabel = new Map<string, RosterField>();
for (const spec of columnSpecs)
  for (const v of spec.variants) fieldByLabel.set(normalizeLabel(v), spec.field);

/** The canonical label of each field, as the export writes it. */
export const rosterLabels = Object.fromEntries(columnSpecs.map((s) => [s.field, s.label])) as Record<
  RosterField,
  string
>;

/** The field a header label stands for, or null for a column the roster does not use. */
export function matchHeaderLabel(label: string): RosterField | null {
  return fieldByLabel.get(normalizeLabel(label)) ?? null;
}

export interface HeaderColumn {
  /** 0-based column index. */
  index: number;
  /** The label as written in the file (two-row headers: both rows joined). */
  label: string;
  /** The field it was read as; null for unknown or repeated columns, which are ignored. */
  field: RosterField | null;
}

export interface RosterHeader {
  /** 0-based index of the (first) header row. */
  rowIndex: number;
  /** 0-based index of the first row after the header. */
  dataStart: number;
  columns: HeaderColumn[];
  byField: Partial<Record<RosterField, HeaderColumn>>;
}

export const headerSearchRows = 30;

function readHeader(top: string[], bottom: string[] | null): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  const seen = new Set<RosterField>();
  const width = Math.max(top.length, bottom?.length ?? 0);
  for (let i = 0; i < width; i++) {
    const t = (top[i] ?? '').trim();
    const b = (bottom?.[i] ?? '').trim();
    // A merged group label spans several columns, so the top text may repeat; the bottom text then decides.
    const candidates = bottom && b ? (t && t !== b ? [`${t} ${b}`, b, t] : [b]) : [t];
    let label = candidates[candidates.length - 1] ?? '';
    let field: RosterField | null = null;
    for (const c of candidates) {
      const f = c ? matchHeaderLabel(c) : null;
      if (f) {
        field = f;
        label = c;
        break;
      }
    }
    if (!label) continue;
    if (field && seen.has(field)) field = null;
    if (field) seen.add(field);
    columns.push({ index: i, label, field });
  }
  return columns;
}

const score = (columns: HeaderColumn[]) => columns.filter((c) => c.field && c.field !== 'index').length;

/**
 * The header row: among the first rows (title rows like "DANH SÁCH ĐẢNG VIÊN CHI BỘ …" may sit above it), the
 * one whose cells match the most known labels and include "Họ và tên". A header split over two rows (a
 * group label above its sub-labels) is read when it matches more than either row alone.
 */
export function findHeaderRow(rows: string[][], maxRows = headerSearchRows): RosterHeader | null {
  const n = Math.min(rows.length, maxRows);
  const singles = Array.from({ length: Math.min(rows.length, n + 1) }, (_, i) =>
    readHeader(rows[i] ?? [], null),
  );
  let best: RosterHeader | null = null;
  let bestScore = 0;
  for (let i = 0; i < n; i++) {
    let columns = singles[i]!;
    let dataStart = i + 1;
    const next = rows[i + 1];
    if (next?.some((c) => c.trim())) {
      // Two rows count as one header only when together they say more than either says alone.
      const double = readHeader(rows[i] ?? [], next);
      if (score(double) > Math.max(score(columns), score(singles[i + 1] ?? []))) {
        columns = double;
        dataStart = i + 2;
      }
    }
    const s = score(columns);
    if (s > bestScore && columns.some((c) => c.field === 'fullName')) {
      bestScore = s;
      best = {
        rowIndex: i,
        dataStart,
        columns,
        byField: Object.fromEntries(columns.filter((c) => c.field).map((c) => [c.field, c])),
      };
    }
  }
  return best;
}

/** What the header search looks for, for the error message when none is found. */
export function expectedLabelsText(): string {
  return columnSpecs
    .filter((s) => s.field !== 'index')
    .map((s) => `"${s.label}"`)
    .join(', ');
}

/** The label of a field's column as the file writes it, else the canonical one (for problems naming a column). */
export function columnLabel(header: RosterHeader, field: RosterField): string {
  return header.byField[field]?.label ?? rosterLabels[field];
}

// ---- export --------------------------------------------------------------------------------------------

const personalFields: ReadonlySet<RosterField> = new Set(['citizenId', 'phone', 'email']);

/** The columns an export writes, in the import's labels; CCCD, phone and e-mail only for those who may see them. */
export function exportColumns(includePersonal: boolean): Array<{ field: RosterField; label: string }> {
  return columnSpecs
    .filter((s) => includePersonal || !personalFields.has(s.field))
    .map((s) => ({ field: s.field, label: s.label }));
}

/** One member as export cells: dates as UTC Date objects (the sheet formats them dd/mm/yyyy), text as text. */
export function exportCell(
  field: RosterField,
  m: MemberFields,
  index: number,
): string | number | Date | null {
  switch (field) {
    case 'index':
      return index;
    case 'gender':
      return m.gender === 'male' ? 'Nam' : m.gender === 'female' ? 'Nữ' : null;
    case 'status':
      return m.status === 'full' ? 'Chính thức' : 'Dự bị';
    case 'dateOfBirth':
    case 'admissionDate':
    case 'fullMembershipDate': {
      const v = m[field];
      return v ? new Date(`${v}T00:00:00Z`) : null;
    }
    default:
      return (m[field] as string | null | undefined) ?? null;
  }
}
