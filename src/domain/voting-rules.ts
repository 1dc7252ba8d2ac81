// Vote thresholds of a party cell (biểu quyết) as versioned data with their sources.
// Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.
//
// Who counts in the base follows QĐ 24-QĐ/TW (2021), 9.3 (implementing Điều lệ Điều 9 khoản 5), as quoted by
// lawnet.vn. To verify against the full texts: the admission clauses (Điều 4 khoản 3, Điều 5 khoản 3). Before 30/7/2021 the implementing rule was QĐ 29-QĐ/TW (2016),
// assumed to count the same way.

import { charter2011 } from './charter-rules.ts';
import type { IssuingDocument } from './meeting-rules.ts';
import { DomainError, type Message, message } from './messages.ts';

/** numerator/denominator of the base; strict: more than ("hơn"); otherwise at least ("ít nhất"). */
export interface Threshold {
  numerator: number;
  denominator: number;
  strict: boolean;
}

export interface VotingRules {
  id: string;
  version: number;
  title: string;
  sources: readonly IssuingDocument[];
  effectiveFrom: string;
  /** Resolution, conclusion and other items: more than half. */
  decision: Threshold;
  /** Admission of a member and recognition as a full member: at least two thirds. */
  admission: Threshold;
  /** who counts in the base: full (chính thức) members of the cell with an official membership, exempt members excluded */
  note: string;
}

export const quyDinh24of2021: IssuingDocument = {
  number: '24-QĐ/TW',
  type: 'Quy định',
  issuer: 'Ban Chấp hành Trung ương',
  date: '2021-07-30',
};

export const builtInVotingRules: readonly VotingRules[] = [
  {
    id: 'dieu-le-2011',
    version: 1,
    title: 'Biểu quyết theo Điều lệ Đảng (Đại hội XI) và Quy định 24-QĐ/TW',
    sources: [charter2011.source, quyDinh24of2021],
    effectiveFrom: '2011-01-19',
    // Điều lệ Đảng, Điều 9 khoản 5 (democratic centralism): a resolution is valid when "hơn một nửa" of the
    // members approve. QĐ 24-QĐ/TW (2021), 9.3.2, says who the members are at a party-member meeting: those
    // summoned, less members attending temporarily elsewhere, exempt members who are absent (an exempt member
    // who attends and votes is counted), suspended members and those prosecuted or detained.
    decision: { numerator: 1, denominator: 2, strict: true },
    // Điều lệ Đảng, Điều 4 khoản 3 (admission) and Điều 5 khoản 3 (recognition as full member):
    // "được ít nhất hai phần ba số đảng viên chính thức tán thành".
    admission: { numerator: 2, denominator: 3, strict: false },
    // Probationary members and members attending here only temporarily (sinh hoạt tạm thời) do not vote.
    note:
      'Số đảng viên làm căn cứ tính tỷ lệ là đảng viên chính thức sinh hoạt chính thức tại chi bộ; đảng viên ' +
      'được miễn công tác và sinh hoạt đảng vắng mặt thì không tính, nếu có mặt và biểu quyết thì vẫn tính ' +
      '(Điều lệ Đảng, Điều 9 khoản 5; Quy định 24-QĐ/TW, điểm 9.3.2)',
  },
];

/** The voting rules in force on `date`: the latest effectiveFrom on or before it, then the higher version. */
export function votingRulesInForce(date: string): VotingRules {
  let best: VotingRules | undefined;
  for (const r of builtInVotingRules) {
    if (r.effectiveFrom > date) continue;
    if (
      !best ||
      r.effectiveFrom > best.effectiveFrom ||
      (r.effectiveFrom === best.effectiveFrom && r.version > best.version)
    ) {
      best = r;
    }
  }
  if (!best) throw new DomainError(message('voting.no_rules_in_force', { date }));
  return best;
}

/** Whether `forCount` of `base` reaches the threshold; integer arithmetic, so 2/3 has no rounding. Base 0 never passes. */
export function meetsThreshold(forCount: number, base: number, t: Threshold): boolean {
  if (base <= 0) return false;
  const lhs = forCount * t.denominator;
  const rhs = t.numerator * base;
  return t.strict ? lhs > rhs : lhs >= rhs;
}

/** 'hơn 1/2' / 'ít nhất 2/3' */
export function thresholdLabel(t: Threshold): string {
  return `${t.strict ? 'hơn' : 'ít nhất'} ${t.numerator}/${t.denominator}`;
}

/** The threshold of a vote as the room shows it: 'hơn 1/2 số đảng viên chính thức' / 'more than 1/2 of full members'. */
export function thresholdText(t: Threshold): Message {
  const share = { numerator: t.numerator, denominator: t.denominator };
  return message(t.strict ? 'voting.threshold_more_than' : 'voting.threshold_at_least', share);
}
