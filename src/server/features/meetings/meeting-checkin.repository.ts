// SQL of a member's own check-in by room code (issue 10.1): the few columns the refusal rules and the code need, in
// one read, and guarded updates of the member's own roll row (the check-in with its audit event in one statement). Nothing here locks or changes the meeting row, so
// members checking in to one meeting never wait for each other. All prepared: they run thousands of times a second.
import { type AuditEntry, writeAudited, writeAuditedBatch } from '../../platform/audit.ts';
import { prepared, type Queryable } from '../../platform/db.ts';
import type { MeetingRow, RollEntry } from './meetings.repository.ts';

/** The meeting as a check-in judges it, with the member's own roll row (all null when not on the roll). */
export type CheckinMeeting = Pick<
  MeetingRow,
  | 'id'
  | 'province_id'
  | 'status'
  | 'started_at'
  | 'checkin_secret'
  | 'chair_member_id'
  | 'minute_taker_member_id'
  | 'chair_signed_at'
  | 'minute_taker_signed_at'
  | 'org_path'
> & {
  roll_member_id: string | null;
  member_class: RollEntry['member_class'] | null;
  temporary: boolean | null;
  exempt: boolean | null;
  roll_status: RollEntry['status'];
  checkin_failures: number | null;
};

const findCheckinMeetingSql = prepared<CheckinMeeting>(
  'checkin_find_meeting',
  `SELECT m.id, m.province_id, m.status, m.started_at, m.checkin_secret, m.chair_member_id,
          m.minute_taker_member_id, m.chair_signed_at, m.minute_taker_signed_at, p.path::text AS org_path,
          a.member_id AS roll_member_id, a.member_class, a.temporary, a.exempt, a.status AS roll_status,
          a.checkin_failures
     FROM meeting m
     JOIN organization_period p ON p.organization_id = m.organization_id AND p.valid_to IS NULL
     LEFT JOIN meeting_attendance a ON a.meeting_id = m.id AND a.member_id = $2
    WHERE m.id = $1`,
);

export async function findCheckinMeeting(
  q: Queryable,
  meetingId: string,
  memberId: string | null,
): Promise<CheckinMeeting | null> {
  const [row] = await findCheckinMeetingSql(q, [meetingId, memberId]);
  return row ?? null;
}

const markSelfCheckedInSql = `UPDATE meeting_attendance a
      SET status = 'present', reason = NULL, checked_in_at = now(), check_in_method = 'code',
          self_checkins = a.self_checkins + 1
    WHERE a.meeting_id = $1 AND a.member_id = $2 AND a.checkin_failures < $3
      AND a.status IS NOT DISTINCT FROM $4::text
      AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = $1 AND m.checkin_secret = $5)
   RETURNING 1`;

/**
 * Marks the member present by their own room code and appends the audit event, in one statement, only if nothing
 * the verdict was given on has changed since it was read: the roll row's status is still `judgedStatus`, fewer
 * than `maxFailures` wrong codes were counted, and the meeting is still in the session whose secret made the code
 * (the secret exists only in session). A concurrent change of the row (the meeting ending marks the unmarked
 * absent; the secretary marking) makes it match nothing: PostgreSQL re-checks the row's conditions on its newest
 * version. Answers whether it marked (and audited).
 */
export async function markSelfCheckedIn(
  q: Queryable,
  meetingId: string,
  memberId: string,
  guard: { maxFailures: number; judgedStatus: RollEntry['status']; secret: Uint8Array },
  audit: AuditEntry,
): Promise<boolean> {
  return writeAudited(
    q,
    {
      name: 'checkin_mark_present',
      sql: markSelfCheckedInSql,
      params: [meetingId, memberId, guard.maxFailures, guard.judgedStatus, guard.secret],
    },
    audit,
  );
}

const markManySelfCheckedInUnreadSql = `UPDATE meeting_attendance a
      SET status = 'present', reason = NULL, checked_in_at = now(), check_in_method = 'code',
          self_checkins = a.self_checkins + 1
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS i(meeting_id, member_id, secret, n)
    WHERE a.meeting_id = i.meeting_id AND a.member_id = i.member_id AND a.checkin_failures < $4
      AND a.status IS DISTINCT FROM 'present'
      AND EXISTS (SELECT 1 FROM meeting m
                   WHERE m.id = i.meeting_id AND m.status = 'in_session'
                     AND m.checkin_secret = decode(i.secret, 'hex'))
   RETURNING i.n`;

/** One check-in of `markManySelfCheckedInUnread`: whose, where, the session's secret it was judged with. */
export interface UnreadCheckin {
  meetingId: string;
  memberId: string;
  secret: Uint8Array;
  audit: AuditEntry;
}

/**
 * The storm's check-ins, many in one statement (group commit), each judged on what this process remembers of its
 * meeting's session and nothing read for it: marks a member present by their own room code and appends its audit
 * event only if everything a check-in needs holds in the database at that moment: the member is on the roll, not
 * yet present, with fewer than `maxFailures` wrong codes, and the meeting is in session with the very secret the
 * code was judged with (drawn anew at each start: a meeting ended, or started again, matches nothing). Answers,
 * per check-in, whether it marked; for one that did not, the caller reads the state and judges again, which names
 * the refusal. The same member twice in one statement is marked (and audited) once; the other answers false.
 */
export async function markManySelfCheckedInUnread(
  q: Queryable,
  checkins: UnreadCheckin[],
  maxFailures: number,
): Promise<boolean[]> {
  return writeAuditedBatch(
    q,
    {
      name: 'checkin_mark_present_many',
      sql: markManySelfCheckedInUnreadSql,
      params: [
        checkins.map((c) => c.meetingId),
        checkins.map((c) => c.memberId),
        checkins.map((c) => Buffer.from(c.secret).toString('hex')),
        maxFailures,
      ],
    },
    checkins.map((c) => c.audit),
  );
}

const countWrongCodeSql = prepared<{ n: number }>(
  'checkin_count_wrong_code',
  `UPDATE meeting_attendance SET checkin_failures = checkin_failures + 1
    WHERE meeting_id = $1 AND member_id = $2 AND checkin_failures < $3
   RETURNING checkin_failures AS n`,
);

/**
 * Counts a wrong room code of the member unless `maxFailures` are counted already; answers the count after it, or
 * null when the limit was reached first. The row's lock orders a parallel burst and each sees the count before it,
 * so no more than `maxFailures` wrong codes are ever counted (and answered as wrong).
 */
export async function countWrongCode(
  q: Queryable,
  meetingId: string,
  memberId: string,
  maxFailures: number,
): Promise<number | null> {
  const [row] = await countWrongCodeSql(q, [meetingId, memberId, maxFailures]);
  return row?.n ?? null;
}
