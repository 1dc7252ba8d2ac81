// Tasks as the API shows them (with their progress reports): read by the task inbox and by the meeting room.
// It imports no other service, so that the room can read tasks while tasks push changes to the room.
import { isOverdue } from '../../../domain/meetings.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { type TaskAction, taskActions } from '../../../domain/task-actions.ts';
import type { Queryable } from '../../platform/db.ts';
import * as repo from './tasks.repository.ts';

export type { TaskDbRow } from './tasks.repository.ts';

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();

/** Tasks shaped for the API from their rows and reports (pure); `actions` says what the viewer may do with each. */
export function presentTasks<R extends repo.TaskDbRow>(
  rows: R[],
  reports: repo.TaskReportRow[],
  today: string,
  actions: (t: R) => TaskAction[],
) {
  return rows.map((t) => ({
    id: t.id,
    meetingId: t.meeting_id,
    organizationId: t.organization_id,
    organizationName: t.org_name,
    title: t.title,
    expectedResult: t.expected_result,
    deadline: t.deadline,
    assignee: t.assignee_name ?? t.group_name ?? '',
    assigneeMemberId: t.assignee_member_id,
    assigneeGroupId: t.assignee_group_id,
    status: t.status,
    resultNote: t.result_note,
    completedOn: t.completed_on,
    overdue: isOverdue({ status: t.status, deadline: t.deadline, completedOn: t.completed_on }, today),
    reports: reports
      .filter((r) => r.task_id === t.id)
      .map((r) => ({
        id: r.id,
        author: r.author ?? '',
        note: r.note,
        progress: r.progress,
        fileName: r.file_name,
        createdAt: iso(r.created_at),
      })),
    actions: actions(t),
  }));
}

export type TaskView = ReturnType<typeof presentTasks>[number];

// The meeting room is one state for every viewer, so its tasks carry no viewer's actions.
const noActions = (): TaskAction[] => [];

/** Tasks with their reports, shaped for the API. */
export async function taskViews<R extends repo.TaskDbRow>(
  q: Queryable,
  rows: R[],
  actions: (t: R) => TaskAction[] = noActions,
) {
  const reports = await repo.listReports(
    q,
    rows.map((r) => r.id),
  );
  return presentTasks(rows, reports, todayIso(), actions);
}

/** The tasks a meeting assigned, as its room shows them. */
export async function meetingTaskViews(q: Queryable, meetingId: string | null): Promise<TaskView[]> {
  if (!meetingId) return [];
  return taskViews(q, await repo.listMeetingTasks(q, meetingId));
}

/**
 * What the viewer may do with each task of an organisation shown without actions (the room's tasks, shared by every
 * viewer): for the meeting's detail. The assignee (or a member of the assigned party group) reports, the leaders review.
 */
export async function viewerTaskActions(
  q: Queryable,
  actor: Actor,
  orgPath: string,
): Promise<(t: Pick<TaskView, 'status' | 'assigneeMemberId' | 'assigneeGroupId'>) => TaskAction[]> {
  const groups = actor.memberId ? await repo.listPartyGroupIds(q, actor.memberId) : [];
  return (t) =>
    taskActions(actor, {
      path: orgPath,
      status: t.status,
      assigned:
        (actor.memberId !== null && t.assigneeMemberId === actor.memberId) ||
        (t.assigneeGroupId !== null && groups.includes(t.assigneeGroupId)),
    });
}
