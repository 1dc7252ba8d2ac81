// Presence that is hard to fake (issue 9.10, ADR 005): the room code on the projector changes every 30 seconds and
// is accepted only in its window plus a short grace; a member's personal pass (a QR code on their phone, changing
// every minute) is scanned by the secretary in the room. Both derive from the meeting's secret, drawn when the
// meeting starts and dropped when it ends; the secret never leaves the server except as codes. Every check-in is
// durable and audited before the answer and pushed to every open screen after it: the secretary's marks are
// meeting writes (`mutate`); a member's own check-in, the storm of the 3rd of the month, touches only their roll row.
import { createHmac, randomBytes } from 'node:crypto';
import {
  type CodeRotation,
  judgeCode,
  type Mac,
  maxWrongRoomCodes,
  normalizeCheckinCode,
  personalPass,
  personalPassRotation,
  roomCode,
  roomCodeRotation,
  shownCode,
  windowAt,
} from '../../../domain/checkin-codes.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { logger } from '../../platform/logger.ts';
import { publishChange } from '../meeting-room/meeting-room.service.ts';
import { accessOf, meetingViewer, requireAllowed, viewerOf, visibleMeeting } from './meeting-access.ts';
import * as checkinRepo from './meeting-checkin.repository.ts';
import { type Meta, mutate } from './meeting-write.ts';
import * as minutesRepo from './meeting-minutes.repository.ts';
import type { MeetingRow, RollEntry } from './meetings.repository.ts';

/** The clock the codes are judged by; service tests move it. */
export const checkinClock = { now: (): number => Date.now() };

/** A new meeting secret (32 random bytes). */
export const newCheckinSecret = (): Uint8Array => randomBytes(32);

/** The keyed hash of one use of the secret: room codes and personal passes are keyed apart. */
export function macOf(secret: Uint8Array, use: 'room' | 'pass'): Mac {
  const key = createHmac('sha256', secret).update(`chibo-checkin-${use}`).digest();
  return (data) => createHmac('sha256', key).update(data).digest();
}

/** The window the meeting started in: codes from before it never existed. */
const firstWindow = (m: Pick<MeetingRow, 'started_at'>, rotation: CodeRotation) =>
  m.started_at
    ? windowAt(new Date(m.started_at).getTime(), rotation)
    : windowAt(checkinClock.now(), rotation);

/** The room code showing now, or null when the meeting has no secret (not in session). */
export function currentRoomCode(m: MeetingRow): string | null {
  if (!m.checkin_secret) return null;
  return roomCode(macOf(m.checkin_secret, 'room'), windowAt(checkinClock.now(), roomCodeRotation));
}

function shown(m: MeetingRow, codeOf: (mac: Mac, window: number) => string, use: 'room' | 'pass') {
  if (!m.checkin_secret) throw new AppError('invalid_state', message('meeting.checkin_only_in_session'));
  const rotation = use === 'room' ? roomCodeRotation : personalPassRotation;
  const mac = macOf(m.checkin_secret, use);
  const now = checkinClock.now();
  const s = shownCode((w) => codeOf(mac, w), now, rotation);
  return {
    code: s.code,
    validUntil: new Date(s.validUntilMs).toISOString(),
    serverNow: new Date(now).toISOString(),
    windowSeconds: rotation.windowSeconds,
    graceSeconds: rotation.graceSeconds,
  };
}

/** The room code for the projector with its countdown: for those who mark attendance, while they may. */
export async function roomCodeNow(db: Database, actor: Actor, meetingId: string) {
  const { meeting: m, access } = await visibleMeeting(db, actor, meetingId);
  requireAllowed(await meetingViewer(db, actor, m, access), m, 'record_attendance');
  return shown(m, (mac, w) => roomCode(mac, w), 'room');
}

/** The member's own personal pass with its countdown: while they may check in (on the roll, not yet present). */
export async function myPass(db: Database, actor: Actor, meetingId: string) {
  const { meeting: m, access } = await visibleMeeting(db, actor, meetingId);
  requireAllowed(await meetingViewer(db, actor, m, access), m, 'check_in');
  const memberId = actor.memberId!;
  return shown(m, (mac, w) => personalPass(mac, memberId, w), 'pass');
}

/**
 * What a process remembers of a meeting in session for its members' check-ins: the session's secret (with the
 * room codes it made, by window), when it started, and the meeting's province (the audit chain). Filled by a
 * check-in that read the meeting, dropped when a read finds the session over, and never trusted alone: the one
 * statement of a check-in judged on it applies only while the meeting is still in session with that very secret,
 * in the database, at that moment. So a meeting ended or started again by another process needs no message to
 * this one: the statement matches nothing, and the check-in reads the meeting and judges again (issue 10.1).
 */
interface CheckinSession {
  provinceId: string;
  secret: Uint8Array;
  firstWindow: number;
  codeAt: (window: number) => string;
}

/** Meetings remembered per database (the oldest forgotten beyond this many: far more than are ever in session). */
export const checkinSessionsKept = 20_000;
const sessionsOf = new WeakMap<Database, Map<string, CheckinSession>>();

function rememberSession(db: Database, m: checkinRepo.CheckinMeeting): void {
  let sessions = sessionsOf.get(db);
  if (!sessions) sessionsOf.set(db, (sessions = new Map()));
  if (m.status !== 'in_session' || !m.checkin_secret) {
    sessions.delete(m.id);
    return;
  }
  const known = sessions.get(m.id);
  if (known && Buffer.compare(known.secret, m.checkin_secret) === 0) return;
  const mac = macOf(m.checkin_secret, 'room');
  const codes = new Map<number, string>();
  sessions.delete(m.id);
  sessions.set(m.id, {
    provinceId: m.province_id,
    secret: m.checkin_secret,
    firstWindow: firstWindow(m, roomCodeRotation),
    codeAt: (w) => {
      let code = codes.get(w);
      if (code === undefined) {
        if (codes.size >= 4) codes.clear();
        codes.set(w, (code = roomCode(mac, w)));
      }
      return code;
    },
  });
  if (sessions.size > checkinSessionsKept) sessions.delete(sessions.keys().next().value!);
}

/**
 * The check-ins judged on a remembered session, grouped (issue 10.1): a check-in goes at once while fewer than
 * four groups are being written; those that arrive meanwhile go together in the next statement. Each answer
 * still waits for the commit of its own statement, and each check-in gets its own audit event.
 */
export const checkinGroups = { maxInFlight: 4, maxBatch: 200 };
const groupsOf = new WeakMap<Database, (c: checkinRepo.UnreadCheckin) => Promise<boolean>>();
function groupCheckinsOf(db: Database) {
  let group = groupsOf.get(db);
  if (!group) {
    group = groupCommit(
      (checkins: checkinRepo.UnreadCheckin[]) =>
        checkinRepo.markManySelfCheckedInUnread(db, checkins, maxWrongRoomCodes),
      checkinGroups,
    );
    groupsOf.set(db, group);
  }
  return group;
}

/** Whether this process remembers the meeting's session (tests). */
export const remembersCheckinSession = (db: Database, meetingId: string): boolean =>
  sessionsOf.get(db)?.has(meetingId) ?? false;

/**
 * A member checks themself in with the room code: the current window's, or the previous one's during the grace.
 * An older code of the meeting is refused as expired, anything else as wrong. After `maxWrongRoomCodes` wrong codes
 * self check-in closes for the member in this meeting.
 *
 * The hot path of the ngày 03 storm (issue 10.1). When this process remembers the meeting's session and the code
 * is valid by it, the check-in is ONE statement, a transaction of its own (shared with the check-ins that arrived
 * meanwhile: group commit), that marks the member's own roll row and appends the audit event only if everything a
 * check-in needs still holds (`markManySelfCheckedInUnread`). Any
 * other case, or when that statement matched nothing, reads the meeting with the member's own roll row and judges
 * it: the refusals and their reasons come from that read, and the statement that follows is guarded by what the
 * verdict was given on (otherwise the state is read and judged again). No lock on the meeting row, no bump of its
 * version: the room's version counts the roll's check-ins instead. A wrong code is counted with the same kind of
 * guard, so a parallel burst gets no more than `maxWrongRoomCodes` codes judged wrong.
 */
export async function checkIn(db: Database, actor: Actor, meetingId: string, code: string, meta: Meta) {
  const now = checkinClock.now();
  const typed = normalizeCheckinCode(code);
  const memberId = actor.memberId;
  const known = memberId ? sessionsOf.get(db)?.get(meetingId) : undefined;
  if (known && memberId) {
    const verdict = judgeCode(now, roomCodeRotation, known.firstWindow, (w) =>
      known.codeAt(w) === typed ? true : undefined,
    );
    if (verdict.verdict === 'valid') {
      const marked = await groupCheckinsOf(db)({
        meetingId,
        memberId,
        secret: known.secret,
        audit: {
          chain: known.provinceId,
          actorAccountId: actor.accountId,
          entity: 'meeting',
          entityId: meetingId,
          action: 'meeting.checkIn',
          after: { window: verdict.window },
          ip: meta.ip,
        },
      }).catch((e: unknown) => {
        // The check-ins it carried are judged again one by one below, each on what it reads.
        logger.warn('grouped check-in failed', { error: String(e) });
        return false;
      });
      if (marked) {
        publishChange(db, meetingId);
        return { ok: true as const };
      }
    }
  }
  for (let attempt = 1; ; attempt++) {
    const m = await checkinRepo.findCheckinMeeting(db, meetingId, actor.memberId);
    if (m) rememberSession(db, m);
    else sessionsOf.get(db)?.delete(meetingId);
    const verdict = judge(actor, m, typed, now);
    const memberId = actor.memberId!;
    const audit = {
      chain: m!.province_id,
      actorAccountId: actor.accountId,
      entity: 'meeting',
      entityId: meetingId,
    };
    if (verdict.verdict === 'wrong') {
      const failures = await db.transaction(async (tx) => {
        const n = await checkinRepo.countWrongCode(tx, meetingId, memberId, maxWrongRoomCodes);
        if (n === null) return null;
        await recordAudit(tx, {
          ...audit,
          action: 'meeting.checkIn.refused',
          after: { reason: 'wrong_code', failures: n, locked: n >= maxWrongRoomCodes },
          ip: meta.ip,
        });
        return n;
      });
      if (failures === null) throw lockedError();
      throw new AppError('validation_failed', message('meeting.checkin_code_wrong'), [
        { path: 'code', message: message('meeting.checkin_code_hint') },
      ]);
    }
    // One statement: the roll row marked and the audit event appended, or neither when the state moved on.
    const marked = await checkinRepo.markSelfCheckedIn(
      db,
      meetingId,
      memberId,
      { maxFailures: maxWrongRoomCodes, judgedStatus: m!.roll_status, secret: m!.checkin_secret! },
      { ...audit, action: 'meeting.checkIn', after: { window: verdict.window }, ip: meta.ip },
    );
    if (marked) break;
    if (attempt >= 3) throw new AppError('conflict', message('meeting.checkin_try_again'));
  }
  publishChange(db, meetingId);
  return { ok: true as const };
}

/**
 * Judges a check-in on the state read: throws the refusal (not found, not allowed now, locked, expired) or answers
 * whether the code is this session's current one (with its window) or wrong.
 */
function judge(
  actor: Actor,
  m: checkinRepo.CheckinMeeting | null,
  typed: string,
  now: number,
): { verdict: 'ok'; window: number } | { verdict: 'wrong' } {
  if (!m) throw notFound(message('meeting.not_found'));
  const access = accessOf(actor, m);
  // A member on the roll sees the meeting even when attending temporarily from another cell.
  if (!access.view && m.roll_member_id === null) throw notFound(message('meeting.not_found'));
  const row = m.roll_member_id === null ? null : rollEntry(m as RollOf<typeof m>);
  requireAllowed(viewerOf(actor, m, access, row), m, 'check_in');
  if ((m.checkin_failures ?? 0) >= maxWrongRoomCodes) throw lockedError();
  const mac = m.checkin_secret ? macOf(m.checkin_secret, 'room') : null;
  const verdict = mac
    ? judgeCode(now, roomCodeRotation, firstWindow(m, roomCodeRotation), (w) =>
        roomCode(mac, w) === typed ? true : undefined,
      )
    : ({ verdict: 'wrong' } as const);
  if (verdict.verdict === 'expired') {
    throw new AppError('validation_failed', message('meeting.checkin_code_expired'), [
      { path: 'code', message: message('meeting.checkin_code_expired_hint') },
    ]);
  }
  return verdict.verdict === 'wrong' ? verdict : { verdict: 'ok', window: verdict.window };
}

type RollOf<T extends checkinRepo.CheckinMeeting> = T & {
  roll_member_id: string;
  member_class: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
};

const rollEntry = (r: RollOf<checkinRepo.CheckinMeeting>): RollEntry => ({
  member_id: r.roll_member_id,
  member_class: r.member_class,
  temporary: r.temporary,
  exempt: r.exempt,
  status: r.roll_status,
});

const lockedError = () =>
  fieldError('temporarily_locked', 'code', 'meeting.checkin_locked', { max: maxWrongRoomCodes });

/**
 * The secretary scans (or types) a member's personal pass in the room: it marks present the member on the roll
 * whose pass it is now (or was until the grace ended). A pass of another meeting, of someone not on the roll, made
 * up or changed matches nobody and is refused as wrong; an older pass of a member on the roll as expired.
 */
export async function markByPass(db: Database, actor: Actor, meetingId: string, code: string, meta: Meta) {
  const now = checkinClock.now();
  const audit = {
    action: 'meeting.attendance.pass',
    after: (r: { memberId: string }) => ({ memberId: r.memberId, status: 'present', method: 'pass' }),
  };
  return mutate(db, actor, meetingId, 'record_attendance', meta, audit, async (tx, m) => {
    const typed = normalizeCheckinCode(code);
    const roll = await minutesRepo.listRollForPasses(tx, m.id);
    const mac = m.checkin_secret ? macOf(m.checkin_secret, 'pass') : null;
    const verdict =
      mac && /^\d+$/.test(typed)
        ? judgeCode(now, personalPassRotation, firstWindow(m, personalPassRotation), (w) =>
            roll.find((r) => personalPass(mac, r.member_id, w) === typed),
          )
        : ({ verdict: 'wrong' } as const);
    if (verdict.verdict === 'wrong') {
      throw new AppError('validation_failed', message('meeting.pass_wrong'), [
        { path: 'code', message: message('meeting.pass_wrong_hint') },
      ]);
    }
    const { member_id: memberId, name, status } = verdict.found;
    if (verdict.verdict === 'expired') {
      throw new AppError('validation_failed', message('meeting.pass_expired', { name }), [
        { path: 'code', message: message('meeting.pass_expired_hint', { name }) },
      ]);
    }
    if (status === 'present') {
      throw fieldError('conflict', 'code', 'meeting.pass_already_present', { name });
    }
    await minutesRepo.markCheckedIn(tx, m.id, memberId, 'pass');
    return { memberId, name };
  });
}
