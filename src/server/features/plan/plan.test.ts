// Service tests of the year's plan over HTTP: thematic topics sent to and reviewed by the upper committee, and
// the compliance of a subtree.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

const today = todayIso();
const nextYear = Number(today.slice(0, 4)) + 1;

let db: Database;
let client: ReturnType<typeof makeClient>;
type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
let cell: OrgRef;
let commune: OrgRef;
let sec: Req;

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  const p = await makeProvince(db);
  cell = p.cellA;
  commune = p.commune;
  const secretary = await makeMember(db, cell, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, cell, secretary, 'secretary');
  sec = await client.signIn((await makeAccount(db, secretary)).identifier);
});
afterAll(async () => db.close());

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

const ok = async (res: Response | Promise<Response>) => {
  const r = await json(res);
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('the year plan', () => {
  it('the upper committee reviews thematic topics; a return needs a comment', async () => {
    const topic = await ok(
      sec(`/api/organizations/${cell.id}/thematic-topics`, {
        json: {
          year: nextYear,
          quarter: 1,
          title: 'Học tập và làm theo tư tưởng Hồ Chí Minh',
          presenters: 'Đồng chí Hường',
        },
      }),
    );
    await ok(sec(`/api/thematic-topics/${topic.id}/submit`, { method: 'POST' }));
    // Sent once: a second submit is refused by the state.
    expect((await sec(`/api/thematic-topics/${topic.id}/submit`, { method: 'POST' })).status).toBe(422);
    const leader = await makeMember(db, commune, { fullName: 'Bí thư xã' });
    await makePosition(db, commune, leader, 'secretary');
    const upper = await client.signIn((await makeAccount(db, leader)).identifier);
    const noComment = await json(
      upper(`/api/thematic-topics/${topic.id}/review`, { json: { decision: 'return' } }),
    );
    expect(noComment.status).toBe(400);
    // The cell cannot approve its own topic.
    expect(
      (await sec(`/api/thematic-topics/${topic.id}/review`, { json: { decision: 'approve' } })).status,
    ).toBe(403);
    await ok(
      upper(`/api/thematic-topics/${topic.id}/review`, {
        json: { decision: 'return', comment: 'Bổ sung đề cương' },
      }),
    );
    const list = await ok(sec(`/api/organizations/${cell.id}/thematic-topics?year=${nextYear}`));
    expect(list.items[0]).toMatchObject({ status: 'returned', reviewComment: 'Bổ sung đề cương' });
    // What each side may do now travels with the topic: the cell corrects and sends it again.
    expect(list.items[0].actions).toEqual(['submit']);
    expect(list.actions).toEqual(['register']);
    const seenAbove = await ok(upper(`/api/organizations/${cell.id}/thematic-topics?year=${nextYear}`));
    expect(seenAbove.items[0].actions).toEqual([]);
    expect(seenAbove.actions).toEqual([]);
    const overview = await ok(upper(`/api/organizations/${commune.id}/compliance?year=${today.slice(0, 4)}`));
    expect(overview.cells.map((c: any) => c.id)).toContain(cell.id);
  });
});

describe('compliance of a cell created during the year', () => {
  it('judges only the months the cell existed: earlier ones are not applicable, not missed', async () => {
    // Created on 01/3/2026 (the national rule is in force all year): January and February are not applicable.
    const young = await makeOrganization(db, {
      kind: 'cell',
      parent: commune,
      name: 'Chi bộ Công an xã mới',
      validFrom: '2026-03-01',
    });
    const leader = await makeMember(db, commune, { fullName: 'Bí thư xã thứ hai' });
    await makePosition(db, commune, leader, 'secretary');
    const upper = await client.signIn((await makeAccount(db, leader)).identifier);

    const plan = await ok(upper(`/api/organizations/${young.id}/meetings?year=2026`));
    expect(plan.notApplicableMonths).toEqual(['2026-01', '2026-02']);
    const missed = plan.findings.filter((f: any) => f.code === 'no_meeting').map((f: any) => f.period);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((m: string) => m >= '2026-03')).toBe(true);
    expect(plan.findings.some((f: any) => f.period === '2026-Q1')).toBe(false);

    const overview = await ok(upper(`/api/organizations/${commune.id}/compliance?year=2026`));
    const row = overview.cells.find((c: any) => c.id === young.id);
    expect(row).toMatchObject({ monthsNotApplicable: 2, monthsWithMeeting: 0, held: 0 });
    // The rate counts only the months judged: each of them missed, none before the cell existed.
    expect(row.monthsJudged).toBe(missed.length);
    expect(row.byCode.no_meeting).toBe(missed.length);
    const old = overview.cells.find((c: any) => c.id === cell.id);
    expect(old.monthsNotApplicable).toBe(0);
    expect(old.monthsJudged).toBe(row.monthsJudged + 2);
  });
});
