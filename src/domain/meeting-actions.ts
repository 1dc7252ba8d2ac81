// What a viewer may do with a meeting now: one pure rule over the one vocabulary of meeting actions
// (src/contracts/meetings.ts). The server asks it before every meeting write and moves the lifecycle with
// `nextStatus`; it sends `meetingActions` as the detail's `actions`; the web enables its controls from that list alone.
//
// One table says, for every action: who may act, in which statuses, the words when the status does not allow it,
// and for the lifecycle's moves the status after. A refusal names, in this order: who may act (forbidden), then
// the meeting's state (invalid_state), then what is already done (conflict).
import { type MeetingAction, meetingActions as vocabulary } from '../contracts/meetings.ts';
import { type Message, type MessageCode, message } from '../messages/index.ts';
import { type AttendanceEntry, voteEligibility } from './meeting-attendance.ts';
import { DomainError } from './messages.ts';
import type { MeetingStatus } from './meetings.ts';

export type { MeetingAction };

/** Who is looking at the meeting, as far as its actions are concerned. */
export interface MeetingViewer {
  /** prepares, publishes, starts, ends and adopts: the organisation's own leaders */
  manage: boolean;
  /** runs the room and writes the minutes: the leaders and the meeting's minute-taker */
  run: boolean;
  /** the viewer's own row on the roll; null when not on it (or not a member) */
  entry: AttendanceEntry | null;
  /** the viewer is the meeting's chair */
  chair: boolean;
  /** the viewer is the meeting's minute-taker */
  minuteTaker: boolean;
  /** the viewer may fill in a scorecard of some kind for the meeting's organisation */
  scorer: boolean;
}

/** The meeting, as far as its actions are concerned. */
export interface MeetingState {
  status: MeetingStatus;
  chairSigned: boolean;
  minuteTakerSigned: boolean;
}

export interface MeetingRefusal {
  error: 'forbidden' | 'invalid_state' | 'conflict';
  message: Message;
  /** the refusal's words under a named field of the form that asked */
  issues?: { path: string; message: Message }[];
}

type Who = 'manage' | 'run' | 'on_roll' | 'voter' | 'chair' | 'minute_taker' | 'scorer';

/** The words when the meeting's status does not allow the action. */
type Problem = (status: MeetingStatus) => MessageCode;

interface Rule {
  who: Who;
  /** the statuses in which the action is allowed */
  in: readonly MeetingStatus[];
  problem: Problem;
  /** the status after the action, for the lifecycle's moves */
  after?: MeetingStatus;
}

const before: readonly MeetingStatus[] = ['planned', 'notified'];
const beforeEnd: readonly MeetingStatus[] = ['planned', 'notified', 'in_session'];
const inSession: readonly MeetingStatus[] = ['in_session'];
const minutesOpen: readonly MeetingStatus[] = ['in_session', 'held'];
const adopted: readonly MeetingStatus[] = ['adopted'];

const always =
  (code: MessageCode): Problem =>
  () =>
    code;
/** The lifecycle's words: a cancelled meeting is cancelled, whatever was asked. */
const lifecycle =
  (words: Problem): Problem =>
  (status) =>
    status === 'cancelled' ? 'meeting.action.cancelled' : words(status);
const notStartedOrEnded: Problem = (status) =>
  before.includes(status) ? 'meeting.action.not_started' : 'meeting.action.ended';
/** Adopted minutes are locked: only a dated addendum may follow. */
const lockedOr =
  (words: Problem): Problem =>
  (status) =>
    status === 'adopted' ? 'meeting.action.minutes_locked' : words(status);
const sessionOnly = lifecycle(lockedOr(notStartedOrEnded));
const minutes = lifecycle(lockedOr(always('meeting.action.no_minutes_yet')));
const afterAdoption = lifecycle(always('meeting.action.minutes_not_adopted'));

const rules: Record<MeetingAction, Rule> = {
  edit_preparation: {
    who: 'manage',
    in: before,
    problem: lifecycle(lockedOr(always('meeting.action.preparation_closed'))),
  },
  upload_material: {
    who: 'manage',
    in: ['planned', 'notified', 'in_session', 'held'],
    problem: always('meeting.materials_closed'),
  },
  publish_notice: {
    who: 'manage',
    in: ['planned'],
    problem: lifecycle((s) =>
      s === 'notified' ? 'meeting.action.notice_already_sent' : 'meeting.action.notice_only_before_start',
    ),
    after: 'notified',
  },
  cancel: {
    who: 'manage',
    in: before,
    problem: lifecycle((s) =>
      s === 'in_session' ? 'meeting.action.cannot_cancel_in_session' : 'meeting.action.cannot_cancel_held',
    ),
    after: 'cancelled',
  },
  rsvp: { who: 'on_roll', in: before, problem: always('meeting.rsvp_before_start') },
  start: {
    who: 'manage',
    in: before,
    problem: lifecycle((s) => (s === 'in_session' ? 'meeting.action.in_session' : 'meeting.action.ended')),
    after: 'in_session',
  },
  end: { who: 'manage', in: inSession, problem: lifecycle(notStartedOrEnded), after: 'held' },
  check_in: { who: 'on_roll', in: inSession, problem: always('meeting.checkin_only_in_session') },
  record_attendance: { who: 'run', in: inSession, problem: sessionOnly },
  add_guest: { who: 'run', in: beforeEnd, problem: always('meeting.guests_before_end') },
  edit_agenda: { who: 'run', in: beforeEnd, problem: always('meeting.agenda_before_end') },
  set_current_item: { who: 'run', in: inSession, problem: always('meeting.not_in_session') },
  record_contribution: { who: 'run', in: minutesOpen, problem: minutes },
  add_task: { who: 'run', in: minutesOpen, problem: minutes },
  open_vote: { who: 'run', in: inSession, problem: sessionOnly },
  close_vote: { who: 'run', in: inSession, problem: sessionOnly },
  cast_vote: { who: 'voter', in: inSession, problem: sessionOnly },
  edit_minutes: { who: 'run', in: minutesOpen, problem: minutes },
  adopt_minutes: {
    who: 'manage',
    in: ['held'],
    problem: lifecycle((s) =>
      s === 'adopted'
        ? 'meeting.action.minutes_already_adopted'
        : s === 'in_session'
          ? 'meeting.action.end_before_adopting'
          : 'meeting.action.nothing_to_adopt',
    ),
    after: 'adopted',
  },
  sign_chair: { who: 'chair', in: adopted, problem: afterAdoption },
  sign_minute_taker: { who: 'minute_taker', in: adopted, problem: afterAdoption },
  add_addendum: { who: 'run', in: adopted, problem: afterAdoption },
  score: { who: 'scorer', in: ['held', 'adopted'], problem: always('scoring.meeting_not_held') },
};

/** Every action, in the vocabulary's order. */
export const allMeetingActions: readonly MeetingAction[] = vocabulary;

function forbidden(viewer: MeetingViewer, who: Who): Message | null {
  switch (who) {
    case 'manage':
      return viewer.manage ? null : message('meeting.manage_only_leaders');
    case 'run':
      return viewer.run ? null : message('meeting.run_only_leaders');
    case 'on_roll':
      return viewer.entry ? null : message('meeting.not_on_your_roll');
    case 'voter': {
      if (!viewer.entry) return message('meeting.not_on_your_roll');
      const eligibility = voteEligibility(viewer.entry);
      return eligibility.eligible ? null : (eligibility.reason ?? message('vote.not_eligible'));
    }
    case 'chair':
      return viewer.chair ? null : message('meeting.sign_only_chair');
    case 'minute_taker':
      return viewer.minuteTaker ? null : message('meeting.sign_only_minute_taker');
    case 'scorer':
      return viewer.scorer ? null : message('error.forbidden');
  }
}

/** Why the meeting's status does not allow the action, whoever asks; null when it does. */
function stateProblem(status: MeetingStatus, action: MeetingAction): Message | null {
  const rule = rules[action];
  return rule.in.includes(status) ? null : message(rule.problem(status));
}

/**
 * The status after `action` (the same status for an action that does not move the lifecycle); throws a DomainError
 * with the problem when the status does not allow it. Who may act is the caller's question (`meetingActionRefusal`).
 */
export function nextStatus(status: MeetingStatus, action: MeetingAction): MeetingStatus {
  const problem = stateProblem(status, action);
  if (problem) throw new DomainError(problem);
  return rules[action].after ?? status;
}

function alreadyDone(
  viewer: MeetingViewer,
  meeting: MeetingState,
  action: MeetingAction,
): MeetingRefusal | null {
  if (action === 'check_in' && viewer.entry?.status === 'present') {
    return {
      error: 'conflict',
      message: message('meeting.already_checked_in'),
      issues: [{ path: 'code', message: message('meeting.check_in_once') }],
    };
  }
  if (
    (action === 'sign_chair' && meeting.chairSigned) ||
    (action === 'sign_minute_taker' && meeting.minuteTakerSigned)
  ) {
    return { error: 'conflict', message: message('meeting.already_signed') };
  }
  return null;
}

/** Why the viewer may not take the action now, or null when they may. */
export function meetingActionRefusal(
  viewer: MeetingViewer,
  meeting: MeetingState,
  action: MeetingAction,
): MeetingRefusal | null {
  const notAllowed = forbidden(viewer, rules[action].who);
  if (notAllowed) return { error: 'forbidden', message: notAllowed };
  const problem = stateProblem(meeting.status, action);
  if (problem) return { error: 'invalid_state', message: problem };
  return alreadyDone(viewer, meeting, action);
}

/** The actions the viewer may take now: exactly those without a refusal. */
export function meetingActions(viewer: MeetingViewer, meeting: MeetingState): MeetingAction[] {
  return allMeetingActions.filter((a) => meetingActionRefusal(viewer, meeting, a) === null);
}
