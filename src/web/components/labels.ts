// Vietnamese (or English) labels of the contract enums, and of the actor's roles, through t().
import type { TFunction } from 'i18next';
import type { ActorRole } from '../../contracts/auth.ts';
import type { MeetingKind } from '../../domain/meetings.ts';
import { addDays } from '../../domain/dates.ts';
import { isCellKind } from '../../domain/tree.ts';
import { formatDate } from '../lib/dates.ts';
import type { CellType, OrganizationKind, PositionKind } from '../../contracts/organizations.ts';
import { positionKinds } from '../../contracts/values.ts';

export const kindLabel = (t: TFunction, kind: OrganizationKind): string => t(`kinds.${kind}`);
/** A meeting's kind (Sinh hoạt thường kỳ, Họp chi ủy…): the one source of these words in the web. */
export const meetingKindLabel = (t: TFunction, kind: MeetingKind): string => t(`meetingKinds.${kind}`);
export const cellTypeLabel = (t: TFunction, type: CellType): string => t(`cellTypes.${type}`);

const isPositionKind = (k: string): k is PositionKind => (positionKinds as readonly string[]).includes(k);

/**
 * A position's name; unknown kinds from the server are shown as they are. Where the organisation's kind is known,
 * a committee member of a cell is a "Chi ủy viên" rather than a "Cấp ủy viên".
 */
export function positionLabel(t: TFunction, kind: string, at?: OrganizationKind): string {
  if (kind === 'committee_member' && at && isCellKind(at)) return t('positions.cellCommitteeMember');
  return isPositionKind(kind) ? t(`positions.${kind}`) : kind;
}

/** What a role is called: "Bí thư chi bộ", "Cấp ủy viên", "Cán bộ Ban Tổ chức"… */
export function roleLabel(t: TFunction, role: ActorRole): string {
  switch (role.role) {
    case 'member':
      return t('roles.member');
    case 'cell_leadership':
      if (role.position === 'secretary') return t('roles.cellSecretary');
      if (role.position === 'deputy_secretary') return t('roles.cellDeputy');
      if (role.position === 'group_leader' || role.position === 'group_deputy')
        return positionLabel(t, role.position);
      return t('roles.cellCommittee');
    case 'committee':
      return role.position && role.position !== 'committee_member'
        ? positionLabel(t, role.position)
        : t('roles.committee');
    case 'board_officer':
      return t('roles.board_officer');
    case 'follower':
      return t('roles.follower');
    case 'system_admin':
      return t('roles.system_admin');
  }
}

/** Sort order of positions inside a committee: secretary first. */
export function positionOrder(kind: string): number {
  const i = (positionKinds as readonly string[]).indexOf(kind);
  return i === -1 ? positionKinds.length : i;
}

/**
 * "01/01/2020 – 30/06/2025", or "Từ 01/07/2025" while it lasts. Stored ends are exclusive (the day the next
 * period starts), so the last day shown is the day before.
 */
export function period(t: TFunction, from: string, to: string | null): string {
  return to
    ? t('common.period', { from: formatDate(from), to: formatDate(addDays(to, -1)) })
    : t('common.periodOpen', { from: formatDate(from) });
}
