// English messages of the domain's roster rules: a row's cells, a member's dates and status, duplicates.
import type { domainRoster as vi } from '../vi/domain-roster.ts';

export const domainRoster: Record<keyof typeof vi, string> = {
  'roster.missing': '{column} is missing',
  'roster.date_format': "{column} '{value}' is not a valid date (dd/mm/yyyy)",
  'roster.gender': "{column} '{value}' must be male (Nam) or female (Nu)",
  'roster.status': "{column} '{value}' must be full (Chinh thuc) or probationary (Du bi)",
  'roster.status_missing': '{column} is missing (full or probationary)',
  'roster.too_long': "{column} '{value}' is longer than {max} characters",
  'roster.invalid': "{column} '{value}' is not valid: {problem}",
  'roster.duplicate': "{column} '{value}' repeats row {row}",
  'roster.birth_in_future': 'Date of birth {date} is in the future',
  'roster.admission_in_future': 'Admission date {date} is in the future',
  'roster.full_membership_in_future': 'Full membership date {date} is in the future',
  'roster.birth_too_early': 'Date of birth {date} is before {earliest}: check the year',
  'roster.admission_before_founding': 'Admission date {date} is before the Party was founded ({founded})',
  'roster.full_membership_before_founding':
    'Full membership date {date} is before the Party was founded ({founded})',
  'roster.admitted_under_age':
    'Admitted on {admitted} before the age of {age} (born {born}; Party Charter, Article 1)',
  'roster.full_before_admission': 'Full membership date {full} is before the admission date {admitted}',
  'roster.probation_too_short':
    'Full membership date {full} is less than {months} months of probation after admission on {admitted} (Party Charter, Article 5)',
  'roster.probationary_with_full_date':
    'A probationary member has no full membership date (it reads {full}); correct the status or clear the date',
  'roster.full_too_early':
    'A member admitted on {admitted} has not served the {months} months of probation needed to be a full member',
  'roster.cannot_demote': 'The member is already a full member and cannot be recorded as probationary again',
  'roster.full_needs_date': 'Becoming a full member needs a full membership date',
};
