// The shared state of one meeting (what every open screen shows) and the live channel that pushes it to every
// subscriber within a moment of a change (ADR 005).
import { todayIso } from '../../../domain/dates.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { logger } from '../../platform/logger.ts';
import { findMeeting, type MeetingRow, visibleMeeting } from '../meetings/meeting-access.ts';
import { meetingTaskViews } from '../tasks/task-views.service.ts';
import { loadRoomRows } from './meeting-room.repository.ts';
import { presentRoom, type Room } from './meeting-room.presenter.ts';

export type { Room };

/** The room of a meeting already loaded (and checked) by the caller. */
export async function buildRoom(q: Queryable, m: MeetingRow): Promise<Room> {
  const rows = await loadRoomRows(q, m);
  const tasks = await meetingTaskViews(q, m.id);
  const previousTasks = await meetingTaskViews(q, rows.previous?.id ?? null);
  return presentRoom(m, rows, tasks, previousTasks, todayIso());
}

/** The room of a meeting the actor may see (404 otherwise): the first state a live screen receives. */
export async function getRoom(db: Database, actor: Actor, meetingId: string): Promise<Room> {
  const { meeting } = await visibleMeeting(db, actor, meetingId);
  return buildRoom(db, meeting);
}

// ---------------------------------------------------------------------------------------------------------
// The live channel: one in-process fan-out per meeting. Changes are coalesced for a moment, the room is built
// once and the same snapshot goes to every open screen. (Several server processes would relay through
// PostgreSQL LISTEN/NOTIFY; one process serves a province today.)

/** Receives the room as JSON text, serialised once per change for every screen. */
type Listener = (roomJson: string) => void;
/** How long the last room build took (benchmarks read it). */
export let lastBuildMs = 0;
const channels = new Map<string, { listeners: Set<Listener>; timer: NodeJS.Timeout | null }>();

export function subscribe(meetingId: string, listener: Listener): () => void {
  let ch = channels.get(meetingId);
  if (!ch) {
    ch = { listeners: new Set(), timer: null };
    channels.set(meetingId, ch);
  }
  ch.listeners.add(listener);
  return () => {
    ch.listeners.delete(listener);
    if (ch.listeners.size === 0 && !ch.timer) channels.delete(meetingId);
  };
}

export function subscriberCount(meetingId: string): number {
  return channels.get(meetingId)?.listeners.size ?? 0;
}

/** Tells every open screen of the meeting that it changed (after the change is committed). */
export function publishChange(db: Database, meetingId: string, delayMs = 300) {
  const ch = channels.get(meetingId);
  if (!ch || ch.listeners.size === 0 || ch.timer) return;
  ch.timer = setTimeout(() => {
    ch.timer = null;
    void (async () => {
      try {
        const m = await findMeeting(db, meetingId);
        if (!m) return;
        const started = performance.now();
        const json = JSON.stringify(await buildRoom(db, m));
        lastBuildMs = performance.now() - started;
        for (const l of ch.listeners) l(json);
      } catch (e) {
        logger.error('live room update failed', { meetingId, error: String(e) });
      }
    })();
  }, delayMs);
}
