// The shared state of one meeting (what every open screen shows) and the live channel that pushes it to every
// subscriber within a moment of a change (ADR 005).
import { todayIso } from '../../../domain/dates.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { type Database, notify, type Queryable } from '../../platform/db.ts';
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
// The live channel, across every server process of a database (ADR 005): a change is announced on the
// database's `chibo_room` channel (PostgreSQL NOTIFY, PGlite's own), and each process that has screens of that
// meeting open builds the room once (changes coalesced for a moment) and pushes the same snapshot to all of them.
// A process that lost its listening connection may have missed changes: it rebuilds every room it serves.

/** The notification channel of room changes; its payload is the meeting's id. */
export const roomChannel = 'chibo_room';
/** Changes within this long are pushed as one room. */
const coalesceMs = 300;

/** Receives the room as JSON text, serialised once per change for every screen. */
type Listener = (roomJson: string) => void;
interface Channel {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout | null;
}
/** The open screens of one database's meetings in this process, and the listening that feeds them. */
interface Relay {
  channels: Map<string, Channel>;
  ready: Promise<unknown>;
}

/** How long the last room build took (benchmarks read it). */
export let lastBuildMs = 0;
const relays = new WeakMap<Database, Relay>();

function relayOf(db: Database): Relay {
  let relay = relays.get(db);
  if (!relay) {
    const channels = new Map<string, Channel>();
    const ready = db
      .listen(roomChannel, {
        message: (meetingId) => schedule(db, channels, meetingId, coalesceMs),
        reconnected: () => {
          logger.warn('live room relay reconnected: refreshing open rooms', { rooms: channels.size });
          for (const meetingId of channels.keys()) schedule(db, channels, meetingId, 0);
        },
      })
      .catch((e: unknown) => {
        relays.delete(db); // the next screen tries again
        throw e;
      });
    relay = { channels, ready };
    relays.set(db, relay);
  }
  return relay;
}

/**
 * Registers an open screen of the meeting; resolves (with the function that closes it) once this process
 * listens for the meeting's changes, so a change committed after that reaches the screen.
 */
export async function subscribe(db: Database, meetingId: string, listener: Listener): Promise<() => void> {
  const relay = relayOf(db);
  let ch = relay.channels.get(meetingId);
  if (!ch) {
    ch = { listeners: new Set(), timer: null };
    relay.channels.set(meetingId, ch);
  }
  ch.listeners.add(listener);
  const channel = ch;
  const close = () => {
    channel.listeners.delete(listener);
    if (channel.listeners.size === 0 && !channel.timer && relay.channels.get(meetingId) === channel)
      relay.channels.delete(meetingId);
  };
  try {
    await relay.ready;
  } catch (e) {
    close();
    throw e;
  }
  return close;
}

/** Screens of the meeting open in this process. */
export function subscriberCount(db: Database, meetingId: string): number {
  return relays.get(db)?.channels.get(meetingId)?.listeners.size ?? 0;
}

/** Changes announced within this long are sent together, in one statement. */
export const announceDelayMs = 50;
const unannounced = new WeakMap<Database, Set<string>>();

/**
 * Tells every open screen of the meeting, in every process, that it changed: call after the change is
 * committed (or, inside the write's transaction, `notify(tx, roomChannel, meetingId)`, sent on commit).
 *
 * The meetings changed in this process within `announceDelayMs` are announced together: one statement (a
 * notification per meeting) instead of one per change. In the storm of the 3rd (issue 10.1) that is one statement
 * every 50 ms instead of one transaction per check-in, each of which PostgreSQL commits one after another (a
 * notifying commit holds a database-wide lock), and the screens coalesce a burst of changes anyway.
 */
export function publishChange(db: Database, meetingId: string): void {
  const waiting = unannounced.get(db);
  if (waiting) {
    waiting.add(meetingId);
    return;
  }
  const meetings = new Set([meetingId]);
  unannounced.set(db, meetings);
  setTimeout(() => {
    unannounced.delete(db);
    notify(db, roomChannel, [...meetings]).catch((e: unknown) =>
      logger.warn('live room change not announced', { meetings: meetings.size, error: String(e) }),
    );
  }, announceDelayMs);
}

/** Builds the room once after a short wait (coalescing a burst of changes) and sends it to this process's screens. */
function schedule(db: Database, channels: Map<string, Channel>, meetingId: string, delayMs: number) {
  const ch = channels.get(meetingId);
  if (!ch || ch.listeners.size === 0 || ch.timer) return;
  ch.timer = setTimeout(() => {
    ch.timer = null; // a change from now on builds again
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
      } finally {
        if (ch.listeners.size === 0 && !ch.timer && channels.get(meetingId) === ch)
          channels.delete(meetingId);
      }
    })();
  }, delayMs);
}
