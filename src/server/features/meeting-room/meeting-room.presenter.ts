// The live room as every open screen shows it: a pure function of the meeting, its rows and its tasks.
import type { z } from 'zod';
import type { meetingRoom } from '../../../contracts/meetings.ts';
import { complianceFindings } from '../../../domain/compliance.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { type MeetingKind, speakersShare, taskAchievementShare } from '../../../domain/meetings.ts';
import { summarizeAttendance, voteEligibility } from '../../../domain/meeting-attendance.ts';
import { builtInVotingRules, thresholdText, votingRulesInForce } from '../../../domain/voting-rules.ts';
import { fromStoredText, message, type MessageCode } from '../../../domain/messages.ts';
import { entryOf, iso, type MeetingRow, ruleSetOf } from '../meetings/meeting-access.ts';
import type { TaskView } from '../tasks/task-views.service.ts';
import type { RoomRows } from './meeting-room.repository.ts';

export type Room = z.infer<typeof meetingRoom>;

/** "Sinh hoạt thường kỳ tháng 3/2026": the meeting's kind and month. */
const kindTitle = (kind: string, forMonth: string) =>
  message('meeting.room_title', {
    kind: message(`meeting.kind.${kind}` as MessageCode),
    month: Number(forMonth.slice(5, 7)),
    year: forMonth.slice(0, 4),
  });

/** Minutes the meeting must last: a regular meeting combined with a thematic one may need longer. */
function requiredMinutesOf(m: MeetingRow) {
  const p = ruleSetOf(m).parameters;
  return m.kind === 'regular_thematic' && p.minCombinedDurationMinutes
    ? p.minCombinedDurationMinutes
    : p.minDurationMinutes;
}

function findingsOf(m: MeetingRow, today: string) {
  const ruleSet = ruleSetOf(m);
  return complianceFindings({
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
    today,
    ruleSetFor: () => ruleSet,
  }).filter((f) => f.meetingId === m.id);
}

function meetingPart(m: MeetingRow, rows: RoomRows) {
  const ruleSet = ruleSetOf(m);
  const votingRules = votingRulesInForce(m.planned_date);
  const name = (id: string | null) => {
    const p = id ? rows.people.find((x) => x.id === id) : undefined;
    return p ? { id: p.id, name: p.full_name } : null;
  };
  return {
    id: m.id,
    // A member's own check-in leaves the meeting row alone (issue 10.1): the version screens use to drop stale
    // states is the meeting's plus the roll's check-ins, both only ever growing.
    version: m.version + rows.attendance.reduce((n, a) => n + a.self_checkins, 0),
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
      requiredMinutes: requiredMinutesOf(m),
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
    thematicTopic: rows.topic,
    startedAt: iso(m.started_at),
    endedAt: iso(m.ended_at),
    durationMinutes:
      m.started_at && m.ended_at
        ? Math.round((new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60000)
        : null,
    currentItemId: m.current_item_id,
    minutesGeneral: m.minutes_general,
    minutesGeneralVersion: m.minutes_general_version,
    adoptedAt: iso(m.adopted_at),
    chairSignedAt: iso(m.chair_signed_at),
    minuteTakerSignedAt: iso(m.minute_taker_signed_at),
    cancelReason: m.cancel_reason,
  };
}

function votesOf(m: MeetingRow, rows: RoomRows) {
  const votingRules = votingRulesInForce(m.planned_date);
  return rows.votes.map((v) => {
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
  });
}

function attendanceOf(rows: RoomRows) {
  return rows.attendance.map((a) => {
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
  });
}

/** The room of one meeting, shaped for the contract `meetingRoom`. */
export function presentRoom(
  m: MeetingRow,
  rows: RoomRows,
  tasks: TaskView[],
  previousTasks: TaskView[],
  today: string,
): Room {
  const present = rows.attendance.filter((a) => a.status === 'present').map((a) => a.member_id);
  const speakers = rows.contributions.filter((c) => c.member_id).map((c) => c.member_id!);
  const achievement = taskAchievementShare(
    previousTasks.map((t) => ({ status: t.status, deadline: t.deadline, completedOn: t.completedOn })),
  );
  const d = rows.decision;
  return {
    ...meetingPart(m, rows),
    agenda: rows.agenda.map((a) => ({
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
    attendance: attendanceOf(rows),
    summary: summarizeAttendance(rows.attendance.map(entryOf)),
    guests: rows.guests,
    contributions: rows.contributions.map((c) => ({
      id: c.id,
      agendaItemId: c.agenda_item_id,
      memberId: c.member_id,
      speaker: c.speaker,
      summary: c.summary,
      createdAt: iso(c.created_at)!,
    })),
    speakersShare: speakersShare(present, speakers),
    votes: votesOf(m, rows),
    tasks,
    previousTasks,
    previousAchievement: {
      meetingId: rows.previous?.id ?? null,
      decisionNumber: rows.previous?.number ?? null,
      ...achievement,
    },
    decision: d
      ? {
          id: d.id,
          type: d.type,
          number: d.number,
          title: d.title,
          issuedOn: d.issued_on,
          finalisedAt: iso(d.finalised_at),
        }
      : null,
    addenda: rows.addenda.map((a) => ({ id: a.id, text: a.text, createdAt: iso(a.created_at)! })),
    findings: findingsOf(m, today),
  };
}
