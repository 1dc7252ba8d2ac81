// The organisation tree: browsing as of a date, organisation pages, search; the lookups other features use.
// Creating organisations and reorganisations: organization-changes.service.ts.
import type { OrganizationDetail, TreeNode } from '../../../contracts/organizations.ts';
import { organizationActions } from '../../../contracts/organizations.ts';
import { addDays, todayIso } from '../../../domain/dates.ts';
import { type Actor, can, visibilityPatterns } from '../../../domain/permissions.ts';
import { escapeLike, foldVietnamese } from '../../../domain/text.ts';
import { ancestorIds, kindOrder } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import type { Queryable } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './organizations.repository.ts';
import { countedUnder, countMembers } from '../summaries/member-summaries.service.ts';

function toTreeNode(r: repo.NodeWithCountsRow & { member_count: number }): TreeNode {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    cellType: r.cell_type,
    depth: r.depth,
    childCount: r.child_count,
    memberCount: r.member_count,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

const sortNodes = (nodes: TreeNode[]) =>
  nodes.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'vi'));

export const orgResource = (path: string) => ({ type: 'organization' as const, path });

/** The node as of the date (today when omitted), or null; no visibility check (for other features' rules). */
export async function findOrganization(
  q: Queryable,
  id: string,
  asOf?: string,
): Promise<repo.NodeRow | null> {
  return repo.findNode(q, id, asOf);
}

/** Names of organisations as of a date (for other features' read models). */
export async function listOrganizationNames(q: Queryable, ids: string[], asOf: string) {
  return repo.namesAsOf(q, ids, asOf);
}

/** The node as of the date, or a 404 when it did not exist then or the actor may not see it. */
export async function getVisibleNode(
  q: Queryable,
  actor: Actor,
  id: string,
  asOf?: string,
): Promise<repo.NodeRow> {
  const node = await repo.findNode(q, id, asOf);
  if (!node || !can(actor, 'organization.view', orgResource(node.path)))
    throw notFound(message('organization.not_found'));
  return node;
}

/** An organisation's name as it stood on a date (its latest name before it), or null (no visibility check). */
export async function findNameAsOf(q: Queryable, id: string, asOf: string): Promise<string | null> {
  const [row] = await repo.namesAsOf(q, [id], asOf);
  return row?.name ?? null;
}

/** Names, kinds and paths of organisations as they stood on a date (for other features). */
export function listNamesAsOf(q: Queryable, ids: string[], asOf: string) {
  return repo.namesAsOf(q, ids, asOf);
}

/**
 * Per organisation: members of its subtree on the date. Today and later from the member counts summary (a few
 * rows per organisation, whatever its size; reorganisations are never dated ahead); an earlier date in the tree
 * of that date, counted from the memberships.
 */
async function subtreeMemberCounts(db: Queryable, ids: string[], asOf: string) {
  if (asOf >= todayIso()) return countedUnder(db, ids, asOf);
  return new Map((await repo.countSubtreeMembersOn(db, ids, asOf)).map((r) => [r.id, r.n]));
}

async function treeNodes(db: Queryable, rows: repo.NodeWithCountsRow[], asOf: string) {
  const counts = await subtreeMemberCounts(
    db,
    rows.map((r) => r.id),
    asOf,
  );
  return sortNodes(rows.map((r) => toTreeNode({ ...r, member_count: counts.get(r.id) ?? 0 })));
}

export async function getTree(db: Queryable, actor: Actor, query: { asOf?: string; parentId?: string }) {
  const asOf = query.asOf ?? todayIso();
  if (query.parentId) {
    await getVisibleNode(db, actor, query.parentId, asOf);
    return { asOf, nodes: await treeNodes(db, await repo.listChildren(db, query.parentId, asOf), asOf) };
  }
  if (actor.isSystemAdmin) return { asOf, nodes: await treeNodes(db, await repo.listRoots(db, asOf), asOf) };
  // The actor's roots are the organisations of their scopes that do not lie under another of their scopes.
  const scopeIds = [...new Set(actor.scopes.map((s) => s.organizationId))];
  const nodes = await repo.listNodesWithCounts(db, scopeIds, asOf);
  const roots = nodes.filter(
    (n) =>
      !nodes.some(
        (other) =>
          other.id !== n.id && n.path.split('.').slice(0, -1).includes(other.path.split('.').at(-1)!),
      ),
  );
  return { asOf, nodes: await treeNodes(db, roots, asOf) };
}

export async function search(db: Queryable, actor: Actor, query: { q: string; asOf?: string }) {
  const asOf = query.asOf ?? todayIso();
  const folded = foldVietnamese(query.q);
  const rows = await repo.searchByName(db, `%${escapeLike(folded)}%`, asOf, visibilityPatterns(actor), 30);
  const ids = [...new Set(rows.flatMap((r) => ancestorIds(r.path)))];
  const names = new Map((await repo.namesAsOf(db, ids, asOf)).map((n) => [n.id, n.name]));
  return {
    results: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      ancestry: ancestorIds(r.path).map((id) => ({ id, name: names.get(id) ?? '' })),
    })),
  };
}

export async function getDetail(
  db: Queryable,
  actor: Actor,
  id: string,
  asOfInput?: string,
): Promise<OrganizationDetail> {
  const node = await getVisibleNode(db, actor, id, asOfInput);
  // A dissolved organisation's page shows it on its last day.
  const asOf = asOfInput ?? (node.period_to ? addDays(node.period_to, -1) : todayIso());
  const current = asOf >= todayIso();
  const [ancestors, children, memberCounts, directMemberCount, committees, positions, history] =
    await Promise.all([
      repo.namesAsOf(db, ancestorIds(node.path), asOf),
      repo.listChildren(db, node.id, asOf).then((rows) => treeNodes(db, rows, asOf)),
      subtreeMemberCounts(db, [node.id], asOf),
      current
        ? countMembers(db, { organizationIds: [node.id], direct: true, kind: 'counted', asOf })
        : repo.countDirectMembers(db, node.id, asOf),
      repo.listCommittees(db, node.id),
      repo.listPositions(db, node.id),
      repo.listHistory(db, node.id),
    ]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const toHolder = (p: repo.PositionRow) => ({
    id: p.id,
    kind: p.kind,
    memberId: p.member_id,
    memberName: p.member_name,
    validFrom: p.valid_from,
    validTo: p.valid_to,
  });
  const committeeViews = committees.map((c) => ({
    id: c.id,
    termLabel: message('committee.term', { label: c.term_label }),
    termStart: c.term_start,
    termEnd: c.term_end,
    positions: positions.filter((p) => p.committee_id === c.id).map(toHolder),
  }));
  const loose = positions.filter((p) => p.committee_id === null);
  if (loose.length > 0) {
    // Cells without an elected chi ủy still have a secretary (and maybe a deputy).
    committeeViews.push({
      id: node.id,
      termLabel: message('committee.cell_leaders'),
      termStart: loose.map((p) => p.valid_from).sort()[0]!,
      termEnd: null,
      positions: loose.map(toHolder),
    });
  }
  return {
    id: node.id,
    name: node.name,
    kind: node.kind,
    cellType: node.cell_type,
    symbol: node.symbol,
    validFrom: node.valid_from,
    validTo: node.valid_to,
    endReason: node.end_reason,
    successor: node.successor_id
      ? { id: node.successor_id, name: (await repo.findNode(db, node.successor_id))?.name ?? '' }
      : null,
    ancestry: ancestorIds(node.path)
      .map((aid) => byId.get(aid))
      .filter((a) => a !== undefined)
      .map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        canView: can(actor, 'organization.view', orgResource(a.path)),
      })),
    children,
    memberCount: memberCounts.get(node.id) ?? 0,
    directMemberCount,
    committees: committeeViews,
    nameHistory: history.map((h) => ({
      name: h.name,
      parentName: h.parent_name,
      validFrom: h.valid_from,
      validTo: h.valid_to,
    })),
    actions: node.valid_to ? [] : organizationActionsFor(actor, node.path),
  };
}

/**
 * The actions to offer on an organisation's page. Offices and terms of an organisation are set by the level
 * above it, so committee.manage is judged on the parent's path (as committees.service.ts enforces).
 */
function organizationActionsFor(actor: Actor, path: string) {
  const parentPath = path.split('.').slice(0, -1).join('.') || path;
  return organizationActions.filter((a) =>
    can(actor, a, orgResource(a === 'committee.manage' ? parentPath : path)),
  );
}
