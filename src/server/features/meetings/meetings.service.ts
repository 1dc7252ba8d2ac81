// One meeting from preparation to adopted minutes: every write checks visibility (404), the actor's role (403)
// and the meeting's state (422), runs in one transaction, and then tells the live room.
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import {
  type meetingActions,
  type addAgendaItemBody,
  type addendumBody,
  type adoptBody,
  type attendanceBody,
  type closeVoteBody,
  type contributionBody,
  type createMeetingBody,
  type createTaskBody,
  type currentItemBody,
  type generalNotesBody,
  type guestBody,
  type notesBody,
  type openVoteBody,
  type rsvpBody,
  type updateMeetingBody,
} from '../../../contracts/meetings.ts';
import { addDays, formatDateVi, todayIso } from '../../../domain/dates.ts';
import {
  checkMeetingDate,
  documentLabel,
  movedDateReason,
  plannedRegularMeetingDate,
  type RuleSet,
} from '../../../domain/meeting-rules.ts';
import { dayOffName, isDayOff } from '../../../domain/vietnam-calendar.ts';
import { fromStoredText, joined, storedText, viText } from '../../../domain/messages.ts';
import {
  agendaTemplate,
  formatDecisionNumber,
  generateCheckinCode,
  issuerAbbreviation,
  type MeetingKind,
  nextStatus,
  normalizeCheckinCode,
  numberingPeriodKey,
  showOfHandsProblem,
  summarizeAttendance,
  voteEligibility,
  voteResult,
} from '../../../domain/meetings.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { builtInVotingRules, votingRulesInForce } from '../../../domain/voting-rules.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as orgRepo from '../organizations/organizations.repository.ts';
import { ruleSetResolver } from '../rule-sets/rule-sets.service.ts';
import {
  checkAttachment,
  iso,
  type MeetingAccess,
  type MeetingRow,
  requireManage,
  requireRun,
  requireState,
  ruleSetOf,
  visibleMeeting,
  vnDate,
} from './meeting-access.ts';
import { buildRoom, entryOf, fillRoll, publishChange } from './meeting-room.ts';

interface Meta {
  ip: string | null;
}

const regularKinds: readonly string[] = ['regular', 'regular_thematic'];
const cellKinds: readonly string[] = ['cell', 'grassroots_cell'];

/** The rule set governing an organisation on a date, or a clear error when none was in force. */
export async function governingOn(q: Queryable, path: string, date: string): Promise<RuleSet> {
  const r = (await ruleSetResolver(q, path))(date);
  if (!r) {
    throw new AppError('validation_failed', 'Chưa có quy định sinh hoạt chi bộ nào áp dụng vào ngày này', [
      { path: 'plannedDate', message: `Không có quy định áp dụng ngày ${formatDateVi(date)}` },
    ]);
  }
  return r;
}

/** Problems of a meeting date under its rule set, as field issues; a reason makes an off-rule date acceptable. */
function dateIssues(ruleSet: RuleSet, kind: string, date: string, reason: string | null | undefined) {
  if (!regularKinds.includes(kind)) return [];
  const violations = checkMeetingDate(ruleSet, date, reason ?? undefined);
  const hasReason = (reason ?? '').trim() !== '';
  if (violations.length === 0 || hasReason) return [];
  return [{ path: 'dateReason', message: joined(violations.map((v) => v.message)) }];
}

async function insertAgenda(q: Queryable, meetingId: string, kind: string, thematic: boolean) {
  const items = agendaTemplate({ kind: kind as MeetingKind, thematic, admission: false });
  for (const [i, item] of items.entries()) {
    await q.query(
      'INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title) VALUES ($1,$2,$3,$4,$5)',
      [meetingId, (i + 1) * 10, item.section, item.key, item.title],
    );
  }
}

async function orgForWrite(q: Queryable, actor: Actor, organizationId: string) {
  const node = await orgRepo.findNode(q, organizationId);
  if (!node || !can(actor, 'organization.view', { type: 'organization', path: node.path })) {
    throw notFound('Không tìm thấy tổ chức');
  }
  if (node.valid_to) throw new AppError('invalid_state', 'Tổ chức đã giải thể hoặc hợp nhất');
  if (!can(actor, 'meeting.manage', { type: 'organization', path: node.path })) {
    throw new AppError(
      'forbidden',
      'Chỉ bí thư, phó bí thư (thường trực cấp ủy) của tổ chức được lập lịch họp',
    );
  }
  return node;
}

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
  const issues = dateIssues(ruleSet, input.kind, input.plannedDate, dateReason);
  if (issues.length) throw new AppError('validation_failed', 'Ngày họp chưa đúng quy định', issues);
  if (regularKinds.includes(input.kind)) {
    const clash = await tx.query(
      `SELECT 1 FROM meeting WHERE organization_id = $1 AND for_month = $2 AND kind IN ('regular','regular_thematic')
         AND status <> 'cancelled'`,
      [node.id, input.forMonth],
    );
    if (clash.length) {
      throw new AppError('conflict', 'Tháng này đã có cuộc sinh hoạt thường kỳ', [
        { path: 'forMonth', message: 'Mỗi tháng một cuộc sinh hoạt thường kỳ' },
      ]);
    }
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO meeting (province_id, organization_id, kind, for_month, planned_date, date_reason, planned_time,
       location, rule_set_id, rule_set_version, thematic_topic_id, combined_with_other, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
    [
      node.province_id,
      node.id,
      input.kind,
      input.forMonth,
      input.plannedDate,
      dateReason,
      input.plannedTime,
      input.location,
      ruleSet.id,
      ruleSet.version,
      input.thematicTopicId ?? null,
      input.combinedWithOther,
      actor.accountId,
    ],
  );
  const id = row!.id;
  await insertAgenda(tx, id, input.kind, input.kind === 'thematic' || input.kind === 'regular_thematic');
  await fillRoll(tx, {
    id,
    organization_id: node.id,
    kind: input.kind,
    planned_date: input.plannedDate,
    org_path: node.path,
  });
  return id;
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
      throw new AppError('validation_failed', 'Hội nghị đảng bộ chỉ có ở đảng bộ', [
        { path: 'kind', message: 'Chi bộ tổ chức sinh hoạt thường kỳ hoặc chuyên đề' },
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

/**
 * One write to a meeting: locks it, checks who and when, runs `fn`, bumps the version, audits if asked, and
 * after the commit pushes the new state to the live room.
 */
async function mutate<T>(
  db: Database,
  actor: Actor,
  meetingId: string,
  fn: (tx: Tx, m: MeetingRow, access: MeetingAccess) => Promise<T>,
  audit?: { action: string; after?: (result: T) => unknown; ip: string | null },
): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const { meeting, access } = await visibleMeeting(tx, actor, meetingId, true);
    const out = await fn(tx, meeting, access);
    await tx.query('UPDATE meeting SET version = version + 1 WHERE id = $1', [meetingId]);
    if (audit) {
      await recordAudit(tx, {
        chain: meeting.province_id,
        actorAccountId: actor.accountId,
        action: audit.action,
        entity: 'meeting',
        entityId: meetingId,
        after: audit.after ? audit.after(out) : undefined,
        ip: audit.ip,
      });
    }
    return out;
  });
  publishChange(db, meetingId);
  return result;
}

export async function getDetail(db: Database, actor: Actor, meetingId: string) {
  const { meeting: m, access } = await visibleMeeting(db, actor, meetingId);
  const room = await buildRoom(db, m);
  const mine = actor.memberId ? room.attendance.find((a) => a.memberId === actor.memberId) : undefined;
  const ballots = actor.memberId
    ? await db.query<{ vote_id: string; choice: 'for' | 'against' | 'abstain' }>(
        `SELECT b.vote_id, b.choice FROM meeting_ballot b JOIN meeting_vote v ON v.id = b.vote_id
          WHERE v.meeting_id = $1 AND b.member_id = $2`,
        [m.id, actor.memberId],
      )
    : [];
  const materials = await db.query<{
    id: string;
    title: string;
    versions: Array<{
      id: string;
      version: number;
      fileName: string;
      mimeType: string;
      sizeBytes: number;
      uploadedAt: string;
    }>;
    read_count: number;
    read_by_me: boolean;
  }>(
    `SELECT mt.id, mt.title,
            COALESCE((SELECT json_agg(json_build_object('id', v.id, 'version', v.version, 'fileName', v.file_name,
                       'mimeType', v.mime_type, 'sizeBytes', v.size_bytes, 'uploadedAt', v.uploaded_at)
                       ORDER BY v.version DESC) FROM meeting_material_version v WHERE v.material_id = mt.id), '[]') AS versions,
            (SELECT count(*) FROM material_read r WHERE r.material_id = mt.id)::int AS read_count,
            EXISTS (SELECT 1 FROM material_read r WHERE r.material_id = mt.id AND r.member_id = $2) AS read_by_me
       FROM meeting_material mt WHERE mt.meeting_id = $1 ORDER BY mt.created_at`,
    [m.id, actor.memberId],
  );
  const actions: string[] = [];
  const st = m.status;
  if (access.manage) {
    actions.push('manage');
    if (st === 'planned') actions.push('publish');
    if (st === 'planned' || st === 'notified') actions.push('start', 'cancel');
    if (st === 'in_session') actions.push('end');
    if (st === 'held') actions.push('adopt');
  }
  if (access.run) {
    actions.push('run');
    if (st === 'in_session' || st === 'held') actions.push('edit_minutes');
    if (st === 'adopted') actions.push('add_addendum');
  }
  if (st === 'adopted' && actor.memberId) {
    if (actor.memberId === m.chair_member_id && !m.chair_signed_at) actions.push('sign_chair');
    if (actor.memberId === m.minute_taker_member_id && !m.minute_taker_signed_at) {
      actions.push('sign_minute_taker');
    }
  }
  if (mine && (st === 'planned' || st === 'notified')) actions.push('rsvp');
  if (mine && st === 'in_session' && mine.status !== 'present') actions.push('check_in');
  return {
    ...room,
    actions: actions as Array<(typeof meetingActions)[number]>,
    me:
      actor.memberId === null
        ? null
        : {
            memberId: actor.memberId,
            onRoll: !!mine,
            canVote: !!mine && mine.status === 'present' && mine.canVote,
            ballots: Object.fromEntries(ballots.map((b) => [b.vote_id, b.choice])),
          },
    checkinCode: access.run && st === 'in_session' ? m.checkin_code : null,
    materials: materials.map((x) => ({
      id: x.id,
      title: x.title,
      versions: x.versions.map((v) => ({ ...v, uploadedAt: iso(v.uploadedAt)! })),
      readCount: x.read_count,
      readByMe: x.read_by_me,
    })),
  };
}

async function assertOnRoll(
  q: Queryable,
  meetingId: string,
  memberId: string | null | undefined,
  field: string,
) {
  if (!memberId) return;
  const rows = await q.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2', [
    meetingId,
    memberId,
  ]);
  if (!rows.length) {
    throw new AppError('validation_failed', 'Đảng viên không có trong danh sách dự họp', [
      { path: field, message: 'Chọn đảng viên trong danh sách dự họp' },
    ]);
  }
}

export async function updateMeeting(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof updateMeetingBody>,
  meta: Meta,
) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'edit_preparation');
      const kind = input.kind ?? m.kind;
      const date = input.plannedDate ?? m.planned_date;
      const dateReason = input.dateReason === undefined ? m.date_reason : input.dateReason;
      if (input.plannedDate && input.plannedDate !== m.planned_date && !(input.changeReason ?? '').trim()) {
        throw new AppError('validation_failed', 'Đổi ngày họp phải ghi lý do', [
          { path: 'changeReason', message: 'Ghi lý do đổi ngày họp' },
        ]);
      }
      let ruleSet = ruleSetOf(m);
      if (input.plannedDate && input.plannedDate !== m.planned_date) {
        ruleSet = await governingOn(tx, m.org_path, input.plannedDate);
      }
      const issues = dateIssues(ruleSet, kind, date, dateReason);
      if (issues.length) throw new AppError('validation_failed', 'Ngày họp chưa đúng quy định', issues);
      for (const f of ['preparerMemberId', 'chairMemberId', 'minuteTakerMemberId'] as const) {
        await assertOnRoll(tx, m.id, input[f], f);
      }
      const set: Record<string, unknown> = {
        kind,
        planned_date: date,
        date_reason: dateReason?.trim() || null,
        rule_set_id: ruleSet.id,
        rule_set_version: ruleSet.version,
      };
      const map: Record<string, string> = {
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
      };
      for (const [k, col] of Object.entries(map)) {
        const v = (input as Record<string, unknown>)[k];
        if (v !== undefined) set[col] = v;
      }
      const cols = Object.keys(set);
      await tx.query(
        `UPDATE meeting SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [m.id, ...cols.map((c) => set[c])],
      );
      if (input.plannedDate && input.plannedDate !== m.planned_date) {
        await fillRoll(tx, { ...m, planned_date: date, kind });
      }
      return { ok: true as const };
    },
    { action: 'meeting.update', after: () => input, ip: meta.ip },
  );
}

/** Publishes the notice to every member on the roll and the followers; warns when the lead time is short. */
export async function publish(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'publish_notice');
      if (!(m.notice_content ?? '').trim()) {
        throw new AppError('validation_failed', 'Chưa có nội dung thông báo', [
          { path: 'noticeContent', message: 'Ghi thời gian, địa điểm và nội dung sinh hoạt' },
        ]);
      }
      await fillRoll(tx, m);
      await tx.query(`UPDATE meeting SET status = $2, notice_published_at = now() WHERE id = $1`, [
        m.id,
        nextStatus(m.status, 'publish_notice'),
      ]);
      const title = `Thông báo sinh hoạt: ${m.org_name}, ${m.planned_time} ngày ${formatDateVi(m.planned_date)}`;
      await tx.query(
        `INSERT INTO notification (member_id, kind, title, link, dedupe_key)
         SELECT a.member_id, 'meeting_notice', $2, $3, $4 FROM meeting_attendance a WHERE a.meeting_id = $1
         UNION
         SELECT ac.member_id, 'meeting_notice', $2, $3, $4 FROM role_assignment ra JOIN account ac ON ac.id = ra.account_id
          WHERE ra.role = 'follower' AND ra.organization_id = $5 AND ac.member_id IS NOT NULL
            AND ra.valid_from <= current_date AND (ra.valid_to IS NULL OR ra.valid_to > current_date)
         ON CONFLICT DO NOTHING`,
        [m.id, title, `/meetings/${m.id}`, `notice:${m.id}`, m.organization_id],
      );
      const warnings: string[] = [];
      const lead = ruleSetOf(m).parameters.materialsLeadDays;
      if (lead !== null && todayIso() > addDays(m.planned_date, -lead)) {
        warnings.push(
          `Thông báo và tài liệu phải gửi trước ngày họp ít nhất ${lead} ngày (${documentLabel(ruleSetOf(m).document)}); lần này bị muộn`,
        );
      }
      return { ok: true as const, warnings };
    },
    { action: 'meeting.publish', ip: meta.ip },
  );
}

export async function cancel(db: Database, actor: Actor, meetingId: string, reason: string, meta: Meta) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'cancel');
      await tx.query(`UPDATE meeting SET status = 'cancelled', cancel_reason = $2 WHERE id = $1`, [
        m.id,
        reason,
      ]);
      return { ok: true as const };
    },
    { action: 'meeting.cancel', after: () => ({ reason }), ip: meta.ip },
  );
}

export async function rsvp(db: Database, actor: Actor, meetingId: string, input: z.infer<typeof rsvpBody>) {
  return mutate(db, actor, meetingId, async (tx, m) => {
    if (m.status !== 'planned' && m.status !== 'notified') {
      throw new AppError('invalid_state', 'Chỉ xác nhận dự họp hoặc xin vắng trước khi cuộc họp bắt đầu');
    }
    const rows = await tx.query(
      `UPDATE meeting_attendance SET rsvp = $3, rsvp_reason = $4, rsvp_at = now()
        WHERE meeting_id = $1 AND member_id = $2 RETURNING 1`,
      [m.id, actor.memberId, input.response, input.response === 'absence_requested' ? input.reason : null],
    );
    if (!rows.length) throw new AppError('forbidden', 'Đồng chí không có trong danh sách dự họp này');
    return { ok: true as const };
  });
}

function newCode() {
  return generateCheckinCode(() => randomInt(0, 1_000_000) / 1_000_000);
}

export async function start(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'start');
      const today = todayIso();
      if (m.planned_date !== today) {
        throw new AppError(
          'invalid_state',
          `Cuộc họp dự kiến ngày ${formatDateVi(m.planned_date)}, hôm nay là ${formatDateVi(today)}: đổi ngày họp (ghi lý do) trước khi bắt đầu`,
        );
      }
      await fillRoll(tx, m);
      // Absences requested beforehand become "absent with reason"; the member can still come and check in.
      await tx.query(
        `UPDATE meeting_attendance SET status = 'absent_excused', reason = rsvp_reason
          WHERE meeting_id = $1 AND rsvp = 'absence_requested' AND status IS NULL`,
        [m.id],
      );
      const [first] = await tx.query<{ id: string }>(
        'SELECT id FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position LIMIT 1',
        [m.id],
      );
      for (let attempt = 0; ; attempt++) {
        try {
          await tx.query(
            `UPDATE meeting SET status = 'in_session', started_at = now(), checkin_code = $2,
               current_item_id = COALESCE(current_item_id, $3) WHERE id = $1`,
            [m.id, newCode(), first?.id ?? null],
          );
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '23505' || attempt > 5) throw e;
        }
      }
      return { ok: true as const };
    },
    { action: 'meeting.start', ip: meta.ip },
  );
}

export async function end(db: Database, actor: Actor, meetingId: string, meta: Meta) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'end');
      // Whoever is still unmarked when the meeting ends was absent: with the reason they gave, else without.
      await tx.query(
        `UPDATE meeting_attendance SET
           status = CASE WHEN rsvp = 'absence_requested' THEN 'absent_excused' ELSE 'absent_unexcused' END,
           reason = CASE WHEN rsvp = 'absence_requested' THEN rsvp_reason END
          WHERE meeting_id = $1 AND status IS NULL`,
        [m.id],
      );
      const [row] = await tx.query<{ minutes: number }>(
        `UPDATE meeting SET status = 'held', ended_at = now(), checkin_code = NULL WHERE id = $1
         RETURNING (extract(epoch FROM ended_at - started_at) / 60)::int AS minutes`,
        [m.id],
      );
      const r = ruleSetOf(m).parameters;
      const required =
        m.kind === 'regular_thematic' && r.minCombinedDurationMinutes
          ? r.minCombinedDurationMinutes
          : r.minDurationMinutes;
      const warnings =
        row!.minutes < required
          ? [
              `Cuộc họp kéo dài ${row!.minutes} phút, chưa đủ ${required} phút theo ${documentLabel(ruleSetOf(m).document)}`,
            ]
          : [];
      return { ok: true as const, warnings };
    },
    { action: 'meeting.end', ip: meta.ip },
  );
}

export async function recordAttendance(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof attendanceBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'record_attendance');
    if (input.status === 'absent_excused' && !(input.reason ?? '').trim()) {
      throw new AppError('validation_failed', 'Vắng có lý do phải ghi lý do', [
        { path: 'reason', message: 'Ghi lý do vắng mặt' },
      ]);
    }
    const rows = await tx.query(
      `UPDATE meeting_attendance SET status = $3, reason = $4,
         checked_in_at = CASE WHEN $3 = 'present' THEN COALESCE(checked_in_at, now()) ELSE NULL END,
         check_in_method = CASE WHEN $3 = 'present' THEN COALESCE(check_in_method, 'tap') ELSE NULL END
        WHERE meeting_id = $1 AND member_id = $2 RETURNING 1`,
      [m.id, input.memberId, input.status, input.reason?.trim() || null],
    );
    if (!rows.length) throw notFound('Đảng viên không có trong danh sách dự họp');
    return { ok: true as const };
  });
}

/** A member checks themself in with the code shown in the room: only while in session, only once. */
export async function checkIn(db: Database, actor: Actor, meetingId: string, code: string) {
  return mutate(db, actor, meetingId, async (tx, m) => {
    if (m.status !== 'in_session') {
      throw new AppError('invalid_state', 'Chỉ điểm danh được trong thời gian cuộc họp diễn ra');
    }
    if (!m.checkin_code || normalizeCheckinCode(code) !== m.checkin_code) {
      throw new AppError('validation_failed', 'Mã điểm danh không đúng', [
        { path: 'code', message: 'Mã điểm danh không đúng; xem mã trên màn hình phòng họp' },
      ]);
    }
    const [row] = await tx.query<{ status: string | null; checked_in_at: Date | null }>(
      'SELECT status, checked_in_at FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2',
      [m.id, actor.memberId],
    );
    if (!row) throw new AppError('forbidden', 'Đồng chí không có trong danh sách dự họp này');
    if (row.status === 'present') {
      throw new AppError('conflict', 'Đồng chí đã được điểm danh có mặt', [
        { path: 'code', message: 'Mỗi đảng viên chỉ điểm danh một lần' },
      ]);
    }
    await tx.query(
      `UPDATE meeting_attendance SET status = 'present', reason = NULL, checked_in_at = now(), check_in_method = 'code'
        WHERE meeting_id = $1 AND member_id = $2`,
      [m.id, actor.memberId],
    );
    return { ok: true as const };
  });
}

export async function addGuest(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof guestBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    if (!['planned', 'notified', 'in_session'].includes(m.status)) {
      throw new AppError('invalid_state', 'Chỉ thêm khách mời trước hoặc trong cuộc họp');
    }
    const [row] = await tx.query<{ id: string }>(
      'INSERT INTO meeting_guest (meeting_id, name, title) VALUES ($1,$2,$3) RETURNING id',
      [m.id, input.name, input.title],
    );
    return { id: row!.id };
  });
}

export async function addAgendaItem(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof addAgendaItemBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    if (!['planned', 'notified', 'in_session'].includes(m.status)) {
      throw new AppError('invalid_state', 'Chương trình chỉ sửa được trước khi kết thúc cuộc họp');
    }
    // A new item goes at the end of its section.
    const [pos] = await tx.query<{ p: number }>(
      `SELECT COALESCE(max(position) FILTER (WHERE section = $2),
                       min(position) FILTER (WHERE section = 'closing') - 5, max(position), 0) AS p
         FROM meeting_agenda_item WHERE meeting_id = $1`,
      [m.id, input.section],
    );
    await tx.query(
      `UPDATE meeting_agenda_item SET position = position + 10 WHERE meeting_id = $1 AND position > $2`,
      [m.id, pos!.p],
    );
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title) VALUES ($1,$2,$3,'custom',$4) RETURNING id`,
      [m.id, pos!.p + 1, input.section, input.title],
    );
    return { id: row!.id };
  });
}

export async function setCurrentItem(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof currentItemBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    if (m.status !== 'in_session')
      throw new AppError('invalid_state', 'Cuộc họp chưa bắt đầu hoặc đã kết thúc');
    if (input.markDone && m.current_item_id) {
      await tx.query('UPDATE meeting_agenda_item SET done_at = COALESCE(done_at, now()) WHERE id = $1', [
        m.current_item_id,
      ]);
    }
    if (input.agendaItemId) {
      const ok = await tx.query('SELECT 1 FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2', [
        input.agendaItemId,
        m.id,
      ]);
      if (!ok.length) throw notFound('Không có mục này trong chương trình');
    }
    await tx.query('UPDATE meeting SET current_item_id = $2 WHERE id = $1', [m.id, input.agendaItemId]);
    return { ok: true as const };
  });
}

function lockedOr(m: MeetingRow) {
  requireState(m, 'edit_minutes');
}

/**
 * Saves an agenda item's minutes only if nobody saved since the version the editor started from; otherwise a
 * 409 with the other text, so the client shows both and nothing typed is lost.
 */
export async function saveItemNotes(
  db: Database,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof notesBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    lockedOr(m);
    const [row] = await tx.query<{ notes_version: number }>(
      `UPDATE meeting_agenda_item SET notes = $3, conclusion = COALESCE($4, conclusion), notes_version = notes_version + 1
        WHERE id = $1 AND meeting_id = $2 AND notes_version = $5 RETURNING notes_version`,
      [
        itemId,
        m.id,
        input.notes,
        input.conclusion === undefined ? null : input.conclusion,
        input.baseVersion,
      ],
    );
    if (!row) {
      const [current] = await tx.query<{ notes: string; notes_version: number }>(
        'SELECT notes, notes_version FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2',
        [itemId, m.id],
      );
      if (!current) throw notFound('Không có mục này trong chương trình');
      throw new AppError('edit_conflict', 'Người khác vừa sửa biên bản mục này; xem hai bản và chọn', [
        { path: 'notes', message: current.notes },
        { path: 'notesVersion', message: String(current.notes_version) },
      ]);
    }
    return { notesVersion: row.notes_version };
  });
}

export async function saveGeneralMinutes(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof generalNotesBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    lockedOr(m);
    const [row] = await tx.query<{ v: number }>(
      `UPDATE meeting SET minutes_general = $2, minutes_general_version = minutes_general_version + 1
        WHERE id = $1 AND minutes_general_version = $3 RETURNING minutes_general_version AS v`,
      [m.id, input.text, input.baseVersion],
    );
    if (!row) {
      throw new AppError(
        'edit_conflict',
        'Người khác vừa sửa phần ghi chung của biên bản; xem hai bản và chọn',
        [
          { path: 'text', message: m.minutes_general },
          { path: 'version', message: String(m.minutes_general_version) },
        ],
      );
    }
    return { version: row.v };
  });
}

export async function addContribution(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof contributionBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    lockedOr(m);
    const item = await tx.query('SELECT 1 FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2', [
      input.agendaItemId,
      m.id,
    ]);
    if (!item.length) throw notFound('Không có mục này trong chương trình');
    if (input.memberId) {
      const [a] = await tx.query<{ status: string | null }>(
        'SELECT status FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2',
        [m.id, input.memberId],
      );
      if (!a || a.status !== 'present') {
        throw new AppError('validation_failed', 'Người phát biểu phải có mặt tại cuộc họp', [
          { path: 'memberId', message: 'Chọn đảng viên đã điểm danh có mặt' },
        ]);
      }
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO meeting_contribution (meeting_id, agenda_item_id, member_id, guest_name, summary)
       VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [
        m.id,
        input.agendaItemId,
        input.memberId ?? null,
        input.memberId ? null : input.guestName,
        input.summary,
      ],
    );
    return { id: row!.id };
  });
}

async function rollEntries(q: Queryable, meetingId: string) {
  return (
    await q.query<{
      member_id: string;
      member_class: 'full' | 'probationary';
      temporary: boolean;
      exempt: boolean;
      status: 'present' | 'absent_excused' | 'absent_unexcused' | 'exempt' | null;
    }>(
      'SELECT member_id, member_class, temporary, exempt, status FROM meeting_attendance WHERE meeting_id = $1',
      [meetingId],
    )
  ).map(entryOf);
}

export async function openVote(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof openVoteBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'open_vote');
    const open = await tx.query(`SELECT 1 FROM meeting_vote WHERE meeting_id = $1 AND status = 'open'`, [
      m.id,
    ]);
    if (open.length) throw new AppError('invalid_state', 'Đang có một nội dung biểu quyết chưa kết thúc');
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO meeting_vote (meeting_id, agenda_item_id, subject, kind, method, voting_rules_id)
       VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [
        m.id,
        input.agendaItemId ?? null,
        input.subject,
        input.kind,
        input.method,
        votingRulesInForce(m.planned_date).id,
      ],
    );
    return { id: row!.id };
  });
}

async function voteWithMeeting(q: Queryable, voteId: string) {
  const [v] = await q.query<{
    id: string;
    meeting_id: string;
    kind: 'decision' | 'admission' | 'other';
    method: 'show_of_hands' | 'electronic';
    status: 'open' | 'closed';
    voting_rules_id: string;
  }>('SELECT id, meeting_id, kind, method, status, voting_rules_id FROM meeting_vote WHERE id = $1', [
    voteId,
  ]);
  if (!v) throw notFound('Không tìm thấy nội dung biểu quyết');
  return v;
}

/** A member's own electronic ballot: only full members present who are eligible, once. */
export async function castBallot(
  db: Database,
  actor: Actor,
  voteId: string,
  choice: 'for' | 'against' | 'abstain',
) {
  const v = await voteWithMeeting(db, voteId);
  return mutate(db, actor, v.meeting_id, async (tx, m) => {
    requireState(m, 'cast_vote');
    const [vote] = await tx.query<{ status: string; method: string }>(
      'SELECT status, method FROM meeting_vote WHERE id = $1 FOR UPDATE',
      [voteId],
    );
    if (vote!.status !== 'open') throw new AppError('invalid_state', 'Biểu quyết đã kết thúc');
    if (vote!.method !== 'electronic') {
      throw new AppError('invalid_state', 'Nội dung này biểu quyết bằng giơ tay; thư ký ghi kết quả');
    }
    const entries = await rollEntries(tx, m.id);
    const mine = entries.find((e) => e.memberId === actor.memberId);
    if (!mine) throw new AppError('forbidden', 'Đồng chí không có trong danh sách dự họp này');
    const eligibility = voteEligibility(mine);
    if (!eligibility.eligible)
      throw new AppError('forbidden', eligibility.reason ?? 'Đồng chí không có quyền biểu quyết');
    const rows = await tx.query(
      `INSERT INTO meeting_ballot (vote_id, member_id, choice) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING 1`,
      [voteId, actor.memberId, choice],
    );
    if (!rows.length) throw new AppError('conflict', 'Đồng chí đã biểu quyết nội dung này');
    return { ok: true as const };
  });
}

export async function closeVote(
  db: Database,
  actor: Actor,
  voteId: string,
  input: z.infer<typeof closeVoteBody>,
  meta: Meta,
) {
  const v = await voteWithMeeting(db, voteId);
  return mutate(
    db,
    actor,
    v.meeting_id,
    async (tx, m, access) => {
      requireRun(access);
      requireState(m, 'open_vote');
      if (v.status !== 'open') throw new AppError('invalid_state', 'Biểu quyết đã kết thúc');
      const summary = summarizeAttendance(await rollEntries(tx, m.id));
      let counts: { for: number; against: number; abstain: number };
      if (v.method === 'show_of_hands') {
        counts = {
          for: input.forCount ?? -1,
          against: input.againstCount ?? 0,
          abstain: input.abstainCount ?? 0,
        };
        if (input.forCount === undefined) {
          throw new AppError('validation_failed', 'Ghi số tán thành', [
            { path: 'forCount', message: 'Bắt buộc' },
          ]);
        }
        const problem = showOfHandsProblem(counts, summary.eligiblePresent);
        if (problem)
          throw new AppError('validation_failed', problem, [{ path: 'forCount', message: problem }]);
      } else {
        const rows = await tx.query<{ choice: 'for' | 'against' | 'abstain'; n: number }>(
          'SELECT choice, count(*)::int AS n FROM meeting_ballot WHERE vote_id = $1 GROUP BY choice',
          [voteId],
        );
        const n = (c: string) => rows.find((r) => r.choice === c)?.n ?? 0;
        counts = { for: n('for'), against: n('against'), abstain: n('abstain') };
      }
      const rules =
        builtInVotingRules.find((r) => r.id === v.voting_rules_id) ?? votingRulesInForce(m.planned_date);
      const result = voteResult(v.kind, counts, summary.voteBase, summary.eligiblePresent, rules);
      await tx.query(
        `UPDATE meeting_vote SET status = 'closed', closed_at = now(), for_count = $2, against_count = $3,
           abstain_count = $4, vote_base = $5, eligible_present = $6, passed = $7, line = $8 WHERE id = $1`,
        [
          voteId,
          result.forCount,
          result.againstCount,
          result.abstainCount,
          result.base,
          summary.eligiblePresent,
          result.passed,
          storedText(result.line),
        ],
      );
      return { passed: result.passed, line: result.line };
    },
    { action: 'meeting.vote.close', after: (r) => ({ voteId, ...r }), ip: meta.ip },
  );
}

export async function createTask(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof createTaskBody>,
) {
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireRun(access);
    lockedOr(m);
    if (input.assigneeMemberId) await assertOnRoll(tx, m.id, input.assigneeMemberId, 'assigneeMemberId');
    if (input.assigneeGroupId) {
      const g = await tx.query(
        `SELECT 1 FROM organization_period p JOIN organization o ON o.id = p.organization_id
          WHERE p.organization_id = $1 AND p.parent_id = $2 AND p.valid_to IS NULL AND o.kind = 'party_group'`,
        [input.assigneeGroupId, m.organization_id],
      );
      if (!g.length) {
        throw new AppError('validation_failed', 'Tổ đảng không thuộc chi bộ này', [
          { path: 'assigneeGroupId', message: 'Chọn tổ đảng của chi bộ' },
        ]);
      }
    }
    if (input.deadline && input.deadline < m.planned_date) {
      throw new AppError('validation_failed', 'Thời hạn phải sau ngày họp', [
        { path: 'deadline', message: `Từ ngày ${formatDateVi(m.planned_date)} trở đi` },
      ]);
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO task (province_id, organization_id, meeting_id, title, expected_result, deadline, assignee_member_id,
         assignee_group_id, created_by_member_id, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [
        m.province_id,
        m.organization_id,
        m.id,
        input.title,
        input.expectedResult ?? null,
        input.deadline ?? null,
        input.assigneeMemberId ?? null,
        input.assigneeGroupId ?? null,
        actor.memberId,
        actor.accountId,
      ],
    );
    return { id: row!.id };
  });
}

/** The decision's sections, written from the facts of the meeting. */
async function decisionBody(q: Queryable, m: MeetingRow) {
  const room = await buildRoom(q, m);
  const s = room.summary;
  const prev = room.previousAchievement;
  const intro =
    `Ngày ${formatDateVi(m.started_at ? vnDate(m.started_at) : m.planned_date)}, tại ${m.location || 'nơi sinh hoạt'}, ${m.org_name} tổ chức ${room.title.toLowerCase()}. ` +
    `Tổng số đảng viên ${s.total}, có mặt ${s.present}, vắng có lý do ${s.absentExcused}, vắng không lý do ${s.absentUnexcused}, miễn sinh hoạt ${s.exempt}.`;
  const sections = [
    {
      heading: 'I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC',
      paragraphs: [
        prev.share === null
          ? 'Tháng trước không có nhiệm vụ đến hạn.'
          : `Hoàn thành ${prev.achieved}/${prev.due} nhiệm vụ của nghị quyết ${prev.decisionNumber ?? 'tháng trước'}.`,
        ...room.agenda
          .filter((a) => a.key === 'previous_decision_review' && (a.conclusion || a.notes))
          .map((a) => a.conclusion || a.notes),
      ],
    },
    {
      heading: 'II. NHIỆM VỤ THÁNG TỚI',
      paragraphs: (m.draft_resolution ?? '')
        .split(/\n+/)
        .map((x) => x.trim())
        .filter(Boolean),
    },
  ];
  const conclusion = room.agenda.find((a) => a.key === 'conclusion')?.conclusion;
  if (conclusion) sections.push({ heading: 'III. KẾT LUẬN CỦA CHỦ TRÌ', paragraphs: [conclusion] });
  return { intro, sections };
}

/**
 * Adopts and locks the minutes and issues the decision with the next number of its issuer, type and term.
 * Needs a closed, passed vote on the resolution or conclusion.
 */
export async function adopt(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof adoptBody>,
  meta: Meta,
) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireManage(access);
      requireState(m, 'adopt_minutes');
      const [vote] = await tx.query<{ passed: boolean; line: string }>(
        `SELECT passed, line FROM meeting_vote WHERE meeting_id = $1 AND kind = 'decision' AND status = 'closed'
          ORDER BY closed_at DESC LIMIT 1`,
        [m.id],
      );
      if (!vote) {
        throw new AppError(
          'invalid_state',
          'Chưa biểu quyết thông qua nghị quyết hoặc kết luận của cuộc họp',
        );
      }
      if (!vote.passed) {
        throw new AppError(
          'invalid_state',
          `Nghị quyết chưa được thông qua (${viText(fromStoredText(vote.line))})`,
        );
      }
      const [term] = await tx.query<{ term_start: string }>(
        `SELECT term_start FROM committee WHERE organization_id = $1 AND term_start <= $2
           AND (term_end IS NULL OR term_end > $2) ORDER BY term_start DESC LIMIT 1`,
        [m.organization_id, m.planned_date],
      );
      const periodKey = numberingPeriodKey(term?.term_start ?? null, m.planned_date);
      const [seq] = await tx.query<{ n: number }>(
        `SELECT COALESCE(max(seq), 0) + 1 AS n FROM decision WHERE organization_id = $1 AND type = $2 AND period_key = $3`,
        [m.organization_id, input.decisionType, periodKey],
      );
      const number = formatDecisionNumber(seq!.n, input.decisionType, issuerAbbreviation(m.org_kind));
      const next = Number(m.for_month.slice(5, 7)) === 12 ? 1 : Number(m.for_month.slice(5, 7)) + 1;
      const nextYear = next === 1 ? Number(m.for_month.slice(0, 4)) + 1 : Number(m.for_month.slice(0, 4));
      const title = input.decisionTitle?.trim() || `Lãnh đạo thực hiện nhiệm vụ tháng ${next}/${nextYear}`;
      const body = await decisionBody(tx, m);
      await tx.query(
        `INSERT INTO decision (province_id, organization_id, meeting_id, type, period_key, seq, number, title, body, issued_on, finalised_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, now())`,
        [
          m.province_id,
          m.organization_id,
          m.id,
          input.decisionType,
          periodKey,
          seq!.n,
          number,
          title,
          JSON.stringify(body),
          vnDate(m.started_at ?? new Date()),
        ],
      );
      await tx.query(`UPDATE meeting SET status = 'adopted', adopted_at = now() WHERE id = $1`, [m.id]);
      // The previous decision's tasks reviewed in this meeting are closed against it.
      const prev = await tx.query<{ id: string }>(
        `SELECT pm.id FROM meeting pm WHERE pm.organization_id = $1 AND pm.id <> $2 AND pm.planned_date < $3
           AND pm.kind IN ('regular','regular_thematic') AND pm.status IN ('held','adopted')
         ORDER BY pm.planned_date DESC LIMIT 1`,
        [m.organization_id, m.id, m.planned_date],
      );
      if (prev[0]) {
        await tx.query(
          `UPDATE task SET reviewed_in_meeting_id = $2 WHERE meeting_id = $1 AND reviewed_in_meeting_id IS NULL`,
          [prev[0].id, m.id],
        );
      }
      return { decisionNumber: number };
    },
    { action: 'meeting.adopt', after: (r) => r, ip: meta.ip },
  );
}

export async function sign(
  db: Database,
  actor: Actor,
  meetingId: string,
  role: 'chair' | 'minute_taker',
  meta: Meta,
) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m) => {
      requireState(m, 'sign');
      const who = role === 'chair' ? m.chair_member_id : m.minute_taker_member_id;
      if (!actor.memberId || actor.memberId !== who) {
        throw new AppError(
          'forbidden',
          role === 'chair' ? 'Chỉ đồng chí chủ trì cuộc họp được ký' : 'Chỉ thư ký cuộc họp được ký',
        );
      }
      const col = role === 'chair' ? 'chair_signed_at' : 'minute_taker_signed_at';
      const rows = await tx.query(
        `UPDATE meeting SET ${col} = now() WHERE id = $1 AND ${col} IS NULL RETURNING 1`,
        [m.id],
      );
      if (!rows.length) throw new AppError('conflict', 'Đồng chí đã ký biên bản này');
      return { ok: true as const };
    },
    { action: 'meeting.sign', after: () => ({ role }), ip: meta.ip },
  );
}

export async function addAddendum(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof addendumBody>,
  meta: Meta,
) {
  return mutate(
    db,
    actor,
    meetingId,
    async (tx, m, access) => {
      requireRun(access);
      requireState(m, 'add_addendum');
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO meeting_addendum (meeting_id, text, created_by) VALUES ($1,$2,$3) RETURNING id',
        [m.id, input.text, actor.accountId],
      );
      return { id: row!.id };
    },
    { action: 'meeting.addendum', after: () => input, ip: meta.ip },
  );
}

export async function uploadMaterial(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { file: File; title: string | null; materialId: string | null },
) {
  const type = input.file.type || '';
  checkAttachment(type, input.file.size);
  const content = Buffer.from(await input.file.arrayBuffer());
  return mutate(db, actor, meetingId, async (tx, m, access) => {
    requireManage(access);
    if (m.status === 'cancelled' || m.status === 'adopted') {
      throw new AppError('invalid_state', 'Không thêm tài liệu cho cuộc họp đã kết thúc hồ sơ');
    }
    let materialId = input.materialId;
    if (materialId) {
      const ok = await tx.query('SELECT 1 FROM meeting_material WHERE id = $1 AND meeting_id = $2', [
        materialId,
        m.id,
      ]);
      if (!ok.length) throw notFound('Không tìm thấy tài liệu');
    } else {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO meeting_material (meeting_id, title) VALUES ($1,$2) RETURNING id',
        [m.id, input.title?.trim() || input.file.name],
      );
      materialId = row!.id;
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO meeting_material_version (material_id, version, file_name, mime_type, size_bytes, content, uploaded_by)
       SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM meeting_material_version WHERE material_id = $1
       RETURNING id`,
      [materialId, input.file.name, type, content.length, content, actor.accountId],
    );
    return { id: row!.id, materialId };
  });
}

/** A material's file; reading it records the member's read receipt. */
export async function downloadMaterial(db: Database, actor: Actor, versionId: string) {
  const [v] = await db.query<{
    material_id: string;
    meeting_id: string;
    file_name: string;
    mime_type: string;
    content: Uint8Array;
  }>(
    `SELECT v.material_id, mt.meeting_id, v.file_name, v.mime_type, v.content FROM meeting_material_version v
       JOIN meeting_material mt ON mt.id = v.material_id WHERE v.id = $1`,
    [versionId],
  );
  if (!v) throw notFound('Không tìm thấy tài liệu');
  await visibleMeeting(db, actor, v.meeting_id);
  if (actor.memberId) {
    await db.query(
      'INSERT INTO material_read (material_id, member_id) VALUES ($1,$2) ON CONFLICT DO NOTHING',
      [v.material_id, actor.memberId],
    );
    publishChange(db, v.meeting_id);
  }
  return { fileName: v.file_name, mimeType: v.mime_type, content: v.content };
}
