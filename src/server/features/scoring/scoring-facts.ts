// The recorded facts a scoring framework reads, for many meetings at once, shaped from the read model
// (scoring-facts.repository.ts) under each meeting's rule set. Used by scorecards and the re-score job.
import { addDays } from '../../../domain/dates.ts';
import { builtInRuleSets } from '../../../domain/meeting-rules.ts';
import type { ScoringFacts } from '../../../domain/scoring-facts.ts';
import type { Queryable } from '../../platform/db.ts';
import * as repo from './scoring-facts.repository.ts';

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
  const rows = await repo.listMeetingFacts(q, meetingIds);
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
  const rows = await repo.listAbsentByMeeting(q, orgs, from, to);
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
