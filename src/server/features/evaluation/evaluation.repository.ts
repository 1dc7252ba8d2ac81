// SQL of annual evaluations, the discipline register and "bốn tốt" entries.
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import type { EvaluationSubject, EvaluationLevel } from '../../../domain/evaluation-rules.ts';
import type { EvaluationStep } from '../../../domain/evaluation-workflow.ts';
import type { FourGoodCriterion } from '../../../domain/four-good.ts';
import type { Queryable } from '../../platform/db.ts';

// ---- organisations as evaluations see them ------------------------------------------------------------------

/** The organisations as they stand now (id, kind, name, path), for finding the quota holder in a chain. */
export async function listCurrentOrganizations(q: Queryable, ids: string[]) {
  return q.query<{ id: string; kind: string; name: string; path: string }>(
    `SELECT o.id, o.kind, p.name, p.path::text AS path FROM organization o
       JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL
      WHERE o.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Locks the quota holder, so that decisions under one quota are taken one at a time. */
export async function lockOrganization(q: Queryable, id: string) {
  await q.query('SELECT id FROM organization WHERE id = $1 FOR UPDATE', [id]);
}

// ---- evaluations --------------------------------------------------------------------------------------------

export interface EvaluationRow {
  id: string;
  province_id: string;
  year: number;
  subject_kind: 'member' | 'organization';
  member_id: string | null;
  organization_id: string;
  holder_id: string;
  rules_id: string;
  rules_version: number;
  subject_form: EvaluationSubject;
  step: EvaluationStep | null;
  self_points: number | null;
  self_level: EvaluationLevel | null;
  self_text: string | null;
  self_tasks_exceeding: number;
  self_at: Date | null;
  proposed_level: EvaluationLevel | null;
  proposal_note: string | null;
  proposed_at: Date | null;
  decided_level: EvaluationLevel | null;
  decision_note: string | null;
  decision_document: string | null;
  quota_reason: string | null;
  decided_at: Date | null;
  announced_at: Date | null;
  version: number;
  // joined
  member_name: string | null;
  org_name: string;
  org_path: string;
  org_kind: string;
  holder_path: string;
  self_by_name: string | null;
  proposed_by_name: string | null;
  decided_by_name: string | null;
}

const evaluationSelect = `SELECT e.*, m.full_name AS member_name, p.name AS org_name, p.path::text AS org_path,
    o.kind AS org_kind, hp.path::text AS holder_path, sa.display_name AS self_by_name,
    pa.display_name AS proposed_by_name, da.display_name AS decided_by_name
  FROM evaluation e
  JOIN organization o ON o.id = e.organization_id
  JOIN organization_period p ON p.organization_id = e.organization_id AND p.valid_to IS NULL
  JOIN organization_period hp ON hp.organization_id = e.holder_id AND hp.valid_to IS NULL
  LEFT JOIN member m ON m.id = e.member_id
  LEFT JOIN account sa ON sa.id = e.self_by
  LEFT JOIN account pa ON pa.id = e.proposed_by
  LEFT JOIN account da ON da.id = e.decided_by`;

/** A cell's evaluations of the year: the cell's own first, then its members by name. */
export async function listEvaluationsOfCell(q: Queryable, cellId: string, year: number) {
  return q.query<EvaluationRow>(
    `${evaluationSelect} WHERE e.organization_id = $1 AND e.year = $2
      ORDER BY e.subject_kind DESC, m.search_name`,
    [cellId, year],
  );
}

/** The organisations' own evaluations a committee holds the quota for (or its own), by name. */
export async function listOrganizationEvaluationsOf(q: Queryable, organizationId: string, year: number) {
  return q.query<EvaluationRow>(
    `${evaluationSelect} WHERE (e.holder_id = $1 OR e.organization_id = $1) AND e.subject_kind = 'organization'
       AND e.year = $2 ORDER BY p.search_name`,
    [organizationId, year],
  );
}

export async function lockEvaluation(q: Queryable, id: string): Promise<EvaluationRow | null> {
  const [row] = await q.query<EvaluationRow>(`${evaluationSelect} WHERE e.id = $1 FOR UPDATE OF e`, [id]);
  return row ?? null;
}

/** The members' evaluations of the organisations' year with their decided levels. */
export async function listMemberLevels(q: Queryable, organizationIds: string[], year: number) {
  return q.query<{ organization_id: string; member_id: string; decided_level: EvaluationLevel | null }>(
    `SELECT organization_id, member_id, decided_level FROM evaluation
      WHERE subject_kind = 'member' AND organization_id = ANY($1::uuid[]) AND year = $2`,
    [organizationIds, year],
  );
}

/** Levels decided under a quota holder in a year, for one kind of subject (optionally leaving one out). */
export async function listDecidedLevels(
  q: Queryable,
  holderId: string,
  year: number,
  subjectKind: string,
  exceptId: string | null = null,
): Promise<EvaluationLevel[]> {
  const rows = await q.query<{ decided_level: EvaluationLevel }>(
    `SELECT decided_level FROM evaluation WHERE holder_id = $1 AND year = $2 AND subject_kind = $3
        AND decided_level IS NOT NULL AND ($4::uuid IS NULL OR id <> $4)`,
    [holderId, year, subjectKind, exceptId],
  );
  return rows.map((r) => r.decided_level);
}

/**
 * Official, active members of a cell in a period, each marked when they held a leading position on `to`
 * (they are reviewed on the leaders' form).
 */
export async function listMembersToEvaluate(
  q: Queryable,
  cellId: string,
  from: string,
  to: string,
  leaderPositions: string[],
) {
  return q.query<{ member_id: string; leader: boolean }>(
    `SELECT DISTINCT ms.member_id,
            EXISTS (SELECT 1 FROM position po WHERE po.member_id = ms.member_id AND po.kind = ANY($4::text[])
                      AND po.valid_from <= $3 AND (po.valid_to IS NULL OR po.valid_to > $3)) AS leader
       FROM membership ms JOIN member m ON m.id = ms.member_id
      WHERE ms.organization_id = $1 AND ms.kind = 'official' AND m.lifecycle = 'active'
        AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $2)`,
    [cellId, from, to, leaderPositions],
  );
}

/** Creates an evaluation unless it exists; answers whether it was created. */
export async function insertEvaluation(
  q: Queryable,
  e: {
    provinceId: string;
    year: number;
    memberId: string | null;
    organizationId: string;
    holderId: string;
    rulesId: string;
    rulesVersion: number;
    form: EvaluationSubject;
  },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO evaluation (province_id, year, subject_kind, member_id, organization_id, holder_id, rules_id,
       rules_version, subject_form) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING id`,
    [
      e.provinceId,
      e.year,
      e.memberId ? 'member' : 'organization',
      e.memberId,
      e.organizationId,
      e.holderId,
      e.rulesId,
      e.rulesVersion,
      e.form,
    ],
  );
  return rows.length > 0;
}

/** The columns a step sets, by name (only these may be written). */
export interface StepColumns {
  self_points?: number | null;
  self_level?: EvaluationLevel;
  self_text?: string;
  self_tasks_exceeding?: number;
  subject_form?: EvaluationSubject;
  self_by?: string;
  self_at?: Date;
  proposed_level?: EvaluationLevel;
  proposal_note?: string | null;
  proposed_by?: string;
  proposed_at?: Date;
  decided_level?: EvaluationLevel;
  decision_note?: string | null;
  decision_document?: string | null;
  quota_reason?: string | null;
  decided_by?: string;
  decided_at?: Date;
  announced_at?: Date;
  announced_by?: string;
}

/** Takes a step: sets its columns, adds the step's evidence snapshot and bumps the version. */
export async function updateStep(
  q: Queryable,
  id: string,
  step: EvaluationStep,
  evidence: Record<string, unknown>,
  set: StepColumns,
) {
  const columns = Object.keys(set);
  const values = Object.values(set);
  const assignments = columns.map((c, i) => `${c} = $${i + 4}`).join(', ');
  await q.query(
    `UPDATE evaluation SET step = $2, evidence = COALESCE(evidence, '{}'::jsonb) || $3::jsonb,
       version = version + 1, updated_at = now()${assignments ? `, ${assignments}` : ''} WHERE id = $1`,
    [id, step, JSON.stringify({ [step]: evidence }), ...values],
  );
}

// ---- discipline ---------------------------------------------------------------------------------------------

/** Whether the member ever belonged to an organisation under `path`. */
export async function memberBelongedUnder(q: Queryable, memberId: string, path: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM membership ms JOIN organization_period p ON p.organization_id = ms.organization_id
       AND p.valid_to IS NULL WHERE ms.member_id = $1 AND p.path <@ $2::ltree LIMIT 1`,
    [memberId, path],
  );
  return rows.length > 0;
}

export async function insertDiscipline(
  q: Queryable,
  d: {
    provinceId: string;
    memberId: string | null;
    organizationId: string | null;
    form: string;
    decidedOn: string;
    documentRef: string | null;
    reason: string;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO discipline (province_id, member_id, organization_id, form, decided_on, document_ref, reason, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [d.provinceId, d.memberId, d.organizationId, d.form, d.decidedOn, d.documentRef, d.reason, d.createdBy],
  );
  return row!.id;
}

// ---- bốn tốt ------------------------------------------------------------------------------------------------

/** Organisations of the given kinds in a subtree as it stands now, shallowest first, by name. */
export async function listOrganizationsUnder(q: Queryable, path: string, kinds: readonly OrganizationKind[]) {
  return q.query<{ id: string; name: string; kind: OrganizationKind; path: string }>(
    `SELECT o.id, p.name, o.kind, p.path::text AS path FROM organization_period p
       JOIN organization o ON o.id = p.organization_id
      WHERE p.path <@ $1::ltree AND p.valid_to IS NULL AND o.valid_to IS NULL AND o.kind = ANY($2::text[])
      ORDER BY p.depth, p.search_name`,
    [path, kinds],
  );
}

/** Members' decided levels of the year in organisations under `path`, with the organisation's path. */
export async function listMemberLevelsUnder(q: Queryable, year: number, path: string) {
  return q.query<{ decided_level: EvaluationLevel; path: string }>(
    `SELECT e.decided_level, p.path::text AS path FROM evaluation e
       JOIN organization_period p ON p.organization_id = e.organization_id AND p.valid_to IS NULL
      WHERE e.subject_kind = 'member' AND e.year = $1 AND e.decided_level IS NOT NULL
        AND p.path <@ $2::ltree`,
    [year, path],
  );
}

/** The organisations' own decided levels of the year. */
export async function listOrganizationLevels(q: Queryable, year: number, organizationIds: string[]) {
  return q.query<{ organization_id: string; decided_level: EvaluationLevel }>(
    `SELECT organization_id, decided_level FROM evaluation WHERE subject_kind = 'organization' AND year = $1
        AND organization_id = ANY($2::uuid[]) AND decided_level IS NOT NULL`,
    [year, organizationIds],
  );
}

export async function listFourGoodEntries(q: Queryable, year: number, organizationIds: string[]) {
  return q.query<{ organization_id: string; criterion: FourGoodCriterion; met: boolean; evidence: string }>(
    `SELECT organization_id, criterion, met, evidence FROM four_good_entry
      WHERE year = $1 AND organization_id = ANY($2::uuid[])`,
    [year, organizationIds],
  );
}

/** Enters (or re-enters) a criterion of an organisation's year. */
export async function upsertFourGoodEntry(
  q: Queryable,
  e: {
    provinceId: string;
    organizationId: string;
    year: number;
    criterion: FourGoodCriterion;
    met: boolean;
    evidence: string;
    enteredBy: string;
  },
) {
  await q.query(
    `INSERT INTO four_good_entry (province_id, organization_id, year, criterion, met, evidence, entered_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (organization_id, year, criterion) DO UPDATE SET met = EXCLUDED.met, evidence = EXCLUDED.evidence,
       entered_by = EXCLUDED.entered_by, entered_at = now()`,
    [e.provinceId, e.organizationId, e.year, e.criterion, e.met, e.evidence, e.enteredBy],
  );
}
