// SQL of one meeting: the meeting row, creating and preparing it, the roll, the notice, RSVP, start and end. The
// session, votes and materials have repositories of their own. Every function takes the connection or transaction
// explicitly.
import type { MeetingStatus } from '../../../domain/meetings.ts';
import { prepared, type Queryable } from '../../platform/db.ts';

export interface MeetingRow {
  id: string;
  province_id: string;
  organization_id: string;
  kind: string;
  for_month: string;
  planned_date: string;
  date_reason: string | null;
  planned_time: string;
  location: string;
  status: MeetingStatus;
  rule_set_id: string;
  rule_set_version: number;
  thematic_topic_id: string | null;
  combined_with_other: boolean;
  preparer_member_id: string | null;
  chair_member_id: string | null;
  minute_taker_member_id: string | null;
  preparatory_held_on: string | null;
  preparatory_minutes: string | null;
  notice_content: string | null;
  notice_published_at: Date | null;
  draft_resolution: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  /** the secret the room codes and personal passes derive from; only while in session, never sent out */
  checkin_secret: Uint8Array | null;
  current_item_id: string | null;
  minutes_general: string;
  minutes_general_version: number;
  adopted_at: Date | null;
  chair_signed_at: Date | null;
  minute_taker_signed_at: Date | null;
  cancel_reason: string | null;
  version: number;
  // joined
  org_name: string;
  org_kind: string;
  org_path: string;
  parent_id: string | null;
}

const meetingSelect = `SELECT m.*, p.name AS org_name, o.kind AS org_kind, p.path::text AS org_path, p.parent_id
  FROM meeting m JOIN organization o ON o.id = m.organization_id
  JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL`;

// Every page of a meeting (its detail, room, scores) reads it first: prepared once per connection.
const findMeetingSql = prepared<MeetingRow>('meetings.find', `${meetingSelect} WHERE m.id = $1`);

export async function findMeeting(q: Queryable, id: string, lock = false): Promise<MeetingRow | null> {
  const [row] = lock
    ? await q.query<MeetingRow>(`${meetingSelect} WHERE m.id = $1 FOR UPDATE OF m`, [id])
    : await findMeetingSql(q, [id]);
  return row ?? null;
}

export async function isOnRoll(q: Queryable, meetingId: string, memberId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2', [
    meetingId,
    memberId,
  ]);
  return rows.length > 0;
}

/** A member's own row on the roll, as the rule of meeting actions reads it; null when not on the roll. */
export async function findRollEntry(
  q: Queryable,
  meetingId: string,
  memberId: string,
): Promise<RollEntry | null> {
  const [row] = await q.query<RollEntry>(
    `SELECT member_id, member_class, temporary, exempt, status
       FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2`,
    [meetingId, memberId],
  );
  return row ?? null;
}

/** A member's own rows on the rolls of the given meetings (one query, for lists of meetings). */
export async function listRollEntries(
  q: Queryable,
  meetingIds: string[],
  memberId: string,
): Promise<(RollEntry & { meeting_id: string })[]> {
  if (meetingIds.length === 0) return [];
  return q.query<RollEntry & { meeting_id: string }>(
    `SELECT meeting_id, member_id, member_class, temporary, exempt, status
       FROM meeting_attendance WHERE meeting_id = ANY($1::uuid[]) AND member_id = $2`,
    [meetingIds, memberId],
  );
}

export interface RollEntry {
  member_id: string;
  member_class: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
  status: 'present' | 'absent_excused' | 'absent_unexcused' | 'exempt' | null;
}

export async function bumpVersion(q: Queryable, id: string) {
  await q.query('UPDATE meeting SET version = version + 1 WHERE id = $1', [id]);
}

// ---- creating and preparing ------------------------------------------------------------------------------

export async function hasRegularMeeting(q: Queryable, organizationId: string, forMonth: string) {
  const rows = await q.query(
    `SELECT 1 FROM meeting WHERE organization_id = $1 AND for_month = $2 AND kind IN ('regular','regular_thematic')
       AND status <> 'cancelled'`,
    [organizationId, forMonth],
  );
  return rows.length > 0;
}

export interface NewMeeting {
  provinceId: string;
  organizationId: string;
  kind: string;
  forMonth: string;
  plannedDate: string;
  dateReason: string | null;
  plannedTime: string;
  location: string;
  ruleSetId: string;
  ruleSetVersion: number;
  thematicTopicId: string | null;
  combinedWithOther: boolean;
  createdBy: string;
}

export async function insertMeeting(q: Queryable, m: NewMeeting): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting (province_id, organization_id, kind, for_month, planned_date, date_reason, planned_time,
       location, rule_set_id, rule_set_version, thematic_topic_id, combined_with_other, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
    [
      m.provinceId,
      m.organizationId,
      m.kind,
      m.forMonth,
      m.plannedDate,
      m.dateReason,
      m.plannedTime,
      m.location,
      m.ruleSetId,
      m.ruleSetVersion,
      m.thematicTopicId,
      m.combinedWithOther,
      m.createdBy,
    ],
  );
  return row!.id;
}

export async function insertAgendaItems(
  q: Queryable,
  meetingId: string,
  items: ReadonlyArray<{ section: string; key: string; title: string }>,
) {
  for (const [i, item] of items.entries()) {
    await q.query(
      'INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title) VALUES ($1,$2,$3,$4,$5)',
      [meetingId, (i + 1) * 10, item.section, item.key, item.title],
    );
  }
}

/** Columns of the meeting a preparation edit may set. */
export type PreparationColumn =
  | 'kind'
  | 'planned_date'
  | 'date_reason'
  | 'rule_set_id'
  | 'rule_set_version'
  | 'planned_time'
  | 'location'
  | 'preparer_member_id'
  | 'chair_member_id'
  | 'minute_taker_member_id'
  | 'preparatory_held_on'
  | 'preparatory_minutes'
  | 'notice_content'
  | 'draft_resolution'
  | 'thematic_topic_id'
  | 'combined_with_other';

export async function updatePreparation(
  q: Queryable,
  id: string,
  set: Partial<Record<PreparationColumn, unknown>>,
) {
  const cols = Object.keys(set) as PreparationColumn[];
  await q.query(`UPDATE meeting SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [
    id,
    ...cols.map((c) => set[c]),
  ]);
}

/**
 * Puts everyone who should attend on the roll (idempotent: members already on it keep their answers).
 * A cell meeting: members officially or temporarily attending the organisation on the date. A committee
 * (chi ủy / đảng ủy) meeting: the committee's members then. A general assembly: every member of the subtree.
 */
export async function fillRoll(
  q: Queryable,
  m: Pick<MeetingRow, 'id' | 'organization_id' | 'kind' | 'planned_date' | 'org_path'>,
) {
  let who: string;
  if (m.kind === 'committee') {
    who = `SELECT DISTINCT ps.member_id, false AS temporary FROM position ps
             WHERE ps.organization_id = $2 AND ps.committee_id IS NOT NULL
               AND ps.valid_from <= $3 AND (ps.valid_to IS NULL OR ps.valid_to > $3)`;
  } else if (m.kind === 'general_assembly') {
    who = `SELECT DISTINCT ms.member_id, false AS temporary FROM membership ms
             JOIN organization_period op ON op.organization_id = ms.organization_id
              AND op.valid_from <= $3 AND (op.valid_to IS NULL OR op.valid_to > $3)
             WHERE op.path <@ $4::ltree AND ms.kind = 'official'
               AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $3)`;
  } else {
    who = `SELECT ms.member_id, bool_and(ms.kind = 'temporary') AS temporary FROM membership ms
             WHERE ms.organization_id = $2 AND ms.kind IN ('official','temporary')
               AND ms.valid_from <= $3 AND (ms.valid_to IS NULL OR ms.valid_to > $3)
             GROUP BY ms.member_id`;
  }
  await q.query(
    `INSERT INTO meeting_attendance (meeting_id, member_id, member_class, temporary, exempt, status)
     SELECT $1, w.member_id,
            CASE WHEN mb.status = 'full' AND (mb.full_membership_date IS NULL OR mb.full_membership_date <= $3)
                 THEN 'full' ELSE 'probationary' END,
            w.temporary, ex.id IS NOT NULL, CASE WHEN ex.id IS NOT NULL THEN 'exempt' END
       FROM (${who}) w
       JOIN member mb ON mb.id = w.member_id AND mb.lifecycle = 'active'
       LEFT JOIN LATERAL (SELECT e.id FROM exemption e WHERE e.member_id = w.member_id
                            AND e.valid_from <= $3 AND (e.valid_to IS NULL OR e.valid_to > $3) LIMIT 1) ex ON true
     ON CONFLICT DO NOTHING`,
    m.kind === 'general_assembly'
      ? [m.id, m.organization_id, m.planned_date, m.org_path]
      : [m.id, m.organization_id, m.planned_date],
  );
}

export async function markPublished(q: Queryable, id: string, status: MeetingStatus) {
  await q.query(`UPDATE meeting SET status = $2, notice_published_at = now() WHERE id = $1`, [id, status]);
}

/** The notice to everyone on the roll and the organisation's followers, once per meeting. */
export async function insertNoticeNotifications(
  q: Queryable,
  n: { meetingId: string; organizationId: string; title: string; link: string },
) {
  await q.query(
    `INSERT INTO notification (member_id, kind, title, link, dedupe_key)
     SELECT a.member_id, 'meeting_notice', $2, $3, $4 FROM meeting_attendance a WHERE a.meeting_id = $1
     UNION
     SELECT ac.member_id, 'meeting_notice', $2, $3, $4 FROM role_assignment ra JOIN account ac ON ac.id = ra.account_id
      WHERE ra.role = 'follower' AND ra.organization_id = $5 AND ac.member_id IS NOT NULL
        AND ra.valid_from <= current_date AND (ra.valid_to IS NULL OR ra.valid_to > current_date)
     ON CONFLICT DO NOTHING`,
    [n.meetingId, n.title, n.link, `notice:${n.meetingId}`, n.organizationId],
  );
}

export async function markCancelled(q: Queryable, id: string, status: MeetingStatus, reason: string) {
  await q.query(`UPDATE meeting SET status = $2, cancel_reason = $3 WHERE id = $1`, [id, status, reason]);
}

/** Records a member's answer to the notice; false when the member is not on the roll. */
export async function updateRsvp(
  q: Queryable,
  meetingId: string,
  memberId: string | null,
  response: string,
  reason: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE meeting_attendance SET rsvp = $3, rsvp_reason = $4, rsvp_at = now()
      WHERE meeting_id = $1 AND member_id = $2 RETURNING 1`,
    [meetingId, memberId, response, reason],
  );
  return rows.length > 0;
}

// ---- the session -------------------------------------------------------------------------------------------

/** Absences requested beforehand become "absent with reason"; the member can still come and check in. */
export async function excuseRequestedAbsences(q: Queryable, meetingId: string) {
  await q.query(
    `UPDATE meeting_attendance SET status = 'absent_excused', reason = rsvp_reason
      WHERE meeting_id = $1 AND rsvp = 'absence_requested' AND status IS NULL`,
    [meetingId],
  );
}

export async function findFirstAgendaItemId(q: Queryable, meetingId: string): Promise<string | null> {
  const [first] = await q.query<{ id: string }>(
    'SELECT id FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position LIMIT 1',
    [meetingId],
  );
  return first?.id ?? null;
}

/** Opens the session with the secret its check-in codes derive from. */
export async function markStarted(
  q: Queryable,
  id: string,
  status: MeetingStatus,
  checkinSecret: Uint8Array,
  firstItemId: string | null,
) {
  await q.query(
    `UPDATE meeting SET status = $2, started_at = now(), checkin_secret = $3,
       current_item_id = COALESCE(current_item_id, $4) WHERE id = $1`,
    [id, status, checkinSecret, firstItemId],
  );
}

/** Whoever is still unmarked when the meeting ends was absent: with the reason they gave, else without. */
export async function markUnmarkedAbsent(q: Queryable, meetingId: string) {
  await q.query(
    `UPDATE meeting_attendance SET
       status = CASE WHEN rsvp = 'absence_requested' THEN 'absent_excused' ELSE 'absent_unexcused' END,
       reason = CASE WHEN rsvp = 'absence_requested' THEN rsvp_reason END
      WHERE meeting_id = $1 AND status IS NULL`,
    [meetingId],
  );
}

/** Closes the session; answers how long it lasted in minutes. */
export async function markEnded(q: Queryable, id: string, status: MeetingStatus): Promise<number> {
  const [row] = await q.query<{ minutes: number }>(
    `UPDATE meeting SET status = $2, ended_at = now(), checkin_secret = NULL WHERE id = $1
     RETURNING (extract(epoch FROM ended_at - started_at) / 60)::int AS minutes`,
    [id, status],
  );
  return row!.minutes;
}
