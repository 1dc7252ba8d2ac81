// SQL of the organisation tree: nodes as of a date, roll-up counts, search, history, reorganisation writes.
import type { CellType, OrganizationKind, PositionKind } from '../../../contracts/organizations.ts';
import type { Queryable } from '../../platform/db.ts';

/** SQL condition: the row (alias a) is valid on the date in parameter $n. */
const validAt = (a: string, n: number) =>
  `${a}.valid_from <= $${n} AND (${a}.valid_to IS NULL OR ${a}.valid_to > $${n})`;

export interface NodeRow {
  id: string;
  province_id: string;
  parent_id: string | null;
  name: string;
  kind: OrganizationKind;
  cell_type: CellType | null;
  symbol: string | null;
  path: string;
  depth: number;
  period_id: number;
  period_from: string;
  period_to: string | null;
  valid_from: string;
  valid_to: string | null;
  end_reason: string | null;
  successor_id: string | null;
}

const nodeColumns = `o.id, o.province_id, p.parent_id, p.name, o.kind, o.cell_type, o.symbol, p.path::text AS path, p.depth,
  p.id AS period_id, p.valid_from AS period_from, p.valid_to AS period_to, o.valid_from, o.valid_to, o.end_reason,
  o.successor_id`;

export interface NodeWithCountsRow extends NodeRow {
  child_count: number;
}

const countColumns = (d: number) => `
  (SELECT count(*) FROM organization_period c WHERE c.parent_id = o.id AND ${validAt('c', d)})::int AS child_count`;

export async function listChildren(
  q: Queryable,
  parentId: string,
  asOf: string,
): Promise<NodeWithCountsRow[]> {
  return q.query<NodeWithCountsRow>(
    `SELECT ${nodeColumns}, ${countColumns(2)}
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.parent_id = $1 AND ${validAt('p', 2)}
      ORDER BY p.search_name`,
    [parentId, asOf],
  );
}

export async function listNodesWithCounts(
  q: Queryable,
  ids: string[],
  asOf: string,
): Promise<NodeWithCountsRow[]> {
  return q.query<NodeWithCountsRow>(
    `SELECT ${nodeColumns}, ${countColumns(2)}
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.organization_id = ANY($1::uuid[]) AND ${validAt('p', 2)}
      ORDER BY p.depth, p.search_name`,
    [ids, asOf],
  );
}

export async function listRoots(q: Queryable, asOf: string): Promise<NodeWithCountsRow[]> {
  return q.query<NodeWithCountsRow>(
    `SELECT ${nodeColumns}, ${countColumns(1)}
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.parent_id IS NULL AND ${validAt('p', 1)}
      ORDER BY p.search_name`,
    [asOf],
  );
}

/** The node as of a date, or its latest state when no date is given. */
export async function findNode(q: Queryable, id: string, asOf?: string): Promise<NodeRow | null> {
  const rows = asOf
    ? await q.query<NodeRow>(
        `SELECT ${nodeColumns} FROM organization_period p JOIN organization o ON o.id = p.organization_id
          WHERE o.id = $1 AND ${validAt('p', 2)}`,
        [id, asOf],
      )
    : await q.query<NodeRow>(
        `SELECT ${nodeColumns} FROM organization_period p JOIN organization o ON o.id = p.organization_id
          WHERE o.id = $1 ORDER BY p.valid_from DESC LIMIT 1`,
        [id],
      );
  return rows[0] ?? null;
}

/** Names of organisations as they stood on a date (falling back to their latest name before it). */
export async function namesAsOf(
  q: Queryable,
  ids: string[],
  asOf: string,
): Promise<Array<{ id: string; name: string; kind: OrganizationKind; path: string }>> {
  if (ids.length === 0) return [];
  return q.query(
    `SELECT DISTINCT ON (p.organization_id) p.organization_id AS id, p.name, o.kind, p.path::text AS path
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.organization_id = ANY($1::uuid[]) AND p.valid_from <= $2
      ORDER BY p.organization_id, p.valid_from DESC`,
    [ids, asOf],
  );
}

export async function countDirectMembers(q: Queryable, id: string, asOf: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(DISTINCT member_id)::int AS n FROM membership ms
      WHERE ms.organization_id = $1 AND ms.kind IN ('official', 'party_group') AND ${validAt('ms', 2)}`,
    [id, asOf],
  );
  return row?.n ?? 0;
}

/**
 * Per organisation: its subtree's members on a past date, in the tree of that date (a date before today; today's
 * and later counts come from the member counts summary). Members are counted where they officially attend (and in
 * their party group); temporary attendance elsewhere does not count them twice.
 */
export async function countSubtreeMembersOn(q: Queryable, ids: string[], asOf: string) {
  return q.query<{ id: string; n: number }>(
    `SELECT p.organization_id AS id,
            (SELECT count(DISTINCT ms.member_id) FROM organization_period dp
               JOIN membership ms ON ms.organization_id = dp.organization_id
              WHERE dp.path <@ p.path AND ${validAt('dp', 2)} AND ms.kind IN ('official', 'party_group')
                AND ${validAt('ms', 2)})::int AS n
       FROM organization_period p WHERE p.organization_id = ANY($1::uuid[]) AND ${validAt('p', 2)}`,
    [ids, asOf],
  );
}

export interface SearchRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  path: string;
}

/** Organisations whose folded name contains the folded query, valid on the date, inside the visible patterns. */
export async function searchByName(
  q: Queryable,
  likePattern: string,
  asOf: string,
  visible: string[] | null,
  limit: number,
): Promise<SearchRow[]> {
  return q.query<SearchRow>(
    `SELECT o.id, p.name, o.kind, p.path::text AS path
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.search_name LIKE $1 AND ${validAt('p', 2)}
        AND ($3::text[] IS NULL OR p.path ? $3::text[]::lquery[])
      ORDER BY p.depth, p.search_name LIMIT $4`,
    [likePattern, asOf, visible, limit],
  );
}

export interface PositionRow {
  id: string;
  committee_id: string | null;
  kind: PositionKind;
  member_id: string;
  member_name: string;
  valid_from: string;
  valid_to: string | null;
}

export async function listCommittees(q: Queryable, organizationId: string) {
  return q.query<{ id: string; term_label: string; term_start: string; term_end: string | null }>(
    'SELECT id, term_label, term_start, term_end FROM committee WHERE organization_id = $1 ORDER BY term_start DESC',
    [organizationId],
  );
}

export async function listPositions(q: Queryable, organizationId: string): Promise<PositionRow[]> {
  return q.query<PositionRow>(
    `SELECT p.id, p.committee_id, p.kind, p.member_id, m.full_name AS member_name, p.valid_from, p.valid_to
       FROM position p JOIN member m ON m.id = p.member_id
      WHERE p.organization_id = $1
      ORDER BY p.valid_to IS NULL DESC, array_position(ARRAY['secretary','deputy_secretary','standing_member',
        'committee_member','group_leader','group_deputy'], p.kind), m.search_name`,
    [organizationId],
  );
}

export async function listHistory(q: Queryable, organizationId: string) {
  return q.query<{ name: string; parent_name: string | null; valid_from: string; valid_to: string | null }>(
    `SELECT p.name, (SELECT pp.name FROM organization_period pp WHERE pp.organization_id = p.parent_id
                       AND pp.valid_from <= p.valid_from ORDER BY pp.valid_from DESC LIMIT 1) AS parent_name,
            p.valid_from, p.valid_to
       FROM organization_period p WHERE p.organization_id = $1 ORDER BY p.valid_from DESC`,
    [organizationId],
  );
}

// ---- writes -------------------------------------------------------------------------------------------

export async function insertOrganization(
  q: Queryable,
  o: {
    provinceId: string | null;
    kind: OrganizationKind;
    cellType: CellType | null;
    symbol: string | null;
    validFrom: string;
  },
): Promise<string> {
  // A provincial committee is its own province: its id becomes its province_id.
  const [row] = await q.query<{ id: string }>(
    `WITH n AS (SELECT gen_random_uuid() AS id)
     INSERT INTO organization (id, province_id, kind, cell_type, symbol, valid_from)
     SELECT n.id, COALESCE($1::uuid, n.id), $2, $3, $4, $5 FROM n RETURNING id`,
    [o.provinceId, o.kind, o.cellType, o.symbol, o.validFrom],
  );
  return row!.id;
}

export async function insertPeriod(
  q: Queryable,
  p: {
    organizationId: string;
    provinceId: string;
    parentId: string | null;
    name: string;
    searchName: string;
    path: string;
    validFrom: string;
  },
) {
  await q.query(
    `INSERT INTO organization_period (organization_id, province_id, parent_id, name, search_name, path, depth, valid_from)
     VALUES ($1,$2,$3,$4,$5,$6::ltree, nlevel($6::ltree) - 1, $7)`,
    [p.organizationId, p.provinceId, p.parentId, p.name, p.searchName, p.path, p.validFrom],
  );
}

/** Ends a period on a date; a period that would be empty (it began that day) is removed instead. */
export async function endPeriod(q: Queryable, periodId: number, date: string) {
  await q.query('DELETE FROM organization_period WHERE id = $1 AND valid_from >= $2', [periodId, date]);
  await q.query('UPDATE organization_period SET valid_to = $2 WHERE id = $1 AND valid_from < $2', [
    periodId,
    date,
  ]);
}

/** Current periods of a subtree (root included) valid on the date, shallowest first. */
export async function listSubtreeAt(q: Queryable, path: string, date: string): Promise<NodeRow[]> {
  return q.query<NodeRow>(
    `SELECT ${nodeColumns} FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND ${validAt('p', 2)} ORDER BY p.depth`,
    [path, date],
  );
}

/** The latest date from which anything in the subtree, or a membership in it, was last changed. */
export async function latestChangeInSubtree(q: Queryable, path: string): Promise<string | null> {
  const [row] = await q.query<{ d: string | null }>(
    `SELECT max(d)::date::text AS d FROM (
       SELECT max(p.valid_from) AS d FROM organization_period p WHERE p.path <@ $1::ltree AND p.valid_to IS NULL
       UNION ALL
       SELECT max(ms.valid_from) FROM membership ms JOIN organization_period p ON p.organization_id = ms.organization_id
        WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND ms.valid_to IS NULL) x`,
    [path],
  );
  return row?.d ?? null;
}

export async function endOrganization(
  q: Queryable,
  id: string,
  date: string,
  reason: 'dissolved' | 'merged' | 'split',
  successorId: string | null,
) {
  await q.query('UPDATE organization SET valid_to = $2, end_reason = $3, successor_id = $4 WHERE id = $1', [
    id,
    date,
    reason,
    successorId,
  ]);
}

export async function endPositionsAndCommittees(q: Queryable, organizationId: string, date: string) {
  await q.query(
    'UPDATE position SET valid_to = $2 WHERE organization_id = $1 AND valid_to IS NULL AND valid_from < $2',
    [organizationId, date],
  );
  await q.query(
    'UPDATE committee SET term_end = $2 WHERE organization_id = $1 AND term_end IS NULL AND term_start < $2',
    [organizationId, date],
  );
}

export interface MembershipRow {
  id: string;
  member_id: string;
  organization_id: string;
  kind: 'official' | 'temporary' | 'party_group';
  valid_from: string;
}

export async function listOpenMemberships(
  q: Queryable,
  organizationId: string,
  date: string,
): Promise<MembershipRow[]> {
  return q.query<MembershipRow>(
    `SELECT id, member_id, organization_id, kind, valid_from FROM membership ms
      WHERE organization_id = $1 AND ${validAt('ms', 2)}`,
    [organizationId, date],
  );
}

/** Moves open memberships to another organisation from a date: the old rows end, new rows begin. */
export async function moveMemberships(
  q: Queryable,
  membershipIds: string[],
  toOrganizationId: string,
  date: string,
) {
  if (membershipIds.length === 0) return;
  // End (or drop, if they began that very day) the old rows first: a member has one open official membership.
  const moving = await q.query<{ member_id: string; kind: string }>(
    'SELECT member_id, kind FROM membership WHERE id = ANY($1::uuid[])',
    [membershipIds],
  );
  await q.query('DELETE FROM membership WHERE id = ANY($1::uuid[]) AND valid_from >= $2', [
    membershipIds,
    date,
  ]);
  await q.query('UPDATE membership SET valid_to = $2 WHERE id = ANY($1::uuid[])', [membershipIds, date]);
  await q.query(
    `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from)
     SELECT o.province_id, x.member_id, o.id, x.kind, $4
       FROM unnest($1::uuid[], $2::text[]) AS x(member_id, kind), organization o WHERE o.id = $3`,
    [moving.map((m) => m.member_id), moving.map((m) => m.kind), toOrganizationId, date],
  );
}

export async function insertReorganization(
  q: Queryable,
  r: {
    provinceId: string;
    kind: string;
    effectiveDate: string;
    documentRef: string | null;
    details: unknown;
    by: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO reorganization (province_id, kind, effective_date, document_ref, details, created_by)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [r.provinceId, r.kind, r.effectiveDate, r.documentRef, JSON.stringify(r.details), r.by],
  );
  return row!.id;
}
