// Presence that is hard to fake (issue 9.10, ADR 005): the room code on the projector changes every 30 seconds and
// is accepted only in its window plus a short grace; a member's personal pass (a QR code on their phone, changing
// every minute) is scanned by the secretary in the room. Both derive from the meeting's secret, drawn when the
// meeting starts and dropped when it ends; the secret never leaves the server except as codes. Every check-in is a
// meeting write (`mutate`): durable and audited before the answer, pushed to every open screen after it.
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
import { AppError, fieldError } from '../../platform/errors.ts';
import { meetingViewer, requireAllowed, visibleMeeting } from './meeting-access.ts';
import { type Meta, mutate } from './meeting-write.ts';
import * as minutesRepo from './meeting-minutes.repository.ts';
import type { MeetingRow } from './meetings.repository.ts';

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
const firstWindow = (m: MeetingRow, rotation: CodeRotation) =>
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
 * A member checks themself in with the room code: the current window's, or the previous one's during the grace.
 * An older code of the meeting is refused as expired, anything else as wrong. Every attempt is counted before it is
 * judged, in a transaction of its own (the roll row's lock orders a burst, so no more than `maxWrongRoomCodes` are
 * ever judged), and given back unless the code was wrong; a wrong code is audited after the refused write rolled
 * back. After `maxWrongRoomCodes` wrong codes self check-in closes for the member in this meeting.
 */
export async function checkIn(db: Database, actor: Actor, meetingId: string, code: string, meta: Meta) {
  const now = checkinClock.now();
  const attempt = await db.transaction((tx) =>
    minutesRepo.countCheckinAttempt(tx, meetingId, actor.memberId, 1),
  );
  // Set when the code was wrong: the attempt stays counted and is audited.
  const wrong = { provinceId: null as string | null };
  const audit = { action: 'meeting.checkIn', after: (r: { window: number }) => ({ window: r.window }) };
  try {
    await mutate(db, actor, meetingId, 'check_in', meta, audit, async (tx, m) => {
      if (attempt > maxWrongRoomCodes) {
        throw fieldError('temporarily_locked', 'code', 'meeting.checkin_locked', { max: maxWrongRoomCodes });
      }
      const typed = normalizeCheckinCode(code);
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
      if (verdict.verdict === 'wrong') {
        wrong.provinceId = m.province_id;
        throw new AppError('validation_failed', message('meeting.checkin_code_wrong'), [
          { path: 'code', message: message('meeting.checkin_code_hint') },
        ]);
      }
      await minutesRepo.markCheckedIn(tx, m.id, actor.memberId, 'code');
      await minutesRepo.countCheckinAttempt(tx, m.id, actor.memberId, -1);
      return { window: verdict.window };
    });
  } catch (e) {
    if (wrong.provinceId !== null)
      await auditWrongCode(db, actor, meetingId, wrong.provinceId, attempt, meta);
    else await db.transaction((tx) => minutesRepo.countCheckinAttempt(tx, meetingId, actor.memberId, -1));
    throw e;
  }
  return { ok: true as const };
}

/** A wrong room code of the member, counted already: audited in a transaction of its own. */
async function auditWrongCode(
  db: Database,
  actor: Actor,
  meetingId: string,
  provinceId: string,
  failures: number,
  meta: Meta,
) {
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      chain: provinceId,
      actorAccountId: actor.accountId,
      action: 'meeting.checkIn.refused',
      entity: 'meeting',
      entityId: meetingId,
      after: { reason: 'wrong_code', failures, locked: failures >= maxWrongRoomCodes },
      ip: meta.ip,
    });
  });
}

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
