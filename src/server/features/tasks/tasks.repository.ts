// SQL of tasks and the member's side: tasks and their reports, reminders, the member's meetings, notifications
// and the calendar token. Every function takes the connection or transaction explicitly.
import type { MeetingKind, MeetingStatus } from '../../../domain/meetings.ts';
import { prepared, type Queryable } from '../../platform/db.ts';

export interface TaskDbRow {
  id: string;
  province_id: string;
  meeting_id: string | null;
  organization_id: string;
  org_name: string;
  org_path: string;
  title: string;
  expected_result: string | null;
  deadline: string | null;
  assignee_member_id: string | null;
  assignee_group_id: string | null;
  assignee_name: string | null;
  group_name: string | null;
  status: 'open' | 'done' | 'not_done' | 'cancelled';
  result_note: string | null;
  completed_on: string | null;
  created_by: string | null;
}

const taskSelect = `SELECT t.*, op.name AS org_name, op.path::text AS org_path, am.full_name AS assignee_name,
    gp.name AS group_name
  FROM task t
  JOIN organization_period op ON op.organization_id = t.organization_id AND op.valid_to IS NULL
  LEFT JOIN member am ON am.id = t.assignee_member_id
  LEFT JOIN organization_period gp ON gp.organization_id = t.assignee_group_id AND gp.valid_to IS NULL`;

export interface TaskReportRow {
  id: string;
  task_id: string;
  author: string | null;
  note: string;
  progress: number | null;
  file_name: string | null;
  created_at: Date;
}

const listReportsSql = prepared<TaskReportRow>(
  'tasks.reports',
  `SELECT r.id, r.task_id, mb.full_name AS author, r.note, r.progress, r.file_name, r.created_at
     FROM task_report r LEFT JOIN member mb ON mb.id = r.member_id
    WHERE r.task_id = ANY($1::uuid[]) ORDER BY r.created_at`,
);

export async function listReports(q: Queryable, taskIds: string[]): Promise<TaskReportRow[]> {
  if (!taskIds.length) return [];
  return listReportsSql(q, [taskIds]);
}

export async function listMeetingTasks(q: Queryable, meetingId: string): Promise<TaskDbRow[]> {
  return q.query<TaskDbRow>(`${taskSelect} WHERE t.meeting_id = $1 ORDER BY t.created_at`, [meetingId]);
}

export async function findTask(q: Queryable, id: string): Promise<TaskDbRow | null> {
  const [t] = await q.query<TaskDbRow>(`${taskSelect} WHERE t.id = $1`, [id]);
  return t ?? null;
}

const listPartyGroupIdsSql = prepared<{ organization_id: string }>(
  'tasks.party_groups',
  `SELECT organization_id FROM membership WHERE member_id = $1 AND kind = 'party_group' AND valid_to IS NULL`,
);

export async function listPartyGroupIds(q: Queryable, memberId: string): Promise<string[]> {
  const rows = await listPartyGroupIdsSql(q, [memberId]);
  return rows.map((r) => r.organization_id);
}

export interface TaskListQuery {
  filter: 'mine' | 'created' | 'open' | 'overdue' | 'done';
  memberId: string | null;
  groupIds: string[];
  accountId: string;
  /** lquery patterns of the organisations the actor leads; null for everything */
  led: string[] | null;
  today: string;
}

const inboxOrder = `ORDER BY (t.status = 'open') DESC, t.deadline NULLS LAST, t.created_at DESC LIMIT 300`;

// The tasks assigned to the member or to one of the member's party groups: two index lookups (task_assignee_idx,
// task_assignee_group_idx), so the cost is the member's tasks, not the province's. Everyone's first page.
const myTasks = prepared<TaskDbRow>(
  'tasks.mine',
  `${taskSelect}
    WHERE t.id IN (SELECT id FROM task WHERE assignee_member_id = $1
                   UNION SELECT id FROM task WHERE assignee_group_id = ANY($2::uuid[]))
    ${inboxOrder}`,
);

// What the actor created, whatever its status.
const createdTasks = prepared<TaskDbRow>(
  'tasks.created',
  `${taskSelect} WHERE t.created_by = $1 ${inboxOrder}`,
);

// Open, overdue ($5: the day before which a deadline is overdue) or done ($4) among mine, mine created and those of
// the organisations I lead ($6: lquery patterns of their paths). The led organisations are found by their path
// (organization_period_path_gist), then their tasks by organisation and status (task_org_idx).
const inboxParts = `SELECT id FROM task WHERE assignee_member_id = $1 AND status = $4
                    UNION SELECT id FROM task WHERE assignee_group_id = ANY($2::uuid[]) AND status = $4
                    UNION SELECT id FROM task WHERE created_by = $3 AND status = $4`;
const overdueOnly = `($5::date IS NULL OR t.deadline < $5::date)`;
const ledInbox = prepared<TaskDbRow>(
  'tasks.inbox',
  `${taskSelect}
    WHERE t.id IN (${inboxParts}
                   UNION SELECT t.id FROM organization_period op JOIN task t ON t.organization_id = op.organization_id
                    WHERE op.valid_to IS NULL AND op.path ? $6::text[]::lquery[] AND t.status = $4)
      AND ${overdueOnly}
    ${inboxOrder}`,
);
// A system administrator leads every organisation: $1 the status, $2 as $5 above.
const everyInbox = prepared<TaskDbRow>(
  'tasks.inbox_all',
  `${taskSelect} WHERE t.status = $1 AND ($2::date IS NULL OR t.deadline < $2::date) ${inboxOrder}`,
);

/**
 * The task inbox: mine, created by me, or open/overdue/done among mine, mine created and those of the organisations
 * I lead. Each part is found through its own index (assignee, party group, creator; the led organisations by their
 * path, then their tasks by organisation and status), so a cell's or a commune's inbox reads its own tasks only.
 */
export async function listTasks(q: Queryable, f: TaskListQuery): Promise<TaskDbRow[]> {
  if (f.filter === 'mine') return myTasks(q, [f.memberId, f.groupIds]);
  if (f.filter === 'created') return createdTasks(q, [f.accountId]);
  const status = f.filter === 'done' ? 'done' : 'open';
  const overdueBefore = f.filter === 'overdue' ? f.today : null;
  if (f.led === null) return everyInbox(q, [status, overdueBefore]);
  return ledInbox(q, [f.memberId, f.groupIds, f.accountId, status, overdueBefore, f.led]);
}

export async function isPartyGroupOf(q: Queryable, groupId: string, organizationId: string) {
  const rows = await q.query(
    `SELECT 1 FROM organization_period p JOIN organization o ON o.id = p.organization_id
      WHERE p.organization_id = $1 AND p.parent_id = $2 AND p.valid_to IS NULL AND o.kind = 'party_group'`,
    [groupId, organizationId],
  );
  return rows.length > 0;
}

export async function insertTask(
  q: Queryable,
  t: {
    provinceId: string;
    organizationId: string;
    meetingId: string;
    title: string;
    expectedResult: string | null;
    deadline: string | null;
    assigneeMemberId: string | null;
    assigneeGroupId: string | null;
    createdByMemberId: string | null;
    createdBy: string;
  },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO task (province_id, organization_id, meeting_id, title, expected_result, deadline, assignee_member_id,
       assignee_group_id, created_by_member_id, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
    [
      t.provinceId,
      t.organizationId,
      t.meetingId,
      t.title,
      t.expectedResult,
      t.deadline,
      t.assigneeMemberId,
      t.assigneeGroupId,
      t.createdByMemberId,
      t.createdBy,
    ],
  );
  return row!.id;
}

/** Closes the tasks of one meeting's decision against the meeting that reviewed them. */
export async function markReviewedIn(q: Queryable, fromMeetingId: string, reviewingMeetingId: string) {
  await q.query(
    `UPDATE task SET reviewed_in_meeting_id = $2 WHERE meeting_id = $1 AND reviewed_in_meeting_id IS NULL`,
    [fromMeetingId, reviewingMeetingId],
  );
}

export async function insertReport(
  q: Queryable,
  r: {
    taskId: string;
    memberId: string | null;
    note: string;
    progress: number | null;
    file: { name: string; type: string; content: Uint8Array } | null;
  },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO task_report (task_id, member_id, note, progress, file_name, mime_type, content)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [
      r.taskId,
      r.memberId,
      r.note,
      r.progress,
      r.file?.name ?? null,
      r.file?.type ?? null,
      r.file?.content ?? null,
    ],
  );
  return row!.id;
}

export async function findReportFile(q: Queryable, reportId: string) {
  const [r] = await q.query<{
    task_id: string;
    file_name: string | null;
    mime_type: string | null;
    content: Uint8Array | null;
  }>('SELECT task_id, file_name, mime_type, content FROM task_report WHERE id = $1', [reportId]);
  return r ?? null;
}

export async function updateReview(
  q: Queryable,
  id: string,
  status: string,
  resultNote: string | null,
  today: string,
) {
  await q.query(
    `UPDATE task SET status = $2, result_note = COALESCE($3, result_note),
       completed_on = CASE WHEN $2 = 'done' THEN COALESCE(completed_on, $4::date) ELSE NULL END WHERE id = $1`,
    [id, status, resultNote, today],
  );
}

/** The organisation's meetings in session or held: the ones that may be reviewing its tasks. */
export async function listReviewingMeetingIds(q: Queryable, organizationId: string) {
  const rows = await q.query<{ id: string }>(
    `SELECT nm.id FROM meeting nm WHERE nm.organization_id = $1 AND nm.status IN ('in_session','held')`,
    [organizationId],
  );
  return rows.map((r) => r.id);
}

// ---- reminders -------------------------------------------------------------------------------------------

export async function listOpenTasksDueBy(q: Queryable, today: string, daysBefore: number) {
  return q.query<{
    id: string;
    title: string;
    deadline: string;
    assignee_member_id: string | null;
    assignee_group_id: string | null;
  }>(
    `SELECT id, title, deadline, assignee_member_id, assignee_group_id FROM task
      WHERE status = 'open' AND deadline IS NOT NULL AND deadline <= ($1::date + $2::int)`,
    [today, daysBefore],
  );
}

/** One statement for every reminder: the assignee, or each member of the assigned party group. */
export async function insertReminders(
  q: Queryable,
  rs: Array<{ kind: string; title: string; dedupe: string; memberId: string | null; groupId: string | null }>,
): Promise<number> {
  const inserted = await q.query(
    `INSERT INTO notification (member_id, kind, title, link, dedupe_key)
     SELECT x.member_id, d.kind, d.title, '/tasks?filter=mine', d.dedupe
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[]) AS d(kind, title, dedupe, member_id, group_id)
       CROSS JOIN LATERAL (
         SELECT d.member_id AS member_id WHERE d.member_id IS NOT NULL
         UNION SELECT ms.member_id FROM membership ms
          WHERE ms.organization_id = d.group_id AND ms.kind = 'party_group' AND ms.valid_to IS NULL) x
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      rs.map((r) => r.kind),
      rs.map((r) => r.title),
      rs.map((r) => r.dedupe),
      rs.map((r) => r.memberId),
      rs.map((r) => r.groupId),
    ],
  );
  return inserted.length;
}

// ---- the member's meetings and calendar ------------------------------------------------------------------

export interface MyMeetingRow {
  id: string;
  kind: MeetingKind;
  for_month: string;
  planned_date: string;
  planned_time: string;
  date_reason: string | null;
  location: string;
  status: MeetingStatus;
  rule_set_id: string;
  started_at: Date | null;
  ended_at: Date | null;
  decision_number: string | null;
  org_name: string;
  org_path: string;
  chair_member_id: string | null;
  minute_taker_member_id: string | null;
  chair_signed_at: Date | null;
  minute_taker_signed_at: Date | null;
  rsvp: 'confirmed' | 'absence_requested' | null;
  materials: number;
  unread: number;
}

/** The meetings whose roll holds the member: upcoming, and those of the last 120 days. */
const listMemberMeetingsSql = prepared<MyMeetingRow>(
  'tasks.member_meetings',
  `SELECT m.id, m.kind, m.for_month, m.planned_date, m.planned_time, m.date_reason, m.location, m.status, m.rule_set_id,
            m.started_at, m.ended_at, d.number AS decision_number, p.name AS org_name, p.path::text AS org_path,
            m.chair_member_id, m.minute_taker_member_id, m.chair_signed_at, m.minute_taker_signed_at, a.rsvp,
            (SELECT count(*) FROM meeting_material mt WHERE mt.meeting_id = m.id)::int AS materials,
            (SELECT count(*) FROM meeting_material mt WHERE mt.meeting_id = m.id
               AND NOT EXISTS (SELECT 1 FROM material_read r WHERE r.material_id = mt.id AND r.member_id = $1))::int AS unread
       FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
       JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
       LEFT JOIN decision d ON d.meeting_id = m.id
      WHERE a.member_id = $1 AND m.status <> 'cancelled'
        AND (m.status IN ('planned','notified','in_session') OR m.planned_date >= ($2::date - 120))
    ORDER BY m.planned_date`,
);

export async function listMemberMeetings(q: Queryable, memberId: string, today: string) {
  return listMemberMeetingsSql(q, [memberId, today]);
}

const findCalendarTokenSql = prepared<{ calendar_token: string | null }>(
  'tasks.calendar_token',
  'SELECT calendar_token FROM account WHERE id = $1',
);

export async function findCalendarToken(q: Queryable, accountId: string): Promise<string | null> {
  const [row] = await findCalendarTokenSql(q, [accountId]);
  return row?.calendar_token ?? null;
}

/** Sets the account's calendar token unless one is already there; answers whether it did (and the account's chain). */
export async function setCalendarToken(q: Queryable, accountId: string, token: string) {
  const [row] = await q.query<{ province_id: string | null }>(
    'UPDATE account SET calendar_token = $2 WHERE id = $1 AND calendar_token IS NULL RETURNING province_id',
    [accountId, token],
  );
  return row ? { chain: row.province_id ?? '' } : null;
}

export async function findMemberByCalendarToken(q: Queryable, token: string): Promise<string | null> {
  const [acc] = await q.query<{ member_id: string | null }>(
    'SELECT member_id FROM account WHERE calendar_token = $1',
    [token],
  );
  return acc?.member_id ?? null;
}

export async function listCalendarMeetings(q: Queryable, memberId: string) {
  return q.query<{
    id: string;
    kind: MeetingKind;
    for_month: string;
    planned_date: string;
    planned_time: string;
    location: string;
    status: string;
    org_name: string;
    notice_content: string | null;
  }>(
    `SELECT m.id, m.kind, m.for_month, m.planned_date, m.planned_time, m.location, m.status, p.name AS org_name, m.notice_content
       FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
       JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
      WHERE a.member_id = $1 AND m.planned_date >= (current_date - 60) ORDER BY m.planned_date`,
    [memberId],
  );
}

// ---- notifications ---------------------------------------------------------------------------------------

const listNotificationsSql = prepared<{
  id: string;
  kind: string;
  title: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}>(
  'tasks.notifications',
  'SELECT id, kind, title, link, created_at, read_at FROM notification WHERE member_id = $1 ORDER BY created_at DESC LIMIT 50',
);

/** The member's latest notifications (the bell on every page). */
export async function listNotifications(q: Queryable, memberId: string) {
  return listNotificationsSql(q, [memberId]);
}

const countUnreadSql = prepared<{ n: number }>(
  'tasks.unread_notifications',
  'SELECT count(*)::int AS n FROM notification WHERE member_id = $1 AND read_at IS NULL',
);

export async function countUnread(q: Queryable, memberId: string): Promise<number> {
  const [unread] = await countUnreadSql(q, [memberId]);
  return unread!.n;
}

/** Marks the member's unread notifications read; answers how many, and the member's province (the audit chain). */
export async function markAllRead(q: Queryable, memberId: string) {
  const [row] = await q.query<{ province_id: string; marked: number }>(
    `WITH marked AS (UPDATE notification SET read_at = now() WHERE member_id = $1 AND read_at IS NULL RETURNING 1)
     SELECT province_id, (SELECT count(*) FROM marked)::int AS marked FROM member WHERE id = $1`,
    [memberId],
  );
  return row!;
}
