// What the viewer may do with one annual evaluation in its step (the workflow of evaluation-workflow.ts, each
// step a named permission), with a cell's evaluations of a year (start them), and with bốn tốt (enter a criterion).
import type { OrganizationKind } from '../contracts/organizations.ts';
import {
  evaluationActions as allEvaluationActions,
  evaluationYearActions as allEvaluationYearActions,
  fourGoodActions as allFourGoodActions,
} from '../contracts/evaluation.ts';
import { type MessageCode, message } from '../messages/index.ts';
import {
  type EvaluationAction,
  type EvaluationStep,
  evaluationActionProblem,
} from './evaluation-workflow.ts';
import { type Action, type Actor, can, type EvaluationResource } from './permissions.ts';
import { allowedBy, forbidden, invalidState, type Refusal } from './resource-actions.ts';
import { isCellKind } from './tree.ts';

export type EvaluationYearAction = (typeof allEvaluationYearActions)[number];
export type FourGoodAction = (typeof allFourGoodActions)[number];

/** One evaluation: whose it is (as permissions see it) and the last step reached (null before any). */
export interface EvaluationState extends Omit<EvaluationResource, 'type'> {
  step: EvaluationStep | null;
}

/** An organisation, for its evaluations of a year or its bốn tốt. */
export interface OrganizationState {
  path: string;
  kind: OrganizationKind;
}

// Each step is a named permission, refused with its own words.
const stepPermission: Record<EvaluationAction, { permission: Action; denied: MessageCode }> = {
  self_assess: { permission: 'evaluation.selfAssess', denied: 'evaluation.self_assess_forbidden' },
  propose: { permission: 'evaluation.propose', denied: 'evaluation.propose_forbidden' },
  decide: { permission: 'evaluation.decide', denied: 'evaluation.decide_forbidden' },
  announce: { permission: 'evaluation.announce', denied: 'evaluation.announce_forbidden' },
};

export function evaluationActionRefusal(
  actor: Actor,
  e: EvaluationState,
  action: EvaluationAction,
): Refusal | null {
  const p = stepPermission[action];
  if (!can(actor, p.permission, { type: 'evaluation', ...e })) return forbidden(message(p.denied));
  const problem = evaluationActionProblem(e.step, action);
  return problem ? invalidState(problem) : null;
}

export const evaluationActions = (actor: Actor, e: EvaluationState): EvaluationAction[] =>
  allowedBy(allEvaluationActions, (a) => evaluationActionRefusal(actor, e, a));

export function evaluationYearActionRefusal(
  actor: Actor,
  o: OrganizationState,
  action: EvaluationYearAction,
): Refusal | null {
  switch (action) {
    case 'start':
      if (!can(actor, 'evaluation.start', { type: 'organization', path: o.path })) {
        return forbidden(message('evaluation.start_forbidden'));
      }
      // A cell evaluates its members and itself; committees decide over their cells' evaluations.
      return isCellKind(o.kind) ? null : invalidState(message('evaluation.start_cells_only'));
  }
}

export const evaluationYearActions = (actor: Actor, o: OrganizationState): EvaluationYearAction[] =>
  allowedBy(allEvaluationYearActions, (a) => evaluationYearActionRefusal(actor, o, a));

/** Organisations judged for bốn tốt: cells and grassroots organisations. */
export const fourGoodKinds: readonly OrganizationKind[] = ['cell', 'grassroots_cell', 'grassroots_committee'];

export function fourGoodActionRefusal(
  actor: Actor,
  o: OrganizationState,
  action: FourGoodAction,
): Refusal | null {
  switch (action) {
    case 'enter':
      if (!can(actor, 'fourGood.enter', { type: 'organization', path: o.path })) {
        return forbidden(message('fourGood.enter_forbidden'));
      }
      return fourGoodKinds.includes(o.kind) ? null : invalidState(message('fourGood.kinds_only'));
  }
}

export const fourGoodActions = (actor: Actor, o: OrganizationState): FourGoodAction[] =>
  allowedBy(allFourGoodActions, (a) => fourGoodActionRefusal(actor, o, a));
