// Changes in a member's life with their history: events (made full, died, removed, expelled), transfers,
// exemptions, and party-group memberships. Each is one transaction with its audit row.
import type { z } from 'zod';
import type {
  MemberProfile,
  exemptionBody,
  joinPartyGroupBody,
  memberEventBody,
  transferBody,
} from '../../../contracts/members.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import { memberRuleProblems } from '../../../domain/roster-rows.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { can } from '../../../domain/permissions.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findOrganization } from '../organizations/organizations.service.ts';
import { refreshMembers } from '../summaries/member-summaries.service.ts';
import * as repo from './members.repository.ts';
import { type AuditMeta, getProfile, getVisibleMember, getVisibleOrganization } from './members.service.ts';
import { refreshForMemberMove } from '../evaluation/four-good-summary.ts';

const mustBeAfter = (date: string) => message('member.must_be_after', { date: formatDateVi(date) });

async function getManagedActiveMember(
  tx: Queryable,
  actor: Actor,
  id: string,
  action: 'member.recordEvent' | 'member.transfer' | 'member.exempt',
) {
  const resource = await getVisibleMember(tx, actor, id);
  if (!can(actor, action, resource)) throw new AppError('forbidden');
  const member = (await repo.findMember(tx, id))!;
  if (member.lifecycle !== 'active') {
    throw new AppError('invalid_state', message('member.not_active'));
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
      if (member.status === 'full') throw new AppError('invalid_state', message('member.already_full'));
      if (member.admission_date && input.eventDate < member.admission_date) {
        throw new AppError('validation_failed', message('member.full_before_admission'), [
          { path: 'eventDate', message: mustBeAfter(member.admission_date) },
        ]);
      }
      // The date bounds of a full-membership date (not in the future, after the founding, after probation).
      const problems = memberRuleProblems(
        {
          dateOfBirth: member.date_of_birth,
          admissionDate: member.admission_date,
          fullMembershipDate: input.eventDate,
          status: 'full',
        },
        todayIso(),
      ).filter((p) => p.field === 'fullMembershipDate');
      if (problems.length > 0) {
        throw new AppError(
          'validation_failed',
          problems[0]!.message,
          problems.map((p) => ({ path: 'eventDate', message: p.message })),
        );
      }
      await repo.updateMember(tx, id, { status: 'full', full_membership_date: input.eventDate });
    } else {
      // Leaving ends the open memberships on the event's date, which must come after each began.
      const since = await repo.latestOpenMembershipStart(tx, id);
      if (since && input.eventDate <= since) {
        throw new AppError('validation_failed', message('member.event_before_membership'), [
          { path: 'eventDate', message: mustBeAfter(since) },
        ]);
      }
      await repo.setLifecycle(tx, id, lifecycleOf[input.kind]);
      await repo.endOpenMemberships(tx, id, input.eventDate);
    }
    await repo.insertEvent(tx, { provinceId: member.province_id, memberId: id, ...input });
    await refreshMembers(tx, [id]);
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
    throw new AppError('validation_failed', message('member.transfer_one_destination'), [
      { path: 'toOrganizationId', message: message('member.transfer_exactly_one') },
    ]);
  }
  await db.transaction(async (tx) => {
    const member = await getManagedActiveMember(tx, actor, id, 'member.transfer');
    const [official] = await repo.findOpenMembership(tx, id, 'official');
    const destination = input.toOrganizationId
      ? await findOrganization(tx, input.toOrganizationId, input.effectiveDate)
      : null;
    if (input.toOrganizationId && (!destination || !isCellKind(destination.kind))) {
      throw new AppError('not_found', message('member.receiving_cell_not_found'), [
        { path: 'toOrganizationId', message: message('member.receiving_cell_missing_on_date') },
      ]);
    }
    if (destination && official && destination.id === official.organization_id) {
      throw new AppError('validation_failed', message('member.already_in_cell'), [
        { path: 'toOrganizationId', message: message('member.choose_other_cell') },
      ]);
    }
    if (official && input.effectiveDate <= official.valid_from) {
      throw new AppError('validation_failed', message('member.transfer_before_current'), [
        { path: 'effectiveDate', message: mustBeAfter(official.valid_from) },
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
        // A discipline decision counts toward the cells the member belonged to in its year ("bốn tốt").
        await refreshForMemberMove(tx, id, input.effectiveDate);
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
    await refreshMembers(tx, [id]);
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
    throw new AppError('validation_failed', message('member.end_before_start'), [
      { path: 'validTo', message: message('member.exemption_end_before_start') },
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
      throw new AppError('validation_failed', message('member.group_not_active'), [
        { path: 'groupId', message: message('member.not_a_party_group') },
      ]);
    }
    const member = await getManagedActiveMember(tx, actor, input.memberId, 'member.transfer');
    const [official] = await repo.findOpenMembership(tx, member.id, 'official');
    if (!official || official.organization_id !== group.parent_id) {
      throw new AppError('validation_failed', message('member.group_outside_cell'), [
        { path: 'memberId', message: message('member.not_in_group_cell') },
      ]);
    }
    const [current] = await repo.findOpenMembership(tx, member.id, 'party_group');
    if (current?.organization_id === group.id)
      throw new AppError('conflict', message('member.already_in_group'));
    if (current && input.validFrom <= current.valid_from) {
      throw new AppError('validation_failed', message('member.group_join_before_current'), [
        { path: 'validFrom', message: mustBeAfter(current.valid_from) },
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
    await refreshMembers(tx, [member.id]);
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
    if (!ms) throw notFound(message('member.membership_not_found'));
    const member = await getManagedActiveMember(tx, actor, ms.member_id, 'member.transfer');
    if (ms.kind === 'official') {
      throw new AppError('invalid_state', message('member.official_membership_end'));
    }
    if (ms.valid_to) throw new AppError('invalid_state', message('member.membership_already_ended'));
    if (validTo <= ms.valid_from) {
      throw new AppError('validation_failed', message('member.end_before_start'), [
        { path: 'validTo', message: mustBeAfter(ms.valid_from) },
      ]);
    }
    await repo.endMembership(tx, ms.id, validTo);
    await refreshMembers(tx, [member.id]);
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
