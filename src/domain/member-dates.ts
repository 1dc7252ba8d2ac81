// Bounds on a member's recorded dates, as data with their reasons: what a date of birth, an admission date and a
// full-membership date may plausibly be. Used by `memberRuleProblems` (roster-rows.ts), which both the member
// forms' service and the roster import apply, so a form and a spreadsheet row are refused alike.
import { charterRules } from './charter-rules.ts';

export interface MemberDateBounds {
  id: string;
  /**
   * The earliest date of birth accepted: 01/01/1900. The register holds living members (and those who left or
   * died recently); nobody alive today was born before 1900, while the oldest members honoured with the 80- and
   * 90-year Party badges were born in the 1910s–1920s, so every real record is after it and a typo such as
   * 01/01/1000 or 1090 is caught.
   */
  earliestBirth: string;
  /**
   * The earliest admission date: the founding of the Communist Party of Vietnam, 03/02/1930 (Hội nghị hợp nhất
   * các tổ chức cộng sản, Hương Cảng, 3–7/02/1930; the founding day the Party celebrates).
   */
  partyFounded: string;
  /** Điều lệ Đảng, Điều 1 khoản 2: a citizen from eighteen years of age may be admitted (charter-rules.ts). */
  minAdmissionAgeYears: number;
}

export const memberDateBounds: MemberDateBounds = {
  id: 'member-dates-2026',
  earliestBirth: '1900-01-01',
  partyFounded: '1930-02-03',
  minAdmissionAgeYears: charterRules.minAdmissionAgeYears,
};
