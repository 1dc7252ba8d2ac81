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

/** Every named action; each has a row in the permissions table test (permissions.test.ts). */
export const actions = [
  'organization.view',
  'organization.create',
  'organization.reorganize',
  'ruleSet.assign',
  'meeting.manage',
  'topic.review',
  'committee.manage',
  'member.view',
  'member.viewPersonal',
  'member.create',
  'member.import',
  'member.update',
  'member.recordEvent',
  'member.transfer',
  'member.exempt',
  'account.resetPassword',
  'audit.view',
  // Meeting-quality scoring, on the meeting's organisation.
  'scorecard.scoreSelf',
  'scorecard.scoreAsFollower',
  'scorecard.scoreAsSupervision',
  'scorecard.rescore',
  'scoringFramework.assign',
  // Loading a framework file concerns no organisation: asked without a resource.
  'scoringFramework.load',
  // Annual evaluation: starting a cell's year, discipline and bốn tốt entries on an organisation; the steps on
  // an evaluation.
  'evaluation.start',
  'evaluation.view',
  'evaluation.viewAll',
  'evaluation.selfAssess',
  'evaluation.propose',
  'evaluation.decide',
  'evaluation.announce',
  'discipline.record',
  'fourGood.enter',
  // Roles that are not offices, appointed (and ended) at an organisation.
  'boardOfficer.appoint',
  'follower.appoint',
] as const;

export type Action = (typeof actions)[number];

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

/** An annual evaluation as policies see it: whose it is, the evaluated organisation and the quota holder. */
export interface EvaluationResource {
  type: 'evaluation';
  subjectKind: 'member' | 'organization';
  /** the evaluated member (null for an organisation's own evaluation) */
  memberId: string | null;
  /** the evaluated organisation: the member's cell, or the organisation itself */
  path: string;
  /** the grassroots organisation holding the excellent quota, which decides */
  holderPath: string;
}

export type Resource = OrganizationResource | MemberResource | EvaluationResource;

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

/**
 * Parts a person plays rather than powers of an office: being the evaluated member, the follower of a cell, the
 * supervising or deciding level above the organisation's own leaders. The administrator is not given them by
 * office; they follow from the rules below (an administrator manages every organisation, so is never "above" it).
 */
const roleBound: ReadonlySet<Action> = new Set<Action>([
  'scorecard.scoreAsFollower',
  'scorecard.scoreAsSupervision',
  'evaluation.selfAssess',
  'evaluation.propose',
  'evaluation.decide',
  'evaluation.announce',
]);

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (actor.isSystemAdmin && !roleBound.has(action)) return true;
  if (action === 'audit.view') return false;
  if (action === 'scoringFramework.load') return actor.scopes.some((s) => s.role === 'board_officer');
  if (!resource) return false;
  switch (resource.type) {
    case 'organization':
      return canOnOrganization(actor, action, resource.path);
    case 'member':
      return canOnMember(actor, action, resource);
    case 'evaluation':
      return canOnEvaluation(actor, action, resource);
  }
}

const org = (path: string): OrganizationResource => ({ type: 'organization', path });

/** Leads the organisation itself (its meetings, its own self-scoring and self-assessment). */
const manages = (actor: Actor, path: string) => can(actor, 'meeting.manage', org(path));
/** A committee above the cell, or the organisation board: reviews, supervises, decides. */
const reviews = (actor: Actor, path: string) => can(actor, 'topic.review', org(path));

function canOnOrganization(actor: Actor, action: Action, path: string): boolean {
  const paths = [path];
  const own = path.split('.').at(-1);
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
        (s) => isManagingScope(s) && s.role !== 'board_officer' && own === pathLabel(s.organizationId),
      );
    case 'organization.create':
    case 'organization.reorganize':
    case 'ruleSet.assign':
    case 'topic.review':
    case 'scoringFramework.assign':
    case 'scorecard.rescore':
    case 'discipline.record':
    case 'fourGood.enter':
      // Reshaping the tree, its rules and its records belongs to a committee above the cell, or to the board.
      return anyScope(actor, paths, (s) => isManagingScope(s) && s.role !== 'cell_leadership');
    case 'scorecard.scoreSelf':
      return manages(actor, path);
    case 'scorecard.scoreAsFollower':
      // The follower assigned to the cell (or to a subtree holding it), and committee members above it.
      return actor.scopes.some(
        (s) =>
          covers(s, path) &&
          (s.role === 'follower' || (s.role === 'committee' && pathLabel(s.organizationId) !== own)),
      );
    case 'scorecard.scoreAsSupervision':
      // Supervision teams act for an upper committee or the organisation board.
      return reviews(actor, path) && !manages(actor, path);
    case 'evaluation.start':
      return manages(actor, path) || reviews(actor, path);
    case 'boardOfficer.appoint':
    case 'follower.appoint': {
      // Board officers are appointed by a board officer above; followers also by a leading member of a committee
      // above the cell.
      const above = path.split('.').slice(0, -1).join('.');
      return (
        above !== '' &&
        actor.scopes.some(
          (s) =>
            isManagingScope(s) &&
            (s.role === 'board_officer' || (action === 'follower.appoint' && s.role === 'committee')) &&
            covers(s, above),
        )
      );
    }
    default:
      return false;
  }
}

function canOnMember(actor: Actor, action: Action, resource: MemberResource): boolean {
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

function canOnEvaluation(actor: Actor, action: Action, e: EvaluationResource): boolean {
  const isSubject = e.subjectKind === 'member' && actor.memberId !== null && actor.memberId === e.memberId;
  const isMember = e.subjectKind === 'member';
  switch (action) {
    case 'evaluation.view':
      return isSubject || can(actor, 'organization.view', org(e.path));
    case 'evaluation.viewAll':
      // Everything of the organisation, not only as one of its members (before results are announced).
      return actor.scopes.some((s) => s.role !== 'member' && covers(s, e.path));
    case 'evaluation.selfAssess':
      // A member assesses themselves; the cell's collective is assessed by its leaders.
      return isMember ? isSubject : manages(actor, e.path);
    case 'evaluation.propose':
      // The cell proposes its members' levels; the level above proposes the cell's own.
      return isMember ? manages(actor, e.path) : reviews(actor, e.path) && !manages(actor, e.path);
    case 'evaluation.decide':
    case 'evaluation.announce':
      // The competent level: a committee above the cell over the grassroots organisation, or the board.
      return reviews(actor, e.holderPath) && !manages(actor, e.path);
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
