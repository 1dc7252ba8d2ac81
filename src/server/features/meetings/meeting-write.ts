// The one write path of a meeting: lock it, check visibility (404), ask the rule of meeting actions whether the
// viewer may take the action now (403, 422, 409), run the write, bump the version, audit, and after the commit push
// the new state to the live room.
import type { MeetingAction, MeetingViewer } from '../../../domain/meeting-actions.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Tx } from '../../platform/db.ts';
import { publishChange } from '../meeting-room/meeting-room.service.ts';
import { meetingViewer, requireAllowed, visibleMeeting } from './meeting-access.ts';
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
