// Meeting rule sets: which versioned rule set governs an organisation on a date, and assigning one to a subtree.
import type { z } from 'zod';
import type { assignRuleSetBody } from '../../../contracts/rule-sets.ts';
import { formatDateVi, todayIso } from '../../../domain/dates.ts';
import {
  builtInRuleSets,
  documentLabel,
  governingRuleSet,
  type RuleSet,
} from '../../../domain/meeting-rules.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { ancestorIds, labelToId, pathLabel } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { message } from '../../../messages/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getVisibleNode as visibleNode, listNamesAsOf } from '../organizations/organizations.service.ts';
import { refreshUnder } from '../summaries/summaries.service.ts';
import * as repo from './rule-sets.repository.ts';

export function summarize(r: RuleSet) {
  const p = r.parameters;
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    document: documentLabel(r.document),
    sources: r.sources.map(documentLabel),
    effectiveFrom: r.effectiveFrom,
    scope: r.scope ?? 'national',
    minDurationMinutes: p.minDurationMinutes,
    minCombinedDurationMinutes: p.minCombinedDurationMinutes,
    materialsLeadDays: p.materialsLeadDays,
    finaliseWithinDays: p.finaliseWithinDays,
    meetingDay:
      p.meetingDay.kind === 'fixed_day'
        ? message('ruleSet.meeting_day_fixed', {
            day: String(p.meetingDay.day).padStart(2, '0'),
            first: p.meetingDay.windowFirstDay,
            last: p.meetingDay.windowLastDay,
          })
        : message('ruleSet.meeting_day_last_week', { latest: p.meetingDay.latestNextMonthDay }),
  };
}

export function listRuleSets() {
  return { items: builtInRuleSets.map(summarize) };
}

/** The rule set that governs the organisation on the date, with the assignment it was inherited from. */
export async function getGoverning(db: Queryable, actor: Actor, organizationId: string, dateInput?: string) {
  const date = dateInput ?? todayIso();
  const node = await visibleNode(db, actor, organizationId, date);
  // The organisation and its ancestors as they stood on the date.
  const chain = [...ancestorIds(node.path), node.id];
  const rows = await repo.listAssignments(db, chain, date);
  const depthOf = new Map(chain.map((id, i) => [id, i]));
  const result = governingRuleSet(
    builtInRuleSets,
    rows.map((r) => ({
      ruleSetId: r.rule_set_id,
      effectiveFrom: r.effective_from,
      depth: depthOf.get(r.organization_id)!,
    })),
    date,
  );
  let assignedBy = null;
  if (result && result.inheritedFromDepth !== null) {
    const orgId = chain[result.inheritedFromDepth]!;
    const row = rows
      .filter((r) => r.organization_id === orgId && r.rule_set_id === result.ruleSet.id)
      .sort((a, b) => (a.effective_from < b.effective_from ? 1 : -1))[0]!;
    const [named] = await listNamesAsOf(db, [orgId], date);
    assignedBy = {
      organizationId: orgId,
      organizationName: named?.name ?? '',
      effectiveFrom: row.effective_from,
    };
  }
  return { date, ruleSet: result ? summarize(result.ruleSet) : null, assignedBy };
}

export async function assign(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof assignRuleSetBody>,
  meta: { ip: string | null },
) {
  const ruleSet = builtInRuleSets.find((r) => r.id === input.ruleSetId);
  if (!ruleSet) {
    throw new AppError('validation_failed', message('ruleSet.unknown'), [
      {
        path: 'ruleSetId',
        message: message('ruleSet.choose_one_of', { ids: builtInRuleSets.map((r) => r.id).join(', ') }),
      },
    ]);
  }
  if (input.effectiveFrom < ruleSet.effectiveFrom) {
    throw new AppError('validation_failed', message('ruleSet.not_in_force_yet'), [
      {
        path: 'effectiveFrom',
        message: message('ruleSet.from_date_on', { date: formatDateVi(ruleSet.effectiveFrom) }),
      },
    ]);
  }
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    // A dissolved organisation takes no new rules: it is as good as gone.
    if (node.valid_to) throw notFound(message('ruleSet.organization_not_found'));
    if (!can(actor, 'ruleSet.assign', { type: 'organization', path: node.path })) {
      throw new AppError('forbidden', message('ruleSet.assign_forbidden'));
    }
    if (await repo.hasAssignmentFrom(tx, node.id, input.effectiveFrom)) {
      throw new AppError('conflict', message('ruleSet.date_taken'), [
        { path: 'effectiveFrom', message: message('ruleSet.choose_other_date') },
      ]);
    }
    const id = await repo.insertAssignment(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      ruleSetId: ruleSet.id,
      effectiveFrom: input.effectiveFrom,
      documentRef: input.documentRef ?? null,
      createdBy: actor.accountId,
    });
    // The cells below now meet under another rule from that date: their compliance summaries follow.
    await refreshUnder(tx, [node.id]);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'ruleSet.assign',
      entity: 'rule_set_assignment',
      entityId: id,
      after: { organizationId: node.id, label: pathLabel(node.id), ...input },
      ip: meta.ip,
    });
    return { id };
  });
}

/**
 * Loads the rule-set assignments of an organisation's chain once and answers "which rule set governs on this
 * date" for many dates (a year's calendar, a subtree's compliance), or null before any rule set was in force.
 */
export async function ruleSetResolver(q: Queryable, path: string): Promise<(date: string) => RuleSet | null> {
  const chain = path.split('.').map(labelToId);
  const rows = await repo.listAssignments(q, chain);
  const depthOf = new Map(chain.map((id, i) => [id, i]));
  const assignments = rows.map((r) => ({
    ruleSetId: r.rule_set_id,
    effectiveFrom: r.effective_from,
    depth: depthOf.get(r.organization_id)!,
  }));
  const cache = new Map<string, RuleSet | null>();
  return (date) => {
    if (!cache.has(date))
      cache.set(date, governingRuleSet(builtInRuleSets, assignments, date)?.ruleSet ?? null);
    return cache.get(date)!;
  };
}
