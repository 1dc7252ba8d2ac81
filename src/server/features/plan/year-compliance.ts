// A cell's compliance over one year computed from its recorded meetings (the from-scratch computation the year
// plan shows, and the one the read summaries are checked against).
import {
  type CellPeriod,
  cellPeriodsOf,
  complianceFindings,
  complianceMonths,
  type MeetingFacts,
  notApplicableMonths,
} from '../../../domain/compliance.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { RuleSet } from '../../../domain/meeting-rules.ts';
import { iso, ruleSetOf } from '../meetings/meeting-access.ts';
import type { MeetingFactRow } from './plan.repository.ts';

export type { MeetingFactRow };

export const pad = (n: number) => String(n).padStart(2, '0');

/** A meeting is judged by the rule set it recorded when it was planned (the rule then in force). */
export function factsOf(r: MeetingFactRow): MeetingFacts {
  const ruleSet = ruleSetOf(r);
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    forMonth: r.for_month,
    date: r.planned_date,
    dateReason: r.date_reason,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    materialsPublishedAt: iso(r.notice_published_at),
    finalisedAt: iso(r.adopted_at),
    combinedWithOther: r.combined_with_other,
    ruleSet,
  };
}

/**
 * Compliance over a year, up to the last month that has begun; months before any rule set are skipped, and
 * months in which the organisation was not a cell (`periods`) are not judged: the findings, the months judged
 * (their time to hold the meeting over by `today`) and those not applicable.
 */
export function yearCompliance(
  rows: MeetingFactRow[],
  year: number,
  ruleSetFor: (d: string) => RuleSet | null,
  periods: readonly CellPeriod[],
  today = todayIso(),
) {
  const notApplicable = notApplicableMonths(`${year}-01`, `${year}-12`, periods);
  const none = { findings: [], judged: [] as string[], notApplicable };
  const lastMonth = `${year}-12` < today.slice(0, 7) ? `${year}-12` : today.slice(0, 7);
  let from = `${year}-01`;
  while (from <= lastMonth && !ruleSetFor(`${from}-01`)) {
    const mm = Number(from.slice(5, 7)) + 1;
    from = `${year}-${pad(mm)}`;
    if (mm > 12) return none;
  }
  if (from > lastMonth) return none;
  const facts = rows.map(factsOf);
  const input = {
    from,
    to: lastMonth,
    today,
    ruleSetFor: (d: string) => ruleSetFor(d) ?? ruleSetFor(`${from}-01`)!,
    periods,
  };
  return {
    findings: complianceFindings({ ...input, meetings: facts }),
    judged: complianceMonths(input).judged,
    notApplicable,
  };
}

export const periodsOf = (node: { kind: string; valid_from: string; valid_to: string | null }) =>
  cellPeriodsOf({ kind: node.kind, validFrom: node.valid_from, validTo: node.valid_to });
