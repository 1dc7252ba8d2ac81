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
import { AppError, notFound } from '../../platform/errors.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';

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
        ? `Ngày ${String(p.meetingDay.day).padStart(2, '0')} hằng tháng; ngày nghỉ hoặc trường hợp đặc biệt thì trong ngày ${p.meetingDay.windowFirstDay}–${p.meetingDay.windowLastDay}, có ghi lý do`
        : `Tuần cuối tháng; trường hợp đặc biệt không quá ngày ${p.meetingDay.latestNextMonthDay} tháng sau`,
  };
}

export function listRuleSets() {
  return { items: builtInRuleSets.map(summarize) };
}

/** The rule set that governs the organisation on the date, with the assignment it was inherited from. */
export async function getGoverning(db: Database, actor: Actor, organizationId: string, dateInput?: string) {
  const date = dateInput ?? todayIso();
  const node = await visibleNode(db, actor, organizationId, date);
  // The organisation and its ancestors as they stood on the date.
  const chain = [...ancestorIds(node.path), node.id];
  const rows = await db.query<{ organization_id: string; rule_set_id: string; effective_from: string }>(
    `SELECT organization_id, rule_set_id, effective_from FROM rule_set_assignment
      WHERE organization_id = ANY($1::uuid[]) AND effective_from <= $2`,
    [chain, date],
  );
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
    const [named] = await orgRepo.namesAsOf(db, [orgId], date);
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
    throw new AppError('validation_failed', 'Không có bộ quy định này', [
      { path: 'ruleSetId', message: `Chọn một trong: ${builtInRuleSets.map((r) => r.id).join(', ')}` },
    ]);
  }
  if (input.effectiveFrom < ruleSet.effectiveFrom) {
    throw new AppError('validation_failed', 'Văn bản chưa có hiệu lực vào ngày này', [
      { path: 'effectiveFrom', message: `Từ ngày ${formatDateVi(ruleSet.effectiveFrom)} trở đi` },
    ]);
  }
  return db.transaction(async (tx) => {
    const node = await orgRepo.findNode(tx, organizationId);
    if (
      !node ||
      node.valid_to ||
      !can(actor, 'organization.view', { type: 'organization', path: node.path })
    ) {
      throw notFound('Không tìm thấy tổ chức');
    }
    if (!can(actor, 'ruleSet.assign', { type: 'organization', path: node.path })) {
      throw new AppError(
        'forbidden',
        'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được áp dụng quy định cho tổ chức này',
      );
    }
    const clash = await tx.query(
      'SELECT 1 FROM rule_set_assignment WHERE organization_id = $1 AND effective_from = $2',
      [node.id, input.effectiveFrom],
    );
    if (clash.length > 0) {
      throw new AppError('conflict', 'Đã có quy định áp dụng từ ngày này', [
        { path: 'effectiveFrom', message: 'Chọn ngày khác' },
      ]);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO rule_set_assignment (province_id, organization_id, rule_set_id, effective_from, document_ref, created_by)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [
        node.province_id,
        node.id,
        ruleSet.id,
        input.effectiveFrom,
        input.documentRef ?? null,
        actor.accountId,
      ],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'ruleSet.assign',
      entity: 'rule_set_assignment',
      entityId: row!.id,
      after: { organizationId: node.id, label: pathLabel(node.id), ...input },
      ip: meta.ip,
    });
    return { id: row!.id };
  });
}

/**
 * Loads the rule-set assignments of an organisation's chain once and answers "which rule set governs on this
 * date" for many dates (a year's calendar, a subtree's compliance), or null before any rule set was in force.
 */
export async function ruleSetResolver(q: Queryable, path: string): Promise<(date: string) => RuleSet | null> {
  const chain = path.split('.').map(labelToId);
  const rows = await q.query<{ organization_id: string; rule_set_id: string; effective_from: string }>(
    `SELECT organization_id, rule_set_id, effective_from FROM rule_set_assignment WHERE organization_id = ANY($1::uuid[])`,
    [chain],
  );
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
