// "Chi bộ bốn tốt" and "đảng bộ cơ sở bốn tốt" of every cell and grassroots organisation in a subtree: each
// criterion derived by the domain's `fourGood` from the recorded facts (annual level, monthly ratings, meetings
// held, discipline, members' levels) or from an entry with evidence; the share against the 90% target; the
// 6-month review (as of 30/6) and the year-end list.
import type { z } from 'zod';
import type { fourGoodEntryBody } from '../../../contracts/evaluation.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  defaultFourGoodRules,
  fourGood,
  type FourGoodCriterion,
  fourGoodCriteria,
  fourGoodCriterionLabel,
  fourGoodShare,
} from '../../../domain/four-good.ts';
import { fourGoodActionRefusal, fourGoodActions, fourGoodKinds } from '../../../domain/evaluation-actions.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { isWithin } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  disciplinedMembersUnder,
  meetingsHeld,
  monthlyRatings,
  organizationDiscipline,
} from './evaluation-facts.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import * as repo from './evaluation.repository.ts';

export async function fourGoodView(
  db: Queryable,
  actor: Actor,
  organizationId: string,
  yearInput: number | undefined,
  period: 'midyear' | 'year',
) {
  const node = await visibleNode(db, actor, organizationId);
  const year = yearInput ?? Number(todayIso().slice(0, 4));
  const asOf = period === 'midyear' ? `${year}-06-30` : `${year}-12-31`;
  const rules = defaultFourGoodRules();
  const orgs = await repo.listOrganizationsUnder(db, node.path, fourGoodKinds);
  const ids = orgs.map((o) => o.id);
  const [ratings, held, orgDiscipline, memberDiscipline, levels, orgLevels, entries] = await Promise.all([
    monthlyRatings(db, ids, year, period === 'midyear' ? 6 : 12),
    meetingsHeld(db, ids, year, asOf),
    organizationDiscipline(db, ids, year, asOf),
    disciplinedMembersUnder(db, node.path, year, asOf),
    // The annual levels exist only at the year's end.
    period === 'year' ? repo.listMemberLevelsUnder(db, year, node.path) : Promise.resolve([]),
    period === 'year' ? repo.listOrganizationLevels(db, year, ids) : Promise.resolve([]),
    repo.listFourGoodEntries(db, year, ids),
  ]);
  const items = orgs.map((o) => {
    const isCell = o.kind === 'cell' || o.kind === 'grassroots_cell';
    const meetings = held.get(o.id)!;
    const entered: Partial<Record<FourGoodCriterion, { met: boolean; evidence: string }>> = {};
    for (const e of entries.filter((x) => x.organization_id === o.id)) {
      entered[e.criterion] = { met: e.met, evidence: e.evidence };
    }
    const result = fourGood(
      {
        orgKind: isCell ? 'cell' : 'grassroots',
        annualLevel: orgLevels.find((l) => l.organization_id === o.id)?.decided_level ?? null,
        monthlyRatings: (ratings.get(o.id) ?? []).map((r) => r.rating),
        missingMonths: isCell ? meetings.missingMonths.length : 0,
        quartersWithoutThematic: isCell ? meetings.quartersWithoutThematic : 0,
        disciplinedMembers: new Set(
          memberDiscipline.filter((d) => isWithin(d.orgPath, o.path)).map((d) => d.memberId),
        ).size,
        disciplineOfOrganisation: orgDiscipline.some((d) => d.organizationId === o.id),
        memberLevels: levels.filter((l) => isWithin(l.path, o.path)).map((l) => l.decided_level),
        entered,
      },
      rules,
    );
    return {
      organization: { id: o.id, name: o.name, kind: o.kind },
      met: result.met,
      criteria: fourGoodCriteria.map((c) => ({
        criterion: c,
        label: fourGoodCriterionLabel[c],
        ...result.criteria[c],
      })),
    };
  });
  const share = fourGoodShare(items, rules.target);
  return {
    organization: { id: node.id, name: node.name, kind: node.kind },
    year,
    period,
    asOf,
    rulesTitle: rules.title,
    items,
    share: { ...share, target: rules.target },
    // A criterion is entered for one of the listed organisations: what the rule allows for any of them.
    actions: [...new Set(orgs.flatMap((o) => fourGoodActions(actor, o)))],
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
    await repo.upsertFourGoodEntry(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      year: input.year,
      criterion: input.criterion,
      met: input.met,
      evidence: input.evidence,
      enteredBy: actor.accountId,
    });
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
