// Annual evaluation (kiểm điểm, đánh giá, xếp loại chất lượng) of a cell's members and of the cell: the year's
// evaluations started for a cell, the self-assessment, the proposal, the decision under the quota, the
// announcement; each step checked against the rules in force (src/domain/evaluation-rules.ts) and the recorded facts,
// which are attached as evidence and snapshotted on each step. Also the discipline register.
import type { z } from 'zod';
import type { decideBody, proposeBody, selfAssessBody } from '../../../contracts/evaluation.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  evaluationActionRefusal,
  evaluationActions,
  type EvaluationState,
  evaluationYearActionRefusal,
  evaluationYearActions,
} from '../../../domain/evaluation-actions.ts';
import {
  evaluationFactsProblem,
  levelConditions,
  levelProblem,
  quotaCheck,
  quotaDecisionProblem,
} from '../../../domain/evaluation.ts';
import {
  type EvaluationRules,
  type EvaluationSubject,
  type EvaluationLevel,
  evaluationLevels,
} from '../../../domain/evaluation-rules.ts';
import type { EvaluationAction, EvaluationStep } from '../../../domain/evaluation-workflow.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { type Actor, can, type EvaluationResource } from '../../../domain/permissions.ts';
import { isCellKind, labelToId } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { iso } from '../meetings/meeting-access.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import { evaluationFacts, evidenceOf, factsOf, type RawFacts, rulesOf } from './evaluation-evidence.ts';
import { yearEnd, yearStart } from './evaluation-facts.ts';
import * as repo from './evaluation.repository.ts';
import { refreshFourGood } from './four-good-summary.ts';
import type { EvaluationRow } from './evaluation.repository.ts';

interface Meta {
  ip: string | null;
}

/** The grassroots organisation holding the quota: the nearest grassroots ancestor (or itself), else the parent. */
export async function holderOf(q: Queryable, node: { id: string; path: string; kind: string }) {
  const ids = node.path.split('.').map(labelToId);
  const rows = await repo.listCurrentOrganizations(q, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (let i = ids.length - 1; i >= 0; i--) {
    const r = byId.get(ids[i]!);
    if (r && (r.kind === 'grassroots_committee' || r.kind === 'grassroots_cell')) return r;
  }
  return byId.get(ids[ids.length - 2] ?? node.id) ?? byId.get(node.id)!;
}

// ---- who may do what ---------------------------------------------------------------------------------------

const evaluationResource = (e: EvaluationRow): EvaluationResource => ({
  type: 'evaluation',
  subjectKind: e.subject_kind,
  memberId: e.member_id,
  path: e.org_path,
  holderPath: e.holder_path,
});

interface Access {
  view: boolean;
  seesAll: boolean;
  isSubject: boolean;
  /** the steps the actor may take now (src/domain/evaluation-actions.ts) */
  actions: EvaluationAction[];
}

/** The evaluation as its action rule sees it. */
const stateOf = (e: EvaluationRow): EvaluationState => ({
  subjectKind: e.subject_kind,
  memberId: e.member_id,
  path: e.org_path,
  holderPath: e.holder_path,
  step: e.step,
});

function accessOf(actor: Actor, e: EvaluationRow): Access {
  const resource = evaluationResource(e);
  return {
    view: can(actor, 'evaluation.view', resource),
    seesAll: can(actor, 'evaluation.viewAll', resource),
    isSubject: e.subject_kind === 'member' && actor.memberId !== null && actor.memberId === e.member_id,
    actions: evaluationActions(actor, stateOf(e)),
  };
}

function itemOf(e: EvaluationRow, access: Access, raw: RawFacts) {
  const rules = rulesOf(e.year);
  const announced = e.step === 'announced';
  // Until the result is announced, members see only their own self-assessment and proposal.
  const showDecision = access.seesAll || announced;
  return {
    id: e.id,
    year: e.year,
    subjectKind: e.subject_kind,
    member: e.member_id ? { id: e.member_id, fullName: e.member_name ?? '' } : null,
    organization: { id: e.organization_id, name: e.org_name },
    form: e.subject_form,
    formTitle: rules.subjectForms[e.subject_form],
    step: showDecision || (e.step !== 'decision' && e.step !== 'announced') ? e.step : 'proposal',
    self: e.self_level
      ? {
          points: e.self_points,
          level: e.self_level,
          text: e.self_text ?? '',
          tasksExceeding: e.self_tasks_exceeding,
          name: e.self_by_name,
          at: iso(e.self_at),
        }
      : null,
    proposal: e.proposed_level
      ? { level: e.proposed_level, note: e.proposal_note, name: e.proposed_by_name, at: iso(e.proposed_at) }
      : null,
    decision:
      e.decided_level && showDecision
        ? {
            level: e.decided_level,
            note: e.decision_note,
            document: e.decision_document,
            quotaReason: e.quota_reason,
            name: e.decided_by_name,
            at: iso(e.decided_at),
          }
        : null,
    announcedAt: iso(e.announced_at),
    evidence: evidenceOf(e, raw),
    actions: access.actions,
  };
}

async function quotaOf(q: Queryable, holderId: string, year: number, subjectKind = 'member') {
  const rules = rulesOf(year);
  const check = quotaCheck(await repo.listDecidedLevels(q, holderId, year, subjectKind), rules);
  return {
    excellent: check.excellent,
    good: check.good,
    base: check.base,
    allowedExcellent: check.allowedExcellent,
    maxShare: rules.quota.excellentMaxShareOfGood,
    exceeded: check.exceeded,
    message: check.message,
    source: rules.quota.source,
  };
}

// ---- reads -------------------------------------------------------------------------------------------------

/**
 * The year's evaluations seen from an organisation: for a cell, its members and itself; for a committee, the
 * organisations it holds the quota for. Members who only belong see their own and the announced results.
 */
export async function listEvaluations(
  db: Queryable,
  actor: Actor,
  organizationId: string,
  yearInput?: number,
) {
  const node = await visibleNode(db, actor, organizationId);
  const year = yearInput ?? Number(todayIso().slice(0, 4));
  const rules = rulesOf(year);
  const holder = await holderOf(db, node);
  const isCell = isCellKind(node.kind);
  const rows = isCell
    ? await repo.listEvaluationsOfCell(db, node.id, year)
    : await repo.listOrganizationEvaluationsOf(db, node.id, year);
  const visible = rows
    .map((r) => ({ row: r, access: accessOf(actor, r) }))
    .filter(({ row, access }) => access.seesAll || access.isSubject || row.step === 'announced');
  const facts = await factsOf(
    db,
    visible.map((v) => v.row),
  );
  return {
    organization: { id: node.id, name: node.name, kind: node.kind },
    year,
    rules: {
      id: rules.id,
      title: rules.title,
      document: documentLabel(rules.document),
      scale: rules.scale,
      levels: evaluationLevels.map((level) => ({ level, conditions: levelConditions(rules, level) })),
    },
    holder: { id: holder.id, name: holder.name },
    quota: await quotaOf(db, isCell ? holder.id : node.id, year),
    items: visible.map(({ row, access }) => itemOf(row, access, facts.get(row.id)!)),
    actions: evaluationYearActions(actor, { path: node.path, kind: node.kind }),
    isCell,
  };
}

// ---- writes ------------------------------------------------------------------------------------------------

const leaderPositions = ['secretary', 'deputy_secretary', 'standing_member', 'committee_member'];

/** Creates the year's evaluations of a cell and its official members (those not evaluated yet). */
export async function startEvaluations(
  db: Database,
  actor: Actor,
  organizationId: string,
  year: number,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    const refusal = evaluationYearActionRefusal(actor, { path: node.path, kind: node.kind }, 'start');
    if (refusal) throw new AppError(refusal.error, refusal.message);
    const rules = rulesOf(year);
    const holder = await holderOf(tx, node);
    const to = yearEnd(year) < todayIso() ? yearEnd(year) : todayIso();
    const members = await repo.listMembersToEvaluate(tx, node.id, yearStart(year), to, leaderPositions);
    let created = 0;
    const insert = async (memberId: string | null, form: EvaluationSubject) => {
      const inserted = await repo.insertEvaluation(tx, {
        provinceId: node.province_id,
        year,
        memberId,
        organizationId: node.id,
        holderId: holder.id,
        rulesId: rules.id,
        rulesVersion: rules.version,
        form,
      });
      if (inserted) created++;
    };
    await insert(null, 'collective');
    for (const m of members) await insert(m.member_id, m.leader ? 'leader' : 'member');
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'evaluation.start',
      entity: 'organization',
      entityId: node.id,
      after: { year, created, rules: rules.id },
      ip: meta.ip,
    });
    return { created };
  });
}

/** Loads an evaluation under lock with the actor's access, checks the permission and the step. */
async function forAction(tx: Queryable, actor: Actor, id: string, action: EvaluationAction) {
  const e = await repo.lockEvaluation(tx, id);
  if (!e) throw notFound(message('evaluation.not_found'));
  if (!can(actor, 'evaluation.view', evaluationResource(e))) throw notFound(message('evaluation.not_found'));
  const refusal = evaluationActionRefusal(actor, stateOf(e), action);
  if (refusal) throw new AppError(refusal.error, refusal.message);
  const raw = (await factsOf(tx, [e])).get(e.id)!;
  return { e, raw, rules: rulesOf(e.year) };
}

function checkLevel(
  rules: EvaluationRules,
  e: EvaluationRow,
  raw: RawFacts,
  level: EvaluationLevel,
  points: number | null,
  tasksExceeding: number,
  field = 'level',
) {
  const facts = evaluationFacts(e, raw, points, tasksExceeding);
  const factsProblem = evaluationFactsProblem(facts);
  if (factsProblem) {
    throw new AppError('validation_failed', factsProblem, [
      { path: 'tasksExceeding', message: factsProblem },
    ]);
  }
  const problem = levelProblem(rules, facts, level);
  if (problem) throw new AppError('validation_failed', problem, [{ path: field, message: problem }]);
}

async function saveStep(
  tx: Queryable,
  actor: Actor,
  e: EvaluationRow,
  raw: RawFacts,
  step: EvaluationStep,
  set: repo.StepColumns,
  audit: { action: string; after: unknown },
  meta: Meta,
) {
  const evidence = evidenceOf({ ...e, ...(set as Partial<EvaluationRow>) } as EvaluationRow, raw);
  await repo.updateStep(tx, e.id, step, { at: new Date().toISOString(), ...evidence }, set);
  // A decided level is a fact of "bốn tốt": the organisation's own, or its members' (counted above it too).
  if (set.decided_level !== undefined) {
    await refreshFourGood(tx, [e.organization_id], [e.year], { ancestors: e.subject_kind === 'member' });
  }
  await recordAudit(tx, {
    chain: e.province_id,
    actorAccountId: actor.accountId,
    action: audit.action,
    entity: 'evaluation',
    entityId: e.id,
    before: {
      step: e.step,
      selfLevel: e.self_level,
      proposedLevel: e.proposed_level,
      decidedLevel: e.decided_level,
    },
    after: audit.after,
    ip: meta.ip,
  });
  return { ok: true as const, step };
}

export async function selfAssess(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof selfAssessBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const { e, raw, rules } = await forAction(tx, actor, id, 'self_assess');
    const points = rules.scale === 'points_100' ? (input.points ?? null) : null;
    if (rules.scale === 'points_100' && points === null) {
      throw fieldError('validation_failed', 'points', 'evaluation.points_required', {
        document: documentLabel(rules.document),
      });
    }
    checkLevel(rules, e, raw, input.level, points, input.tasksExceeding);
    let form = e.subject_form;
    if (input.form && e.subject_kind === 'member') {
      if (input.form === 'collective') {
        throw fieldError('validation_failed', 'form', 'evaluation.collective_form_for_organizations');
      }
      form = input.form;
    }
    return saveStep(
      tx,
      actor,
      e,
      raw,
      'self_assessment',
      {
        self_points: points,
        self_level: input.level,
        self_text: input.text,
        self_tasks_exceeding: input.tasksExceeding,
        subject_form: form,
        self_by: actor.accountId,
        self_at: new Date(),
      },
      {
        action: 'evaluation.selfAssess',
        after: { level: input.level, points, form, tasksExceeding: input.tasksExceeding },
      },
      meta,
    );
  });
}

export async function propose(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof proposeBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const { e, raw, rules } = await forAction(tx, actor, id, 'propose');
    checkLevel(rules, e, raw, input.level, e.self_points, e.self_tasks_exceeding);
    return saveStep(
      tx,
      actor,
      e,
      raw,
      'proposal',
      {
        proposed_level: input.level,
        proposal_note: input.note || null,
        proposed_by: actor.accountId,
        proposed_at: new Date(),
      },
      { action: 'evaluation.propose', after: { level: input.level, note: input.note ?? null } },
      meta,
    );
  });
}

export async function decide(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof decideBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const { e, raw, rules } = await forAction(tx, actor, id, 'decide');
    checkLevel(rules, e, raw, input.level, e.self_points, e.self_tasks_exceeding);
    let quota: ReturnType<typeof quotaCheck> | null = null;
    if (input.level === 'excellent') {
      // One decision at a time per grassroots organisation, so two excellents cannot both pass the cap.
      await repo.lockOrganization(tx, e.holder_id);
      const others = await repo.listDecidedLevels(tx, e.holder_id, e.year, e.subject_kind, e.id);
      quota = quotaCheck([...others, 'excellent'], rules);
      const problem = quotaDecisionProblem(quota, input.quotaReason);
      if (problem) throw new AppError('conflict', problem, [{ path: 'quotaReason', message: problem }]);
    }
    const quotaReason = quota?.exceeded ? input.quotaReason!.trim() : null;
    return saveStep(
      tx,
      actor,
      e,
      raw,
      'decision',
      {
        decided_level: input.level,
        decision_note: input.note || null,
        decision_document: input.document || null,
        quota_reason: quotaReason,
        decided_by: actor.accountId,
        decided_at: new Date(),
      },
      {
        action: 'evaluation.decide',
        after: {
          level: input.level,
          document: input.document ?? null,
          quotaReason,
          quota: quota
            ? {
                excellent: quota.excellent,
                base: quota.base,
                allowed: quota.allowedExcellent,
                exceeded: quota.exceeded,
              }
            : null,
        },
      },
      meta,
    );
  });
}

export async function announce(db: Database, actor: Actor, id: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const { e, raw } = await forAction(tx, actor, id, 'announce');
    return saveStep(
      tx,
      actor,
      e,
      raw,
      'announced',
      { announced_at: new Date(), announced_by: actor.accountId },
      { action: 'evaluation.announce', after: { level: e.decided_level } },
      meta,
    );
  });
}
