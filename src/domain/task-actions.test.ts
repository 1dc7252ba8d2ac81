import { describe, expect, it } from 'vitest';
import { taskStatus } from '../contracts/meetings.ts';
import { outcome, pathA, type Viewer, viewers } from './resource-actions.fixtures.ts';
import { type TaskAction, taskActionRefusal, taskActions, type TaskState } from './task-actions.ts';

type Status = TaskState['status'];

describe('task actions: each state × each viewer', () => {
  // [viewer, assigned to the viewer, status, allowed, refusal of report, refusal of review]
  const rows: Array<[Viewer, boolean, Status, TaskAction[], string, string]> = taskStatus.options.flatMap(
    (s): Array<[Viewer, boolean, Status, TaskAction[], string, string]> => {
      const open = s === 'open';
      return [
        // The assignee reports while the task is open, and never judges it.
        ['member', true, s, open ? ['report'] : [], open ? 'allowed' : 'invalid_state', 'forbidden'],
        ['member', false, s, [], 'forbidden', 'forbidden'],
        // The cell's leaders report for anyone while open, and judge the result in any state.
        [
          'secretary',
          false,
          s,
          open ? ['report', 'review'] : ['review'],
          open ? 'allowed' : 'invalid_state',
          'allowed',
        ],
        // Above the cell, beside it or following it: neither.
        ['commune', false, s, [], 'forbidden', 'forbidden'],
        ['officer', false, s, [], 'forbidden', 'forbidden'],
        ['follower', false, s, [], 'forbidden', 'forbidden'],
        ['outsider', false, s, [], 'forbidden', 'forbidden'],
      ];
    },
  );

  it.each(rows)(
    '%s (assigned: %s), task %s: %j (report %s, review %s)',
    (v, assigned, status, expected, report, review) => {
      const task = { path: pathA, status, assigned };
      expect(taskActions(viewers[v], task)).toEqual(expected);
      expect(outcome(taskActionRefusal(viewers[v], task, 'report'))).toBe(report);
      expect(outcome(taskActionRefusal(viewers[v], task, 'review'))).toBe(review);
    },
  );

  it('the right is asked before the state, each refusal with its message code', () => {
    expect(
      taskActionRefusal(viewers.outsider, { path: pathA, status: 'done', assigned: false }, 'report'),
    ).toEqual({
      error: 'forbidden',
      message: { code: 'task.report_only_assignee' },
    });
    expect(
      taskActionRefusal(viewers.member, { path: pathA, status: 'done', assigned: true }, 'report'),
    ).toEqual({
      error: 'invalid_state',
      message: { code: 'task.already_reviewed' },
    });
  });
});
