// Cell meetings: their kinds and statuses, contributions and tasks. Pure, no I/O. Dates are ISO strings 'YYYY-MM-DD'.
// What may be done in which status is the rule of ./meeting-actions.ts; the agenda, attendance and votes, decision
// numbers and check-in codes have their own modules beside this one.

import type { meetingKinds, meetingStatuses } from '../contracts/meetings.ts';
import { addDays } from './dates.ts';

// ---------------------------------------------------------------------------------------------------------
// Kinds and statuses

export type MeetingKind = (typeof meetingKinds)[number];

export const meetingKindLabel: Record<MeetingKind, string> = {
  regular: 'Sinh hoạt thường kỳ',
  thematic: 'Sinh hoạt chuyên đề',
  regular_thematic: 'Thường kỳ kết hợp chuyên đề',
  committee: 'Họp chi ủy',
  general_assembly: 'Hội nghị đảng bộ',
  extraordinary: 'Sinh hoạt bất thường',
};

export type MeetingStatus = (typeof meetingStatuses)[number];

// ---------------------------------------------------------------------------------------------------------
// Contributions and tasks

/** Distinct speakers who were present, over those present; null when nobody was present. */
export function speakersShare(
  presentMemberIds: readonly string[],
  speakerMemberIds: readonly string[],
): number | null {
  const present = new Set(presentMemberIds);
  if (present.size === 0) return null;
  const spoke = new Set(speakerMemberIds.filter((id) => present.has(id)));
  return spoke.size / present.size;
}

export type TaskStatus = 'open' | 'done' | 'not_done' | 'cancelled';

export interface TaskFacts {
  status: TaskStatus;
  deadline: string | null;
  completedOn: string | null;
}

/** Tasks of a resolution: cancelled ones excluded, done ones achieved; share null when none is due. */
export function taskAchievementShare(tasks: readonly TaskFacts[]): {
  due: number;
  achieved: number;
  share: number | null;
} {
  let due = 0;
  let achieved = 0;
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    due++;
    if (t.status === 'done') achieved++;
  }
  return { due, achieved, share: due === 0 ? null : achieved / due };
}

/** An open task whose deadline has passed (the deadline day itself is not overdue). */
export function isOverdue(t: TaskFacts, today: string): boolean {
  return t.status === 'open' && t.deadline !== null && t.deadline < today;
}

/** For open tasks with a deadline: 'overdue' after it, 'due_soon' from `daysBefore` days before it to the day itself. */
export function reminderKind(t: TaskFacts, today: string, daysBefore = 3): 'due_soon' | 'overdue' | null {
  if (t.status !== 'open' || t.deadline === null) return null;
  if (t.deadline < today) return 'overdue';
  if (t.deadline <= addDays(today, daysBefore)) return 'due_soon';
  return null;
}
