// Summary rollups by organisation and month (issue 10.3, migration 0016): each cell's summary rows added up per
// ancestor organisation of the row's date (src/domain/summary-rollup.ts), kept by the writes through the
// difference `refreshCell` adds, rebuilt and checked from the cells' kept summaries, and read for the totals of
// any organisation over any period as of a day: a sum over a few rows of that organisation, not over its cells.
import { todayIso } from '../../../domain/dates.ts';
import {
  addContributions,
  atOnce,
  measure,
  monthOfPeriod,
  nonZero,
  type Period,
  periodMonths,
  type RollupRow,
  type Rollups,
} from '../../../domain/summary-rollup.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import * as repo from './summaries.repository.ts';

const cellKinds = new Set(['cell', 'grassroots_cell']);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The rollups computed from every cell's kept summaries, a batch of cells at a time. */
async function computeRollups(q: Queryable) {
  const into: Rollups = new Map();
  let after: string | null = null;
  for (;;) {
    const ids = await repo.listCellsAfter(q, after, 500);
    if (ids.length === 0) break;
    addContributions(into, await repo.readCells(q, ids));
    after = ids[ids.length - 1]!;
  }
  return into;
}

/** Recomputes every rollup from the cells' kept summaries, in one transaction. */
export async function rebuildRollups(db: Database) {
  const rows = nonZero((await computeRollups(db)).values());
  await db.transaction(async (tx) => {
    await repo.replaceRollups(tx, rows);
    await repo.markRollupsBuilt(tx);
  });
  return { rows: rows.length };
}

/**
 * Compares the kept rollups with those recomputed from the cells' kept summaries (which `checkAll` compares with
 * the recorded facts): the rows that differ. Reads only.
 */
export async function checkRollups(q: Queryable) {
  const computed = nonZero((await computeRollups(q)).values());
  const kept = nonZero(await repo.listRollups(q));
  const key = (r: RollupRow) => `${r.organizationId}|${r.month}|${r.measure}|${r.countsFrom}`;
  const keptBy = new Map(kept.map((r) => [key(r), r.n]));
  const computedBy = new Map(computed.map((r) => [key(r), r.n]));
  const differences: Array<{ key: string; kept: number; computed: number }> = [];
  for (const k of new Set([...keptBy.keys(), ...computedBy.keys()])) {
    const a = keptBy.get(k) ?? 0;
    const b = computedBy.get(k) ?? 0;
    if (a !== b) differences.push({ key: k, kept: a, computed: b });
  }
  return { rows: computed.length, differences };
}

/** An organisation by id, or with its kind when the caller has read it already (one query less). */
export type Organization = string | { id: string; kind: string };

/**
 * An organisation's totals per month over a period, as of a day: for a committee, the sum of its rollup rows
 * (each fact counted toward the ancestors its cell had on the fact's date); for a cell, its own summaries.
 */
export async function totalsByMonth(
  q: Queryable,
  organization: Organization,
  period: Period,
  today = todayIso(),
): Promise<Map<string, Record<string, number>>> {
  const { from, to } = periodMonths(period);
  const org = typeof organization === 'string' ? await repo.findOrganization(q, organization) : organization;
  const organizationId = typeof organization === 'string' ? organization : organization.id;
  const rows: Array<{ month: string; measure: string; n: number }> = [];
  if (org && cellKinds.has(org.kind)) {
    const s = await repo.readCells(q, [org.id]);
    const inPeriod = <T extends { month: string }>(xs: T[]) =>
      xs.filter((r) => r.month >= from && r.month <= to);
    const own = addContributions(
      new Map(),
      {
        months: inPeriod(s.months),
        facts: s.facts.filter((f) => monthOfPeriod(f.period) >= from && monthOfPeriod(f.period) <= to),
        ratings: inPeriod(s.ratings),
      },
      true,
    );
    for (const r of own.values()) if (r.countsFrom === atOnce || r.countsFrom <= today) rows.push(r);
  } else {
    rows.push(...(await repo.rollupsOf(q, organizationId, from, to, today)));
  }
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.month) ?? {};
    m[r.measure] = (m[r.measure] ?? 0) + Number(r.n);
    out.set(r.month, m);
  }
  return out;
}

/** An organisation's totals over a period as of a day, by measure. */
export async function periodTotals(
  q: Queryable,
  organization: Organization,
  period: Period,
  today = todayIso(),
) {
  const out: Record<string, number> = {};
  for (const m of (await totalsByMonth(q, organization, period, today)).values()) {
    for (const [k, n] of Object.entries(m)) out[k] = (out[k] ?? 0) + n;
  }
  return out;
}

/** A subtree's compliance totals over a year as of today: each fact toward the ancestors of its date. */
export async function complianceTotals(
  q: Queryable,
  organization: Organization,
  year: number,
  today = todayIso(),
) {
  const t = await periodTotals(q, organization, { kind: 'year', year }, today);
  const totals: Record<string, number> = {};
  for (const [k, n] of Object.entries(t)) {
    if (k.startsWith('finding:') && n !== 0) totals[k.slice('finding:'.length)] = n;
  }
  const judged = t[measure.judged] ?? 0;
  return {
    totals,
    sums: {
      held: t[measure.held] ?? 0,
      monthsJudged: judged,
      monthsWithMeeting: judged - (totals.no_meeting ?? 0),
      findings: Object.values(totals).reduce((a, b) => a + b, 0),
    },
  };
}

/** A subtree's ratings by month over the months given: cells per self rating and the mean self-minus-outside gap. */
export async function ratingTotals(q: Queryable, organization: Organization, year: number, months: string[]) {
  const byMonth = await totalsByMonth(q, organization, { kind: 'year', year });
  return {
    distribution: months.map((month) => {
      const r = byMonth.get(month) ?? {};
      const n = (rating: string) => r[measure.self(rating)] ?? 0;
      return { month, good: n('good'), fair: n('fair'), average: n('average'), poor: n('poor') };
    }),
    gapByMonth: months.map((month) => {
      const r = byMonth.get(month) ?? {};
      const pairs = r[measure.pairs] ?? 0;
      const gap = (r[measure.gapHundredths] ?? 0) / 100;
      return { month, meanGap: pairs ? round2(gap / pairs) : null, pairs };
    }),
  };
}
