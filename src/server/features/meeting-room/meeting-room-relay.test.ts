// The live room's relay across server processes (issue 10.2): a change announced on the database's room channel
// (by any process) is built once and pushed to this process's open screens; after the listening connection was
// lost and made again (PostgreSQL), every open screen gets a fresh room, since changes in between were missed.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import { type Database, notify } from '../../platform/db.ts';
import { makeMeetingCell, type MeetingCell } from '../meetings/meetings.fixtures.ts';
import { announceDelayMs, publishChange, roomChannel, subscriberCount } from './meeting-room.service.ts';

let cell: MeetingCell;
let db: Database;
let meetingId = '';

const ok = async (res: Response | Promise<Response>) => {
  const r = await res;
  const body = (await r.json()) as any;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
};

beforeAll(async () => {
  cell = await makeMeetingCell();
  db = cell.db;
  const today = todayIso();
  ({ id: meetingId } = await ok(
    cell.sec(`/api/organizations/${cell.cell.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: 'Trường hợp đặc biệt: đón đoàn kiểm tra',
        location: 'Nhà văn hóa thôn',
      },
    }),
  ));
});
afterAll(async () => db.close());

/** Opens the meeting's live room as a member; `next()` resolves with each room pushed. */
async function openRoom(meeting = meetingId) {
  const res = await cell.reqOf.get(cell.full[0]!.id)!(`/api/meetings/${meeting}/events`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const m = /event: room\ndata: (.*)\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return JSON.parse(m[1]!);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the live room closed');
        buffer += value;
      }
    },
    close: () => reader.cancel(),
  };
}

describe('the live room relay', () => {
  it('pushes the room to every open screen when any process announces a change of the meeting', async () => {
    const [one, two] = [await openRoom(), await openRoom()];
    await Promise.all([one.next(), two.next()]);
    expect(subscriberCount(db, meetingId)).toBe(2);
    // What another process does after committing a change: the room is built here and pushed to both.
    await db.query(`UPDATE meeting SET location = 'Hội trường xã' WHERE id = $1`, [meetingId]);
    await notify(db, roomChannel, meetingId);
    const [a, b] = await Promise.all([one.next(), two.next()]);
    expect(a.location).toBe('Hội trường xã');
    expect(b).toEqual(a);
    await Promise.all([one.close(), two.close()]);
  });

  it('announces the changes made together in this process in one go: each meeting once, to its own screens', async () => {
    const today = todayIso();
    const { id: second } = await ok(
      cell.sec(`/api/organizations/${cell.cell.id}/meetings`, {
        json: {
          kind: 'thematic',
          forMonth: today.slice(0, 7),
          plannedDate: today,
          dateReason: 'Trường hợp đặc biệt: đón đoàn kiểm tra',
          location: 'Nhà văn hóa thôn',
        },
      }),
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 4 * announceDelayMs));
    await settle(); // what the creation announced is out of the way
    const heard: string[] = [];
    const stop = await db.listen(roomChannel, {
      message: (p) => heard.push(p),
      reconnected: () => undefined,
    });
    const [one, two] = [await openRoom(), await openRoom(second as string)];
    await Promise.all([one.next(), two.next()]);
    await db.query(`UPDATE meeting SET location = 'Phòng họp A' WHERE id = ANY($1::uuid[])`, [
      [meetingId, second],
    ]);
    publishChange(db, meetingId);
    publishChange(db, second as string);
    publishChange(db, meetingId);
    expect(heard).toEqual([]); // not yet: within the delay, changes are gathered
    const [a, b] = await Promise.all([one.next(), two.next()]);
    expect([a.location, b.location]).toEqual(['Phòng họp A', 'Phòng họp A']);
    await settle();
    expect(heard.sort()).toEqual([meetingId, second].sort());
    await Promise.all([one.close(), two.close(), stop()]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'pushes a fresh room to open screens after the listening connection came back (PostgreSQL)',
    async () => {
      const screen = await openRoom();
      await screen.next();
      // A change nobody hears: the listening connection is cut, and the change is made while it is down.
      const cut = await db.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = current_database() AND query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN "${roomChannel}"`],
      );
      expect(cut).toEqual([{ ok: true }]);
      await db.query(`UPDATE meeting SET location = 'Nhà văn hóa thôn 2' WHERE id = $1`, [meetingId]);
      const room = await screen.next();
      expect(room.location).toBe('Nhà văn hóa thôn 2');
      await screen.close();
    },
  );
});
