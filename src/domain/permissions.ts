// Who may do what: named, pure rules over the actor's scopes in the organisation tree.
import type { RoleKind } from '../contracts/auth.ts';
import type { OrganizationKind, PositionKind } from '../contracts/organizations.ts';
import { pathLabel } from './tree.ts';

/**
 * One place in the tree where the actor holds a role. A scope covers the organisation and everything below
 * it, matched by the organisation's label in a path, so it also covers that subtree's past shapes.
 */
export interface Scope {
  role: RoleKind;
  organizationId: string;
  organizationKind: OrganizationKind;
  position: PositionKind | null;
}

export interface Actor {
  accountId: string;
  memberId: string | null;
  isSystemAdmin: boolean;
  scopes: Scope[];
}

export type Action =
  | 'organization.view'
  | 'organization.create'
  | 'organization.reorganize'
  | 'ruleSet.assign'
  | 'meeting.manage'
  | 'topic.review'
  | 'committee.manage'
  | 'member.view'
  | 'member.viewPersonal'
  | 'member.create'
  | 'member.import'
  | 'member.update'
  | 'member.recordEvent'
  | 'member.transfer'
  | 'member.exempt'
  | 'account.resetPassword'
  | 'audit.view';

/** An organisation as policies see it: its path (ancestor labels then its own). */
export interface OrganizationResource {
  type: 'organization';
  path: string;
}

/** A member as policies see it: who it is and the paths of the organisations it attends now. */
export interface MemberResource {
  type: 'member';
  memberId: string;
  organizationPaths: string[];
}

export type Resource = OrganizationResource | MemberResource;

// Positions whose holders lead (not only sit on) a committee or cell.
const leadingPositions: readonly PositionKind[] = ['secretary', 'deputy_secretary', 'standing_member'];

/** Whether a scope may change things (not only read) in its subtree. */
export function isManagingScope(scope: Scope): boolean {
  switch (scope.role) {
    case 'board_officer':
      return true;
    case 'committee':
    case 'cell_leadership':
      return scope.position !== null && leadingPositions.includes(scope.position);
    default:
      return false;
  }
}

/** Roles allowed to read personal identifiers (CCCD, phone) of members in their subtree. */
function canSeePersonalData(scope: Scope): boolean {
  return scope.role === 'board_officer' || (scope.role === 'cell_leadership' && isManagingScope(scope));
}

export function covers(scope: Scope, path: string): boolean {
  return path.split('.').includes(pathLabel(scope.organizationId));
}

function anyScope(actor: Actor, paths: string[], test: (s: Scope) => boolean): boolean {
  return actor.scopes.some((s) => test(s) && paths.some((p) => covers(s, p)));
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (actor.isSystemAdmin) return true;
  if (action === 'audit.view') return false;
  if (!resource) return false;

  if (resource.type === 'organization') {
    const paths = [resource.path];
    switch (action) {
      case 'organization.view':
        return anyScope(actor, paths, () => true);
      case 'member.create':
      case 'member.import':
      case 'committee.manage':
        return anyScope(actor, paths, isManagingScope);
      case 'meeting.manage':
        // The organisation's own leaders run its meetings (a cell's secretary and deputy, a committee's
        // standing members); those above read them, follow them and review them.
        return actor.scopes.some(
          (s) =>
            isManagingScope(s) &&
            s.role !== 'board_officer' &&
            resource.path.split('.').at(-1) === pathLabel(s.organizationId),
        );
      case 'organization.create':
      case 'organization.reorganize':
      case 'ruleSet.assign':
      case 'topic.review':
        // Reshaping the tree belongs to a committee above the cell, or to the organisation board.
        return anyScope(actor, paths, (s) => isManagingScope(s) && s.role !== 'cell_leadership');
      default:
        return false;
    }
  }

  const isSelf = actor.memberId !== null && actor.memberId === resource.memberId;
  const paths = resource.organizationPaths;
  switch (action) {
    case 'member.view':
      return isSelf || anyScope(actor, paths, () => true);
    case 'member.viewPersonal':
      return isSelf || anyScope(actor, paths, canSeePersonalData);
    case 'member.update':
    case 'member.recordEvent':
    case 'member.transfer':
    case 'member.exempt':
      return anyScope(actor, paths, isManagingScope);
    case 'account.resetPassword':
      return anyScope(actor, paths, (s) => s.role === 'board_officer');
    default:
      return false;
  }
}

/** The lquery patterns that select every path an actor may read, or null for "everything" (administrator). */
export function visibilityPatterns(actor: Actor): string[] | null {
  if (actor.isSystemAdmin) return null;
  return [...new Set(actor.scopes.map((s) => `*.${pathLabel(s.organizationId)}.*`))];
}

/** The named actions, out of `candidates`, that the actor may take on the resource (sent to the web client). */
export function allowedActions<A extends Action>(
  actor: Actor,
  candidates: readonly A[],
  resource: Resource,
): A[] {
  return candidates.filter((a) => can(actor, a, resource));
}
