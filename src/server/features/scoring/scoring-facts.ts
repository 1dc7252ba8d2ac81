// The recorded facts a scoring framework reads, for many meetings at once: a handful of set-based queries, so
// re-scoring a province-year (tens of thousands of meetings) stays fast. Used by scorecards and the re-score job.
import { addDays } from '../../../domain/dates.ts';
import { builtInRuleSets } from '../../../domain/meeting-rules.ts';
import type { ScoringFacts } from '../../../domain/scoring.ts';
import type { Queryable } from '../../platform/db.ts';

export interface MeetingFactsRow {
  id: string;
  organization_id: string;
  province_id: string;
  kind: string;
  for_month: string;
  planned_date: string;
  status: string;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The Vietnam-time calendar date of a timestamp. */
const vnDay = (v: Date | string) => new Date(new Date(v).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * Facts of the given meetings (held or adopted), keyed by meeting id. A member absent more than three regular
 * meetings in a row in the meeting's year, up to it, sets longAbsenceStreak.
 */
export async function factsOfMeetings(
  q: Queryable,
  meetingIds: readonly string[],
): Promise<Map<string, ScoringFacts>> {
  const out = new Map<string, ScoringFacts>();
  if (meetingIds.length === 0) return out;
  const rows = await q.query<{
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
  }>(
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
  const streaks = await longAbsences(q, rows);
  for (const r of rows) {
    const ruleSet =
      builtInRuleSets.find((s) => s.id === r.rule_set_id && s.version === r.rule_set_version) ??
      builtInRuleSets.find((s) => s.id === r.rule_set_id)!;
    const p = ruleSet.parameters;
    const requiredMinutes =
      r.kind === 'regular_thematic' && p.minCombinedDurationMinutes
        ? p.minCombinedDurationMinutes
        : p.minDurationMinutes;
    const base = r.total - r.exempt;
    out.set(r.id, {
      durationMinutes:
        r.started_at && r.ended_at
          ? Math.round((new Date(r.ended_at).getTime() - new Date(r.started_at).getTime()) / 60_000)
          : null,
      requiredMinutes,
      attendanceRate: base > 0 ? r.present_counted / base : null,
      unexcusedAbsences: r.unexcused,
      longAbsenceStreak: streaks.has(r.id),
      preparatoryMinuted: r.preparatory_ok,
      hasCommittee: r.has_committee,
      noticeSent: r.notice_published_at !== null,
      materialsLeadDays: r.notice_published_at
        ? daysBetween(vnDay(r.notice_published_at), r.planned_date)
        : null,
      requiredLeadDays: p.materialsLeadDays,
      speakersShare: r.present_all > 0 ? Math.min(1, r.speakers / r.present_all) : null,
      minutesComplete: r.minutes_complete,
      previousAchievement: r.prev_due ? (r.prev_done ?? 0) / r.prev_due : null,
      finalisedWithinDays: r.adopted_at ? daysBetween(r.planned_date, vnDay(r.adopted_at)) : null,
      requiredFinaliseDays: p.finaliseWithinDays,
      thematic: r.kind === 'thematic' || r.kind === 'regular_thematic',
    });
  }
  return out;
}

/**
 * The meetings (of those given) at which some member had been absent more than three regular meetings in a row
 * within the meeting's year, counting that meeting.
 */
async function longAbsences(
  q: Queryable,
  meetings: ReadonlyArray<{ id: string; organization_id: string; planned_date: string }>,
): Promise<Set<string>> {
  const years = new Set(meetings.map((m) => m.planned_date.slice(0, 4)));
  const orgs = [...new Set(meetings.map((m) => m.organization_id))];
  const from = `${[...years].sort()[0]}-01-01`;
  const to = addDays(`${[...years].sort().at(-1)}-12-31`, 1);
  const rows = await q.query<{
    meeting_id: string;
    organization_id: string;
    planned_date: string;
    absent: string[];
  }>(
    // The absent per meeting by the roll's key (a join over the rolls tempts PostgreSQL into a full scan).
    `SELECT m.id AS meeting_id, m.organization_id, m.planned_date,
            ARRAY(SELECT a.member_id::text FROM meeting_attendance a
                   WHERE a.meeting_id = m.id AND a.status IN ('absent_excused','absent_unexcused')) AS absent
       FROM meeting m
      WHERE m.organization_id = ANY($1::uuid[]) AND m.planned_date >= $2 AND m.planned_date < $3
        AND m.kind IN ('regular','regular_thematic') AND m.status IN ('held','adopted')
      ORDER BY m.organization_id, m.planned_date`,
    [orgs, from, to],
  );
  const flagged = new Set<string>();
  let org = '';
  let year = '';
  let run = new Map<string, number>();
  for (const r of rows) {
    if (r.organization_id !== org || r.planned_date.slice(0, 4) !== year) {
      org = r.organization_id;
      year = r.planned_date.slice(0, 4);
      run = new Map();
    }
    const next = new Map<string, number>();
    for (const memberId of r.absent) next.set(memberId, (run.get(memberId) ?? 0) + 1);
    run = next;
    if ([...run.values()].some((n) => n > 3)) flagged.add(r.meeting_id);
  }
  return flagged;
}
