// The one write path of a meeting: lock it, check visibility (404), ask the rule of meeting actions whether the
// viewer may take the action now (403, 422, 409), run the write, bump the version, audit, and after the commit push
// the new state to the live room.
import type { MeetingAction, MeetingViewer } from '../../../domain/meeting-actions.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { publishChange } from '../meeting-room/meeting-room.service.ts';
import { refreshCell, yearOfMonth } from '../summaries/summaries.service.ts';
import { refreshFourGood } from '../evaluation/four-good-summary.ts';
import { iso, meetingViewer, requireAllowed, visibleMeeting } from './meeting-access.ts';
import * as repo from './meetings.repository.ts';
import type { MeetingRow } from './meetings.repository.ts';

export interface Meta {
  ip: string | null;
}

/** What the audit log records of a write: its action name and, from the result, what changed. */
export interface WriteAudit<T> {
  action: string;
  after?: (result: T) => unknown;
}

/** Members' own actions that never touch what compliance and ratings are computed from (the check-in storm). */
const summaryNeutral: ReadonlySet<MeetingAction> = new Set(['check_in', 'rsvp', 'cast_vote']);

/** The facts of a meeting the read summaries are computed from (src/server/features/summaries). */
const factsKey = (m: MeetingRow) =>
  JSON.stringify([
    m.kind,
    m.status,
    m.for_month,
    String(m.planned_date),
    m.date_reason,
    m.rule_set_id,
    m.rule_set_version,
    iso(m.started_at),
    iso(m.ended_at),
    iso(m.notice_published_at),
    iso(m.adopted_at),
    m.combined_with_other,
  ]);

/** When the write changed the meeting's facts, its cell's summaries of the years before and after, in the write. */
async function keepSummaries(tx: Tx, before: MeetingRow) {
  const after = await repo.findMeeting(tx, before.id);
  if (!after || factsKey(after) === factsKey(before)) return;
  const years = [yearOfMonth(before.for_month), yearOfMonth(after.for_month)];
  await refreshCell(tx, before.organization_id, years);
  // The meetings held are a fact of the cell's "bốn tốt".
  await refreshFourGood(tx, [before.organization_id], years);
}

/** Every meeting write goes through here, is allowed by the rule of meeting actions, and is audited. */
export async function mutate<T>(
  db: Database,
  actor: Actor,
  meetingId: string,
  action: MeetingAction,
  meta: Meta,
  audit: WriteAudit<T>,
  fn: (tx: Tx, m: MeetingRow, viewer: MeetingViewer) => Promise<T>,
): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const { meeting, access } = await visibleMeeting(tx, actor, meetingId, true);
    const viewer = await meetingViewer(tx, actor, meeting, access);
    requireAllowed(viewer, meeting, action);
    const out = await fn(tx, meeting, viewer);
    if (!summaryNeutral.has(action)) await keepSummaries(tx, meeting);
    await repo.bumpVersion(tx, meetingId);
    await recordAudit(tx, {
      chain: meeting.province_id,
      actorAccountId: actor.accountId,
      action: audit.action,
      entity: 'meeting',
      entityId: meetingId,
      after: audit.after ? audit.after(out) : undefined,
      ip: meta.ip,
    });
    return out;
  });
  publishChange(db, meetingId);
  return result;
}
