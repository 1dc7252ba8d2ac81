// Attendance and votes of a meeting: who counts in the base, who may vote, and the result of a show of hands.
// Pure, no I/O.

import { type Message, message, percent } from './messages.ts';
import { meetsThreshold, type Threshold, type VotingRules } from './voting-rules.ts';

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
