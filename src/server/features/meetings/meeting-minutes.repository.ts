// SQL of a meeting in session and its minutes: the roll marked or checked in, guests, agenda items, minutes per
// item and in general (versioned), speakers, addenda and signatures.
import type { Queryable } from '../../platform/db.ts';

/** Marks one member on the roll; false when the member is not on it. */
export async function updateAttendance(
  q: Queryable,
  meetingId: string,
  memberId: string,
  status: string,
  reason: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE meeting_attendance SET status = $3, reason = $4,
       checked_in_at = CASE WHEN $3 = 'present' THEN COALESCE(checked_in_at, now()) ELSE NULL END,
       check_in_method = CASE WHEN $3 = 'present' THEN COALESCE(check_in_method, 'tap') ELSE NULL END
      WHERE meeting_id = $1 AND member_id = $2 RETURNING 1`,
    [meetingId, memberId, status, reason],
  );
  return rows.length > 0;
}

export async function findAttendanceStatus(
  q: Queryable,
  meetingId: string,
  memberId: string | null,
): Promise<{ status: string | null } | null> {
  const [row] = await q.query<{ status: string | null }>(
    'SELECT status FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2',
    [meetingId, memberId],
  );
  return row ?? null;
}

/** Marks a member present by their own room code ('code') or their personal pass scanned ('pass'). */
export async function markCheckedIn(
  q: Queryable,
  meetingId: string,
  memberId: string | null,
  method: 'code' | 'pass' = 'code',
) {
  await q.query(
    `UPDATE meeting_attendance SET status = 'present', reason = NULL, checked_in_at = now(), check_in_method = $3
      WHERE meeting_id = $1 AND member_id = $2`,
    [meetingId, memberId, method],
  );
}

/** The roll as the personal passes are matched against it: who, their name, whether already marked. */
export async function listRollForPasses(q: Queryable, meetingId: string) {
  return q.query<{ member_id: string; name: string; status: string | null }>(
    `SELECT a.member_id, mb.full_name AS name, a.status
       FROM meeting_attendance a JOIN member mb ON mb.id = a.member_id WHERE a.meeting_id = $1`,
    [meetingId],
  );
}

export async function insertGuest(q: Queryable, meetingId: string, name: string, title: string) {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO meeting_guest (meeting_id, name, title) VALUES ($1,$2,$3) RETURNING id',
    [meetingId, name, title],
  );
  return row!.id;
}

/** A new item goes at the end of its section (before the closing section for a section not yet used). */
export async function insertAgendaItemInSection(
  q: Queryable,
  meetingId: string,
  section: string,
  title: string,
) {
  const [pos] = await q.query<{ p: number }>(
    `SELECT COALESCE(max(position) FILTER (WHERE section = $2),
                     min(position) FILTER (WHERE section = 'closing') - 5, max(position), 0) AS p
       FROM meeting_agenda_item WHERE meeting_id = $1`,
    [meetingId, section],
  );
  await q.query(
    `UPDATE meeting_agenda_item SET position = position + 10 WHERE meeting_id = $1 AND position > $2`,
    [meetingId, pos!.p],
  );
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title) VALUES ($1,$2,$3,'custom',$4) RETURNING id`,
    [meetingId, pos!.p + 1, section, title],
  );
  return row!.id;
}

export async function markItemDone(q: Queryable, itemId: string) {
  await q.query('UPDATE meeting_agenda_item SET done_at = COALESCE(done_at, now()) WHERE id = $1', [itemId]);
}

export async function agendaItemExists(q: Queryable, meetingId: string, itemId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2', [
    itemId,
    meetingId,
  ]);
  return rows.length > 0;
}

export async function setCurrentItem(q: Queryable, id: string, itemId: string | null) {
  await q.query('UPDATE meeting SET current_item_id = $2 WHERE id = $1', [id, itemId]);
}

// ---- minutes -----------------------------------------------------------------------------------------------

/** Saves an item's minutes if its version is still `baseVersion`; answers the new version, or null. */
export async function saveItemNotes(
  q: Queryable,
  meetingId: string,
  itemId: string,
  notes: string,
  conclusion: string | null,
  baseVersion: number,
): Promise<number | null> {
  const [row] = await q.query<{ notes_version: number }>(
    `UPDATE meeting_agenda_item SET notes = $3, conclusion = COALESCE($4, conclusion), notes_version = notes_version + 1
      WHERE id = $1 AND meeting_id = $2 AND notes_version = $5 RETURNING notes_version`,
    [itemId, meetingId, notes, conclusion, baseVersion],
  );
  return row?.notes_version ?? null;
}

export async function findItemNotes(q: Queryable, meetingId: string, itemId: string) {
  const [row] = await q.query<{ notes: string; notes_version: number }>(
    'SELECT notes, notes_version FROM meeting_agenda_item WHERE id = $1 AND meeting_id = $2',
    [itemId, meetingId],
  );
  return row ?? null;
}

/** Saves the general part of the minutes if its version is still `baseVersion`; the new version, or null. */
export async function saveGeneralMinutes(
  q: Queryable,
  id: string,
  text: string,
  baseVersion: number,
): Promise<number | null> {
  const [row] = await q.query<{ v: number }>(
    `UPDATE meeting SET minutes_general = $2, minutes_general_version = minutes_general_version + 1
      WHERE id = $1 AND minutes_general_version = $3 RETURNING minutes_general_version AS v`,
    [id, text, baseVersion],
  );
  return row?.v ?? null;
}

export async function insertContribution(
  q: Queryable,
  c: {
    meetingId: string;
    agendaItemId: string;
    memberId: string | null;
    guestName: string | null;
    summary: string;
  },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting_contribution (meeting_id, agenda_item_id, member_id, guest_name, summary)
     VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [c.meetingId, c.agendaItemId, c.memberId, c.guestName, c.summary],
  );
  return row!.id;
}

export async function insertAddendum(q: Queryable, meetingId: string, text: string, createdBy: string) {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO meeting_addendum (meeting_id, text, created_by) VALUES ($1,$2,$3) RETURNING id',
    [meetingId, text, createdBy],
  );
  return row!.id;
}

/** Records a signature; false when it was already there. */
export async function markSigned(q: Queryable, id: string, role: 'chair' | 'minute_taker'): Promise<boolean> {
  const col = role === 'chair' ? 'chair_signed_at' : 'minute_taker_signed_at';
  const rows = await q.query(
    `UPDATE meeting SET ${col} = now() WHERE id = $1 AND ${col} IS NULL RETURNING 1`,
    [id],
  );
  return rows.length > 0;
}
