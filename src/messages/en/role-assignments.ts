// English messages of role assignments (board officers and followers).
import type { roleAssignments as vi } from '../vi/role-assignments.ts';

export const roleAssignments: Record<keyof typeof vi, string> = {
  'roleAssignment.organization_not_found': 'Organisation not found',
  'roleAssignment.organization_missing': 'The organisation does not exist',
  'roleAssignment.follower_cells_only': 'Followers are assigned only to cells',
  'roleAssignment.choose_cell': 'Choose a cell',
  'roleAssignment.assign_forbidden': 'You may not assign this role',
  'roleAssignment.member_not_found': 'Member not found',
  'roleAssignment.member_missing': 'The member does not exist',
  'roleAssignment.already_assigned': 'Already assigned since {date}',
  'roleAssignment.not_found': 'Assignment not found',
  'roleAssignment.end_forbidden': 'You may not end this assignment',
  'roleAssignment.ended': 'The assignment has already ended',
  'roleAssignment.end_after_start': 'The end date must come after the start date',
  'roleAssignment.after_date': 'Must be after {date}',
} as const;
