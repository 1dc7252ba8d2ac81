// English messages of the domain's meeting rules: lifecycle, votes, meeting dates, compliance findings, days off.
import type { domainMeetings as vi } from '../vi/domain-meetings.ts';

export const domainMeetings: Record<keyof typeof vi, string> = {
  'meeting.action.cancelled': 'The meeting has been cancelled',
  'meeting.action.notice_already_sent': 'The notice of meeting has already been sent',
  'meeting.action.notice_only_before_start': 'A notice of meeting can only be sent before the meeting starts',
  'meeting.action.in_session': 'The meeting is in session',
  'meeting.action.ended': 'The meeting has ended',
  'meeting.action.not_started': 'The meeting has not started',
  'meeting.action.minutes_already_adopted': 'The minutes have already been adopted',
  'meeting.action.end_before_adopting': 'End the meeting before adopting the minutes',
  'meeting.action.nothing_to_adopt': 'The meeting has not taken place; there are no minutes to adopt',
  'meeting.action.cannot_cancel_in_session': 'The meeting is in session and cannot be cancelled',
  'meeting.action.cannot_cancel_held': 'The meeting has taken place and cannot be cancelled',
  'meeting.action.minutes_locked':
    'The minutes have been adopted and locked; only a dated addendum can be added',
  'meeting.action.preparation_closed': 'The meeting has started; the preparation can no longer be edited',
  'meeting.action.no_minutes_yet': 'The meeting has not started; there are no minutes yet',
  'meeting.action.minutes_not_adopted': 'The minutes have not been adopted',
  'meeting.vote.probationary': 'Probationary members do not vote',
  'meeting.vote.temporary':
    'Members attending temporarily do not vote in the cell where they attend temporarily',
  'meeting.vote.exempt_absent': 'Exempt member, absent: not counted in the vote',
  'meeting.vote.absent': 'Only members who are present may vote',
  'meeting.vote.tally': '{for}/{base} members in favour',
  'meeting.vote.tally_share': '{for}/{base} members in favour, {share}',
  'meeting.vote.counts_not_whole':
    'Votes in favour, against and abstentions must be whole numbers, not negative',
  'meeting.vote.counts_exceed':
    'The votes counted ({sum}) exceed the full members present who may vote ({eligible})',
  'meeting.decision.invalid_sequence': 'Invalid document sequence number: {seq}',
  'meeting.decision.party_group_issues_none': 'A party group issues no numbered resolutions or conclusions',
  'meeting.decision.unknown_kind': 'Unknown organisation kind: {kind}',
  'voting.no_rules_in_force': 'No voting rules were in force on {date}',
  'voting.threshold_more_than': 'more than {numerator}/{denominator} of the full members',
  'voting.threshold_at_least': 'at least {numerator}/{denominator} of the full members',
  'rules.no_rule_set_in_force': 'No cell meeting rule set was in force on {date}',
  'rules.date.not_fixed_day': 'The regular meeting must be held on day {day} of each month ({source})',
  'rules.date.outside_window': 'It must be within the first {days} days of the month ({source})',
  'rules.date.reason_required': 'A day other than day {day} needs a recorded reason ({source})',
  'rules.date.late_reason_required':
    'A meeting held late in the next month (day {day} at the latest) needs a recorded reason ({source})',
  'rules.date.not_last_week':
    'The regular meeting is held in the last week of the month, by day {day} of the next month at the latest ({source})',
  'rules.date.moved_named_day_off': '{day} is a day off ({name})',
  'rules.date.moved_day_off': '{day} is a day off',
  'compliance.wrong_day': 'Meeting of {date}: {problems}',
  'compliance.combined':
    'The meeting of {date} was combined with another meeting; a cell meeting must never be combined with other meetings ({source})',
  'compliance.too_short':
    'The meeting of {date} lasted {minutes} minutes, short of the required {required} minutes ({source})',
  'compliance.too_short_combined':
    'The meeting of {date} lasted {minutes} minutes, short of the {required} minutes required for a regular meeting combined with a thematic one ({source})',
  'compliance.materials_missing':
    'The materials of the meeting of {date} have not been posted; they must be posted at least {days} days before, by {latest} at the latest ({source})',
  'compliance.materials_late':
    'The materials of the meeting of {date} were posted on {published}; they must be posted at least {days} days before, by {latest} at the latest ({source})',
  'compliance.not_finalised':
    'The documents of the meeting of {date} have not been finalised; they must be finalised and posted within {days} days after the meeting, by {latest} at the latest ({source})',
  'compliance.finalised_late':
    'The documents of the meeting of {date} were finalised on {finalised}; they must be finalised and posted within {days} days after the meeting, by {latest} at the latest ({source})',
  'compliance.no_meeting':
    'No regular cell meeting in {month}; the cell holds a regular meeting once a month ({source})',
  'compliance.no_thematic':
    'Quarter {quarter} of {year} had {count} thematic meetings, fewer than the {required} required each quarter ({source})',
  'calendar.saturday': 'Saturday',
  'calendar.sunday': 'Sunday',
  'calendar.substitute_day': 'Substitute day off for {holiday}',
  'calendar.year_unsupported': 'The holiday calendar covers {from}–{to} only, not {year}',
  'calendar.holiday.new_year': 'New Year’s Day',
  'calendar.holiday.lunar_new_year': 'Lunar New Year (Tet)',
  'calendar.holiday.hung_kings': 'Hung Kings’ Commemoration Day',
  'calendar.holiday.reunification': 'Reunification Day',
  'calendar.holiday.labour_day': 'International Labour Day',
  'calendar.holiday.national_day': 'National Day',
};
