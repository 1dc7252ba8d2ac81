// Tasks from decisions and the member's side: the task inbox, progress reports, review, reminders,
// upcoming meetings, notifications and the personal calendar feed.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { reviewTaskBody, taskReportBody } from '../../../contracts/meetings.ts';
import { todayIso } from '../../../domain/dates.ts';
import { meetingKindLabel, type MeetingKind, reminderKind } from '../../../domain/meetings.ts';
import { type Actor, can, isManagingScope, visibilityPatterns } from '../../../domain/permissions.ts';
import { pathLabel } from '../../../domain/tree.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { checkAttachment, iso, meetingListItemOf } from './meeting-access.ts';
import { publishChange, type TaskDbRow, taskSelect, taskViews } from './meeting-room.ts';

type TaskRow = TaskDbRow & { org_path: string; created_by: string | null };

const taskWithPath = taskSelect.replace('SELECT t.*,', 'SELECT t.*, op.path::text AS org_path,');

function managesTask(actor: Actor, t: { org_path: string }) {
  return can(actor, 'meeting.manage', { type: 'organization', path: t.org_path });
}

async function groupIdsOf(db: Database, memberId: string | null): Promise<string[]> {
  if (!memberId) return [];
  const rows = await db.query<{ organization_id: string }>(
    `SELECT organization_id FROM membership WHERE member_id = $1 AND kind = 'party_group' AND valid_to IS NULL`,
    [memberId],
  );
  return rows.map((r) => r.organization_id);
}

function flagsFor(actor: Actor, groups: string[]) {
  return (t: TaskRow) => {
    const assigned =
      (actor.memberId !== null && t.assignee_member_id === actor.memberId) ||
      (t.assignee_group_id !== null && groups.includes(t.assignee_group_id));
    const manages = managesTask(actor, t);
    return { canReport: (assigned || manages) && t.status === 'open', canReview: manages };
  };
}

/** The task inbox: mine (assigned to me or my party group), created by me, or open/overdue/done among those I see. */
export async function listTasks(
  db: Database,
  actor: Actor,
  filter: 'mine' | 'created' | 'open' | 'overdue' | 'done',
) {
  const groups = await groupIdsOf(db, actor.memberId);
  // Open, overdue and done lists cover what is mine or made by me, plus the tasks of organisations I lead.
  const managed = actor.isSystemAdmin
    ? null
    : actor.scopes
        .filter((s) => isManagingScope(s) && s.role !== 'board_officer')
        .map((s) => `*.${pathLabel(s.organizationId)}`);
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const mine = () =>
    `(t.assignee_member_id = ${p(actor.memberId)} OR t.assignee_group_id = ANY(${p(groups)}::uuid[]))`;
  const conditions: string[] = [];
  if (filter === 'mine') conditions.push(mine());
  else if (filter === 'created') conditions.push(`t.created_by = ${p(actor.accountId)}`);
  else {
    const led = managed === null ? 'true' : `op.path ? ${p(managed)}::text[]::lquery[]`;
    conditions.push(`(${mine()} OR t.created_by = ${p(actor.accountId)} OR ${led})`);
    if (filter === 'open') conditions.push(`t.status = 'open'`);
    if (filter === 'overdue') conditions.push(`t.status = 'open' AND t.deadline < ${p(todayIso())}`);
    if (filter === 'done') conditions.push(`t.status = 'done'`);
  }
  const rows = await db.query<TaskRow>(
    `${taskWithPath} WHERE ${conditions.join(' AND ')}
     ORDER BY (t.status = 'open') DESC, t.deadline NULLS LAST, t.created_at DESC LIMIT 300`,
    params,
  );
  // Visibility: tasks are only listed within the actor's subtrees (or as the assignee).
  const patterns = visibilityPatterns(actor);
  const visible = rows.filter(
    (r) =>
      patterns === null ||
      r.assignee_member_id === actor.memberId ||
      (r.assignee_group_id !== null && groups.includes(r.assignee_group_id)) ||
      actor.scopes.some((s) => r.org_path.split('.').includes(pathLabel(s.organizationId))),
  );
  return { items: await taskViews(db, visible, flagsFor(actor, groups)) };
}

async function taskFor(db: Database, actor: Actor, id: string) {
  const [t] = await db.query<TaskRow>(`${taskWithPath} WHERE t.id = $1`, [id]);
  const groups = await groupIdsOf(db, actor.memberId);
  if (!t) throw notFound('Không tìm thấy nhiệm vụ');
  const flags = flagsFor(actor, groups)(t);
  const sees = can(actor, 'organization.view', { type: 'organization', path: t.org_path }) || flags.canReport;
  if (!sees) throw notFound('Không tìm thấy nhiệm vụ');
  return { t, flags };
}

export async function reportTask(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof taskReportBody>,
  file?: { name: string; type: string; content: Uint8Array } | null,
) {
  const { t, flags } = await taskFor(db, actor, id);
  if (t.status !== 'open')
    throw new AppError('invalid_state', 'Nhiệm vụ đã được đánh giá, không báo cáo thêm');
  if (!flags.canReport) throw new AppError('forbidden', 'Chỉ người được giao nhiệm vụ được báo cáo tiến độ');
  if (file) checkAttachment(file.type, file.content.length);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO task_report (task_id, member_id, note, progress, file_name, mime_type, content)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [
      id,
      actor.memberId,
      input.note,
      input.progress ?? null,
      file?.name ?? null,
      file?.type ?? null,
      file?.content ?? null,
    ],
  );
  if (t.meeting_id) publishChange(db, t.meeting_id);
  return { id: row!.id };
}

/** A report's attached file, for whoever may see the task. */
export async function reportFile(db: Database, actor: Actor, reportId: string) {
  const [r] = await db.query<{
    task_id: string;
    file_name: string | null;
    mime_type: string | null;
    content: Uint8Array | null;
  }>('SELECT task_id, file_name, mime_type, content FROM task_report WHERE id = $1', [reportId]);
  if (!r) throw notFound('Không tìm thấy báo cáo');
  await taskFor(db, actor, r.task_id);
  if (!r.content || !r.file_name) throw notFound('Báo cáo không có tệp đính kèm');
  return { fileName: r.file_name, mimeType: r.mime_type ?? 'application/octet-stream', content: r.content };
}

/** The result of a task, judged by the cell's leaders (normally in the next meeting's review). */
export async function reviewTask(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof reviewTaskBody>,
) {
  const { t, flags } = await taskFor(db, actor, id);
  if (!flags.canReview)
    throw new AppError('forbidden', 'Chỉ bí thư, phó bí thư được đánh giá kết quả nhiệm vụ');
  await db.query(
    `UPDATE task SET status = $2, result_note = COALESCE($3, result_note),
       completed_on = CASE WHEN $2 = 'done' THEN COALESCE(completed_on, $4::date) ELSE NULL END WHERE id = $1`,
    [id, input.status, input.resultNote ?? null, todayIso()],
  );
  // The meeting reviewing it and the meeting that set it both show the change.
  const reviewing = await db.query<{ id: string }>(
    `SELECT nm.id FROM meeting nm WHERE nm.organization_id = $1 AND nm.status IN ('in_session','held')`,
    [t.organization_id],
  );
  for (const r of reviewing) publishChange(db, r.id);
  if (t.meeting_id) publishChange(db, t.meeting_id);
  return { ok: true as const };
}

/** Notifications before and after task deadlines; idempotent per task and kind. */
export async function sendTaskReminders(db: Database, today = todayIso(), daysBefore = 3) {
  const rows = await db.query<{
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
  const due = rows.flatMap((t) => {
    const kind = reminderKind({ status: 'open', deadline: t.deadline, completedOn: null }, today, daysBefore);
    return kind ? [{ t, kind }] : [];
  });
  if (due.length === 0) return { sent: 0 };
  // One statement for every reminder: the assignee, or each member of the assigned party group.
  const inserted = await db.query(
    `INSERT INTO notification (member_id, kind, title, link, dedupe_key)
     SELECT x.member_id, d.kind, d.title, '/tasks?filter=mine', d.dedupe
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[]) AS d(kind, title, dedupe, member_id, group_id)
       CROSS JOIN LATERAL (
         SELECT d.member_id AS member_id WHERE d.member_id IS NOT NULL
         UNION SELECT ms.member_id FROM membership ms
          WHERE ms.organization_id = d.group_id AND ms.kind = 'party_group' AND ms.valid_to IS NULL) x
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      due.map((d) => `task_${d.kind}`),
      due.map((d) =>
        d.kind === 'due_soon' ? `Sắp đến hạn nhiệm vụ: ${d.t.title}` : `Nhiệm vụ đã quá hạn: ${d.t.title}`,
      ),
      due.map((d) => `task:${d.t.id}:${d.kind}`),
      due.map((d) => d.t.assignee_member_id),
      due.map((d) => d.t.assignee_group_id),
    ],
  );
  return { sent: inserted.length };
}

export async function myMeetings(db: Database, actor: Actor, origin: string) {
  if (!actor.memberId) return { upcoming: [], recent: [], calendarUrl: null };
  const today = todayIso();
  const rows = await db.query<{
    id: string;
    kind: MeetingKind;
    for_month: string;
    planned_date: string;
    planned_time: string;
    date_reason: string | null;
    location: string;
    status: 'planned' | 'notified' | 'in_session' | 'held' | 'adopted' | 'cancelled';
    rule_set_id: string;
    started_at: Date | null;
    ended_at: Date | null;
    decision_number: string | null;
    org_name: string;
    rsvp: 'confirmed' | 'absence_requested' | null;
    materials: number;
    unread: number;
  }>(
    `SELECT m.id, m.kind, m.for_month, m.planned_date, m.planned_time, m.date_reason, m.location, m.status, m.rule_set_id,
            m.started_at, m.ended_at, d.number AS decision_number, p.name AS org_name, a.rsvp,
            (SELECT count(*) FROM meeting_material mt WHERE mt.meeting_id = m.id)::int AS materials,
            (SELECT count(*) FROM meeting_material mt WHERE mt.meeting_id = m.id
               AND NOT EXISTS (SELECT 1 FROM material_read r WHERE r.material_id = mt.id AND r.member_id = $1))::int AS unread
       FROM meeting_attendance a JOIN meeting m ON m.id = a.meeting_id
       JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
       LEFT JOIN decision d ON d.meeting_id = m.id
      WHERE a.member_id = $1 AND m.status <> 'cancelled'
        AND (m.status IN ('planned','notified','in_session') OR m.planned_date >= ($2::date - 120))
      ORDER BY m.planned_date`,
    [actor.memberId, today],
  );
  const item = (r: (typeof rows)[number]) => ({ ...meetingListItemOf(r), organizationName: r.org_name });
  const token = await calendarToken(db, actor.accountId);
  return {
    upcoming: rows
      .filter((r) => ['planned', 'notified', 'in_session'].includes(r.status))
      .map((r) => ({ ...item(r), rsvp: r.rsvp, materialsCount: r.materials, unreadMaterials: r.unread })),
    recent: rows
      .filter((r) => r.status === 'held' || r.status === 'adopted')
      .reverse()
      .slice(0, 6)
      .map(item),
    calendarUrl: `${origin}/api/calendar/${token}.ics`,
  };
}

async function calendarToken(db: Database, accountId: string): Promise<string> {
  const [row] = await db.query<{ calendar_token: string | null }>(
    'SELECT calendar_token FROM account WHERE id = $1',
    [accountId],
  );
  if (row?.calendar_token) return row.calendar_token;
  const token = randomBytes(18).toString('base64url');
  await db.query('UPDATE account SET calendar_token = $2 WHERE id = $1 AND calendar_token IS NULL', [
    accountId,
    token,
  ]);
  const [again] = await db.query<{ calendar_token: string }>(
    'SELECT calendar_token FROM account WHERE id = $1',
    [accountId],
  );
  return again!.calendar_token;
}

const icsEscape = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');

/** The member's meetings as an iCalendar feed (RFC 5545), times in Vietnam time (UTC+7, no DST). */
export async function calendarFeed(db: Database, token: string, origin: string): Promise<string | null> {
  const [acc] = await db.query<{ member_id: string | null }>(
    'SELECT member_id FROM account WHERE calendar_token = $1',
    [token],
  );
  if (!acc?.member_id) return null;
  const rows = await db.query<{
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
    [acc.member_id],
  );
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Chi bo so//VI',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Sinh hoạt chi bộ',
  ];
  for (const r of rows) {
    const startUtc = new Date(`${r.planned_date}T${r.planned_time}:00+07:00`);
    const endUtc = new Date(startUtc.getTime() + 120 * 60_000);
    const fmt = (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.id}@chibo-so`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${fmt(startUtc)}`,
      `DTEND:${fmt(endUtc)}`,
      `SUMMARY:${icsEscape(`${meetingKindLabel[r.kind]} – ${r.org_name}`)}`,
      `LOCATION:${icsEscape(r.location)}`,
      `DESCRIPTION:${icsEscape(r.notice_content ?? '')}`,
      `URL:${origin}/meetings/${r.id}`,
      `STATUS:${r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

export async function notifications(db: Database, actor: Actor) {
  if (!actor.memberId) return { items: [], unread: 0 };
  const rows = await db.query<{
    id: string;
    kind: string;
    title: string;
    link: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    'SELECT id, kind, title, link, created_at, read_at FROM notification WHERE member_id = $1 ORDER BY created_at DESC LIMIT 50',
    [actor.memberId],
  );
  const [unread] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notification WHERE member_id = $1 AND read_at IS NULL',
    [actor.memberId],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      link: r.link,
      createdAt: iso(r.created_at)!,
      readAt: iso(r.read_at),
    })),
    unread: unread!.n,
  };
}

export async function readAllNotifications(db: Database, actor: Actor) {
  if (actor.memberId) {
    await db.query('UPDATE notification SET read_at = now() WHERE member_id = $1 AND read_at IS NULL', [
      actor.memberId,
    ]);
  }
  return { ok: true as const };
}
