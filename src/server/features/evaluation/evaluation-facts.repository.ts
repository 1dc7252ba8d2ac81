// SQL of the recorded facts an annual evaluation and "bốn tốt" rest on: a read model over tasks, the roll,
// scorecards, meetings, discipline and memberships, each query batched over many members or organisations.
import type { MonthlyRating } from '../../../domain/four-good.ts';
import type { Queryable } from '../../platform/db.ts';

export type DisciplineForm = 'reprimand' | 'warning' | 'dismissal' | 'expulsion' | 'dissolution';

export interface TaskRow {
  id: string;
  status: 'open' | 'done' | 'not_done' | 'cancelled';
  deadline: string | null;
  completed_on: string | null;
}

// A task belongs to the year of its deadline (or, without one, of its creation).
const taskInRange = `COALESCE(t.deadline, (t.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) BETWEEN $2 AND $3`;

/**
 * Tasks assigned to each member between two dates, directly or to a party group they belonged to then. Two
 * branches joined by UNION (not one join with OR), so each is served by an index: the task's assignee, and the
 * member's memberships then the group's tasks (task_assignee_group_idx).
 */
export async function listMemberTaskRows(q: Queryable, memberIds: string[], from: string, to: string) {
  return q.query<TaskRow & { member_id: string }>(
    `SELECT t.id, t.status, t.deadline, t.completed_on, t.assignee_member_id AS member_id
       FROM task t
      WHERE t.assignee_member_id = ANY($1::uuid[]) AND t.status <> 'cancelled' AND ${taskInRange}
     UNION
     SELECT t.id, t.status, t.deadline, t.completed_on, g.member_id
       FROM membership g JOIN task t ON t.assignee_group_id = g.organization_id
      WHERE g.member_id = ANY($1::uuid[]) AND g.kind = 'party_group'
        AND g.valid_from <= $3 AND (g.valid_to IS NULL OR g.valid_to > $2)
        AND t.status <> 'cancelled' AND ${taskInRange}`,
    [memberIds, from, to],
  );
}

/** Tasks of the organisations' own meetings and assignments between two dates. */
export async function listOrganizationTaskRows(
  q: Queryable,
  organizationIds: string[],
  from: string,
  to: string,
) {
  return q.query<TaskRow & { organization_id: string }>(
    `SELECT t.id, t.status, t.deadline, t.completed_on, t.organization_id FROM task t
      WHERE t.organization_id = ANY($1::uuid[]) AND t.status <> 'cancelled' AND ${taskInRange}`,
    [organizationIds, from, to],
  );
}

export interface AttendanceCountsRow {
  member_id: string;
  held: number;
  present: number;
  excused: number;
  unexcused: number;
  exempt: number;
}

/** Each member's roll in the year's held or adopted meetings, counted. */
export async function listAttendanceCounts(q: Queryable, memberIds: string[], year: number) {
  return q.query<AttendanceCountsRow>(
    `SELECT a.member_id, count(*)::int AS held,
            count(*) FILTER (WHERE a.status = 'present')::int AS present,
            count(*) FILTER (WHERE a.status = 'absent_excused')::int AS excused,
            count(*) FILTER (WHERE a.status = 'absent_unexcused')::int AS unexcused,
            count(*) FILTER (WHERE a.status = 'exempt' OR (a.status IS NULL AND a.exempt))::int AS exempt
       FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
      WHERE a.member_id = ANY($1::uuid[]) AND m.for_month LIKE $2 AND m.status IN ('held','adopted')
      GROUP BY a.member_id`,
    [memberIds, `${year}-%`],
  );
}

/** Ratings of the organisations' submitted self-scorecards between two months ('YYYY-MM'), by month. */
export async function listSelfRatings(
  q: Queryable,
  organizationIds: string[],
  fromMonth: string,
  toMonth: string,
) {
  return q.query<{ organization_id: string; for_month: string; rating: MonthlyRating }>(
    `SELECT organization_id, for_month, rating FROM scorecard
      WHERE organization_id = ANY($1::uuid[]) AND scorer_kind = 'self' AND status = 'submitted'
        AND rating IS NOT NULL AND for_month >= $2 AND for_month <= $3
      ORDER BY for_month`,
    [organizationIds, fromMonth, toMonth],
  );
}

/** The organisations' held or adopted meetings of the year: month and kind. */
export async function listHeldMeetings(q: Queryable, organizationIds: string[], year: number) {
  return q.query<{ organization_id: string; for_month: string; kind: string }>(
    `SELECT organization_id, for_month, kind FROM meeting
      WHERE organization_id = ANY($1::uuid[]) AND for_month LIKE $2 AND status IN ('held','adopted')`,
    [organizationIds, `${year}-%`],
  );
}

export interface DisciplineRow {
  id: string;
  member_id: string | null;
  organization_id: string | null;
  full_name: string | null;
  form: DisciplineForm;
  decided_on: string;
  document_ref: string | null;
  reason: string;
}

/** Discipline decisions on the members between two dates. */
export async function listMemberDisciplineRows(q: Queryable, memberIds: string[], from: string, to: string) {
  return q.query<DisciplineRow>(
    `SELECT d.id, d.member_id, d.organization_id, m.full_name, d.form, d.decided_on, d.document_ref, d.reason
       FROM discipline d JOIN member m ON m.id = d.member_id
      WHERE d.member_id = ANY($1::uuid[]) AND d.decided_on BETWEEN $2 AND $3 ORDER BY d.decided_on`,
    [memberIds, from, to],
  );
}

/** Discipline decisions on the organisations themselves between two dates. */
export async function listOrganizationDisciplineRows(
  q: Queryable,
  organizationIds: string[],
  from: string,
  to: string,
) {
  return q.query<DisciplineRow>(
    `SELECT d.id, d.member_id, d.organization_id, NULL AS full_name, d.form, d.decided_on, d.document_ref, d.reason
       FROM discipline d WHERE d.organization_id = ANY($1::uuid[]) AND d.decided_on BETWEEN $2 AND $3
      ORDER BY d.decided_on`,
    [organizationIds, from, to],
  );
}

/** Discipline decisions between two dates on members who officially belonged then to an organisation under `path`. */
export async function listDisciplineOfMembersUnder(q: Queryable, path: string, from: string, to: string) {
  return q.query<DisciplineRow & { org_path: string }>(
    `SELECT DISTINCT d.id, d.member_id, d.organization_id, m.full_name, d.form, d.decided_on, d.document_ref,
            d.reason, p.path::text AS org_path
       FROM discipline d JOIN member m ON m.id = d.member_id
       JOIN membership ms ON ms.member_id = d.member_id AND ms.kind = 'official'
         AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
       JOIN organization_period p ON p.organization_id = ms.organization_id AND p.valid_to IS NULL
      WHERE d.decided_on BETWEEN $2 AND $3 AND p.path <@ $1::ltree`,
    [path, from, to],
  );
}
