// Membership rules the Party Charter sets, as versioned data with their source (used by imports and forms).
import type { IssuingDocument } from './meeting-rules.ts';

export interface CharterRules {
  id: string;
  source: IssuingDocument;
  effectiveFrom: string;
  /** Điều 1 khoản 2: a citizen from eighteen years of age may be admitted. */
  minAdmissionAgeYears: number;
  /** Điều 5: the probationary period lasts twelve months. */
  probationMonths: number;
}

export const charter2011: CharterRules = {
  id: 'dieu-le-2011',
  // Điều lệ Đảng adopted by the XI Congress (19/01/2011), still in force.
  source: {
    // documentLabel reads 'Điều lệ Đảng'.
    number: 'Đảng',
    type: 'Điều lệ',
    issuer: 'Đại hội đại biểu toàn quốc lần thứ XI',
    date: '2011-01-19',
  },
  effectiveFrom: '2011-01-19',
  minAdmissionAgeYears: 18,
  probationMonths: 12,
};

/** The Charter rules in force; one version today, kept as data so a new Charter adds a row, not code. */
export const charterRules: CharterRules = charter2011;
