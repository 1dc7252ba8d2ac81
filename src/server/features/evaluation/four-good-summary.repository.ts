// SQL of the "bốn tốt" summary (migration 0015): the judgement of each cell and grassroots organisation per year
// and period, over stretches of days, written whole per organisation and year in the write's transaction; and the
// batched reads of the facts it is computed from, over many organisations at once.
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import type { EvaluationLevel } from '../../../domain/evaluation-rules.ts';
import type { Queryable } from '../../platform/db.ts';

export interface FourGoodOrgRow {
  id: string;
  province_id: string;
  kind: OrganizationKind;
  valid_from: string;
  valid_to: string | null;
  /** the path it has now */
  path: string;
}

/** The organisations of the given kinds among `ids`, with their path now. */
export async function listOrganizations(q: Queryable, ids: string[], kinds: readonly OrganizationKind[]) {
  return q.query<FourGoodOrgRow>(
    `SELECT o.id, o.province_id, o.kind, o.valid_from::text, o.valid_to::text, p.path::text AS path
       FROM organization o
       JOIN LATERAL (SELECT path FROM organization_period WHERE organization_id = o.id
                      ORDER BY valid_to IS NULL DESC, valid_from DESC LIMIT 1) p ON true
      WHERE o.id = ANY($1::uuid[]) AND o.kind = ANY($2::text[])`,
    [ids, kinds],
  );
}

/** Every organisation of the given kinds, ordered by path (a chunk then shares its subtrees), for a rebuild. */
export async function listAllOrganizations(q: Queryable, kinds: readonly OrganizationKind[]) {
  const rows = await q.query<{ id: string }>(
    `SELECT o.id FROM organization o
       JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL
      WHERE o.kind = ANY($1::text[]) ORDER BY p.path`,
    [kinds],
  );
  return rows.map((r) => r.id);
}

/** Organisations of the given kinds that were ever under the organisation (any period carrying its label). */
export async function listEverUnder(q: Queryable, label: string, kinds: readonly OrganizationKind[]) {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT o.id FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path ~ ('*.' || $1 || '.*')::lquery AND o.kind = ANY($2::text[])`,
    [label, kinds],
  );
  return rows.map((r) => r.id);
}

/** The organisations a member officially belonged to between two dates. */
export async function listOfficialOrganizationsOf(q: Queryable, memberId: string, from: string, to: string) {
  const rows = await q.query<{ organization_id: string }>(
    `SELECT DISTINCT organization_id FROM membership WHERE member_id = $1 AND kind = 'official'
        AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $2)`,
    [memberId, from, to],
  );
  return rows.map((r) => r.organization_id);
}

/** The years from `fromYear` on in which the member was disciplined. */
export async function listDisciplineYears(q: Queryable, memberId: string, fromYear: number) {
  const rows = await q.query<{ year: number }>(
    `SELECT DISTINCT extract(year FROM decided_on)::int AS year FROM discipline
      WHERE member_id = $1 AND decided_on >= make_date($2, 1, 1)`,
    [memberId, fromYear],
  );
  return rows.map((r) => r.year);
}

/** The periods of the organisations: their path over time (ADR 003). */
export async function listPeriods(q: Queryable, ids: string[]) {
  return q.query<{ organization_id: string; path: string; valid_from: string; valid_to: string | null }>(
    `SELECT organization_id, path::text AS path, valid_from::text, valid_to::text FROM organization_period
      WHERE organization_id = ANY($1::uuid[]) ORDER BY organization_id, valid_from`,
    [ids],
  );
}

/**
 * Members disciplined between two dates who officially belonged then to an organisation under any of `paths`
 * (as it stands now), each with that organisation's path.
 */
export async function listDisciplinedMembersUnderAny(
  q: Queryable,
  paths: string[],
  from: string,
  to: string,
) {
  return q.query<{ member_id: string; org_path: string }>(
    `SELECT DISTINCT d.member_id, p.path::text AS org_path
       FROM discipline d
       JOIN membership ms ON ms.member_id = d.member_id AND ms.kind = 'official'
         AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
       JOIN organization_period p ON p.organization_id = ms.organization_id AND p.valid_to IS NULL
      WHERE d.member_id IS NOT NULL AND d.decided_on BETWEEN $2 AND $3 AND p.path <@ $1::text[]::ltree[]`,
    [paths, from, to],
  );
}

/** Members' decided levels of the year in organisations under any of `paths`, with the organisation's path. */
export async function listMemberLevelsUnderAny(q: Queryable, year: number, paths: string[]) {
  return q.query<{ decided_level: EvaluationLevel; path: string }>(
    `SELECT e.decided_level, p.path::text AS path FROM evaluation e
       JOIN organization_period p ON p.organization_id = e.organization_id AND p.valid_to IS NULL
      WHERE e.subject_kind = 'member' AND e.year = $1 AND e.decided_level IS NOT NULL
        AND p.path <@ $2::text[]::ltree[]`,
    [year, paths],
  );
}

export interface FourGoodResultRow {
  organization_id: string;
  year: number;
  period: 'midyear' | 'year';
  valid_from: string | null;
  valid_to: string | null;
  path: string;
  met: boolean;
  political_task: boolean | null;
  meeting_quality: boolean | null;
  unity_discipline: boolean | null;
  cadres_members: boolean | null;
  criteria: unknown;
}

/** Replaces the judgements of the organisations' years: every (organisation, year) in `keys`. */
export async function replaceResults(
  q: Queryable,
  keys: { organizationId: string; year: number }[],
  rows: FourGoodResultRow[],
) {
  if (keys.length === 0) return;
  await q.query(
    `DELETE FROM four_good_result r USING jsonb_to_recordset($1::jsonb) AS k(organization_id uuid, year int)
      WHERE r.organization_id = k.organization_id AND r.year = k.year`,
    [JSON.stringify(keys.map((k) => ({ organization_id: k.organizationId, year: k.year })))],
  );
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO four_good_result (organization_id, year, period, valid_from, valid_to, path, met, political_task,
            meeting_quality, unity_discipline, cadres_members, criteria)
     SELECT x.organization_id, x.year, x.period, x.valid_from, x.valid_to, x.path::ltree, x.met, x.political_task,
            x.meeting_quality, x.unity_discipline, x.cadres_members, x.criteria
       FROM jsonb_to_recordset($1::jsonb) AS x(organization_id uuid, year int, period text, valid_from date,
            valid_to date, path text, met boolean, political_task boolean, meeting_quality boolean,
            unity_discipline boolean, cadres_members boolean, criteria jsonb)`,
    [JSON.stringify(rows)],
  );
}

const resultColumns = `organization_id, year, period, valid_from::text, valid_to::text, path::text AS path, met,
  political_task, meeting_quality, unity_discipline, cadres_members, criteria`;

/** The kept judgements of the organisations, in a stable order (for the check). */
export async function listResults(q: Queryable, ids: string[]) {
  return q.query<FourGoodResultRow>(
    `SELECT ${resultColumns} FROM four_good_result WHERE organization_id = ANY($1::uuid[])
      ORDER BY organization_id, year, period, valid_from NULLS FIRST`,
    [ids],
  );
}

/** The years kept for the organisations. */
export async function listKeptYears(q: Queryable, ids: string[]) {
  return q.query<{ organization_id: string; year: number }>(
    `SELECT DISTINCT organization_id, year FROM four_good_result WHERE organization_id = ANY($1::uuid[])`,
    [ids],
  );
}

const onDay = `(r.valid_from IS NULL OR r.valid_from <= $DAY::date) AND (r.valid_to IS NULL OR r.valid_to > $DAY::date)`;

/** The judgements of the organisations for a year and period, as they stand on `day`. */
export async function listResultsOn(
  q: Queryable,
  ids: string[],
  year: number,
  period: 'midyear' | 'year',
  day: string,
) {
  return q.query<FourGoodResultRow>(
    `SELECT ${resultColumns} FROM four_good_result r
      WHERE r.organization_id = ANY($1::uuid[]) AND r.year = $2 AND r.period = $3 AND ${onDay.replaceAll('$DAY', '$4')}`,
    [ids, year, period, day],
  );
}

export interface FourGoodPageRow {
  id: string;
  name: string;
  kind: OrganizationKind;
  path: string;
}

/**
 * One page of the organisations of the given kinds in a subtree as it stands now, by name then id after the
 * cursor (keyset), optionally only those whose judgement on `day` is (or is not) met.
 */
export async function listPage(
  q: Queryable,
  p: {
    path: string;
    kinds: readonly OrganizationKind[];
    after: { name: string; id: string } | null;
    limit: number;
    met: boolean | null;
    year: number;
    period: 'midyear' | 'year';
    day: string;
  },
) {
  return q.query<FourGoodPageRow>(
    `SELECT o.id, p.name, o.kind, p.path::text AS path
       FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind = ANY($2::text[])
        AND ($3::text IS NULL OR (p.name, o.id) > ($3::text, $4::uuid))
        AND ($6::boolean IS NULL OR EXISTS (
              SELECT 1 FROM four_good_result r WHERE r.organization_id = o.id AND r.year = $7 AND r.period = $8
                 AND r.met = $6 AND ${onDay.replaceAll('$DAY', '$9')}))
      ORDER BY p.name, o.id LIMIT $5`,
    [p.path, p.kinds, p.after?.name ?? null, p.after?.id ?? null, p.limit, p.met, p.year, p.period, p.day],
  );
}

/** How many organisations of the given kinds the subtree has now. */
export async function countOrganizations(q: Queryable, path: string, kinds: readonly OrganizationKind[]) {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind = ANY($2::text[])`,
    [path, kinds],
  );
  return row!.n;
}

const criterionCounts = (c: string) =>
  `count(*) FILTER (WHERE ${c})::int AS ${c}_met, count(*) FILTER (WHERE NOT ${c})::int AS ${c}_not_met`;

export interface FourGoodTotalsRow {
  total: number;
  met: number;
  political_task_met: number;
  political_task_not_met: number;
  meeting_quality_met: number;
  meeting_quality_not_met: number;
  unity_discipline_met: number;
  unity_discipline_not_met: number;
  cadres_members_met: number;
  cadres_members_not_met: number;
}

/** A subtree's judgements of a year and period on `day`: each counted toward the ancestors of its as-of date. */
export async function totals(q: Queryable, label: string, year: number, period: string, day: string) {
  const [row] = await q.query<FourGoodTotalsRow>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE met)::int AS met,
            ${['political_task', 'meeting_quality', 'unity_discipline', 'cadres_members'].map(criterionCounts).join(', ')}
       FROM four_good_result r
      WHERE r.path ~ ('*.' || $1 || '.*')::lquery AND r.year = $2 AND r.period = $3
        AND ${onDay.replaceAll('$DAY', '$4')}`,
    [label, year, period, day],
  );
  return row!;
}
