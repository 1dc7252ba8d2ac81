// Read summaries kept current by the writes (issue 10.3). A cell's summaries of a year are computed from its
// recorded facts with the same domain rules the pages use (src/domain/compliance.ts, the scoring framework's
// bands) and written whole, in the transaction of the write that changed those facts: a meeting's write, a
// scorecard, a re-scoring, a rule-set assignment, a new organisation or a reorganisation. Findings carry the day
// from which they count (`datedComplianceFindings`), so time passing needs no write; every row carries the path
// its cell had on the fact's date, so a fact counts toward the ancestors of that date (ADR 003). What a write
// changes in a cell's summaries is added to its ancestors' rollups by month (rollups.service.ts, migration 0016),
// and the coming year's rows are made ahead of time by a daily job (`ensureComingYear`).
import { datedComplianceFindings, monthApplicable, monthJudgedFrom } from '../../../domain/compliance.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { RuleSet } from '../../../domain/meeting-rules.ts';
import { ratingForPercent, monthScorecards } from '../../../domain/scorecard.ts';
import type { Rating } from '../../../domain/scoring-schema.ts';
import { pathLabel } from '../../../domain/tree.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { factsOf, pad, periodsOf, yearCompliance } from '../plan/year-compliance.ts';
import { ruleSetResolver } from '../rule-sets/rule-sets.service.ts';
import { allFrameworks } from '../scoring/frameworks.service.ts';
import { mergeRollups, rollupDelta, type RollupRow } from '../../../domain/summary-rollup.ts';
import { rebuildRollups } from './rollups.service.ts';
import { rebuildMembers, rebuildMembersIfNeverBuilt } from './member-summaries.service.ts';
import * as repo from './summaries.repository.ts';
import { rebuildFourGood } from '../evaluation/four-good-summary.ts';
import type { ComplianceFactRow, ComplianceMonthRow, RatingMonthRow } from './summaries.repository.ts';

const cellKinds = new Set(['cell', 'grassroots_cell']);
const round2 = (n: number) => Math.round(n * 100) / 100;
const heldStatuses = new Set(['held', 'adopted']);

/** The earliest year summaries are kept for (the ratings and compliance pages ask for none earlier). */
const firstYear = 2015;

type Frameworks = Awaited<ReturnType<typeof allFrameworks>>;

/** The summaries of one cell and year, computed from scratch. */
async function computeYear(
  q: Queryable,
  cell: repo.CellRow,
  year: number,
  ctx: {
    pathOn: (date: string) => string;
    resolve: (date: string) => RuleSet | null;
    frameworks: Frameworks;
  },
) {
  const rows = await repo.listMeetingFacts(q, cell.id, year);
  const periods = periodsOf(cell);
  const months: ComplianceMonthRow[] = [];
  let from: string | null = null;
  for (let mm = 1; mm <= 12; mm++) {
    const month = `${year}-${pad(mm)}`;
    const ruleSet = ctx.resolve(`${month}-01`);
    if (ruleSet && from === null) from = month;
    const applicable = monthApplicable(month, periods);
    const rs = ruleSet ?? (from ? ctx.resolve(`${from}-01`) : null);
    months.push({
      month,
      path: ctx.pathOn(`${month}-01`),
      applicable,
      judged_from: from !== null && applicable && rs ? monthJudgedFrom(month, rs) : null,
      held: rows.filter((r) => r.for_month === month && heldStatuses.has(r.status)).length,
    });
  }
  const facts: ComplianceFactRow[] = [];
  if (from !== null) {
    const start = from;
    const meetings = rows.map(factsOf);
    const byId = new Map(meetings.map((m) => [m.id, m]));
    const dated = datedComplianceFindings({
      meetings,
      from: start,
      to: `${year}-12`,
      ruleSetFor: (d) => ctx.resolve(d) ?? ctx.resolve(`${start}-01`)!,
      periods,
    });
    for (const f of dated) {
      const m = f.meetingId ? byId.get(f.meetingId) : undefined;
      // A meeting's findings count once its month is in the year so far (the pages judge up to this month).
      const monthStart = m ? `${m.forMonth}-01` : '';
      const date = m ? m.date : /Q/.test(f.period) ? quarterStart(f.period) : `${f.period}-01`;
      facts.push({
        period: f.period,
        code: f.code,
        meeting_id: f.meetingId,
        due: f.due > monthStart ? f.due : monthStart,
        path: ctx.pathOn(date),
      });
    }
  }
  return { months, facts, ratings: ratingsOf(await repo.listSubmittedRegularScores(q, cell.id, year), ctx) };
}

const quarterStart = (period: string) => `${period.slice(0, 4)}-${pad(Number(period.slice(6)) * 3 - 2)}-01`;

/** Per month: the self-score and the mean outside score of the cell's regular meetings (as the ratings page). */
function ratingsOf(
  cards: repo.ScoreRow[],
  ctx: { pathOn: (date: string) => string; frameworks: Frameworks },
): RatingMonthRow[] {
  const bandsOf = (percent: number, r: { framework_id: string; framework_version: number }): Rating => {
    const f =
      ctx.frameworks.find((x) => x.id === r.framework_id && x.version === r.framework_version) ??
      ctx.frameworks.find((x) => x.id === r.framework_id)!;
    return ratingForPercent(f, percent);
  };
  const months = [...new Set(cards.map((c) => c.for_month))].sort();
  return months.map((month) => {
    const inMonth = cards.filter((r) => r.for_month === month);
    const { self, outside, outsidePercent } = monthScorecards(inMonth);
    return {
      month,
      path: ctx.pathOn(`${month}-01`),
      self_percent: self ? round2(self.percent) : null,
      self_rating: self ? (self.rating ?? bandsOf(self.percent, self)) : null,
      outside_percent: outsidePercent !== null ? round2(outsidePercent) : null,
      outside_rating: outsidePercent !== null ? bandsOf(outsidePercent, outside[0]!) : null,
      outside_count: outside.length,
    };
  });
}

/** What a cell's summaries are computed with: its path on any date, its rule sets and the frameworks. */
async function contextOf(q: Queryable, cell: repo.CellRow, frameworks?: Frameworks) {
  const periods = await repo.listPaths(q, cell.id);
  const current = periods[periods.length - 1]!.path;
  const pathOn = (date: string) =>
    (
      periods.find((p) => p.valid_from <= date && (p.valid_to === null || p.valid_to > date)) ??
      (date < periods[0]!.valid_from ? periods[0]! : periods[periods.length - 1]!)
    ).path;
  return {
    pathOn,
    // A cell is judged by the rule sets of its chain as it stands now (as the year plan does).
    resolve: await ruleSetResolver(q, current),
    frameworks: frameworks ?? (await allFrameworks(q)),
  };
}

/**
 * The years a cell keeps summaries for: those with meetings or scorecards, and every year it existed under a
 * rule set up to next year (so the months of this year and next are judged as time passes, without a write).
 */
function yearsOf(
  cell: repo.CellRow,
  activity: number[],
  resolve: (d: string) => RuleSet | null,
  today = todayIso(),
) {
  const years = new Set(activity.filter((y) => y >= firstYear));
  const last = Number(today.slice(0, 4)) + 1;
  const begin = Math.max(firstYear, Number(cell.valid_from.slice(0, 4)));
  const end = Math.min(last, cell.valid_to ? Number(cell.valid_to.slice(0, 4)) : last);
  for (let y = begin; y <= end; y++) {
    if (resolve(`${y}-12-01`)) years.add(y);
  }
  return [...years].sort();
}

/** Recomputes a cell's summaries (given years or all it keeps); the rollups' difference, unless not asked. */
async function recompute(
  q: Queryable,
  cellId: string,
  years: number[] | undefined,
  frameworks: Frameworks | undefined,
  keepRollups: boolean,
): Promise<RollupRow[]> {
  const cell = await repo.findOrganization(q, cellId);
  if (!cell || !cellKinds.has(cell.kind)) return [];
  const ctx = await contextOf(q, cell, frameworks);
  const wanted =
    years ??
    [
      ...new Set([
        ...yearsOf(cell, await repo.listActivityYears(q, cell.id), ctx.resolve),
        ...(await repo.listKeptYears(q, cell.id)),
      ]),
    ].sort();
  const delta: RollupRow[] = [];
  for (const year of new Set(wanted)) {
    const before = keepRollups ? await repo.readYear(q, cell.id, year) : null;
    const after = await computeYear(q, cell, year, ctx);
    await repo.replaceYear(q, { id: cell.id, provinceId: cell.province_id }, year, after);
    if (before) delta.push(...rollupDelta(before, after));
  }
  return delta;
}

/**
 * Recomputes cells' summaries (of the given years, or of all each keeps) inside the caller's transaction, and adds
 * the difference to their ancestors' rollups. Not a cell: nothing to keep. Locks are taken in one order in every
 * write, so concurrent writes wait rather than deadlock: the cells by id first (two writes of one cell at once
 * would each add their difference from the same "before"), then the rollup rows, all in one statement in key order.
 */
export async function refreshCells(
  q: Queryable,
  cells: ReadonlyArray<{ id: string; years?: number[] }>,
  frameworks?: Frameworks,
) {
  const sorted = [...cells].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of sorted) await repo.lockCell(q, c.id);
  const deltas: RollupRow[] = [];
  for (const c of sorted) deltas.push(...(await recompute(q, c.id, c.years, frameworks, true)));
  await repo.addToRollups(q, mergeRollups(deltas));
}

/** One cell's summaries, as `refreshCells`. */
export async function refreshCell(q: Queryable, cellId: string, years?: number[], frameworks?: Frameworks) {
  await refreshCells(q, [{ id: cellId, years }], frameworks);
}

/** After a change to the tree or rule sets at organisations: every cell ever under any of them, all years kept. */
export async function refreshUnder(q: Queryable, organizationIds: Iterable<string>) {
  const frameworks = await allFrameworks(q);
  const cells = new Set<string>();
  for (const id of organizationIds) {
    for (const cell of await repo.listCellsEverUnder(q, pathLabel(id))) cells.add(cell);
  }
  await refreshCells(
    q,
    [...cells].map((id) => ({ id })),
    frameworks,
  );
}

/** The year of a 'YYYY-MM' month. */
export const yearOfMonth = (month: string) => Number(month.slice(0, 4));

/** Recomputes every cell's summaries (after loading data outside the services: demo data, a restore). */
export async function rebuildAll(db: Database, onProgress?: (done: number, total: number) => void) {
  const ids = await repo.listAllCells(db);
  const frameworks = await allFrameworks(db);
  for (let i = 0; i < ids.length; i += 50) {
    await db.transaction(async (tx) => {
      for (const id of ids.slice(i, i + 50)) await recompute(tx, id, undefined, frameworks, false);
    });
    onProgress?.(Math.min(i + 50, ids.length), ids.length);
  }
  const { members } = await rebuildMembers(db);
  // The evaluation's "bốn tốt" judgements (src/server/features/evaluation/four-good-summary.ts).
  await rebuildFourGood(db);
  await repo.markRebuilt(db);
  await rebuildRollups(db);
  return { cells: ids.length, members };
}

/**
 * The new year: every cell that exists in the year after `today`'s and has a rule set for it gets that year's
 * summary rows ahead of time (months judged by the rule sets in force on their dates), so on 1 January its months
 * are there and each counts as missed once due, with no write. The current year too, when a server that was
 * stopped all of the last year missed it. Idempotent: cells that have the year's rows are skipped, and once done
 * the year is marked, so the daily run and each start-up cost one read.
 */
export async function ensureComingYear(db: Database, today = todayIso()) {
  const current = Number(today.slice(0, 4));
  const ready = (await repo.rebuildState(db)).yearsReadyThrough;
  let cells = 0;
  for (let year = Math.max(current, (ready ?? 0) + 1); year <= current + 1; year++) {
    cells += await createYear(db, year, today);
    await repo.markYearsReadyThrough(db, year);
  }
  return { year: current + 1, cells };
}

/** Creates a year's summary rows for the cells that should keep them and do not yet; how many it created. */
async function createYear(db: Database, year: number, today: string) {
  const frameworks = await allFrameworks(db);
  let after: string | null = null;
  let cells = 0;
  for (;;) {
    const ids = await repo.listCellsWithoutYear(db, year, after, 100);
    if (ids.length === 0) return cells;
    await db.transaction(async (tx) => {
      const wanted: string[] = [];
      for (const id of ids) {
        const cell = await repo.findOrganization(tx, id);
        if (!cell) continue;
        const ctx = await contextOf(tx, cell, frameworks);
        if (yearsOf(cell, [], ctx.resolve, today).includes(year)) wanted.push(id);
      }
      await refreshCells(
        tx,
        wanted.map((id) => ({ id, years: [year] })),
        frameworks,
      );
      cells += wanted.length;
    });
    after = ids[ids.length - 1]!;
  }
}

/**
 * Computes the summaries once on a database that has never had them (upgraded to migration 0012; the member
 * summaries: to 0014).
 */
export async function rebuildIfNeverBuilt(db: Database) {
  if (!(await repo.wasRebuilt(db))) return rebuildAll(db);
  return rebuildMembersIfNeverBuilt(db);
}

/** Computes the rollups once on a database whose summaries were built before them (upgraded to migration 0016). */
export async function rebuildRollupsIfNeverBuilt(db: Database) {
  return (await repo.rebuildState(db)).rollupsBuilt ? null : rebuildRollups(db);
}

export interface SummaryMismatch {
  organizationId: string;
  year: number;
  kept: unknown;
  computed: unknown;
}

/**
 * Recomputes every cell's summaries from scratch and compares them with those kept: the differences (none when
 * the writes kept them current). Reads only.
 */
export async function checkAll(
  q: Queryable,
): Promise<{ cells: number; years: number; mismatches: SummaryMismatch[] }> {
  const frameworks = await allFrameworks(q);
  const mismatches: SummaryMismatch[] = [];
  let years = 0;
  const ids = await repo.listAllCells(q);
  for (const id of ids) {
    const cell = (await repo.findOrganization(q, id))!;
    const ctx = await contextOf(q, cell, frameworks);
    const kept = await repo.listKeptYears(q, id);
    const expected = yearsOf(cell, await repo.listActivityYears(q, id), ctx.resolve);
    for (const year of new Set([...kept, ...expected])) {
      years++;
      const computed = normalise(await computeYear(q, cell, year, ctx));
      const stored = normalise(await repo.readYear(q, id, year));
      if (JSON.stringify(computed) !== JSON.stringify(stored)) {
        mismatches.push({ organizationId: id, year, kept: stored, computed });
      }
    }
  }
  return { cells: ids.length, years, mismatches };
}

/**
 * The compliance page's row of every cell now (read from the summaries, as of today) against the same numbers
 * computed from scratch from the recorded meetings (as the pages did before the summaries): the differences.
 */
export async function checkReads(q: Queryable, year: number) {
  const differences: Array<{ organizationId: string; fromSummaries: unknown; fromScratch: unknown }> = [];
  let cells = 0;
  for (const root of await repo.listRootPaths(q)) {
    const all = await repo.listCellsUnder(q, root);
    cells += all.length;
    for (let i = 0; i < all.length; i += 200) {
      const page = all.slice(i, i + 200);
      const read = await complianceOfCells(q, page, year);
      for (const [k, c] of page.entries()) {
        const resolve = await ruleSetResolver(q, c.path);
        const rows = await repo.listMeetingFacts(q, c.id, year);
        const { findings, judged, notApplicable } = yearCompliance(rows, year, resolve, periodsOf(c));
        const missed = new Set(findings.filter((f) => f.code === 'no_meeting').map((f) => f.period));
        const byCode: Record<string, number> = {};
        for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
        const fromScratch = {
          id: c.id,
          name: c.name,
          held: rows.filter((m) => heldStatuses.has(m.status)).length,
          findings: findings.length,
          byCode,
          monthsJudged: judged.length,
          monthsWithMeeting: judged.filter((m) => !missed.has(m)).length,
          monthsNotApplicable: notApplicable.length,
        };
        const fromSummaries = read[k]!;
        const sorted = (o: typeof fromScratch) =>
          JSON.stringify({ ...o, byCode: Object.entries(o.byCode).sort() });
        if (sorted(fromSummaries) !== sorted(fromScratch)) {
          differences.push({ organizationId: c.id, fromSummaries, fromScratch });
        }
      }
    }
  }
  return { cells, differences };
}

/** Rows in one order with numbers as numbers, so kept and computed summaries compare as text. */
function normalise(s: {
  months: ComplianceMonthRow[];
  facts: ComplianceFactRow[];
  ratings: RatingMonthRow[];
}) {
  const key = (f: ComplianceFactRow) => `${f.period}|${f.code}|${f.meeting_id ?? ''}|${f.due}|${f.path}`;
  return {
    months: [...s.months]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((m) => ({ ...m, held: Number(m.held) })),
    facts: [...s.facts].sort((a, b) => key(a).localeCompare(key(b))),
    ratings: [...s.ratings]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((r) => ({
        ...r,
        self_percent: r.self_percent === null ? null : Number(r.self_percent),
        outside_percent: r.outside_percent === null ? null : Number(r.outside_percent),
        outside_count: Number(r.outside_count),
      })),
  };
}

export {
  checkRollups,
  complianceTotals,
  periodTotals,
  ratingTotals,
  rebuildRollups,
} from './rollups.service.ts';
export { totalsByMonth } from './rollups.service.ts';

// ---- reads ------------------------------------------------------------------------------------------------

/** The opaque position after a row of a list ordered by name then id. */
export function cursorAfter(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');
}

export function positionOf(cursor: string | null): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id))
      return { name, id };
  } catch {
    // not one of ours: start over
  }
  return null;
}

export interface Page {
  limit: number;
  cursor: string | null;
}

/** One page of a subtree's cells as it stands now (keyset by name), its next cursor and the subtree's count. */
export async function cellsPage(q: Queryable, path: string, page: Page) {
  const rows = await repo.listCellsPage(q, path, positionOf(page.cursor), page.limit + 1);
  const cells = rows.slice(0, page.limit);
  return {
    cells,
    nextCursor: rows.length > page.limit ? cursorAfter(cells[cells.length - 1]!) : null,
    cellCount: await repo.countCells(q, path),
  };
}

/** Compliance per cell of a page over a year as of today, from the summaries. */
export async function complianceOfCells(q: Queryable, cells: repo.PagedCellRow[], year: number) {
  const today = todayIso();
  const { months, facts } = await repo.complianceOfCells(
    q,
    cells.map((c) => c.id),
    year,
    today,
  );
  const monthsOf = new Map(months.map((m) => [m.organization_id, m]));
  return cells.map((c) => {
    const byCode: Record<string, number> = {};
    for (const f of facts) if (f.organization_id === c.id) byCode[f.code] = f.n;
    const m = monthsOf.get(c.id);
    const judged = m?.judged ?? 0;
    return {
      id: c.id,
      name: c.name,
      held: m?.held ?? 0,
      findings: Object.values(byCode).reduce((a, b) => a + b, 0),
      byCode,
      monthsJudged: judged,
      monthsWithMeeting: judged - (byCode.no_meeting ?? 0),
      // A year the cell keeps no summary of has no rule set and no meeting: only its existence decides.
      monthsNotApplicable: m
        ? m.not_applicable
        : Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`).filter(
            (month) => !monthApplicable(month, periodsOf(c)),
          ).length,
    };
  });
}
