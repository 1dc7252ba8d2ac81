// Roles that are not offices: organisation-board officers over a subtree and followers of cells.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { assignRoleBody } from '../../../contracts/auth.ts';
import { formatDateVi } from '../../../domain/dates.ts';
import { type Action, type Actor, can } from '../../../domain/permissions.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Queryable, Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/password.ts';
import { findMemberStanding } from '../members/members.service.ts';
import { getVisibleNode } from '../organizations/organizations.service.ts';
import * as repo from './auth.repository.ts';
import * as roles from './role-assignments.repository.ts';

export interface AuditMeta {
  ip: string | null;
}

const appointAction: Record<roles.AssignedRole, Action> = {
  board_officer: 'boardOfficer.appoint',
  follower: 'follower.appoint',
};

/** The organisation (still in being) if the actor may see it; a 404 names the form's field. */
async function visibleNode(q: Queryable, actor: Actor, id: string) {
  const node = await getVisibleNode(q, actor, id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  });
  if (!node || node.valid_to) {
    throw new AppError('not_found', message('roleAssignment.organization_not_found'), [
      { path: 'organizationId', message: message('roleAssignment.organization_missing') },
    ]);
  }
  return node;
}

export async function assignRole(
  db: Database,
  actor: Actor,
  input: z.infer<typeof assignRoleBody>,
  meta: AuditMeta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, input.organizationId);
    if (input.role === 'follower' && !isCellKind(node.kind)) {
      throw new AppError('validation_failed', message('roleAssignment.follower_cells_only'), [
        { path: 'organizationId', message: message('roleAssignment.choose_cell') },
      ]);
    }
    if (!can(actor, appointAction[input.role], { type: 'organization', path: node.path })) {
      throw new AppError('forbidden', message('roleAssignment.assign_forbidden'));
    }
    const member = await findMemberStanding(tx, input.memberId);
    if (!member || member.lifecycle !== 'active') {
      throw new AppError('not_found', message('roleAssignment.member_not_found'), [
        { path: 'memberId', message: message('roleAssignment.member_missing') },
      ]);
    }
    let account = await repo.findAccountByMember(tx, member.id);
    if (!account) {
      // The member signs in after an officer sets a password; until then the account has an unusable one.
      const id = await repo.createAccountForMember(tx, {
        memberId: member.id,
        provinceId: member.provinceId,
        displayName: member.fullName,
        passwordHash: await hashPassword(randomBytes(24).toString('hex')),
      });
      account = (await repo.findAccount(tx, id))!;
    }
    const since = await roles.findOpenAssignmentStart(tx, account.id, input.role, node.id);
    if (since) {
      throw new AppError(
        'conflict',
        message('roleAssignment.already_assigned', { date: formatDateVi(since) }),
      );
    }
    const id = await roles.insertAssignment(tx, {
      provinceId: node.province_id,
      accountId: account.id,
      role: input.role,
      organizationId: node.id,
      validFrom: input.validFrom,
    });
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'role.assign',
      entity: 'role_assignment',
      entityId: id,
      after: input,
      ip: meta.ip,
    });
    return { id };
  });
}

export async function listRoles(db: Database, actor: Actor, organizationId: string) {
  const node = await visibleNode(db, actor, organizationId);
  const rows = await roles.listAssignmentsAt(db, node.id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      role: r.role,
      memberId: r.member_id,
      memberName: r.member_name,
      organizationId: node.id,
      organizationName: node.name,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    })),
  };
}

export async function endRole(db: Database, actor: Actor, id: string, validTo: string, meta: AuditMeta) {
  await db.transaction(async (tx) => {
    const r = await roles.findAssignment(tx, id);
    if (!r) throw notFound(message('roleAssignment.not_found'));
    const node = await visibleNode(tx, actor, r.organization_id);
    if (!can(actor, appointAction[r.role], { type: 'organization', path: node.path }))
      throw new AppError('forbidden', message('roleAssignment.end_forbidden'));
    if (r.valid_to) throw new AppError('invalid_state', message('roleAssignment.ended'));
    if (validTo <= r.valid_from) {
      throw new AppError('validation_failed', message('roleAssignment.end_after_start'), [
        {
          path: 'validTo',
          message: message('roleAssignment.after_date', { date: formatDateVi(r.valid_from) }),
        },
      ]);
    }
    await roles.endAssignment(tx, id, validTo);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'role.end',
      entity: 'role_assignment',
      entityId: id,
      before: { validTo: null },
      after: { validTo },
      ip: meta.ip,
    });
  });
}
