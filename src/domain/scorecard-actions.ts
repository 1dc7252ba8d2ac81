// Who may score a meeting, and what the viewer may do with one scorecard in its state: each kind of scorecard
// (the cell's self-score, a follower's, a supervision team's) is a named permission on the meeting's
// organisation; a card is edited as a draft until it is submitted, then it is final. Whether the meeting is held
// (scoring opens then) is the meeting's own rule.
import type { z } from 'zod';
import {
  scorecardActions as allScorecardActions,
  type scorecardStatuses,
  scorerKind,
  scoringActions as allScoringActions,
} from '../contracts/scoring.ts';
import { type MessageCode, message } from '../messages/index.ts';
import { type Action, type Actor, can } from './permissions.ts';
import { allowedBy, conflict, forbidden, type Refusal } from './resource-actions.ts';

export type ScorerKind = z.infer<typeof scorerKind>;
export type ScoringAction = (typeof allScoringActions)[number];
export type ScorecardAction = (typeof allScorecardActions)[number];
export type ScorecardStatus = (typeof scorecardStatuses)[number];

/** Each kind of scorecard: the action that fills it in, its permission, and its refusal's words. */
export const scorerKinds: Record<
  ScorerKind,
  { action: ScoringAction; permission: Action; denied: MessageCode }
> = {
  self: { action: 'score_self', permission: 'scorecard.scoreSelf', denied: 'scoring.self_forbidden' },
  follower: {
    action: 'score_as_follower',
    permission: 'scorecard.scoreAsFollower',
    denied: 'scoring.follower_forbidden',
  },
  supervision: {
    action: 'score_as_supervision',
    permission: 'scorecard.scoreAsSupervision',
    denied: 'scoring.supervision_forbidden',
  },
};

/** The kind of scorecard a scoring action fills in. */
export const scorerKindOf = (action: ScoringAction): ScorerKind =>
  scorerKind.options.find((k) => scorerKinds[k].action === action)!;

/** A meeting as scoring sees it: its organisation's path. */
export interface ScoredMeeting {
  path: string;
}

export interface ScorecardState {
  /** the path of the meeting's organisation */
  path: string;
  kind: ScorerKind;
  /** null: the viewer has no card of this kind yet (saving creates it) */
  status: ScorecardStatus | null;
  /** whether the card is the viewer's own (the cell's self-score is one card, the cell leaders' together) */
  mine: boolean;
}

const org = (path: string) => ({ type: 'organization' as const, path });

export function scoringActionRefusal(
  actor: Actor,
  meeting: ScoredMeeting,
  action: ScoringAction,
): Refusal | null {
  const k = scorerKinds[scorerKindOf(action)];
  return can(actor, k.permission, org(meeting.path)) ? null : forbidden(message(k.denied));
}

export const scoringActions = (actor: Actor, meeting: ScoredMeeting): ScoringAction[] =>
  allowedBy(allScoringActions, (a) => scoringActionRefusal(actor, meeting, a));

export function scorecardActionRefusal(
  actor: Actor,
  card: ScorecardState,
  // Both actions save the card; 'submit' also makes it final.
  _action: ScorecardAction,
): Refusal | null {
  const k = scorerKinds[card.kind];
  if (!can(actor, k.permission, org(card.path))) return forbidden(message(k.denied));
  // Another scorer's card of the same kind is theirs to fill in.
  if (!card.mine && card.kind !== 'self') return forbidden(message(k.denied));
  if (card.status === 'submitted') return conflict(message('scoring.scorecard_submitted'));
  return null;
}

export const scorecardActions = (actor: Actor, card: ScorecardState): ScorecardAction[] =>
  allowedBy(allScorecardActions, (a) => scorecardActionRefusal(actor, card, a));
