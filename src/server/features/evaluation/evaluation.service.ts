// Annual evaluation (kiểm điểm, đánh giá, xếp loại chất lượng) of a cell's members and of the cell: the year's
// evaluations started for a cell, the self-assessment, the proposal, the decision under the quota, the
// announcement; each step checked against the rules in force (src/domain/evaluation.ts) and the recorded facts,
// which are attached as evidence and snapshotted on each step. Also the discipline register.
import type { z } from 'zod';
import type {
  decideBody,
  disciplineBody,
  proposeBody,
  selfAssessBody,
} from '../../../contracts/evaluation.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  type EvaluationAction,
  evaluationActionProblem,
  evaluationFactsProblem,
  type EvaluationFacts,
  evaluationRulesFor,
  type EvaluationRules,
  type EvaluationStep,
  type EvaluationSubject,
  highestAllowedLevel,
  levelConditions,
  membersDisciplinedBlocker,
  levelProblem,
  type QualityLevel,
  qualityLevels,
  quotaCheck,
  quotaDecisionProblem,
} from '../../../domain/evaluation.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { type Actor, can, covers } from '../../../domain/permissions.ts';
import { isCellKind, labelToId } from '../../../domain/tree.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso } from '../meetings/meeting-access.ts';
import {
  type AttendanceFacts,
  countLevels,
  type DisciplineFact,
  disciplineText,
  meetingsHeld,
  type MeetingFactsSummary,
  memberAttendance,
  memberDiscipline,
  memberTasks,
  monthlyRatings,
  organizationDiscipline,
  organizationTasks,
  type TaskFacts,
  yearEnd,
  yearStart,
} from './evaluation-facts.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';

interface Meta {
  ip: string | null;
}

const orgResource = (path: string) => ({ type: 'organization' as const, path });

/** Whether the actor reads everything of the organisation (not only as one of its members). */
function seesAll(actor: Actor, path: string): boolean {
  return actor.isSystemAdmin || actor.scopes.some((s) => s.role !== 'member' && covers(s, path));
}

/** The grassroots organisation holding the quota: the nearest grassroots ancestor (or itself), else the parent. */
export async function holderOf(q: Queryable, node: { id: string; path: string; kind: string }) {
  const ids = node.path.split('.').map(labelToId);
  const rows = await q.query<{ id: string; kind: string; name: string; path: string }>(
    `SELECT o.id, o.kind, p.name, p.path::text AS path FROM organization o
       JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL
      WHERE o.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (let i = ids.length - 1; i >= 0; i--) {
    const r = byId.get(ids[i]!);
    if (r && (r.kind === 'grassroots_committee' || r.kind === 'grassroots_cell')) return r;
  }
  return byId.get(ids[ids.length - 2] ?? node.id) ?? byId.get(node.id)!;
}

function rulesOf(year: number): EvaluationRules {
  try {
    return evaluationRulesFor(year);
  } catch (e) {
    throw new AppError('invalid_state', (e as Error).message);
  }
}

// ---- rows ---------------------------------------------------------------------------------------------------

interface EvaluationRow {
  id: string;
  province_id: string;
  year: number;
  subject_kind: 'member' | 'organization';
  member_id: string | null;
  organization_id: string;
  holder_id: string;
  rules_id: string;
  rules_version: number;
  subject_form: EvaluationSubject;
  step: EvaluationStep | null;
  self_points: number | null;
  self_level: QualityLevel | null;
  self_text: string | null;
  self_tasks_exceeding: number;
  self_at: Date | null;
  proposed_level: QualityLevel | null;
  proposal_note: string | null;
  proposed_at: Date | null;
  decided_level: QualityLevel | null;
  decision_note: string | null;
  decision_document: string | null;
  quota_reason: string | null;
  decided_at: Date | null;
  announced_at: Date | null;
  version: number;
  // joined
  member_name: string | null;
  org_name: string;
  org_path: string;
  org_kind: string;
  holder_path: string;
  self_by_name: string | null;
  proposed_by_name: string | null;
  decided_by_name: string | null;
}

const evaluationSelect = `SELECT e.*, m.full_name AS member_name, p.name AS org_name, p.path::text AS org_path,
    o.kind AS org_kind, hp.path::text AS holder_path, sa.display_name AS self_by_name,
    pa.display_name AS proposed_by_name, da.display_name AS decided_by_name
  FROM evaluation e
  JOIN organization o ON o.id = e.organization_id
  JOIN organization_period p ON p.organization_id = e.organization_id AND p.valid_to IS NULL
  JOIN organization_period hp ON hp.organization_id = e.holder_id AND hp.valid_to IS NULL
  LEFT JOIN member m ON m.id = e.member_id
  LEFT JOIN account sa ON sa.id = e.self_by
  LEFT JOIN account pa ON pa.id = e.proposed_by
  LEFT JOIN account da ON da.id = e.decided_by`;

// ---- who may do what ---------------------------------------------------------------------------------------

interface Access {
  view: boolean;
  seesAll: boolean;
  isSubject: boolean;
  selfAssess: boolean;
  propose: boolean;
  decide: boolean;
}

function accessOf(actor: Actor, e: EvaluationRow): Access {
  const org = orgResource(e.org_path);
  const isSubject = e.subject_kind === 'member' && actor.memberId !== null && actor.memberId === e.member_id;
  const view = isSubject || can(actor, 'organization.view', org);
  const manageOrg = can(actor, 'meeting.manage', org);
  const upper = can(actor, 'topic.review', org) && !manageOrg;
  // The competent level: a committee above the cell over the grassroots organisation, or the board.
  const decide = can(actor, 'topic.review', orgResource(e.holder_path)) && !manageOrg;
  return {
    view,
    seesAll: seesAll(actor, e.org_path),
    isSubject,
    selfAssess: e.subject_kind === 'member' ? isSubject : manageOrg,
    propose: e.subject_kind === 'member' ? manageOrg : upper,
    decide,
  };
}

function stepProblem(step: EvaluationStep | null, action: EvaluationAction) {
  return evaluationActionProblem(step, action);
}

function allowedActions(access: Access, step: EvaluationStep | null): EvaluationAction[] {
  const out: EvaluationAction[] = [];
  if (access.selfAssess && !stepProblem(step, 'self_assess')) out.push('self_assess');
  if (access.propose && !stepProblem(step, 'propose')) out.push('propose');
  if (access.decide && !stepProblem(step, 'decide')) out.push('decide');
  if (access.decide && !stepProblem(step, 'announce')) out.push('announce');
  return out;
}

// ---- evidence ----------------------------------------------------------------------------------------------

interface Evidence {
  attendance: AttendanceFacts | null;
  meetings: MeetingFactsSummary | null;
  tasks: TaskFacts;
  ratings: { month: string; rating: 'good' | 'fair' | 'average' | 'poor' }[];
  discipline: Omit<DisciplineFact, 'memberId'>[];
  memberLevels: ReturnType<typeof countLevels> | null;
  highestAllowed: ReturnType<typeof highestAllowedLevel>;
}

interface RawFacts {
  attendance: AttendanceFacts | null;
  meetings: MeetingFactsSummary | null;
  tasks: TaskFacts;
  ratings: Evidence['ratings'];
  discipline: DisciplineFact[];
  /** Members disciplined (for an organisation: bars excellent). */
  membersDisciplined: DisciplineFact[];
  memberLevels: ReturnType<typeof countLevels> | null;
}

/** The facts of every evaluation in `rows`, read in a few batched queries. */
async function factsOf(q: Queryable, rows: EvaluationRow[]): Promise<Map<string, RawFacts>> {
  const out = new Map<string, RawFacts>();
  const byYear = new Map<number, EvaluationRow[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  for (const [year, list] of byYear) {
    const memberRows = list.filter((r) => r.subject_kind === 'member');
    const orgRows = list.filter((r) => r.subject_kind === 'organization');
    const memberIds = memberRows.map((r) => r.member_id!);
    const orgIds = [...new Set(list.map((r) => r.organization_id))];
    // One query at a time: inside a transaction they share one connection.
    const attendance = await memberAttendance(q, memberIds, year);
    const tasks = await memberTasks(q, memberIds, year);
    const discipline = await memberDiscipline(q, memberIds, year);
    const ratings = await monthlyRatings(q, orgIds, year);
    const orgIdsOfOrgRows = orgRows.map((r) => r.organization_id);
    const held = await meetingsHeld(q, orgIdsOfOrgRows, year, yearEnd(year));
    const orgDiscipline = await organizationDiscipline(q, orgIdsOfOrgRows, year);
    for (const r of memberRows) {
      out.set(r.id, {
        attendance: attendance.get(r.member_id!)!,
        meetings: null,
        tasks: tasks.get(r.member_id!)!,
        ratings: ratings.get(r.organization_id) ?? [],
        discipline: discipline.filter((d) => d.memberId === r.member_id),
        membersDisciplined: [],
        memberLevels: null,
      });
    }
    for (const r of orgRows) {
      const orgTasks = await organizationTasks(q, r.organization_id, year);
      const members = await q.query<{ member_id: string; decided_level: QualityLevel | null }>(
        `SELECT member_id, decided_level FROM evaluation
          WHERE subject_kind = 'member' AND organization_id = $1 AND year = $2`,
        [r.organization_id, year],
      );
      const membersDisciplined = await memberDiscipline(
        q,
        members.map((m) => m.member_id),
        year,
      );
      out.set(r.id, {
        attendance: null,
        meetings: held.get(r.organization_id)!,
        tasks: orgTasks,
        ratings: ratings.get(r.organization_id) ?? [],
        discipline: [
          ...orgDiscipline.filter((d) => d.organizationId === r.organization_id),
          ...membersDisciplined,
        ],
        membersDisciplined,
        memberLevels: countLevels(members.map((m) => m.decided_level)),
      });
    }
  }
  return out;
}

/** The domain's facts for a level check: the recorded tasks and discipline, with the self-assessed points. */
function evaluationFacts(
  e: Pick<EvaluationRow, 'subject_kind'>,
  raw: RawFacts,
  points: number | null,
  tasksExceeding: number,
): EvaluationFacts {
  const own = raw.discipline.filter((d) => !raw.membersDisciplined.includes(d));
  return {
    points,
    tasksTotal: raw.tasks.total,
    tasksOnTime: raw.tasks.onTime,
    tasksLate: raw.tasks.late,
    tasksExceeding,
    tasksNotDone: raw.tasks.notDone,
    disqualifiers: own.map(disciplineText),
    excellentBlockers:
      e.subject_kind === 'organization' && raw.membersDisciplined.length > 0
        ? [membersDisciplinedBlocker(raw.membersDisciplined.length)]
        : [],
  };
}

function evidenceOf(e: EvaluationRow, raw: RawFacts): Evidence {
  const rules = rulesOf(e.year);
  const points = rules.scale === 'points_100' ? (e.self_points ?? 100) : null;
  const done = raw.tasks.onTime + raw.tasks.late;
  const facts = evaluationFacts(e, raw, points, Math.min(e.self_tasks_exceeding, done));
  return {
    attendance: raw.attendance,
    meetings: raw.meetings,
    tasks: raw.tasks,
    ratings: raw.ratings,
    discipline: raw.discipline.map((d) => ({
      id: d.id,
      memberName: d.memberName,
      form: d.form,
      decidedOn: d.decidedOn,
      documentRef: d.documentRef,
      reason: d.reason,
    })),
    memberLevels: raw.memberLevels,
    highestAllowed: highestAllowedLevel(rules, facts),
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
    actions: allowedActions(access, e.step),
  };
}

async function quotaOf(q: Queryable, holderId: string, year: number, subjectKind = 'member') {
  const rules = rulesOf(year);
  const rows = await q.query<{ decided_level: QualityLevel }>(
    `SELECT decided_level FROM evaluation WHERE holder_id = $1 AND year = $2 AND subject_kind = $3
        AND decided_level IS NOT NULL`,
    [holderId, year, subjectKind],
  );
  const check = quotaCheck(
    rows.map((r) => r.decided_level),
    rules,
  );
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
  db: Database,
  actor: Actor,
  organizationId: string,
  yearInput?: number,
) {
  const node = await visibleNode(db, actor, organizationId);
  const year = yearInput ?? Number(todayIso().slice(0, 4));
  const rules = rulesOf(year);
  const holder = await holderOf(db, node);
  const isCell = isCellKind(node.kind);
  const rows = await db.query<EvaluationRow>(
    isCell
      ? `${evaluationSelect} WHERE e.organization_id = $1 AND e.year = $2
           ORDER BY e.subject_kind DESC, m.search_name`
      : `${evaluationSelect} WHERE (e.holder_id = $1 OR e.organization_id = $1) AND e.subject_kind = 'organization'
           AND e.year = $2 ORDER BY p.search_name`,
    [node.id, year],
  );
  const visible = rows
    .map((r) => ({ row: r, access: accessOf(actor, r) }))
    .filter(({ row, access }) => access.seesAll || access.isSubject || row.step === 'announced');
  const facts = await factsOf(
    db,
    visible.map((v) => v.row),
  );
  const resource = orgResource(node.path);
  return {
    organization: { id: node.id, name: node.name, kind: node.kind },
    year,
    rules: {
      id: rules.id,
      title: rules.title,
      document: documentLabel(rules.document),
      scale: rules.scale,
      levels: qualityLevels.map((level) => ({ level, conditions: levelConditions(rules, level) })),
    },
    holder: { id: holder.id, name: holder.name },
    quota: await quotaOf(db, isCell ? holder.id : node.id, year),
    items: visible.map(({ row, access }) => itemOf(row, access, facts.get(row.id)!)),
    canStart: isCell && (can(actor, 'meeting.manage', resource) || can(actor, 'topic.review', resource)),
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
    const resource = orgResource(node.path);
    if (!can(actor, 'meeting.manage', resource) && !can(actor, 'topic.review', resource)) {
      throw new AppError(
        'forbidden',
        'Chỉ bí thư, phó bí thư chi bộ hoặc cấp ủy cấp trên được khởi tạo đánh giá',
      );
    }
    if (!isCellKind(node.kind)) {
      throw new AppError('invalid_state', 'Đánh giá, xếp loại hằng năm được khởi tạo theo từng chi bộ');
    }
    const rules = rulesOf(year);
    const holder = await holderOf(tx, node);
    const members = await tx.query<{ member_id: string; leader: boolean }>(
      `SELECT DISTINCT ms.member_id,
              EXISTS (SELECT 1 FROM position po WHERE po.member_id = ms.member_id AND po.kind = ANY($4::text[])
                        AND po.valid_from <= $3 AND (po.valid_to IS NULL OR po.valid_to > $3)) AS leader
         FROM membership ms JOIN member m ON m.id = ms.member_id
        WHERE ms.organization_id = $1 AND ms.kind = 'official' AND m.lifecycle = 'active'
          AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $2)`,
      [node.id, yearStart(year), yearEnd(year) < todayIso() ? yearEnd(year) : todayIso(), leaderPositions],
    );
    let created = 0;
    const insert = async (memberId: string | null, form: EvaluationSubject) => {
      const r = await tx.query(
        `INSERT INTO evaluation (province_id, year, subject_kind, member_id, organization_id, holder_id, rules_id,
           rules_version, subject_form) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING id`,
        [
          node.province_id,
          year,
          memberId ? 'member' : 'organization',
          memberId,
          node.id,
          holder.id,
          rules.id,
          rules.version,
          form,
        ],
      );
      created += r.length;
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
async function forAction(tx: Queryable, actor: Actor, id: string, action: EvaluationAction, denied: string) {
  const [e] = await tx.query<EvaluationRow>(`${evaluationSelect} WHERE e.id = $1 FOR UPDATE OF e`, [id]);
  if (!e) throw notFound('Không tìm thấy bản đánh giá');
  const access = accessOf(actor, e);
  if (!access.view) throw notFound('Không tìm thấy bản đánh giá');
  const allowed =
    action === 'self_assess' ? access.selfAssess : action === 'propose' ? access.propose : access.decide;
  if (!allowed) throw new AppError('forbidden', denied);
  const problem = stepProblem(e.step, action);
  if (problem) throw new AppError('invalid_state', problem);
  const raw = (await factsOf(tx, [e])).get(e.id)!;
  return { e, raw, rules: rulesOf(e.year) };
}

function checkLevel(
  rules: EvaluationRules,
  e: EvaluationRow,
  raw: RawFacts,
  level: QualityLevel,
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
  set: Record<string, unknown>,
  audit: { action: string; after: unknown },
  meta: Meta,
) {
  const columns = Object.keys(set);
  const values = Object.values(set);
  const assignments = columns.map((c, i) => `${c} = $${i + 4}`).join(', ');
  const evidence = evidenceOf({ ...e, ...(set as Partial<EvaluationRow>) } as EvaluationRow, raw);
  await tx.query(
    `UPDATE evaluation SET step = $2, evidence = COALESCE(evidence, '{}'::jsonb) || $3::jsonb,
       version = version + 1, updated_at = now()${assignments ? `, ${assignments}` : ''} WHERE id = $1`,
    [e.id, step, JSON.stringify({ [step]: { at: new Date().toISOString(), ...evidence } }), ...values],
  );
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
    const { e, raw, rules } = await forAction(
      tx,
      actor,
      id,
      'self_assess',
      'Chỉ đảng viên tự kiểm điểm cho mình; tập thể chi bộ do bí thư, phó bí thư kiểm điểm',
    );
    const points = rules.scale === 'points_100' ? (input.points ?? null) : null;
    if (rules.scale === 'points_100' && points === null) {
      const message = `Cần tổng điểm tự chấm theo khung 100 điểm (${documentLabel(rules.document)})`;
      throw new AppError('validation_failed', message, [{ path: 'points', message }]);
    }
    checkLevel(rules, e, raw, input.level, points, input.tasksExceeding);
    let form = e.subject_form;
    if (input.form && e.subject_kind === 'member') {
      if (input.form === 'collective') {
        const message = 'Mẫu kiểm điểm tập thể chỉ dùng cho tổ chức đảng';
        throw new AppError('validation_failed', message, [{ path: 'form', message }]);
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
    const { e, raw, rules } = await forAction(
      tx,
      actor,
      id,
      'propose',
      'Chi bộ (bí thư, phó bí thư) đề xuất mức xếp loại đảng viên; cấp ủy cấp trên đề xuất cho chi bộ',
    );
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
    const { e, raw, rules } = await forAction(
      tx,
      actor,
      id,
      'decide',
      'Chỉ cấp có thẩm quyền (cấp ủy cơ sở trở lên) quyết định xếp loại',
    );
    checkLevel(rules, e, raw, input.level, e.self_points, e.self_tasks_exceeding);
    let quota: ReturnType<typeof quotaCheck> | null = null;
    if (input.level === 'excellent') {
      // One decision at a time per grassroots organisation, so two excellents cannot both pass the cap.
      await tx.query('SELECT id FROM organization WHERE id = $1 FOR UPDATE', [e.holder_id]);
      const others = await tx.query<{ decided_level: QualityLevel }>(
        `SELECT decided_level FROM evaluation WHERE holder_id = $1 AND year = $2 AND subject_kind = $3
            AND decided_level IS NOT NULL AND id <> $4`,
        [e.holder_id, e.year, e.subject_kind, e.id],
      );
      quota = quotaCheck([...others.map((o) => o.decided_level), 'excellent'], rules);
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
    const { e, raw } = await forAction(
      tx,
      actor,
      id,
      'announce',
      'Chỉ cấp có thẩm quyền thông báo kết quả xếp loại',
    );
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

/** Records a discipline decision on a member of the subtree or on the organisation itself. */
export async function recordDiscipline(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof disciplineBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    if (!can(actor, 'topic.review', orgResource(node.path))) {
      throw new AppError('forbidden', 'Chỉ cấp ủy cấp trên hoặc Ban Tổ chức được ghi quyết định kỷ luật');
    }
    if (input.memberId) {
      const [m] = await tx.query(
        `SELECT 1 FROM membership ms JOIN organization_period p ON p.organization_id = ms.organization_id
           AND p.valid_to IS NULL WHERE ms.member_id = $1 AND p.path <@ $2::ltree LIMIT 1`,
        [input.memberId, node.path],
      );
      if (!m) throw notFound('Không tìm thấy đảng viên trong tổ chức này');
    } else if (!['reprimand', 'warning', 'dissolution'].includes(input.form)) {
      const message = 'Tổ chức đảng chỉ bị kỷ luật khiển trách, cảnh cáo hoặc giải tán';
      throw new AppError('validation_failed', message, [{ path: 'form', message }]);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO discipline (province_id, member_id, organization_id, form, decided_on, document_ref, reason, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [
        node.province_id,
        input.memberId ?? null,
        input.memberId ? null : node.id,
        input.form,
        input.decidedOn,
        input.documentRef || null,
        input.reason,
        actor.accountId,
      ],
    );
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'discipline.record',
      entity: 'discipline',
      entityId: row!.id,
      after: { ...input, organizationId: node.id },
      ip: meta.ip,
    });
    return { id: row!.id };
  });
}
