// English messages of rule sets (which meeting rules govern an organisation).
import type { ruleSets as vi } from '../vi/rule-sets.ts';

export const ruleSets: Record<keyof typeof vi, string> = {
  'ruleSet.meeting_day_fixed':
    'On day {day} of each month; on a holiday or in special cases between day {first} and day {last}, with the reason recorded',
  'ruleSet.meeting_day_last_week':
    'In the last week of the month; in special cases no later than day {latest} of the next month',
  'ruleSet.unknown': 'There is no such rule set',
  'ruleSet.choose_one_of': 'Choose one of: {ids}',
  'ruleSet.not_in_force_yet': 'The document is not yet in force on this date',
  'ruleSet.from_date_on': 'From {date} onwards',
  'ruleSet.organization_not_found': 'Organisation not found',
  'ruleSet.assign_forbidden':
    'Only an upper committee or the organisation board may apply rules to this organisation',
  'ruleSet.date_taken': 'A rule set already applies from this date',
  'ruleSet.choose_other_date': 'Choose another date',
} as const;
