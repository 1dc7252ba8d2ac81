import { describe, expect, it } from 'vitest';
import {
  isOverdue,
  meetingKindLabel,
  reminderKind,
  speakersShare,
  taskAchievementShare,
  type TaskFacts,
} from './meetings.ts';

describe('meetings: labels', () => {
  it('names every kind', () => {
    expect(meetingKindLabel).toEqual({
      regular: 'Sinh hoạt thường kỳ',
      thematic: 'Sinh hoạt chuyên đề',
      regular_thematic: 'Thường kỳ kết hợp chuyên đề',
      committee: 'Họp chi ủy',
      general_assembly: 'Hội nghị đảng bộ',
      extraordinary: 'Sinh hoạt bất thường',
    });
  });
});

describe('meetings: speakersShare', () => {
  it.each([
    [['a', 'b', 'c', 'd'], ['a', 'b'], 0.5],
    [['a', 'b', 'c', 'd'], ['a', 'a', 'b', 'b'], 0.5],
    [['a', 'b', 'c', 'd'], ['a', 'x'], 0.25],
    [['a', 'b'], [], 0],
    [['a', 'a', 'b'], ['a', 'b'], 1],
    [[], ['a'], null],
  ])('present %o, speakers %o → %s', (present, speakers, share) => {
    expect(speakersShare(present, speakers)).toBe(share);
  });
});

const task = (
  status: TaskFacts['status'],
  deadline: string | null = null,
  completedOn: string | null = null,
) => ({
  status,
  deadline,
  completedOn,
});

describe('meetings: tasks', () => {
  it.each([
    [[], { due: 0, achieved: 0, share: null }],
    [[task('cancelled')], { due: 0, achieved: 0, share: null }],
    [[task('done'), task('done'), task('not_done'), task('open')], { due: 4, achieved: 2, share: 0.5 }],
    [[task('done'), task('cancelled'), task('not_done')], { due: 2, achieved: 1, share: 0.5 }],
    [[task('done', '2026-03-10', '2026-03-12')], { due: 1, achieved: 1, share: 1 }],
  ])('taskAchievementShare %#', (tasks, expected) => {
    expect(taskAchievementShare(tasks)).toEqual(expected);
  });

  it.each([
    [task('open', '2026-03-10'), '2026-03-09', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-10', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-11', true, 'overdue'],
    [task('open', '2026-03-10'), '2026-03-07', false, 'due_soon'],
    [task('open', '2026-03-10'), '2026-03-06', false, null],
    [task('open', '2026-03-01'), '2026-02-27', false, 'due_soon'],
    [task('open', null), '2026-03-11', false, null],
    [task('done', '2026-03-10', '2026-03-12'), '2026-03-20', false, null],
    [task('not_done', '2026-03-10'), '2026-03-20', false, null],
    [task('cancelled', '2026-03-10'), '2026-03-20', false, null],
  ])('%o on %s: overdue %s, reminder %s', (t, today, overdue, reminder) => {
    expect(isOverdue(t, today)).toBe(overdue);
    expect(reminderKind(t, today)).toBe(reminder);
  });

  it('takes the reminder window as a parameter', () => {
    const t = task('open', '2026-03-10');
    expect(reminderKind(t, '2026-03-03', 7)).toBe('due_soon');
    expect(reminderKind(t, '2026-03-02', 7)).toBeNull();
    expect(reminderKind(t, '2026-03-09', 0)).toBeNull();
    expect(reminderKind(t, '2026-03-10', 0)).toBe('due_soon');
  });
});
