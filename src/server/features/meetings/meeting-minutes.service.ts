// The meeting in session and its minutes: the roll (marked or by check-in code), guests, the agenda and the current
// item, minutes per item and in general (with conflict detection), speakers, tasks assigned, and addenda to
// locked minutes. Every write goes through `mutate`.
import type { z } from 'zod';
import type {
  addAgendaItemBody,
  addendumBody,
  attendanceBody,
  contributionBody,
  createTaskBody,
  currentItemBody,
  generalNotesBody,
  guestBody,
  notesBody,
} from '../../../contracts/meetings.ts';
import { normalizeCheckinCode } from '../../../domain/meetings.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { createMeetingTask } from '../tasks/tasks.service.ts';
import { requireRun, requireState } from './meeting-access.ts';
import { type Meta, mutate } from './meeting-write.ts';
import { assertOnRoll } from './meetings.service.ts';
import * as minutesRepo from './meeting-minutes.repository.ts';

const beforeEnd: readonly string[] = ['planned', 'notified', 'in_session'];

export async function recordAttendance(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof attendanceBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.attendance', after: () => input };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'record_attendance');
    if (input.status === 'absent_excused' && !(input.reason ?? '').trim()) {
      throw new AppError('validation_failed', message('meeting.absence_needs_reason'), [
        { path: 'reason', message: message('meeting.give_absence_reason') },
      ]);
    }
    if (
      !(await minutesRepo.updateAttendance(
        tx,
        m.id,
        input.memberId,
        input.status,
        input.reason?.trim() || null,
      ))
    ) {
      throw notFound(message('meeting.member_not_on_roll'));
    }
    return { ok: true as const };
  });
}

/** A member checks themself in with the code shown in the room: only while in session, only once. */
export async function checkIn(db: Database, actor: Actor, meetingId: string, code: string, meta: Meta) {
  return mutate(db, actor, meetingId, meta, { action: 'meeting.checkIn' }, async (tx, m) => {
    if (m.status !== 'in_session')
      throw new AppError('invalid_state', message('meeting.checkin_only_in_session'));
    if (!m.checkin_code || normalizeCheckinCode(code) !== m.checkin_code) {
      throw new AppError('validation_failed', message('meeting.checkin_code_wrong'), [
        { path: 'code', message: message('meeting.checkin_code_hint') },
      ]);
    }
    const row = await minutesRepo.findAttendanceStatus(tx, m.id, actor.memberId);
    if (!row) throw new AppError('forbidden', message('meeting.not_on_your_roll'));
    if (row.status === 'present') {
      throw new AppError('conflict', message('meeting.already_checked_in'), [
        { path: 'code', message: message('meeting.check_in_once') },
      ]);
    }
    await minutesRepo.markCheckedIn(tx, m.id, actor.memberId);
    return { ok: true as const };
  });
}

export async function addGuest(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof guestBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.guest.add', after: (r: { id: string }) => ({ ...r, ...input }) };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    if (!beforeEnd.includes(m.status))
      throw new AppError('invalid_state', message('meeting.guests_before_end'));
    return { id: await minutesRepo.insertGuest(tx, m.id, input.name, input.title) };
  });
}

export async function addAgendaItem(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof addAgendaItemBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.agenda.add', after: (r: { id: string }) => ({ ...r, ...input }) };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    if (!beforeEnd.includes(m.status))
      throw new AppError('invalid_state', message('meeting.agenda_before_end'));
    return { id: await minutesRepo.insertAgendaItemInSection(tx, m.id, input.section, input.title) };
  });
}

export async function setCurrentItem(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof currentItemBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.agenda.current', after: () => input };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    if (m.status !== 'in_session') throw new AppError('invalid_state', message('meeting.not_in_session'));
    if (input.markDone && m.current_item_id) await minutesRepo.markItemDone(tx, m.current_item_id);
    if (input.agendaItemId && !(await minutesRepo.agendaItemExists(tx, m.id, input.agendaItemId))) {
      throw notFound(message('meeting.agenda_item_not_found'));
    }
    await minutesRepo.setCurrentItem(tx, m.id, input.agendaItemId);
    return { ok: true as const };
  });
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
  meta: Meta,
) {
  const audit = {
    action: 'meeting.minutes.item',
    after: (r: { notesVersion: number }) => ({ itemId, ...input, ...r }),
  };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'edit_minutes');
    const conclusion = input.conclusion === undefined ? null : input.conclusion;
    const version = await minutesRepo.saveItemNotes(
      tx,
      m.id,
      itemId,
      input.notes,
      conclusion,
      input.baseVersion,
    );
    if (version !== null) return { notesVersion: version };
    const current = await minutesRepo.findItemNotes(tx, m.id, itemId);
    if (!current) throw notFound(message('meeting.agenda_item_not_found'));
    // The other text travels as the issues' words: data for the editor, not a sentence to translate.
    throw new AppError('edit_conflict', message('meeting.item_notes_conflict'), [
      { path: 'notes', message: current.notes },
      { path: 'notesVersion', message: String(current.notes_version) },
    ]);
  });
}

export async function saveGeneralMinutes(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof generalNotesBody>,
  meta: Meta,
) {
  const audit = {
    action: 'meeting.minutes.general',
    after: (r: { version: number }) => ({ ...input, ...r }),
  };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'edit_minutes');
    const version = await minutesRepo.saveGeneralMinutes(tx, m.id, input.text, input.baseVersion);
    if (version !== null) return { version };
    throw new AppError('edit_conflict', message('meeting.general_minutes_conflict'), [
      { path: 'text', message: m.minutes_general },
      { path: 'version', message: String(m.minutes_general_version) },
    ]);
  });
}

export async function addContribution(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof contributionBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.contribution.add', after: (r: { id: string }) => ({ ...r, ...input }) };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'edit_minutes');
    if (!(await minutesRepo.agendaItemExists(tx, m.id, input.agendaItemId))) {
      throw notFound(message('meeting.agenda_item_not_found'));
    }
    if (
      input.memberId &&
      (await minutesRepo.findAttendanceStatus(tx, m.id, input.memberId))?.status !== 'present'
    ) {
      throw new AppError('validation_failed', message('meeting.speaker_not_present'), [
        { path: 'memberId', message: message('meeting.choose_present_member') },
      ]);
    }
    const id = await minutesRepo.insertContribution(tx, {
      meetingId: m.id,
      agendaItemId: input.agendaItemId,
      memberId: input.memberId ?? null,
      guestName: input.memberId ? null : (input.guestName ?? null),
      summary: input.summary,
    });
    return { id };
  });
}

/** A task assigned in the meeting, to a member on the roll or a party group of the cell. */
export async function createTask(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof createTaskBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.task.create', after: (r: { id: string }) => ({ taskId: r.id, ...input }) };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'edit_minutes');
    await assertOnRoll(tx, m.id, input.assigneeMemberId, 'assigneeMemberId');
    return { id: await createMeetingTask(tx, actor, m, input) };
  });
}

export async function addAddendum(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof addendumBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.addendum', after: () => input };
  return mutate(db, actor, meetingId, meta, audit, async (tx, m, access) => {
    requireRun(access);
    requireState(m, 'add_addendum');
    return { id: await minutesRepo.insertAddendum(tx, m.id, input.text, actor.accountId) };
  });
}
