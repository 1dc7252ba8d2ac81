// Changes to the tree, kept in history: creating an organisation, and reorganisations (move, rename, dissolve,
// merge, split) from an effective date; earlier dates keep the earlier shape. Each is audited.
import type { z } from 'zod';
import type { ReorganizationBody, createOrganizationBody } from '../../../contracts/organizations.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { canHoldChild, childPath, isCellKind, rebasePath, wouldCreateCycle } from '../../../domain/tree.ts';
import { type Message, type MessageCode, message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { membersUnder, refreshMembers } from '../summaries/member-summaries.service.ts';
import { refreshCell, refreshUnder } from '../summaries/summaries.service.ts';
import { refreshFourGood, refreshFourGoodUnder } from '../evaluation/four-good-summary.ts';
import * as repo from './organizations.repository.ts';
import { getVisibleNode, orgResource } from './organizations.service.ts';

/** The name of a kind of organisation, in the reader's language. */
const kindName = (kind: string) => message(`organization.kind.${kind}` as MessageCode);
const cannotHold = (parent: string, child: string) =>
  message('organization.cannot_hold', { parent: kindName(parent), child: kindName(child) });
const mustBeFrom = (date: string) => message('organization.must_be_from', { date: formatDateVi(date) });

/** Several problems as one message: "a; b; c". */
function problemList([first, ...rest]: Message[]): Message {
  return rest.length === 0
    ? first!
    : message('organization.problem_list', { first: first!, rest: problemList(rest) });
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
      throw new AppError('forbidden', message('organization.create_forbidden'));
    }
    // The child's one period takes the parent's path on its first day; were the parent (or anything above it)
    // changed since, that path would be stale from then on. Back-dating stops at the parent's last change.
    if (parent.period_to !== null) {
      const date = formatDateVi(parent.period_to);
      throw new AppError('invalid_tree_change', message('organization.parent_changed_since', { date }), [
        { path: 'validFrom', message: message('organization.must_be_from', { date }) },
      ]);
    }
    if (!canHoldChild(parent.kind, input.kind)) {
      throw new AppError(
        'invalid_tree_change',
        message('organization.cannot_hold_kind', {
          parent: kindName(parent.kind),
          child: kindName(input.kind),
        }),
        [{ path: 'kind', message: message('organization.kind_unfit_parent') }],
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
    await refreshCell(tx, id);
    await refreshFourGood(tx, [id]);
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
    throw new AppError('invalid_tree_change', message('organization.future_date'), [
      { path: 'effectiveDate', message: message('organization.future_unsupported') },
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
    // The cells' summaries: their paths (ancestors by date) or their existence changed from the date on.
    await refreshUnder(tx, ctx.affected);
    // The members listed under what changed: their organisations' paths or their memberships changed.
    await refreshMembers(tx, await membersUnder(tx, ctx.affected));
    await refreshFourGoodUnder(tx, ctx.affected);
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
    throw new AppError('not_found', message('organization.not_found'), [
      { path: field, message: message('organization.missing_on_date', { date: formatDateVi(ctx.date) }) },
    ]);
  }
  if (node.period_to !== null) {
    throw new AppError('invalid_tree_change', message('organization.changed_after_date'), [
      { path: 'effectiveDate', message: mustBeFrom(node.period_to) },
    ]);
  }
  if (!can(ctx.actor, 'organization.reorganize', orgResource(node.path))) {
    throw new AppError('forbidden', message('organization.change_forbidden', { name: node.name }));
  }
  const latest = await repo.latestChangeInSubtree(ctx.tx, node.path);
  if (latest && latest > ctx.date) {
    throw new AppError('invalid_tree_change', message('organization.before_latest_change'), [
      { path: 'effectiveDate', message: mustBeFrom(latest) },
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
  // Everything an organisation records carries its province's key (migration 0013, docs/SCALE-OUT.md): one
  // re-hung into another province would leave its records keyed to the old one. Directly under the centre an
  // organisation is a province of its own; anywhere else it is its parent's.
  const provinceAfter = newParent?.kind === 'central' ? node.id : newParent?.province_id;
  if (newParent && provinceAfter !== node.province_id) {
    throw new AppError(
      'invalid_tree_change',
      message('organization.other_province', { name: node.name, parent: newParent.name }),
      [{ path: 'newParentId', message: message('organization.other_province_short') }],
    );
  }
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
    throw new AppError('not_found', message('organization.new_parent_not_found'), [
      { path: 'newParentId', message: message('organization.missing_on_effective_date') },
    ]);
  }
  if (wouldCreateCycle(node.path, newParent.path)) {
    throw new AppError('tree_cycle', message('organization.move_into_itself', { name: node.name }), [
      { path: 'newParentId', message: message('organization.new_parent_inside') },
    ]);
  }
  if (newParent.id === node.parent_id) {
    throw new AppError('invalid_tree_change', message('organization.already_under_parent'), [
      { path: 'newParentId', message: message('organization.choose_other_parent') },
    ]);
  }
  if (!canHoldChild(newParent.kind, node.kind)) {
    throw new AppError('invalid_tree_change', cannotHold(newParent.kind, node.kind), [
      { path: 'newParentId', message: message('organization.parent_kind_unfit') },
    ]);
  }
  if (!can(ctx.actor, 'organization.reorganize', orgResource(newParent.path))) {
    throw new AppError('forbidden', message('organization.change_forbidden', { name: newParent.name }));
  }
  await rehang(ctx, node, newParent);
  return { organizationId: node.id, fromParentId: node.parent_id, toParentId: newParent.id };
}

async function applyRename(ctx: ReorgContext, id: string, newName: string) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  if (node.name === newName) {
    throw new AppError('invalid_tree_change', message('organization.same_name'), [
      { path: 'newName', message: message('organization.name_unchanged') },
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
      message('organization.not_empty', {
        name: node.name,
        children: children.length,
        members: memberships.length,
      }),
      [{ path: 'organizationId', message: message('organization.not_empty_short') }],
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
    const date = formatDateVi(node.valid_from);
    throw new AppError(
      'invalid_tree_change',
      message('organization.ends_after_start', { name: node.name, date }),
      [{ path: 'effectiveDate', message: message('organization.must_be_after', { date }) }],
    );
  }
  await repo.endPeriod(ctx.tx, node.period_id, ctx.date);
  await repo.endOrganization(ctx.tx, node.id, ctx.date, reason, successor);
  await repo.endPositionsAndCommittees(ctx.tx, node.id, ctx.date);
  ctx.affected.add(node.id);
}

async function applyDissolve(ctx: ReorgContext, id: string) {
  const node = await nodeForChange(ctx, id, 'organizationId');
  if (!node.parent_id)
    throw new AppError('invalid_tree_change', message('organization.cannot_dissolve_root'));
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
      throw new AppError('invalid_tree_change', cannotHold(to.kind, child.kind));
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
    throw new AppError('validation_failed', message('organization.merge_target_or_name'), [
      { path: 'targetId', message: message('organization.merge_exactly_one') },
    ]);
  }
  if (new Set(sourceIds).size !== sourceIds.length || (targetId && sourceIds.includes(targetId))) {
    throw new AppError('validation_failed', message('organization.merge_duplicates'), [
      { path: 'sourceIds', message: message('organization.merge_each_once') },
    ]);
  }
  const sources: repo.NodeRow[] = [];
  for (const [i, id] of sourceIds.entries()) sources.push(await nodeForChange(ctx, id, `sourceIds.${i}`));
  const first = sources[0]!;
  if (sources.some((s) => s.kind !== first.kind)) {
    throw new AppError('invalid_tree_change', message('organization.merge_same_kind'), [
      { path: 'sourceIds', message: message('organization.kinds_differ') },
    ]);
  }
  for (const s of sources) {
    if (sources.some((o) => o.id !== s.id && o.path.split('.').includes(s.path.split('.').at(-1)!))) {
      throw new AppError('tree_cycle', message('organization.merge_contains_other', { name: s.name }));
    }
  }
  const target = targetId
    ? await nodeForChange(ctx, targetId, 'targetId')
    : await createSibling(ctx, first, await parentOf(ctx, first), newName!);
  if (target.kind !== first.kind) {
    throw new AppError('invalid_tree_change', message('organization.target_same_kind'), [
      { path: 'targetId', message: message('organization.kind_differs') },
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
  const problems: Message[] = [];
  if (new Set(assignedMembers).size !== assignedMembers.length)
    problems.push(message('organization.split_member_twice'));
  if (new Set(assignedChildren).size !== assignedChildren.length)
    problems.push(message('organization.split_child_twice'));
  const missingMembers = memberIds.filter((m) => !assignedMembers.includes(m)).length;
  const missingChildren = children.filter((c) => !assignedChildren.includes(c.id)).length;
  if (missingMembers) problems.push(message('organization.split_members_missing', { count: missingMembers }));
  if (missingChildren)
    problems.push(message('organization.split_children_missing', { count: missingChildren }));
  if (assignedMembers.some((m) => !memberIds.includes(m)))
    problems.push(message('organization.split_member_outside'));
  if (assignedChildren.some((c) => !children.some((x) => x.id === c)))
    problems.push(message('organization.split_child_outside'));
  if (problems.length > 0) {
    const all = problemList(problems);
    throw new AppError('invalid_tree_change', message('organization.split_invalid', { problems: all }), [
      { path: 'parts', message: all },
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
