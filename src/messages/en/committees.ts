// English messages of committees (terms) and offices (positions).
import type { committees as vi } from '../vi/committees.ts';

export const committees: Record<keyof typeof vi, string> = {
  'committee.organization_ended': 'The organisation has ceased to operate',
  'committee.manage_forbidden': 'You may not manage the committee or the offices of this organisation',
  'committee.term_end_after_start': 'The end of the term must come after its start',
  'committee.after_start': 'Must be after the start date',
  'committee.after_date': 'Must be after {date}',
  'committee.term_overlaps': 'Overlaps the term {term}',
  'committee.end_previous_first': 'End the previous term first',
  'committee.term_not_found': 'Term not found',
  'committee.term_not_of_organization': 'Not a term of this organisation',
  'committee.term_ended': 'The term has already ended',
  'position.kind_not_here': 'This office does not exist in this kind of organisation',
  'position.allowed_kinds': 'Allowed: {kinds}',
  'position.outside_term': 'The office would start outside the term',
  'position.term_from': 'The term starts on {date}',
  'position.holder_not_member': 'The office holder must be a member attending this organisation',
  'position.member_not_in_organization': 'The member does not belong to the organisation',
  'position.probationary': 'A probationary member does not hold office in a committee',
  'position.full_member_needed': 'Must be a full member',
  'position.already_held': 'Someone already holds this office here; end their office first',
  'position.taken': 'The office is already held',
  'position.not_found': 'Office not found',
  'position.ended': 'The office has already ended',
  'position.end_after_start': 'The end date must come after the office started',
} as const;
