// Loading a meeting with its organisation, and who may do what with it: shared by every meeting service.
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { builtInRuleSets, type RuleSet } from '../../../domain/meeting-rules.ts';
import {
  type MeetingAction,
  meetingActionProblem,
  type MeetingKind,
  type MeetingStatus,
} from '../../../domain/meetings.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export interface MeetingRow {
  id: string;
  province_id: string;
  organization_id: string;
  kind: string;
  for_month: string;
  planned_date: string;
  date_reason: string | null;
  planned_time: string;
  location: string;
  status: MeetingStatus;
  rule_set_id: string;
  rule_set_version: number;
  thematic_topic_id: string | null;
  combined_with_other: boolean;
  preparer_member_id: string | null;
  chair_member_id: string | null;
  minute_taker_member_id: string | null;
  preparatory_held_on: string | null;
  preparatory_minutes: string | null;
  notice_content: string | null;
  notice_published_at: Date | null;
  draft_resolution: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  checkin_code: string | null;
  current_item_id: string | null;
  minutes_general: string;
  minutes_general_version: number;
  adopted_at: Date | null;
  chair_signed_at: Date | null;
  minute_taker_signed_at: Date | null;
  cancel_reason: string | null;
  version: number;
  // joined
  org_name: string;
  org_kind: string;
  org_path: string;
  parent_id: string | null;
}

const meetingSelect = `SELECT m.*, p.name AS org_name, o.kind AS org_kind, p.path::text AS org_path, p.parent_id
  FROM meeting m JOIN organization o ON o.id = m.organization_id
  JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL`;

export async function findMeeting(q: Queryable, id: string, lock = false): Promise<MeetingRow | null> {
  const [row] = await q.query<MeetingRow>(
    `${meetingSelect} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`,
    [id],
  );
  return row ?? null;
}

export interface MeetingAccess {
  view: boolean;
  /** prepares, publishes, starts and ends, adopts: the organisation's own leaders */
  manage: boolean;
  /** records attendance, contributions, votes and minutes in the room: leaders and the minute-taker */
  run: boolean;
}

export function accessOf(actor: Actor, m: MeetingRow): MeetingAccess {
  const resource = { type: 'organization' as const, path: m.org_path };
  const view = can(actor, 'organization.view', resource);
  const manage = view && can(actor, 'meeting.manage', resource);
  const run = manage || (actor.memberId !== null && actor.memberId === m.minute_taker_member_id);
  return { view, manage, run };
}

/** The meeting if the actor may see it, else a 404 (nothing about it leaks outside the subtree). */
export async function visibleMeeting(q: Queryable, actor: Actor, id: string, lock = false) {
  const m = await findMeeting(q, id, lock);
  if (!m) throw notFound('Không tìm thấy cuộc họp');
  const access = accessOf(actor, m);
  // A member on the roll sees the meeting even when attending temporarily from another cell.
  if (!access.view) {
    const onRoll =
      actor.memberId &&
      (
        await q.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2', [
          id,
          actor.memberId,
        ])
      ).length > 0;
    if (!onRoll) throw notFound('Không tìm thấy cuộc họp');
    access.view = true;
  }
  return { meeting: m, access };
}

export function requireState(m: MeetingRow, action: MeetingAction) {
  const problem = meetingActionProblem(m.status, action);
  if (problem) throw new AppError('invalid_state', problem);
}

export function requireManage(access: MeetingAccess, what = 'Chỉ bí thư, phó bí thư chi bộ được thực hiện') {
  if (!access.manage) throw new AppError('forbidden', what);
}

export function requireRun(access: MeetingAccess) {
  if (!access.run) {
    throw new AppError('forbidden', 'Chỉ người chủ trì, bí thư, phó bí thư hoặc thư ký cuộc họp được ghi');
  }
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
    throw new AppError('unsupported_file', 'Chỉ nhận tệp PDF, Word (DOCX, DOC) hoặc ảnh (PNG, JPEG, WEBP)');
  }
  if (size > 20 * 1024 * 1024) throw new AppError('payload_too_large', 'Tệp quá 20 MB');
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
