// The steps of an annual evaluation (self-assessment → proposal → decision → announcement) and which action
// each step allows next. Pure, no I/O.

import type { evaluationActions } from '../contracts/evaluation.ts';
import { type Message, message } from './messages.ts';

export type EvaluationStep = 'self_assessment' | 'proposal' | 'decision' | 'announced';
/** The one vocabulary of evaluation actions is the contract's. */
export type EvaluationAction = (typeof evaluationActions)[number];

const steps: readonly EvaluationStep[] = ['self_assessment', 'proposal', 'decision', 'announced'];

export const evaluationStepLabel: Record<EvaluationStep, string> = {
  self_assessment: 'Tự kiểm điểm, tự đánh giá, xếp loại',
  proposal: 'Chi bộ, cấp ủy thẩm định và đề xuất mức xếp loại',
  decision: 'Cấp có thẩm quyền quyết định xếp loại',
  announced: 'Đã thông báo kết quả',
};

const actionStep: Record<EvaluationAction, EvaluationStep> = {
  self_assess: 'self_assessment',
  propose: 'proposal',
  decide: 'decision',
  announce: 'announced',
};

export function nextEvaluationStep(step: EvaluationStep): EvaluationStep | null {
  return steps[steps.indexOf(step) + 1] ?? null;
}

/**
 * The workflow (QĐ124 Điều 12 and QĐ366: self-assessment, appraisal and proposal, decision by the competent
 * level, then the result is announced). `step` is the last step reached: an evaluation is created by
 * 'self_assess' (step 'self_assessment'). An action either takes the next step or amends the current one,
 * which is allowed for the self-assessment and the proposal until the next step is taken. A decision is not
 * amended here: re-rating is a new decision (HD 43 annex 'Quyết định đánh giá, xếp loại lại').
 */
export function evaluationActionProblem(
  step: EvaluationStep | null,
  action: EvaluationAction,
): Message | null {
  const target = actionStep[action];
  const stepName = (x: EvaluationStep) => message(`evaluation.step.${x}`);
  // Before any step only the self-assessment may start an evaluation.
  if (step === null) {
    return action === 'self_assess'
      ? null
      : message('evaluation.step.needs_earlier', {
          step: stepName(target),
          missing: stepName('self_assessment'),
        });
  }
  if (target === nextEvaluationStep(step)) return null;
  if (target === step && (step === 'self_assessment' || step === 'proposal')) return null;
  if (step === 'announced') return message('evaluation.step.already_announced');
  const ti = steps.indexOf(target);
  const si = steps.indexOf(step);
  if (ti > si) {
    const missing = steps[si + 1] as EvaluationStep;
    return message('evaluation.step.needs_earlier', { step: stepName(target), missing: stepName(missing) });
  }
  return message('evaluation.step.passed', { step: stepName(target), current: stepName(step) });
}
