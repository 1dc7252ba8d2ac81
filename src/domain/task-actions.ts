// What the viewer may do with a task in its state: its assignee (a member, or a member of the assigned party
// group) and the cell's leaders report progress while it is open; the leaders judge its result.
import type { z } from 'zod';
import { type taskStatus, taskActions as allTaskActions } from '../contracts/meetings.ts';
import { message } from '../messages/index.ts';
import { type Actor, can } from './permissions.ts';
import { allowedBy, forbidden, invalidState, type Refusal } from './resource-actions.ts';

export type TaskAction = (typeof allTaskActions)[number];

export interface TaskState {
  /** the path of the organisation the task belongs to */
  path: string;
  status: z.infer<typeof taskStatus>;
  /** whether the viewer is the assignee or a member of the assigned party group */
  assigned: boolean;
}

const leads = (actor: Actor, path: string) => can(actor, 'meeting.manage', { type: 'organization', path });

export function taskActionRefusal(actor: Actor, task: TaskState, action: TaskAction): Refusal | null {
  switch (action) {
    case 'report':
      if (!task.assigned && !leads(actor, task.path)) return forbidden(message('task.report_only_assignee'));
      if (task.status !== 'open') return invalidState(message('task.already_reviewed'));
      return null;
    case 'review':
      // A result may be judged again (the next meeting's review corrects an earlier one).
      return leads(actor, task.path) ? null : forbidden(message('task.review_only_leaders'));
  }
}

export const taskActions = (actor: Actor, task: TaskState): TaskAction[] =>
  allowedBy(allTaskActions, (a) => taskActionRefusal(actor, task, a));
