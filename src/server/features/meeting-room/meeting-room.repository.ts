// SQL behind the live room: the rows of one meeting every open screen shows (agenda, roll, guests, speakers, votes,
// the people named in it, the decision, addenda, the thematic topic) and the previous meeting it reviews.
import type { AttendanceEntry } from '../../../domain/meeting-attendance.ts';
import { prepared, type Queryable } from '../../platform/db.ts';

export interface AgendaRow {
  id: string;
  position: number;
  section: 'opening' | 'main' | 'closing';
  key: string;
  title: string;
  notes: string;
  notes_version: number;
  conclusion: string | null;
  done_at: Date | null;
}

export interface AttendanceRow {
  member_id: string;
  full_name: string;
  member_class: 'full' | 'probationary';
  temporary: boolean;
  exempt: boolean;
  status: AttendanceEntry['status'];
  reason: string | null;
  rsvp: 'confirmed' | 'absence_requested' | null;
  rsvp_reason: string | null;
  checked_in_at: Date | null;
  check_in_method: 'tap' | 'code' | null;
  /** how many times the member checked themself in (the room's version counts them) */
  self_checkins: number;
}

export interface ContributionRow {
  id: string;
  agenda_item_id: string;
  member_id: string | null;
  speaker: string;
  summary: string;
  created_at: Date;
}

export interface VoteRow {
  id: string;
  agenda_item_id: string | null;
  subject: string;
  kind: 'decision' | 'admission' | 'other';
  method: 'show_of_hands' | 'electronic';
  status: 'open' | 'closed';
  for_count: number | null;
  against_count: number | null;
  abstain_count: number | null;
  vote_base: number | null;
  eligible_present: number | null;
  passed: boolean | null;
  line: string | null;
  voting_rules_id: string;
  ballots: number;
}

export interface DecisionRow {
  id: string;
  type: 'NQ' | 'KL';
  number: string;
  title: string;
  issued_on: string;
  finalised_at: Date | null;
}

export interface RoomRows {
  agenda: AgendaRow[];
  attendance: AttendanceRow[];
  guests: Array<{ id: string; name: string; title: string }>;
  contributions: ContributionRow[];
  votes: VoteRow[];
  people: Array<{ id: string; full_name: string }>;
  decision: DecisionRow | null;
  addenda: Array<{ id: string; text: string; created_at: Date }>;
  topic: { id: string; title: string } | null;
  previous: { id: string; number: string | null } | null;
}

/**
 * Runs independent reads in parallel on a pool, one after another on a single connection (a transaction):
 * pg does not run two queries at once on one client.
 */
async function runAll<T extends readonly (() => Promise<unknown>)[]>(
  q: Queryable,
  fns: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if ('transaction' in q) return (await Promise.all(fns.map((f) => f()))) as never;
  const out: unknown[] = [];
  for (const f of fns) out.push(await f());
  return out as never;
}

/** The meeting's identity the room's rows are read for. */
export interface RoomKey {
  id: string;
  organization_id: string;
  planned_date: string;
  thematic_topic_id: string | null;
  preparer_member_id: string | null;
  chair_member_id: string | null;
  minute_taker_member_id: string | null;
}

// The room's rows, each a statement prepared once per connection (on the embedded database planning is most of a
// small query's time): every viewer of a meeting's page and of its room reads them.
const roomSql = {
  agenda: prepared<AgendaRow>(
    'room.agenda',
    'SELECT * FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position',
  ),
  attendance: prepared<AttendanceRow>(
    'room.attendance',
    `SELECT a.*, mb.full_name FROM meeting_attendance a JOIN member mb ON mb.id = a.member_id
      WHERE a.meeting_id = $1 ORDER BY a.member_class, mb.search_name`,
  ),
  guests: prepared<{ id: string; name: string; title: string }>(
    'room.guests',
    'SELECT id, name, title FROM meeting_guest WHERE meeting_id = $1 ORDER BY name',
  ),
  contributions: prepared<ContributionRow>(
    'room.contributions',
    `SELECT c.id, c.agenda_item_id, c.member_id, COALESCE(mb.full_name, c.guest_name) AS speaker, c.summary, c.created_at
       FROM meeting_contribution c LEFT JOIN member mb ON mb.id = c.member_id
      WHERE c.meeting_id = $1 ORDER BY c.created_at`,
  ),
  votes: prepared<VoteRow>(
    'room.votes',
    `SELECT v.*, (SELECT count(*) FROM meeting_ballot b WHERE b.vote_id = v.id)::int AS ballots
       FROM meeting_vote v WHERE v.meeting_id = $1 ORDER BY v.opened_at`,
  ),
  people: prepared<{ id: string; full_name: string }>(
    'room.people',
    'SELECT id, full_name FROM member WHERE id = ANY($1::uuid[])',
  ),
  decision: prepared<DecisionRow>(
    'room.decision',
    'SELECT id, type, number, title, issued_on, finalised_at FROM decision WHERE meeting_id = $1',
  ),
  addenda: prepared<{ id: string; text: string; created_at: Date }>(
    'room.addenda',
    'SELECT id, text, created_at FROM meeting_addendum WHERE meeting_id = $1 ORDER BY created_at',
  ),
  topic: prepared<{ id: string; title: string }>(
    'room.topic',
    'SELECT id, title FROM thematic_topic WHERE id = $1',
  ),
  // The regular meeting held before this one in the same organisation, whose decision this one reviews.
  previous: prepared<{ id: string; number: string | null }>(
    'room.previous',
    `SELECT pm.id, d.number FROM meeting pm LEFT JOIN decision d ON d.meeting_id = pm.id
      WHERE pm.organization_id = $1 AND pm.id <> $2 AND pm.planned_date < $3
        AND pm.kind IN ('regular','regular_thematic') AND pm.status IN ('held','adopted')
      ORDER BY pm.planned_date DESC LIMIT 1`,
  ),
};

export async function loadRoomRows(q: Queryable, m: RoomKey): Promise<RoomRows> {
  const [agenda, attendance, guests, contributions, votes, people, decision, addenda, topic, previous] =
    await runAll(q, [
      () => roomSql.agenda(q, [m.id]),
      () => roomSql.attendance(q, [m.id]),
      () => roomSql.guests(q, [m.id]),
      () => roomSql.contributions(q, [m.id]),
      () => roomSql.votes(q, [m.id]),
      () =>
        roomSql.people(q, [
          [m.preparer_member_id, m.chair_member_id, m.minute_taker_member_id].filter(Boolean),
        ]),
      () => roomSql.decision(q, [m.id]),
      () => roomSql.addenda(q, [m.id]),
      () => (m.thematic_topic_id ? roomSql.topic(q, [m.thematic_topic_id]) : Promise.resolve([])),
      () => roomSql.previous(q, [m.organization_id, m.id, m.planned_date]),
    ] as const);
  return {
    agenda,
    attendance,
    guests,
    contributions,
    votes,
    people,
    decision: decision[0] ?? null,
    addenda,
    topic: topic[0] ?? null,
    previous: previous[0] ?? null,
  };
}
