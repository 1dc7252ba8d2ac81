// English messages of tasks and the member's side: assignment, reports, review, reminders, the calendar feed.
import type { tasks as vi } from '../vi/tasks.ts';

export const tasks: Record<keyof typeof vi, string> = {
  'task.not_found': 'Task not found',
  'task.group_not_in_cell': 'The party group does not belong to this cell',
  'task.choose_group_of_cell': 'Choose a party group of the cell',
  'task.deadline_before_meeting': 'The deadline must be after the meeting day',
  'task.deadline_from': 'From {date} on',
  'task.already_reviewed': 'The task has been reviewed; no more reports',
  'task.report_only_assignee': 'Only the person assigned the task may report progress',
  'task.report_not_found': 'Report not found',
  'task.report_no_file': 'The report has no attached file',
  'task.review_only_leaders': 'Only the secretary or deputy secretary may judge a task’s result',
  'task.reminder_due_soon': 'Task due soon: {title}',
  'task.reminder_overdue': 'Task overdue: {title}',
  'calendar.not_found': 'Calendar not found',
};
