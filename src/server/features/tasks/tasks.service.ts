// Tasks from decisions and the member's side: the task inbox, progress reports, review, reminders, upcoming
// meetings, notifications and the personal calendar feed.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { createTaskBody, reviewTaskBody, taskReportBody } from '../../../contracts/meetings.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import { meetingKindLabel, reminderKind } from '../../../domain/meetings.ts';
import { type Actor, can, isManagingScope, visibilityPatterns } from '../../../domain/permissions.ts';
import {
  type TaskAction,
  taskActionRefusal,
  taskActions,
  type TaskState,
} from '../../../domain/task-actions.ts';
import { pathLabel } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { fromStoredText, storedText } from '../../../domain/messages.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publishChange } from '../meeting-room/meeting-room.service.ts';
import {
  allowedActions,
  checkAttachment,
  iso,
  meetingListItemOf,
  meetingViewers,
} from '../meetings/meeting-access.ts';
import { taskViews } from './task-views.service.ts';
import * as repo from './tasks.repository.ts';

interface Meta {
  ip: string | null;
}

type TaskRow = repo.TaskDbRow;

const groupIdsOf = async (q: Queryable, memberId: string | null): Promise<string[]> =>
  memberId ? repo.listPartyGroupIds(q, memberId) : [];

/** A task as its action rule sees it, for a viewer in the given party groups. */
function stateOf(actor: Actor, groups: string[], t: TaskRow): TaskState {
  const assigned =
    (actor.memberId !== null && t.assignee_member_id === actor.memberId) ||
    (t.assignee_group_id !== null && groups.includes(t.assignee_group_id));
  return { path: t.org_path, status: t.status, assigned };
}

const actionsFor = (actor: Actor, groups: string[]) => (t: TaskRow) =>
  taskActions(actor, stateOf(actor, groups, t));

/** The task inbox: mine (assigned to me or my party group), created by me, or open/overdue/done among those I see. */
export async function listTasks(
  db: Queryable,
  actor: Actor,
  filter: 'mine' | 'created' | 'open' | 'overdue' | 'done',
) {
  const groups = await groupIdsOf(db, actor.memberId);
  // Open, overdue and done lists cover what is mine or made by me, plus the tasks of organisations I lead.
  const led = actor.isSystemAdmin
    ? null
    : actor.scopes
        .filter((s) => isManagingScope(s) && s.role !== 'board_officer')
        .map((s) => `*.${pathLabel(s.organizationId)}`);
  const rows = await repo.listTasks(db, {
    filter,
    memberId: actor.memberId,
    groupIds: groups,
    accountId: actor.accountId,
    led,
    today: todayIso(),
  });
  // Visibility: tasks are only listed within the actor's subtrees (or as the assignee).
  const patterns = visibilityPatterns(actor);
  const visible = rows.filter(
    (r) =>
      patterns === null ||
      r.assignee_member_id === actor.memberId ||
      (r.assignee_group_id !== null && groups.includes(r.assignee_group_id)) ||
      actor.scopes.some((s) => r.org_path.split('.').includes(pathLabel(s.organizationId))),
  );
  return { items: await taskViews(db, visible, actionsFor(actor, groups)) };
}

/** A task the viewer may see (the assignee always does), with its state as the action rule sees it. */
async function taskFor(q: Queryable, actor: Actor, id: string) {
  const t = await repo.findTask(q, id);
  const groups = await groupIdsOf(q, actor.memberId);
  if (!t) throw notFound(message('task.not_found'));
  const state = stateOf(actor, groups, t);
  const sees = can(actor, 'organization.view', { type: 'organization', path: t.org_path }) || state.assigned;
  if (!sees) throw notFound(message('task.not_found'));
  return { t, state };
}

/** Throws the rule's refusal, if any: the server allows exactly what it sends as `actions`. */
function refuse(actor: Actor, state: TaskState, action: TaskAction) {
  const r = taskActionRefusal(actor, state, action);
  if (r) throw new AppError(r.error, r.message);
}

/**
 * A task assigned from a meeting, inside the meeting's write (the caller checked the assignee is on the roll):
 * a party group must be one of the cell's, and the deadline on or after the meeting day.
 */
export async function createMeetingTask(
  tx: Queryable,
  actor: Actor,
  m: { id: string; province_id: string; organization_id: string; planned_date: string },
  input: z.infer<typeof createTaskBody>,
) {
  if (input.assigneeGroupId && !(await repo.isPartyGroupOf(tx, input.assigneeGroupId, m.organization_id))) {
    throw new AppError('validation_failed', message('task.group_not_in_cell'), [
      { path: 'assigneeGroupId', message: message('task.choose_group_of_cell') },
    ]);
  }
  if (input.deadline && input.deadline < m.planned_date) {
    throw new AppError('validation_failed', message('task.deadline_before_meeting'), [
      { path: 'deadline', message: message('task.deadline_from', { date: formatDateVi(m.planned_date) }) },
    ]);
  }
  return repo.insertTask(tx, {
    provinceId: m.province_id,
    organizationId: m.organization_id,
    meetingId: m.id,
    title: input.title,
    expectedResult: input.expectedResult ?? null,
    deadline: input.deadline ?? null,
    assigneeMemberId: input.assigneeMemberId ?? null,
    assigneeGroupId: input.assigneeGroupId ?? null,
    createdByMemberId: actor.memberId,
    createdBy: actor.accountId,
  });
}

/** The previous decision's tasks, reviewed in this meeting, are closed against it (when the minutes are adopted). */
export const closeTasksReviewedIn = (tx: Queryable, fromMeetingId: string, reviewingMeetingId: string) =>
  repo.markReviewedIn(tx, fromMeetingId, reviewingMeetingId);

export async function reportTask(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof taskReportBody>,
  meta: Meta,
  file?: { name: string; type: string; content: Uint8Array } | null,
) {
  const reportId = await db.transaction(async (tx) => {
    const { t, state } = await taskFor(tx, actor, id);
    refuse(actor, state, 'report');
    if (file) checkAttachment(file.type, file.content.length);
    const reportId = await repo.insertReport(tx, {
      taskId: id,
      memberId: actor.memberId,
      note: input.note,
      progress: input.progress ?? null,
      file: file ?? null,
    });
    await recordAudit(tx, {
      chain: t.province_id,
      actorAccountId: actor.accountId,
      action: 'task.report',
      entity: 'task',
      entityId: id,
      after: { reportId, progress: input.progress ?? null, fileName: file?.name ?? null },
      ip: meta.ip,
    });
    return { reportId, meetingId: t.meeting_id };
  });
  if (reportId.meetingId) publishChange(db, reportId.meetingId);
  return { id: reportId.reportId };
}

/** A report's attached file, for whoever may see the task. */
export async function reportFile(db: Queryable, actor: Actor, reportId: string) {
  const r = await repo.findReportFile(db, reportId);
  if (!r) throw notFound(message('task.report_not_found'));
  await taskFor(db, actor, r.task_id);
  if (!r.content || !r.file_name) throw notFound(message('task.report_no_file'));
  return { fileName: r.file_name, mimeType: r.mime_type ?? 'application/octet-stream', content: r.content };
}

/** The result of a task, judged by the cell's leaders (normally in the next meeting's review). */
export async function reviewTask(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof reviewTaskBody>,
  meta: Meta,
) {
  const t = await db.transaction(async (tx) => {
    const { t, state } = await taskFor(tx, actor, id);
    refuse(actor, state, 'review');
    await repo.updateReview(tx, id, input.status, input.resultNote ?? null, todayIso());
    await recordAudit(tx, {
      chain: t.province_id,
      actorAccountId: actor.accountId,
      action: 'task.review',
      entity: 'task',
      entityId: id,
      after: input,
      ip: meta.ip,
    });
    return t;
  });
  // The meeting reviewing it and the meeting that set it both show the change.
  for (const meetingId of await repo.listReviewingMeetingIds(db, t.organization_id))
    publishChange(db, meetingId);
  if (t.meeting_id) publishChange(db, t.meeting_id);
  return { ok: true as const };
}

/** Notifications before and after task deadlines; idempotent per task and kind. */
export async function sendTaskReminders(db: Database, today = todayIso(), daysBefore = 3) {
  const rows = await repo.listOpenTasksDueBy(db, today, daysBefore);
  const due = rows.flatMap((t) => {
    const kind = reminderKind({ status: 'open', deadline: t.deadline, completedOn: null }, today, daysBefore);
    return kind ? [{ t, kind }] : [];
  });
  if (due.length === 0) return { sent: 0 };
  // Notifications are stored as text: the message's JSON, rendered in the reader's language.
  const sent = await repo.insertReminders(
    db,
    due.map(({ t, kind }) => ({
      kind: `task_${kind}`,
      title: storedText(
        message(kind === 'due_soon' ? 'task.reminder_due_soon' : 'task.reminder_overdue', { title: t.title }),
      ),
      dedupe: `task:${t.id}:${kind}`,
      memberId: t.assignee_member_id,
      groupId: t.assignee_group_id,
    })),
  );
  return { sent };
}

/** The member's upcoming and recent meetings, each with what the member may do with it (the one meeting rule). */
export async function myMeetings(db: Database, actor: Actor, origin: string, meta: Meta) {
  if (!actor.memberId) return { upcoming: [], recent: [], calendarUrl: null };
  const rows = await repo.listMemberMeetings(db, actor.memberId, todayIso());
  const viewers = await meetingViewers(db, actor, rows);
  const item = (r: repo.MyMeetingRow) => ({
    ...meetingListItemOf(r),
    organizationName: r.org_name,
    actions: allowedActions(viewers.get(r.id)!, r),
  });
  const token = await calendarToken(db, actor.accountId, meta);
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

/** The account's calendar token, issued on first use; issuing a bearer secret is audited (never its value). */
async function calendarToken(db: Database, accountId: string, meta: Meta): Promise<string> {
  const existing = await repo.findCalendarToken(db, accountId);
  if (existing) return existing;
  await db.transaction(async (tx) => {
    const issued = await repo.setCalendarToken(tx, accountId, randomBytes(18).toString('base64url'));
    if (issued) {
      await recordAudit(tx, {
        chain: issued.chain,
        actorAccountId: accountId,
        action: 'account.calendarToken.issue',
        entity: 'account',
        entityId: accountId,
        ip: meta.ip,
      });
    }
  });
  return (await repo.findCalendarToken(db, accountId))!;
}

const icsEscape = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');

/** The member's meetings as an iCalendar feed (RFC 5545), times in Vietnam time (UTC+7, no DST); 404 if unknown. */
export async function calendarFeed(db: Queryable, file: string, origin: string): Promise<string> {
  const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
  const memberId = token ? await repo.findMemberByCalendarToken(db, token) : null;
  if (!memberId) throw notFound(message('calendar.not_found'));
  const rows = await repo.listCalendarMeetings(db, memberId);
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

export async function notifications(db: Queryable, actor: Actor) {
  if (!actor.memberId) return { items: [], unread: 0 };
  const rows = await repo.listNotifications(db, actor.memberId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      // Older rows hold Vietnamese text, shown as stored.
      title: fromStoredText(r.title),
      link: r.link,
      createdAt: iso(r.created_at)!,
      readAt: iso(r.read_at),
    })),
    unread: await repo.countUnread(db, actor.memberId),
  };
}

export async function readAllNotifications(db: Database, actor: Actor, meta: Meta) {
  const memberId = actor.memberId;
  if (!memberId) return { ok: true as const }; // an account without a member has no notifications: nothing written
  await db.transaction(async (tx) => {
    const { province_id, marked } = await repo.markAllRead(tx, memberId);
    await recordAudit(tx, {
      chain: province_id,
      actorAccountId: actor.accountId,
      action: 'notification.readAll',
      entity: 'member',
      entityId: memberId,
      after: { marked },
      ip: meta.ip,
    });
  });
  return { ok: true as const };
}
