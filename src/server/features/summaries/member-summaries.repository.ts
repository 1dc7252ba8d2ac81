// SQL of the member summaries (migration 0014): the member list's rows per organisation on the path
// (member_listing) and the dated member counts per subtree (member_count), refreshed per member inside the write's
// transaction, rebuilt in batches, compared with a recomputation; and the reads the list, the tree and the
// organisation page make of them.
import type { Queryable } from '../../platform/db.ts';

/**
 * The listing rows the members should have, from their memberships and organisations as they stand: $1 the
 * member ids. Active members: every membership, under the organisation's current path (none: the organisation no
 * longer exists, no row). Former members: their last official membership, under its organisation's last path.
 */
const computedListing = `
  SELECT p.province_id, subpath(p.path, i, 1)::text AS ancestor, m.id AS member_id, s.id AS membership_id,
         s.organization_id, i = nlevel(p.path) - 1 AS direct, s.kind, s.valid_from, s.valid_to, m.lifecycle,
         m.status, regexp_replace(m.search_name, '^.* ', '') AS sort_key, m.search_name
    FROM member m
    JOIN membership s ON s.member_id = m.id
    JOIN LATERAL (SELECT op.path, op.province_id FROM organization_period op
                   WHERE op.organization_id = s.organization_id
                     AND (m.lifecycle <> 'active' OR op.valid_to IS NULL)
                   ORDER BY op.valid_to IS NULL DESC, op.valid_from DESC LIMIT 1) p ON true
    CROSS JOIN LATERAL generate_series(0, nlevel(p.path) - 1) AS i
   WHERE m.id = ANY($1::uuid[])
     AND (m.lifecycle = 'active'
          OR s.id = (SELECT l.id FROM membership l WHERE l.member_id = m.id AND l.kind = 'official'
                      ORDER BY l.valid_from DESC LIMIT 1))`;

const listingColumns = `province_id, ancestor, member_id, membership_id, organization_id, direct, kind, valid_from,
  valid_to, lifecycle, status, sort_key, search_name`;

/**
 * The count changes the members' listing rows make ($1 the member ids): per subtree scope (every ancestor; and the
 * organisation itself, direct), per kind, the stretches of time the member is counted (memberships that overlap or
 * touch merge into one stretch, so a member counts once) as +1 on the first day and −1 on the day after.
 */
const contributionsOf = (rows: string) => `
  WITH r AS (${rows}),
  scoped AS (
    SELECT r.*, v.scope_direct FROM r CROSS JOIN (VALUES (false), (true)) AS v(scope_direct)
     WHERE NOT v.scope_direct OR r.direct
  ),
  kinded AS (
    SELECT s.*, k.kind AS count_kind FROM scoped s
     CROSS JOIN LATERAL (VALUES ('listed'), ('official'), ('temporary'), ('counted')) AS k(kind)
     WHERE (k.kind = 'counted' AND (s.kind = 'official' OR (s.kind = 'party_group' AND s.direct)))
        OR (s.lifecycle = 'active' AND (k.kind = 'listed' OR (k.kind = 'official' AND s.kind = 'official')
          OR (k.kind = 'temporary' AND s.kind = 'temporary')))
  ),
  ordered AS (
    SELECT member_id, ancestor, scope_direct, count_kind, status, province_id, valid_from, membership_id,
           COALESCE(valid_to, 'infinity'::date) AS valid_to,
           max(COALESCE(valid_to, 'infinity'::date)) OVER (PARTITION BY member_id, ancestor, scope_direct, count_kind
             ORDER BY valid_from, COALESCE(valid_to, 'infinity'::date), membership_id
             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
      FROM kinded
  ),
  islands AS (
    SELECT *, sum(CASE WHEN reached IS NULL OR reached < valid_from THEN 1 ELSE 0 END)
                OVER (PARTITION BY member_id, ancestor, scope_direct, count_kind
                      ORDER BY valid_from, valid_to, membership_id ROWS UNBOUNDED PRECEDING) AS island
      FROM ordered
  ),
  spans AS (
    SELECT ancestor, scope_direct, count_kind, status, (array_agg(province_id ORDER BY valid_from, membership_id))[1] AS province_id,
           min(valid_from) AS first_day, max(valid_to) AS end_day
      FROM islands GROUP BY member_id, ancestor, scope_direct, count_kind, status, island
  ),
  changes AS (
    SELECT province_id, ancestor, scope_direct, count_kind, status, first_day AS day, 1 AS n FROM spans
    UNION ALL
    SELECT province_id, ancestor, scope_direct, count_kind, status, end_day, -1 FROM spans
     WHERE end_day <> 'infinity'::date
    UNION ALL
    SELECT province_id, ancestor, v.scope_direct, lifecycle, status, '-infinity'::date, 1
      FROM r CROSS JOIN (VALUES (false), (true)) AS v(scope_direct)
     WHERE r.lifecycle <> 'active' AND (NOT v.scope_direct OR r.direct)
  )
  SELECT province_id, ancestor, scope_direct AS direct, count_kind AS kind, status, day, sum(n)::int AS n
    FROM changes GROUP BY province_id, ancestor, scope_direct, count_kind, status, day`;
const contributions = contributionsOf('SELECT * FROM member_listing WHERE member_id = ANY($1::uuid[])');

/** Adds (sign 1) or takes back (sign −1) the counts of the members' listing rows; rows that reach 0 go. */
async function applyContributions(q: Queryable, memberIds: string[], sign: 1 | -1) {
  // In key order, so concurrent writes lock shared count rows in the same order.
  await q.query(
    `INSERT INTO member_count (province_id, ancestor, direct, kind, status, day, n)
     SELECT province_id, ancestor, direct, kind, status, day, n * $2 FROM (${contributions}) c WHERE n <> 0
      ORDER BY ancestor, direct, kind, status, day, province_id
     ON CONFLICT (ancestor, direct, kind, status, day, province_id) DO UPDATE SET n = member_count.n + EXCLUDED.n`,
    [memberIds, sign],
  );
}

/** Rewrites the members' listing rows and their counts (inside the caller's transaction). */
export async function refreshMembers(q: Queryable, memberIds: string[]) {
  if (memberIds.length === 0) return;
  const before = await q.query<{ ancestor: string }>(
    'SELECT DISTINCT ancestor FROM member_listing WHERE member_id = ANY($1::uuid[])',
    [memberIds],
  );
  await applyContributions(q, memberIds, -1);
  await q.query('DELETE FROM member_listing WHERE member_id = ANY($1::uuid[])', [memberIds]);
  await q.query(`INSERT INTO member_listing (${listingColumns}) ${computedListing}`, [memberIds]);
  await applyContributions(q, memberIds, 1);
  // Count rows that reached 0 go (those of the ancestors the members had or have).
  await q.query(
    `DELETE FROM member_count WHERE n = 0 AND ancestor IN (
       SELECT unnest($2::text[]) UNION SELECT ancestor FROM member_listing WHERE member_id = ANY($1::uuid[]))`,
    [memberIds, before.map((r) => r.ancestor)],
  );
}

/** Members listed under any of the organisations (labels), before a change re-paths or ends what they attend. */
export async function listMembersUnder(q: Queryable, labels: string[]) {
  const rows = await q.query<{ member_id: string }>(
    'SELECT DISTINCT member_id FROM member_listing WHERE ancestor = ANY($1::text[])',
    [labels],
  );
  return rows.map((r) => r.member_id);
}

export async function clearAll(q: Queryable) {
  await q.query('DELETE FROM member_count');
  await q.query('DELETE FROM member_listing');
}

/** Member ids in id order after `after` (batches for a rebuild or a check). */
export async function listMemberIds(q: Queryable, after: string | null, limit: number) {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM member WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2',
    [after, limit],
  );
  return rows.map((r) => r.id);
}

/** Listing rows of a batch built from scratch (rebuild): the rows, then their counts. */
export async function buildMembers(q: Queryable, memberIds: string[]) {
  await q.query(`INSERT INTO member_listing (${listingColumns}) ${computedListing}`, [memberIds]);
  await applyContributions(q, memberIds, 1);
}

/** Whether members exist but no listing row does (a database upgraded to migration 0014). */
export async function listingNeverBuilt(q: Queryable) {
  const [row] = await q.query<{ never: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM member) AND NOT EXISTS (SELECT 1 FROM member_listing) AS never`,
  );
  return row!.never;
}

/** Listing rows kept for the batch that a recomputation would not give, and the reverse (at most 5 each). */
export async function listingDifferences(q: Queryable, memberIds: string[]) {
  const kept = `SELECT ${listingColumns} FROM member_listing WHERE member_id = ANY($1::uuid[])`;
  return q.query<Record<string, unknown>>(
    `(SELECT 'kept' AS side, * FROM (${kept} EXCEPT ${computedListing}) a LIMIT 5)
     UNION ALL
     (SELECT 'computed', * FROM (${computedListing} EXCEPT ${kept}) b LIMIT 5)`,
    [memberIds],
  );
}

/** Count rows that differ from the sum of every member's contributions (at most 10). */
export async function countDifferences(q: Queryable) {
  return q.query<Record<string, unknown>>(
    `WITH computed AS (
       SELECT province_id, ancestor, direct, kind, status, day, sum(n)::int AS n
         FROM (${contributionsOf('SELECT * FROM member_listing')}) c
        GROUP BY province_id, ancestor, direct, kind, status, day HAVING sum(n) <> 0
     ),
     kept AS (SELECT province_id, ancestor, direct, kind, status, day, n FROM member_count)
     (SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM computed) a LIMIT 5)
     UNION ALL
     (SELECT 'computed', * FROM (SELECT * FROM computed EXCEPT SELECT * FROM kept) b LIMIT 5)`,
  );
}

// ---- reads ------------------------------------------------------------------------------------------------

export interface CountFilter {
  /** labels of the subtrees counted (their sum), or of the organisations themselves when direct */
  ancestors: string[];
  direct: boolean;
  kind: string;
  status: string | null;
  asOf: string;
}

/** How many members the subtrees (or organisations) have on the date, from the dated counts. */
export async function countMembers(q: Queryable, f: CountFilter): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT COALESCE(sum(n), 0)::int AS n FROM member_count
      WHERE ancestor = ANY($1::text[]) AND direct = $2 AND kind = $3 AND ($4::text IS NULL OR status = $4)
        AND day <= $5::date`,
    [f.ancestors, f.direct, f.kind, f.status, f.asOf],
  );
  return row!.n;
}

/** Per organisation (label): its subtree's count on the date of the given kind. */
export async function countSubtrees(q: Queryable, labels: string[], kind: string, asOf: string) {
  return q.query<{ ancestor: string; n: number }>(
    `SELECT ancestor, sum(n)::int AS n FROM member_count
      WHERE ancestor = ANY($1::text[]) AND NOT direct AND kind = $2 AND day <= $3::date GROUP BY ancestor`,
    [labels, kind, asOf],
  );
}
