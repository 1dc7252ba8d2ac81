// SQL of the facts a scoring framework reads, for many meetings at once: a read model over meetings, the roll,
// contributions, agenda items, committees and tasks, in a handful of set-based queries so that re-scoring a
// province-year (tens of thousands of meetings) stays fast.
import type { Queryable } from '../../platform/db.ts';

export interface MeetingFactCountsRow {
  id: string;
  organization_id: string;
  kind: string;
  planned_date: string;
  rule_set_id: string;
  rule_set_version: number;
  started_at: Date | null;
  ended_at: Date | null;
  notice_published_at: Date | null;
  adopted_at: Date | null;
  preparatory_ok: boolean;
  has_committee: boolean;
  total: number;
  exempt: number;
  present_counted: number;
  present_all: number;
  unexcused: number;
  speakers: number;
  minutes_complete: boolean;
  prev_due: number | null;
  prev_done: number | null;
}

/** One row of counted facts per meeting. */
export async function listMeetingFacts(
  q: Queryable,
  meetingIds: readonly string[],
): Promise<MeetingFactCountsRow[]> {
  return q.query<MeetingFactCountsRow>(
    `WITH m AS (SELECT * FROM meeting WHERE id = ANY($1::uuid[])),
     att AS (
       SELECT a.meeting_id,
              count(*)::int AS total,
              count(*) FILTER (WHERE a.exempt OR a.status = 'exempt')::int AS exempt,
              count(*) FILTER (WHERE a.status = 'present' AND NOT a.exempt)::int AS present_counted,
              count(*) FILTER (WHERE a.status = 'present')::int AS present_all,
              count(*) FILTER (WHERE a.status = 'absent_unexcused' AND NOT a.exempt)::int AS unexcused
         FROM meeting_attendance a WHERE a.meeting_id = ANY($1::uuid[]) GROUP BY a.meeting_id),
     spk AS (
       SELECT c.meeting_id, count(DISTINCT c.member_id)::int AS speakers
         FROM meeting_contribution c
         JOIN meeting_attendance a ON a.meeting_id = c.meeting_id AND a.member_id = c.member_id AND a.status = 'present'
        WHERE c.meeting_id = ANY($1::uuid[]) AND a.meeting_id = ANY($1::uuid[]) GROUP BY c.meeting_id),
     -- Main agenda items left without notes, conclusion or contributions: the minutes are not complete.
     open_items AS (
       SELECT DISTINCT i.meeting_id FROM m JOIN meeting_agenda_item i ON i.meeting_id = m.id
        WHERE i.section = 'main' AND i.notes = '' AND i.conclusion IS NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_contribution c
                           WHERE c.meeting_id = i.meeting_id AND c.agenda_item_id = i.id)),
     com AS (
       SELECT DISTINCT m.id FROM m JOIN committee cm ON cm.organization_id = m.organization_id
          AND cm.term_start <= m.planned_date AND (cm.term_end IS NULL OR cm.term_end > m.planned_date)),
     prev AS (
       SELECT m.id,
              (SELECT pm.id FROM meeting pm
                WHERE pm.organization_id = m.organization_id AND pm.planned_date < m.planned_date
                  AND pm.kind IN ('regular','regular_thematic') AND pm.status IN ('held','adopted')
                ORDER BY pm.planned_date DESC LIMIT 1) AS prev_id
         FROM m),
     prev_tasks AS (
       SELECT prev.id,
              count(t.id) FILTER (WHERE t.status <> 'cancelled')::int AS due,
              count(t.id) FILTER (WHERE t.status = 'done')::int AS done
         FROM prev LEFT JOIN task t ON t.meeting_id = prev.prev_id GROUP BY prev.id)
     SELECT m.id, m.organization_id, m.kind, m.planned_date, m.rule_set_id, m.rule_set_version, m.started_at,
            m.ended_at, m.notice_published_at, m.adopted_at,
            (m.preparatory_held_on IS NOT NULL AND COALESCE(m.preparatory_minutes, '') <> '') AS preparatory_ok,
            com.id IS NOT NULL AS has_committee,
            COALESCE(att.total, 0) AS total, COALESCE(att.exempt, 0) AS exempt,
            COALESCE(att.present_counted, 0) AS present_counted, COALESCE(att.present_all, 0) AS present_all,
            COALESCE(att.unexcused, 0) AS unexcused, COALESCE(spk.speakers, 0) AS speakers,
            (m.adopted_at IS NOT NULL AND oi.meeting_id IS NULL) AS minutes_complete,
            CASE WHEN pt.due > 0 THEN pt.due END AS prev_due, pt.done AS prev_done
       FROM m LEFT JOIN att ON att.meeting_id = m.id LEFT JOIN spk ON spk.meeting_id = m.id
       LEFT JOIN prev_tasks pt ON pt.id = m.id LEFT JOIN open_items oi ON oi.meeting_id = m.id
       LEFT JOIN com ON com.id = m.id`,
    [meetingIds],
  );
}

export interface AbsentRow {
  meeting_id: string;
  organization_id: string;
  planned_date: string;
  absent: string[];
}

/** The absent of each held regular meeting of the organisations in a date range, in order per organisation. */
export async function listAbsentByMeeting(
  q: Queryable,
  organizationIds: string[],
  from: string,
  to: string,
): Promise<AbsentRow[]> {
  return q.query<AbsentRow>(
    // The absent per meeting by the roll's key (a join over the rolls tempts PostgreSQL into a full scan).
    `SELECT m.id AS meeting_id, m.organization_id, m.planned_date,
            ARRAY(SELECT a.member_id::text FROM meeting_attendance a
                   WHERE a.meeting_id = m.id AND a.status IN ('absent_excused','absent_unexcused')) AS absent
       FROM meeting m
      WHERE m.organization_id = ANY($1::uuid[]) AND m.planned_date >= $2 AND m.planned_date < $3
        AND m.kind IN ('regular','regular_thematic') AND m.status IN ('held','adopted')
      ORDER BY m.organization_id, m.planned_date`,
    [organizationIds, from, to],
  );
}
