// Committees (terms) and positions of an organisation: who held which office from when to when.
import type { z } from 'zod';
import type { assignPositionBody, createCommitteeBody } from '../../../contracts/organizations.ts';
import { formatDateVi } from '../../../domain/dates.ts';
import { positionKindsAt } from '../../../domain/offices.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { isWithin } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as memberRepo from '../members/members.repository.ts';
import * as repo from './organizations.repository.ts';

export interface AuditMeta {
  ip: string | null;
}

async function managedNode(tx: Queryable, actor: Actor, organizationId: string) {
  const node = await repo.findNode(tx, organizationId);
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw notFound('Không tìm thấy tổ chức');
  }
  if (node.valid_to) throw new AppError('invalid_state', 'Tổ chức đã kết thúc hoạt động');
  // Offices of an organisation are set by the level above it (or the organisation board / administrator).
  const parentPath = node.path.split('.').slice(0, -1).join('.');
  if (!can(actor, 'committee.manage', { type: 'organization', path: parentPath || node.path })) {
    throw new AppError('forbidden', 'Bạn không có quyền quản lý cấp ủy, chức vụ của tổ chức này');
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
    throw new AppError('validation_failed', 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu', [
      { path: 'termEnd', message: 'Phải sau ngày bắt đầu' },
    ]);
  }
  return db.transaction(async (tx) => {
    const node = await managedNode(tx, actor, organizationId);
    const overlapping = await tx.query<{ term_label: string }>(
      `SELECT term_label FROM committee WHERE organization_id = $1
         AND term_start < COALESCE($3::date, 'infinity') AND COALESCE(term_end, 'infinity') > $2`,
      [node.id, input.termStart, input.termEnd ?? null],
    );
    if (overlapping.length > 0) {
      throw new AppError('conflict', `Trùng thời gian với nhiệm kỳ ${overlapping[0]!.term_label}`, [
        { path: 'termStart', message: 'Hãy kết thúc nhiệm kỳ trước' },
      ]);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO committee (province_id, organization_id, term_label, term_start, term_end) VALUES ($1,$2,$3,$4,$5)
       RETURNING id`,
      [
        node.province_id,
        node.id,
        input.termLabel.replace(/\s*[–-]\s*/, '–'),
        input.termStart,
        input.termEnd ?? null,
      ],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'committee.create',
      entity: 'committee',
      entityId: row!.id,
      after: { organizationId, ...input },
      ip: meta.ip,
    });
    return { id: row!.id };
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
      throw new AppError('validation_failed', 'Chức vụ không có ở loại tổ chức này', [
        { path: 'kind', message: `Chỉ được: ${allowed.join(', ')}` },
      ]);
    }
    if (input.committeeId) {
      const [c] = await tx.query<{ term_start: string; term_end: string | null }>(
        'SELECT term_start, term_end FROM committee WHERE id = $1 AND organization_id = $2',
        [input.committeeId, node.id],
      );
      if (!c)
        throw new AppError('not_found', 'Không tìm thấy nhiệm kỳ', [
          { path: 'committeeId', message: 'Không thuộc tổ chức này' },
        ]);
      if (input.validFrom < c.term_start || (c.term_end && input.validFrom >= c.term_end)) {
        throw new AppError('validation_failed', 'Ngày nhận chức vụ nằm ngoài nhiệm kỳ', [
          { path: 'validFrom', message: `Nhiệm kỳ từ ${formatDateVi(c.term_start)}` },
        ]);
      }
    }
    // The holder must be a full member attending this organisation or one below it.
    const member = await memberRepo.findMember(tx, input.memberId);
    const paths = member ? await memberRepo.listMemberPaths(tx, member.id, input.validFrom) : [];
    if (
      !member ||
      member.lifecycle !== 'active' ||
      !paths.some((p) => isWithin(p, node.path) || isWithin(node.path, p))
    ) {
      throw new AppError(
        'validation_failed',
        'Người giữ chức vụ phải là đảng viên sinh hoạt trong tổ chức này',
        [{ path: 'memberId', message: 'Đảng viên không thuộc tổ chức' }],
      );
    }
    if (member.status !== 'full') {
      throw new AppError('validation_failed', 'Đảng viên dự bị không giữ chức vụ trong cấp ủy', [
        { path: 'memberId', message: 'Cần là đảng viên chính thức' },
      ]);
    }
    if (input.kind === 'secretary' || input.kind === 'group_leader') {
      const holders = await tx.query<{ id: string }>(
        `SELECT id FROM position WHERE organization_id = $1 AND kind = $2 AND valid_to IS NULL`,
        [node.id, input.kind],
      );
      if (holders.length > 0) {
        throw new AppError(
          'conflict',
          'Tổ chức đang có người giữ chức vụ này; hãy kết thúc chức vụ cũ trước',
          [{ path: 'kind', message: 'Chức vụ đã có người giữ' }],
        );
      }
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO position (province_id, organization_id, committee_id, member_id, kind, valid_from)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [node.province_id, node.id, input.committeeId ?? null, member.id, input.kind, input.validFrom],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'position.assign',
      entity: 'position',
      entityId: row!.id,
      after: { organizationId, ...input },
      ip: meta.ip,
    });
    return { id: row!.id };
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
    const [p] = await tx.query<{ organization_id: string; valid_from: string; valid_to: string | null }>(
      'SELECT organization_id, valid_from, valid_to FROM position WHERE id = $1',
      [positionId],
    );
    if (!p) throw notFound('Không tìm thấy chức vụ');
    const node = await managedNode(tx, actor, p.organization_id);
    if (p.valid_to) throw new AppError('invalid_state', 'Chức vụ đã kết thúc');
    if (validTo <= p.valid_from) {
      throw new AppError('validation_failed', 'Ngày kết thúc phải sau ngày nhận chức vụ', [
        { path: 'validTo', message: `Phải sau ${formatDateVi(p.valid_from)}` },
      ]);
    }
    await tx.query('UPDATE position SET valid_to = $2 WHERE id = $1', [positionId, validTo]);
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
    const [c] = await tx.query<{ organization_id: string; term_start: string; term_end: string | null }>(
      'SELECT organization_id, term_start, term_end FROM committee WHERE id = $1',
      [committeeId],
    );
    if (!c) throw notFound('Không tìm thấy nhiệm kỳ');
    const node = await managedNode(tx, actor, c.organization_id);
    if (c.term_end) throw new AppError('invalid_state', 'Nhiệm kỳ đã kết thúc');
    if (termEnd <= c.term_start) {
      throw new AppError('validation_failed', 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu', [
        { path: 'termEnd', message: `Phải sau ${formatDateVi(c.term_start)}` },
      ]);
    }
    await tx.query('UPDATE committee SET term_end = $2 WHERE id = $1', [committeeId, termEnd]);
    await tx.query(
      'UPDATE position SET valid_to = $2 WHERE committee_id = $1 AND valid_to IS NULL AND valid_from < $2',
      [committeeId, termEnd],
    );
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
