// Roles that are not offices: organisation-board officers over a subtree and followers of cells.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { assignRoleBody } from '../../../contracts/auth.ts';
import { formatDateVi } from '../../../domain/dates.ts';
import { type Actor, can, isManagingScope } from '../../../domain/permissions.ts';
import { covers } from '../../../domain/permissions.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/password.ts';
import * as memberRepo from '../members/members.repository.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import * as repo from './auth.repository.ts';

export interface AuditMeta {
  ip: string | null;
}

/**
 * Board officers are appointed by the administrator or a board officer above; followers by the
 * administrator, a board officer, or a leading member of a committee above the cell.
 */
function mayAssign(actor: Actor, role: 'board_officer' | 'follower', path: string): boolean {
  if (actor.isSystemAdmin) return true;
  const above = path.split('.').slice(0, -1).join('.');
  return actor.scopes.some(
    (s) =>
      isManagingScope(s) &&
      (s.role === 'board_officer' || (role === 'follower' && s.role === 'committee')) &&
      above !== '' &&
      covers(s, above),
  );
}

async function visibleNode(q: Queryable, actor: Actor, id: string) {
  const node = await orgRepo.findNode(q, id);
  if (!node || node.valid_to || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw new AppError('not_found', 'Không tìm thấy tổ chức', [
      { path: 'organizationId', message: 'Tổ chức không tồn tại' },
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
      throw new AppError('validation_failed', 'Chỉ phân công theo dõi chi bộ', [
        { path: 'organizationId', message: 'Hãy chọn một chi bộ' },
      ]);
    }
    if (!mayAssign(actor, input.role, node.path)) {
      throw new AppError('forbidden', 'Bạn không có quyền phân công vai trò này');
    }
    const member = await memberRepo.findMember(tx, input.memberId);
    if (!member || member.lifecycle !== 'active') {
      throw new AppError('not_found', 'Không tìm thấy đảng viên', [
        { path: 'memberId', message: 'Đảng viên không tồn tại' },
      ]);
    }
    let account = await repo.findAccountByMember(tx, member.id);
    if (!account) {
      // The member signs in after an officer sets a password; until then the account has an unusable one.
      const id = await repo.createAccountForMember(tx, {
        memberId: member.id,
        provinceId: member.province_id,
        displayName: member.full_name,
        passwordHash: await hashPassword(randomBytes(24).toString('hex')),
      });
      account = (await repo.findAccount(tx, id))!;
    }
    const existing = await tx.query<{ valid_from: string }>(
      `SELECT valid_from FROM role_assignment WHERE account_id = $1 AND role = $2 AND organization_id = $3 AND valid_to IS NULL`,
      [account.id, input.role, node.id],
    );
    if (existing.length > 0) {
      throw new AppError('conflict', `Đã được phân công từ ngày ${formatDateVi(existing[0]!.valid_from)}`);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO role_assignment (province_id, account_id, role, organization_id, valid_from) VALUES ($1,$2,$3,$4,$5)
       RETURNING id`,
      [node.province_id, account.id, input.role, node.id, input.validFrom],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'role.assign',
      entity: 'role_assignment',
      entityId: row!.id,
      after: input,
      ip: meta.ip,
    });
    return { id: row!.id };
  });
}

export async function listRoles(db: Database, actor: Actor, organizationId: string) {
  const node = await visibleNode(db, actor, organizationId);
  const rows = await db.query<{
    id: string;
    role: 'board_officer' | 'follower';
    member_id: string | null;
    member_name: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT r.id, r.role, a.member_id, a.display_name AS member_name, r.valid_from, r.valid_to
       FROM role_assignment r JOIN account a ON a.id = r.account_id
      WHERE r.organization_id = $1 ORDER BY r.valid_to IS NULL DESC, r.valid_from DESC`,
    [node.id],
  );
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
    const [r] = await tx.query<{
      role: 'board_officer' | 'follower';
      organization_id: string;
      valid_from: string;
      valid_to: string | null;
    }>('SELECT role, organization_id, valid_from, valid_to FROM role_assignment WHERE id = $1', [id]);
    if (!r) throw notFound('Không tìm thấy phân công');
    const node = await visibleNode(tx, actor, r.organization_id);
    if (!mayAssign(actor, r.role, node.path))
      throw new AppError('forbidden', 'Bạn không có quyền kết thúc phân công này');
    if (r.valid_to) throw new AppError('invalid_state', 'Phân công đã kết thúc');
    if (validTo <= r.valid_from) {
      throw new AppError('validation_failed', 'Ngày kết thúc phải sau ngày bắt đầu', [
        { path: 'validTo', message: `Phải sau ${formatDateVi(r.valid_from)}` },
      ]);
    }
    await tx.query('UPDATE role_assignment SET valid_to = $2 WHERE id = $1', [id, validTo]);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'role.end',
      entity: 'role_assignment',
      entityId: id,
      after: { validTo },
      ip: meta.ip,
    });
  });
}
