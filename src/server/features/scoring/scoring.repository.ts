// SQL of meeting-quality scoring: loaded frameworks and their assignments, scorecards and their entries.
import type { ScorecardStatus, ScorerKind } from '../../../domain/scorecard-actions.ts';
import type { Rating } from '../../../domain/scoring-schema.ts';
import type { Queryable } from '../../platform/db.ts';

// ---- frameworks ---------------------------------------------------------------------------------------------

/** The definitions of every framework loaded from a file (the built-in ones live in code). */
export async function listLoadedFrameworkDefinitions(q: Queryable): Promise<unknown[]> {
  const rows = await q.query<{ definition: unknown }>('SELECT definition FROM scoring_framework');
  return rows.map((r) => r.definition);
}

export async function insertFramework(
  q: Queryable,
  f: { id: string; version: number; definition: unknown; createdBy: string },
) {
  await q.query('INSERT INTO scoring_framework (id, version, definition, created_by) VALUES ($1,$2,$3,$4)', [
    f.id,
    f.version,
    JSON.stringify(f.definition),
    f.createdBy,
  ]);
}

export interface FrameworkAssignmentRow {
  organization_id: string;
  framework_id: string;
  effective_from: string;
}

/** The framework assignments made at any of the given organisations. */
export async function listFrameworkAssignments(
  q: Queryable,
  organizationIds: string[],
): Promise<FrameworkAssignmentRow[]> {
  return q.query<FrameworkAssignmentRow>(
    `SELECT organization_id, framework_id, effective_from FROM scoring_framework_assignment
      WHERE organization_id = ANY($1::uuid[])`,
    [organizationIds],
  );
}

export async function insertFrameworkAssignment(
  q: Queryable,
  a: {
    provinceId: string;
    organizationId: string;
    frameworkId: string;
    effectiveFrom: string;
    documentRef: string | null;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO scoring_framework_assignment (province_id, organization_id, framework_id, effective_from, document_ref, created_by)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [a.provinceId, a.organizationId, a.frameworkId, a.effectiveFrom, a.documentRef, a.createdBy],
  );
  return row!.id;
}

// ---- scorecards ---------------------------------------------------------------------------------------------

export interface ScorecardRow {
  id: string;
  scorer_kind: ScorerKind;
  scorer_account_id: string | null;
  scorer_name: string;
  framework_id: string;
  framework_version: number;
  status: ScorecardStatus;
  total: number;
  applicable_max: number;
  percent: number;
  rating: Rating | null;
  rating_reason: string | null;
  submitted_at: Date | null;
}

/** A meeting's scorecards: the cell's own first, then by submission. */
export async function listScorecards(q: Queryable, meetingId: string): Promise<ScorecardRow[]> {
  return q.query<ScorecardRow>(
    `SELECT id, scorer_kind, scorer_account_id, scorer_name, framework_id, framework_version, status, total,
            applicable_max, percent, rating, rating_reason, submitted_at
       FROM scorecard WHERE meeting_id = $1 ORDER BY scorer_kind DESC, submitted_at NULLS LAST`,
    [meetingId],
  );
}

export interface ScorecardEntryRow {
  scorecard_id: string;
  criterion_id: string;
  points: number | null;
  override_reason: string | null;
}

export async function listScorecardEntries(
  q: Queryable,
  scorecardIds: string[],
): Promise<ScorecardEntryRow[]> {
  if (scorecardIds.length === 0) return [];
  return q.query<ScorecardEntryRow>(
    `SELECT scorecard_id, criterion_id, points::float AS points, override_reason FROM scorecard_entry
      WHERE scorecard_id = ANY($1::uuid[])`,
    [scorecardIds],
  );
}

/** The scorer's own card of a kind for the meeting (the cell has one self-score), locked for update. */
export async function lockOwnScorecard(
  q: Queryable,
  meetingId: string,
  kind: ScorerKind,
  accountId: string,
): Promise<{ id: string; status: ScorecardStatus } | null> {
  const [row] = await q.query<{ id: string; status: ScorecardStatus }>(
    `SELECT id, status FROM scorecard WHERE meeting_id = $1 AND scorer_kind = $2
       AND (scorer_kind = 'self' OR scorer_account_id = $3) FOR UPDATE`,
    [meetingId, kind, accountId],
  );
  return row ?? null;
}

export interface ScorecardValues {
  total: number;
  applicableMax: number;
  percent: number;
  rating: Rating | null;
  ratingReason: string | null;
  status: 'draft' | 'submitted';
  frameworkId: string;
  frameworkVersion: number;
  scorerAccountId: string;
  scorerName: string;
}

const valueList = (v: ScorecardValues) => [
  v.total,
  v.applicableMax,
  v.percent,
  v.rating,
  v.ratingReason,
  v.status,
  v.frameworkId,
  v.frameworkVersion,
  v.scorerAccountId,
  v.scorerName,
];

export async function updateScorecard(q: Queryable, id: string, v: ScorecardValues) {
  await q.query(
    `UPDATE scorecard SET total = $2, applicable_max = $3, percent = $4, rating = $5, rating_reason = $6,
       status = $7, framework_id = $8, framework_version = $9, updated_at = now(),
       submitted_at = CASE WHEN $7 = 'submitted' THEN now() END, scorer_account_id = $10, scorer_name = $11
     WHERE id = $1`,
    [id, ...valueList(v)],
  );
}

export async function insertScorecard(
  q: Queryable,
  card: {
    provinceId: string;
    meetingId: string;
    organizationId: string;
    kind: ScorerKind;
    forMonth: string;
  },
  v: ScorecardValues,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO scorecard (province_id, meeting_id, organization_id, scorer_kind, total, applicable_max, percent,
       rating, rating_reason, status, framework_id, framework_version, scorer_account_id, scorer_name, for_month,
       submitted_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, CASE WHEN $10 = 'submitted' THEN now() END)
     RETURNING id`,
    [card.provinceId, card.meetingId, card.organizationId, card.kind, ...valueList(v), card.forMonth],
  );
  return row!.id;
}

export interface ScorecardEntryValues {
  scorecardId: string;
  criterionId: string;
  points: number | null;
  autoPoints: number | null;
  evidence: string | null;
  overrideReason: string | null;
}

/** Replaces the entries of the given scorecards with `entries`, in one statement each. */
export async function replaceScorecardEntries(
  q: Queryable,
  scorecardIds: string[],
  entries: ScorecardEntryValues[],
) {
  if (scorecardIds.length === 0) return;
  await q.query('DELETE FROM scorecard_entry WHERE scorecard_id = ANY($1::uuid[])', [scorecardIds]);
  if (entries.length === 0) return;
  const col = <K extends keyof ScorecardEntryValues>(k: K) => entries.map((e) => e[k]);
  await q.query(
    `INSERT INTO scorecard_entry (scorecard_id, criterion_id, points, auto_points, evidence, override_reason)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::text[], $6::text[])`,
    [
      col('scorecardId'),
      col('criterionId'),
      col('points'),
      col('autoPoints'),
      col('evidence'),
      col('overrideReason'),
    ],
  );
}

// ---- ratings and re-scoring ---------------------------------------------------------------------------------

export interface SubmittedScoreRow {
  organization_id: string;
  meeting_id: string;
  for_month: string;
  scorer_kind: ScorerKind;
  percent: number;
  rating: Rating | null;
  framework_id: string;
  framework_version: number;
}

/** Submitted scorecards of the organisations' regular meetings in a year. */
export async function listSubmittedRegularScores(
  q: Queryable,
  organizationIds: string[],
  year: number,
): Promise<SubmittedScoreRow[]> {
  return q.query<SubmittedScoreRow>(
    `SELECT s.organization_id, s.meeting_id, s.for_month, s.scorer_kind, s.percent::float AS percent, s.rating,
            s.framework_id, s.framework_version
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
      WHERE s.organization_id = ANY($1::uuid[]) AND s.for_month LIKE $2 AND s.status = 'submitted'
        AND m.kind IN ('regular','regular_thematic')`,
    [organizationIds, `${year}-%`],
  );
}

export interface RescoreCardRow {
  id: string;
  meeting_id: string;
  organization_id: string;
  org_path: string;
  planned_date: string;
  framework_id: string;
  framework_version: number;
  total: number;
  percent: number;
  rating: string | null;
  status: string;
}

/** Every scorecard of the meetings, with its meeting's date and organisation's path. */
export async function listScorecardsOfMeetings(
  q: Queryable,
  meetingIds: readonly string[],
): Promise<RescoreCardRow[]> {
  return q.query<RescoreCardRow>(
    `SELECT s.id, s.meeting_id, s.organization_id, p.path::text AS org_path, m.planned_date, s.framework_id,
            s.framework_version, s.total::float AS total, s.percent::float AS percent, s.rating, s.status
       FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
       JOIN organization_period p ON p.organization_id = s.organization_id AND p.valid_to IS NULL
      WHERE s.meeting_id = ANY($1::uuid[])`,
    [meetingIds],
  );
}

export interface RescoredCard {
  id: string;
  total: number;
  applicableMax: number;
  percent: number;
  rating: string | null;
  ratingReason: string | null;
  frameworkId: string;
  frameworkVersion: number;
}

/** Writes many re-scored cards in one statement. */
export async function updateScorecardsInBulk(q: Queryable, cards: RescoredCard[]) {
  if (cards.length === 0) return;
  const col = <K extends keyof RescoredCard>(k: K) => cards.map((c) => c[k]);
  await q.query(
    `UPDATE scorecard s SET total = u.total, applicable_max = u.max, percent = u.percent, rating = u.rating,
       rating_reason = u.reason, framework_id = u.fid, framework_version = u.fver, updated_at = now()
       FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::int[])
         AS u(id, total, max, percent, rating, reason, fid, fver)
      WHERE s.id = u.id`,
    [
      col('id'),
      col('total'),
      col('applicableMax'),
      col('percent'),
      col('rating'),
      col('ratingReason'),
      col('frameworkId'),
      col('frameworkVersion'),
    ],
  );
}

/** The scored meetings of a subtree's year, each cell's together in order (a chunk then reads few cells). */
export async function listScoredMeetingsUnder(q: Queryable, path: string, year: number): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT s.meeting_id AS id FROM scorecard s
       JOIN organization_period p ON p.organization_id = s.organization_id AND p.valid_to IS NULL
      WHERE p.path <@ $1::ltree AND s.for_month LIKE $2
      GROUP BY s.meeting_id, s.organization_id ORDER BY s.organization_id, min(s.for_month), s.meeting_id`,
    [path, `${year}-%`],
  );
  return rows.map((r) => r.id);
}

/** The current paths of the organisations holding the meetings. */
export async function listPathsOfMeetings(q: Queryable, meetingIds: string[]): Promise<string[]> {
  const rows = await q.query<{ path: string }>(
    `SELECT DISTINCT p.path::text AS path FROM meeting m
       JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
      WHERE m.id = ANY($1::uuid[])`,
    [meetingIds],
  );
  return rows.map((r) => r.path);
}

/** The name a scorecard shows for its scorer: the account's display name. */
export async function findScorerName(q: Queryable, accountId: string): Promise<string> {
  const [row] = await q.query<{ display_name: string }>('SELECT display_name FROM account WHERE id = $1', [
    accountId,
  ]);
  return row?.display_name ?? '';
}
