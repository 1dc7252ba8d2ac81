// SQL of the year's plan: the meetings as compliance facts, the work programme, thematic topics and the cells of a
// subtree. Every function takes the connection or transaction explicitly.
import type { MeetingKind, MeetingStatus } from '../../../domain/meetings.ts';
import type { Queryable } from '../../platform/db.ts';

export interface MeetingFactRow {
  id: string;
  organization_id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  for_month: string;
  planned_date: string;
  planned_time: string;
  date_reason: string | null;
  location: string;
  rule_set_id: string;
  rule_set_version: number;
  started_at: Date | null;
  ended_at: Date | null;
  notice_published_at: Date | null;
  adopted_at: Date | null;
  combined_with_other: boolean;
  decision_number: string | null;
}

/** The meetings of some organisations in a year, in date order, with their decision numbers. */
export async function listMeetingFacts(q: Queryable, organizationIds: string[], year: number) {
  return q.query<MeetingFactRow>(
    `SELECT m.id, m.organization_id, m.kind, m.status, m.for_month, m.planned_date, m.planned_time,
       m.date_reason, m.location, m.rule_set_id, m.rule_set_version, m.started_at, m.ended_at, m.notice_published_at,
       m.adopted_at, m.combined_with_other, d.number AS decision_number
       FROM meeting m LEFT JOIN decision d ON d.meeting_id = m.id
      WHERE m.organization_id = ANY($1::uuid[]) AND m.for_month LIKE $2 ORDER BY m.planned_date`,
    [organizationIds, `${year}-%`],
  );
}

export async function findWorkProgramme(q: Queryable, organizationId: string, year: number) {
  const [row] = await q.query<{ content: string; updated_at: Date }>(
    'SELECT content, updated_at FROM work_programme WHERE organization_id = $1 AND year = $2',
    [organizationId, year],
  );
  return row ?? null;
}

export async function upsertWorkProgramme(
  q: Queryable,
  w: { provinceId: string; organizationId: string; year: number; content: string; updatedBy: string },
) {
  await q.query(
    `INSERT INTO work_programme (province_id, organization_id, year, content, updated_by) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (organization_id, year) DO UPDATE SET content = EXCLUDED.content, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [w.provinceId, w.organizationId, w.year, w.content, w.updatedBy],
  );
}

export interface TopicRow {
  id: string;
  organization_id: string;
  province_id: string;
  year: number;
  quarter: number;
  title: string;
  presenters: string;
  draft: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  review_comment: string | null;
  reviewed_at: Date | null;
}

export async function listTopics(q: Queryable, organizationId: string, year: number) {
  return q.query<TopicRow>(
    'SELECT * FROM thematic_topic WHERE organization_id = $1 AND year = $2 ORDER BY quarter, created_at',
    [organizationId, year],
  );
}

export async function insertTopic(
  q: Queryable,
  t: {
    provinceId: string;
    organizationId: string;
    year: number;
    quarter: number;
    title: string;
    presenters: string;
    draft: string | null;
  },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO thematic_topic (province_id, organization_id, year, quarter, title, presenters, draft)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [t.provinceId, t.organizationId, t.year, t.quarter, t.title, t.presenters, t.draft],
  );
  return row!.id;
}

/** A topic with the current path of its organisation (for the visibility check). */
export async function findTopic(q: Queryable, id: string) {
  const [t] = await q.query<TopicRow & { path: string }>(
    `SELECT t.*, p.path::text AS path FROM thematic_topic t
       JOIN organization_period p ON p.organization_id = t.organization_id AND p.valid_to IS NULL WHERE t.id = $1`,
    [id],
  );
  return t ?? null;
}

export async function markTopicSubmitted(q: Queryable, id: string) {
  await q.query(`UPDATE thematic_topic SET status = 'submitted' WHERE id = $1`, [id]);
}

export async function markTopicReviewed(
  q: Queryable,
  id: string,
  status: 'approved' | 'returned',
  comment: string | null,
  reviewedBy: string,
) {
  await q.query(
    `UPDATE thematic_topic SET status = $2, review_comment = $3, reviewed_by = $4, reviewed_at = now() WHERE id = $1`,
    [id, status, comment, reviewedBy],
  );
}
