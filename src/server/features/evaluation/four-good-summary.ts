// "Bốn tốt" kept current by the writes (issue 10.3, migration 0015). For each cell and grassroots organisation, each
// year and period (the 6-month review as of 30/6, the year-end list), the domain's `fourGood` judgement computed
// from the recorded facts (monthly ratings, meetings held, discipline, the organisation's and members' levels,
// entries) and written whole in the transaction of the write that changed them. The only thing time changes is how
// many months are due (a month is due from its last day), so a year keeps one row per stretch of days over which
// the judgement stays the same: the province's share is then a count, and a page reads one row per organisation.
// A judgement carries the organisation's path on the period's as-of date (ADR 003).
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import { todayIso } from '../../../domain/dates.ts';
import { fourGoodKinds } from '../../../domain/evaluation-actions.ts';
import type { EvaluationLevel } from '../../../domain/evaluation-rules.ts';
import {
  defaultFourGoodRules,
  fourGood,
  type FourGoodCriterion,
  fourGoodCriteria,
  fourGoodCriterionLabel,
  type FourGoodResult,
  type MonthlyRating,
} from '../../../domain/four-good.ts';
import { isWithin, labelToId, pathLabel } from '../../../domain/tree.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import * as facts from './evaluation-facts.repository.ts';
import { meetingSummary, monthlyRatings, yearEnd, yearStart } from './evaluation-facts.ts';
import * as evaluations from './evaluation.repository.ts';
import * as repo from './four-good-summary.repository.ts';
import type { FourGoodOrgRow, FourGoodResultRow } from './four-good-summary.repository.ts';

export type FourGoodPeriod = 'midyear' | 'year';
export const fourGoodPeriods: readonly FourGoodPeriod[] = ['midyear', 'year'];

/** The day a period is judged as of: 30/6 for the 6-month review, 31/12 for the year-end list. */
export const asOfOf = (year: number, period: FourGoodPeriod) =>
  period === 'midyear' ? `${year}-06-30` : `${year}-12-31`;

/** The last day of a month: from that day the month is due. */
const lastDayOf = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The first year judgements are kept for: the year the four-good rules took effect. */
const firstYear = () => Number(defaultFourGoodRules().effectiveFrom.slice(0, 4));

/** What one organisation's judgements of one year are computed from. */
interface YearFacts {
  org: FourGoodOrgRow;
  ratings: { month: string; rating: MonthlyRating }[];
  meetings: { for_month: string; kind: string }[];
  orgDisciplineOn: string[];
  /** members disciplined by period (their membership and decision within the period) */
  disciplinedMembers: Record<FourGoodPeriod, number>;
  memberLevels: EvaluationLevel[];
  annualLevel: EvaluationLevel | null;
  entered: Partial<Record<FourGoodCriterion, { met: boolean; evidence: string }>>;
  pathOn: (date: string) => string;
}

/** The facts of many organisations' year, read in a few batched queries. */
async function readFacts(q: Queryable, orgs: FourGoodOrgRow[], year: number): Promise<YearFacts[]> {
  if (orgs.length === 0) return [];
  const ids = orgs.map((o) => o.id);
  const paths = orgs.map((o) => o.path);
  // One query at a time: inside a transaction they share one connection.
  const ratings = await monthlyRatings(q, ids, year, 12);
  const meetings = await facts.listHeldMeetings(q, ids, year);
  const orgDiscipline = await facts.listOrganizationDisciplineRows(q, ids, yearStart(year), yearEnd(year));
  const disciplined = {
    midyear: await repo.listDisciplinedMembersUnderAny(q, paths, yearStart(year), asOfOf(year, 'midyear')),
    year: await repo.listDisciplinedMembersUnderAny(q, paths, yearStart(year), asOfOf(year, 'year')),
  };
  const levels = await repo.listMemberLevelsUnderAny(q, year, paths);
  const orgLevels = await evaluations.listOrganizationLevels(q, year, ids);
  const entries = await evaluations.listFourGoodEntries(q, year, ids);
  const periods = await repo.listPeriods(q, ids);
  const membersUnder = (rows: { member_id: string; org_path: string }[], path: string) =>
    new Set(rows.filter((d) => isWithin(d.org_path, path)).map((d) => d.member_id)).size;
  return orgs.map((org) => {
    const mine = periods.filter((p) => p.organization_id === org.id);
    const entered: YearFacts['entered'] = {};
    for (const e of entries.filter((x) => x.organization_id === org.id)) {
      entered[e.criterion] = { met: e.met, evidence: e.evidence };
    }
    return {
      org,
      ratings: ratings.get(org.id) ?? [],
      meetings: meetings.filter((m) => m.organization_id === org.id),
      orgDisciplineOn: orgDiscipline.filter((d) => d.organization_id === org.id).map((d) => d.decided_on),
      disciplinedMembers: {
        midyear: membersUnder(disciplined.midyear, org.path),
        year: membersUnder(disciplined.year, org.path),
      },
      memberLevels: levels.filter((l) => isWithin(l.path, org.path)).map((l) => l.decided_level),
      annualLevel: orgLevels.find((l) => l.organization_id === org.id)?.decided_level ?? null,
      entered,
      pathOn: (date: string) =>
        ([...mine].reverse().find((p) => p.valid_from <= date) ?? mine[0] ?? { path: org.path }).path,
    };
  });
}

const isCell = (kind: OrganizationKind) => kind === 'cell' || kind === 'grassroots_cell';

/** The judgement with `due` months due, as the page shows it. */
function judge(f: YearFacts, year: number, period: FourGoodPeriod, due: number): FourGoodResult {
  const cell = isCell(f.org.kind);
  const asOf = asOfOf(year, period);
  const meetings = meetingSummary(f.meetings, year, due);
  return fourGood(
    {
      orgKind: cell ? 'cell' : 'grassroots',
      // The annual levels exist only at the year's end.
      annualLevel: period === 'year' ? f.annualLevel : null,
      monthlyRatings: f.ratings
        .filter((r) => period === 'year' || r.month <= `${year}-06`)
        .map((r) => r.rating),
      missingMonths: cell ? meetings.missingMonths.length : 0,
      quartersWithoutThematic: cell ? meetings.quartersWithoutThematic : 0,
      disciplinedMembers: f.disciplinedMembers[period],
      disciplineOfOrganisation: f.orgDisciplineOn.some((d) => d <= asOf),
      memberLevels: period === 'year' ? f.memberLevels : [],
      entered: f.entered,
    },
    defaultFourGoodRules(),
  );
}

/** The criteria of a judgement as the page lists them. */
export const criteriaOf = (r: FourGoodResult) =>
  fourGoodCriteria.map((c) => ({ criterion: c, label: fourGoodCriterionLabel[c], ...r.criteria[c] }));

/** A year's judgements of one organisation and period, one row per stretch of days with the same judgement. */
function resultRows(f: YearFacts, year: number, period: FourGoodPeriod): FourGoodResultRow[] {
  const last = period === 'midyear' ? 6 : 12;
  const rows: FourGoodResultRow[] = [];
  let before = '';
  for (let due = 0; due <= last; due++) {
    const result = judge(f, year, period, due);
    const key = JSON.stringify(result);
    const from = due === 0 ? null : lastDayOf(year, due);
    if (key === before) continue;
    if (rows.length > 0) rows[rows.length - 1]!.valid_to = from;
    before = key;
    rows.push({
      organization_id: f.org.id,
      year,
      period,
      valid_from: from,
      valid_to: null,
      path: f.pathOn(asOfOf(year, period)),
      met: result.met,
      political_task: result.criteria.political_task.met,
      meeting_quality: result.criteria.meeting_quality.met,
      unity_discipline: result.criteria.unity_discipline.met,
      cadres_members: result.criteria.cadres_members.met,
      criteria: criteriaOf(result),
    });
  }
  return fromDay(rows, todayIso());
}

/**
 * The stretches that still matter on `day` and after (pages read the judgement of today): those over are dropped
 * and the first left is open at its start, so a past year keeps one row.
 */
function fromDay(rows: FourGoodResultRow[], day: string) {
  const left = rows.filter((r) => r.valid_to === null || r.valid_to > day);
  return left.map((r, i) => (i === 0 ? { ...r, valid_from: null } : r));
}

/** The years an organisation keeps judgements for: those it existed in, from the rules' first, up to next year. */
function yearsOf(org: FourGoodOrgRow) {
  const last = Number(todayIso().slice(0, 4)) + 1;
  const begin = Math.max(firstYear(), Number(org.valid_from.slice(0, 4)));
  const end = Math.min(last, org.valid_to ? Number(org.valid_to.slice(0, 4)) : last);
  const years: number[] = [];
  for (let y = begin; y <= end; y++) years.push(y);
  return years;
}

/** The judgements of the organisations' years, computed from scratch. */
async function compute(q: Queryable, orgs: FourGoodOrgRow[], years?: number[]) {
  const byYear = new Map<number, FourGoodOrgRow[]>();
  for (const o of orgs) {
    const kept = yearsOf(o);
    for (const y of years ? years.filter((x) => kept.includes(x)) : kept) {
      byYear.set(y, [...(byYear.get(y) ?? []), o]);
    }
  }
  const keys: { organizationId: string; year: number }[] = [];
  const rows: FourGoodResultRow[] = [];
  for (const [year, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    for (const f of await readFacts(q, list, year)) {
      keys.push({ organizationId: f.org.id, year });
      for (const period of fourGoodPeriods) rows.push(...resultRows(f, year, period));
    }
  }
  return { keys, rows };
}

/**
 * Recomputes the judgements of the organisations (of the given years, or all kept) inside the caller's transaction.
 * With `ancestors`, also those of the cells' and organisations' grassroots ancestors, which count their members'
 * discipline and levels. Organisations of other kinds are passed over.
 */
export async function refreshFourGood(
  q: Queryable,
  organizationIds: Iterable<string>,
  years?: number[],
  opts: { ancestors?: boolean } = {},
) {
  let orgs = await repo.listOrganizations(q, [...new Set(organizationIds)], fourGoodKinds);
  if (opts.ancestors) {
    const above = new Set(orgs.flatMap((o) => o.path.split('.').slice(0, -1).map(labelToId)));
    for (const o of orgs) above.delete(o.id);
    if (above.size > 0) orgs = [...orgs, ...(await repo.listOrganizations(q, [...above], fourGoodKinds))];
  }
  if (orgs.length === 0) return;
  // Years no longer kept (an organisation dissolved) are dropped with those recomputed.
  const stale = years
    ? []
    : (
        await repo.listKeptYears(
          q,
          orgs.map((o) => o.id),
        )
      ).map((k) => ({
        organizationId: k.organization_id,
        year: k.year,
      }));
  const { keys, rows } = await compute(q, orgs, years);
  await repo.replaceResults(q, [...stale, ...keys], rows);
}

/** After a discipline decision on a member: the organisations they officially belonged to that year, and above. */
export async function refreshForMember(q: Queryable, memberId: string, year: number) {
  const ids = await repo.listOfficialOrganizationsOf(q, memberId, yearStart(year), yearEnd(year));
  await refreshFourGood(q, ids, [year], { ancestors: true });
}

/**
 * After a member moved to another cell from `date`: their discipline decisions of that year on now count toward
 * the new cell and its grassroots organisation too.
 */
export async function refreshForMemberMove(q: Queryable, memberId: string, date: string) {
  for (const year of await repo.listDisciplineYears(q, memberId, Number(date.slice(0, 4)))) {
    await refreshForMember(q, memberId, year);
  }
}

/** After a change to the tree: every cell and grassroots organisation ever under the organisations, and above. */
export async function refreshFourGoodUnder(q: Queryable, organizationIds: Iterable<string>) {
  const ids = new Set<string>();
  for (const id of organizationIds) {
    for (const o of await repo.listEverUnder(q, pathLabel(id), fourGoodKinds)) ids.add(o);
  }
  await refreshFourGood(q, ids, undefined, { ancestors: true });
}

const chunk = 100;

/** Recomputes every organisation's judgements (with the other summaries, after a load or a restore). */
export async function rebuildFourGood(db: Database) {
  const ids = await repo.listAllOrganizations(db, fourGoodKinds);
  for (let i = 0; i < ids.length; i += chunk) {
    await db.transaction(async (tx) => refreshFourGood(tx, ids.slice(i, i + chunk)));
  }
  return { organizations: ids.length };
}

export interface FourGoodMismatch {
  organizationId: string;
  kept: unknown;
  computed: unknown;
}

/** Recomputes every organisation's judgements from scratch and compares them with those kept. Reads only. */
export async function checkFourGood(q: Queryable) {
  const ids = await repo.listAllOrganizations(q, fourGoodKinds);
  const mismatches: FourGoodMismatch[] = [];
  let rowCount = 0;
  for (let i = 0; i < ids.length; i += chunk) {
    const some = ids.slice(i, i + chunk);
    const { rows } = await compute(q, await repo.listOrganizations(q, some, fourGoodKinds));
    const kept = await repo.listResults(q, some);
    rowCount += kept.length;
    for (const id of some) {
      // Compared from today on: the stretches of days already over are never read.
      const computed = normalise(rows.filter((r) => r.organization_id === id));
      const stored = normalise(keptFrom(kept.filter((r) => r.organization_id === id)));
      if (JSON.stringify(computed) !== JSON.stringify(stored)) {
        mismatches.push({ organizationId: id, kept: stored, computed });
      }
    }
  }
  return { organizations: ids.length, rows: rowCount, mismatches };
}

/** Kept rows as from today on, year by year and period by period. */
function keptFrom(rows: FourGoodResultRow[]) {
  const groups = new Map<string, FourGoodResultRow[]>();
  for (const r of rows)
    groups.set(`${r.year}|${r.period}`, [...(groups.get(`${r.year}|${r.period}`) ?? []), r]);
  const today = todayIso();
  return [...groups.values()].flatMap((g) =>
    fromDay(
      g.sort((a, b) => (a.valid_from ?? '').localeCompare(b.valid_from ?? '')),
      today,
    ),
  );
}

const sortKey = (r: FourGoodResultRow) => `${r.year}|${r.period}|${r.valid_from ?? ''}`;

/** Rows in one order with keys in one order, so kept and computed judgements compare as text. */
const normalise = (rows: FourGoodResultRow[]) =>
  [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map((r) => canonical(r));

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

/**
 * The judgements of the organisations for a year and period on a day, read from the summary; those it keeps none
 * for (a year before the rules, or not kept yet) computed from the facts — at most a page of them.
 */
export async function judgementsOn(
  q: Queryable,
  orgs: { id: string }[],
  year: number,
  period: FourGoodPeriod,
  day: string,
) {
  const ids = orgs.map((o) => o.id);
  const out = new Map<string, { met: boolean; criteria: ReturnType<typeof criteriaOf> }>();
  for (const r of await repo.listResultsOn(q, ids, year, period, day)) {
    out.set(r.organization_id, { met: r.met, criteria: r.criteria as ReturnType<typeof criteriaOf> });
  }
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length > 0) {
    const due = monthsDueOn(year, period, day);
    for (const f of await readFacts(q, await repo.listOrganizations(q, missing, fourGoodKinds), year)) {
      const result = judge(f, year, period, due);
      out.set(f.org.id, { met: result.met, criteria: criteriaOf(result) });
    }
  }
  return out;
}

/** How many months of the period are due on `day`: those whose last day has come, up to the as-of date. */
export function monthsDueOn(year: number, period: FourGoodPeriod, day: string) {
  const last = period === 'midyear' ? 6 : 12;
  let due = 0;
  for (let m = 1; m <= last; m++) if (lastDayOf(year, m) <= day) due = m;
  return due;
}

/** A subtree's judgements of a year and period on a day: the share and how many meet each criterion. */
export async function fourGoodTotals(
  q: Queryable,
  organizationId: string,
  year: number,
  period: FourGoodPeriod,
  day: string,
) {
  const t = await repo.totals(q, pathLabel(organizationId), year, period, day);
  return {
    total: t.total,
    met: t.met,
    criteria: fourGoodCriteria.map((c) => ({
      criterion: c,
      label: fourGoodCriterionLabel[c],
      met: t[`${c}_met`],
      notMet: t[`${c}_not_met`],
      unknown: t.total - t[`${c}_met`] - t[`${c}_not_met`],
    })),
  };
}
