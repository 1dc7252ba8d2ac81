// "Chi bộ bốn tốt" and "đảng bộ cơ sở bốn tốt" of every cell and grassroots organisation in a subtree: each
// criterion derived by the domain's `fourGood` from the recorded facts (annual level, monthly ratings, meetings
// held, discipline, members' levels) or from an entry with evidence; the share against the 90% target; the
// 6-month review (as of 30/6) and the year-end list.
import type { z } from 'zod';
import type { fourGoodEntryBody } from '../../../contracts/evaluation.ts';
import { todayIso } from '../../../domain/dates.ts';
import { defaultFourGoodRules, fourGoodShare } from '../../../domain/four-good.ts';
import { fourGoodActionRefusal, fourGoodActions, fourGoodKinds } from '../../../domain/evaluation-actions.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import { cursorAfter, positionOf } from '../summaries/summaries.service.ts';
import * as repo from './four-good-summary.repository.ts';
import {
  asOfOf,
  type FourGoodPeriod,
  fourGoodTotals,
  judgementsOn,
  refreshFourGood,
} from './four-good-summary.ts';
import * as evaluations from './evaluation.repository.ts';

/**
 * "Bốn tốt" of a subtree for a year and period: one page of its cells and grassroots organisations by name (all, or
 * only those that do or do not reach it), and the subtree's share and criteria counted from the summary the writes
 * keep (four-good-summary.ts), so the answer does not grow with the province.
 */
export async function fourGoodView(
  db: Queryable,
  actor: Actor,
  organizationId: string,
  q: {
    year?: number | undefined;
    period: FourGoodPeriod;
    result: 'all' | 'met' | 'not_met';
    limit: number;
    cursor?: string | undefined;
  },
) {
  const node = await visibleNode(db, actor, organizationId);
  const today = todayIso();
  const year = q.year ?? Number(today.slice(0, 4));
  const asOf = asOfOf(year, q.period);
  const rules = defaultFourGoodRules();
  const met = q.result === 'all' ? null : q.result === 'met';
  const after = positionOf(q.cursor ?? null);
  const rows = await repo.listPage(db, {
    path: node.path,
    kinds: fourGoodKinds,
    after,
    limit: q.limit + 1,
    met,
    year,
    period: q.period,
    day: today,
  });
  const orgs = rows.slice(0, q.limit);
  const judged = await judgementsOn(db, orgs, year, q.period, today);
  const totals = await fourGoodTotals(db, node.id, year, q.period, today);
  const items = orgs.map((o) => ({
    organization: { id: o.id, name: o.name, kind: o.kind },
    met: judged.get(o.id)!.met,
    criteria: judged.get(o.id)!.criteria,
  }));
  const share = fourGoodShare(
    Array.from({ length: totals.total }, (_, i) => ({ met: i < totals.met })),
    rules.target,
  );
  return {
    organization: { id: node.id, name: node.name, kind: node.kind },
    year,
    period: q.period,
    asOf,
    rulesTitle: rules.title,
    items,
    nextCursor: rows.length > q.limit ? cursorAfter(orgs[orgs.length - 1]!) : null,
    listed:
      met === null
        ? await repo.countOrganizations(db, node.path, fourGoodKinds)
        : met
          ? totals.met
          : totals.total - totals.met,
    criteria: totals.criteria,
    share: { ...share, target: rules.target },
    // A criterion is entered for one of the listed organisations: what the rule allows for any of them.
    actions: [...new Set([node, ...orgs].flatMap((o) => fourGoodActions(actor, o)))],
  };
}

/** Enters a criterion the app has no facts for, with evidence (an upper committee or the board). */
export async function enterFourGood(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof fourGoodEntryBody>,
  meta: { ip: string | null },
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    const refusal = fourGoodActionRefusal(actor, node, 'enter');
    if (refusal) throw new AppError(refusal.error, refusal.message);
    await evaluations.upsertFourGoodEntry(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      year: input.year,
      criterion: input.criterion,
      met: input.met,
      evidence: input.evidence,
      enteredBy: actor.accountId,
    });
    await refreshFourGood(tx, [node.id], [input.year]);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'fourGood.enter',
      entity: 'organization',
      entityId: node.id,
      after: input,
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}
