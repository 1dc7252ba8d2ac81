// Service tests of the read summaries: after a series of writes through the API (a meeting held,
// scored, a cell moved to another commune, a rule set assigned, a new cell), the kept summaries equal a
// recomputation from scratch, the pages' numbers equal the from-scratch computation, each fact counts toward the
// ancestors its cell had on the fact's date, and the lists come a page at a time.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../domain/dates.ts';
import { labelToId } from '../../../domain/tree.ts';
import { makeAccount, type makeClient, makeOrganization, type OrgRef } from '../../testing/factories.ts';
import { makeMeetingCell, type MeetingCell } from '../meetings/meetings.fixtures.ts';
import { addDays } from '../../../domain/dates.ts';
import { listCellsUnder } from './summaries.repository.ts';
import {
  checkAll,
  checkReads,
  checkRollups,
  complianceOfCells,
  complianceTotals,
  ensureComingYear,
  periodTotals,
  ratingTotals,
  rebuildRollups,
  refreshCell,
  refreshCells,
} from './summaries.service.ts';

const today = todayIso();
const year = Number(today.slice(0, 4));
let w: MeetingCell;
let officer: Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
let province: OrgRef;
let otherCommune: OrgRef;

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  w = await makeMeetingCell();
  const rootPath = w.commune.path.split('.')[0]!;
  province = {
    id: labelToId(rootPath),
    provinceId: w.commune.provinceId,
    path: rootPath,
    kind: 'provincial_committee',
    name: 'Tỉnh',
  };
  otherCommune = await makeOrganization(w.db, {
    kind: 'grassroots_committee',
    parent: province,
    name: 'Xã Bên Kia',
  });
  officer = await w.client.signIn((await makeAccount(w.db, null, { admin: true })).identifier);
});
afterAll(async () => w.db.close());

async function holdAndScore() {
  const { sec, cell } = w;
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
  await ok(sec(`/api/meetings/${id}/end`, { method: 'POST' }));
  const s = await ok(sec(`/api/meetings/${id}/scores`));
  const autoIds = new Set(s.automatic.map((a: any) => a.id));
  const entries = s.framework.groups
    .flatMap((g: any) => g.criteria)
    .filter((c: any) => !autoIds.has(c.id) && c.appliesWhen !== 'thematic')
    .map((c: any) => ({
      criterionId: c.id,
      points:
        c.type === 'toggle' || c.type === 'computed'
          ? c.max
          : Math.max(...c.options.map((o: any) => o.points), 0),
    }));
  await ok(sec(`/api/meetings/${id}/scores/self`, { method: 'PUT', json: { entries, submit: true } }));
  return id;
}

describe('read summaries kept by the writes', () => {
  it('equal a recomputation from scratch after meetings, scores, a move, a rule set and a new cell', async () => {
    await holdAndScore();
    // The cell moves to another commune from today: what happened before counts toward the old one.
    await ok(
      officer('/api/reorganizations', {
        json: { kind: 'move', organizationId: w.cell.id, newParentId: otherCommune.id, effectiveDate: today },
      }),
    );
    await ok(
      officer(`/api/organizations/${w.commune.id}/rule-sets`, {
        json: { ruleSetId: 'ct50-hd42-2025', effectiveFrom: today, documentRef: '01-HD/ĐU' },
      }),
    );
    await ok(
      officer('/api/organizations', {
        json: { parentId: w.commune.id, name: 'Chi bộ thôn Mới', kind: 'cell', validFrom: today },
      }),
    );
    const check = await checkAll(w.db);
    expect(check.years).toBeGreaterThan(0);
    expect(check.mismatches).toEqual([]);
    const reads = await checkReads(w.db, year);
    expect(reads.cells).toBeGreaterThanOrEqual(3);
    expect(reads.differences).toEqual([]);
  });

  it('counts each fact toward the ancestors its cell had on the fact’s date', async () => {
    const rows = await w.db.query<{ code: string; path: string; period: string }>(
      `SELECT code, path::text AS path, period FROM compliance_fact WHERE organization_id = $1 AND year = $2`,
      [w.cell.id, year],
    );
    const label = (o: OrgRef) => o.id.replace(/-/g, '');
    const month = today.slice(0, 7);
    // Missed months before the move sit under the old commune; the meeting held today under the new one.
    const before = rows.filter((r) => r.code === 'no_meeting' && r.period < month);
    if (today.slice(5, 7) !== '01') expect(before.length).toBeGreaterThan(0);
    for (const r of before) expect(r.path.split('.')).toContain(label(w.commune));
    for (const r of rows.filter((x) => x.period === month))
      expect(r.path.split('.')).toContain(label(otherCommune));
    const old = await complianceTotals(w.db, w.commune.id, year);
    const moved = await complianceTotals(w.db, otherCommune.id, year);
    const mine = await complianceTotals(w.db, w.cell.id, year);
    // The old commune keeps the cell's missed months (beside its other cell's); the new one gets none of them.
    expect(old.totals.no_meeting ?? 0).toBeGreaterThanOrEqual(before.length);
    expect(moved.totals.no_meeting ?? 0).toBe(0);
    // A month's own facts (held, judged) date from its first day, when the cell was still in the old commune.
    expect(mine.sums.held).toBe(1);
    expect(moved.sums.held).toBe(0);
    expect(old.sums.held).toBeGreaterThanOrEqual(1);
  });

  it('a change written beside the services shows in the check until the cell is recomputed', async () => {
    await w.db.query(`UPDATE meeting SET status = 'cancelled' WHERE organization_id = $1`, [w.cell.id]);
    const stale = await checkAll(w.db);
    expect(stale.mismatches.map((m) => m.organizationId)).toContain(w.cell.id);
    expect((await checkReads(w.db, year)).differences.map((d) => d.organizationId)).toContain(w.cell.id);
    await refreshCell(w.db, w.cell.id);
    expect((await checkAll(w.db)).mismatches).toEqual([]);
  });
});

describe('province-wide lists a page at a time', () => {
  it('walks every cell once by cursor, with the count and totals of the whole subtree', async () => {
    for (let i = 0; i < 3; i++) {
      await makeOrganization(w.db, { kind: 'cell', parent: w.commune, name: `Chi bộ trang ${i}` });
    }
    for (const kind of ['compliance', 'ratings']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let first: any = null;
      do {
        const page: any = await ok(
          officer(
            `/api/organizations/${province.id}/${kind}?year=${year}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          ),
        );
        first ??= page;
        expect(page.cells.length).toBeLessThanOrEqual(2);
        seen.push(...page.cells.map((c: any) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(first.cellCount);
      expect(seen).toContain(w.cell.id);
    }
    const bad = await officer(`/api/organizations/${province.id}/compliance?year=${year}&cursor=%7B%7D`);
    expect(bad.status).toBe(400);
  });
});

describe('rollups by organisation and month', () => {
  it('equal the cells’ summaries added up after meetings held, cancelled and scored and a cell moved', async () => {
    // A meeting planned for next month, then cancelled (the earlier tests held, scored and moved).
    const next = addDays(`${today.slice(0, 7)}-28`, 10).slice(0, 7);
    const { id } = await ok(
      w.sec(`/api/organizations/${w.cell.id}/meetings`, {
        json: { kind: 'regular', forMonth: next, plannedDate: `${next}-03` },
      }),
    );
    await ok(w.sec(`/api/meetings/${id}/cancel`, { method: 'POST', json: { reason: 'Trùng lịch bầu cử' } }));
    await holdAndScore();
    const check = await checkRollups(w.db);
    expect(check.rows).toBeGreaterThan(0);
    expect(check.differences).toEqual([]);
    expect((await checkAll(w.db)).mismatches).toEqual([]);

    // The province's totals (its own rollup rows) equal its cells' page rows added up (every cell stayed in it).
    const cells = await listCellsUnder(w.db, province.path);
    const rows = await complianceOfCells(w.db, cells, year);
    const totals = await complianceTotals(w.db, province.id, year);
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
    expect(totals.sums).toEqual({
      held: sum((r) => r.held),
      monthsJudged: sum((r) => r.monthsJudged),
      monthsWithMeeting: sum((r) => r.monthsWithMeeting),
      findings: sum((r) => r.findings),
    });
    expect(totals.sums.held).toBeGreaterThanOrEqual(1);
    const byCode: Record<string, number> = {};
    for (const r of rows) for (const [k, n] of Object.entries(r.byCode)) byCode[k] = (byCode[k] ?? 0) + n;
    expect(totals.totals).toEqual(byCode);

    // The ratings' distribution equals the cells' monthly self ratings counted.
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const ratings = await ratingTotals(w.db, province.id, year, months);
    const counted = await w.db.query<{ month: string; self_rating: string; n: number }>(
      `SELECT month, self_rating, count(*)::int AS n FROM rating_month
        WHERE province_id = $1 AND year = $2 AND self_rating IS NOT NULL GROUP BY month, self_rating`,
      [w.commune.provinceId, year],
    );
    expect(counted.length).toBeGreaterThan(0);
    for (const c of counted) {
      const d = ratings.distribution.find((x) => x.month === c.month) as Record<string, unknown>;
      expect(d[c.self_rating]).toBe(c.n);
    }
    // Any period: a quarter's and the year's totals of the same organisation agree with the months summed.
    const q = Math.ceil(Number(today.slice(5, 7)) / 3) as 1 | 2 | 3 | 4;
    const quarter = await periodTotals(w.db, province.id, { kind: 'quarter', year, quarter: q });
    const halves = await Promise.all(
      ([1, 2] as const).map((half) => periodTotals(w.db, province.id, { kind: 'half', year, half })),
    );
    expect((halves[0]!.held ?? 0) + (halves[1]!.held ?? 0)).toBe(totals.sums.held);
    expect(quarter.held ?? 0).toBeGreaterThanOrEqual(1);
  });

  it('writes of one cell at once add their differences one after the other (PostgreSQL: concurrent)', async () => {
    // A change beside the services, then four writes that each recompute the cell at once: each must read the
    // "before" the previous one left, or the same difference would be added four times.
    await w.db.query(`UPDATE meeting SET status = 'cancelled' WHERE organization_id = $1`, [w.cell.id]);
    await Promise.all(
      [1, 2, 3, 4].map(() =>
        w.db.transaction((tx) =>
          refreshCells(tx, [{ id: w.cell.id }, { id: otherCommune.id }, { id: w.commune.id }]),
        ),
      ),
    );
    expect((await checkRollups(w.db)).differences).toEqual([]);
    expect((await checkAll(w.db)).mismatches).toEqual([]);
    await holdAndScore();
  });

  it('a rebuild from the cells’ summaries gives the rollups the writes kept', async () => {
    const before = await w.db.query(
      'SELECT organization_id, month, measure, counts_from, n FROM summary_rollup',
    );
    await w.db.query('DELETE FROM summary_rollup');
    expect((await checkRollups(w.db)).differences.length).toBeGreaterThan(0);
    await rebuildRollups(w.db);
    expect((await checkRollups(w.db)).differences).toEqual([]);
    const after = await w.db.query(
      'SELECT organization_id, month, measure, counts_from, n FROM summary_rollup',
    );
    const nonZero = (rows: any[]) =>
      rows
        .filter((r) => Number(r.n) !== 0)
        .map((r) => JSON.stringify({ ...r, n: Number(r.n) }))
        .sort();
    expect(nonZero(after)).toEqual(nonZero(before));
  });
});

describe('the new year', () => {
  // A fixed clock: late in next year, so the year after it has no summary rows yet.
  const coming = year + 2;
  const clock = `${year + 1}-12-20`;
  const rowsOf = async (y: number) =>
    (
      await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compliance_month WHERE year = $1', [y])
    )[0]!.n;

  it('creates the coming year’s rows of every cell ahead of time, once', async () => {
    expect(await rowsOf(coming)).toBe(0);
    // As after a first start: the summaries were computed once, so the year done is marked on their row.
    await w.db.query(
      'INSERT INTO summary_rebuild (id, rebuilt_at) VALUES (1, now()) ON CONFLICT (id) DO NOTHING',
    );
    const made = await ensureComingYear(w.db, clock);
    expect(made.year).toBe(coming);
    const cells = await listCellsUnder(w.db, province.path);
    expect(made.cells).toBe(cells.length);
    expect(await rowsOf(coming)).toBe(12 * cells.length);
    const [mark] = await w.db.query<{ y: number }>('SELECT years_ready_through AS y FROM summary_rebuild');
    expect(mark!.y).toBe(coming);
    // Idempotent: a second run (another process, a restart) finds nothing to do, and with the mark not even
    // cells without the year's rows are looked at again.
    expect((await ensureComingYear(w.db, clock)).cells).toBe(0);
    await w.db.query('UPDATE summary_rebuild SET years_ready_through = NULL');
    expect((await ensureComingYear(w.db, clock)).cells).toBe(0);
    expect(await rowsOf(coming)).toBe(12 * cells.length);
    expect((await checkRollups(w.db)).differences).toEqual([]);
    expect((await checkAll(w.db)).mismatches).toEqual([]);
  });

  it('a month that becomes due counts as missed, with no write', async () => {
    const [jan] = await w.db.query<{ judged_from: string }>(
      `SELECT judged_from::text FROM compliance_month WHERE organization_id = $1 AND month = $2`,
      [w.cell.id, `${coming}-01`],
    );
    expect(jan!.judged_from > `${coming}-01-01`).toBe(true);
    // The cell sits under the other commune now: its January is that commune's alone.
    const dayBefore = await complianceTotals(w.db, otherCommune.id, coming, addDays(jan!.judged_from, -1));
    expect(dayBefore.sums.monthsJudged).toBe(0);
    expect(dayBefore.totals.no_meeting).toBeUndefined();
    const due = await complianceTotals(w.db, otherCommune.id, coming, jan!.judged_from);
    expect(due.sums.monthsJudged).toBe(1);
    expect(due.totals.no_meeting).toBe(1);
    expect(due.sums.monthsWithMeeting).toBe(0);
    // The cell's own totals, from its own rows, agree.
    const own = await complianceTotals(w.db, w.cell.id, coming, jan!.judged_from);
    expect(own.totals.no_meeting).toBe(1);
  });
});
