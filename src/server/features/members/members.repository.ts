// SQL of members: filtered lists, profiles, memberships, exemptions, lifecycle events.
import type { MemberFields, MemberListQuery } from '../../../contracts/members.ts';
import type { Queryable } from '../../platform/db.ts';

export interface MemberListRow {
  id: string;
  full_name: string;
  date_of_birth: string | null;
  gender: 'male' | 'female' | null;
  status: 'probationary' | 'full';
  lifecycle: 'active' | 'transferred_out' | 'died' | 'removed' | 'expelled';
  party_card_number: string | null;
  is_exempt: boolean;
  is_temporary: boolean;
  is_official: boolean;
  organization_id: string | null;
  organization_name: string | null;
  sort_key: string;
  search_name: string;
  rank: number;
}

/** A position in the list's order: given name, folded full name, member id. */
export interface ListPosition {
  sortKey: string;
  searchName: string;
  memberId: string;
}

export interface ListFilter extends Omit<MemberListQuery, 'cursor' | 'q' | 'organizationId'> {
  /** The label of the organisation whose subtree (or, direct, itself) is listed. */
  ancestor: string;
  /** Folded words searched (diacritics ignored), escaped for LIKE; null: no search. */
  foldedQuery: string | null;
  after: ListPosition | null;
  today: string;
}

/**
 * The list's rows of one subtree from member_listing (migration 0014), one per member: where they attend today
 * (official first, else their latest other membership) among the memberships the filters keep; former members
 * where they last officially attended. Without a search: in the list's order after the cursor, read along the
 * index. With one: ranked (full name begins with the words, then the given name does, then the name contains
 * them; or the party card number is the words), each kind of match read along its own index up to a screen's
 * worth, so a search costs the same in a cell and in the province.
 */
export async function listMembers(q: Queryable, f: ListFilter): Promise<MemberListRow[]> {
  const params: unknown[] = [f.ancestor, f.lifecycle, f.today, f.limit];
  const add = (value: unknown) => `$${params.push(value)}`;
  const kind = f.temporary === 'yes' ? `'temporary'` : f.temporary === 'no' ? `'official'` : null;
  const open = (a: string) =>
    `(${a}.lifecycle <> 'active' OR (${a}.valid_from <= $3 AND (${a}.valid_to IS NULL OR ${a}.valid_to > $3)))`;
  const kept = (a: string) =>
    [open(a), f.scope === 'direct' ? `${a}.direct` : null, kind ? `${a}.kind = ${kind}` : null]
      .filter(Boolean)
      .join(' AND ');
  const where: string[] = [
    'l.ancestor = $1',
    'l.lifecycle = $2',
    kept('l'),
    // The member's other rows here that rank before this one (official first, then the latest begun) hide it.
    // A scalar subquery (not NOT EXISTS), so it stays one index probe per row read: an anti-join could hash the
    // whole subtree's rows first. As a boolean (not IS NULL, which the planner guesses keeps 0.5% of the rows) it
    // leaves the planner reading the subtree in the list's order rather than sorting all of it.
    `COALESCE((SELECT false FROM member_listing o WHERE o.ancestor = l.ancestor AND o.member_id = l.member_id
       AND o.membership_id <> l.membership_id AND ${kept('o')}
       AND (o.kind = 'official', o.valid_from, o.membership_id) > (l.kind = 'official', l.valid_from, l.membership_id)
       LIMIT 1), true)`,
  ];
  if (f.status) where.push(`l.status = ${add(f.status)}`);
  if (f.gender) where.push(`m.gender = ${add(f.gender)}`);
  const exemptSql = `EXISTS (SELECT 1 FROM exemption e WHERE e.member_id = l.member_id AND e.valid_from <= $3
                       AND (e.valid_to IS NULL OR e.valid_to > $3))`;
  if (f.exempt === 'yes') where.push(exemptSql);
  if (f.exempt === 'no') where.push(`NOT ${exemptSql}`);
  const columns = `l.member_id AS id, m.full_name, m.date_of_birth, m.gender, m.status, m.lifecycle, m.party_card_number,
    ${exemptSql} AS is_exempt, l.kind = 'temporary' AS is_temporary, l.kind = 'official' AS is_official,
    l.organization_id, (SELECT p.name FROM organization_period p WHERE p.organization_id = l.organization_id
      ORDER BY p.valid_to IS NULL DESC, p.valid_from DESC LIMIT 1) AS organization_name, l.sort_key, l.search_name`;
  const from = 'member_listing l JOIN member m ON m.id = l.member_id';
  const conditions = where.join(' AND ');

  if (!f.foldedQuery) {
    if (f.after) {
      where.push(
        `(l.sort_key, l.search_name, l.member_id) > (${add(f.after.sortKey)}, ${add(f.after.searchName)}, ${add(f.after.memberId)}::uuid)`,
      );
    }
    return q.query<MemberListRow>(
      `SELECT ${columns}, 0 AS rank FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY l.sort_key, l.search_name, l.member_id LIMIT $4`,
      params,
    );
  }
  const words = add(f.foldedQuery);
  // Candidates are ranked on their listing row alone; the page's few rows are then read in full.
  const slim = 'l.member_id AS id, l.membership_id, l.sort_key, l.search_name';
  const branch = (rank: number, match: string, order: string) =>
    `(SELECT ${slim}, ${rank} AS rank FROM ${from} WHERE ${conditions} AND ${match} ORDER BY ${order} LIMIT $4)`;
  const branches = [
    branch(0, `l.search_name LIKE ${words} || '%'`, 'l.search_name, l.member_id'),
    branch(1, `l.sort_key LIKE ${words} || '%'`, 'l.sort_key, l.search_name, l.member_id'),
    branch(0, `m.party_card_number = ${words}`, 'l.member_id'),
  ];
  // A name that contains the words elsewhere: candidates by trigram (three letters or more), best first.
  if (f.foldedQuery.replace(/\\/g, '').length >= 3) {
    branches.push(
      `(SELECT * FROM (SELECT ${slim}, 2 AS rank FROM ${from} WHERE ${conditions}
          AND l.search_name LIKE '%' || ${words} || '%' LIMIT 500) c
        ORDER BY similarity(c.search_name, ${words}) DESC, c.sort_key, c.search_name, c.id LIMIT $4)`,
    );
  }
  // A member matched several ways counts by their best match.
  const order = `y.rank, CASE WHEN y.rank = 2 THEN -similarity(y.search_name, ${words}) ELSE 0 END,
    y.sort_key, y.search_name, y.id`;
  return q.query<MemberListRow>(
    `SELECT ${columns}, y.rank
       FROM (SELECT * FROM (SELECT DISTINCT ON (id) * FROM (${branches.join(' UNION ALL ')}) x ORDER BY id, rank) y
              ORDER BY ${order} LIMIT $4) y
       JOIN member_listing l ON l.ancestor = $1 AND l.member_id = y.id AND l.membership_id = y.membership_id
       JOIN member m ON m.id = l.member_id
      ORDER BY ${order}`,
    params,
  );
}

/** The organisations' current paths (to keep only the outermost of an actor's scopes). */
export async function currentPaths(q: Queryable, ids: string[]) {
  return q.query<{ id: string; path: string }>(
    `SELECT organization_id AS id, path::text AS path FROM organization_period
      WHERE organization_id = ANY($1::uuid[]) AND valid_to IS NULL`,
    [ids],
  );
}

/** The roots of the tree as it stands (everything, for a system administrator). */
export async function rootIds(q: Queryable) {
  const rows = await q.query<{ id: string }>(
    'SELECT organization_id AS id FROM organization_period WHERE parent_id IS NULL AND valid_to IS NULL',
  );
  return rows.map((r) => r.id);
}

export interface MemberRow {
  id: string;
  province_id: string;
  full_name: string;
  birth_name: string | null;
  date_of_birth: string | null;
  gender: 'male' | 'female' | null;
  ethnicity: string | null;
  religion: string | null;
  hometown: string | null;
  education: string | null;
  political_theory: string | null;
  profession: string | null;
  admission_date: string | null;
  full_membership_date: string | null;
  party_card_number: string | null;
  citizen_id: string | null;
  phone: string | null;
  email: string | null;
  status: 'probationary' | 'full';
  lifecycle: 'active' | 'transferred_out' | 'died' | 'removed' | 'expelled';
}

export async function findMember(q: Queryable, id: string): Promise<MemberRow | null> {
  const rows = await q.query<MemberRow>('SELECT * FROM member WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** Paths of the organisations the member attends on the date, or their last official one if none. */
export async function listMemberPaths(q: Queryable, memberId: string, today: string): Promise<string[]> {
  const rows = await q.query<{ path: string }>(
    `SELECT DISTINCT ON (ms.id) p.path::text AS path
       FROM membership ms JOIN organization_period p ON p.organization_id = ms.organization_id
      WHERE ms.member_id = $1 AND (
              (ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2))
           OR ms.id = (SELECT id FROM membership WHERE member_id = $1 AND kind = 'official'
                        ORDER BY valid_to IS NULL DESC, valid_to DESC LIMIT 1))
      ORDER BY ms.id, p.valid_to IS NULL DESC, p.valid_from DESC`,
    [memberId, today],
  );
  return rows.map((r) => r.path);
}

export async function listMemberships(q: Queryable, memberId: string) {
  return q.query<{
    id: string;
    organization_id: string;
    organization_name: string;
    organization_kind: string;
    kind: 'official' | 'temporary' | 'party_group';
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT ms.id, ms.organization_id, o.kind AS organization_kind, ms.kind, ms.valid_from, ms.valid_to,
            (SELECT p.name FROM organization_period p WHERE p.organization_id = ms.organization_id
              ORDER BY p.valid_to IS NULL DESC, p.valid_from DESC LIMIT 1) AS organization_name
       FROM membership ms JOIN organization o ON o.id = ms.organization_id
      WHERE ms.member_id = $1 ORDER BY ms.valid_from DESC`,
    [memberId],
  );
}

export async function listExemptions(q: Queryable, memberId: string) {
  return q.query<{
    id: string;
    reason: string;
    valid_from: string;
    valid_to: string | null;
    document_ref: string | null;
  }>(
    'SELECT id, reason, valid_from, valid_to, document_ref FROM exemption WHERE member_id = $1 ORDER BY valid_from DESC',
    [memberId],
  );
}

// The inner alias must not shadow the caller's (`position p` made `p.organization_id = p.organization_id`).
const orgName = (col: string) =>
  `(SELECT np.name FROM organization_period np WHERE np.organization_id = ${col}
     ORDER BY np.valid_to IS NULL DESC, np.valid_from DESC LIMIT 1)`;

export async function listEvents(q: Queryable, memberId: string) {
  return q.query<{
    id: string;
    kind: string;
    event_date: string;
    from_organization_name: string | null;
    to_organization_name: string | null;
    other_party: string | null;
    document_ref: string | null;
    note: string | null;
  }>(
    `SELECT e.id, e.kind, e.event_date, ${orgName('e.from_organization_id')} AS from_organization_name,
            ${orgName('e.to_organization_id')} AS to_organization_name, e.other_party, e.document_ref, e.note
       FROM member_event e WHERE e.member_id = $1 ORDER BY e.event_date DESC, e.created_at DESC`,
    [memberId],
  );
}

export async function listMemberPositions(q: Queryable, memberId: string) {
  return q.query<{
    kind: string;
    organization_id: string;
    organization_name: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT p.kind, p.organization_id, ${orgName('p.organization_id')} AS organization_name, p.valid_from, p.valid_to
       FROM position p WHERE p.member_id = $1 ORDER BY p.valid_to IS NULL DESC, p.valid_from DESC`,
    [memberId],
  );
}

const columnOf: Record<keyof MemberFields, string> = {
  fullName: 'full_name',
  birthName: 'birth_name',
  dateOfBirth: 'date_of_birth',
  gender: 'gender',
  ethnicity: 'ethnicity',
  religion: 'religion',
  hometown: 'hometown',
  education: 'education',
  politicalTheory: 'political_theory',
  profession: 'profession',
  admissionDate: 'admission_date',
  fullMembershipDate: 'full_membership_date',
  partyCardNumber: 'party_card_number',
  citizenId: 'citizen_id',
  phone: 'phone',
  email: 'email',
  status: 'status',
};

/** Maps profile fields to columns; search_name follows full_name. */
export function toColumns(fields: Partial<MemberFields>, searchName?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const col = columnOf[key as keyof MemberFields];
    if (col && value !== undefined) out[col] = value;
  }
  if (searchName !== undefined) out.search_name = searchName;
  return out;
}

export async function insertMember(
  q: Queryable,
  provinceId: string,
  columns: Record<string, unknown>,
): Promise<string> {
  const names = ['province_id', ...Object.keys(columns)];
  const values = [provinceId, ...Object.values(columns)];
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO member (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    values,
  );
  return row!.id;
}

export async function updateMember(q: Queryable, id: string, columns: Record<string, unknown>) {
  const entries = Object.entries(columns);
  if (entries.length === 0) return;
  await q.query(
    `UPDATE member SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [id, ...entries.map(([, v]) => v)],
  );
}

export async function setLifecycle(q: Queryable, id: string, lifecycle: MemberRow['lifecycle']) {
  await q.query('UPDATE member SET lifecycle = $2, updated_at = now() WHERE id = $1', [id, lifecycle]);
}

export async function insertMembership(
  q: Queryable,
  m: {
    provinceId: string;
    memberId: string;
    organizationId: string;
    kind: 'official' | 'temporary' | 'party_group';
    validFrom: string;
  },
) {
  await q.query(
    `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from) VALUES ($1,$2,$3,$4,$5)`,
    [m.provinceId, m.memberId, m.organizationId, m.kind, m.validFrom],
  );
}

export async function findOpenMembership(
  q: Queryable,
  memberId: string,
  kind: 'official' | 'temporary' | 'party_group',
) {
  const rows = await q.query<{ id: string; organization_id: string; valid_from: string }>(
    'SELECT id, organization_id, valid_from FROM membership WHERE member_id = $1 AND kind = $2 AND valid_to IS NULL',
    [memberId, kind],
  );
  return rows;
}

export async function endMembership(q: Queryable, membershipId: string, date: string) {
  await q.query('UPDATE membership SET valid_to = $2 WHERE id = $1', [membershipId, date]);
}

/** The latest start among the member's open memberships (null when none is open). */
export async function latestOpenMembershipStart(q: Queryable, memberId: string): Promise<string | null> {
  const [row] = await q.query<{ start: string | null }>(
    'SELECT max(valid_from)::text AS start FROM membership WHERE member_id = $1 AND valid_to IS NULL',
    [memberId],
  );
  return row?.start ?? null;
}

export async function endOpenMemberships(q: Queryable, memberId: string, date: string) {
  await q.query('UPDATE membership SET valid_to = $2 WHERE member_id = $1 AND valid_to IS NULL', [
    memberId,
    date,
  ]);
  await q.query(
    'UPDATE position SET valid_to = $2 WHERE member_id = $1 AND valid_to IS NULL AND valid_from < $2',
    [memberId, date],
  );
}

export async function insertEvent(
  q: Queryable,
  e: {
    provinceId: string;
    memberId: string;
    kind: string;
    eventDate: string;
    fromOrganizationId?: string | null;
    toOrganizationId?: string | null;
    otherParty?: string | null;
    documentRef?: string | null;
    note?: string | null;
  },
) {
  await q.query(
    `INSERT INTO member_event (province_id, member_id, kind, event_date, from_organization_id, to_organization_id,
       other_party, document_ref, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      e.provinceId,
      e.memberId,
      e.kind,
      e.eventDate,
      e.fromOrganizationId ?? null,
      e.toOrganizationId ?? null,
      e.otherParty ?? null,
      e.documentRef ?? null,
      e.note ?? null,
    ],
  );
}

export async function insertExemption(
  q: Queryable,
  e: {
    provinceId: string;
    memberId: string;
    reason: string;
    validFrom: string;
    validTo: string | null;
    documentRef: string | null;
  },
) {
  await q.query(
    `INSERT INTO exemption (province_id, member_id, reason, valid_from, valid_to, document_ref) VALUES ($1,$2,$3,$4,$5,$6)`,
    [e.provinceId, e.memberId, e.reason, e.validFrom, e.validTo, e.documentRef],
  );
}

/** Members matched by party card number or citizen ID (for re-imports). */
export async function findByIdentifiers(q: Queryable, cards: string[], citizenIds: string[]) {
  return q.query<MemberRow>(
    'SELECT * FROM member WHERE party_card_number = ANY($1::text[]) OR citizen_id = ANY($2::text[])',
    [cards, citizenIds],
  );
}

export async function findMembership(q: Queryable, id: string) {
  const rows = await q.query<{
    id: string;
    member_id: string;
    organization_id: string;
    kind: 'official' | 'temporary' | 'party_group';
    valid_from: string;
    valid_to: string | null;
  }>('SELECT id, member_id, organization_id, kind, valid_from, valid_to FROM membership WHERE id = $1', [id]);
  return rows[0] ?? null;
}
