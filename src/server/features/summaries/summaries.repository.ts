// SQL of the read summaries (migration 0012): a cell's compliance months and dated findings, its monthly ratings,
// written whole per cell and year inside the write's transaction, and read per page of cells. Their rollups by
// ancestor organisation and month (migration 0016), changed by the difference a write makes and read for the
// totals of one organisation over a run of months.
import type { Rating } from '../../../domain/scoring-schema.ts';
import type { Queryable } from '../../platform/db.ts';
import type { MeetingFactRow } from '../plan/year-compliance.ts';
import type { RollupRow } from '../../../domain/summary-rollup.ts';

export interface CellRow {
  id: string;
  province_id: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
}

export async function findOrganization(q: Queryable, id: string) {
  const [row] = await q.query<CellRow>(
    'SELECT id, province_id, kind, valid_from::text, valid_to::text FROM organization WHERE id = $1',
    [id],
  );
  return row ?? null;
}

/** The periods of an organisation: its path over time (ADR 003). */
export async function listPaths(q: Queryable, id: string) {
  return q.query<{ path: string; valid_from: string; valid_to: string | null }>(
    `SELECT path::text AS path, valid_from::text, valid_to::text FROM organization_period
      WHERE organization_id = $1 ORDER BY valid_from`,
    [id],
  );
}

/** Every cell that was ever under the organisation (any period whose path carries its label). */
export async function listCellsEverUnder(q: Queryable, label: string) {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT o.id FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path ~ ('*.' || $1 || '.*')::lquery AND o.kind IN ('cell','grassroots_cell')`,
    [label],
  );
  return rows.map((r) => r.id);
}

/** Every cell, for a full rebuild or check. */
export async function listAllCells(q: Queryable) {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM organization WHERE kind IN ('cell','grassroots_cell') ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

/** A cell's meetings of a year as compliance facts (the columns of the year plan's). */
export async function listMeetingFacts(q: Queryable, id: string, year: number) {
  return q.query<MeetingFactRow>(
    `SELECT m.id, m.organization_id, m.kind, m.status, m.for_month, m.planned_date, m.planned_time,
       m.date_reason, m.location, m.rule_set_id, m.rule_set_version, m.started_at, m.ended_at, m.notice_published_at,
       m.adopted_at, m.combined_with_other, NULL AS decision_number
       FROM meeting m WHERE m.organization_id = $1 AND m.for_month LIKE $2 ORDER BY m.planned_date`,
    [id, `${year}-%`],
  );
}

export interface ScoreRow {
  for_month: string;
  scorer_kind: string;
  percent: number;
  rating: Rating | null;
  framework_id: string;
  framework_version: number;
}

/** A cell's submitted scorecards of its regular meetings in a year (what the ratings page rates). */
export async function listSubmittedRegularScores(q: Queryable, id: string, year: number) {
  return q.query<ScoreRow>(
    `SELECT s.for_month, s.scorer_kind, s.percent::float AS percent, s.rating, s.framework_id, s.framework_version
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
      WHERE s.organization_id = $1 AND s.for_month LIKE $2 AND s.status = 'submitted'
        AND m.kind IN ('regular','regular_thematic')`,
    [id, `${year}-%`],
  );
}

/** Years in which the organisation has meetings or scorecards. */
export async function listActivityYears(q: Queryable, id: string) {
  const rows = await q.query<{ year: number }>(
    `SELECT DISTINCT substr(for_month, 1, 4)::int AS year FROM meeting WHERE organization_id = $1
     UNION SELECT DISTINCT substr(for_month, 1, 4)::int FROM scorecard WHERE organization_id = $1`,
    [id],
  );
  return rows.map((r) => r.year);
}

export interface ComplianceMonthRow {
  month: string;
  path: string;
  applicable: boolean;
  judged_from: string | null;
  held: number;
}

export interface ComplianceFactRow {
  period: string;
  code: string;
  meeting_id: string | null;
  due: string;
  path: string;
}

export interface RatingMonthRow {
  month: string;
  path: string;
  self_percent: number | null;
  self_rating: string | null;
  outside_percent: number | null;
  outside_rating: string | null;
  outside_count: number;
}

/** Replaces a cell's summaries of one year. */
export async function replaceYear(
  q: Queryable,
  cell: { id: string; provinceId: string },
  year: number,
  s: { months: ComplianceMonthRow[]; facts: ComplianceFactRow[]; ratings: RatingMonthRow[] },
) {
  await q.query('DELETE FROM compliance_month WHERE organization_id = $1 AND year = $2', [cell.id, year]);
  await q.query('DELETE FROM compliance_fact WHERE organization_id = $1 AND year = $2', [cell.id, year]);
  await q.query('DELETE FROM rating_month WHERE organization_id = $1 AND year = $2', [cell.id, year]);
  if (s.months.length > 0) {
    await q.query(
      `INSERT INTO compliance_month (province_id, organization_id, year, month, path, applicable, judged_from, held)
       SELECT $1, $2, $3, x.month, x.path::ltree, x.applicable, x.judged_from, x.held
         FROM jsonb_to_recordset($4::jsonb) AS x(month text, path text, applicable boolean, judged_from date, held int)`,
      [cell.provinceId, cell.id, year, JSON.stringify(s.months)],
    );
  }
  if (s.facts.length > 0) {
    await q.query(
      `INSERT INTO compliance_fact (province_id, organization_id, year, period, code, meeting_id, due, path)
       SELECT $1, $2, $3, x.period, x.code, x.meeting_id, x.due, x.path::ltree
         FROM jsonb_to_recordset($4::jsonb) AS x(period text, code text, meeting_id uuid, due date, path text)`,
      [cell.provinceId, cell.id, year, JSON.stringify(s.facts)],
    );
  }
  if (s.ratings.length > 0) {
    await q.query(
      `INSERT INTO rating_month (province_id, organization_id, year, month, path, self_percent, self_rating,
              outside_percent, outside_rating, outside_count)
       SELECT $1, $2, $3, x.month, x.path::ltree, x.self_percent, x.self_rating, x.outside_percent, x.outside_rating,
              x.outside_count
         FROM jsonb_to_recordset($4::jsonb) AS x(month text, path text, self_percent numeric, self_rating text,
              outside_percent numeric, outside_rating text, outside_count int)`,
      [cell.provinceId, cell.id, year, JSON.stringify(s.ratings)],
    );
  }
}

/** A cell's kept summaries of one year, in a stable order (for the check). */
export async function readYear(q: Queryable, id: string, year: number) {
  const [months, facts, ratings] = [
    await q.query<ComplianceMonthRow>(
      `SELECT month, path::text AS path, applicable, judged_from::text, held FROM compliance_month
        WHERE organization_id = $1 AND year = $2 ORDER BY month`,
      [id, year],
    ),
    await q.query<ComplianceFactRow>(
      `SELECT period, code, meeting_id, due::text, path::text AS path FROM compliance_fact
        WHERE organization_id = $1 AND year = $2 ORDER BY period, code, meeting_id NULLS FIRST, due`,
      [id, year],
    ),
    await q.query<RatingMonthRow>(
      `SELECT month, path::text AS path, self_percent::float AS self_percent, self_rating,
              outside_percent::float AS outside_percent, outside_rating, outside_count
         FROM rating_month WHERE organization_id = $1 AND year = $2 ORDER BY month`,
      [id, year],
    ),
  ];
  return { months, facts, ratings };
}

/** Years a cell has kept summaries for. */
export async function listKeptYears(q: Queryable, id: string) {
  const rows = await q.query<{ year: number }>(
    `SELECT year FROM compliance_month WHERE organization_id = $1
     UNION SELECT year FROM compliance_fact WHERE organization_id = $1
     UNION SELECT year FROM rating_month WHERE organization_id = $1`,
    [id],
  );
  return rows.map((r) => r.year);
}

export interface PagedCellRow {
  id: string;
  name: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
}

/**
 * One page of the cells of a subtree as it stands now, by name then id, after the cursor (keyset): the page and
 * whether more follow are read with one extra row.
 */
export async function listCellsPage(
  q: Queryable,
  path: string,
  after: { name: string; id: string } | null,
  limit: number,
) {
  return q.query<PagedCellRow>(
    `SELECT o.id, p.name, o.kind, o.valid_from::text, o.valid_to::text
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind IN ('cell','grassroots_cell')
        AND ($2::text IS NULL OR (p.name, o.id) > ($2::text, $3::uuid))
      ORDER BY p.name, o.id LIMIT $4`,
    [path, after?.name ?? null, after?.id ?? null, limit],
  );
}

/** How many cells the subtree has now. */
export async function countCells(q: Queryable, path: string) {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind IN ('cell','grassroots_cell')`,
    [path],
  );
  return row!.n;
}

/** Per cell of a page: meetings held, months judged by today, findings due by today by code. */
export async function complianceOfCells(q: Queryable, ids: string[], year: number, today: string) {
  const months = await q.query<{
    organization_id: string;
    held: number;
    judged: number;
    not_applicable: number;
  }>(
    `SELECT organization_id, sum(held)::int AS held,
            count(*) FILTER (WHERE judged_from <= $3)::int AS judged,
            count(*) FILTER (WHERE NOT applicable)::int AS not_applicable
       FROM compliance_month WHERE organization_id = ANY($1::uuid[]) AND year = $2 GROUP BY organization_id`,
    [ids, year, today],
  );
  const facts = await q.query<{ organization_id: string; code: string; n: number }>(
    `SELECT organization_id, code, count(*)::int AS n FROM compliance_fact
      WHERE organization_id = ANY($1::uuid[]) AND year = $2 AND due <= $3 GROUP BY organization_id, code`,
    [ids, year, today],
  );
  return { months, facts };
}

/** Whether the summaries were ever computed from scratch on this database. */
export async function wasRebuilt(q: Queryable) {
  return (await q.query('SELECT 1 FROM summary_rebuild')).length > 0;
}

export async function markRebuilt(q: Queryable) {
  await q.query(
    `INSERT INTO summary_rebuild (id, rebuilt_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET rebuilt_at = now()`,
  );
}

/** Every cell a subtree has now, with what its compliance page row is computed from. */
export async function listCellsUnder(q: Queryable, path: string) {
  return q.query<PagedCellRow & { path: string }>(
    `SELECT o.id, p.name, o.kind, o.valid_from::text, o.valid_to::text, p.path::text AS path
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind IN ('cell','grassroots_cell')
      ORDER BY p.name, o.id`,
    [path],
  );
}

/** The paths of the provinces (the roots of the tree now). */
export async function listRootPaths(q: Queryable) {
  const rows = await q.query<{ path: string }>(
    `SELECT path::text AS path FROM organization_period WHERE valid_to IS NULL AND nlevel(path) = 1`,
  );
  return rows.map((r) => r.path);
}

// ---- rollups by organisation and month (migration 0016) ----------------------------------------------------

/**
 * Serialises the writes of one cell's summaries (two meetings of a cell written at once): the cell's row locked
 * until the write commits, without blocking the rows that reference it.
 */
export async function lockCell(q: Queryable, id: string) {
  await q.query('SELECT id FROM organization WHERE id = $1 FOR NO KEY UPDATE', [id]);
}

/** Adds changes to the rollups, in the order given (the caller sorts them, so shared rows lock in one order). */
export async function addToRollups(q: Queryable, rows: RollupRow[]) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO summary_rollup AS r (organization_id, month, measure, counts_from, n)
     SELECT (e.v->>'organizationId')::uuid, e.v->>'month', e.v->>'measure', (e.v->>'countsFrom')::date,
            (e.v->>'n')::bigint
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, i)
      ORDER BY e.i
     ON CONFLICT (organization_id, month, measure, counts_from) DO UPDATE SET n = r.n + EXCLUDED.n`,
    [JSON.stringify(rows)],
  );
}

/** An organisation's rollup rows over a run of months, counting by the given day, summed per month and measure. */
export async function rollupsOf(
  q: Queryable,
  organizationId: string,
  from: string,
  to: string,
  today: string,
) {
  return q.query<{ month: string; measure: string; n: number }>(
    `SELECT month, measure, sum(n)::float AS n FROM summary_rollup
      WHERE organization_id = $1 AND month BETWEEN $2 AND $3 AND counts_from <= $4::date
      GROUP BY month, measure ORDER BY month, measure`,
    [organizationId, from, to, today],
  );
}

/** Every rollup row (for the check). */
export async function listRollups(q: Queryable) {
  return q.query<RollupRow>(
    `SELECT organization_id AS "organizationId", month, measure, counts_from::text AS "countsFrom", n::float AS n
       FROM summary_rollup`,
  );
}

/** Replaces every rollup row with those given (a rebuild). */
export async function replaceRollups(q: Queryable, rows: RollupRow[]) {
  await q.query('DELETE FROM summary_rollup');
  for (let i = 0; i < rows.length; i += 5000) await addToRollups(q, rows.slice(i, i + 5000));
}

/** The kept summaries of a set of cells, every year, with their cell and year. */
export async function readCells(q: Queryable, ids: string[]) {
  const [months, facts, ratings] = [
    await q.query<ComplianceMonthRow & { organization_id: string; year: number }>(
      `SELECT organization_id, year, month, path::text AS path, applicable, judged_from::text, held
         FROM compliance_month WHERE organization_id = ANY($1::uuid[])`,
      [ids],
    ),
    await q.query<ComplianceFactRow & { organization_id: string; year: number }>(
      `SELECT organization_id, year, period, code, meeting_id, due::text, path::text AS path
         FROM compliance_fact WHERE organization_id = ANY($1::uuid[])`,
      [ids],
    ),
    await q.query<RatingMonthRow & { organization_id: string; year: number }>(
      `SELECT organization_id, year, month, path::text AS path, self_percent::float AS self_percent, self_rating,
              outside_percent::float AS outside_percent, outside_rating, outside_count
         FROM rating_month WHERE organization_id = ANY($1::uuid[])`,
      [ids],
    ),
  ];
  return { months, facts, ratings };
}

/** A page of every cell by id after the given one (keyset). */
export async function listCellsAfter(q: Queryable, after: string | null, limit: number) {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM organization WHERE kind IN ('cell','grassroots_cell') AND ($1::uuid IS NULL OR id > $1::uuid)
      ORDER BY id LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => r.id);
}

/** A page of the cells existing in a year that keep no compliance month of it yet, by id after the given one. */
export async function listCellsWithoutYear(q: Queryable, year: number, after: string | null, limit: number) {
  const rows = await q.query<{ id: string }>(
    `SELECT o.id FROM organization o
      WHERE o.kind IN ('cell','grassroots_cell') AND ($2::uuid IS NULL OR o.id > $2::uuid)
        AND (o.valid_to IS NULL OR o.valid_to >= make_date($1, 1, 1)) AND o.valid_from <= make_date($1, 12, 31)
        AND NOT EXISTS (SELECT 1 FROM compliance_month c WHERE c.organization_id = o.id AND c.year = $1)
      ORDER BY o.id LIMIT $3`,
    [year, after, limit],
  );
  return rows.map((r) => r.id);
}

/** When the rollups were computed from the cells' summaries, and the last year summaries were made ahead for. */
export async function rebuildState(q: Queryable) {
  const [row] = await q.query<{ rollups_built: boolean; years_ready_through: number | null }>(
    'SELECT rollups_built_at IS NOT NULL AS rollups_built, years_ready_through FROM summary_rebuild',
  );
  return { rollupsBuilt: row?.rollups_built ?? false, yearsReadyThrough: row?.years_ready_through ?? null };
}

export async function markRollupsBuilt(q: Queryable) {
  await q.query('UPDATE summary_rebuild SET rollups_built_at = now()');
}

export async function markYearsReadyThrough(q: Queryable, year: number) {
  await q.query(
    `UPDATE summary_rebuild SET years_ready_through = greatest(coalesce(years_ready_through, $1), $1)`,
    [year],
  );
}
