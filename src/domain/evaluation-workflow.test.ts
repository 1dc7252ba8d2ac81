import { describe, expect, it } from 'vitest';
import { inVi } from './testing-messages.ts';
import {
  type EvaluationAction,
  evaluationActionProblem,
  type EvaluationStep,
  evaluationStepLabel,
  nextEvaluationStep,
} from './evaluation-workflow.ts';

describe('evaluation: workflow', () => {
  it('goes self-assessment → proposal → decision → announced', () => {
    expect(nextEvaluationStep('self_assessment')).toBe('proposal');
    expect(nextEvaluationStep('proposal')).toBe('decision');
    expect(nextEvaluationStep('decision')).toBe('announced');
    expect(nextEvaluationStep('announced')).toBeNull();
    expect(Object.keys(evaluationStepLabel)).toEqual([
      'self_assessment',
      'proposal',
      'decision',
      'announced',
    ]);
  });

  it.each<[EvaluationStep, EvaluationAction, RegExp | null]>([
    ['self_assessment', 'self_assess', null],
    ['self_assessment', 'propose', null],
    ['self_assessment', 'decide', /cần bước "Chi bộ, cấp ủy thẩm định và đề xuất mức xếp loại" trước/],
    ['self_assessment', 'announce', /cần bước "Chi bộ, cấp ủy thẩm định/],
    ['proposal', 'self_assess', /Đã qua bước "Tự kiểm điểm/],
    ['proposal', 'propose', null],
    ['proposal', 'decide', null],
    ['proposal', 'announce', /cần bước "Cấp có thẩm quyền quyết định xếp loại" trước/],
    ['decision', 'propose', /Đã qua bước/],
    ['decision', 'decide', /Đã qua bước/],
    ['decision', 'announce', null],
    ['announced', 'announce', /xếp loại lại/],
    ['announced', 'self_assess', /xếp loại lại/],
  ])('at %s, %s → %s', (step, action, problem) => {
    const p = evaluationActionProblem(step, action);
    if (problem === null) expect(p).toBeNull();
    else expect(inVi(p)).toMatch(problem);
  });
});
