// The year's plan of an organisation: its meeting calendar from the rule set, the work programme, thematic
// topics reviewed by the upper committee, and compliance computed from the recorded meetings.
import type { z } from 'zod';
import type { createMeetingBody } from '../../../contracts/meetings.ts';
import type { topicBody, topicReviewBody } from '../../../contracts/plan.ts';
import {
  type CellPeriod,
  cellPeriodsOf,
  complianceFindings,
  complianceMonths,
  type MeetingFacts,
  notApplicableMonths,
} from '../../../domain/compliance.ts';
import { todayIso } from '../../../domain/dates.ts';
import {
  documentLabel,
  movedDateReason,
  plannedRegularMeetingDate,
  type RuleSet,
} from '../../../domain/meeting-rules.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { Refusal } from '../../../domain/resource-actions.ts';
import {
  topicActionRefusal,
  topicActions,
  topicListActionRefusal,
  topicListActions,
  yearPlanActionRefusal,
  yearPlanActions,
} from '../../../domain/topic-actions.ts';
import { dayOffLabel, dayOffName, isDayOff } from '../../../domain/vietnam-calendar.ts';
import { viText } from '../../../domain/messages.ts';
import { recordAudit } from '../../platform/audit.ts';
import { message } from '../../../messages/index.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso, meetingListItemOf, ruleSetOf } from '../meetings/meeting-access.ts';
import { hasRegularMeeting, insertMeeting } from '../meetings/meetings.service.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import { ruleSetResolver } from '../rule-sets/rule-sets.service.ts';
import * as repo from './plan.repository.ts';
import type { MeetingFactRow, TopicRow } from './plan.repository.ts';

interface Meta {
  ip: string | null;
}

/** Throws the rule's refusal, if any: the server allows exactly what it sends as `actions`. */
function refuse(r: Refusal | null) {
  if (r) throw new AppError(r.error, r.message);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A meeting is judged by the rule set it recorded when it was planned (the rule then in force). */
function factsOf(r: MeetingFactRow): MeetingFacts {
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
 * (their time to hold the meeting over) and those not applicable.
 */
function yearCompliance(
  rows: MeetingFactRow[],
  year: number,
  ruleSetFor: (d: string) => RuleSet | null,
  periods: readonly CellPeriod[],
) {
  const today = todayIso();
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

const periodsOf = (node: { kind: string; valid_from: string; valid_to: string | null }) =>
  cellPeriodsOf({ kind: node.kind, validFrom: node.valid_from, validTo: node.valid_to });

export async function yearView(db: Queryable, actor: Actor, organizationId: string, yearInput?: number) {
  const node = await visibleNode(db, actor, organizationId);
  const year = yearInput ?? Number(todayIso().slice(0, 4));
  const resolve = await ruleSetResolver(db, node.path);
  const rows = await repo.listMeetingFacts(db, [node.id], year);
  const calendar = [];
  for (let month = 1; month <= 12; month++) {
    const ruleSet = resolve(`${year}-${pad(month)}-01`) ?? resolve(`${year}-${pad(month)}-28`);
    const existing = rows.find(
      (r) =>
        r.for_month === `${year}-${pad(month)}` && (r.kind === 'regular' || r.kind === 'regular_thematic'),
    );
    if (!ruleSet) {
      if (existing) {
        calendar.push({
          month,
          date: existing.planned_date,
          reason: null,
          reasonText: null,
          meetingId: existing.id,
        });
      }
      continue;
    }
    const planned = plannedRegularMeetingDate(ruleSet, year, month, isDayOff);
    calendar.push({
      month,
      date: planned.date,
      reason: planned.reason,
      reasonText: movedDateReason(ruleSet, planned, year, dayOffLabel),
      meetingId: existing?.id ?? null,
    });
  }
  const current = resolve(todayIso());
  const cell = ['cell', 'grassroots_cell'].includes(node.kind);
  const compliance = yearCompliance(rows, year, resolve, periodsOf(node));
  return {
    organization: { id: node.id, name: node.name, kind: node.kind },
    year,
    ruleSet: current
      ? { id: current.id, title: current.title, document: documentLabel(current.document) }
      : null,
    calendar,
    meetings: rows.map(meetingListItemOf),
    // Monthly cell-meeting rules judge cells; a committee's own compliance is that of the cells below it.
    findings: cell ? compliance.findings : [],
    notApplicableMonths: cell ? compliance.notApplicable : [],
    actions: yearPlanActions(actor, { path: node.path }),
  };
}

/** Creates the planned regular meetings of the year's remaining months that have none yet. */
export async function generatePlan(
  db: Database,
  actor: Actor,
  organizationId: string,
  year: number,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    refuse(yearPlanActionRefusal(actor, { path: node.path }, 'plan_meetings'));
    const resolve = await ruleSetResolver(tx, node.path);
    const today = todayIso();
    let created = 0;
    for (let month = 1; month <= 12; month++) {
      const forMonth = `${year}-${pad(month)}`;
      const ruleSet = resolve(`${forMonth}-01`);
      if (!ruleSet) continue;
      const planned = plannedRegularMeetingDate(ruleSet, year, month, isDayOff);
      if (planned.date < today) continue;
      if (await hasRegularMeeting(tx, node.id, forMonth)) continue;
      const input: z.infer<typeof createMeetingBody> = {
        kind: month % 3 === 0 ? 'regular_thematic' : 'regular',
        forMonth,
        plannedDate: planned.date,
        plannedTime: '07:30',
        location: '',
        combinedWithOther: false,
        dateReason: viText(movedDateReason(ruleSet, planned, year, dayOffName)) ?? undefined,
      };
      await insertMeeting(tx, node, input, actor);
      created++;
    }
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'meeting.generatePlan',
      entity: 'organization',
      entityId: node.id,
      after: { year, created },
      ip: meta.ip,
    });
    return { created };
  });
}

export async function getWorkProgramme(db: Queryable, actor: Actor, organizationId: string, year: number) {
  const node = await visibleNode(db, actor, organizationId);
  const row = await repo.findWorkProgramme(db, node.id, year);
  return { year, content: row?.content ?? null, updatedAt: iso(row?.updated_at) };
}

export async function saveWorkProgramme(
  db: Database,
  actor: Actor,
  organizationId: string,
  year: number,
  content: string,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    refuse(yearPlanActionRefusal(actor, { path: node.path }, 'edit_work_programme'));
    await repo.upsertWorkProgramme(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      year,
      content,
      updatedBy: actor.accountId,
    });
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'workProgramme.save',
      entity: 'organization',
      entityId: node.id,
      after: { year },
      ip: meta.ip,
    });
    return { ok: true as const };
  });
}

const topicView = (actor: Actor, t: TopicRow & { path: string }) => ({
  id: t.id,
  year: t.year,
  quarter: t.quarter,
  title: t.title,
  presenters: t.presenters,
  draft: t.draft,
  status: t.status,
  reviewComment: t.review_comment,
  reviewedAt: iso(t.reviewed_at),
  actions: topicActions(actor, { path: t.path, status: t.status }),
});

export async function listTopics(db: Queryable, actor: Actor, organizationId: string, year: number) {
  const node = await visibleNode(db, actor, organizationId);
  const rows = await repo.listTopics(db, node.id, year);
  return {
    items: rows.map((t) => topicView(actor, { ...t, path: node.path })),
    actions: topicListActions(actor, { path: node.path }),
  };
}

export async function createTopic(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof topicBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await visibleNode(tx, actor, organizationId);
    refuse(topicListActionRefusal(actor, { path: node.path }, 'register'));
    const id = await repo.insertTopic(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      year: input.year,
      quarter: input.quarter,
      title: input.title,
      presenters: input.presenters,
      draft: input.draft ?? null,
    });
    await audit(tx, actor, meta, { chain: node.province_id, action: 'topic.create', id, after: input });
    return { id };
  });
}

async function topicFor(q: Queryable, actor: Actor, id: string) {
  const t = await repo.findTopic(q, id);
  if (!t || !can(actor, 'organization.view', { type: 'organization', path: t.path })) {
    throw notFound(message('topic.not_found'));
  }
  return t;
}

const audit = (
  tx: Queryable,
  actor: Actor,
  meta: Meta,
  e: { chain: string; action: string; id: string; after?: unknown },
) =>
  recordAudit(tx, {
    chain: e.chain,
    actorAccountId: actor.accountId,
    action: e.action,
    entity: 'thematic_topic',
    entityId: e.id,
    after: e.after,
    ip: meta.ip,
  });

export async function submitTopic(db: Database, actor: Actor, id: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const t = await topicFor(tx, actor, id);
    refuse(topicActionRefusal(actor, t, 'submit'));
    await repo.markTopicSubmitted(tx, id);
    await audit(tx, actor, meta, { chain: t.province_id, action: 'topic.submit', id });
    return { ok: true as const };
  });
}

export async function reviewTopic(
  db: Database,
  actor: Actor,
  id: string,
  input: z.infer<typeof topicReviewBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const t = await topicFor(tx, actor, id);
    refuse(topicActionRefusal(actor, t, 'review'));
    const status = input.decision === 'approve' ? 'approved' : 'returned';
    await repo.markTopicReviewed(tx, id, status, input.comment?.trim() || null, actor.accountId);
    await audit(tx, actor, meta, { chain: t.province_id, action: 'topic.review', id, after: input });
    return { ok: true as const };
  });
}

/** Compliance of every cell in the subtree over a year, worst first. */
export async function complianceOverview(db: Queryable, actor: Actor, organizationId: string, year: number) {
  const node = await visibleNode(db, actor, organizationId);
  const cells = await repo.listCellsUnder(db, node.path);
  const rows = await repo.listMeetingFacts(
    db,
    cells.map((c) => c.id),
    year,
  );
  const byOrg = new Map<string, MeetingFactRow[]>();
  for (const r of rows) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r]);
  // Cells under one parent share their rule-set assignments; resolve once per parent path.
  const resolvers = new Map<string, Awaited<ReturnType<typeof ruleSetResolver>>>();
  const totals: Record<string, number> = {};
  const out = [];
  for (const c of cells) {
    const parent = c.path.split('.').slice(0, -1).join('.');
    if (!resolvers.has(parent)) resolvers.set(parent, await ruleSetResolver(db, c.path));
    const mine = byOrg.get(c.id) ?? [];
    const { findings, judged, notApplicable } = yearCompliance(
      mine,
      year,
      resolvers.get(parent)!,
      periodsOf({ kind: c.kind, valid_from: c.valid_from, valid_to: c.valid_to }),
    );
    const missed = new Set(findings.filter((f) => f.code === 'no_meeting').map((f) => f.period));
    const byCode: Record<string, number> = {};
    for (const f of findings) {
      byCode[f.code] = (byCode[f.code] ?? 0) + 1;
      totals[f.code] = (totals[f.code] ?? 0) + 1;
    }
    out.push({
      id: c.id,
      name: c.name,
      held: mine.filter((m) => m.status === 'held' || m.status === 'adopted').length,
      findings: findings.length,
      byCode,
      monthsJudged: judged.length,
      monthsWithMeeting: judged.filter((m) => !missed.has(m)).length,
      monthsNotApplicable: notApplicable.length,
    });
  }
  out.sort((a, b) => b.findings - a.findings || a.name.localeCompare(b.name, 'vi'));
  return { year, cells: out, totals };
}
