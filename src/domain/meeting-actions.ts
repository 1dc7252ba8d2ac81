// What a viewer may do with a meeting now: one pure rule over the one vocabulary of meeting actions
// (src/contracts/meetings.ts). The server asks it before every meeting write and sends `meetingActions` as the
// detail's `actions`; the web enables its controls from that list alone.
//
// A refusal names, in this order: who may act (forbidden), then the meeting's state (invalid_state, worded by the
// lifecycle's own problems in ./meetings.ts), then what is already done (conflict).
import { type MeetingAction, meetingActions as vocabulary } from '../contracts/meetings.ts';
import { type Message, type MessageCode, message } from '../messages/index.ts';
import {
  type AttendanceEntry,
  type MeetingAction as LifecycleStep,
  meetingActionProblem,
  type MeetingStatus,
  voteEligibility,
} from './meetings.ts';

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
  // TRANSITION (issue 8): the lifecycle's problems (./meetings.ts) are still Vietnamese sentences until the
  // domain's messages become codes; then this is a Message only.
  message: Message | string;
  /** the refusal's words under a named field of the form that asked */
  issues?: { path: string; message: Message }[];
}

type Who = 'manage' | 'run' | 'on_roll' | 'voter' | 'chair' | 'minute_taker' | 'scorer';

/** When an action is allowed: either as a lifecycle step of ./meetings.ts, or in these statuses with these words. */
type When = { step: LifecycleStep } | { in: readonly MeetingStatus[]; problem: MessageCode };

const beforeEnd: readonly MeetingStatus[] = ['planned', 'notified', 'in_session'];

const rules: Record<MeetingAction, { who: Who; when: When }> = {
  edit_preparation: { who: 'manage', when: { step: 'edit_preparation' } },
  upload_material: {
    who: 'manage',
    when: { in: ['planned', 'notified', 'in_session', 'held'], problem: 'meeting.materials_closed' },
  },
  publish_notice: { who: 'manage', when: { step: 'publish_notice' } },
  cancel: { who: 'manage', when: { step: 'cancel' } },
  rsvp: { who: 'on_roll', when: { in: ['planned', 'notified'], problem: 'meeting.rsvp_before_start' } },
  start: { who: 'manage', when: { step: 'start' } },
  end: { who: 'manage', when: { step: 'end' } },
  check_in: { who: 'on_roll', when: { in: ['in_session'], problem: 'meeting.checkin_only_in_session' } },
  record_attendance: { who: 'run', when: { step: 'record_attendance' } },
  add_guest: { who: 'run', when: { in: beforeEnd, problem: 'meeting.guests_before_end' } },
  edit_agenda: { who: 'run', when: { in: beforeEnd, problem: 'meeting.agenda_before_end' } },
  set_current_item: { who: 'run', when: { in: ['in_session'], problem: 'meeting.not_in_session' } },
  record_contribution: { who: 'run', when: { step: 'edit_minutes' } },
  add_task: { who: 'run', when: { step: 'edit_minutes' } },
  open_vote: { who: 'run', when: { step: 'open_vote' } },
  close_vote: { who: 'run', when: { step: 'open_vote' } },
  cast_vote: { who: 'voter', when: { step: 'cast_vote' } },
  edit_minutes: { who: 'run', when: { step: 'edit_minutes' } },
  adopt_minutes: { who: 'manage', when: { step: 'adopt_minutes' } },
  sign_chair: { who: 'chair', when: { step: 'sign' } },
  sign_minute_taker: { who: 'minute_taker', when: { step: 'sign' } },
  add_addendum: { who: 'run', when: { step: 'add_addendum' } },
  score: { who: 'scorer', when: { in: ['held', 'adopted'], problem: 'scoring.meeting_not_held' } },
};

/** Every action, in the vocabulary's order. */
export const allMeetingActions: readonly MeetingAction[] = vocabulary;

function forbidden(viewer: MeetingViewer, who: Who): Message | string | null {
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

function stateProblem(status: MeetingStatus, when: When): Message | string | null {
  if ('step' in when) return meetingActionProblem(status, when.step);
  return when.in.includes(status) ? null : message(when.problem);
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
  const rule = rules[action];
  const notAllowed = forbidden(viewer, rule.who);
  if (notAllowed) return { error: 'forbidden', message: notAllowed };
  const problem = stateProblem(meeting.status, rule.when);
  if (problem) return { error: 'invalid_state', message: problem };
  return alreadyDone(viewer, meeting, action);
}

/** The actions the viewer may take now: exactly those without a refusal. */
export function meetingActions(viewer: MeetingViewer, meeting: MeetingState): MeetingAction[] {
  return allMeetingActions.filter((a) => meetingActionRefusal(viewer, meeting, a) === null);
}
