// SQL of roster imports: the import record and its progress, members matched by identifiers, batch writes.
import type { RosterProblem, RosterRow } from '../../../contracts/roster-import.ts';
import type { Queryable } from '../../platform/db.ts';
import type { MemberRow } from '../members/members.service.ts';

export type ImportStatus = 'parsing' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportSummary {
  create: number;
  update: number;
  columns: Array<{ label: string; field: string | null }>;
}

export interface ImportRow {
  id: string;
  province_id: string;
  organization_id: string;
  account_id: string;
  file_name: string;
  status: ImportStatus;
  total_rows: number;
  processed_rows: number;
  problems: RosterProblem[];
  summary: ImportSummary | null;
  error: string | null;
}

export async function insertImport(
  q: Queryable,
  i: {
    provinceId: string;
    organizationId: string;
    accountId: string;
    fileName: string;
    totalRows: number;
    owner: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO roster_import (province_id, organization_id, account_id, file_name, status, total_rows, owner,
                                heartbeat_at)
     VALUES ($1,$2,$3,$4,'parsing',$5,$6,now()) RETURNING id`,
    [i.provinceId, i.organizationId, i.accountId, i.fileName, i.totalRows, i.owner],
  );
  return row!.id;
}

const importColumns = `id, province_id, organization_id, account_id, file_name, status, total_rows, processed_rows,
  problems, summary, error`;

export async function findImport(q: Queryable, id: string): Promise<ImportRow | null> {
  const rows = await q.query<ImportRow>(`SELECT ${importColumns} FROM roster_import WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** The first rows only: the whole array can be tens of thousands of rows. */
export async function listPreviewRows(q: Queryable, id: string, limit: number): Promise<RosterRow[]> {
  const rows = await q.query<{ r: RosterRow }>(
    `SELECT e.r FROM roster_import i, jsonb_array_elements(i.rows) WITH ORDINALITY AS e(r, n)
      WHERE i.id = $1 AND i.rows IS NOT NULL ORDER BY e.n LIMIT $2`,
    [id, limit],
  );
  return rows.map((x) => x.r);
}

export async function listRows(q: Queryable, id: string): Promise<RosterRow[]> {
  const [row] = await q.query<{ rows: RosterRow[] | null }>('SELECT rows FROM roster_import WHERE id = $1', [
    id,
  ]);
  return row?.rows ?? [];
}

export async function updateProgress(q: Queryable, id: string, processedRows: number) {
  await q.query('UPDATE roster_import SET processed_rows = $2 WHERE id = $1', [id, processedRows]);
}

export async function finishParsing(
  q: Queryable,
  id: string,
  r: {
    status: 'ready' | 'invalid';
    totalRows: number;
    rows: RosterRow[];
    problems: RosterProblem[];
    summary: ImportSummary;
  },
) {
  await q.query(
    `UPDATE roster_import SET status = $2, rows = $3::jsonb, problems = $4::jsonb, summary = $5::jsonb,
            total_rows = $6, processed_rows = $6, finished_at = now()
      WHERE id = $1`,
    [
      id,
      r.status,
      JSON.stringify(r.rows),
      JSON.stringify(r.problems),
      JSON.stringify(r.summary),
      r.totalRows,
    ],
  );
}

/**
 * Moves the import from one status to another only if it is still in the first (false when it was not); the
 * process that moved it owns it from then on.
 */
export async function transitionStatus(
  q: Queryable,
  id: string,
  from: ImportStatus,
  to: ImportStatus,
  owner: string,
): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE roster_import SET status = $3, processed_rows = 0, owner = $4, heartbeat_at = now()
      WHERE id = $1 AND status = $2 RETURNING id`,
    [id, from, to, owner],
  );
  return rows.length > 0;
}

/** The owner of a running import says it is still at work. */
export async function beat(q: Queryable, id: string, owner: string) {
  await q.query(
    `UPDATE roster_import SET heartbeat_at = now()
      WHERE id = $1 AND owner = $2 AND status IN ('parsing', 'committing')`,
    [id, owner],
  );
}

export async function markCommitted(q: Queryable, id: string, summary: ImportSummary) {
  await q.query(
    `UPDATE roster_import SET status = 'committed', summary = $2::jsonb, processed_rows = total_rows, finished_at = now()
      WHERE id = $1`,
    [id, JSON.stringify(summary)],
  );
}

/**
 * Imports left checking or saving by a process that stopped: failed, with the reason given. With `staleAfterMs`
 * only those whose owner has not beaten for that long (other live processes may be running theirs); without
 * it, all (the one process of an embedded database, at start). Returns how many.
 */
export async function failUnfinished(q: Queryable, error: string, staleAfterMs: number | null) {
  const rows = await q.query(
    `UPDATE roster_import SET status = 'failed', error = $1, finished_at = now()
      WHERE status IN ('parsing', 'committing')
        AND ($2::float8 IS NULL OR heartbeat_at IS NULL
             OR heartbeat_at < now() - make_interval(secs => $2::float8 / 1000))
      RETURNING id`,
    [error, staleAfterMs],
  );
  return rows.length;
}

export async function markFailed(q: Queryable, id: string, error: string) {
  await q.query(`UPDATE roster_import SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
    id,
    error,
  ]);
}

export interface ExistingMemberRow extends MemberRow {
  search_name: string;
  /** The organisation the member officially attends today, if any. */
  official_organization_id: string | null;
  /** Paths of the organisations the member attends today (official and temporary). */
  paths: string[];
}

const existingColumns = (d: number) => `m.*,
  (SELECT ms.organization_id FROM membership ms WHERE ms.member_id = m.id AND ms.kind = 'official'
      AND ms.valid_from <= $${d} AND (ms.valid_to IS NULL OR ms.valid_to > $${d}) LIMIT 1) AS official_organization_id,
  ARRAY(SELECT p.path::text FROM membership ms
          JOIN organization_period p ON p.organization_id = ms.organization_id AND p.valid_to IS NULL
         WHERE ms.member_id = m.id AND ms.valid_from <= $${d} AND (ms.valid_to IS NULL OR ms.valid_to > $${d})) AS paths`;

/** Members holding any of the identifiers, with where they attend today, but those of the organisation given. */
export async function listMembersByIdentifiers(
  q: Queryable,
  ids: { cards: string[]; citizenIds: string[]; phones: string[]; emails: string[] },
  exceptOrganizationId: string,
  today: string,
): Promise<ExistingMemberRow[]> {
  return q.query<ExistingMemberRow>(
    `SELECT ${existingColumns(5)} FROM member m
      WHERE (m.party_card_number = ANY($1::text[]) OR m.citizen_id = ANY($2::text[])
             OR m.phone = ANY($3::text[]) OR lower(m.email) = ANY($4::text[]))
        AND NOT EXISTS (SELECT 1 FROM membership ms WHERE ms.member_id = m.id AND ms.organization_id = $6
                          AND ms.kind = 'official' AND ms.valid_from <= $5 AND (ms.valid_to IS NULL OR ms.valid_to > $5))`,
    [ids.cards, ids.citizenIds, ids.phones, ids.emails, today, exceptOrganizationId],
  );
}

/** Members officially attending the organisation today (re-imports match those without card or CCCD by name). */
export async function listOfficialMembers(
  q: Queryable,
  organizationId: string,
  today: string,
): Promise<ExistingMemberRow[]> {
  return q.query<ExistingMemberRow>(
    `SELECT ${existingColumns(2)} FROM member m
      WHERE m.id IN (SELECT ms.member_id FROM membership ms WHERE ms.organization_id = $1 AND ms.kind = 'official'
                        AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2))`,
    [organizationId, today],
  );
}

// ---- batch writes ----------------------------------------------------------------------------------------
// One statement per batch, the batch passed as one jsonb array and read with jsonb_to_recordset: on PGlite this
// is about twice as fast as multi-row VALUES with thousands of bound parameters (bench/roster-import.bench.ts).

export const memberColumns = [
  'full_name',
  'birth_name',
  'search_name',
  'date_of_birth',
  'gender',
  'ethnicity',
  'religion',
  'hometown',
  'education',
  'political_theory',
  'profession',
  'admission_date',
  'full_membership_date',
  'party_card_number',
  'citizen_id',
  'phone',
  'email',
  'status',
] as const;
export type MemberColumn = (typeof memberColumns)[number];
export type MemberValues = Record<MemberColumn, string | null>;

const dateColumns: ReadonlySet<string> = new Set(['date_of_birth', 'admission_date', 'full_membership_date']);
const memberRecord = `id uuid, ${memberColumns.map((c) => `${c} ${dateColumns.has(c) ? 'date' : 'text'}`).join(', ')}`;

export async function insertMembers(
  q: Queryable,
  provinceId: string,
  rows: Array<{ id: string; values: MemberValues }>,
) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO member (id, province_id, ${memberColumns.join(', ')})
     SELECT x.id, $2, ${memberColumns.map((c) => `x.${c}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(${memberRecord})`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, ...r.values }))), provinceId],
  );
}

/** Updates members from a batch; a null value keeps what is stored (search_name follows full_name). */
export async function updateMembers(q: Queryable, rows: Array<{ id: string; values: MemberValues }>) {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE member m SET ${memberColumns.map((c) => `${c} = COALESCE(x.${c}, m.${c})`).join(', ')}, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(${memberRecord})
      WHERE m.id = x.id`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, ...r.values })))],
  );
}

export async function insertMemberships(
  q: Queryable,
  rows: Array<{ provinceId: string; memberId: string; organizationId: string; validFrom: string }>,
) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from)
     SELECT x."provinceId", x."memberId", x."organizationId", 'official', x."validFrom"
       FROM jsonb_to_recordset($1::jsonb) AS x("provinceId" uuid, "memberId" uuid, "organizationId" uuid, "validFrom" date)`,
    [JSON.stringify(rows)],
  );
}

export async function insertEvents(
  q: Queryable,
  rows: Array<{
    provinceId: string;
    memberId: string;
    kind: 'admitted' | 'made_full';
    eventDate: string;
    organizationId: string;
  }>,
  note: string,
) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO member_event (province_id, member_id, kind, event_date, to_organization_id, note)
     SELECT x."provinceId", x."memberId", x.kind, x."eventDate", x."organizationId", $2::text
       FROM jsonb_to_recordset($1::jsonb)
         AS x("provinceId" uuid, "memberId" uuid, kind text, "eventDate" date, "organizationId" uuid)`,
    [JSON.stringify(rows), note],
  );
}

// ---- export --------------------------------------------------------------------------------------------

export interface RosterMemberRow extends MemberRow {
  organization_name: string;
}

/** Active members officially attending the organisation or anything under it today, cell by cell, by given name. */
export async function listRosterMembers(
  q: Queryable,
  path: string,
  today: string,
): Promise<RosterMemberRow[]> {
  return q.query<RosterMemberRow>(
    `SELECT m.*, p.name AS organization_name
       FROM organization_period p
       JOIN membership ms ON ms.organization_id = p.organization_id AND ms.kind = 'official'
        AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
       JOIN member m ON m.id = ms.member_id AND m.lifecycle = 'active'
      WHERE p.path <@ $1::ltree AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)
      ORDER BY p.search_name, p.organization_id, regexp_replace(m.search_name, '^.* ', ''), m.search_name, m.id`,
    [path, today],
  );
}
