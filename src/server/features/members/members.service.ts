// Members: lists filtered by what the actor may see, profiles with personal data guarded, create and update.
// Events, transfers, exemptions and party groups: member-changes.service.ts.
import type { z } from 'zod';
import type {
  MemberListQuery,
  MemberProfile,
  createMemberBody,
  updateMemberBody,
} from '../../../contracts/members.ts';
import { memberActions } from '../../../contracts/members.ts';
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  type Actor,
  allowedActions,
  can,
  type MemberResource,
  visibilityPatterns,
} from '../../../domain/permissions.ts';
import { memberRuleProblems } from '../../../domain/roster-rows.ts';
import { escapeLike, foldVietnamese } from '../../../domain/text.ts';
import { isCellKind, pathLabel } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { message } from '../../../messages/index.ts';
import { fromStoredText } from '../../../domain/messages.ts';
import { findOrganization } from '../organizations/organizations.service.ts';
import { countMembers, refreshMembers } from '../summaries/member-summaries.service.ts';
import * as repo from './members.repository.ts';

/** A stored member as other features' read models see it (roster import matches and exports these). */
export type { MemberRow } from './members.repository.ts';

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

/** A member's standing for offices and roles (other features): status, lifecycle, organisations attended. */
export async function findMemberStanding(q: Queryable, id: string, date = todayIso()) {
  const m = await repo.findMember(q, id);
  if (!m) return null;
  const organizationPaths = await repo.listMemberPaths(q, id, date);
  return {
    id: m.id,
    provinceId: m.province_id,
    fullName: m.full_name,
    status: m.status,
    lifecycle: m.lifecycle,
    organizationPaths,
  };
}

/** The member if the actor may see them, else a 404 that does not reveal whether they exist. */
export async function getVisibleMember(q: Queryable, actor: Actor, id: string) {
  const resource = await findMemberResource(q, id);
  if (!resource || !can(actor, 'member.view', resource)) throw notFound(message('member.not_found'));
  return resource;
}

/** The organisation a request names in `field`, or a 404 under that field. */
export async function getVisibleOrganization(
  q: Queryable,
  actor: Actor,
  id: string,
  field: string,
  date?: string,
) {
  const node = await findOrganization(q, id, date);
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw new AppError('not_found', message('organization.not_found'), [
      { path: field, message: message('organization.does_not_exist') },
    ]);
  }
  return node;
}

/** The opaque position after a row of the member list (given name, folded full name, id). */
function cursorAfter(row: repo.MemberListRow): string {
  return Buffer.from(JSON.stringify([row.sort_key, row.search_name, row.id])).toString('base64url');
}

function positionOf(cursor: string | undefined): repo.ListPosition | null {
  if (!cursor) return null;
  try {
    const [sortKey, searchName, memberId] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof sortKey === 'string' &&
      typeof searchName === 'string' &&
      typeof memberId === 'string' &&
      /^[0-9a-f-]{36}$/i.test(memberId)
    )
      return { sortKey, searchName, memberId };
  } catch {
    // not one of ours: start over
  }
  return null;
}

/** The organisations whose subtrees an actor's list covers when none is chosen: the outermost of their scopes. */
async function listedRoots(db: Queryable, actor: Actor): Promise<string[]> {
  if (visibilityPatterns(actor) === null) return repo.rootIds(db);
  const paths = await repo.currentPaths(db, [...new Set(actor.scopes.map((s) => s.organizationId))]);
  // A scope inside another adds nothing.
  return paths
    .filter(
      (p) => !paths.some((o) => o.id !== p.id && p.path.split('.').slice(0, -1).includes(pathLabel(o.id))),
    )
    .map((p) => p.id);
}

/** The count kind a list's filters read, or null when a filter is not counted (a search, gender, exemption). */
function countKindOf(query: MemberListQuery): string | null {
  if (query.q || query.gender || query.exempt) return null;
  if (query.lifecycle !== 'active') return query.temporary === 'yes' ? null : query.lifecycle;
  return query.temporary === 'yes' ? 'temporary' : query.temporary === 'no' ? 'official' : 'listed';
}

/**
 * A page of the members of an organisation's subtree (or of everything the actor may see), in the list's order
 * after the cursor; with a search, the best matches (one screen, no further page). The total comes from the
 * member counts (null when a filter is not counted, or the list covers several subtrees).
 */
export async function list(db: Queryable, actor: Actor, query: MemberListQuery) {
  if (query.organizationId) await getVisibleOrganization(db, actor, query.organizationId, 'organizationId');
  const roots = query.organizationId ? [query.organizationId] : await listedRoots(db, actor);
  const scope = query.organizationId ? query.scope : 'subtree';
  const folded = query.q ? foldVietnamese(query.q) : '';
  const today = todayIso();
  const pages = await Promise.all(
    roots.map((id) =>
      repo.listMembers(db, {
        ...query,
        scope,
        ancestor: pathLabel(id),
        foldedQuery: folded ? escapeLike(folded) : null,
        after: folded ? null : positionOf(query.cursor),
        today,
        limit: query.limit + 1,
      }),
    ),
  );
  // Several subtrees: their pages merged in the list's order, a member once (where they officially attend).
  const byMember = new Map<string, repo.MemberListRow>();
  for (const row of pages.flat()) {
    const seen = byMember.get(row.id);
    if (!seen || (!seen.is_official && row.is_official)) byMember.set(row.id, row);
  }
  const rows =
    pages.length === 1
      ? pages[0]!
      : [...byMember.values()].sort(
          (a, b) =>
            a.rank - b.rank ||
            cmp(a.sort_key, b.sort_key) ||
            cmp(a.search_name, b.search_name) ||
            cmp(a.id, b.id),
        );
  const items = rows.slice(0, query.limit);
  const kind = countKindOf(query);
  return {
    total:
      kind === null || roots.length !== 1
        ? null
        : await countMembers(db, {
            organizationIds: roots,
            direct: scope === 'direct',
            kind,
            status: query.status ?? null,
            asOf: today,
          }),
    nextCursor: !folded && rows.length > query.limit ? cursorAfter(items[items.length - 1]!) : null,
    items: items.map((r) => ({
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

/** Byte order: the listing's names are in the C collation (migration 0014), and ids compare as text. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function getProfile(db: Queryable, actor: Actor, id: string): Promise<MemberProfile> {
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
      // A note the app wrote is a message's JSON; a person's note is shown as written.
      note: fromStoredText(e.note),
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
    issues.push({ path: 'admissionDate', message: message('member.admission_before_birth') });
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
      throw new AppError('forbidden', message('member.create_forbidden'));
    }
    if (!isCellKind(org.kind)) {
      throw new AppError('validation_failed', message('member.cell_only'), [
        { path: 'organizationId', message: message('organization.choose_cell') },
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
    await refreshMembers(tx, [id]);
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
      throw new AppError('forbidden', message('member.update_forbidden'));
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
    await refreshMembers(tx, [id]);
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
