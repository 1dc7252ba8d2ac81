// Committees (terms) and positions of an organisation: who held which office from when to when.
import type { z } from 'zod';
import type { assignPositionBody, createCommitteeBody } from '../../../contracts/organizations.ts';
import { formatDateVi } from '../../../domain/dates.ts';
import { positionKindsAt } from '../../../domain/offices.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { isWithin } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findMemberStanding } from '../members/members.service.ts';
import * as repo from './committees.repository.ts';
import { getVisibleNode } from './organizations.service.ts';

export interface AuditMeta {
  ip: string | null;
}

async function managedNode(tx: Queryable, actor: Actor, organizationId: string) {
  const node = await getVisibleNode(tx, actor, organizationId);
  if (node.valid_to) throw new AppError('invalid_state', message('committee.organization_ended'));
  // Offices of an organisation are set by the level above it (or the organisation board / administrator).
  const parentPath = node.path.split('.').slice(0, -1).join('.');
  if (!can(actor, 'committee.manage', { type: 'organization', path: parentPath || node.path })) {
    throw new AppError('forbidden', message('committee.manage_forbidden'));
  }
  return node;
}

export async function createCommittee(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof createCommitteeBody>,
  meta: AuditMeta,
) {
  if (input.termEnd && input.termEnd <= input.termStart) {
    throw new AppError('validation_failed', message('committee.term_end_after_start'), [
      { path: 'termEnd', message: message('committee.after_start') },
    ]);
  }
  return db.transaction(async (tx) => {
    const node = await managedNode(tx, actor, organizationId);
    const [overlapping] = await repo.listOverlappingTerms(
      tx,
      node.id,
      input.termStart,
      input.termEnd ?? null,
    );
    if (overlapping) {
      throw new AppError('conflict', message('committee.term_overlaps', { term: overlapping }), [
        { path: 'termStart', message: message('committee.end_previous_first') },
      ]);
    }
    const id = await repo.insertCommittee(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      termLabel: input.termLabel.replace(/\s*[–-]\s*/, '–'),
      termStart: input.termStart,
      termEnd: input.termEnd ?? null,
    });
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'committee.create',
      entity: 'committee',
      entityId: id,
      after: { organizationId, ...input },
      ip: meta.ip,
    });
    return { id };
  });
}

export async function assignPosition(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof assignPositionBody>,
  meta: AuditMeta,
) {
  return db.transaction(async (tx) => {
    const node = await managedNode(tx, actor, organizationId);
    const allowed = positionKindsAt(node.kind);
    if (!allowed.includes(input.kind)) {
      throw new AppError('validation_failed', message('position.kind_not_here'), [
        { path: 'kind', message: message('position.allowed_kinds', { kinds: allowed.join(', ') }) },
      ]);
    }
    if (input.committeeId) {
      const c = await repo.findCommittee(tx, input.committeeId);
      if (!c || c.organization_id !== node.id)
        throw new AppError('not_found', message('committee.term_not_found'), [
          { path: 'committeeId', message: message('committee.term_not_of_organization') },
        ]);
      if (input.validFrom < c.term_start || (c.term_end && input.validFrom >= c.term_end)) {
        throw new AppError('validation_failed', message('position.outside_term'), [
          { path: 'validFrom', message: message('position.term_from', { date: formatDateVi(c.term_start) }) },
        ]);
      }
    }
    // The holder must be a full member attending this organisation or one below it.
    const member = await findMemberStanding(tx, input.memberId, input.validFrom);
    if (
      !member ||
      member.lifecycle !== 'active' ||
      !member.organizationPaths.some((p) => isWithin(p, node.path) || isWithin(node.path, p))
    ) {
      throw new AppError('validation_failed', message('position.holder_not_member'), [
        { path: 'memberId', message: message('position.member_not_in_organization') },
      ]);
    }
    if (member.status !== 'full') {
      throw new AppError('validation_failed', message('position.probationary'), [
        { path: 'memberId', message: message('position.full_member_needed') },
      ]);
    }
    if (
      (input.kind === 'secretary' || input.kind === 'group_leader') &&
      (await repo.isOfficeHeld(tx, node.id, input.kind))
    ) {
      throw new AppError('conflict', message('position.already_held'), [
        { path: 'kind', message: message('position.taken') },
      ]);
    }
    const id = await repo.insertPosition(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      committeeId: input.committeeId ?? null,
      memberId: member.id,
      kind: input.kind,
      validFrom: input.validFrom,
    });
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'position.assign',
      entity: 'position',
      entityId: id,
      after: { organizationId, ...input },
      ip: meta.ip,
    });
    return { id };
  });
}

export async function endPosition(
  db: Database,
  actor: Actor,
  positionId: string,
  validTo: string,
  meta: AuditMeta,
) {
  await db.transaction(async (tx) => {
    const p = await repo.findPosition(tx, positionId);
    if (!p) throw notFound(message('position.not_found'));
    const node = await managedNode(tx, actor, p.organization_id);
    if (p.valid_to) throw new AppError('invalid_state', message('position.ended'));
    if (validTo <= p.valid_from) {
      throw new AppError('validation_failed', message('position.end_after_start'), [
        { path: 'validTo', message: message('committee.after_date', { date: formatDateVi(p.valid_from) }) },
      ]);
    }
    await repo.endPosition(tx, positionId, validTo);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'position.end',
      entity: 'position',
      entityId: positionId,
      before: { validTo: null },
      after: { validTo },
      ip: meta.ip,
    });
  });
}

/** Closes a committee term; offices still held in it end the same day. */
export async function endCommittee(
  db: Database,
  actor: Actor,
  committeeId: string,
  termEnd: string,
  meta: AuditMeta,
) {
  await db.transaction(async (tx) => {
    const c = await repo.findCommittee(tx, committeeId);
    if (!c) throw notFound(message('committee.term_not_found'));
    const node = await managedNode(tx, actor, c.organization_id);
    if (c.term_end) throw new AppError('invalid_state', message('committee.term_ended'));
    if (termEnd <= c.term_start) {
      throw new AppError('validation_failed', message('committee.term_end_after_start'), [
        { path: 'termEnd', message: message('committee.after_date', { date: formatDateVi(c.term_start) }) },
      ]);
    }
    await repo.endCommittee(tx, committeeId, termEnd);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'committee.end',
      entity: 'committee',
      entityId: committeeId,
      before: { termEnd: null },
      after: { termEnd },
      ip: meta.ip,
    });
  });
}
