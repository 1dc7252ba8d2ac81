// Rules for the regular monthly cell meeting (sinh hoạt chi bộ thường kỳ) as versioned data.
// Each meeting records the rule set it was judged by; older rule sets stay loadable for history.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.

import { addDays } from './dates.ts';
import { governing } from './governing.ts';
import { citation, DomainError, type Message, type MessageParam, message } from './messages.ts';

export interface IssuingDocument {
  /** e.g. '50-CT/TW'. Numbers repeat across years, so a document is keyed on all four fields. */
  number: string;
  type: 'Chỉ thị' | 'Hướng dẫn' | 'Nghị quyết' | 'Quy định' | 'Kết luận' | 'Điều lệ';
  issuer: string;
  date: string;
}

export type MeetingDayRule =
  | {
      kind: 'fixed_day';
      day: number;
      windowFirstDay: number;
      windowLastDay: number;
      reasonRequiredOutsideFixedDay: boolean;
    }
  | { kind: 'last_week'; latestNextMonthDay: number };

export interface RuleSetParameters {
  meetingDay: MeetingDayRule;
  minDurationMinutes: number;
  /** Regular and thematic meeting in one session; null where the rule set names no figure. */
  minCombinedDurationMinutes: number | null;
  /** Materials posted at least this many days before; null where the rule set names no figure. */
  materialsLeadDays: number | null;
  /** Finalised documents posted within this many days after; null where none is named. */
  finaliseWithinDays: number | null;
  thematicPerQuarter: number;
  neverCombineWithOtherMeetings: boolean;
}

export interface RuleSet {
  id: string;
  version: number;
  title: string;
  /** The document that sets the meeting day (the rule set's main source). */
  document: IssuingDocument;
  /** Every document a parameter comes from. */
  sources: readonly IssuingDocument[];
  effectiveFrom: string;
  /**
   * 'national': applies everywhere from effectiveFrom (a central document). 'assigned': a local rule that
   * applies only in the subtrees an upper committee assigns it to. Defaults to 'national'.
   */
  scope?: 'national' | 'assigned';
  parameters: RuleSetParameters;
}

export const chiThi50: IssuingDocument = {
  number: '50-CT/TW',
  type: 'Chỉ thị',
  issuer: 'Ban Bí thư',
  date: '2025-07-23',
};
export const huongDan42: IssuingDocument = {
  number: '42-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2025-10-28',
};
export const huongDan12of2018: IssuingDocument = {
  number: '12-HD/BTCTW',
  type: 'Hướng dẫn',
  issuer: 'Ban Tổ chức Trung ương',
  date: '2018-07-06',
};
export const nghiQuyet03QuangBinh: IssuingDocument = {
  number: '03-NQ/ĐUK',
  type: 'Nghị quyết',
  issuer: 'Đảng ủy Khối các cơ quan tỉnh Quảng Bình',
  date: '2021-10-14',
};

export const builtInRuleSets: readonly RuleSet[] = [
  {
    id: 'quang-binh-03-nq-duk-2021',
    version: 1,
    title: 'Sinh hoạt chi bộ theo Nghị quyết 03-NQ/ĐUK (Quảng Bình, 2021)',
    document: nghiQuyet03QuangBinh,
    sources: [nghiQuyet03QuangBinh, huongDan12of2018],
    effectiveFrom: '2021-10-14',
    // A bloc committee's own resolution: it governs only the subtrees it is assigned to.
    scope: 'assigned',
    parameters: {
      // NQ 03-NQ/ĐUK (2021): last week of the month; in special cases no later than the 10th of the next.
      meetingDay: { kind: 'last_week', latestNextMonthDay: 10 },
      // HD 12-HD/BTCTW (2018): "thời gian sinh hoạt chi bộ từ 90 phút trở lên".
      minDurationMinutes: 90,
      minCombinedDurationMinutes: null,
      materialsLeadDays: null,
      finaliseWithinDays: null,
      // Điều lệ Đảng / HD 12-HD/BTCTW (2018): at least one thematic meeting a quarter.
      thematicPerQuarter: 1,
      neverCombineWithOtherMeetings: false,
    },
  },
  {
    id: 'ct50-2025',
    version: 1,
    title: 'Sinh hoạt chi bộ theo Chỉ thị 50-CT/TW',
    document: chiThi50,
    sources: [chiThi50, huongDan12of2018],
    effectiveFrom: '2025-07-23',
    parameters: {
      // CT 50-CT/TW (2025): on the 3rd; when it is a day off or a special case, within the first week.
      meetingDay: {
        kind: 'fixed_day',
        day: 3,
        windowFirstDay: 1,
        windowLastDay: 7,
        reasonRequiredOutsideFixedDay: true,
      },
      // HD 12-HD/BTCTW (2018) still sets the length until HD 42: 90 minutes or more.
      minDurationMinutes: 90,
      minCombinedDurationMinutes: null,
      materialsLeadDays: null,
      finaliseWithinDays: null,
      thematicPerQuarter: 1,
      // CT 50-CT/TW (2025): "tuyệt đối không được họp chi bộ kết hợp các cuộc họp khác".
      neverCombineWithOtherMeetings: true,
    },
  },
  {
    id: 'ct50-hd42-2025',
    version: 2,
    title: 'Sinh hoạt chi bộ theo Chỉ thị 50-CT/TW và Hướng dẫn 42-HD/BTCTW',
    document: chiThi50,
    sources: [chiThi50, huongDan42],
    effectiveFrom: '2025-10-28',
    parameters: {
      meetingDay: {
        kind: 'fixed_day',
        day: 3,
        windowFirstDay: 1,
        windowLastDay: 7,
        reasonRequiredOutsideFixedDay: true,
      },
      // HD 42-HD/BTCTW (2025): at least 90 minutes; 120 when thematic and regular share a session.
      minDurationMinutes: 90,
      minCombinedDurationMinutes: 120,
      // HD 42-HD/BTCTW (2025): materials on Sổ tay đảng viên điện tử at least 1 day before.
      materialsLeadDays: 1,
      // HD 42-HD/BTCTW (2025): finalised documents posted within 2 days after the meeting.
      finaliseWithinDays: 2,
      thematicPerQuarter: 1,
      neverCombineWithOtherMeetings: true,
    },
  },
];

/** 'Chỉ thị 50-CT/TW' */
export function documentLabel(doc: IssuingDocument): string {
  return `${doc.type} ${doc.number}`;
}

/** The rule set in force on `date`: the latest effectiveFrom on or before it. */
export function ruleSetInForce(ruleSets: readonly RuleSet[], date: string): RuleSet {
  let best: RuleSet | undefined;
  for (const r of ruleSets) {
    if (r.effectiveFrom > date) continue;
    if (
      !best ||
      r.effectiveFrom > best.effectiveFrom ||
      (r.effectiveFrom === best.effectiveFrom && r.version > best.version)
    ) {
      best = r;
    }
  }
  if (!best) throw new DomainError(message('rules.no_rule_set_in_force', { date }));
  return best;
}

export type IsDayOff = (iso: string) => boolean;

export interface PlannedMeetingDate {
  month: number;
  date: string;
  /** null on the rule's own day; 'day_off' when moved because that day is a weekend or holiday. */
  reason: 'day_off' | null;
  /** False only if no working day existed in the allowed window (the 3rd is then kept). */
  withinWindow: boolean;
}

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The planned regular meeting date of a month.
 * fixed_day: the fixed day if it is a working day; otherwise the next working day after it within the
 * window, else the nearest working day before it within the window (reason 'day_off').
 * last_week: the last working day of the month (the latest date that still lies in the last week,
 * leaving the first days of the next month for special cases).
 */
export function plannedRegularMeetingDate(
  ruleSet: RuleSet,
  year: number,
  month: number,
  isDayOff: IsDayOff,
): PlannedMeetingDate {
  const rule = ruleSet.parameters.meetingDay;
  if (rule.kind === 'last_week') {
    const last = isoOf(year, month, daysInMonth(year, month));
    for (let i = 0; i < 7; i++) {
      const d = addDays(last, -i);
      if (!isDayOff(d)) return { month, date: d, reason: i === 0 ? null : 'day_off', withinWindow: true };
    }
    return { month, date: last, reason: 'day_off', withinWindow: false };
  }
  const fixed = isoOf(year, month, rule.day);
  if (!isDayOff(fixed)) return { month, date: fixed, reason: null, withinWindow: true };
  for (let day = rule.day + 1; day <= rule.windowLastDay; day++) {
    const d = isoOf(year, month, day);
    if (!isDayOff(d)) return { month, date: d, reason: 'day_off', withinWindow: true };
  }
  for (let day = rule.day - 1; day >= rule.windowFirstDay; day--) {
    const d = isoOf(year, month, day);
    if (!isDayOff(d)) return { month, date: d, reason: 'day_off', withinWindow: true };
  }
  return { month, date: fixed, reason: 'day_off', withinWindow: false };
}

/** The twelve planned regular meeting dates of a year. */
export function yearCalendar(ruleSet: RuleSet, year: number, isDayOff: IsDayOff): PlannedMeetingDate[] {
  return Array.from({ length: 12 }, (_, i) => plannedRegularMeetingDate(ruleSet, year, i + 1, isDayOff));
}

export interface MeetingDateViolation {
  code: 'not_fixed_day' | 'reason_required' | 'outside_window' | 'not_last_week';
  message: Message;
}

/**
 * Checks the date of a regular meeting against a rule set. `reason` is the recorded reason for a
 * date other than the rule's own (empty or blank counts as none).
 */
export function checkMeetingDate(ruleSet: RuleSet, dateIso: string, reason?: string): MeetingDateViolation[] {
  const rule = ruleSet.parameters.meetingDay;
  const source = citation(ruleSet.document);
  const day = Number(dateIso.slice(8, 10));
  const hasReason = (reason ?? '').trim() !== '';
  if (rule.kind === 'fixed_day') {
    if (day === rule.day) return [];
    const dd = String(rule.day).padStart(2, '0');
    if (day < rule.windowFirstDay || day > rule.windowLastDay) {
      return [
        { code: 'not_fixed_day', message: message('rules.date.not_fixed_day', { day: dd, source }) },
        {
          code: 'outside_window',
          message: message('rules.date.outside_window', { days: rule.windowLastDay, source }),
        },
      ];
    }
    if (rule.reasonRequiredOutsideFixedDay && !hasReason) {
      return [
        { code: 'reason_required', message: message('rules.date.reason_required', { day: dd, source }) },
      ];
    }
    return [];
  }
  const year = Number(dateIso.slice(0, 4));
  const month = Number(dateIso.slice(5, 7));
  const lastWeekStarts = daysInMonth(year, month) - 6;
  if (day >= lastWeekStarts) return [];
  if (day <= rule.latestNextMonthDay) {
    // The previous month's meeting, held late: allowed only in a special case, with its reason.
    return hasReason
      ? []
      : [
          {
            code: 'reason_required',
            message: message('rules.date.late_reason_required', { day: rule.latestNextMonthDay, source }),
          },
        ];
  }
  return [
    {
      code: 'not_last_week',
      message: message('rules.date.not_last_week', { day: rule.latestNextMonthDay, source }),
    },
  ];
}

/** One assignment of a rule set to a subtree from a date; depth is the assigning organisation's depth. */
export interface RuleSetAssignment {
  ruleSetId: string;
  effectiveFrom: string;
  depth: number;
}

/**
 * The rule set governing an organisation on a date: among the national rule sets and the assignments made at
 * the organisation or its ancestors, the one that took effect last; on the same date the deeper (more local)
 * assignment wins. So a province's 2021 rule governs until a national directive of 2025 supersedes it, and a
 * local rule set after that date governs again. Null when nothing was in force (before the first rule set).
 */
export function governingRuleSet(
  ruleSets: readonly RuleSet[],
  assignments: readonly RuleSetAssignment[],
  date: string,
): { ruleSet: RuleSet; inheritedFromDepth: number | null } | null {
  const found = governing(
    ruleSets,
    assignments.map((a) => ({ id: a.ruleSetId, effectiveFrom: a.effectiveFrom, depth: a.depth })),
    date,
  );
  return found ? { ruleSet: found.item, inheritedFromDepth: found.inheritedFromDepth } : null;
}

/**
 * The recorded reason when the planned date moved off the rule's own day because that day is off:
 * 'Ngày 03/01 là ngày nghỉ (Chủ nhật)'. Null when the planned date is the rule's own day.
 */
export function movedDateReason(
  ruleSet: RuleSet,
  planned: PlannedMeetingDate,
  year: number,
  nameOfDayOff: (iso: string) => MessageParam | null,
): Message | null {
  const rule = ruleSet.parameters.meetingDay;
  if (planned.reason !== 'day_off' || rule.kind !== 'fixed_day') return null;
  const own = isoOf(year, planned.month, rule.day);
  const day = `${own.slice(8, 10)}/${own.slice(5, 7)}`;
  const name = nameOfDayOff(own);
  return name === null
    ? message('rules.date.moved_day_off', { day })
    : message('rules.date.moved_named_day_off', { day, name });
}
