// Service tests of presence that is hard to fake (issue 9.10): the room code that changes every 30 seconds (its
// window, the grace, expired and wrong codes, guessing stopped) and the personal pass the secretary scans (another
// meeting's, someone off the roll, expired or changed refused). The clock the codes are judged by is moved by hand.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  maxWrongRoomCodes,
  personalPass,
  personalPassRotation,
  roomCode,
  roomCodeRotation,
  windowAt,
} from '../../../domain/checkin-codes.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { Database } from '../../platform/db.ts';
import { makeClient, makeMember, type MemberRef } from '../../testing/factories.ts';
import { secondProcessView } from '../../testing/test-db.ts';
import { findMeeting } from './meeting-access.ts';
import {
  findCheckinMeeting,
  markManySelfCheckedInUnread,
  markSelfCheckedIn,
} from './meeting-checkin.repository.ts';
import { checkinClock, macOf, remembersCheckinSession } from './meeting-checkin.service.ts';
import { makeMeetingCell, type MeetingCell, type Req } from './meetings.fixtures.ts';

const today = todayIso();
const realNow = checkinClock.now;

let db: Database;
let cell: MeetingCell;
let sec: Req;
let meetingA = '';
let meetingB = '';
/** The start of a room window after both meetings started: the tests' clock counts from here. */
let base = 0;
const at = (ms: number) => {
  checkinClock.now = () => base + ms;
};

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}
const ok = async (res: Response | Promise<Response>) => {
  const r = await json(res);
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};
const req = (m: MemberRef) => cell.reqOf.get(m.id)!;
const checkIn = (m: MemberRef, code: string, meeting = meetingA) =>
  json(req(m)(`/api/meetings/${meeting}/check-in`, { json: { code } }));
const scan = (code: string, meeting = meetingA) =>
  json(sec(`/api/meetings/${meeting}/attendance/pass`, { json: { code } }));
const roomCodeShown = async () => (await ok(sec(`/api/meetings/${meetingA}/checkin-code`))).code as string;
const rowOf = async (m: MemberRef, meeting = meetingA) =>
  (await ok(sec(`/api/meetings/${meeting}`))).attendance.find((r: any) => r.memberId === m.id);

const refusedCount = async () =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.checkIn.refused'`,
    )
  )[0]!.n;

async function newMeeting(kind: string) {
  const { id } = await ok(
    sec(`/api/organizations/${cell.cell.id}/meetings`, {
      json: {
        kind,
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: 'Trường hợp đặc biệt: đón đoàn kiểm tra',
        location: 'Nhà văn hóa thôn',
      },
    }),
  );
  await ok(sec(`/api/meetings/${id}/start`, { method: 'POST' }));
  return id as string;
}

beforeAll(async () => {
  cell = await makeMeetingCell();
  ({ db, sec } = cell);
  meetingA = await newMeeting('regular');
  meetingB = await newMeeting('thematic');
  base = (windowAt(Date.now(), roomCodeRotation) + 1) * roomCodeRotation.windowSeconds * 1000;
});
afterEach(() => {
  checkinClock.now = realNow;
});
afterAll(async () => {
  checkinClock.now = realNow;
  await db.close();
});

describe('the room code changes every 30 seconds', () => {
  it('shows the code with its countdown only to those who mark attendance', async () => {
    at(12_000);
    const shown = await ok(sec(`/api/meetings/${meetingA}/checkin-code`));
    expect(shown).toMatchObject({
      code: expect.stringMatching(/^\d{6}$/),
      windowSeconds: 30,
      graceSeconds: 10,
    });
    expect(Date.parse(shown.validUntil)).toBe(base + 30_000);
    expect(Date.parse(shown.serverNow)).toBe(base + 12_000);
    expect((await ok(sec(`/api/meetings/${meetingA}`))).checkinCode).toBe(shown.code);
    const member = req(cell.full[0]!);
    expect((await json(member(`/api/meetings/${meetingA}/checkin-code`))).status).toBe(403);
    expect((await ok(member(`/api/meetings/${meetingA}`))).checkinCode).toBeNull();
    expect((await json(cell.outsider(`/api/meetings/${meetingA}/checkin-code`))).status).toBe(404);
    // The secret itself is never in an answer.
    const text = JSON.stringify(await ok(sec(`/api/meetings/${meetingA}`)));
    expect(text).not.toMatch(/secret/i);
  });

  it('accepts the current code, durably and marked as checked in by code', async () => {
    at(5_000);
    const code = await roomCodeShown();
    at(29_999);
    expect((await checkIn(cell.full[0]!, ` ${code.slice(0, 3)} ${code.slice(3)} `)).status).toBe(200);
    expect(await rowOf(cell.full[0]!)).toMatchObject({ status: 'present', checkInMethod: 'code' });
  });

  it('accepts the previous window’s code during the 10-second grace', async () => {
    at(25_000);
    const code = await roomCodeShown();
    at(30_000 + 9_999);
    expect(await roomCodeShown()).not.toBe(code);
    expect((await checkIn(cell.full[1]!, code)).status).toBe(200);
    expect(await rowOf(cell.full[1]!)).toMatchObject({ status: 'present' });
  });

  it('refuses it as expired once the grace is over, and an old code reused later too', async () => {
    at(25_000);
    const code = await roomCodeShown();
    at(30_000 + 10_000);
    const late = await checkIn(cell.full[2]!, code);
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({ messageCode: 'meeting.checkin_code_expired' });
    expect(late.body.error.issues[0]).toMatchObject({
      path: 'code',
      message: 'Mã đã hết hạn — nhập mã đang hiện trên màn hình phòng họp',
    });
    // The code used at the first window, reused by someone ten minutes later.
    at(600_000);
    const reused = await checkIn(cell.full[2]!, code);
    expect(reused.body.error).toMatchObject({ messageCode: 'meeting.checkin_code_expired' });
    expect(await rowOf(cell.full[2]!)).toMatchObject({ status: null });
    // Expired codes are not guesses: the member still checks in with the code now shown.
    expect((await checkIn(cell.full[2]!, await roomCodeShown())).status).toBe(200);
  });

  it('refuses a wrong code differently from an expired one', async () => {
    at(60_000);
    const mac = macOf((await findMeeting(db, meetingA))!.checkin_secret!, 'room');
    const used = new Set<string>();
    for (
      let w = windowAt(base - 3_600_000, roomCodeRotation);
      w <= windowAt(base + 60_000, roomCodeRotation);
      w++
    )
      used.add(roomCode(mac, w));
    let wrongCode = 0;
    while (used.has(String(wrongCode).padStart(6, '0'))) wrongCode++;
    const wrong = await checkIn(cell.full[3]!, String(wrongCode).padStart(6, '0'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      messageCode: 'meeting.checkin_code_wrong',
      issues: [{ path: 'code', message: 'Mã điểm danh không đúng; xem mã trên màn hình phòng họp' }],
    });
    // The same meeting's code of the other meeting in session is wrong here too (each meeting has its secret).
    const other = roomCode(
      macOf((await findMeeting(db, meetingB))!.checkin_secret!, 'room'),
      windowAt(base + 60_000, roomCodeRotation),
    );
    if (other !== (await roomCodeShown())) {
      expect((await checkIn(cell.full[3]!, other)).body.error.messageCode).toBe('meeting.checkin_code_wrong');
    }
  });

  it('stops guessing after five wrong codes: counted and audited although each refusal rolled back', async () => {
    at(90_000);
    const member = cell.probationary;
    const before = await refusedCount();
    for (let i = 0; i < maxWrongRoomCodes; i++) {
      expect((await checkIn(member, 'ABCDEF')).body.error.messageCode).toBe('meeting.checkin_code_wrong');
    }
    const locked = await checkIn(member, await roomCodeShown());
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ messageCode: 'meeting.checkin_locked', params: { max: 5 } });
    const after = await refusedCount();
    expect(after - before).toBe(maxWrongRoomCodes);
    // A burst of guesses in parallel: each is counted before it is judged, so none is judged past the limit.
    const burster = cell.secretary;
    const burst = await Promise.all(Array.from({ length: 12 }, () => checkIn(burster, '12345')));
    const codes = burst.map((r) => r.body.error.messageCode as string);
    expect(codes.filter((c) => c === 'meeting.checkin_code_wrong').length).toBe(maxWrongRoomCodes);
    expect(codes.filter((c) => c === 'meeting.checkin_locked').length).toBe(12 - maxWrongRoomCodes);
    expect((await refusedCount()) - after).toBe(maxWrongRoomCodes);
    // The secretary still marks the member present in the room.
    await ok(
      sec(`/api/meetings/${meetingA}/attendance`, { json: { memberId: member.id, status: 'present' } }),
    );
    expect(await rowOf(member)).toMatchObject({ status: 'present', checkInMethod: 'tap' });
  });
});

describe('the personal pass the secretary scans', () => {
  const myPass = (m: MemberRef, meeting = meetingA) => json(req(m)(`/api/meetings/${meeting}/my-pass`));

  it('marks present the member whose pass it is, once', async () => {
    at(120_000);
    const m = cell.full[4]!;
    const pass = await ok(req(m)(`/api/meetings/${meetingA}/my-pass`));
    expect(pass).toMatchObject({
      code: expect.stringMatching(/^\d{8}$/),
      windowSeconds: 60,
      graceSeconds: 30,
    });
    at(150_000);
    const marked = await scan(`${pass.code.slice(0, 4)} ${pass.code.slice(4)}`);
    expect(marked).toMatchObject({ status: 200, body: { memberId: m.id, name: 'Trần Văn Đức 4' } });
    expect(await rowOf(m)).toMatchObject({ status: 'present', checkInMethod: 'pass' });
    const again = await scan(pass.code);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Đồng chí Trần Văn Đức 4 đã có mặt');
    // A member already present has no pass to show.
    expect((await myPass(m)).status).toBe(409);
  });

  it('refuses a pass of another meeting, of someone off the roll, changed, or made up', async () => {
    at(180_000);
    const m = cell.temporary;
    const ofB = (await ok(req(m)(`/api/meetings/${meetingB}/my-pass`))).code;
    expect((await scan(ofB)).body.error.messageCode).toBe('meeting.pass_wrong');
    // A member of the commune, not on this cell's roll: a pass made with this very meeting's secret matches nobody.
    const offRoll = await makeMember(db, cell.commune, { fullName: 'Người Ngoài Danh Sách' });
    const mac = macOf((await findMeeting(db, meetingA))!.checkin_secret!, 'pass');
    const forged = personalPass(mac, offRoll.id, windowAt(base + 180_000, personalPassRotation));
    expect((await scan(forged)).body.error.messageCode).toBe('meeting.pass_wrong');
    expect((await myPass(m, meetingA)).status).toBe(200);
    const real = (await ok(req(m)(`/api/meetings/${meetingA}/my-pass`))).code as string;
    const changed = real.slice(0, 7) + String((Number(real[7]) + 1) % 10);
    expect((await scan(changed)).body.error.messageCode).toBe('meeting.pass_wrong');
    expect((await scan('not a pass')).body.error.messageCode).toBe('meeting.pass_wrong');
    expect(await rowOf(m)).toMatchObject({ status: null });
    // Someone off the roll has no pass at all.
    expect((await json(cell.outsider(`/api/meetings/${meetingA}/my-pass`))).status).toBe(404);
  });

  it('accepts a pass through its grace and refuses it as expired after, naming the member', async () => {
    const m = cell.temporary;
    at(180_000);
    const pass = (await ok(req(m)(`/api/meetings/${meetingA}/my-pass`))).code as string;
    const end = (windowAt(base + 180_000, personalPassRotation) + 1) * 60_000 - base;
    at(end + 30_000);
    const expired = await scan(pass);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toMatchObject({
      messageCode: 'meeting.pass_expired',
      params: { name: 'Hoàng Văn Tạm' },
    });
    // A screenshot from yesterday is another meeting's (and a day of windows old): wrong.
    at(end + 86_400_000);
    expect((await scan(pass)).body.error.messageCode).toBe('meeting.pass_wrong');
    at(end + 29_999);
    expect((await scan(pass)).status).toBe(200);
  });

  it('is for those who mark attendance only', async () => {
    at(200_000);
    const pass = (await ok(req(cell.exempt)(`/api/meetings/${meetingA}/my-pass`))).code as string;
    const other = await json(
      req(cell.full[0]!)(`/api/meetings/${meetingA}/attendance/pass`, { json: { code: pass } }),
    );
    expect(other.status).toBe(403);
    expect((await rowOf(cell.exempt)).status).not.toBe('present');
  });

  it('ends with the meeting: no code, no pass, no check-in', async () => {
    at(240_000);
    const pass = (await ok(req(cell.exempt)(`/api/meetings/${meetingB}/my-pass`))).code as string;
    const code = roomCode(
      macOf((await findMeeting(db, meetingB))!.checkin_secret!, 'room'),
      windowAt(base + 240_000, roomCodeRotation),
    );
    await ok(sec(`/api/meetings/${meetingB}/end`, { method: 'POST' }));
    expect((await findMeeting(db, meetingB))!.checkin_secret).toBeNull();
    expect((await json(sec(`/api/meetings/${meetingB}/checkin-code`))).status).toBe(422);
    expect((await scan(pass, meetingB)).status).toBe(422);
    expect((await checkIn(cell.full[0]!, code, meetingB)).status).toBe(422);
  });
});

describe('the storm of the 3rd: check-ins that do not queue on the meeting', () => {
  it('checks in a roll in parallel without touching the meeting row, and the room version still grows', async () => {
    const meeting = await newMeeting('thematic');
    const code = await ok(sec(`/api/meetings/${meeting}/checkin-code`));
    const members = [...cell.full, cell.probationary, cell.temporary];
    const rowVersion = async () =>
      (await db.query<{ version: number }>('SELECT version FROM meeting WHERE id = $1', [meeting]))[0]!
        .version;
    const versionBefore = await rowVersion();
    const before = (await ok(sec(`/api/meetings/${meeting}`))).version as number;
    const answers = await Promise.all(members.map((m) => checkIn(m, code.code as string, meeting)));
    expect(answers.map((a) => a.status)).toEqual(members.map(() => 200));
    expect(await rowVersion()).toBe(versionBefore);
    const detail = await ok(sec(`/api/meetings/${meeting}`));
    expect(detail.version).toBe(before + members.length);
    for (const m of members) {
      expect(detail.attendance.find((r: any) => r.memberId === m.id)).toMatchObject({
        status: 'present',
        checkInMethod: 'code',
      });
    }
    const { n } = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.checkIn' AND entity_id = $1`,
        [meeting],
      )
    )[0]!;
    expect(n).toBe(members.length);
    // Checked in already: the same refusal as before, and nothing more is written.
    const again = await checkIn(members[0]!, code.code as string, meeting);
    expect(again.status).toBe(409);
    expect(again.body.error.messageCode).toBe('meeting.already_checked_in');
    expect((await ok(sec(`/api/meetings/${meeting}`))).version).toBe(before + members.length);
  });

  it('marks nobody once what the verdict was given on has changed: the row, or the session', async () => {
    const meeting = await newMeeting('thematic');
    const m = cell.full[0]!;
    const state = (await findCheckinMeeting(db, meeting, m.id))!;
    expect(state.roll_status).toBeNull();
    const guard = { maxFailures: maxWrongRoomCodes, judgedStatus: null, secret: state.checkin_secret! };
    const entry = {
      chain: state.province_id,
      actorAccountId: null,
      action: 'meeting.checkIn',
      entity: 'meeting',
      entityId: meeting,
    };
    // The secretary marked the member absent after the state was read.
    await ok(
      sec(`/api/meetings/${meeting}/attendance`, {
        json: { memberId: m.id, status: 'absent_excused', reason: 'Ốm' },
      }),
    );
    expect(await db.transaction((tx) => markSelfCheckedIn(tx, meeting, m.id, guard, entry))).toBe(false);
    // Judged on the new state it goes through, but not once the meeting ended (its secret is gone).
    const fresh = { ...guard, judgedStatus: 'absent_excused' as const };
    const other = cell.full[1]!;
    await ok(sec(`/api/meetings/${meeting}/end`, { method: 'POST' }));
    expect(await db.transaction((tx) => markSelfCheckedIn(tx, meeting, m.id, fresh, entry))).toBe(false);
    expect(await db.transaction((tx) => markSelfCheckedIn(tx, meeting, other.id, guard, entry))).toBe(false);
    const rows = await db.query<{ member_id: string; status: string }>(
      'SELECT member_id, status FROM meeting_attendance WHERE meeting_id = $1 AND member_id = ANY($2::uuid[])',
      [meeting, [m.id, other.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.member_id, r.status]))).toEqual({
      [m.id]: 'absent_excused',
      [other.id]: 'absent_unexcused',
    });
    // Nothing marked, nothing audited.
    const { n } = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.checkIn' AND entity_id = $1`,
        [meeting],
      )
    )[0]!;
    expect(n).toBe(0);
  });
});

describe('the storm of the 3rd: a check-in judged on the session this process remembers', () => {
  const audited = async (meeting: string) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.checkIn' AND entity_id = $1`,
        [meeting],
      )
    )[0]!.n;

  it('is one guarded statement: it marks and audits only a member on the roll, not yet present, not locked, in that session', async () => {
    const meeting = await newMeeting('thematic');
    const state = (await findCheckinMeeting(db, meeting, null))!;
    const checkin = (memberId: string, secret = state.checkin_secret!) => ({
      meetingId: meeting,
      memberId,
      secret,
      audit: {
        chain: state.province_id,
        actorAccountId: null,
        action: 'meeting.checkIn',
        entity: 'meeting',
        entityId: meeting,
        after: { memberId },
      },
    });
    const mark = (...ids: (string | [string, Uint8Array])[]) =>
      markManySelfCheckedInUnread(
        db,
        ids.map((id) => (typeof id === 'string' ? checkin(id) : checkin(id[0], id[1]))),
        maxWrongRoomCodes,
      );
    const [first, second, third, fourth, fifth] = cell.full;
    // Someone off the roll, and a secret that is not this session's.
    const offRoll = await makeMember(db, cell.commune, { fullName: 'Người Ngoài Danh Sách' });
    expect(await mark(offRoll.id, [first!.id, new Uint8Array(32)])).toEqual([false, false]);
    expect(await audited(meeting)).toBe(0);
    // On the roll, not present: marked and audited, once, even when asked twice in one statement.
    const twice = await mark(first!.id, offRoll.id, first!.id);
    expect(twice[1]).toBe(false);
    expect([twice[0], twice[2]].sort()).toEqual([false, true]); // either one of the two, not both
    expect(await mark(first!.id)).toEqual([false]);
    expect(await audited(meeting)).toBe(1);
    // Marked absent by the secretary: still checks in by code (as the judged path allows).
    await ok(
      sec(`/api/meetings/${meeting}/attendance`, {
        json: { memberId: second!.id, status: 'absent_excused', reason: 'Ốm' },
      }),
    );
    // Locked by five wrong codes: not marked; the others of the same statement are.
    await db.query(
      'UPDATE meeting_attendance SET checkin_failures = $3 WHERE meeting_id = $1 AND member_id = $2',
      [meeting, third!.id, maxWrongRoomCodes],
    );
    expect(await mark(second!.id, third!.id, fourth!.id)).toEqual([true, false, true]);
    const events = await db.query<{
      member: string;
      actor: string | null;
      chain: string;
      seq: number | null;
    }>(
      `SELECT after->>'memberId' AS member, actor_account_id AS actor, chain, seq FROM audit_log
        WHERE action = 'meeting.checkIn' AND entity_id = $1 ORDER BY id`,
      [meeting],
    );
    expect(events.map((e) => e.member)).toEqual([first!.id, second!.id, fourth!.id]);
    expect(events.every((e) => e.chain === state.province_id && e.seq === null)).toBe(true);
    // Once the meeting ended, nobody.
    await ok(sec(`/api/meetings/${meeting}/end`, { method: 'POST' }));
    expect(await mark(fifth!.id)).toEqual([false]);
    expect(await audited(meeting)).toBe(3);
  });

  it('groups the check-ins that arrive together, each answered after its own commit', async () => {
    const meeting = await newMeeting('thematic');
    at(330_000);
    const shown = (await ok(sec(`/api/meetings/${meeting}/checkin-code`))).code as string;
    const members = [...cell.full, cell.probationary, cell.temporary];
    expect((await checkIn(members[0]!, shown, meeting)).status).toBe(200); // remembered from here on
    const answers = await Promise.all(members.slice(1).map((m) => checkIn(m, shown, meeting)));
    expect(answers.map((a) => a.status)).toEqual(members.slice(1).map(() => 200));
    for (const m of members) expect(await rowOf(m, meeting)).toMatchObject({ status: 'present' });
    expect(await audited(meeting)).toBe(members.length);
    // Twice at once: one is marked, the other refused as a second check-in.
    const again = await Promise.all([
      checkIn(cell.exempt, shown, meeting),
      checkIn(cell.exempt, shown, meeting),
    ]);
    expect(again.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await audited(meeting)).toBe(members.length + 1);
  });

  it('answers the same refusals when another process ended the session, marked the member or counted the wrong codes', async () => {
    const other = secondProcessView(db);
    try {
      const elsewhere = makeClient(other.db);
      const secElsewhere = await elsewhere.signIn(cell.secretary.phone!);
      const meeting = await newMeeting('thematic');
      at(300_000);
      const shown = (await ok(sec(`/api/meetings/${meeting}/checkin-code`))).code as string;
      const [a, b, c, d] = cell.full;
      // This process remembers the session from the first check-in.
      expect((await checkIn(a!, shown, meeting)).status).toBe(200);
      expect(remembersCheckinSession(db, meeting)).toBe(true);
      // Marked present by the secretary on the other process: already checked in, nothing written here.
      await ok(
        secElsewhere(`/api/meetings/${meeting}/attendance`, { json: { memberId: b!.id, status: 'present' } }),
      );
      const twice = await checkIn(b!, shown, meeting);
      expect(twice.status).toBe(409);
      expect(twice.body.error.messageCode).toBe('meeting.already_checked_in');
      expect(await rowOf(b!, meeting)).toMatchObject({ status: 'present', checkInMethod: 'tap' });
      // Five wrong codes typed on the other process: locked here too, even with the right code.
      const cElsewhere = await elsewhere.signIn(c!.phone!);
      for (let i = 0; i < maxWrongRoomCodes; i++) {
        const wrong = await json(
          cElsewhere(`/api/meetings/${meeting}/check-in`, { json: { code: 'ABCDEF' } }),
        );
        expect(wrong.body.error.messageCode).toBe('meeting.checkin_code_wrong');
      }
      const locked = await checkIn(c!, shown, meeting);
      expect(locked.status).toBe(429);
      expect(locked.body.error.messageCode).toBe('meeting.checkin_locked');
      // Ended on the other process: the code this process would still judge valid is refused as out of session.
      await ok(secElsewhere(`/api/meetings/${meeting}/end`, { method: 'POST' }));
      const late = await checkIn(d!, shown, meeting);
      expect(late.status).toBe(422);
      expect(late.body.error.messageCode).toBe('meeting.checkin_only_in_session');
      expect(remembersCheckinSession(db, meeting)).toBe(false);
      expect(await rowOf(d!, meeting)).toMatchObject({ status: 'absent_unexcused' });
      expect(await audited(meeting)).toBe(1);
    } finally {
      await other.close();
    }
  });
});
