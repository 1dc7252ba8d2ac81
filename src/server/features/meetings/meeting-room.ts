// The shared state of one meeting (what every open screen shows), the attendance roll, and the live channel
// that pushes the state to every subscriber within a moment of a change.
import type { z } from 'zod';
import type { meetingRoom } from '../../../contracts/meetings.ts';
import { complianceFindings } from '../../../domain/compliance.ts';

import {
  type AttendanceEntry,
  isOverdue,
  type MeetingKind,
  meetingKindLabel,
  speakersShare,
  summarizeAttendance,
  taskAchievementShare,
  voteEligibility,
} from '../../../domain/meetings.ts';
import { builtInVotingRules, thresholdText, votingRulesInForce } from '../../../domain/voting-rules.ts';
import { fromStoredText } from '../../../domain/messages.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { todayIso } from '../../../domain/dates.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { logger } from '../../platform/logger.ts';
import { findMeeting, iso, type MeetingRow, ruleSetOf } from './meeting-access.ts';

export type Room = z.infer<typeof meetingRoom>;

/**
 * Puts everyone who should attend on the roll (idempotent: members already on it keep their answers).
 * A cell meeting: members officially or temporarily attending the organisation on the date. A committee
 * (chi ủy / đảng ủy) meeting: the committee's members then. A general assembly: every member of the subtree.
 */
export async function fillRoll(
  q: Queryable,
  m: Pick<MeetingRow, 'id' | 'organization_id' | 'kind' | 'planned_date' | 'org_path'>,
) {
  const date = m.planned_date;
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
      ? [m.id, m.organization_id, date, m.org_path]
      : [m.id, m.organization_id, date],
  );
}

interface AttendanceDbRow {
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
}

export function entryOf(
  r: Pick<AttendanceDbRow, 'member_id' | 'member_class' | 'temporary' | 'exempt' | 'status'>,
): AttendanceEntry {
  return {
    memberId: r.member_id,
    memberClass: r.member_class,
    temporary: r.temporary,
    exempt: r.exempt,
    status: r.status,
  };
}

export interface TaskDbRow {
  id: string;
  meeting_id: string | null;
  organization_id: string;
  org_name: string;
  title: string;
  expected_result: string | null;
  deadline: string | null;
  assignee_member_id: string | null;
  assignee_group_id: string | null;
  assignee_name: string | null;
  group_name: string | null;
  status: 'open' | 'done' | 'not_done' | 'cancelled';
  result_note: string | null;
  completed_on: string | null;
}

export const taskSelect = `SELECT t.*, op.name AS org_name, am.full_name AS assignee_name, gp.name AS group_name
  FROM task t
  JOIN organization_period op ON op.organization_id = t.organization_id AND op.valid_to IS NULL
  LEFT JOIN member am ON am.id = t.assignee_member_id
  LEFT JOIN organization_period gp ON gp.organization_id = t.assignee_group_id AND gp.valid_to IS NULL`;

/** Tasks with their reports, shaped for the API; `flags` says who may report on or review each. */
export async function taskViews<R extends TaskDbRow>(
  q: Queryable,
  rows: R[],
  flags: (t: R) => { canReport: boolean; canReview: boolean } = () => ({
    canReport: false,
    canReview: false,
  }),
) {
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await q.query<{
        id: string;
        task_id: string;
        author: string | null;
        note: string;
        progress: number | null;
        file_name: string | null;
        created_at: Date;
      }>(
        `SELECT r.id, r.task_id, mb.full_name AS author, r.note, r.progress, r.file_name, r.created_at
           FROM task_report r LEFT JOIN member mb ON mb.id = r.member_id
          WHERE r.task_id = ANY($1::uuid[]) ORDER BY r.created_at`,
        [ids],
      )
    : [];
  const today = todayIso();
  return rows.map((t) => ({
    id: t.id,
    meetingId: t.meeting_id,
    organizationId: t.organization_id,
    organizationName: t.org_name,
    title: t.title,
    expectedResult: t.expected_result,
    deadline: t.deadline,
    assignee: t.assignee_name ?? t.group_name ?? '',
    assigneeMemberId: t.assignee_member_id,
    assigneeGroupId: t.assignee_group_id,
    status: t.status,
    resultNote: t.result_note,
    completedOn: t.completed_on,
    overdue: isOverdue({ status: t.status, deadline: t.deadline, completedOn: t.completed_on }, today),
    reports: reports
      .filter((r) => r.task_id === t.id)
      .map((r) => ({
        id: r.id,
        author: r.author ?? '',
        note: r.note,
        progress: r.progress,
        fileName: r.file_name,
        createdAt: iso(r.created_at)!,
      })),
    ...flags(t),
  }));
}

/** The regular meeting held before this one in the same organisation, whose decision this one reviews. */
export async function previousMeeting(
  q: Queryable,
  m: Pick<MeetingRow, 'id' | 'organization_id' | 'planned_date'>,
) {
  const [prev] = await q.query<{ id: string; number: string | null }>(
    `SELECT pm.id, d.number FROM meeting pm LEFT JOIN decision d ON d.meeting_id = pm.id
      WHERE pm.organization_id = $1 AND pm.id <> $2 AND pm.planned_date < $3
        AND pm.kind IN ('regular','regular_thematic') AND pm.status IN ('held','adopted')
      ORDER BY pm.planned_date DESC LIMIT 1`,
    [m.organization_id, m.id, m.planned_date],
  );
  return prev ?? null;
}

const kindTitle = (kind: string, forMonth: string) =>
  `${meetingKindLabel[kind as MeetingKind]} tháng ${Number(forMonth.slice(5, 7))}/${forMonth.slice(0, 4)}`;

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

export async function buildRoom(q: Queryable, m: MeetingRow): Promise<Room> {
  const [agenda, attendance, guests, contributions, votes, people, tasks, decision, addenda, topic] =
    await runAll(q, [
      () =>
        q.query<{
          id: string;
          position: number;
          section: 'opening' | 'main' | 'closing';
          key: string;
          title: string;
          notes: string;
          notes_version: number;
          conclusion: string | null;
          done_at: Date | null;
        }>('SELECT * FROM meeting_agenda_item WHERE meeting_id = $1 ORDER BY position', [m.id]),
      () =>
        q.query<AttendanceDbRow>(
          `SELECT a.*, mb.full_name FROM meeting_attendance a JOIN member mb ON mb.id = a.member_id
          WHERE a.meeting_id = $1 ORDER BY a.member_class, mb.search_name`,
          [m.id],
        ),
      () =>
        q.query<{ id: string; name: string; title: string }>(
          'SELECT id, name, title FROM meeting_guest WHERE meeting_id = $1 ORDER BY name',
          [m.id],
        ),
      () =>
        q.query<{
          id: string;
          agenda_item_id: string;
          member_id: string | null;
          speaker: string;
          summary: string;
          created_at: Date;
        }>(
          `SELECT c.id, c.agenda_item_id, c.member_id, COALESCE(mb.full_name, c.guest_name) AS speaker, c.summary, c.created_at
           FROM meeting_contribution c LEFT JOIN member mb ON mb.id = c.member_id
          WHERE c.meeting_id = $1 ORDER BY c.created_at`,
          [m.id],
        ),
      () =>
        q.query<{
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
        }>(
          `SELECT v.*, (SELECT count(*) FROM meeting_ballot b WHERE b.vote_id = v.id)::int AS ballots
           FROM meeting_vote v WHERE v.meeting_id = $1 ORDER BY v.opened_at`,
          [m.id],
        ),
      () =>
        q.query<{ id: string; full_name: string }>(
          'SELECT id, full_name FROM member WHERE id = ANY($1::uuid[])',
          [[m.preparer_member_id, m.chair_member_id, m.minute_taker_member_id].filter(Boolean)],
        ),
      () => q.query<TaskDbRow>(`${taskSelect} WHERE t.meeting_id = $1 ORDER BY t.created_at`, [m.id]),
      () =>
        q.query<{
          id: string;
          type: 'NQ' | 'KL';
          number: string;
          title: string;
          issued_on: string;
          finalised_at: Date | null;
        }>('SELECT id, type, number, title, issued_on, finalised_at FROM decision WHERE meeting_id = $1', [
          m.id,
        ]),
      () =>
        q.query<{ id: string; text: string; created_at: Date }>(
          'SELECT id, text, created_at FROM meeting_addendum WHERE meeting_id = $1 ORDER BY created_at',
          [m.id],
        ),
      () =>
        m.thematic_topic_id
          ? q.query<{ id: string; title: string }>('SELECT id, title FROM thematic_topic WHERE id = $1', [
              m.thematic_topic_id,
            ])
          : Promise.resolve([]),
    ] as const);

  const prev = await previousMeeting(q, m);
  const prevTaskRows = prev
    ? await q.query<TaskDbRow>(`${taskSelect} WHERE t.meeting_id = $1 ORDER BY t.created_at`, [prev.id])
    : [];
  const achievement = taskAchievementShare(
    prevTaskRows.map((t) => ({ status: t.status, deadline: t.deadline, completedOn: t.completed_on })),
  );

  const ruleSet = ruleSetOf(m);
  const entries = attendance.map(entryOf);
  const summary = summarizeAttendance(entries);
  const present = attendance.filter((a) => a.status === 'present').map((a) => a.member_id);
  const speakers = contributions.filter((c) => c.member_id).map((c) => c.member_id!);
  const votingRules = votingRulesInForce(m.planned_date);
  const name = (id: string | null) => {
    const p = id ? people.find((x) => x.id === id) : undefined;
    return p ? { id: p.id, name: p.full_name } : null;
  };
  const combined = m.kind === 'regular_thematic';
  const requiredMinutes =
    combined && ruleSet.parameters.minCombinedDurationMinutes
      ? ruleSet.parameters.minCombinedDurationMinutes
      : ruleSet.parameters.minDurationMinutes;
  const duration =
    m.started_at && m.ended_at
      ? Math.round((new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60000)
      : null;
  const findings = complianceFindings({
    meetings: [
      {
        id: m.id,
        kind: m.kind as MeetingKind,
        status: m.status,
        forMonth: m.for_month,
        date: m.planned_date,
        dateReason: m.date_reason,
        startedAt: iso(m.started_at),
        endedAt: iso(m.ended_at),
        materialsPublishedAt: iso(m.notice_published_at),
        finalisedAt: iso(m.adopted_at),
        combinedWithOther: m.combined_with_other,
        ruleSet,
      },
    ],
    from: m.for_month,
    to: m.for_month,
    today: todayIso(),
    ruleSetFor: () => ruleSet,
  }).filter((f) => f.meetingId === m.id);

  return {
    id: m.id,
    version: m.version,
    organization: { id: m.organization_id, name: m.org_name, kind: m.org_kind },
    kind: m.kind as MeetingKind,
    title: kindTitle(m.kind, m.for_month),
    forMonth: m.for_month,
    plannedDate: m.planned_date,
    plannedTime: m.planned_time,
    dateReason: m.date_reason,
    location: m.location,
    status: m.status,
    ruleSet: {
      id: ruleSet.id,
      version: ruleSet.version,
      title: ruleSet.title,
      document: documentLabel(ruleSet.document),
      minDurationMinutes: ruleSet.parameters.minDurationMinutes,
      requiredMinutes,
      materialsLeadDays: ruleSet.parameters.materialsLeadDays,
    },
    votingRules: {
      id: votingRules.id,
      title: votingRules.title,
      sources: votingRules.sources.map(documentLabel),
    },
    preparer: name(m.preparer_member_id),
    chair: name(m.chair_member_id),
    minuteTaker: name(m.minute_taker_member_id),
    preparatoryHeldOn: m.preparatory_held_on,
    preparatoryMinutes: m.preparatory_minutes,
    noticeContent: m.notice_content,
    noticePublishedAt: iso(m.notice_published_at),
    draftResolution: m.draft_resolution,
    combinedWithOther: m.combined_with_other,
    thematicTopic: topic[0] ?? null,
    startedAt: iso(m.started_at),
    endedAt: iso(m.ended_at),
    durationMinutes: duration,
    currentItemId: m.current_item_id,
    minutesGeneral: m.minutes_general,
    minutesGeneralVersion: m.minutes_general_version,
    adoptedAt: iso(m.adopted_at),
    chairSignedAt: iso(m.chair_signed_at),
    minuteTakerSignedAt: iso(m.minute_taker_signed_at),
    cancelReason: m.cancel_reason,
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      section: a.section,
      key: a.key,
      title: a.title,
      notes: a.notes,
      notesVersion: a.notes_version,
      conclusion: a.conclusion,
      doneAt: iso(a.done_at),
    })),
    attendance: attendance.map((a) => {
      const eligibility = voteEligibility(entryOf(a));
      return {
        memberId: a.member_id,
        name: a.full_name,
        memberClass: a.member_class,
        temporary: a.temporary,
        exempt: a.exempt,
        status: a.status,
        reason: a.reason,
        rsvp: a.rsvp,
        rsvpReason: a.rsvp_reason,
        checkedInAt: iso(a.checked_in_at),
        checkInMethod: a.check_in_method,
        canVote: eligibility.eligible,
        voteIneligibleReason: eligibility.reason,
      };
    }),
    summary,
    guests,
    contributions: contributions.map((c) => ({
      id: c.id,
      agendaItemId: c.agenda_item_id,
      memberId: c.member_id,
      speaker: c.speaker,
      summary: c.summary,
      createdAt: iso(c.created_at)!,
    })),
    speakersShare: speakersShare(present, speakers),
    votes: votes.map((v) => {
      const rules = builtInVotingRules.find((r) => r.id === v.voting_rules_id) ?? votingRules;
      return {
        id: v.id,
        agendaItemId: v.agenda_item_id,
        subject: v.subject,
        kind: v.kind,
        method: v.method,
        status: v.status,
        ballotsCast: v.ballots,
        forCount: v.for_count,
        againstCount: v.against_count,
        abstainCount: v.abstain_count,
        voteBase: v.vote_base,
        eligiblePresent: v.eligible_present,
        passed: v.passed,
        line: fromStoredText(v.line),
        threshold: thresholdText(v.kind === 'admission' ? rules.admission : rules.decision),
      };
    }),
    tasks: await taskViews(q, tasks),
    previousTasks: await taskViews(q, prevTaskRows),
    previousAchievement: {
      meetingId: prev?.id ?? null,
      decisionNumber: prev?.number ?? null,
      ...achievement,
    },
    decision: decision[0]
      ? {
          id: decision[0].id,
          type: decision[0].type,
          number: decision[0].number,
          title: decision[0].title,
          issuedOn: decision[0].issued_on,
          finalisedAt: iso(decision[0].finalised_at),
        }
      : null,
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, createdAt: iso(a.created_at)! })),
    findings,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The live channel: one in-process fan-out per meeting. Changes are coalesced for a moment, the room is built
// once and the same snapshot goes to every open screen. (Several server processes would relay through
// PostgreSQL LISTEN/NOTIFY; one process serves a province today.)

/** Receives the room as JSON text, serialised once per change for every screen. */
type Listener = (roomJson: string) => void;
/** How long the last room build took (benchmarks read it). */
export let lastBuildMs = 0;
const channels = new Map<string, { listeners: Set<Listener>; timer: NodeJS.Timeout | null }>();

export function subscribe(meetingId: string, listener: Listener): () => void {
  let ch = channels.get(meetingId);
  if (!ch) {
    ch = { listeners: new Set(), timer: null };
    channels.set(meetingId, ch);
  }
  ch.listeners.add(listener);
  return () => {
    ch.listeners.delete(listener);
    if (ch.listeners.size === 0 && !ch.timer) channels.delete(meetingId);
  };
}

export function subscriberCount(meetingId: string): number {
  return channels.get(meetingId)?.listeners.size ?? 0;
}

/** Tells every open screen of the meeting that it changed (after the change is committed). */
export function publishChange(db: Database, meetingId: string, delayMs = 300) {
  const ch = channels.get(meetingId);
  if (!ch || ch.listeners.size === 0 || ch.timer) return;
  ch.timer = setTimeout(() => {
    ch.timer = null;
    void (async () => {
      try {
        const m = await findMeeting(db, meetingId);
        if (!m) return;
        const started = performance.now();
        const json = JSON.stringify(await buildRoom(db, m));
        lastBuildMs = performance.now() - started;
        for (const l of ch.listeners) l(json);
      } catch (e) {
        logger.error('live room update failed', { meetingId, error: String(e) });
      }
    })();
  }, delayMs);
}
