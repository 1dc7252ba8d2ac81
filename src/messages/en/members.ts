// English messages of members.
import type { members as vi } from '../vi/members.ts';

export const members: Record<keyof typeof vi, string> = {
  'member.not_found': 'Member not found',
  'member.create_forbidden': 'You may not add members to this organisation',
  'member.update_forbidden': 'You may not edit this profile',
  'member.cell_only': 'A member attends a party cell',
  'member.admission_before_birth': 'The admission date must be after the date of birth',
  'member.not_active': 'This member no longer attends in the system',
  'member.already_full': 'This member is already a full member',
  'member.full_before_admission': 'The full-membership date must be after the admission date',
  'member.must_be_after': 'Must be after {date}',
  'member.event_before_membership': 'The event must be dated after the current membership began',
  'member.transfer_one_destination':
    'Choose a receiving organisation in the system or write where the member goes (one of the two)',
  'member.transfer_exactly_one': 'Exactly one destination is needed',
  'member.receiving_cell_not_found': 'Receiving cell not found',
  'member.receiving_cell_missing_on_date': 'The receiving cell does not exist on the transfer date',
  'member.already_in_cell': 'The member already attends this cell',
  'member.choose_other_cell': 'Choose another cell',
  'member.transfer_before_current': 'The transfer date must be after the current attendance began',
  'member.end_before_start': 'The end date must be after the start date',
  'member.exemption_end_before_start': 'Must be after the exemption begins',
  'member.group_not_active': 'Members can only join a party group that is active',
  'member.not_a_party_group': 'Not a party group',
  'member.group_outside_cell': 'The member must officially attend the cell this party group belongs to',
  'member.not_in_group_cell': 'Not in the party group’s cell',
  'member.already_in_group': 'The member is already in this party group',
  'member.group_join_before_current':
    'The joining date must be after the member joined the current party group',
  'member.membership_not_found': 'Membership not found',
  'member.official_membership_end': 'An official membership ends only by a transfer or a recorded event',
  'member.membership_already_ended': 'This membership has already ended',
};
