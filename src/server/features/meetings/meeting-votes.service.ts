// Votes, adoption and signatures: opening a vote, a member's electronic ballot, closing with the result under the
// voting rules, adopting the minutes with a numbered decision, and signing them. Every write goes through `mutate`.
import type { z } from 'zod';
import type { adoptBody, closeVoteBody, openVoteBody } from '../../../contracts/meetings.ts';
import {
  formatDecisionNumber,
  issuerAbbreviation,
  numberingPeriodKey,
} from '../../../domain/decision-numbers.ts';
import { showOfHandsProblem, summarizeAttendance, voteResult } from '../../../domain/meeting-attendance.ts';
import { nextStatus } from '../../../domain/meeting-actions.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { builtInVotingRules, votingRulesInForce } from '../../../domain/voting-rules.ts';
import { fromStoredText, type Message, message, storedText } from '../../../domain/messages.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decisionBodyOf, defaultDecisionTitle } from '../documents/decision-body.ts';
import { buildRoom } from '../meeting-room/meeting-room.service.ts';
import { closeTasksReviewedIn } from '../tasks/tasks.service.ts';
import { entryOf, type MeetingRow, vnDate } from './meeting-access.ts';
import { type Meta, mutate } from './meeting-write.ts';
import * as minutesRepo from './meeting-minutes.repository.ts';
import * as votesRepo from './meeting-votes.repository.ts';

type Choice = 'for' | 'against' | 'abstain';

export async function openVote(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof openVoteBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.vote.open', after: (r: { id: string }) => ({ voteId: r.id, ...input }) };
  return mutate(db, actor, meetingId, 'open_vote', meta, audit, async (tx, m) => {
    if (await votesRepo.hasOpenVote(tx, m.id))
      throw new AppError('invalid_state', message('vote.open_exists'));
    const id = await votesRepo.insertVote(tx, {
      meetingId: m.id,
      agendaItemId: input.agendaItemId ?? null,
      subject: input.subject,
      kind: input.kind,
      method: input.method,
      votingRulesId: votingRulesInForce(m.planned_date).id,
    });
    return { id };
  });
}

async function voteOf(q: Queryable, voteId: string, lock = false) {
  const v = await votesRepo.findVote(q, voteId, lock);
  if (!v) throw notFound(message('vote.not_found'));
  return v;
}

const rollEntries = async (q: Queryable, meetingId: string) =>
  (await votesRepo.listRollEntries(q, meetingId)).map(entryOf);

/** A member's own electronic ballot: only full members present who are eligible, once. */
export async function castBallot(db: Database, actor: Actor, voteId: string, choice: Choice, meta: Meta) {
  const v = await voteOf(db, voteId);
  const audit = { action: 'meeting.vote.ballot', after: () => ({ voteId }) };
  // Who may vote (on the roll, present, eligible) and when (in session) is the rule of meeting actions'.
  return mutate(db, actor, v.meeting_id, 'cast_vote', meta, audit, async (tx, m, viewer) => {
    const vote = await voteOf(tx, voteId, true);
    if (vote.status !== 'open') throw new AppError('invalid_state', message('vote.closed'));
    if (vote.method !== 'electronic') throw new AppError('invalid_state', message('vote.show_of_hands'));
    if (!(await votesRepo.insertBallot(tx, voteId, viewer.entry!.memberId, choice))) {
      throw new AppError('conflict', message('vote.already_cast'));
    }
    return { ok: true as const };
  });
}

/** The counts of a vote: given by the minute-taker for a show of hands, counted from the ballots otherwise. */
async function countsOf(
  q: Queryable,
  v: votesRepo.VoteRow,
  input: z.infer<typeof closeVoteBody>,
  eligiblePresent: number,
) {
  if (v.method === 'show_of_hands') {
    if (input.forCount === undefined) {
      throw new AppError('validation_failed', message('vote.give_for_count'), [
        { path: 'forCount', message: message('vote.required') },
      ]);
    }
    const counts = {
      for: input.forCount,
      against: input.againstCount ?? 0,
      abstain: input.abstainCount ?? 0,
    };
    const problem = showOfHandsProblem(counts, eligiblePresent);
    if (problem) throw new AppError('validation_failed', problem, [{ path: 'forCount', message: problem }]);
    return counts;
  }
  const rows = await votesRepo.countBallots(q, v.id);
  const n = (c: Choice) => rows.find((r) => r.choice === c)?.n ?? 0;
  return { for: n('for'), against: n('against'), abstain: n('abstain') };
}

export async function closeVote(
  db: Database,
  actor: Actor,
  voteId: string,
  input: z.infer<typeof closeVoteBody>,
  meta: Meta,
) {
  const v = await voteOf(db, voteId);
  const audit = {
    action: 'meeting.vote.close',
    after: (r: { passed: boolean; line: Message }) => ({ voteId, ...r }),
  };
  return mutate(db, actor, v.meeting_id, 'close_vote', meta, audit, async (tx, m) => {
    if (v.status !== 'open') throw new AppError('invalid_state', message('vote.closed'));
    const summary = summarizeAttendance(await rollEntries(tx, m.id));
    const counts = await countsOf(tx, v, input, summary.eligiblePresent);
    const rules =
      builtInVotingRules.find((r) => r.id === v.voting_rules_id) ?? votingRulesInForce(m.planned_date);
    const result = voteResult(v.kind, counts, summary.voteBase, summary.eligiblePresent, rules);
    await votesRepo.markVoteClosed(tx, voteId, {
      ...result,
      line: storedText(result.line),
      eligiblePresent: summary.eligiblePresent,
    });
    return { passed: result.passed, line: result.line };
  });
}

/** The decision's sections written from the facts of the meeting, and the meeting whose tasks it reviewed. */
async function decisionBody(q: Queryable, m: MeetingRow) {
  const room = await buildRoom(q, m);
  const body = decisionBodyOf({
    date: m.started_at ? vnDate(m.started_at) : m.planned_date,
    location: m.location,
    organizationName: m.org_name,
    draftResolution: m.draft_resolution,
    room,
  });
  return { body, previousMeetingId: room.previousAchievement.meetingId };
}

/**
 * Adopts and locks the minutes and issues the decision with the next number of its issuer, type and term.
 * Needs a closed, passed vote on the resolution or conclusion.
 */
export async function adopt(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof adoptBody>,
  meta: Meta,
) {
  const audit = { action: 'meeting.adopt', after: (r: { decisionNumber: string }) => r };
  return mutate(db, actor, meetingId, 'adopt_minutes', meta, audit, async (tx, m) => {
    const vote = await votesRepo.findLatestDecisionVote(tx, m.id);
    if (!vote) throw new AppError('invalid_state', message('meeting.no_decision_vote'));
    if (!vote.passed)
      throw new AppError(
        'invalid_state',
        message('meeting.decision_not_passed', { line: fromStoredText(vote.line) }),
      );
    const periodKey = numberingPeriodKey(
      await votesRepo.findTermStart(tx, m.organization_id, m.planned_date),
      m.planned_date,
    );
    const seq = await votesRepo.nextDecisionSeq(tx, m.organization_id, input.decisionType, periodKey);
    const number = formatDecisionNumber(seq, input.decisionType, issuerAbbreviation(m.org_kind));
    const { body, previousMeetingId } = await decisionBody(tx, m);
    await votesRepo.insertDecision(tx, {
      provinceId: m.province_id,
      organizationId: m.organization_id,
      meetingId: m.id,
      type: input.decisionType,
      periodKey,
      seq,
      number,
      title: input.decisionTitle?.trim() || defaultDecisionTitle(m.for_month),
      body,
      issuedOn: vnDate(m.started_at ?? new Date()),
    });
    await votesRepo.markAdopted(tx, m.id, nextStatus(m.status, 'adopt_minutes'));
    // The previous decision's tasks reviewed in this meeting are closed against it.
    if (previousMeetingId) await closeTasksReviewedIn(tx, previousMeetingId, m.id);
    return { decisionNumber: number };
  });
}

export async function sign(
  db: Database,
  actor: Actor,
  meetingId: string,
  role: 'chair' | 'minute_taker',
  meta: Meta,
) {
  const action = role === 'chair' ? 'sign_chair' : 'sign_minute_taker';
  const audit = { action: 'meeting.sign', after: () => ({ role }) };
  return mutate(db, actor, meetingId, action, meta, audit, async (tx, m) => {
    // The meeting is locked, so this is only a safeguard: signed once, whatever happens.
    if (!(await minutesRepo.markSigned(tx, m.id, role)))
      throw new AppError('conflict', message('meeting.already_signed'));
    return { ok: true as const };
  });
}
