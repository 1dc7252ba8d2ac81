// Service tests of the member's meetings (GET /me/meetings): each item carries the member's actions for it, from
// the one meeting rule (ADR 008), the same list the meeting's detail sends.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import type { Database } from '../../platform/db.ts';
import { makeAccount, makeClient, makeMember, makePosition, makeProvince } from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

const today = todayIso();

let db: Database;
type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
let sec: Req;
let member: Req;
let meetingId: string;

const ok = async (res: Response | Promise<Response>) => {
  const r = await res;
  const body = (await r.json()) as Record<string, any>;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(body)}`);
  return body;
};

beforeAll(async () => {
  db = await createTestDatabase();
  const client = makeClient(db);
  const p = await makeProvince(db);
  const secretary = await makeMember(db, p.cellA, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, p.cellA, secretary, 'secretary');
  const plain = await makeMember(db, p.cellA, { fullName: 'Trần Văn Đức' });
  sec = await client.signIn((await makeAccount(db, secretary)).identifier);
  member = await client.signIn((await makeAccount(db, plain)).identifier);
  const created = await ok(
    sec(`/api/organizations/${p.cellA.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: today.endsWith('-03') ? undefined : 'Trường hợp đặc biệt: đón đoàn kiểm tra',
        location: 'Nhà văn hóa thôn',
      },
    }),
  );
  meetingId = created.id;
});
afterAll(async () => db.close());

const listed = async (req: Req) => {
  const mine = await ok(req('/api/me/meetings'));
  return mine.upcoming.find((m: any) => m.id === meetingId);
};
const detailActions = async (req: Req) => (await ok(req(`/api/meetings/${meetingId}`))).actions;

describe("the member's meetings", () => {
  it('carry the actions of the detail: answer before the meeting, check in once it is in session', async () => {
    const before = await listed(member);
    expect(before.actions).toEqual(await detailActions(member));
    expect(before.actions).toContain('rsvp');
    expect(before.actions).not.toContain('check_in');
    // The secretary's own item says what the leaders may do.
    const leader = await listed(sec);
    expect(leader.actions).toEqual(await detailActions(sec));
    expect(leader.actions).toEqual(expect.arrayContaining(['edit_preparation', 'start', 'rsvp']));

    await ok(sec(`/api/meetings/${meetingId}/start`, { method: 'POST' }));
    const during = await listed(member);
    expect(during.actions).toEqual(await detailActions(member));
    expect(during.actions).toContain('check_in');
    expect(during.actions).not.toContain('rsvp');

    const { checkinCode } = await ok(sec(`/api/meetings/${meetingId}`));
    await ok(member(`/api/meetings/${meetingId}/check-in`, { json: { code: checkinCode } }));
    expect((await listed(member)).actions).not.toContain('check_in');
  });
});
