// Cell meetings: lifecycle, agenda template, attendance, votes, tasks, decision numbers and check-in codes.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.

import type { OrganizationKind } from '../contracts/organizations.ts';
import { addDays } from './dates.ts';
import { DomainError, type Message, type MessageCode, message, percent } from './messages.ts';
import { meetsThreshold, type Threshold, type VotingRules } from './voting-rules.ts';

// ---------------------------------------------------------------------------------------------------------
// Kinds and lifecycle

export type MeetingKind =
  'regular' | 'thematic' | 'regular_thematic' | 'committee' | 'general_assembly' | 'extraordinary';

export const meetingKindLabel: Record<MeetingKind, string> = {
  regular: 'Sinh hoạt thường kỳ',
  thematic: 'Sinh hoạt chuyên đề',
  regular_thematic: 'Thường kỳ kết hợp chuyên đề',
  committee: 'Họp chi ủy',
  general_assembly: 'Hội nghị đảng bộ',
  extraordinary: 'Sinh hoạt bất thường',
};

export type MeetingStatus = 'planned' | 'notified' | 'in_session' | 'held' | 'adopted' | 'cancelled';

export type MeetingAction =
  | 'publish_notice'
  | 'start'
  | 'end'
  | 'adopt_minutes'
  | 'cancel'
  | 'reschedule'
  | 'edit_preparation'
  | 'edit_minutes'
  | 'record_attendance'
  | 'check_in'
  | 'open_vote'
  | 'cast_vote'
  | 'request_absence'
  | 'add_addendum'
  | 'sign';

const before: readonly MeetingStatus[] = ['planned', 'notified'];
const inSession: readonly MeetingStatus[] = ['in_session'];

/** The statuses in which each action is allowed. */
const allowedIn: Record<MeetingAction, readonly MeetingStatus[]> = {
  publish_notice: ['planned'],
  start: before,
  end: inSession,
  adopt_minutes: ['held'],
  cancel: before,
  reschedule: before,
  edit_preparation: before,
  request_absence: before,
  record_attendance: inSession,
  check_in: inSession,
  open_vote: inSession,
  cast_vote: inSession,
  edit_minutes: ['in_session', 'held'],
  sign: ['adopted'],
  add_addendum: ['adopted'],
};

const locked = message('meeting.action.minutes_locked');

/** null when allowed, else the problem naming why (e.g. 'meeting.action.minutes_locked': the minutes are adopted and locked). */
export function meetingActionProblem(status: MeetingStatus, action: MeetingAction): Message | null {
  if (allowedIn[action].includes(status)) return null;
  if (status === 'cancelled') return message('meeting.action.cancelled');
  const m = (code: MessageCode) => message(code);
  switch (action) {
    case 'publish_notice':
      return status === 'notified'
        ? m('meeting.action.notice_already_sent')
        : m('meeting.action.notice_only_before_start');
    case 'start':
      return status === 'in_session' ? m('meeting.action.in_session') : m('meeting.action.ended');
    case 'end':
      return before.includes(status) ? m('meeting.action.not_started') : m('meeting.action.ended');
    case 'adopt_minutes':
      if (status === 'adopted') return m('meeting.action.minutes_already_adopted');
      return status === 'in_session'
        ? m('meeting.action.end_before_adopting')
        : m('meeting.action.nothing_to_adopt');
    case 'cancel':
      return status === 'in_session'
        ? m('meeting.action.cannot_cancel_in_session')
        : m('meeting.action.cannot_cancel_held');
    case 'reschedule':
      return status === 'in_session'
        ? m('meeting.action.cannot_reschedule_in_session')
        : m('meeting.action.cannot_reschedule_held');
    case 'edit_preparation':
      if (status === 'adopted') return locked;
      return m('meeting.action.preparation_closed');
    case 'request_absence':
      return m('meeting.action.absence_only_before_start');
    case 'record_attendance':
    case 'check_in':
    case 'open_vote':
    case 'cast_vote':
      if (status === 'adopted') return locked;
      return before.includes(status) ? m('meeting.action.not_started') : m('meeting.action.ended');
    case 'edit_minutes':
      return status === 'adopted' ? locked : m('meeting.action.no_minutes_yet');
    case 'sign':
    case 'add_addendum':
      return m('meeting.action.minutes_not_adopted');
  }
}

const statusAfter: Partial<Record<MeetingAction, MeetingStatus>> = {
  publish_notice: 'notified',
  start: 'in_session',
  end: 'held',
  adopt_minutes: 'adopted',
  cancel: 'cancelled',
};

/**
 * The status after `action`; throws a DomainError with the problem when the action is not allowed. Actions that do not
 * move the lifecycle keep the status (a reschedule keeps 'notified': the service sends the new notice).
 */
export function nextStatus(status: MeetingStatus, action: MeetingAction): MeetingStatus {
  const problem = meetingActionProblem(status, action);
  if (problem) throw new DomainError(problem);
  return statusAfter[action] ?? status;
}

// ---------------------------------------------------------------------------------------------------------
// Agenda template: the standard order of HD 12-HD/BTCTW (2018) and HD 42-HD/BTCTW (2025), reference §3.4.

export type AgendaSection = 'opening' | 'main' | 'closing';

export const agendaSectionLabel: Record<AgendaSection, string> = {
  opening: 'Phần mở đầu',
  main: 'Nội dung chính',
  closing: 'Kết thúc',
};

export type AgendaItemKey =
  | 'purpose_guests'
  | 'appoint_minute_taker'
  | 'attendance'
  | 'dues'
  | 'adopt_agenda'
  | 'previous_decision_review'
  | 'information'
  | 'discussion'
  | 'self_criticism'
  | 'praise_reminders'
  | 'thematic'
  | 'admission'
  | 'conclusion'
  | 'task_assignment'
  | 'vote'
  | 'self_score'
  | 'minutes_adoption'
  | 'custom';

export interface AgendaTemplateItem {
  key: AgendaItemKey;
  section: AgendaSection;
  title: string;
  optional: boolean;
}

/** Items of the monthly routine that a thematic-only meeting may leave out. */
const regularOnly: ReadonlySet<AgendaItemKey> = new Set([
  'dues',
  'previous_decision_review',
  'information',
  'self_criticism',
  'praise_reminders',
  'task_assignment',
  'self_score',
]);

/**
 * The agenda in the standard order. The thematic part comes when opts.thematic or the kind is thematic;
 * admissions only when opts.admission. A committee (chi ủy) meeting prepares the cell meeting and gets a
 * shorter template (HD 42-HD/BTCTW, preparation step); the options do not apply to it. In a thematic-only
 * meeting the items of the monthly routine are optional.
 */
export function agendaTemplate(opts: {
  kind: MeetingKind;
  thematic: boolean;
  admission: boolean;
}): AgendaTemplateItem[] {
  if (opts.kind === 'committee') {
    return [
      { key: 'purpose_guests', section: 'opening', title: 'Tuyên bố lý do', optional: false },
      {
        key: 'attendance',
        section: 'opening',
        title: 'Chi ủy viên có mặt, vắng mặt và lý do',
        optional: false,
      },
      {
        key: 'previous_decision_review',
        section: 'main',
        title: 'Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng trước',
        optional: false,
      },
      {
        key: 'discussion',
        section: 'main',
        title: 'Thống nhất nội dung sinh hoạt chi bộ; vấn đề cần thảo luận, biểu quyết',
        optional: false,
      },
      {
        key: 'task_assignment',
        section: 'main',
        title: 'Dự kiến nhiệm vụ tháng tới và dự thảo nghị quyết của chi bộ',
        optional: false,
      },
      { key: 'conclusion', section: 'closing', title: 'Kết luận', optional: false },
    ];
  }
  const thematic = opts.thematic || opts.kind === 'thematic' || opts.kind === 'regular_thematic';
  const thematicOnly = opts.kind === 'thematic';
  const items: AgendaTemplateItem[] = [
    {
      key: 'purpose_guests',
      section: 'opening',
      title: 'Tuyên bố lý do, giới thiệu đại biểu',
      optional: false,
    },
    { key: 'appoint_minute_taker', section: 'opening', title: 'Cử thư ký ghi biên bản', optional: false },
    {
      key: 'attendance',
      section: 'opening',
      title: 'Thông báo tình hình đảng viên dự sinh hoạt (có mặt, vắng có lý do, vắng không lý do)',
      optional: false,
    },
    { key: 'dues', section: 'opening', title: 'Thông báo tình hình thu, nộp đảng phí', optional: false },
    {
      key: 'adopt_agenda',
      section: 'opening',
      title: 'Thông qua nội dung, chương trình sinh hoạt',
      optional: false,
    },
    {
      key: 'previous_decision_review',
      section: 'main',
      title: 'Đánh giá kết quả thực hiện nhiệm vụ tháng trước và nghị quyết kỳ trước',
      optional: false,
    },
    {
      key: 'information',
      section: 'main',
      title: 'Thông tin thời sự, văn bản mới của cấp trên; vấn đề mới nảy sinh ở cơ sở',
      optional: false,
    },
    { key: 'discussion', section: 'main', title: 'Đảng viên thảo luận, đóng góp ý kiến', optional: false },
    {
      key: 'self_criticism',
      section: 'main',
      title: 'Tình hình tư tưởng của đảng viên; tự phê bình và phê bình',
      optional: false,
    },
    {
      key: 'praise_reminders',
      section: 'main',
      title: 'Biểu dương đảng viên tiêu biểu; nhắc nhở, phê bình đảng viên chưa hoàn thành nhiệm vụ',
      optional: false,
    },
  ];
  if (thematic) {
    items.push({
      key: 'thematic',
      section: 'main',
      title: 'Sinh hoạt chuyên đề: trình bày đề dẫn, thảo luận',
      optional: false,
    });
  }
  if (opts.admission) {
    items.push({
      key: 'admission',
      section: 'main',
      title: 'Xét kết nạp đảng viên, công nhận đảng viên chính thức',
      optional: false,
    });
  }
  items.push(
    { key: 'conclusion', section: 'closing', title: 'Chủ trì tổng hợp ý kiến, kết luận', optional: false },
    {
      key: 'task_assignment',
      section: 'closing',
      title: 'Phân công nhiệm vụ cho đảng viên (có thời hạn)',
      optional: false,
    },
    {
      key: 'vote',
      section: 'closing',
      title: 'Biểu quyết thông qua nghị quyết hoặc kết luận',
      optional: false,
    },
    {
      key: 'self_score',
      section: 'closing',
      title: 'Tự chấm điểm, đánh giá chất lượng buổi sinh hoạt',
      optional: false,
    },
    {
      key: 'minutes_adoption',
      section: 'closing',
      title: 'Thư ký đọc biên bản; chi bộ thông qua biên bản',
      optional: false,
    },
  );
  return thematicOnly ? items.map((i) => (regularOnly.has(i.key) ? { ...i, optional: true } : i)) : items;
}

// ---------------------------------------------------------------------------------------------------------
// Attendance and votes

export type AttendanceStatus = 'present' | 'absent_excused' | 'absent_unexcused' | 'exempt';
export type MemberClass = 'full' | 'probationary';

export interface AttendanceEntry {
  memberId: string;
  memberClass: MemberClass;
  /** sinh hoạt tạm thời here: the official membership is in another cell */
  temporary: boolean;
  exempt: boolean;
  /** null = not marked yet */
  status: AttendanceStatus | null;
}

export interface AttendanceSummary {
  /** everyone on the roll */
  total: number;
  /** by class, temporary members included in their class */
  full: number;
  probationary: number;
  temporary: number;
  /** exempt by the roll or marked exempt */
  exempt: number;
  /** present, exempt members who came included */
  present: number;
  presentFull: number;
  presentProbationary: number;
  presentTemporary: number;
  /** absences and unmarked entries count only members who are not exempt */
  absentExcused: number;
  absentUnexcused: number;
  unmarked: number;
  /** attendance base: everyone on the roll minus exempt members */
  base: number;
  /** present / base (present members who are not exempt), null when base 0 */
  rate: number | null;
  /** full members with an official membership here, exempt ones only if present: the vote base */
  voteBase: number;
  /** of them, present: eligible voters in the room */
  eligiblePresent: number;
}

function isExempt(e: AttendanceEntry): boolean {
  return e.exempt || e.status === 'exempt';
}

/**
 * The vote base: full members with an official membership here. An exempt member is left out, unless they came
 * and take part: QĐ 24-QĐ/TW (2021), 9.3.2, counts an exempt member who attends and votes.
 */
function countsInVoteBase(e: AttendanceEntry): boolean {
  return e.memberClass === 'full' && !e.temporary && (!isExempt(e) || e.status === 'present');
}

export function summarizeAttendance(entries: readonly AttendanceEntry[]): AttendanceSummary {
  const s: AttendanceSummary = {
    total: entries.length,
    full: 0,
    probationary: 0,
    temporary: 0,
    exempt: 0,
    present: 0,
    presentFull: 0,
    presentProbationary: 0,
    presentTemporary: 0,
    absentExcused: 0,
    absentUnexcused: 0,
    unmarked: 0,
    base: 0,
    rate: null,
    voteBase: 0,
    eligiblePresent: 0,
  };
  let presentInBase = 0;
  for (const e of entries) {
    const present = e.status === 'present';
    if (e.memberClass === 'full') s.full++;
    else s.probationary++;
    if (e.temporary) s.temporary++;
    if (present) {
      s.present++;
      if (e.memberClass === 'full') s.presentFull++;
      else s.presentProbationary++;
      if (e.temporary) s.presentTemporary++;
    }
    if (countsInVoteBase(e)) {
      s.voteBase++;
      if (present) s.eligiblePresent++;
    }
    if (isExempt(e)) {
      s.exempt++;
      continue;
    }
    s.base++;
    if (present) presentInBase++;
    else if (e.status === 'absent_excused') s.absentExcused++;
    else if (e.status === 'absent_unexcused') s.absentUnexcused++;
    else if (e.status === null) s.unmarked++;
  }
  s.rate = s.base === 0 ? null : presentInBase / s.base;
  return s;
}

/**
 * Whether a member may vote at this meeting: full members with an official membership here who are present,
 * an exempt member included when they came (Điều lệ Đảng; Quy định 24-QĐ/TW, 9.3.2). The first reason that
 * applies is given.
 */
export function voteEligibility(e: AttendanceEntry): { eligible: boolean; reason: Message | null } {
  if (e.memberClass === 'probationary')
    return { eligible: false, reason: message('meeting.vote.probationary') };
  if (e.temporary) return { eligible: false, reason: message('meeting.vote.temporary') };
  // An exempt member who came may vote (and then counts in the base); one who did not come is not counted.
  if (isExempt(e) && e.status !== 'present') {
    return { eligible: false, reason: message('meeting.vote.exempt_absent') };
  }
  if (e.status !== 'present') return { eligible: false, reason: message('meeting.vote.absent') };
  return { eligible: true, reason: null };
}

export type VoteKind = 'decision' | 'admission' | 'other';

export interface VoteResult {
  forCount: number;
  againstCount: number;
  abstainCount: number;
  /** eligible voters present who cast no vote */
  notVoted: number;
  base: number;
  /** for / base, null when base 0 */
  share: number | null;
  passed: boolean;
  threshold: Threshold;
  /** '12/14 đồng chí tán thành, đạt 85,7%' (meeting.vote.tally_share) */
  line: Message;
}

/**
 * The result of a show of hands. The share is taken of the vote base (all full members with an official
 * membership here, not exempt), not of those present: "hơn một nửa số đảng viên", "ít nhất hai phần ba số
 * đảng viên chính thức" (Điều lệ Đảng). Admissions use the admission threshold, everything else the decision one.
 */
export function voteResult(
  kind: VoteKind,
  counts: { for: number; against: number; abstain: number },
  voteBase: number,
  eligiblePresent: number,
  rules: VotingRules,
): VoteResult {
  const threshold = kind === 'admission' ? rules.admission : rules.decision;
  const share = voteBase > 0 ? counts.for / voteBase : null;
  const tally = { for: counts.for, base: voteBase };
  return {
    forCount: counts.for,
    againstCount: counts.against,
    abstainCount: counts.abstain,
    notVoted: Math.max(0, eligiblePresent - counts.for - counts.against - counts.abstain),
    base: voteBase,
    share,
    passed: meetsThreshold(counts.for, voteBase, threshold),
    threshold,
    line:
      share === null
        ? message('meeting.vote.tally', tally)
        : message('meeting.vote.tally_share', { ...tally, share: percent(share) }),
  };
}

/** 0.857142 → '85,7%'; 1 → '100%'; 0.5 → '50%'. Rounded to `digits` decimals, trailing zeros dropped. */
export function formatPercentVi(share: number, digits = 1): string {
  const fixed = (Math.round(share * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return `${trimmed.replace('.', ',')}%`;
}

/** problem when counts exceed eligible voters present, negative, non-integer */
export function showOfHandsProblem(
  counts: { for: number; against: number; abstain: number },
  eligiblePresent: number,
): Message | null {
  const values = [counts.for, counts.against, counts.abstain];
  if (values.some((v) => !Number.isInteger(v) || v < 0)) return message('meeting.vote.counts_not_whole');
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum > eligiblePresent) return message('meeting.vote.counts_exceed', { sum, eligible: eligiblePresent });
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Contributions and tasks

/** Distinct speakers who were present, over those present; null when nobody was present. */
export function speakersShare(
  presentMemberIds: readonly string[],
  speakerMemberIds: readonly string[],
): number | null {
  const present = new Set(presentMemberIds);
  if (present.size === 0) return null;
  const spoke = new Set(speakerMemberIds.filter((id) => present.has(id)));
  return spoke.size / present.size;
}

export type TaskStatus = 'open' | 'done' | 'not_done' | 'cancelled';

export interface TaskFacts {
  status: TaskStatus;
  deadline: string | null;
  completedOn: string | null;
}

/** Tasks of a resolution: cancelled ones excluded, done ones achieved; share null when none is due. */
export function taskAchievementShare(tasks: readonly TaskFacts[]): {
  due: number;
  achieved: number;
  share: number | null;
} {
  let due = 0;
  let achieved = 0;
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    due++;
    if (t.status === 'done') achieved++;
  }
  return { due, achieved, share: due === 0 ? null : achieved / due };
}

/** An open task whose deadline has passed (the deadline day itself is not overdue). */
export function isOverdue(t: TaskFacts, today: string): boolean {
  return t.status === 'open' && t.deadline !== null && t.deadline < today;
}

/** For open tasks with a deadline: 'overdue' after it, 'due_soon' from `daysBefore` days before it to the day itself. */
export function reminderKind(t: TaskFacts, today: string, daysBefore = 3): 'due_soon' | 'overdue' | null {
  if (t.status !== 'open' || t.deadline === null) return null;
  if (t.deadline < today) return 'overdue';
  if (t.deadline <= addDays(today, daysBefore)) return 'due_soon';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Decision numbering: 'Số 03-NQ/CB', one sequence per issuer, type and term (reference §13.2).

export type DecisionType = 'NQ' | 'KL';

/** (3, 'NQ', 'CB') → '03-NQ/CB'; numbers below 10 take a leading zero, as the seeds write them. */
export function formatDecisionNumber(seq: number, type: DecisionType, issuerAbbrev: string): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new DomainError(message('meeting.decision.invalid_sequence', { seq: String(seq) }));
  return `${String(seq).padStart(2, '0')}-${type}/${issuerAbbrev}`;
}

/**
 * Issuer abbreviations of the document symbol (reference §13.2). To verify: 'ĐU' for a subcommittee
 * (đảng ủy bộ phận) and 'HU' for district committees (a quận ủy writes 'QU'). A party group issues no
 * numbered documents.
 */
const issuerAbbreviations: Record<OrganizationKind, string | null> = {
  central: 'TW',
  provincial_committee: 'TU',
  bloc_committee: 'ĐUK',
  district_committee: 'HU',
  grassroots_committee: 'ĐU',
  subcommittee: 'ĐU',
  cell: 'CB',
  grassroots_cell: 'CB',
  party_group: null,
};

export function issuerAbbreviation(orgKind: string): string {
  const abbrev = Object.hasOwn(issuerAbbreviations, orgKind)
    ? issuerAbbreviations[orgKind as OrganizationKind]
    : undefined;
  if (abbrev === null) throw new DomainError(message('meeting.decision.party_group_issues_none'));
  if (abbrev === undefined)
    throw new DomainError(message('meeting.decision.unknown_kind', { kind: orgKind }));
  return abbrev;
}

/** The numbering sequence a decision belongs to: per committee term when known, else per calendar year. */
export function numberingPeriodKey(termStart: string | null, date: string): string {
  return termStart ? `term:${termStart}` : `year:${date.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Self check-in codes

/** Upper case letters and digits without the look-alikes 0/O, 1/I/L. */
export const checkinAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 6 characters from an unambiguous alphabet (no 0/O/1/I/L), upper case; `random` returns [0, 1). */
export function generateCheckinCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < 6; i++) {
    const index = Math.min(
      checkinAlphabet.length - 1,
      Math.max(0, Math.floor(random() * checkinAlphabet.length)),
    );
    code += checkinAlphabet[index];
  }
  return code;
}

/** Trims, upper-cases and strips spaces and dashes: ' ab3-k7 x ' → 'AB3K7X'. */
export function normalizeCheckinCode(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}
