// What the fuzzing test (fuzz.test.ts) found, each pinned as a plain case: every one answered 500 (or a 400 that
// named no field, or, for the rescore job, a 200 to anyone) before it was fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../domain/dates.ts';
import type { Database } from './platform/db.ts';
import { mapDatabaseError } from './platform/errors.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  makeRole,
  type MemberRef,
} from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

let db: Database;
let client: ReturnType<typeof makeClient>;
let p: Awaited<ReturnType<typeof makeProvince>>;
let secretary: Req;
let officer: Req;
let otherOfficer: Req;
let member: MemberRef;

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  p = await makeProvince(db);
  const sec = await makeMember(db, p.cellA);
  await makePosition(db, p.cellA, sec, 'secretary');
  secretary = await client.signIn((await makeAccount(db, sec)).identifier);
  const off = await makeAccount(db, await makeMember(db, p.province));
  await makeRole(db, off.id, p.province, 'board_officer');
  officer = await client.signIn(off.identifier);
  const q = await makeProvince(db);
  const other = await makeAccount(db, await makeMember(db, q.province));
  await makeRole(db, other.id, q.province, 'board_officer');
  otherOfficer = await client.signIn(other.identifier);
  member = await makeMember(db, p.cellA, { since: '2020-01-01' });
});
afterAll(async () => db.close());

const issuesOf = async (res: Response) => {
  const body = (await res.json()) as {
    error: { messageCode: string; issues?: Array<{ path: string; messageCode: string }> };
  };
  return { code: body.error.messageCode, issues: body.error.issues ?? [] };
};

describe('found by fuzzing', () => {
  it('a body that is not JSON is a 400 naming the body', async () => {
    const res = await secretary(`/api/meetings/${p.cellA.id}/rsvp`, {
      method: 'POST',
      body: '{"response":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).issues).toEqual([
      expect.objectContaining({ path: '(body)', messageCode: 'request.invalid_json' }),
    ]);
  });

  it('a year the holiday calendar does not cover is a 400 naming the field that holds it', async () => {
    const res = await secretary(`/api/organizations/${p.cellA.id}/meetings?year=2036`);
    expect(res.status).toBe(400);
    const { code, issues } = await issuesOf(res);
    expect(code).toBe('calendar.year_unsupported');
    expect(issues).toEqual([
      expect.objectContaining({ path: 'year', messageCode: 'calendar.year_unsupported' }),
    ]);
  });

  it('the date 0000-01-01 (PostgreSQL has no year 0) is a 400 naming the field', async () => {
    const res = await secretary(`/api/organizations/${p.cellA.id}/rule-set?date=0000-01-01`);
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).issues).toEqual([
      expect.objectContaining({ path: 'date', messageCode: 'form.real_date' }),
    ]);
  });

  it('a meeting for the month 0000-10 is a 400 naming forMonth', async () => {
    const res = await secretary(`/api/organizations/${p.cellA.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: '0000-10',
        plannedDate: '2026-12-05',
        plannedTime: '19:00',
        location: 'Nhà văn hoá',
      },
    });
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).issues).toEqual([
      expect.objectContaining({ path: 'forMonth', messageCode: 'form.month_format' }),
    ]);
  });

  it('leaving the party dated before the membership began is a 400 naming eventDate, and changes nothing', async () => {
    const res = await secretary(`/api/members/${member.id}/events`, {
      json: { kind: 'died', eventDate: '2019-12-31', documentRef: '1-TB/CB' },
    });
    expect(res.status).toBe(400);
    const { code, issues } = await issuesOf(res);
    expect(code).toBe('member.event_before_membership');
    expect(issues).toEqual([
      expect.objectContaining({ path: 'eventDate', messageCode: 'member.must_be_after' }),
    ]);
    expect(
      ((await (await secretary(`/api/members/${member.id}`)).json()) as { lifecycle: string }).lifecycle,
    ).toBe('active');
  });

  it('a rescore job is shown only to whoever sees its organisation (404 to another province)', async () => {
    const started = await officer(`/api/organizations/${p.province.id}/rescore`, {
      json: { year: Number(todayIso().slice(0, 4)) },
    });
    expect(started.status).toBe(200);
    const { id } = (await started.json()) as { id: string };
    expect((await officer(`/api/rescore-jobs/${id}`)).status).toBe(200);
    expect((await otherOfficer(`/api/rescore-jobs/${id}`)).status).toBe(404);
    expect((await secretary(`/api/rescore-jobs/${id}`)).status).toBe(404);
  });

  it('a value PostgreSQL refuses is the request’s fault (400), not the server’s', () => {
    for (const code of ['22P02', '22003', '22008', '22001', '22021', '23514']) {
      const mapped = mapDatabaseError({ code, message: 'refused' }) as { code: string; issues: unknown[] };
      expect(mapped.code, code).toBe('validation_failed');
      expect(mapped.issues).toEqual([expect.objectContaining({ path: '(request)' })]);
    }
    const other = new Error('connection lost');
    expect(mapDatabaseError(other)).toBe(other);
  });
});
