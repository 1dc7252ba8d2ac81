// Loading a meeting with its organisation, and who may do what with it: the meetings feature's access service,
// shared by every meeting service (and by scoring, which scores meetings).
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { builtInRuleSets, type RuleSet } from '../../../domain/meeting-rules.ts';
import {
  type MeetingAction,
  meetingActionRefusal,
  meetingActions,
  type MeetingState,
  type MeetingViewer,
} from '../../../domain/meeting-actions.ts';
import type { AttendanceEntry } from '../../../domain/meeting-attendance.ts';
import type { MeetingKind, MeetingStatus } from '../../../domain/meetings.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { Queryable } from '../../platform/db.ts';
import { message } from '../../../messages/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as repo from './meetings.repository.ts';
import type { MeetingRow, RollEntry } from './meetings.repository.ts';

export type { MeetingRow };

/** The meeting with its organisation, or null (no visibility check: for code that already checked). */
export const findMeeting = (q: Queryable, id: string, lock = false) => repo.findMeeting(q, id, lock);

export interface MeetingAccess {
  view: boolean;
  /** prepares, publishes, starts and ends, adopts: the organisation's own leaders */
  manage: boolean;
  /** records attendance, contributions, votes and minutes in the room: leaders and the minute-taker */
  run: boolean;
}

export function accessOf(
  actor: Actor,
  m: Pick<MeetingRow, 'org_path' | 'minute_taker_member_id'>,
): MeetingAccess {
  const resource = { type: 'organization' as const, path: m.org_path };
  const view = can(actor, 'organization.view', resource);
  const manage = view && can(actor, 'meeting.manage', resource);
  const run = manage || (actor.memberId !== null && actor.memberId === m.minute_taker_member_id);
  return { view, manage, run };
}

/** The meeting if the actor may see it, else a 404 (nothing about it leaks outside the subtree). */
export async function visibleMeeting(q: Queryable, actor: Actor, id: string, lock = false) {
  const m = await repo.findMeeting(q, id, lock);
  if (!m) throw notFound(message('meeting.not_found'));
  const access = accessOf(actor, m);
  // A member on the roll sees the meeting even when attending temporarily from another cell.
  if (!access.view) {
    const onRoll = actor.memberId !== null && (await repo.isOnRoll(q, id, actor.memberId));
    if (!onRoll) throw notFound(message('meeting.not_found'));
    access.view = true;
  }
  return { meeting: m, access };
}

// Every kind of scorecard is a permission of its own (scoring.service); any of them lets the viewer score.
const scorerPermissions = [
  'scorecard.scoreSelf',
  'scorecard.scoreAsFollower',
  'scorecard.scoreAsSupervision',
] as const;

/** The parts of a meeting that say who the viewer is for it. */
type ViewedMeeting = Pick<MeetingRow, 'id' | 'org_path' | 'chair_member_id' | 'minute_taker_member_id'>;

/** Who the actor is for a meeting, given their own roll row (pure). */
export function viewerOf(
  actor: Actor,
  m: ViewedMeeting,
  access: MeetingAccess,
  row: RollEntry | null,
): MeetingViewer {
  const resource = { type: 'organization' as const, path: m.org_path };
  return {
    manage: access.manage,
    run: access.run,
    entry: row ? entryOf(row) : null,
    chair: actor.memberId !== null && actor.memberId === m.chair_member_id,
    minuteTaker: actor.memberId !== null && actor.memberId === m.minute_taker_member_id,
    scorer: scorerPermissions.some((p) => can(actor, p, resource)),
  };
}

/** Who the actor is for this meeting: their rights, their own row on the roll, their roles in it. */
export async function meetingViewer(
  q: Queryable,
  actor: Actor,
  m: MeetingRow,
  access: MeetingAccess,
): Promise<MeetingViewer> {
  const row = actor.memberId ? await repo.findRollEntry(q, m.id, actor.memberId) : null;
  return viewerOf(actor, m, access, row);
}

/** Who the actor is for each of a list of meetings, by meeting id: one query for their rows on the rolls. */
export async function meetingViewers(
  q: Queryable,
  actor: Actor,
  meetings: ViewedMeeting[],
): Promise<Map<string, MeetingViewer>> {
  const rows = actor.memberId
    ? await repo.listRollEntries(
        q,
        meetings.map((m) => m.id),
        actor.memberId,
      )
    : [];
  const rowOf = new Map(rows.map((r) => [r.meeting_id, r]));
  return new Map(
    meetings.map((m) => [m.id, viewerOf(actor, m, accessOf(actor, m), rowOf.get(m.id) ?? null)]),
  );
}

export const meetingStateOf = (
  m: Pick<MeetingRow, 'status' | 'chair_signed_at' | 'minute_taker_signed_at'>,
): MeetingState => ({
  status: m.status,
  chairSigned: m.chair_signed_at !== null,
  minuteTakerSigned: m.minute_taker_signed_at !== null,
});

/** The actions the viewer may take with the meeting now (the detail's `actions`). */
export const allowedActions = (viewer: MeetingViewer, m: Parameters<typeof meetingStateOf>[0]) =>
  meetingActions(viewer, meetingStateOf(m));

/** Whether the viewer may take the action now. */
export const isAllowed = (viewer: MeetingViewer, m: MeetingRow, action: MeetingAction) =>
  meetingActionRefusal(viewer, meetingStateOf(m), action) === null;

// The meeting rule answers messages only (its lifecycle problems are codes); its type still admits a sentence
// until src/domain/meeting-actions.ts narrows `MeetingRefusal.message`, so a sentence would show as written.

/** Refuses, as the rule of meeting actions says, an action the viewer may not take now (403, 422 or 409). */
export function requireAllowed(
  viewer: MeetingViewer,
  m: Parameters<typeof meetingStateOf>[0],
  action: MeetingAction,
) {
  const refusal = meetingActionRefusal(viewer, meetingStateOf(m), action);
  if (refusal) throw new AppError(refusal.error, refusal.message, refusal.issues);
}

export function ruleSetOf(m: Pick<MeetingRow, 'rule_set_id' | 'rule_set_version'>): RuleSet {
  return (
    builtInRuleSets.find((r) => r.id === m.rule_set_id && r.version === m.rule_set_version) ??
    builtInRuleSets.find((r) => r.id === m.rule_set_id)!
  );
}

export function ruleSetLabel(r: RuleSet) {
  return documentLabel(r.document);
}

const attachmentTypes = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'image/png',
  'image/jpeg',
  'image/webp',
]);

/** Materials and report files: PDF, Word or an image, at most 20 MB. */
export function checkAttachment(type: string, size: number) {
  if (!attachmentTypes.has(type)) {
    throw new AppError('unsupported_file', message('file.unsupported_attachment'));
  }
  if (size > 20 * 1024 * 1024) throw new AppError('payload_too_large', message('file.too_large', { mb: 20 }));
}

export const iso = (v: Date | string | null | undefined): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

/** 'HH:mm' in Vietnam time (UTC+7) of a timestamp. */
export function vnTime(v: Date | string | null): string | null {
  if (!v) return null;
  const d = new Date(new Date(v).getTime() + 7 * 3600_000);
  return d.toISOString().slice(11, 16);
}

/** The ISO date in Vietnam time of a timestamp. */
export function vnDate(v: Date | string): string {
  return new Date(new Date(v).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A meeting as lists show it (the year plan, the member's meetings). */
export function meetingListItemOf(r: {
  id: string;
  kind: string;
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
}) {
  return {
    id: r.id,
    kind: r.kind as MeetingKind,
    forMonth: r.for_month,
    plannedDate: r.planned_date,
    plannedTime: r.planned_time,
    dateReason: r.date_reason,
    location: r.location,
    status: r.status,
    ruleSetId: r.rule_set_id,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    decisionNumber: r.decision_number,
  };
}

/** A roll row as the domain's attendance entry. */
export function entryOf(r: {
  member_id: string;
  member_class: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
  status: AttendanceEntry['status'];
}): AttendanceEntry {
  return {
    memberId: r.member_id,
    memberClass: r.member_class,
    temporary: r.temporary,
    exempt: r.exempt,
    status: r.status,
  };
}
