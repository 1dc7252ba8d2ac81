// The meeting in session and its minutes: the roll as marked (check-in: meeting-checkin.service.ts), guests, the agenda and the current
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
import { verbatim } from '../../../domain/messages.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { createMeetingTask } from '../tasks/tasks.service.ts';
import { type Meta, mutate } from './meeting-write.ts';
import { assertOnRoll } from './meetings.service.ts';
import * as minutesRepo from './meeting-minutes.repository.ts';

export async function recordAttendance(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof attendanceBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.attendance', after: () => input };
  return mutate(db, actor, meetingId, 'record_attendance', meta, audit, async (tx, m) => {
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

export async function addGuest(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof guestBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.guest.add', after: (r: { id: string }) => ({ ...r, ...input }) };
  return mutate(db, actor, meetingId, 'add_guest', meta, audit, async (tx, m) => {
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
  return mutate(db, actor, meetingId, 'edit_agenda', meta, audit, async (tx, m) => {
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
  return mutate(db, actor, meetingId, 'set_current_item', meta, audit, async (tx, m) => {
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
  return mutate(db, actor, meetingId, 'edit_minutes', meta, audit, async (tx, m) => {
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
      { path: 'notes', message: verbatim(current.notes) },
      { path: 'notesVersion', message: verbatim(String(current.notes_version)) },
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
  return mutate(db, actor, meetingId, 'edit_minutes', meta, audit, async (tx, m) => {
    const version = await minutesRepo.saveGeneralMinutes(tx, m.id, input.text, input.baseVersion);
    if (version !== null) return { version };
    throw new AppError('edit_conflict', message('meeting.general_minutes_conflict'), [
      { path: 'text', message: verbatim(m.minutes_general) },
      { path: 'version', message: verbatim(String(m.minutes_general_version)) },
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
  return mutate(db, actor, meetingId, 'record_contribution', meta, audit, async (tx, m) => {
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
  return mutate(db, actor, meetingId, 'add_task', meta, audit, async (tx, m) => {
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
  return mutate(db, actor, meetingId, 'add_addendum', meta, audit, async (tx, m) => {
    return { id: await minutesRepo.insertAddendum(tx, m.id, input.text, actor.accountId) };
  });
}
