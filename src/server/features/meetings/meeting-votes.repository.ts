// SQL of votes and adoption: the roll's entries, votes and ballots, the decision and its numbering, and what the
// documents read (the decision body, the secretary, the adopted meetings of a year).
import type { MeetingStatus } from '../../../domain/meetings.ts';
import type { Queryable } from '../../platform/db.ts';

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

export async function markAdopted(q: Queryable, id: string, status: MeetingStatus) {
  await q.query(`UPDATE meeting SET status = $2, adopted_at = now() WHERE id = $1`, [id, status]);
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
