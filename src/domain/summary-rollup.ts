// Summary rollups (issue 10.3): what one cell's summary rows of a year add to the totals of its ancestor
// organisations, per month and measure. Each row counts toward the ancestors in its own path (the path its cell had
// on the fact's date), and a count that only counts from a day (a month judged once its time is over, a finding
// once due) carries that day, so a total as of any day is a sum of rows, with no write as time passes.
import { labelToId } from './tree.ts';

/** The day of a count that counts at once. */
export const atOnce = '-infinity';

export const ratings = ['good', 'fair', 'average', 'poor'] as const;

/** The measures kept: month counts, findings by code, ratings of self and outside scores, self-minus-outside gaps. */
export const measure = {
  held: 'held',
  judged: 'judged',
  notApplicable: 'not_applicable',
  finding: (code: string) => `finding:${code}`,
  self: (rating: string) => `self:${rating}`,
  outside: (rating: string) => `outside:${rating}`,
  /** Sum of the self-minus-outside gaps of the months with both scores, in hundredths of a percent point. */
  gapHundredths: 'gap_hundredths',
  pairs: 'pairs',
} as const;

/** The summary rows of one cell and year, as kept (migration 0012). */
export interface CellYearSummaries {
  months: ReadonlyArray<{
    month: string;
    path: string;
    applicable: boolean;
    judged_from: string | null;
    held: number;
  }>;
  facts: ReadonlyArray<{ period: string; code: string; due: string; path: string }>;
  ratings: ReadonlyArray<{
    month: string;
    path: string;
    self_percent: number | null;
    self_rating: string | null;
    outside_percent: number | null;
    outside_rating: string | null;
  }>;
}

export interface RollupRow {
  organizationId: string;
  month: string;
  measure: string;
  countsFrom: string;
  n: number;
}

/** The month a finding belongs to: its own, or the first month of its quarter ('YYYY-Qn'). */
export function monthOfPeriod(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  return q ? `${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}` : period;
}

const keyOf = (r: Omit<RollupRow, 'n'>) => `${r.organizationId}|${r.month}|${r.measure}|${r.countsFrom}`;

/** Rollup rows keyed by organisation, month, measure and day, so several cells' rows add up. */
export type Rollups = Map<string, RollupRow>;

function add(into: Rollups, row: RollupRow) {
  if (row.n === 0) return;
  const key = keyOf(row);
  const had = into.get(key);
  if (had) had.n += row.n;
  else into.set(key, { ...row });
}

/**
 * Adds what a cell's summaries of a year give its ancestors (the proper ancestors in each row's path) to `into`;
 * with `cellItself`, they are counted toward the cell alone instead (a cell's own totals).
 */
export function addContributions(into: Rollups, s: CellYearSummaries, cellItself = false) {
  const toward = (path: string) => {
    const labels = path.split('.');
    return cellItself ? labels.slice(-1) : labels.slice(0, -1);
  };
  const put = (path: string, month: string, m: string, countsFrom: string, n: number) => {
    for (const label of toward(path)) {
      add(into, { organizationId: labelToId(label), month, measure: m, countsFrom, n });
    }
  };
  for (const r of s.months) {
    put(r.path, r.month, measure.held, atOnce, Number(r.held));
    if (r.judged_from !== null) put(r.path, r.month, measure.judged, r.judged_from, 1);
    if (!r.applicable) put(r.path, r.month, measure.notApplicable, atOnce, 1);
  }
  for (const f of s.facts) put(f.path, monthOfPeriod(f.period), measure.finding(f.code), f.due, 1);
  for (const r of s.ratings) {
    if (r.self_rating) put(r.path, r.month, measure.self(r.self_rating), atOnce, 1);
    if (r.outside_rating) put(r.path, r.month, measure.outside(r.outside_rating), atOnce, 1);
    if (r.self_percent !== null && r.outside_percent !== null) {
      const gap = Math.round((Number(r.self_percent) - Number(r.outside_percent)) * 100);
      put(r.path, r.month, measure.gapHundredths, atOnce, gap);
      put(r.path, r.month, measure.pairs, atOnce, 1);
    }
  }
  return into;
}

/**
 * What changes in the rollups when a cell's summaries of a year go from `before` to `after`: only the rows whose
 * count changes, in key order (so concurrent writes lock shared rows in one order).
 */
export function rollupDelta(before: CellYearSummaries, after: CellYearSummaries): RollupRow[] {
  const was = addContributions(new Map(), before);
  const now = addContributions(new Map(), after);
  const out: RollupRow[] = [];
  for (const [key, r] of now) {
    const n = r.n - (was.get(key)?.n ?? 0);
    if (n !== 0) out.push({ ...r, n });
  }
  for (const [key, r] of was) if (!now.has(key)) out.push({ ...r, n: -r.n });
  return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** Several changes as one: summed by key, without those that add nothing, in key order. */
export function mergeRollups(rows: Iterable<RollupRow>): RollupRow[] {
  const into: Rollups = new Map();
  for (const r of rows) {
    const key = keyOf(r);
    const had = into.get(key);
    if (had) had.n += r.n;
    else into.set(key, { ...r });
  }
  return nonZero(into.values());
}

/** Rollup rows without those that add nothing, in key order (to compare kept with recomputed). */
export function nonZero(rows: Iterable<RollupRow>): RollupRow[] {
  return [...rows]
    .filter((r) => r.n !== 0)
    .map((r) => ({ ...r, n: Number(r.n) }))
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

export type Period =
  | { kind: 'month'; month: string }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'year'; year: number }
  /** The months from `from` to `to` ('YYYY-MM', both included): the rollups are by month. */
  | { kind: 'range'; from: string; to: string };

const mm = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The first and last month of a period. */
export function periodMonths(p: Period): { from: string; to: string } {
  switch (p.kind) {
    case 'month':
      return { from: p.month, to: p.month };
    case 'quarter':
      return { from: mm(p.year, p.quarter * 3 - 2), to: mm(p.year, p.quarter * 3) };
    case 'half':
      return { from: mm(p.year, p.half * 6 - 5), to: mm(p.year, p.half * 6) };
    case 'year':
      return { from: mm(p.year, 1), to: mm(p.year, 12) };
    case 'range':
      return { from: p.from, to: p.to };
  }
}

/** The totals by measure of rollup rows as of a day: those counting from that day or before. */
export function totalsAsOf(rows: Iterable<RollupRow>, today: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (r.countsFrom !== atOnce && r.countsFrom > today) continue;
    out[r.measure] = (out[r.measure] ?? 0) + Number(r.n);
  }
  return out;
}
