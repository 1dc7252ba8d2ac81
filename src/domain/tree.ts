// Pure rules of the organisation tree: ltree labels, kinds that may sit under which, cycles.
import type { OrganizationKind } from '../contracts/organizations.ts';

/** The ltree label of an organisation: its uuid without hyphens (PostgreSQL 15 labels allow [A-Za-z0-9_]). */
export function pathLabel(organizationId: string): string {
  return organizationId.replace(/-/g, '');
}

export function childPath(parentPath: string | null, organizationId: string): string {
  return parentPath ? `${parentPath}.${pathLabel(organizationId)}` : pathLabel(organizationId);
}

/** True when `path` is `ancestorPath` itself or lies under it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

// Which kinds an organisation of each kind may have as children. Kept loose where practice varies
// (a bloc committee may hold cells directly), strict where the Charter is clear (a party group holds nothing).
const allowedChildren: Record<OrganizationKind, readonly OrganizationKind[]> = {
  central: ['provincial_committee', 'bloc_committee', 'grassroots_committee', 'grassroots_cell'],
  provincial_committee: ['bloc_committee', 'district_committee', 'grassroots_committee', 'grassroots_cell'],
  bloc_committee: ['grassroots_committee', 'grassroots_cell', 'subcommittee'],
  district_committee: ['grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['subcommittee', 'cell'],
  subcommittee: ['cell'],
  cell: ['party_group'],
  grassroots_cell: ['party_group'],
  party_group: [],
};

export function canHoldChild(parent: OrganizationKind, child: OrganizationKind): boolean {
  return allowedChildren[parent].includes(child);
}

/** Kinds whose members meet as a cell (and so have a roster of their own). */
export function isCellKind(kind: OrganizationKind): boolean {
  return kind === 'cell' || kind === 'grassroots_cell';
}

/** A move makes a cycle when the new parent is the node itself or lies in its subtree. */
export function wouldCreateCycle(nodePath: string, newParentPath: string): boolean {
  return isWithin(newParentPath, nodePath);
}

/** The path a node gets when the subtree rooted at `fromRoot` is re-hung so that its root sits at `toRoot`. */
export function rebasePath(path: string, fromRoot: string, toRoot: string): string {
  if (!isWithin(path, fromRoot)) throw new Error(`${path} is not under ${fromRoot}`);
  return toRoot + path.slice(fromRoot.length);
}

/** The uuid an ltree label stands for. */
export function labelToId(label: string): string {
  return `${label.slice(0, 8)}-${label.slice(8, 12)}-${label.slice(12, 16)}-${label.slice(16, 20)}-${label.slice(20)}`;
}

/** Ids of a path's proper ancestors, root first. */
export function ancestorIds(path: string): string[] {
  return path.split('.').slice(0, -1).map(labelToId);
}

/** Display order of kinds among siblings: committees before cells, cells before party groups. */
export const kindOrder: Record<OrganizationKind, number> = {
  central: 0,
  provincial_committee: 1,
  bloc_committee: 2,
  district_committee: 3,
  grassroots_committee: 4,
  subcommittee: 5,
  grassroots_cell: 6,
  cell: 7,
  party_group: 8,
};
