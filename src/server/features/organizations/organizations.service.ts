// The organisation tree: browsing as of a date, organisation pages, search, and reorganisations kept in history.
import type {
  OrganizationDetail,
  ReorganizationBody,
  TreeNode,
  createOrganizationBody,
} from '../../../contracts/organizations.ts';
import { organizationActions } from '../../../contracts/organizations.ts';
import { addDays, formatDateVi, todayIso } from '../../../domain/dates.ts';
import { type Actor, can, visibilityPatterns } from '../../../domain/permissions.ts';
import { escapeLike, foldVietnamese } from '../../../domain/text.ts';
import {
  ancestorIds,
  canHoldChild,
  childPath,
  isCellKind,
  kindOrder,
  rebasePath,
  wouldCreateCycle,
} from '../../../domain/tree.ts';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as repo from './organizations.repository.ts';

const kindLabel: Record<string, string> = {
  central: 'Trung ương',
  provincial_committee: 'Đảng bộ tỉnh',
  bloc_committee: 'Đảng bộ khối',
  district_committee: 'Đảng bộ huyện',
  grassroots_committee: 'Đảng bộ cơ sở',
  subcommittee: 'Đảng bộ bộ phận',
  cell: 'Chi bộ',
  grassroots_cell: 'Chi bộ cơ sở',
  party_group: 'Tổ đảng',
};

function toTreeNode(r: repo.NodeWithCountsRow): TreeNode {
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

const orgResource = (path: string) => ({ type: 'organization' as const, path });

/** The node as of the date, or a 404 when it did not exist then or the actor may not see it. */
export async function getVisibleNode(
  q: Queryable,
  actor: Actor,
  id: string,
  asOf?: string,
): Promise<repo.NodeRow> {
  const node = await repo.findNode(q, id, asOf);
  if (!node || !can(actor, 'organization.view', orgResource(node.path)))
    throw notFound('Không tìm thấy tổ chức');
  return node;
}

/** Names, kinds and paths of organisations as they stood on a date (for other features). */
export function listNamesAsOf(q: Queryable, ids: string[], asOf: string) {
  return repo.namesAsOf(q, ids, asOf);
}

export async function getTree(db: Database, actor: Actor, query: { asOf?: string; parentId?: string }) {
  const asOf = query.asOf ?? todayIso();
  if (query.parentId) {
    await getVisibleNode(db, actor, query.parentId, asOf);
    return { asOf, nodes: sortNodes((await repo.listChildren(db, query.parentId, asOf)).map(toTreeNode)) };
  }
  if (actor.isSystemAdmin)
    return { asOf, nodes: sortNodes((await repo.listRoots(db, asOf)).map(toTreeNode)) };
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
  return { asOf, nodes: sortNodes(roots.map(toTreeNode)) };
}

export async function search(db: Database, actor: Actor, query: { q: string; asOf?: string }) {
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
  db: Database,
  actor: Actor,
  id: string,
  asOfInput?: string,
): Promise<OrganizationDetail> {
  const node = await getVisibleNode(db, actor, id, asOfInput);
  // A dissolved organisation's page shows it on its last day.
  const asOf = asOfInput ?? (node.period_to ? addDays(node.period_to, -1) : todayIso());
  const [ancestors, children, memberCount, directMemberCount, committees, positions, history] =
    await Promise.all([
      repo.namesAsOf(db, ancestorIds(node.path), asOf),
      repo.listChildren(db, node.id, asOf),
      repo.countSubtreeMembers(db, node.path, asOf),
      repo.countDirectMembers(db, node.id, asOf),
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
    termLabel: c.term_label,
    termStart: c.term_start,
    termEnd: c.term_end,
    positions: positions.filter((p) => p.committee_id === c.id).map(toHolder),
  }));
  const loose = positions.filter((p) => p.committee_id === null);
  if (loose.length > 0) {
    // Cells without an elected chi ủy still have a secretary (and maybe a deputy).
    committeeViews.push({
      id: node.id,
      termLabel: 'Bí thư, phó bí thư',
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
    children: sortNodes(children.map(toTreeNode)),
    memberCount,
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

export interface AuditMeta {
  ip: string | null;
}

export async function createOrganization(
  db: Database,
  actor: Actor,
  input: z.infer<typeof createOrganizationBody>,
  meta: AuditMeta,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const parent = await getVisibleNode(tx, actor, input.parentId, input.validFrom);
    if (!can(actor, 'organization.create', orgResource(parent.path))) {
      throw new AppError('forbidden', 'Bạn không có quyền lập tổ chức đảng ở đây');
    }
    // The child's one period takes the parent's path on its first day; were the parent (or anything above it)
    // changed since, that path would be stale from then on. Back-dating stops at the parent's last change.
    if (parent.period_to !== null) {
      const since = formatDateVi(parent.period_to);
      throw new AppError('invalid_tree_change', `Tổ chức cấp trên đã thay đổi từ ngày ${since}`, [
        { path: 'validFrom', message: `Phải từ ngày ${since} trở đi` },
      ]);
    }
    if (!canHoldChild(parent.kind, input.kind)) {
      throw new AppError(
        'invalid_tree_change',
        `${kindLabel[parent.kind]} không thể có tổ chức trực thuộc loại "${kindLabel[input.kind]}"`,
        [{ path: 'kind', message: 'Loại tổ chức không phù hợp với tổ chức cấp trên' }],
      );
    }
    const cellType = isCellKind(input.kind) ? (input.cellType ?? 'other') : null;
    const id = await repo.insertOrganization(tx, {
      provinceId: parent.province_id,
      kind: input.kind,
      cellType,
      symbol: input.symbol ?? null,
      validFrom: input.validFrom,
    });
    await repo.insertPeriod(tx, {
      organizationId: id,
      provinceId: parent.province_id,
      parentId: parent.id,
      name: input.name,
      searchName: foldVietnamese(input.name),
      path: childPath(parent.path, id),
      validFrom: input.validFrom,
    });
    await repo.insertReorganization(tx, {
      provinceId: parent.province_id,
      kind: 'create',
      effectiveDate: input.validFrom,
      documentRef: null,
      details: { organizationId: id, parentId: parent.id, name: input.name, kind: input.kind },
      by: actor.accountId,
    });
    await recordAudit(tx, {
      chain: parent.province_id,
      actorAccountId: actor.accountId,
      action: 'organization.create',
      entity: 'organization',
      entityId: id,
      after: { ...input, cellType },
      ip: meta.ip,
    });
    return { id };
  });
}

/** Applies a reorganisation from its effective date; earlier dates keep the earlier shape. */
export async function reorganize(
  db: Database,
  actor: Actor,
  body: ReorganizationBody,
  meta: AuditMeta,
): Promise<{ id: string; affectedOrganizationIds: string[] }> {
  if (body.effectiveDate > todayIso()) {
    throw new AppError('invalid_tree_change', 'Ngày hiệu lực không được sau ngày hôm nay', [
      { path: 'effectiveDate', message: 'Chưa hỗ trợ thay đổi có hiệu lực trong tương lai' },
    ]);
  }
  return db.transaction(async (tx) => {
    const ctx: ReorgContext = { tx, actor, date: body.effectiveDate, affected: new Set() };
    let details: unknown;
    switch (body.kind) {
      case 'move':
        details = await applyMove(ctx, body.organizationId, body.newParentId);
        break;
      case 'rename':
        details = await applyRename(ctx, body.organizationId, body.newName);
        break;
      case 'dissolve':
        details = await applyDissolve(ctx, body.organizationId);
        break;
      case 'merge':
        details = await applyMerge(ctx, body.sourceIds, body.targetId, body.newName);
        break;
      case 'split':
        details = await applySplit(ctx, body.organizationId, body.parts);
        break;
    }
    const first = await repo.findNode(tx, [...ctx.affected][0]!);
    const provinceId = first!.province_id;
    const id = await repo.insertReorganization(tx, {
      provinceId,
      kind: body.kind,
      effectiveDate: body.effectiveDate,
      documentRef: body.documentRef ?? null,
      details,
      by: actor.accountId,
    });
    await recordAudit(tx, {
      chain: provinceId,
      actorAccountId: actor.accountId,
      action: `organization.${body.kind}`,
      entity: 'reorganization',
      entityId: id,
      after: { ...body, details },
      ip: meta.ip,
    });
    return { id, affectedOrganizationIds: [...ctx.affected] };
  });
}

interface ReorgContext {
  tx: Queryable;
  actor: Actor;
  date: string;
  affected: Set<string>;
}

/** The node as it stands on the reorganisation date, checked for permission and for a later change. */
async function nodeForChange(ctx: ReorgContext, id: string, field: string): Promise<repo.NodeRow> {
  const node = await repo.findNode(ctx.tx, id, ctx.date);
  if (!node || !can(ctx.actor, 'organization.view', orgResource(node.path))) {
    throw new AppError('not_found', 'Không tìm thấy tổ chức', [
      { path: field, message: `Không có tổ chức này vào ngày ${formatDateVi(ctx.date)}` },
    ]);
  }
  if (node.period_to !== null) {
    throw new AppError('invalid_tree_change', 'Tổ chức đã có thay đổi sau ngày hiệu lực này', [
      { path: 'effectiveDate', message: `Phải từ ngày ${formatDateVi(node.period_to)} trở đi` },
    ]);
  }
  if (!can(ctx.actor, 'organization.reorganize', orgResource(node.path))) {
    throw new AppError('forbidden', `Bạn không có quyền thay đổi "${node.name}"`);
  }
  const latest = await repo.latestChangeInSubtree(ctx.tx, node.path);
  if (latest && latest > ctx.date) {
    throw new AppError('invalid_tree_change', 'Ngày hiệu lực sớm hơn lần thay đổi gần nhất', [
      { path: 'effectiveDate', message: `Phải từ ngày ${formatDateVi(latest)} trở đi` },
    ]);
  }
  return node;
}

/** Re-hangs a subtree: every node in it gets a new period from the date with its new path. */
async function rehang(
  ctx: ReorgContext,
  node: repo.NodeRow,
  newParent: repo.NodeRow | null,
  newName?: string,
) {
  const newRoot = childPath(newParent?.path ?? null, node.id);
  const subtree = await repo.listSubtreeAt(ctx.tx, node.path, ctx.date);
  for (const n of subtree) {
    await repo.endPeriod(ctx.tx, n.period_id, ctx.date);
    const isRoot = n.id === node.id;
    const name = isRoot && newName ? newName : n.name;
    await repo.insertPeriod(ctx.tx, {
      organizationId: n.id,
      provinceId: n.province_id,
      parentId: isRoot ? (newParent?.id ?? null) : n.parent_id,
      name,
      searchName: foldVietnamese(name),
      path: rebasePath(n.path, node.path, newRoot),
      validFrom: ctx.date,
    });
    ctx.affected.add(n.id);
  }
}

async function parentOf(ctx: ReorgContext, node: repo.NodeRow) {
  return node.parent_id ? repo.findNode(ctx.tx, node.parent_id, ctx.date) : null;
}

async function applyMove(ctx: ReorgContext, id: string, newParentId: string) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  const newParent = await repo.findNode(ctx.tx, newParentId, ctx.date);
  if (!newParent || !can(ctx.actor, 'organization.view', orgResource(newParent.path))) {
    throw new AppError('not_found', 'Không tìm thấy tổ chức cấp trên mới', [
      { path: 'newParentId', message: 'Không có tổ chức này vào ngày hiệu lực' },
    ]);
  }
  if (wouldCreateCycle(node.path, newParent.path)) {
    throw new AppError(
      'tree_cycle',
      `Không thể chuyển "${node.name}" vào chính nó hoặc tổ chức cấp dưới của nó`,
      [{ path: 'newParentId', message: 'Tổ chức cấp trên mới nằm trong tổ chức được chuyển' }],
    );
  }
  if (newParent.id === node.parent_id) {
    throw new AppError('invalid_tree_change', 'Tổ chức đã trực thuộc tổ chức cấp trên này', [
      { path: 'newParentId', message: 'Chọn một tổ chức cấp trên khác' },
    ]);
  }
  if (!canHoldChild(newParent.kind, node.kind)) {
    throw new AppError(
      'invalid_tree_change',
      `${kindLabel[newParent.kind]} không thể có ${kindLabel[node.kind]} trực thuộc`,
      [{ path: 'newParentId', message: 'Loại tổ chức cấp trên không phù hợp' }],
    );
  }
  if (!can(ctx.actor, 'organization.reorganize', orgResource(newParent.path))) {
    throw new AppError('forbidden', `Bạn không có quyền thay đổi "${newParent.name}"`);
  }
  await rehang(ctx, node, newParent);
  return { organizationId: node.id, fromParentId: node.parent_id, toParentId: newParent.id };
}

async function applyRename(ctx: ReorgContext, id: string, newName: string) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  if (node.name === newName) {
    throw new AppError('invalid_tree_change', 'Tên mới trùng tên hiện tại', [
      { path: 'newName', message: 'Tên không đổi' },
    ]);
  }
  await repo.endPeriod(ctx.tx, node.period_id, ctx.date);
  await repo.insertPeriod(ctx.tx, {
    organizationId: node.id,
    provinceId: node.province_id,
    parentId: node.parent_id,
    name: newName,
    searchName: foldVietnamese(newName),
    path: node.path,
    validFrom: ctx.date,
  });
  ctx.affected.add(node.id);
  return { organizationId: node.id, oldName: node.name, newName };
}

async function ensureEmpty(ctx: ReorgContext, node: repo.NodeRow) {
  const children = await repo.listChildren(ctx.tx, node.id, ctx.date);
  const memberships = await repo.listOpenMemberships(ctx.tx, node.id, ctx.date);
  if (children.length > 0 || memberships.length > 0) {
    throw new AppError(
      'invalid_tree_change',
      `"${node.name}" còn ${children.length} tổ chức trực thuộc và ${memberships.length} đảng viên sinh hoạt; hãy chuyển đi trước khi giải thể`,
      [{ path: 'organizationId', message: 'Tổ chức chưa trống' }],
    );
  }
}

async function endNode(
  ctx: ReorgContext,
  node: repo.NodeRow,
  reason: 'dissolved' | 'merged' | 'split',
  successor: string | null,
) {
  // An organisation lasts at least one day: one set up on the effective date cannot end on it.
  if (ctx.date <= node.valid_from) {
    const since = formatDateVi(node.valid_from);
    throw new AppError(
      'invalid_tree_change',
      `"${node.name}" hoạt động từ ngày ${since}; chỉ kết thúc được từ ngày hôm sau trở đi`,
      [{ path: 'effectiveDate', message: `Phải sau ngày ${since}` }],
    );
  }
  await repo.endPeriod(ctx.tx, node.period_id, ctx.date);
  await repo.endOrganization(ctx.tx, node.id, ctx.date, reason, successor);
  await repo.endPositionsAndCommittees(ctx.tx, node.id, ctx.date);
  ctx.affected.add(node.id);
}

async function applyDissolve(ctx: ReorgContext, id: string) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  if (!node.parent_id) throw new AppError('invalid_tree_change', 'Không thể giải thể tổ chức gốc');
  await ensureEmpty(ctx, node);
  await endNode(ctx, node, 'dissolved', null);
  return { organizationId: node.id, name: node.name };
}

/** Moves everything an organisation holds (children and memberships) into another one on the date. */
async function transferContents(
  ctx: ReorgContext,
  from: repo.NodeRow,
  to: repo.NodeRow,
  childIds?: string[],
  memberIds?: string[],
) {
  const children = await repo.listChildren(ctx.tx, from.id, ctx.date);
  for (const child of children) {
    if (childIds && !childIds.includes(child.id)) continue;
    if (!canHoldChild(to.kind, child.kind)) {
      throw new AppError(
        'invalid_tree_change',
        `${kindLabel[to.kind]} không thể có ${kindLabel[child.kind]} trực thuộc`,
      );
    }
    await rehang(ctx, child, to);
  }
  const memberships = await repo.listOpenMemberships(ctx.tx, from.id, ctx.date);
  const moving = memberships.filter((m) => !memberIds || memberIds.includes(m.member_id));
  await repo.moveMemberships(
    ctx.tx,
    moving.map((m) => m.id),
    to.id,
    ctx.date,
  );
  return { children: children.length, members: moving.length };
}

async function createSibling(
  ctx: ReorgContext,
  like: repo.NodeRow,
  parent: repo.NodeRow | null,
  name: string,
) {
  const id = await repo.insertOrganization(ctx.tx, {
    provinceId: like.province_id,
    kind: like.kind,
    cellType: like.cell_type,
    symbol: like.symbol,
    validFrom: ctx.date,
  });
  await repo.insertPeriod(ctx.tx, {
    organizationId: id,
    provinceId: like.province_id,
    parentId: parent?.id ?? null,
    name,
    searchName: foldVietnamese(name),
    path: childPath(parent?.path ?? null, id),
    validFrom: ctx.date,
  });
  ctx.affected.add(id);
  return (await repo.findNode(ctx.tx, id, ctx.date))!;
}

async function applyMerge(ctx: ReorgContext, sourceIds: string[], targetId?: string, newName?: string) {
  if (!targetId === !newName) {
    throw new AppError(
      'validation_failed',
      'Chọn tổ chức tiếp nhận hoặc đặt tên tổ chức mới (một trong hai)',
      [{ path: 'targetId', message: 'Cần đúng một trong hai: targetId hoặc newName' }],
    );
  }
  if (new Set(sourceIds).size !== sourceIds.length || (targetId && sourceIds.includes(targetId))) {
    throw new AppError('validation_failed', 'Danh sách tổ chức hợp nhất bị trùng', [
      { path: 'sourceIds', message: 'Mỗi tổ chức chỉ xuất hiện một lần và khác tổ chức tiếp nhận' },
    ]);
  }
  const sources: repo.NodeRow[] = [];
  for (const [i, id] of sourceIds.entries()) sources.push(await nodeForChange(ctx, id, `sourceIds.${i}`));
  const first = sources[0]!;
  if (sources.some((s) => s.kind !== first.kind)) {
    throw new AppError('invalid_tree_change', 'Chỉ hợp nhất các tổ chức cùng loại', [
      { path: 'sourceIds', message: 'Các tổ chức khác loại' },
    ]);
  }
  for (const s of sources) {
    if (sources.some((o) => o.id !== s.id && o.path.split('.').includes(s.path.split('.').at(-1)!))) {
      throw new AppError('tree_cycle', `"${s.name}" chứa một tổ chức khác trong danh sách hợp nhất`);
    }
  }
  const target = targetId
    ? await nodeForChange(ctx, targetId, 'targetId')
    : await createSibling(ctx, first, await parentOf(ctx, first), newName!);
  if (target.kind !== first.kind) {
    throw new AppError('invalid_tree_change', 'Tổ chức tiếp nhận phải cùng loại', [
      { path: 'targetId', message: 'Khác loại' },
    ]);
  }
  const moved = [];
  for (const s of sources) {
    moved.push({ id: s.id, name: s.name, ...(await transferContents(ctx, s, target)) });
    await endNode(ctx, s, 'merged', target.id);
  }
  ctx.affected.add(target.id);
  return { targetId: target.id, targetName: target.name, sources: moved };
}

async function applySplit(
  ctx: ReorgContext,
  id: string,
  parts: Array<{ name: string; memberIds: string[]; childIds: string[] }>,
) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  const children = await repo.listChildren(ctx.tx, node.id, ctx.date);
  const memberships = await repo.listOpenMemberships(ctx.tx, node.id, ctx.date);
  const memberIds = [...new Set(memberships.map((m) => m.member_id))];
  const assignedMembers = parts.flatMap((p) => p.memberIds);
  const assignedChildren = parts.flatMap((p) => p.childIds);
  const problems = [];
  if (new Set(assignedMembers).size !== assignedMembers.length)
    problems.push('một đảng viên được chia vào hai nơi');
  if (new Set(assignedChildren).size !== assignedChildren.length)
    problems.push('một tổ chức được chia vào hai nơi');
  const missingMembers = memberIds.filter((m) => !assignedMembers.includes(m)).length;
  const missingChildren = children.filter((c) => !assignedChildren.includes(c.id)).length;
  if (missingMembers) problems.push(`${missingMembers} đảng viên chưa được chia`);
  if (missingChildren) problems.push(`${missingChildren} tổ chức trực thuộc chưa được chia`);
  if (assignedMembers.some((m) => !memberIds.includes(m)))
    problems.push('có đảng viên không sinh hoạt ở tổ chức này');
  if (assignedChildren.some((c) => !children.some((x) => x.id === c)))
    problems.push('có tổ chức không trực thuộc tổ chức này');
  if (problems.length > 0) {
    throw new AppError('invalid_tree_change', `Không thể chia tách: ${problems.join('; ')}`, [
      { path: 'parts', message: problems.join('; ') },
    ]);
  }
  const parent = await parentOf(ctx, node);
  const created = [];
  for (const part of parts) {
    const target = await createSibling(ctx, node, parent, part.name);
    const moved = await transferContents(ctx, node, target, part.childIds, part.memberIds);
    created.push({ id: target.id, name: part.name, ...moved });
  }
  await endNode(ctx, node, 'split', null);
  return { organizationId: node.id, name: node.name, parts: created };
}
