// Service tests of meeting scoring over HTTP: pre-filled scorecards, bad scores refused with nothing saved, overrides
// audited, the follower's score beside the cell's, ratings and inflation, framework files and re-scoring.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import { renderVi } from '../../../messages/index.ts';
import { hd42Framework } from '../../../domain/scoring-frameworks.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  makeRole,
  type MemberRef,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
let cell: OrgRef;
let province: OrgRef;
let sec: Req;
let follower: Req;
let officer: Req;
let plain: Req;
let members: MemberRef[];
const today = todayIso();

async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}
const ok = async (res: Response | Promise<Response>) => {
  const r = await json(res);
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  const p = await makeProvince(db);
  cell = p.cellA;
  province = p.province;
  const secretary = await makeMember(db, cell, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, cell, secretary, 'secretary');
  sec = await client.signIn((await makeAccount(db, secretary)).identifier);
  members = [];
  for (let i = 0; i < 4; i++) members.push(await makeMember(db, cell));
  plain = await client.signIn((await makeAccount(db, members[0]!)).identifier);
  const f = await makeAccount(db, await makeMember(db, p.commune, { fullName: 'Trần Văn Theo Dõi' }));
  await makeRole(db, f.id, cell, 'follower');
  follower = await client.signIn(f.identifier);
  const o = await makeAccount(db, await makeMember(db, p.commune, { fullName: 'Cán bộ Ban Tổ chức' }));
  await makeRole(db, o.id, province, 'board_officer');
  officer = await client.signIn(o.identifier);
});
afterAll(async () => db.close());

/** A meeting held today: started, everyone present, a contribution, ended. */
async function holdMeeting(): Promise<string> {
  const { id } = await ok(
    sec(`/api/organizations/${cell.id}/meetings`, {
      json: {
        kind: 'regular',
        forMonth: today.slice(0, 7),
        plannedDate: today,
        dateReason: today.endsWith('-03') ? undefined : 'Trường hợp đặc biệt',
      },
    }),
  );
  await ok(
    sec(`/api/meetings/${id}`, {
      method: 'PATCH',
      json: {
        noticeContent: 'Thông báo',
        preparatoryHeldOn: today,
        preparatoryMinutes: 'Chi ủy họp chuẩn bị',
      },
    }),
  );
  await ok(sec(`/api/meetings/${id}/publish`, { method: 'POST' }));
  await ok(sec(`/api/meetings/${id}/start`, { method: 'POST' }));
  const d = await ok(sec(`/api/meetings/${id}`));
  for (const a of d.attendance) {
    await ok(sec(`/api/meetings/${id}/attendance`, { json: { memberId: a.memberId, status: 'present' } }));
  }
  await ok(sec(`/api/meetings/${id}/end`, { method: 'POST' }));
  return id;
}

describe('meeting scoring', () => {
  let meetingId: string;

  it('refuses to score a meeting that is not held yet', async () => {
    const { id } = await ok(
      sec(`/api/organizations/${cell.id}/meetings`, {
        json: { kind: 'thematic', forMonth: today.slice(0, 7), plannedDate: today },
      }),
    );
    const r = await json(sec(`/api/meetings/${id}/scores/self`, { method: 'PUT', json: { entries: [] } }));
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('chưa diễn ra');
  });

  it('pre-fills the scorecard from the facts, with evidence', async () => {
    meetingId = await holdMeeting();
    const s = await ok(sec(`/api/meetings/${meetingId}/scores`));
    expect(s.framework.id).toBe(hd42Framework.id);
    expect(s.actions).toEqual(['score_self']);
    const auto = new Map(s.automatic.map((a: any) => [a.id, a]));
    expect(auto.size).toBeGreaterThan(3);
    // Everyone came: full attendance marks, with the rate as evidence.
    expect(auto.get('attendance')).toMatchObject({ points: 4 });
    expect(renderVi((auto.get('attendance') as any).evidence)).toContain('Đảng viên dự 100%');
    // The meeting lasted minutes, not 90: the duration criterion says so.
    expect(renderVi((auto.get('duration') as any).evidence)).toContain('90 phút');
    expect((await ok(follower(`/api/meetings/${meetingId}/scores`))).actions).toEqual(['score_as_follower']);
    expect((await ok(officer(`/api/meetings/${meetingId}/scores`))).actions).toEqual([
      'score_as_supervision',
    ]);
    expect((await ok(plain(`/api/meetings/${meetingId}/scores`))).actions).toEqual([]);
  });

  it('refuses a score above the maximum and an override without a reason; nothing is saved', async () => {
    const s = await ok(sec(`/api/meetings/${meetingId}/scores`));
    const manual = s.framework.groups
      .flatMap((g: any) => g.criteria)
      .find((c: any) => !c.automatic && c.max > 1);
    const above = await json(
      sec(`/api/meetings/${meetingId}/scores/self`, {
        method: 'PUT',
        json: { entries: [{ criterionId: manual.id, points: manual.max + 1 }] },
      }),
    );
    expect(above.status).toBe(400);
    expect(above.body.error.message).toContain('vượt quá tối đa');
    const autoOne = s.automatic.find((a: any) => a.id === 'duration');
    const different = autoOne.points === 5 ? 4 : 5;
    const noReason = await json(
      sec(`/api/meetings/${meetingId}/scores/self`, {
        method: 'PUT',
        json: { entries: [{ criterionId: autoOne.id, points: different }] },
      }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('lý do');
    expect((await ok(sec(`/api/meetings/${meetingId}/scores`))).scorecards).toHaveLength(0);
  });

  it('the cell self-scores (full marks on manual criteria), the follower scores lower, and the gap shows', async () => {
    const s = await ok(sec(`/api/meetings/${meetingId}/scores`));
    const criteria = s.framework.groups.flatMap((g: any) => g.criteria);
    const autoIds = new Set(s.automatic.map((a: any) => a.id));
    const manual = criteria.filter((c: any) => !autoIds.has(c.id) && c.appliesWhen !== 'thematic');
    const full = manual.map((c: any) => ({
      criterionId: c.id,
      points:
        c.type === 'toggle' || c.type === 'computed'
          ? c.max
          : Math.max(...c.options.map((o: any) => o.points), 0),
    }));
    const incomplete = await json(
      sec(`/api/meetings/${meetingId}/scores/self`, {
        method: 'PUT',
        json: { entries: full.slice(1), submit: true },
      }),
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.message).toContain('chưa đủ điểm');
    const self = await ok(
      sec(`/api/meetings/${meetingId}/scores/self`, { method: 'PUT', json: { entries: full, submit: true } }),
    );
    expect(self.complete).toBe(true);
    // The follower takes 5 points off the largest manual criterion, and overrides nothing automatic.
    const biggest = manual.reduce((a: any, b: any) => (b.max > a.max ? b : a));
    const low = full.map((e: any) => {
      if (e.criterionId !== biggest.id) return e;
      const lower = criteria
        .find((c: any) => c.id === biggest.id)
        .options.map((o: any) => o.points)
        .filter((p: number) => p < e.points);
      return { ...e, points: lower.length ? Math.max(...lower) : 0 };
    });
    await ok(
      follower(`/api/meetings/${meetingId}/scores/follower`, {
        method: 'PUT',
        json: { entries: low, submit: true },
      }),
    );
    const again = await json(
      sec(`/api/meetings/${meetingId}/scores/self`, { method: 'PUT', json: { entries: full, submit: true } }),
    );
    expect(again.status).toBe(409);
    const after = await ok(sec(`/api/meetings/${meetingId}/scores`));
    expect(after.scorecards.map((c: any) => c.kind).sort()).toEqual(['follower', 'self']);
    // A submitted card is final: it allows nothing more.
    expect(after.scorecards.map((c: any) => c.actions)).toEqual([[], []]);
    expect(after.gap.difference).toBeGreaterThan(0);
    // A follower cannot submit the cell's own score.
    expect(
      (await follower(`/api/meetings/${meetingId}/scores/self`, { method: 'PUT', json: { entries: full } }))
        .status,
    ).toBe(403);
    const ratings = await ok(
      officer(`/api/organizations/${province.id}/ratings?year=${today.slice(0, 4)}&margin=1`),
    );
    const row = ratings.cells.find((c: any) => c.id === cell.id);
    const month = row.months.find((m: any) => m.month === today.slice(0, 7));
    expect(month.self.percent).toBeGreaterThan(month.outside.percent);
    expect(ratings.gapByMonth.find((g: any) => g.month === today.slice(0, 7)).pairs).toBe(1);
  });

  it('a supervision team overrides an automatic value with a reason, and the override is audited', async () => {
    const s = await ok(officer(`/api/meetings/${meetingId}/scores`));
    const criteria = s.framework.groups.flatMap((g: any) => g.criteria);
    const autoIds = new Set(s.automatic.map((a: any) => a.id));
    const manual = criteria.filter((c: any) => !autoIds.has(c.id) && c.appliesWhen !== 'thematic');
    const entries = manual.map((c: any) => ({
      criterionId: c.id,
      points:
        c.type === 'toggle' || c.type === 'computed'
          ? c.max
          : Math.max(...c.options.map((o: any) => o.points), 0),
    }));
    const autoOne = s.automatic.find((a: any) => a.id === 'prep_notice');
    entries.push({
      criterionId: autoOne.id,
      points: 0,
      overrideReason: 'Đoàn giám sát thấy tài liệu không đăng đủ',
    } as any);
    // A draft first: the scorer's own card, still open to editing and submitting; nobody else sees it.
    await ok(
      officer(`/api/meetings/${meetingId}/scores/supervision`, {
        method: 'PUT',
        json: { entries, submit: false },
      }),
    );
    const drafted = await ok(officer(`/api/meetings/${meetingId}/scores`));
    expect(drafted.scorecards.find((c: any) => c.kind === 'supervision')).toMatchObject({
      status: 'draft',
      mine: true,
      actions: ['edit', 'submit'],
    });
    const seenBySecretary = await ok(sec(`/api/meetings/${meetingId}/scores`));
    expect(seenBySecretary.scorecards.map((c: any) => c.kind)).not.toContain('supervision');
    await ok(
      officer(`/api/meetings/${meetingId}/scores/supervision`, {
        method: 'PUT',
        json: { entries, submit: true },
      }),
    );
    const [row] = await db.query<{ after: any }>(
      `SELECT after FROM audit_log WHERE action = 'scorecard.submit' AND after->>'kind' = 'supervision' ORDER BY id DESC LIMIT 1`,
    );
    expect(row!.after.overrides).toEqual([
      {
        criterion: autoOne.id,
        auto: autoOne.points,
        points: 0,
        reason: 'Đoàn giám sát thấy tài liệu không đăng đủ',
      },
    ]);
    const after = await ok(sec(`/api/meetings/${meetingId}/scores`));
    const sup = after.scorecards.find((c: any) => c.kind === 'supervision');
    expect(sup.criteria.find((c: any) => c.id === autoOne.id)).toMatchObject({ overridden: true, points: 0 });
  });

  it('a framework file that breaks the schema is refused with the path; a good one loads and can be assigned', async () => {
    const broken = { ...hd42Framework, id: 'tinh-thu-2026', groups: hd42Framework.groups.slice(1) };
    const bad = await json(officer('/api/scoring-frameworks', { json: { definition: broken } }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toMatch(/total|tổng/i);
    const good = {
      ...hd42Framework,
      id: 'tinh-thu-2026',
      title: 'Khung tỉnh (thử)',
      scope: 'assigned',
      effectiveFrom: '2026-01-01',
    };
    await ok(officer('/api/scoring-frameworks', { json: { definition: good } }));
    expect((await plain('/api/scoring-frameworks', { json: { definition: good } })).status).toBe(403);
    await ok(
      officer(`/api/organizations/${province.id}/scoring-frameworks`, {
        json: { frameworkId: 'tinh-thu-2026', effectiveFrom: '2026-01-01' },
      }),
    );
    const list = await ok(sec(`/api/organizations/${cell.id}/scoring-frameworks`));
    expect(list.items.map((f: any) => f.id)).toContain('tinh-thu-2026');
  });

  it('reports each problem inside an uploaded framework at its own path, nested criteria included', async () => {
    const nested = structuredClone(hd42Framework) as any;
    nested.id = 'tinh-long-2026';
    nested.groups[1].criteria[0].type = 'khong-co';
    nested.groups[2].criteria[1].max = 'mười';
    const bad = await json(officer('/api/scoring-frameworks', { json: { definition: nested } }));
    expect(bad.status).toBe(400);
    const issues = bad.body.error.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual([
      'definition.groups.1.criteria.0.type',
      'definition.groups.2.criteria.1.max',
    ]);
    expect(issues[0]!.message).toMatch(/^groups\[1\]\.criteria\[0\]\.type: /);
    // A rule beyond the shape (a level above the criterion's max) names the nested criterion too.
    const levels = structuredClone(hd42Framework) as any;
    levels.id = 'tinh-muc-2026';
    const withLevels = levels.groups
      .flatMap((g: any, gi: number) => g.criteria.map((c: any, ci: number) => ({ c, gi, ci })))
      .find((x: any) => x.c.levels?.length);
    withLevels.c.levels[0].points = withLevels.c.max + 5;
    const over = await json(officer('/api/scoring-frameworks', { json: { definition: levels } }));
    expect(over.status).toBe(400);
    expect(over.body.error.issues.map((i: any) => i.path)).toContain(
      `definition.groups.${withLevels.gi}.criteria.${withLevels.ci}.levels.0.points`,
    );
    // Not an object at all: the problem is the definition itself.
    const none = await json(officer('/api/scoring-frameworks', { json: { definition: 'khung' } }));
    expect(none.body.error.issues.map((i: any) => i.path)).toEqual(['definition']);
  });

  it('re-scores a subtree’s year in the background with progress', async () => {
    const job = await ok(
      officer(`/api/organizations/${province.id}/rescore`, { json: { year: Number(today.slice(0, 4)) } }),
    );
    expect(job.total).toBeGreaterThanOrEqual(1);
    let state = job;
    for (let i = 0; i < 50 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await ok(officer(`/api/rescore-jobs/${job.id}`));
    }
    expect(state.status).toBe('done');
    expect(state.done).toBe(state.total);
    const after = await ok(sec(`/api/meetings/${meetingId}/scores`));
    expect(after.scorecards.every((c: any) => c.status === 'submitted')).toBe(true);
    expect((await sec(`/api/organizations/${province.id}/rescore`, { json: { year: 2026 } })).status).toBe(
      404,
    );
  });
});
