// SQL of one meeting: the meeting row, its agenda, roll, guests, contributions, votes and ballots, materials,
// the decision and its numbering, and the addenda. Every function takes the connection or transaction explicitly.
import type { MeetingStatus } from '../../../domain/meetings.ts';
import type { Queryable } from '../../platform/db.ts';

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
  checkin_code: string | null;
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

export async function findMeeting(q: Queryable, id: string, lock = false): Promise<MeetingRow | null> {
  const [row] = await q.query<MeetingRow>(
    `${meetingSelect} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`,
    [id],
  );
  return row ?? null;
}

export async function isOnRoll(q: Queryable, meetingId: string, memberId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM meeting_attendance WHERE meeting_id = $1 AND member_id = $2', [
    meetingId,
    memberId,
  ]);
  return rows.length > 0;
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

export async function markCancelled(q: Queryable, id: string, reason: string) {
  await q.query(`UPDATE meeting SET status = 'cancelled', cancel_reason = $2 WHERE id = $1`, [id, reason]);
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

/** Opens the session with a check-in code; a unique violation means the code is taken (the caller retries). */
export async function markStarted(q: Queryable, id: string, checkinCode: string, firstItemId: string | null) {
  await q.query(
    `UPDATE meeting SET status = 'in_session', started_at = now(), checkin_code = $2,
       current_item_id = COALESCE(current_item_id, $3) WHERE id = $1`,
    [id, checkinCode, firstItemId],
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
export async function markEnded(q: Queryable, id: string): Promise<number> {
  const [row] = await q.query<{ minutes: number }>(
    `UPDATE meeting SET status = 'held', ended_at = now(), checkin_code = NULL WHERE id = $1
     RETURNING (extract(epoch FROM ended_at - started_at) / 60)::int AS minutes`,
    [id],
  );
  return row!.minutes;
}

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

export async function markCheckedIn(q: Queryable, meetingId: string, memberId: string | null) {
  await q.query(
    `UPDATE meeting_attendance SET status = 'present', reason = NULL, checked_in_at = now(), check_in_method = 'code'
      WHERE meeting_id = $1 AND member_id = $2`,
    [meetingId, memberId],
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

// ---- votes -------------------------------------------------------------------------------------------------

export interface RollEntryRow {
  member_id: string;
  member_class: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
  status: 'present' | 'absent_excused' | 'absent_unexcused' | 'exempt' | null;
}

export async function listRollEntries(q: Queryable, meetingId: string): Promise<RollEntryRow[]> {
  return q.query<RollEntryRow>(
    'SELECT member_id, member_class, temporary, exempt, status FROM meeting_attendance WHERE meeting_id = $1',
    [meetingId],
  );
}

export async function hasOpenVote(q: Queryable, meetingId: string): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM meeting_vote WHERE meeting_id = $1 AND status = 'open'`, [
    meetingId,
  ]);
  return rows.length > 0;
}

export async function insertVote(
  q: Queryable,
  v: {
    meetingId: string;
    agendaItemId: string | null;
    subject: string;
    kind: string;
    method: string;
    votingRulesId: string;
  },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting_vote (meeting_id, agenda_item_id, subject, kind, method, voting_rules_id)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [v.meetingId, v.agendaItemId, v.subject, v.kind, v.method, v.votingRulesId],
  );
  return row!.id;
}

export interface VoteRow {
  id: string;
  meeting_id: string;
  kind: 'decision' | 'admission' | 'other';
  method: 'show_of_hands' | 'electronic';
  status: 'open' | 'closed';
  voting_rules_id: string;
}

export async function findVote(q: Queryable, voteId: string, lock = false): Promise<VoteRow | null> {
  const [v] = await q.query<VoteRow>(
    `SELECT id, meeting_id, kind, method, status, voting_rules_id FROM meeting_vote WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [voteId],
  );
  return v ?? null;
}

/** Records a ballot; false when the member already voted. */
export async function insertBallot(q: Queryable, voteId: string, memberId: string | null, choice: string) {
  const rows = await q.query(
    `INSERT INTO meeting_ballot (vote_id, member_id, choice) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING 1`,
    [voteId, memberId, choice],
  );
  return rows.length > 0;
}

export async function countBallots(q: Queryable, voteId: string) {
  return q.query<{ choice: 'for' | 'against' | 'abstain'; n: number }>(
    'SELECT choice, count(*)::int AS n FROM meeting_ballot WHERE vote_id = $1 GROUP BY choice',
    [voteId],
  );
}

export async function listMemberBallots(q: Queryable, meetingId: string, memberId: string) {
  return q.query<{ vote_id: string; choice: 'for' | 'against' | 'abstain' }>(
    `SELECT b.vote_id, b.choice FROM meeting_ballot b JOIN meeting_vote v ON v.id = b.vote_id
      WHERE v.meeting_id = $1 AND b.member_id = $2`,
    [meetingId, memberId],
  );
}

export async function markVoteClosed(
  q: Queryable,
  voteId: string,
  r: {
    forCount: number;
    againstCount: number;
    abstainCount: number;
    base: number;
    eligiblePresent: number;
    passed: boolean;
    line: string;
  },
) {
  await q.query(
    `UPDATE meeting_vote SET status = 'closed', closed_at = now(), for_count = $2, against_count = $3,
       abstain_count = $4, vote_base = $5, eligible_present = $6, passed = $7, line = $8 WHERE id = $1`,
    [voteId, r.forCount, r.againstCount, r.abstainCount, r.base, r.eligiblePresent, r.passed, r.line],
  );
}

// ---- adoption and the decision -------------------------------------------------------------------------

export async function findLatestDecisionVote(q: Queryable, meetingId: string) {
  const [vote] = await q.query<{ passed: boolean; line: string }>(
    `SELECT passed, line FROM meeting_vote WHERE meeting_id = $1 AND kind = 'decision' AND status = 'closed'
      ORDER BY closed_at DESC LIMIT 1`,
    [meetingId],
  );
  return vote ?? null;
}

/** The start of the committee term in office on a date (decisions are numbered per term). */
export async function findTermStart(
  q: Queryable,
  organizationId: string,
  date: string,
): Promise<string | null> {
  const [term] = await q.query<{ term_start: string }>(
    `SELECT term_start FROM committee WHERE organization_id = $1 AND term_start <= $2
       AND (term_end IS NULL OR term_end > $2) ORDER BY term_start DESC LIMIT 1`,
    [organizationId, date],
  );
  return term?.term_start ?? null;
}

export async function nextDecisionSeq(q: Queryable, organizationId: string, type: string, periodKey: string) {
  const [seq] = await q.query<{ n: number }>(
    `SELECT COALESCE(max(seq), 0) + 1 AS n FROM decision WHERE organization_id = $1 AND type = $2 AND period_key = $3`,
    [organizationId, type, periodKey],
  );
  return seq!.n;
}

export interface DecisionBody {
  intro?: string;
  sections?: { heading: string; paragraphs: string[] }[];
}

export async function insertDecision(
  q: Queryable,
  d: {
    provinceId: string;
    organizationId: string;
    meetingId: string;
    type: string;
    periodKey: string;
    seq: number;
    number: string;
    title: string;
    body: DecisionBody;
    issuedOn: string;
  },
) {
  await q.query(
    `INSERT INTO decision (province_id, organization_id, meeting_id, type, period_key, seq, number, title, body, issued_on, finalised_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, now())`,
    [
      d.provinceId,
      d.organizationId,
      d.meetingId,
      d.type,
      d.periodKey,
      d.seq,
      d.number,
      d.title,
      JSON.stringify(d.body),
      d.issuedOn,
    ],
  );
}

export async function markAdopted(q: Queryable, id: string) {
  await q.query(`UPDATE meeting SET status = 'adopted', adopted_at = now() WHERE id = $1`, [id]);
}

export async function findDecisionBody(q: Queryable, meetingId: string): Promise<DecisionBody | null> {
  const [row] = await q.query<{ body: DecisionBody }>('SELECT body FROM decision WHERE meeting_id = $1', [
    meetingId,
  ]);
  return row?.body ?? null;
}

/** The organisation's secretary on a date, who signs its decisions. */
export async function findSecretaryName(q: Queryable, organizationId: string, date: string) {
  const [row] = await q.query<{ full_name: string }>(
    `SELECT mb.full_name FROM position ps JOIN member mb ON mb.id = ps.member_id
      WHERE ps.organization_id = $1 AND ps.kind = 'secretary' AND ps.valid_from <= $2
        AND (ps.valid_to IS NULL OR ps.valid_to > $2) LIMIT 1`,
    [organizationId, date],
  );
  return row?.full_name ?? null;
}

export async function listAdoptedMeetingIds(q: Queryable, organizationId: string, year: number) {
  const rows = await q.query<{ id: string }>(
    `SELECT m.id FROM meeting m WHERE m.organization_id = $1 AND m.for_month LIKE $2 AND m.status = 'adopted'
      ORDER BY m.planned_date`,
    [organizationId, `${year}-%`],
  );
  return rows.map((r) => r.id);
}

// ---- materials ---------------------------------------------------------------------------------------------

export interface MaterialRow {
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
}

export async function listMaterials(q: Queryable, meetingId: string, memberId: string | null) {
  return q.query<MaterialRow>(
    `SELECT mt.id, mt.title,
            COALESCE((SELECT json_agg(json_build_object('id', v.id, 'version', v.version, 'fileName', v.file_name,
                       'mimeType', v.mime_type, 'sizeBytes', v.size_bytes, 'uploadedAt', v.uploaded_at)
                       ORDER BY v.version DESC) FROM meeting_material_version v WHERE v.material_id = mt.id), '[]') AS versions,
            (SELECT count(*) FROM material_read r WHERE r.material_id = mt.id)::int AS read_count,
            EXISTS (SELECT 1 FROM material_read r WHERE r.material_id = mt.id AND r.member_id = $2) AS read_by_me
       FROM meeting_material mt WHERE mt.meeting_id = $1 ORDER BY mt.created_at`,
    [meetingId, memberId],
  );
}

export async function materialExists(q: Queryable, meetingId: string, materialId: string) {
  const rows = await q.query('SELECT 1 FROM meeting_material WHERE id = $1 AND meeting_id = $2', [
    materialId,
    meetingId,
  ]);
  return rows.length > 0;
}

export async function insertMaterial(q: Queryable, meetingId: string, title: string) {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO meeting_material (meeting_id, title) VALUES ($1,$2) RETURNING id',
    [meetingId, title],
  );
  return row!.id;
}

/** Adds the next version of a material's file. */
export async function insertMaterialVersion(
  q: Queryable,
  v: { materialId: string; fileName: string; mimeType: string; content: Uint8Array; uploadedBy: string },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting_material_version (material_id, version, file_name, mime_type, size_bytes, content, uploaded_by)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM meeting_material_version WHERE material_id = $1
     RETURNING id`,
    [v.materialId, v.fileName, v.mimeType, v.content.length, v.content, v.uploadedBy],
  );
  return row!.id;
}

export async function findMaterialVersion(q: Queryable, versionId: string) {
  const [v] = await q.query<{
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
  return v ?? null;
}

export async function insertMaterialRead(q: Queryable, materialId: string, memberId: string) {
  await q.query('INSERT INTO material_read (material_id, member_id) VALUES ($1,$2) ON CONFLICT DO NOTHING', [
    materialId,
    memberId,
  ]);
}
