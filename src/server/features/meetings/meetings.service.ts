// One meeting's lifecycle and preparation: scheduling against the rule set in force, the detail every screen
// shows, preparation edits, the notice, RSVP, start and end, cancelling. Every write goes through `mutate`.
import type { z } from 'zod';
import type { createMeetingBody, rsvpBody, updateMeetingBody } from '../../../contracts/meetings.ts';
import { addDays, formatDateVi, todayIso } from '../../../domain/dates.ts';
import {
  checkMeetingDate,
  movedDateReason,
  plannedRegularMeetingDate,
  type RuleSet,
} from '../../../domain/meeting-rules.ts';
import { agendaTemplate } from '../../../domain/meeting-agenda.ts';
import type { MeetingKind } from '../../../domain/meetings.ts';
import { nextStatus } from '../../../domain/meeting-actions.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { dayOffName, isDayOff } from '../../../domain/vietnam-calendar.ts';
import { citation, storedText, viText } from '../../../domain/messages.ts';
import { type Message, message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { buildRoom } from '../meeting-room/meeting-room.service.ts';
import { viewerTaskActions } from '../tasks/task-views.service.ts';
import { getVisibleNode } from '../organizations/organizations.service.ts';
import { ruleSetResolver } from '../rule-sets/rule-sets.service.ts';
import { allowedActions, meetingViewer, ruleSetOf, visibleMeeting } from './meeting-access.ts';
import { currentRoomCode, newCheckinSecret } from './meeting-checkin.service.ts';
import { listMaterialViews } from './meeting-materials.service.ts';
import { type Meta, mutate } from './meeting-write.ts';
import * as votesRepo from './meeting-votes.repository.ts';
import * as repo from './meetings.repository.ts';
import { refreshCell, yearOfMonth } from '../summaries/summaries.service.ts';

const regularKinds: readonly string[] = ['regular', 'regular_thematic'];
const cellKinds: readonly string[] = ['cell', 'grassroots_cell'];

/** The rule set governing an organisation on a date, or a clear error when none was in force. */
export async function governingOn(q: Queryable, path: string, date: string): Promise<RuleSet> {
  const r = (await ruleSetResolver(q, path))(date);
  if (!r) {
    throw new AppError('validation_failed', message('plan.no_rule_set'), [
      { path: 'plannedDate', message: message('plan.no_rule_set_on', { date: formatDateVi(date) }) },
    ]);
  }
  return r;
}

/** Problems of a meeting date under its rule set, one issue each; a reason makes an off-rule date acceptable. */
function dateIssues(ruleSet: RuleSet, kind: string, date: string, reason: string | null | undefined) {
  if (!regularKinds.includes(kind) || (reason ?? '').trim() !== '') return [];
  return checkMeetingDate(ruleSet, date, reason ?? undefined).map((v): FieldIssue => ({
    path: 'dateReason',
    message: v.message,
  }));
}

function assertDateIssues(issues: FieldIssue[]) {
  if (issues.length) throw new AppError('validation_failed', message('meeting.date_off_rule'), issues);
}

/** Whether the organisation already has a (not cancelled) regular meeting in the month. */
export const hasRegularMeeting = (q: Queryable, organizationId: string, forMonth: string) =>
  repo.hasRegularMeeting(q, organizationId, forMonth);

/** Creates one meeting (with its agenda and roll) after checking its date against the rule set in force. */
export async function insertMeeting(
  tx: Queryable,
  node: { id: string; province_id: string; path: string; kind: string },
  input: z.infer<typeof createMeetingBody>,
  actor: Actor,
) {
  const ruleSet = await governingOn(tx, node.path, input.plannedDate);
  // On the calendar's own date, moved off a day off, the reason is known: record it.
  let dateReason = input.dateReason?.trim() || null;
  if (!dateReason && regularKinds.includes(input.kind)) {
    const [year, month] = input.forMonth.split('-').map(Number) as [number, number];
    const planned = plannedRegularMeetingDate(ruleSet, year, month, isDayOff);
    if (planned.date === input.plannedDate)
      dateReason = viText(movedDateReason(ruleSet, planned, year, dayOffName));
  }
  assertDateIssues(dateIssues(ruleSet, input.kind, input.plannedDate, dateReason));
  if (regularKinds.includes(input.kind) && (await repo.hasRegularMeeting(tx, node.id, input.forMonth))) {
    throw new AppError('conflict', message('meeting.month_has_regular'), [
      { path: 'forMonth', message: message('meeting.one_regular_per_month') },
    ]);
  }
  const id = await repo.insertMeeting(tx, {
    provinceId: node.province_id,
    organizationId: node.id,
    kind: input.kind,
    forMonth: input.forMonth,
    plannedDate: input.plannedDate,
    dateReason,
    plannedTime: input.plannedTime,
    location: input.location,
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    thematicTopicId: input.thematicTopicId ?? null,
    combinedWithOther: input.combinedWithOther,
    createdBy: actor.accountId,
  });
  const thematic = input.kind === 'thematic' || input.kind === 'regular_thematic';
  await repo.insertAgendaItems(
    tx,
    id,
    agendaTemplate({ kind: input.kind as MeetingKind, thematic, admission: false }),
  );
  await repo.fillRoll(tx, {
    id,
    organization_id: node.id,
    kind: input.kind,
    planned_date: input.plannedDate,
    org_path: node.path,
  });
  // A planned meeting changes no finding, but its year becomes one the cell keeps summaries of.
  await refreshCell(tx, node.id, [yearOfMonth(input.forMonth)]);
  return id;
}

async function orgForWrite(q: Queryable, actor: Actor, organizationId: string) {
  const node = await getVisibleNode(q, actor, organizationId);
  if (node.valid_to) throw new AppError('invalid_state', message('meeting.organization_ended'));
  if (!can(actor, 'meeting.manage', { type: 'organization', path: node.path })) {
    throw new AppError('forbidden', message('meeting.schedule_only_leaders'));
  }
  return node;
}

export async function createMeeting(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof createMeetingBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await orgForWrite(tx, actor, organizationId);
    if (input.kind === 'general_assembly' && cellKinds.includes(node.kind)) {
      throw new AppError('validation_failed', message('meeting.assembly_only_committees'), [
        { path: 'kind', message: message('meeting.cell_meeting_kinds') },
      ]);
    }
    const id = await insertMeeting(tx, node, input, actor);
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'meeting.create',
      entity: 'meeting',
      entityId: id,
      after: input,
      ip: meta.ip,
    });
    return { id };
  });
}

export async function getDetail(db: Database, actor: Actor, meetingId: string) {
  const { meeting: m, access } = await visibleMeeting(db, actor, meetingId);
  const viewer = await meetingViewer(db, actor, m, access);
  const room = await buildRoom(db, m);
  const mine = actor.memberId ? room.attendance.find((a) => a.memberId === actor.memberId) : undefined;
  const ballots = actor.memberId ? await votesRepo.listMemberBallots(db, m.id, actor.memberId) : [];
  const actions = allowedActions(viewer, m);
  // The room's tasks are the same for every viewer; the detail adds what this viewer may do with each.
  const taskActions = await viewerTaskActions(db, actor, m.org_path);
  return {
    ...room,
    tasks: room.tasks.map((t) => ({ ...t, actions: taskActions(t) })),
    previousTasks: room.previousTasks.map((t) => ({ ...t, actions: taskActions(t) })),
    actions,
    me:
      actor.memberId === null
        ? null
        : {
            memberId: actor.memberId,
            onRoll: !!mine,
            canVote: !!mine && mine.status === 'present' && mine.canVote,
            ballots: Object.fromEntries(ballots.map((b) => [b.vote_id, b.choice])),
          },
    // Shown to those who mark attendance, while they may.
    checkinCode: actions.includes('record_attendance') ? currentRoomCode(m) : null,
    materials: await listMaterialViews(db, m.id, actor.memberId),
  };
}

/** A member named in the preparation must be on the roll. */
export async function assertOnRoll(
  q: Queryable,
  meetingId: string,
  memberId: string | null | undefined,
  field: string,
) {
  if (!memberId || (await repo.isOnRoll(q, meetingId, memberId))) return;
  throw new AppError('validation_failed', message('meeting.member_not_on_roll'), [
    { path: field, message: message('meeting.choose_member_on_roll') },
  ]);
}

const preparationColumns = {
  plannedTime: 'planned_time',
  location: 'location',
  preparerMemberId: 'preparer_member_id',
  chairMemberId: 'chair_member_id',
  minuteTakerMemberId: 'minute_taker_member_id',
  preparatoryHeldOn: 'preparatory_held_on',
  preparatoryMinutes: 'preparatory_minutes',
  noticeContent: 'notice_content',
  draftResolution: 'draft_resolution',
  thematicTopicId: 'thematic_topic_id',
  combinedWithOther: 'combined_with_other',
} as const satisfies Record<string, repo.PreparationColumn>;

export async function updateMeeting(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof updateMeetingBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.update', after: () => input };
  return mutate(db, actor, meetingId, 'edit_preparation', meta, audit, async (tx, m) => {
    const kind = input.kind ?? m.kind;
    const date = input.plannedDate ?? m.planned_date;
    const dateReason = input.dateReason === undefined ? m.date_reason : input.dateReason;
    const dateChanged = !!input.plannedDate && input.plannedDate !== m.planned_date;
    if (dateChanged && !(input.changeReason ?? '').trim()) {
      throw new AppError('validation_failed', message('meeting.date_change_needs_reason'), [
        { path: 'changeReason', message: message('meeting.give_date_change_reason') },
      ]);
    }
    const ruleSet = dateChanged ? await governingOn(tx, m.org_path, date) : ruleSetOf(m);
    assertDateIssues(dateIssues(ruleSet, kind, date, dateReason));
    for (const f of ['preparerMemberId', 'chairMemberId', 'minuteTakerMemberId'] as const) {
      await assertOnRoll(tx, m.id, input[f], f);
    }
    const set: Partial<Record<repo.PreparationColumn, unknown>> = {
      kind,
      planned_date: date,
      date_reason: dateReason?.trim() || null,
      rule_set_id: ruleSet.id,
      rule_set_version: ruleSet.version,
    };
    for (const [k, col] of Object.entries(preparationColumns)) {
      const v = (input as Record<string, unknown>)[k];
      if (v !== undefined) set[col] = v;
    }
    await repo.updatePreparation(tx, m.id, set);
    if (dateChanged) await repo.fillRoll(tx, { ...m, planned_date: date, kind });
    return { ok: true as const };
  });
}

/** Publishes the notice to every member on the roll and the followers; warns when the lead time is short. */
export async function publish(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  const audit = { action: 'meeting.publish' };
  return mutate(db, actor, meetingId, 'publish_notice', meta, audit, async (tx, m) => {
    if (!(m.notice_content ?? '').trim()) {
      throw new AppError('validation_failed', message('meeting.notice_missing'), [
        { path: 'noticeContent', message: message('meeting.notice_hint') },
      ]);
    }
    await repo.fillRoll(tx, m);
    await repo.markPublished(tx, m.id, nextStatus(m.status, 'publish_notice'));
    // Notifications are stored as text: the message's JSON, rendered in the reader's language.
    const title = storedText(
      message('meeting.notice_title', {
        organization: m.org_name,
        time: m.planned_time,
        date: formatDateVi(m.planned_date),
      }),
    );
    await repo.insertNoticeNotifications(tx, {
      meetingId: m.id,
      organizationId: m.organization_id,
      title,
      link: `/meetings/${m.id}`,
    });
    const warnings: Message[] = [];
    const lead = ruleSetOf(m).parameters.materialsLeadDays;
    if (lead !== null && todayIso() > addDays(m.planned_date, -lead)) {
      const document = citation(ruleSetOf(m).document);
      warnings.push(message('meeting.notice_late', { days: lead, document }));
    }
    return { ok: true as const, warnings };
  });
}

export async function cancel(db: Database, actor: Actor, meetingId: string, reason: string, meta: Meta) {
  const audit = { action: 'meeting.cancel', after: () => ({ reason }) };
  return mutate(db, actor, meetingId, 'cancel', meta, audit, async (tx, m) => {
    await repo.markCancelled(tx, m.id, nextStatus(m.status, 'cancel'), reason);
    return { ok: true as const };
  });
}

export async function rsvp(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof rsvpBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.rsvp', after: () => input };
  return mutate(db, actor, meetingId, 'rsvp', meta, audit, async (tx, m) => {
    const reason = input.response === 'absence_requested' ? input.reason : null;
    if (!(await repo.updateRsvp(tx, m.id, actor.memberId, input.response, reason))) {
      throw new AppError('forbidden', message('meeting.not_on_your_roll'));
    }
    return { ok: true as const };
  });
}

export async function start(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  return mutate(db, actor, meetingId, 'start', meta, { action: 'meeting.start' }, async (tx, m) => {
    const today = todayIso();
    if (m.planned_date !== today) {
      throw new AppError(
        'invalid_state',
        message('meeting.start_on_planned_day', {
          planned: formatDateVi(m.planned_date),
          today: formatDateVi(today),
        }),
      );
    }
    await repo.fillRoll(tx, m);
    await repo.excuseRequestedAbsences(tx, m.id);
    const first = await repo.findFirstAgendaItemId(tx, m.id);
    await repo.markStarted(tx, m.id, nextStatus(m.status, 'start'), newCheckinSecret(), first);
    return { ok: true as const };
  });
}

export async function end(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  return mutate(db, actor, meetingId, 'end', meta, { action: 'meeting.end' }, async (tx, m) => {
    await repo.markUnmarkedAbsent(tx, m.id);
    const minutes = await repo.markEnded(tx, m.id, nextStatus(m.status, 'end'));
    const r = ruleSetOf(m).parameters;
    const required =
      m.kind === 'regular_thematic' && r.minCombinedDurationMinutes
        ? r.minCombinedDurationMinutes
        : r.minDurationMinutes;
    const document = citation(ruleSetOf(m).document);
    const warnings =
      minutes < required ? [message('meeting.too_short', { minutes, required, document })] : [];
    return { ok: true as const, warnings };
  });
}
