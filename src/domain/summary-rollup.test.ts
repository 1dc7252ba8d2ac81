// The rollups of a cell's summaries: each row counts toward the proper ancestors of its own path, a change adds
// exactly the difference, and periods name their months.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addContributions,
  atOnce,
  type CellYearSummaries,
  mergeRollups,
  monthOfPeriod,
  nonZero,
  periodMonths,
  rollupDelta,
  type Rollups,
  totalsAsOf,
} from './summary-rollup.ts';

const label = (n: number) => n.toString(16).padStart(32, '0');
const province = label(1);
const communeA = label(2);
const communeB = label(3);
const cell = label(9);
const pathA = `${province}.${communeA}.${cell}`;
const pathB = `${province}.${communeB}.${cell}`;
const id = (l: string) =>
  `${l.slice(0, 8)}-${l.slice(8, 12)}-${l.slice(12, 16)}-${l.slice(16, 20)}-${l.slice(20)}`;

const summariesArb: fc.Arbitrary<CellYearSummaries> = fc.record({
  months: fc.uniqueArray(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
      path: fc.constantFrom(pathA, pathB),
      applicable: fc.boolean(),
      judged_from: fc.option(fc.constantFrom('2026-02-01', '2026-05-11', '2026-12-01'), { nil: null }),
      held: fc.integer({ min: 0, max: 3 }),
    }),
    { selector: (r) => r.month },
  ),
  facts: fc.array(
    fc.record({
      period: fc.constantFrom('2026-01', '2026-03', '2026-Q2', '2026-11'),
      code: fc.constantFrom('no_meeting', 'finalised_late', 'no_thematic_in_quarter'),
      due: fc.constantFrom('0001-01-01', '2026-04-01', '2026-07-09'),
      path: fc.constantFrom(pathA, pathB),
    }),
    { maxLength: 8 },
  ),
  ratings: fc.array(
    fc.record({
      month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
      path: fc.constantFrom(pathA, pathB),
      self_percent: fc.option(
        fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
        { nil: null },
      ),
      self_rating: fc.option(fc.constantFrom('good', 'fair', 'average', 'poor'), { nil: null }),
      outside_percent: fc.option(
        fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
        { nil: null },
      ),
      outside_rating: fc.option(fc.constantFrom('good', 'fair', 'average', 'poor'), { nil: null }),
    }),
    { maxLength: 4 },
  ),
});

const apply = (into: Rollups, rows: ReturnType<typeof rollupDelta>) => {
  for (const r of rows) {
    const key = `${r.organizationId}|${r.month}|${r.measure}|${r.countsFrom}`;
    const had = into.get(key);
    if (had) had.n += r.n;
    else into.set(key, { ...r });
  }
  return into;
};

describe('summary rollups', () => {
  it('a change adds exactly the difference between before and after', () => {
    fc.assert(
      fc.property(summariesArb, summariesArb, (before, after) => {
        const kept = apply(addContributions(new Map(), before), rollupDelta(before, after));
        expect(nonZero(kept.values())).toEqual(nonZero(addContributions(new Map(), after).values()));
        expect(rollupDelta(after, after)).toEqual([]);
      }),
    );
  });

  it('two changes merged add what the one change from first to last adds', () => {
    fc.assert(
      fc.property(summariesArb, summariesArb, summariesArb, (a, b, c) => {
        expect(mergeRollups([...rollupDelta(a, b), ...rollupDelta(b, c)])).toEqual(rollupDelta(a, c));
      }),
    );
  });

  it('counts each row toward the proper ancestors of its own path, not the cell, and a cell’s own totals apart', () => {
    const s: CellYearSummaries = {
      months: [
        { month: '2026-03', path: pathA, applicable: true, judged_from: '2026-04-04', held: 1 },
        { month: '2026-09', path: pathB, applicable: true, judged_from: '2026-10-04', held: 0 },
      ],
      facts: [{ period: '2026-09', code: 'no_meeting', due: '2026-10-04', path: pathB }],
      ratings: [
        {
          month: '2026-03',
          path: pathA,
          self_percent: 91.5,
          self_rating: 'good',
          outside_percent: 80.25,
          outside_rating: 'fair',
        },
      ],
    };
    const rows = nonZero(addContributions(new Map(), s).values());
    const of = (l: string) => rows.filter((r) => r.organizationId === id(l));
    expect(of(cell)).toEqual([]);
    expect(totalsAsOf(of(communeA), '2026-12-31')).toEqual({
      held: 1,
      judged: 1,
      'self:good': 1,
      'outside:fair': 1,
      gap_hundredths: 1125,
      pairs: 1,
    });
    // September happened under commune B: its missed month counts there, and only once it is due.
    expect(totalsAsOf(of(communeB), '2026-10-03')).toEqual({});
    expect(totalsAsOf(of(communeB), '2026-10-04')).toEqual({ judged: 1, 'finding:no_meeting': 1 });
    expect(totalsAsOf(of(province), '2026-12-31')['judged']).toBe(2);
    const own = nonZero(addContributions(new Map(), s, true).values());
    expect(new Set(own.map((r) => r.organizationId))).toEqual(new Set([id(cell)]));
    expect(own.find((r) => r.measure === 'held')).toMatchObject({ countsFrom: atOnce, n: 1 });
  });

  it('names the months of a period', () => {
    expect(monthOfPeriod('2026-Q3')).toBe('2026-07');
    expect(monthOfPeriod('2026-05')).toBe('2026-05');
    expect(periodMonths({ kind: 'month', month: '2026-05' })).toEqual({ from: '2026-05', to: '2026-05' });
    expect(periodMonths({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual({
      from: '2026-10',
      to: '2026-12',
    });
    expect(periodMonths({ kind: 'half', year: 2026, half: 2 })).toEqual({ from: '2026-07', to: '2026-12' });
    expect(periodMonths({ kind: 'year', year: 2027 })).toEqual({ from: '2027-01', to: '2027-12' });
    expect(periodMonths({ kind: 'range', from: '2025-11', to: '2026-02' })).toEqual({
      from: '2025-11',
      to: '2026-02',
    });
  });
});
