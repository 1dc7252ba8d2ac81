// Members: lists filtered by what the actor may see, profiles with personal data guarded, and changes with history.
import type { z } from 'zod';
import type {
  MemberListQuery,
  MemberProfile,
  createMemberBody,
  exemptionBody,
  joinPartyGroupBody,
  memberEventBody,
  transferBody,
  updateMemberBody,
} from '../../../contracts/members.ts';
import { memberActions } from '../../../contracts/members.ts';
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import {
  type Actor,
  allowedActions,
  can,
  type MemberResource,
  visibilityPatterns,
} from '../../../domain/permissions.ts';
import { memberRuleProblems } from '../../../domain/roster.ts';
import { escapeLike, foldVietnamese } from '../../../domain/text.ts';
import { isCellKind, pathLabel } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import * as repo from './members.repository.ts';

export interface AuditMeta {
  ip: string | null;
}

export type MemberResourceFull = MemberResource & { provinceId: string; fullName: string };

export async function findMemberResource(q: Queryable, id: string): Promise<MemberResourceFull | null> {
  const member = await repo.findMember(q, id);
  if (!member) return null;
  return {
    type: 'member',
    memberId: member.id,
    organizationPaths: await repo.listMemberPaths(q, id, todayIso()),
    provinceId: member.province_id,
    fullName: member.full_name,
  };
}

/** The member if the actor may see them, else a 404 that does not reveal whether they exist. */
async function getVisibleMember(q: Queryable, actor: Actor, id: string) {
  const resource = await findMemberResource(q, id);
  if (!resource || !can(actor, 'member.view', resource)) throw notFound('Không tìm thấy đảng viên');
  return resource;
}

async function getVisibleOrganization(q: Queryable, actor: Actor, id: string, field: string, date?: string) {
  const node = await orgRepo.findNode(q, id, date);
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw new AppError('not_found', 'Không tìm thấy tổ chức', [
      { path: field, message: 'Tổ chức không tồn tại' },
    ]);
  }
  return node;
}

export async function list(db: Database, actor: Actor, query: MemberListQuery) {
  if (query.organizationId) await getVisibleOrganization(db, actor, query.organizationId, 'organizationId');
  const folded = query.q ? foldVietnamese(query.q) : '';
  const rows = await repo.listMembers(db, {
    ...query,
    organizationPattern: query.organizationId ? `*.${pathLabel(query.organizationId)}.*` : null,
    visible: visibilityPatterns(actor),
    foldedQuery: folded ? escapeLike(folded) : null,
    today: todayIso(),
  });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      dateOfBirth: r.date_of_birth,
      gender: r.gender,
      status: r.status,
      lifecycle: r.lifecycle,
      partyCardNumber: r.party_card_number,
      isExempt: r.is_exempt,
      isTemporary: r.is_temporary,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
    })),
  };
}

export async function getProfile(db: Database, actor: Actor, id: string): Promise<MemberProfile> {
  const resource = await getVisibleMember(db, actor, id);
  const [m, memberships, exemptions, events, positions] = await Promise.all([
    repo.findMember(db, id),
    repo.listMemberships(db, id),
    repo.listExemptions(db, id),
    repo.listEvents(db, id),
    repo.listMemberPositions(db, id),
  ]);
  const member = m!;
  const personal = can(actor, 'member.viewPersonal', resource);
  return {
    id: member.id,
    fullName: member.full_name,
    birthName: member.birth_name,
    dateOfBirth: member.date_of_birth,
    gender: member.gender,
    ethnicity: member.ethnicity,
    religion: member.religion,
    hometown: member.hometown,
    education: member.education,
    politicalTheory: member.political_theory,
    profession: member.profession,
    admissionDate: member.admission_date,
    fullMembershipDate: member.full_membership_date,
    partyCardNumber: member.party_card_number,
    citizenId: personal ? member.citizen_id : null,
    phone: personal ? member.phone : null,
    email: personal ? member.email : null,
    personalDataHidden: !personal,
    status: member.status,
    lifecycle: member.lifecycle,
    memberships: memberships.map((x) => ({
      id: x.id,
      organizationId: x.organization_id,
      organizationName: x.organization_name,
      organizationKind: x.organization_kind as OrganizationKind,
      kind: x.kind,
      validFrom: x.valid_from,
      validTo: x.valid_to,
    })),
    exemptions: exemptions.map((e) => ({
      id: e.id,
      reason: e.reason,
      validFrom: e.valid_from,
      validTo: e.valid_to,
      documentRef: e.document_ref,
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind as MemberProfile['events'][number]['kind'],
      eventDate: e.event_date,
      fromOrganizationName: e.from_organization_name,
      toOrganizationName: e.to_organization_name,
      otherParty: e.other_party,
      documentRef: e.document_ref,
      note: e.note,
    })),
    positions: positions.map((p) => ({
      kind: p.kind,
      organizationId: p.organization_id,
      organizationName: p.organization_name,
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
    actions: member.lifecycle === 'active' ? allowedActions(actor, memberActions, resource) : [],
  };
}

/** The Charter and date-order rules on a member's dates and status (shared with roster import). */
function checkMemberRules(f: Parameters<typeof memberRuleProblems>[0]) {
  const issues: FieldIssue[] = memberRuleProblems(f, todayIso()).map((p) => ({
    path: p.field,
    message: p.message,
  }));
  if (f.dateOfBirth && f.admissionDate && f.admissionDate < f.dateOfBirth) {
    issues.push({ path: 'admissionDate', message: 'Ngày vào Đảng phải sau ngày sinh' });
  }
  if (issues.length > 0) throw new AppError('validation_failed', issues[0]!.message, issues);
}

export async function create(
  db: Database,
  actor: Actor,
  input: z.infer<typeof createMemberBody>,
  meta: AuditMeta,
): Promise<{ id: string }> {
  const { organizationId, joinedOn, ...fields } = input;
  checkMemberRules(fields);
  return db.transaction(async (tx) => {
    const org = await getVisibleOrganization(tx, actor, organizationId, 'organizationId', joinedOn);
    if (!can(actor, 'member.create', { type: 'organization', path: org.path })) {
      throw new AppError('forbidden', 'Bạn không có quyền thêm đảng viên vào tổ chức này');
    }
    if (!isCellKind(org.kind)) {
      throw new AppError('validation_failed', 'Đảng viên sinh hoạt ở chi bộ', [
        { path: 'organizationId', message: 'Hãy chọn một chi bộ' },
      ]);
    }
    const id = await repo.insertMember(
      tx,
      org.province_id,
      repo.toColumns(fields, foldVietnamese(fields.fullName)),
    );
    await repo.insertMembership(tx, {
      provinceId: org.province_id,
      memberId: id,
      organizationId: org.id,
      kind: 'official',
      validFrom: joinedOn,
    });
    if (fields.admissionDate) {
      await repo.insertEvent(tx, {
        provinceId: org.province_id,
        memberId: id,
        kind: 'admitted',
        eventDate: fields.admissionDate,
        toOrganizationId: org.id,
      });
    }
    await recordAudit(tx, {
      chain: org.province_id,
      actorAccountId: actor.accountId,
      action: 'member.create',
      entity: 'member',
      entityId: id,
      after: input,
      ip: meta.ip,
    });
    return { id };
  });
}

export async function update(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateMemberBody>,
  meta: AuditMeta,
): Promise<MemberProfile> {
  await db.transaction(async (tx) => {
    const resource = await getVisibleMember(tx, actor, id);
    if (!can(actor, 'member.update', resource))
      throw new AppError('forbidden', 'Bạn không có quyền sửa hồ sơ này');
    const before = (await repo.findMember(tx, id))!;
    // Judge the dates only when this edit touches them, so an unrelated fix is never blocked by old data.
    const touched = ['admissionDate', 'fullMembershipDate', 'dateOfBirth', 'status'].some(
      (k) => input[k as keyof typeof input] !== undefined,
    );
    if (touched) {
      checkMemberRules({
        admissionDate: input.admissionDate === undefined ? before.admission_date : input.admissionDate,
        fullMembershipDate:
          input.fullMembershipDate === undefined ? before.full_membership_date : input.fullMembershipDate,
        dateOfBirth: input.dateOfBirth === undefined ? before.date_of_birth : input.dateOfBirth,
        status: input.status ?? before.status,
      });
    }
    const columns = repo.toColumns(input, input.fullName ? foldVietnamese(input.fullName) : undefined);
    await repo.updateMember(tx, id, columns);
    const changedBefore = Object.fromEntries(
      Object.keys(columns).map((k) => [k, before[k as keyof repo.MemberRow]]),
    );
    await recordAudit(tx, {
      chain: before.province_id,
      actorAccountId: actor.accountId,
      action: 'member.update',
      entity: 'member',
      entityId: id,
      before: changedBefore,
      after: columns,
      ip: meta.ip,
    });
  });
  return getProfile(db, actor, id);
}

async function getManagedActiveMember(
  tx: Queryable,
  actor: Actor,
  id: string,
  action: 'member.recordEvent' | 'member.transfer' | 'member.exempt',
) {
  const resource = await getVisibleMember(tx, actor, id);
  if (!can(actor, action, resource))
    throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này');
  const member = (await repo.findMember(tx, id))!;
  if (member.lifecycle !== 'active') {
    throw new AppError('invalid_state', 'Đảng viên không còn sinh hoạt trong hệ thống');
  }
  return member;
}

const lifecycleOf = { died: 'died', removed: 'removed', expelled: 'expelled' } as const;

export async function recordEvent(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof memberEventBody>,
  meta: AuditMeta,
): Promise<MemberProfile> {
  await db.transaction(async (tx) => {
    const member = await getManagedActiveMember(tx, actor, id, 'member.recordEvent');
    if (input.kind === 'made_full') {
      if (member.status === 'full')
        throw new AppError('invalid_state', 'Đảng viên đã là đảng viên chính thức');
      if (member.admission_date && input.eventDate < member.admission_date) {
        throw new AppError('validation_failed', 'Ngày chính thức phải sau ngày vào Đảng', [
          { path: 'eventDate', message: `Phải sau ${formatDateVi(member.admission_date)}` },
        ]);
      }
      await repo.updateMember(tx, id, { status: 'full', full_membership_date: input.eventDate });
    } else {
      await repo.setLifecycle(tx, id, lifecycleOf[input.kind]);
      await repo.endOpenMemberships(tx, id, input.eventDate);
    }
    await repo.insertEvent(tx, { provinceId: member.province_id, memberId: id, ...input });
    await recordAudit(tx, {
      chain: member.province_id,
      actorAccountId: actor.accountId,
      action: `member.${input.kind}`,
      entity: 'member',
      entityId: id,
      before: { status: member.status, lifecycle: member.lifecycle },
      after: input,
      ip: meta.ip,
    });
  });
  return getProfile(db, actor, id);
}

export async function transfer(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof transferBody>,
  meta: AuditMeta,
): Promise<MemberProfile> {
  if (!input.toOrganizationId === !input.outsideDestination) {
    throw new AppError(
      'validation_failed',
      'Chọn tổ chức nhận trong hệ thống hoặc ghi nơi chuyển đến (một trong hai)',
      [{ path: 'toOrganizationId', message: 'Cần đúng một nơi chuyển đến' }],
    );
  }
  await db.transaction(async (tx) => {
    const member = await getManagedActiveMember(tx, actor, id, 'member.transfer');
    const [official] = await repo.findOpenMembership(tx, id, 'official');
    const destination = input.toOrganizationId
      ? await orgRepo.findNode(tx, input.toOrganizationId, input.effectiveDate)
      : null;
    if (input.toOrganizationId && (!destination || !isCellKind(destination.kind))) {
      throw new AppError('not_found', 'Không tìm thấy chi bộ nhận', [
        { path: 'toOrganizationId', message: 'Chi bộ nhận không tồn tại vào ngày chuyển' },
      ]);
    }
    if (destination && official && destination.id === official.organization_id) {
      throw new AppError('validation_failed', 'Đảng viên đang sinh hoạt ở chi bộ này', [
        { path: 'toOrganizationId', message: 'Chọn chi bộ khác' },
      ]);
    }
    if (official && input.effectiveDate <= official.valid_from) {
      throw new AppError('validation_failed', 'Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại', [
        { path: 'effectiveDate', message: `Phải sau ${formatDateVi(official.valid_from)}` },
      ]);
    }
    const common = {
      provinceId: member.province_id,
      memberId: id,
      eventDate: input.effectiveDate,
      documentRef: input.documentRef ?? null,
      note: input.note ?? null,
      otherParty: input.outsideDestination ?? null,
    };
    if (input.kind === 'official') {
      if (official) await repo.endMembership(tx, official.id, input.effectiveDate);
      // Leaving the cell also ends temporary attendance elsewhere and the place in a party group.
      for (const kind of ['temporary', 'party_group'] as const) {
        for (const t of await repo.findOpenMembership(tx, id, kind))
          await repo.endMembership(tx, t.id, input.effectiveDate);
      }
      await repo.insertEvent(tx, {
        ...common,
        kind: 'transferred_out',
        fromOrganizationId: official?.organization_id,
        toOrganizationId: destination?.id,
      });
      if (destination) {
        await repo.insertMembership(tx, {
          provinceId: destination.province_id,
          memberId: id,
          organizationId: destination.id,
          kind: 'official',
          validFrom: input.effectiveDate,
        });
        await repo.insertEvent(tx, {
          ...common,
          provinceId: destination.province_id,
          kind: 'transferred_in',
          fromOrganizationId: official?.organization_id,
          toOrganizationId: destination.id,
        });
      } else {
        await repo.setLifecycle(tx, id, 'transferred_out');
        await repo.endOpenMemberships(tx, id, input.effectiveDate);
      }
    } else {
      // Sinh hoạt tạm thời: the member keeps their official cell and also attends another.
      if (destination) {
        await repo.insertMembership(tx, {
          provinceId: destination.province_id,
          memberId: id,
          organizationId: destination.id,
          kind: 'temporary',
          validFrom: input.effectiveDate,
        });
      }
      await repo.insertEvent(tx, {
        ...common,
        kind: 'temporary_out',
        fromOrganizationId: official?.organization_id,
        toOrganizationId: destination?.id,
      });
    }
    await recordAudit(tx, {
      chain: member.province_id,
      actorAccountId: actor.accountId,
      action: `member.transfer.${input.kind}`,
      entity: 'member',
      entityId: id,
      before: { organizationId: official?.organization_id ?? null },
      after: input,
      ip: meta.ip,
    });
  });
  return getProfile(db, actor, id);
}

export async function exempt(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof exemptionBody>,
  meta: AuditMeta,
): Promise<MemberProfile> {
  if (input.validTo && input.validTo <= input.validFrom) {
    throw new AppError('validation_failed', 'Ngày kết thúc phải sau ngày bắt đầu', [
      { path: 'validTo', message: 'Phải sau ngày bắt đầu miễn' },
    ]);
  }
  await db.transaction(async (tx) => {
    const member = await getManagedActiveMember(tx, actor, id, 'member.exempt');
    await repo.insertExemption(tx, {
      provinceId: member.province_id,
      memberId: id,
      reason: input.reason,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      documentRef: input.documentRef ?? null,
    });
    await recordAudit(tx, {
      chain: member.province_id,
      actorAccountId: actor.accountId,
      action: 'member.exempt',
      entity: 'member',
      entityId: id,
      after: input,
      ip: meta.ip,
    });
  });
  return getProfile(db, actor, id);
}

/** Puts a member of a cell into one of its party groups from a date (leaving any group they were in). */
export async function joinPartyGroup(
  db: Database,
  actor: Actor,
  groupId: string,
  input: z.infer<typeof joinPartyGroupBody>,
  meta: AuditMeta,
): Promise<MemberProfile> {
  await db.transaction(async (tx) => {
    const group = await getVisibleOrganization(tx, actor, groupId, 'groupId');
    if (group.kind !== 'party_group' || group.valid_to) {
      throw new AppError('validation_failed', 'Chỉ phân đảng viên vào tổ đảng đang hoạt động', [
        { path: 'groupId', message: 'Không phải tổ đảng' },
      ]);
    }
    const member = await getManagedActiveMember(tx, actor, input.memberId, 'member.transfer');
    const [official] = await repo.findOpenMembership(tx, member.id, 'official');
    if (!official || official.organization_id !== group.parent_id) {
      throw new AppError(
        'validation_failed',
        'Đảng viên phải sinh hoạt chính thức tại chi bộ có tổ đảng này',
        [{ path: 'memberId', message: 'Không thuộc chi bộ của tổ đảng' }],
      );
    }
    const [current] = await repo.findOpenMembership(tx, member.id, 'party_group');
    if (current?.organization_id === group.id) throw new AppError('conflict', 'Đảng viên đã ở tổ đảng này');
    if (current && input.validFrom <= current.valid_from) {
      throw new AppError('validation_failed', 'Ngày vào tổ phải sau ngày vào tổ đảng hiện tại', [
        { path: 'validFrom', message: `Phải sau ${formatDateVi(current.valid_from)}` },
      ]);
    }
    if (current) await repo.endMembership(tx, current.id, input.validFrom);
    await repo.insertMembership(tx, {
      provinceId: group.province_id,
      memberId: member.id,
      organizationId: group.id,
      kind: 'party_group',
      validFrom: input.validFrom,
    });
    await recordAudit(tx, {
      chain: group.province_id,
      actorAccountId: actor.accountId,
      action: 'member.partyGroup.join',
      entity: 'member',
      entityId: member.id,
      before: { groupId: current?.organization_id ?? null },
      after: { groupId: group.id, validFrom: input.validFrom },
      ip: meta.ip,
    });
  });
  return getProfile(db, actor, input.memberId);
}

/** Ends a party-group or temporary membership on a date (an official one ends only by a transfer or event). */
export async function endMembership(
  db: Database,
  actor: Actor,
  membershipId: string,
  validTo: string,
  meta: AuditMeta,
): Promise<MemberProfile> {
  const memberId = await db.transaction(async (tx) => {
    const ms = await repo.findMembership(tx, membershipId);
    if (!ms) throw notFound('Không tìm thấy nơi sinh hoạt');
    const member = await getManagedActiveMember(tx, actor, ms.member_id, 'member.transfer');
    if (ms.kind === 'official') {
      throw new AppError(
        'invalid_state',
        'Nơi sinh hoạt chính thức chỉ kết thúc khi chuyển sinh hoạt hoặc ghi nhận sự kiện',
      );
    }
    if (ms.valid_to) throw new AppError('invalid_state', 'Nơi sinh hoạt này đã kết thúc');
    if (validTo <= ms.valid_from) {
      throw new AppError('validation_failed', 'Ngày kết thúc phải sau ngày bắt đầu', [
        { path: 'validTo', message: `Phải sau ${formatDateVi(ms.valid_from)}` },
      ]);
    }
    await repo.endMembership(tx, ms.id, validTo);
    if (ms.kind === 'temporary') {
      await repo.insertEvent(tx, {
        provinceId: member.province_id,
        memberId: member.id,
        kind: 'temporary_return',
        eventDate: validTo,
        fromOrganizationId: ms.organization_id,
      });
    }
    await recordAudit(tx, {
      chain: member.province_id,
      actorAccountId: actor.accountId,
      action: 'membership.end',
      entity: 'membership',
      entityId: ms.id,
      before: { validTo: null },
      after: { validTo },
      ip: meta.ip,
    });
    return member.id;
  });
  return getProfile(db, actor, memberId);
}
