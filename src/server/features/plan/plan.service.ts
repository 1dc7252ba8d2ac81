// The year's plan of an organisation: its meeting calendar from the rule set, the work programme, thematic
// topics reviewed by the upper committee, and compliance computed from the recorded meetings.
import type { z } from 'zod';
import type { createMeetingBody } from '../../../contracts/meetings.ts';
import type { topicBody, topicReviewBody } from '../../../contracts/plan.ts';
import { todayIso } from '../../../domain/dates.ts';
import { documentLabel, movedDateReason, plannedRegularMeetingDate } from '../../../domain/meeting-rules.ts';
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
import { iso, meetingListItemOf } from '../meetings/meeting-access.ts';
import { hasRegularMeeting, insertMeeting } from '../meetings/meetings.service.ts';
import { getVisibleNode as visibleNode } from '../organizations/organizations.service.ts';
import { ruleSetResolver } from '../rule-sets/rule-sets.service.ts';
import * as summaries from '../summaries/summaries.service.ts';
import * as repo from './plan.repository.ts';
import type { TopicRow } from './plan.repository.ts';
import { pad, periodsOf, yearCompliance } from './year-compliance.ts';

interface Meta {
  ip: string | null;
}

/** Throws the rule's refusal, if any: the server allows exactly what it sends as `actions`. */
function refuse(r: Refusal | null) {
  if (r) throw new AppError(r.error, r.message);
}

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

/**
 * Compliance of the cells of a subtree over a year, a page at a time by name, with the subtree's totals: read from
 * the summaries the writes keep (src/server/features/summaries), so the answer does not grow with the province.
 */
export async function complianceOverview(
  db: Queryable,
  actor: Actor,
  organizationId: string,
  year: number,
  page: summaries.Page,
) {
  const node = await visibleNode(db, actor, organizationId);
  const { cells, nextCursor, cellCount } = await summaries.cellsPage(db, node.path, page);
  return {
    year,
    cellCount,
    nextCursor,
    cells: await summaries.complianceOfCells(db, cells, year),
    ...(await summaries.complianceTotals(db, node, year)),
  };
}
