// Compliance of a cell's meetings with the rule set each was held under, computed from recorded facts.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD', months 'YYYY-MM', timestamps ISO instants.
//
// Each finding cites a document of the rule set: the meeting day, the monthly and quarterly routine and the ban
// on combined meetings come from its main document (e.g. Chỉ thị 50-CT/TW); the duration, the materials lead
// time and the finalising window from its guidance (the first 'Hướng dẫn' among its sources, e.g. Hướng dẫn
// 42-HD/BTCTW), or the main document when it has none.

import { addDays, formatDateVi, todayIso } from './dates.ts';
import { checkMeetingDate, type RuleSet } from './meeting-rules.ts';
import { citation, list, type Message, type MessageCode, type MessageParam, message } from './messages.ts';
import type { MeetingKind, MeetingStatus } from './meetings.ts';

export interface MeetingFacts {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  /** 'YYYY-MM': the month whose meeting this is (a late meeting may fall in the next month) */
  forMonth: string;
  date: string;
  dateReason: string | null;
  /** ISO timestamps */
  startedAt: string | null;
  endedAt: string | null;
  /** ISO timestamp of first publication of materials/notice */
  materialsPublishedAt: string | null;
  /** ISO timestamp the minutes were adopted/decision finalised */
  finalisedAt: string | null;
  combinedWithOther: boolean;
  ruleSet: RuleSet;
}

export type ComplianceCode =
  | 'no_meeting'
  | 'wrong_day'
  | 'too_short'
  | 'materials_late'
  | 'finalised_late'
  | 'no_thematic_in_quarter'
  | 'combined';

export interface ComplianceFinding {
  code: ComplianceCode;
  /** 'YYYY-MM' or 'YYYY-Qn' */
  period: string;
  meetingId: string | null;
  message: Message;
  /** the cited document, e.g. 'Chỉ thị 50-CT/TW' (a document citation) */
  source: Message;
}

export const complianceCodeLabel: Record<ComplianceCode, string> = {
  no_meeting: 'Không sinh hoạt thường kỳ',
  wrong_day: 'Sinh hoạt sai ngày quy định',
  too_short: 'Không đủ thời lượng',
  materials_late: 'Đăng tài liệu muộn',
  finalised_late: 'Hoàn thiện văn bản muộn',
  no_thematic_in_quarter: 'Quý không sinh hoạt chuyên đề',
  combined: 'Họp chi bộ kết hợp cuộc họp khác',
};

const codeOrder: readonly ComplianceCode[] = [
  'no_meeting',
  'wrong_day',
  'combined',
  'too_short',
  'materials_late',
  'finalised_late',
  'no_thematic_in_quarter',
];

/** Only a meeting that took place counts as held. */
function isHeld(m: MeetingFacts): boolean {
  return m.status === 'held' || m.status === 'adopted';
}

const regularKinds: ReadonlySet<MeetingKind> = new Set(['regular', 'regular_thematic']);
const thematicKinds: ReadonlySet<MeetingKind> = new Set(['thematic', 'regular_thematic']);
/** Cell meetings the duration, materials and finalising rules apply to. */
const cellMeetingKinds: ReadonlySet<MeetingKind> = new Set(['regular', 'thematic', 'regular_thematic']);

function mainSource(r: RuleSet): Message {
  return citation(r.document);
}

function guidanceSource(r: RuleSet): Message {
  return citation(r.sources.find((s) => s.type === 'Hướng dẫn') ?? r.document);
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

/** '2026-03' → '03/2026' */
function monthVi(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

const romanQuarter = ['I', 'II', 'III', 'IV'] as const;

function quarterOf(month: string): number {
  return Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
}

/**
 * Whether the time to hold the month's meeting is over on `today`: the month has ended, and under a
 * last-week rule also the days of the next month allowed for a late meeting.
 */
function monthElapsed(month: string, ruleSet: RuleSet, today: string): boolean {
  const rule = ruleSet.parameters.meetingDay;
  const grace = rule.kind === 'last_week' ? rule.latestNextMonthDay : 0;
  return today >= addDays(`${nextMonth(month)}-01`, grace);
}

/** A stretch of time in which the organisation existed as a cell: `from` inclusive, `to` exclusive (null: still). */
export interface CellPeriod {
  from: string;
  to: string | null;
}

/**
 * Whether `month` is judged at all: the monthly meeting is asked of a cell (Chỉ thị 50-CT/TW, Điều lệ Đảng
 * Art. 24), so a month counts only when the organisation was a cell for the whole of it. Months before its
 * creation, after it was dissolved, merged or split, while it was not a cell, and the months in which it began
 * or ended part way are not applicable: neither blamed nor counted in a rate. No periods given: always a cell.
 */
export function monthApplicable(month: string, periods: readonly CellPeriod[] | undefined): boolean {
  if (!periods) return true;
  const first = `${month}-01`;
  const next = `${nextMonth(month)}-01`;
  return periods.some((p) => p.from <= first && (p.to === null || p.to >= next));
}

/** Kinds of organisation that hold the monthly cell meeting. */
const cellKinds: ReadonlySet<string> = new Set(['cell', 'grassroots_cell']);

/**
 * When an organisation existed as a cell: its whole existence for a cell, never for another kind (an
 * organisation's kind does not change over its life, ADR 003; a new kind is a new organisation).
 */
export function cellPeriodsOf(org: {
  kind: string;
  validFrom: string;
  validTo: string | null;
}): CellPeriod[] {
  return cellKinds.has(org.kind) ? [{ from: org.validFrom, to: org.validTo }] : [];
}

/**
 * The months `from`..`to` that are judged for the monthly meeting (applicable and their time to hold it over on
 * `today`), and those that are not applicable at all: a rate of months with a meeting counts only the former.
 */
export function complianceMonths(input: {
  from: string;
  to: string;
  today: string;
  ruleSetFor: (date: string) => RuleSet;
  periods?: readonly CellPeriod[];
}): { judged: string[]; notApplicable: string[] } {
  const months = monthsBetween(input.from, input.to);
  return {
    judged: months.filter(
      (m) => monthApplicable(m, input.periods) && monthElapsed(m, input.ruleSetFor(`${m}-01`), input.today),
    ),
    notApplicable: months.filter((m) => !monthApplicable(m, input.periods)),
  };
}

/** The months `from`..`to` (inclusive) that are not judged (`monthApplicable`), in order. */
export function notApplicableMonths(
  from: string,
  to: string,
  periods: readonly CellPeriod[] | undefined,
): string[] {
  return monthsBetween(from, to).filter((m) => !monthApplicable(m, periods));
}

/** Vietnam calendar date of an ISO timestamp. */
function vietnamDate(timestamp: string): string {
  return todayIso(new Date(timestamp));
}

function meetingFindings(m: MeetingFacts, today: string): ComplianceFinding[] {
  const r = m.ruleSet;
  const p = r.parameters;
  const on = formatDateVi(m.date);
  const out: ComplianceFinding[] = [];
  const add = (code: ComplianceCode, messageCode: MessageCode, params: Record<string, MessageParam>) => {
    const source = params.source as Message;
    out.push({ code, period: m.forMonth, meetingId: m.id, message: message(messageCode, params), source });
  };

  if (regularKinds.has(m.kind)) {
    const violations = checkMeetingDate(r, m.date, m.dateReason ?? undefined);
    if (violations.length > 0) {
      const problems = list(violations.map((v) => v.message));
      out.push({
        code: 'wrong_day',
        period: m.forMonth,
        meetingId: m.id,
        message: message('compliance.wrong_day', { date: on, problems }),
        source: mainSource(r),
      });
    }
  }

  if (m.combinedWithOther && p.neverCombineWithOtherMeetings && m.kind !== 'committee') {
    add('combined', 'compliance.combined', { date: on, source: mainSource(r) });
  }

  if (!cellMeetingKinds.has(m.kind)) return out;
  const guidance = guidanceSource(r);

  if (m.startedAt && m.endedAt) {
    const combined = m.kind === 'regular_thematic' && p.minCombinedDurationMinutes !== null;
    const min = combined ? (p.minCombinedDurationMinutes ?? p.minDurationMinutes) : p.minDurationMinutes;
    const ms = Date.parse(m.endedAt) - Date.parse(m.startedAt);
    if (Number.isFinite(ms) && ms >= 0 && ms < min * 60_000) {
      add('too_short', combined ? 'compliance.too_short_combined' : 'compliance.too_short', {
        date: on,
        minutes: Math.floor(ms / 60_000),
        required: min,
        source: guidance,
      });
    }
  }

  if (p.materialsLeadDays !== null) {
    const latest = addDays(m.date, -p.materialsLeadDays);
    const lead = { date: on, days: p.materialsLeadDays, latest: formatDateVi(latest), source: guidance };
    if (m.materialsPublishedAt === null) {
      add('materials_late', 'compliance.materials_missing', lead);
    } else {
      const published = vietnamDate(m.materialsPublishedAt);
      if (published > latest) {
        add('materials_late', 'compliance.materials_late', { ...lead, published: formatDateVi(published) });
      }
    }
  }

  if (p.finaliseWithinDays !== null) {
    const deadline = addDays(m.date, p.finaliseWithinDays);
    const within = { date: on, days: p.finaliseWithinDays, latest: formatDateVi(deadline), source: guidance };
    if (m.finalisedAt === null) {
      if (today > deadline) add('finalised_late', 'compliance.not_finalised', within);
    } else {
      const finalised = vietnamDate(m.finalisedAt);
      if (finalised > deadline) {
        add('finalised_late', 'compliance.finalised_late', { ...within, finalised: formatDateVi(finalised) });
      }
    }
  }
  return out;
}

/** Months sort in order; a quarter's finding right after its last month. */
function periodSortKey(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return period;
  return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}~`;
}

/**
 * Findings for the months `from`..`to` (inclusive):
 * - per held meeting (status held or adopted) whose month is in range, judged by the rule set it recorded:
 *   wrong_day (regular meetings), combined, too_short, materials_late, finalised_late (cell meetings);
 * - no_meeting for each applicable month (`monthApplicable` over `periods`) without a held regular meeting,
 *   once the time to hold it is over;
 * - no_thematic_in_quarter for each quarter lying wholly in the range, applicable in all its months, and over,
 *   with fewer thematic meetings than the rule set in force at its start asks for.
 * Sorted by period, then meeting date and id, then code.
 */
export function complianceFindings(input: {
  meetings: readonly MeetingFacts[];
  from: string;
  to: string;
  today: string;
  ruleSetFor: (date: string) => RuleSet;
  /** when the organisation existed as a cell; months outside are not judged (omitted: always) */
  periods?: readonly CellPeriod[];
}): ComplianceFinding[] {
  const { from, to, today, ruleSetFor, periods } = input;
  const months = monthsBetween(from, to);
  const inRange = input.meetings.filter((m) => m.forMonth >= from && m.forMonth <= to);
  const held = inRange.filter(isHeld);
  const findings: Array<ComplianceFinding & { date: string }> = [];

  for (const m of held) {
    for (const f of meetingFindings(m, today)) findings.push({ ...f, date: m.date });
  }

  for (const month of months) {
    const r = ruleSetFor(`${month}-01`);
    if (!monthElapsed(month, r, today) || !monthApplicable(month, periods)) continue;
    if (held.some((m) => m.forMonth === month && regularKinds.has(m.kind))) continue;
    findings.push({
      code: 'no_meeting',
      period: month,
      meetingId: null,
      message: message('compliance.no_meeting', { month: monthVi(month), source: mainSource(r) }),
      source: mainSource(r),
      date: '',
    });
  }

  for (const month of months) {
    if (Number(month.slice(5, 7)) % 3 !== 1) continue;
    const quarterMonths = [month, nextMonth(month), nextMonth(nextMonth(month))];
    const last = quarterMonths[2]!;
    if (last > to || !quarterMonths.every((qm) => monthApplicable(qm, periods))) continue;
    const r = ruleSetFor(`${month}-01`);
    if (!monthElapsed(last, ruleSetFor(`${last}-01`), today)) continue;
    const required = r.parameters.thematicPerQuarter;
    const count = held.filter((m) => thematicKinds.has(m.kind) && quarterMonths.includes(m.forMonth)).length;
    if (count >= required) continue;
    const q = quarterOf(month);
    findings.push({
      code: 'no_thematic_in_quarter',
      period: `${month.slice(0, 4)}-Q${q}`,
      meetingId: null,
      message: message('compliance.no_thematic', {
        quarter: romanQuarter[q - 1]!,
        year: month.slice(0, 4),
        count,
        required,
        source: mainSource(r),
      }),
      source: mainSource(r),
      date: '',
    });
  }

  findings.sort((a, b) => {
    const pa = periodSortKey(a.period);
    const pb = periodSortKey(b.period);
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    const ia = a.meetingId ?? '';
    const ib = b.meetingId ?? '';
    if (ia !== ib) return ia < ib ? -1 : 1;
    return codeOrder.indexOf(a.code) - codeOrder.indexOf(b.code);
  });
  return findings.map(({ date: _date, ...f }) => f);
}

/** The first day a month counts as judged: when its time to hold the meeting is over (`monthElapsed`). */
export function monthJudgedFrom(month: string, ruleSet: RuleSet): string {
  const rule = ruleSet.parameters.meetingDay;
  return addDays(`${nextMonth(month)}-01`, rule.kind === 'last_week' ? rule.latestNextMonthDay : 0);
}

/** A finding with the first day on which it counts (before that day the facts do not yet give it). */
export type DatedFinding = ComplianceFinding & { due: string };

/** The beginning of time for a finding that counts as soon as its facts are recorded. */
export const alwaysDue = '0001-01-01';

/**
 * Every finding the recorded facts will give over the months `from`..`to`, each with its due date, so that the
 * findings on any day D are exactly those due on or before D (`complianceFindings` with today = D): a missing
 * meeting or thematic quarter once its time is over, minutes not finalised once the deadline has passed, the
 * other findings of a held meeting at once. What summary tables keep, so reads need no recomputation.
 */
export function datedComplianceFindings(input: {
  meetings: readonly MeetingFacts[];
  from: string;
  to: string;
  ruleSetFor: (date: string) => RuleSet;
  periods?: readonly CellPeriod[];
}): DatedFinding[] {
  const all = complianceFindings({ ...input, today: '9999-12-31' });
  const byId = new Map(input.meetings.map((m) => [m.id, m]));
  return all.map((f) => {
    if (f.code === 'no_meeting') {
      return { ...f, due: monthJudgedFrom(f.period, input.ruleSetFor(`${f.period}-01`)) };
    }
    if (f.code === 'no_thematic_in_quarter') {
      const last = `${f.period.slice(0, 4)}-${String(Number(f.period.slice(6)) * 3).padStart(2, '0')}`;
      return { ...f, due: monthJudgedFrom(last, input.ruleSetFor(`${last}-01`)) };
    }
    const m = f.meetingId ? byId.get(f.meetingId) : undefined;
    const within = m?.ruleSet.parameters.finaliseWithinDays;
    if (f.code === 'finalised_late' && m && m.finalisedAt === null && within != null) {
      return { ...f, due: addDays(addDays(m.date, within), 1) };
    }
    return { ...f, due: alwaysDue };
  });
}
