// Pure rules of roster files (.xlsx/.csv): which column is which field, where the header row is, how a row
// becomes a member's profile fields, what makes a row wrong, and how a member is written back out.
import { type MemberFields, memberFields } from '../contracts/members.ts';
import type { RosterProblem } from '../contracts/roster-import.ts';
import { charterRules } from './charter-rules.ts';
import { formatDateVi, parseVietnameseDate } from './dates.ts';
import {
  isMessageCode,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  renderVi,
  verbatim,
} from './messages.ts';
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

// ---- cells ---------------------------------------------------------------------------------------------

/**
 * The text of a cell as a spreadsheet library hands it over: strings, numbers, dates, rich text
 * ({richText}), formulas ({result}), hyperlinks ({text}).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateVi(value.toISOString());
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return cellText(o.richText.map((r: { text?: unknown }) => String(r?.text ?? '')).join(''));
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return cellText(String(value));
}

// Excel counts days from 1899-12-30 (with the 1900 leap-year bug folded in).
const excelEpochMs = Date.UTC(1899, 11, 30);

/** A date cell: a Date (read as a UTC calendar day), an Excel day number, or text dd/mm/yyyy. */
export function cellDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // Small numbers are years typed alone ("1980"), not day numbers: a day is required.
    if (!Number.isInteger(value) || value < 3000 || value > 2_958_465) return null;
    return new Date(excelEpochMs + value * 86_400_000).toISOString().slice(0, 10);
  }
  return parseVietnameseDate(cellText(value));
}

const digitsOnly = (s: string) => s.replace(/[\s.\-–()]/g, '');

/** A CCCD: digits only. A number cell has lost its leading zeros (every CCCD starts with a 0XX province code). */
export function cellCitizenId(value: unknown): string {
  const text = digitsOnly(cellText(value));
  if (typeof value === 'number' && /^\d{10,11}$/.test(text)) return text.padStart(12, '0');
  return text;
}

/** A phone number: digits only, +84 written as 0; a number cell has lost its leading 0. */
export function cellPhone(value: unknown): string {
  let text = digitsOnly(cellText(value));
  if (text.startsWith('+84')) text = `0${text.slice(3)}`;
  if (typeof value === 'number' && /^[1-9]\d{8,9}$/.test(text)) text = `0${text}`;
  return text;
}

function cellGender(text: string): MemberFields['gender'] | undefined {
  const f = normalizeLabel(text);
  if (['nam', 'm', 'male', 'trai'].includes(f)) return 'male';
  if (['nu', 'f', 'female', 'gai'].includes(f)) return 'female';
  return undefined;
}

function cellStatus(text: string): MemberFields['status'] | undefined {
  const f = normalizeLabel(text).replace(/^dang vien /, '');
  if (['chinh thuc', 'ct', 'full'].includes(f)) return 'full';
  if (['du bi', 'db', 'probationary'].includes(f)) return 'probationary';
  return undefined;
}

/** "NGUYỄN VĂN AN" → "Nguyễn Văn An": rosters often write names in capitals; names in mixed case stay as written. */
export function normalizeName(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s !== s.toUpperCase() || s === s.toLowerCase()) return s;
  return s
    .toLowerCase()
    .split(' ')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

// ---- rows ----------------------------------------------------------------------------------------------

export interface ParsedRosterRow {
  row: number;
  /** The profile fields, or null when the row has a problem that leaves them unusable. */
  fields: MemberFields | null;
  problems: RosterProblem[];
}

type DateField = 'dateOfBirth' | 'admissionDate' | 'fullMembershipDate';
const dateFields: readonly DateField[] = ['dateOfBirth', 'admissionDate', 'fullMembershipDate'];
const textFields = [
  'birthName',
  'ethnicity',
  'religion',
  'hometown',
  'education',
  'politicalTheory',
  'profession',
] as const;

const numberingCell = /^\(?\d{1,2}\)?$/;
// Lines under the table: totals, the signature block, the place and date.
const footerText =
  /^(tong cong|tong so|cong|t m|tm|nguoi lap|bi thu|pho bi thu|xac nhan|ghi chu|noi nhan|ngay \d+ thang)/;

/** Today plus what the rules need to know about the file's header. */
export interface RowContext {
  header: RosterHeader;
  today: string;
}

const labelOf = (header: RosterHeader, field: RosterField) =>
  header.byField[field]?.label ?? rosterLabels[field];

// The contract's own words are message codes or zod's; length limits are worded here.
function zodProblem(
  issue: { code: string; message: string; maximum?: unknown; input?: unknown; path?: unknown },
  column: string,
  value: string,
): Message {
  if (issue.code === 'too_big')
    return message('roster.too_long', { column, value, max: String(issue.maximum) });
  const { input: _input, path: _path, message: words, ...raw } = issue;
  const zodIssue = message('validation.zod_issue', raw as unknown as Record<string, MessageParam>);
  // A code of ours; zod's own words (rendered again in the reader's language); or the contract's words as written.
  const problem = isMessageCode(words)
    ? message(words)
    : renderVi(zodIssue) === words
      ? zodIssue
      : verbatim(words);
  return message('roster.invalid', { column, value, problem });
}

const shown = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * One spreadsheet row → profile fields and problems. `rowNumber` is the row as the spreadsheet shows it.
 * Returns null for rows that hold no member: blank rows, the "(1) (2) (3)" numbering row under a header,
 * and the totals and signature lines under the table.
 */
export function parseRosterRow(
  cells: readonly unknown[],
  rowNumber: number,
  ctx: RowContext,
): ParsedRosterRow | null {
  const { header } = ctx;
  const raw = (field: RosterField) => {
    const col = header.byField[field];
    return col ? cells[col.index] : undefined;
  };
  const text = (field: RosterField) => cellText(raw(field));

  const filled = header.columns.filter(
    (c) => c.field && c.field !== 'index' && cellText(cells[c.index]) !== '',
  );
  if (filled.length === 0) return null;
  const nonEmpty = header.columns.map((c) => cellText(cells[c.index])).filter((t) => t !== '');
  if (nonEmpty.every((t) => numberingCell.test(t))) return null;
  if (filled.length === 1 && footerText.test(normalizeLabel(cellText(cells[filled[0]!.index])))) return null;

  const problems: RosterProblem[] = [];
  const flagged = new Set<RosterField>();
  const problem = (
    field: RosterField,
    code: MessageCode | Message,
    params: Record<string, MessageParam> = {},
  ) => {
    flagged.add(field);
    const column = labelOf(header, field);
    const m = typeof code === 'string' ? message(code, { column, ...params }) : code;
    problems.push({ row: rowNumber, column, message: m });
  };

  const candidate: Record<string, unknown> = {};
  const has = (field: RosterField) => header.byField[field] !== undefined;
  const orNull = (s: string) => (s === '' ? null : s);

  candidate.fullName = normalizeName(text('fullName'));
  if (candidate.fullName === '') problem('fullName', 'roster.missing');
  if (has('birthName')) candidate.birthName = orNull(normalizeName(text('birthName')));
  for (const f of textFields) if (f !== 'birthName' && has(f)) candidate[f] = orNull(text(f));

  for (const f of dateFields) {
    if (!has(f)) continue;
    const value = raw(f);
    const t = cellText(value);
    const iso = t === '' ? null : cellDate(value);
    if (t !== '' && !iso) problem(f, 'roster.date_format', { value: shown(t) });
    else candidate[f] = iso;
  }

  if (has('gender')) {
    const t = text('gender');
    const g = t === '' ? null : cellGender(t);
    if (g === undefined) problem('gender', 'roster.gender', { value: shown(t) });
    else candidate.gender = g;
  }

  if (has('partyCardNumber')) candidate.partyCardNumber = orNull(digitsOnly(text('partyCardNumber')));
  if (has('citizenId')) candidate.citizenId = orNull(cellCitizenId(raw('citizenId')));
  if (has('phone')) candidate.phone = orNull(cellPhone(raw('phone')));
  if (has('email')) candidate.email = orNull(text('email'));

  const statusText = text('status');
  if (statusText !== '') {
    const s = cellStatus(statusText);
    if (s) candidate.status = s;
    else problem('status', 'roster.status', { value: shown(statusText) });
  } else if (candidate.fullMembershipDate) {
    // A full-membership date says it: the member is full.
    candidate.status = 'full';
  } else {
    problem('status', 'roster.status_missing');
  }

  const parsed = memberFields.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'fullName') as keyof MemberFields;
      if (flagged.has(field)) continue;
      problem(field, zodProblem(issue, labelOf(header, field), shown(cellText(raw(field)))));
    }
  }
  if (problems.length > 0 || !parsed.success) return { row: rowNumber, fields: null, problems };
  for (const p of memberRuleProblems(parsed.data, ctx.today)) problem(p.field, p.message);
  return { row: rowNumber, fields: problems.length ? null : parsed.data, problems };
}

// ---- rules across fields -------------------------------------------------------------------------------

export interface FieldProblem {
  field: keyof MemberFields;
  message: Message;
}

/**
 * The same day `years` later, as a string to compare with: 29 February lands on a day that does not exist
 * in a common year, which still sorts between 28 February and 1 March, as the anniversary should.
 */
function addYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

/** The same day `months` later, compared as a string like addYears (31 January + 1 month sorts after February). */
function addMonths(iso: string, months: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}${iso.slice(7)}`;
}

/** Rules between a member's dates and status, for a new row or for a stored member merged with a row. */
export function memberRuleProblems(
  f: Pick<MemberFields, 'dateOfBirth' | 'admissionDate' | 'fullMembershipDate' | 'status'>,
  today: string,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const d = (iso: string) => formatDateVi(iso);
  const add = (field: keyof MemberFields, code: MessageCode, params?: Record<string, MessageParam>) =>
    out.push({ field, message: message(code, params) });
  if (f.dateOfBirth && f.dateOfBirth > today) {
    add('dateOfBirth', 'roster.birth_in_future', { date: d(f.dateOfBirth) });
  }
  if (f.admissionDate && f.admissionDate > today) {
    add('admissionDate', 'roster.admission_in_future', { date: d(f.admissionDate) });
  }
  if (f.fullMembershipDate && f.fullMembershipDate > today) {
    add('fullMembershipDate', 'roster.full_membership_in_future', { date: d(f.fullMembershipDate) });
  }
  // Điều lệ Đảng, Điều 1 khoản 2: công dân Việt Nam từ mười tám tuổi trở lên.
  const minAge = charterRules.minAdmissionAgeYears;
  if (f.dateOfBirth && f.admissionDate && f.admissionDate < addYears(f.dateOfBirth, minAge)) {
    add('admissionDate', 'roster.admitted_under_age', {
      admitted: d(f.admissionDate),
      age: minAge,
      born: d(f.dateOfBirth),
    });
  }
  if (f.admissionDate && f.fullMembershipDate) {
    if (f.fullMembershipDate < f.admissionDate) {
      add('fullMembershipDate', 'roster.full_before_admission', {
        full: d(f.fullMembershipDate),
        admitted: d(f.admissionDate),
      });
    } else if (f.fullMembershipDate < addMonths(f.admissionDate, charterRules.probationMonths)) {
      // Điều lệ Đảng, Điều 5: thời kỳ dự bị mười hai tháng.
      add('fullMembershipDate', 'roster.probation_too_short', {
        full: d(f.fullMembershipDate),
        months: charterRules.probationMonths,
        admitted: d(f.admissionDate),
      });
    }
  }
  if (f.status === 'probationary' && f.fullMembershipDate) {
    add('fullMembershipDate', 'roster.probationary_with_full_date', { full: d(f.fullMembershipDate) });
  }
  if (
    f.status === 'full' &&
    !f.fullMembershipDate &&
    f.admissionDate &&
    addMonths(f.admissionDate, charterRules.probationMonths) > today
  ) {
    add('status', 'roster.full_too_early', {
      admitted: d(f.admissionDate),
      months: charterRules.probationMonths,
    });
  }
  return out;
}

/** A stored member's fields overwritten by a re-imported row: a blank cell keeps what is stored. */
export function mergeForUpdate(stored: MemberFields, incoming: MemberFields): MemberFields {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(incoming)) if (v !== null && v !== undefined) out[k] = v;
  return out as MemberFields;
}

/** Rules of a re-import that updates a stored member (on top of memberRuleProblems of the merged fields). */
export function updateProblems(stored: MemberFields, incoming: MemberFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (stored.status === 'full' && incoming.status === 'probationary') {
    out.push({ field: 'status', message: message('roster.cannot_demote') });
  }
  if (
    stored.status === 'probationary' &&
    incoming.status === 'full' &&
    !incoming.fullMembershipDate &&
    !stored.fullMembershipDate
  ) {
    out.push({ field: 'fullMembershipDate', message: message('roster.full_needs_date') });
  }
  return out;
}

const identifierFields = ['partyCardNumber', 'citizenId', 'phone', 'email'] as const;
export type IdentifierField = (typeof identifierFields)[number];

/** The comparable form of an identifier: e-mail addresses compare without case. */
export function identifierKey(field: IdentifierField, value: string): string {
  return field === 'email' ? value.toLowerCase() : value;
}

/**
 * The same party card number, CCCD, phone or e-mail on two rows: a problem on the later row naming the
 * earlier one (each must belong to one member only).
 */
export function findDuplicates(
  rows: ReadonlyArray<{ row: number; fields: MemberFields }>,
  header: RosterHeader,
): RosterProblem[] {
  const problems: RosterProblem[] = [];
  for (const field of identifierFields) {
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const value = r.fields[field];
      if (!value) continue;
      const key = identifierKey(field, value);
      const earlier = firstRow.get(key);
      if (earlier === undefined) firstRow.set(key, r.row);
      else {
        const label = labelOf(header, field);
        problems.push({
          row: r.row,
          column: label,
          message: message('roster.duplicate', { column: label, value, row: earlier }),
        });
      }
    }
  }
  return problems.sort((a, b) => a.row - b.row);
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
