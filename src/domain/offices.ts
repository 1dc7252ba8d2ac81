// Which offices (chức vụ) exist at each kind of organisation; the server enforces it and the forms offer only these.
import type { OrganizationKind, PositionKind } from '../contracts/organizations.ts';

// Điều lệ Đảng, chương V (tổ chức cơ sở đảng): a cell elects a secretary and a deputy (and a chi ủy when it is
// large enough) but no standing committee; a party group has a leader and a deputy; a đảng bộ's committee
// elects a standing committee (ban thường vụ).
const cellOffices: readonly PositionKind[] = ['secretary', 'deputy_secretary', 'committee_member'];
const groupOffices: readonly PositionKind[] = ['group_leader', 'group_deputy'];
const committeeOffices: readonly PositionKind[] = [
  'secretary',
  'deputy_secretary',
  'standing_member',
  'committee_member',
];

export function positionKindsAt(kind: OrganizationKind): readonly PositionKind[] {
  switch (kind) {
    case 'cell':
    case 'grassroots_cell':
      return cellOffices;
    case 'party_group':
      return groupOffices;
    default:
      return committeeOffices;
  }
}

/** Offices of a party group or cell may be held without an elected committee term; a đảng bộ's may not. */
export function needsCommitteeTerm(kind: OrganizationKind): boolean {
  return positionKindsAt(kind) === committeeOffices;
}
