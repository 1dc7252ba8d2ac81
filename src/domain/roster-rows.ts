// One row of a roster file read into a member's profile fields: cells as text, dates, CCCD and phone numbers, the
// problems of a row, and the rules between a member's dates and status (Điều lệ Đảng). Pure, no I/O.
import { type MemberFields, memberFields } from '../contracts/members.ts';
import type { RosterProblem } from '../contracts/roster-import.ts';
import { charterRules } from './charter-rules.ts';
import { memberDateBounds } from './member-dates.ts';
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
import { columnLabel, normalizeLabel, type RosterField, type RosterHeader } from './roster-columns.ts';

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
    const column = columnLabel(header, field);
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
      problem(field, zodProblem(issue, columnLabel(header, field), shown(cellText(raw(field)))));
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
  const bounds = memberDateBounds;
  if (f.dateOfBirth && f.dateOfBirth > today) {
    add('dateOfBirth', 'roster.birth_in_future', { date: d(f.dateOfBirth) });
  } else if (f.dateOfBirth && f.dateOfBirth < bounds.earliestBirth) {
    add('dateOfBirth', 'roster.birth_too_early', {
      date: d(f.dateOfBirth),
      earliest: d(bounds.earliestBirth),
    });
  }
  if (f.admissionDate && f.admissionDate > today) {
    add('admissionDate', 'roster.admission_in_future', { date: d(f.admissionDate) });
  } else if (f.admissionDate && f.admissionDate < bounds.partyFounded) {
    add('admissionDate', 'roster.admission_before_founding', {
      date: d(f.admissionDate),
      founded: d(bounds.partyFounded),
    });
  }
  if (f.fullMembershipDate && f.fullMembershipDate > today) {
    add('fullMembershipDate', 'roster.full_membership_in_future', { date: d(f.fullMembershipDate) });
  } else if (f.fullMembershipDate && f.fullMembershipDate < bounds.partyFounded) {
    add('fullMembershipDate', 'roster.full_membership_before_founding', {
      date: d(f.fullMembershipDate),
      founded: d(bounds.partyFounded),
    });
  }
  // Điều lệ Đảng, Điều 1 khoản 2: công dân Việt Nam từ mười tám tuổi trở lên.
  const minAge = bounds.minAdmissionAgeYears;
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
