import { describe, expect, it } from 'vitest';
import type { EvaluationAction, EvaluationStep } from './evaluation-workflow.ts';
import {
  evaluationActionRefusal,
  evaluationActions,
  type EvaluationState,
  evaluationYearActionRefusal,
  evaluationYearActions,
  fourGoodActionRefusal,
  fourGoodActions,
} from './evaluation-actions.ts';
import { communePath, memberA, outcome, pathA, type Viewer, viewers } from './resource-actions.fixtures.ts';

const all: EvaluationAction[] = ['self_assess', 'propose', 'decide', 'announce'];
const steps: Array<EvaluationStep | null> = [null, 'self_assessment', 'proposal', 'decision', 'announced'];

/** The workflow (QĐ124 Điều 12, QĐ366): the next step, or amending the self-assessment or the proposal. */
const byStep: Record<string, EvaluationAction[]> = {
  none: ['self_assess'],
  self_assessment: ['self_assess', 'propose'],
  proposal: ['propose', 'decide'],
  decision: ['announce'],
  announced: [],
};

// The commune (a grassroots committee) holds the excellent quota, so decides.
const memberEvaluation = (step: EvaluationStep | null): EvaluationState => ({
  subjectKind: 'member',
  memberId: memberA,
  path: pathA,
  holderPath: communePath,
  step,
});
const cellEvaluation = (step: EvaluationStep | null): EvaluationState => ({
  subjectKind: 'organization',
  memberId: null,
  path: pathA,
  holderPath: communePath,
  step,
});

describe('evaluation actions: each step × each viewer', () => {
  /** Who holds each step's right, for a member's evaluation and for the cell's own. */
  const rights: Record<'member' | 'organization', Record<Viewer, EvaluationAction[]>> = {
    member: {
      member: ['self_assess'],
      secretary: ['propose'],
      commune: ['decide', 'announce'],
      officer: ['decide', 'announce'],
      follower: [],
      outsider: [],
    },
    organization: {
      member: [],
      secretary: ['self_assess'],
      commune: ['propose', 'decide', 'announce'],
      officer: ['propose', 'decide', 'announce'],
      follower: [],
      outsider: [],
    },
  };
  const rows = (['member', 'organization'] as const).flatMap((kind) =>
    (Object.keys(rights.member) as Viewer[]).flatMap((v) => steps.map((step) => [kind, v, step] as const)),
  );

  it.each(rows)('%s evaluation, %s, step %s', (kind, v, step) => {
    const e = kind === 'member' ? memberEvaluation(step) : cellEvaluation(step);
    const mayByStep = byStep[step ?? 'none']!;
    for (const a of all) {
      // The right first (403), then the step (422).
      const expected = !rights[kind][v].includes(a)
        ? 'forbidden'
        : mayByStep.includes(a)
          ? 'allowed'
          : 'invalid_state';
      expect(outcome(evaluationActionRefusal(viewers[v], e, a)), a).toBe(expected);
    }
    expect(evaluationActions(viewers[v], e)).toEqual(
      all.filter((a) => rights[kind][v].includes(a) && mayByStep.includes(a)),
    );
  });

  it('the refusals carry their message codes', () => {
    expect(evaluationActionRefusal(viewers.secretary, memberEvaluation(null), 'decide')).toEqual({
      error: 'forbidden',
      message: { code: 'evaluation.decide_forbidden' },
    });
    expect(evaluationActionRefusal(viewers.secretary, memberEvaluation(null), 'propose')).toMatchObject({
      error: 'invalid_state',
      message: { code: 'evaluation.step.needs_earlier' },
    });
  });
});

describe('starting a year’s evaluations', () => {
  it.each([
    ['secretary', 'cell', 'allowed'],
    ['commune', 'cell', 'allowed'],
    ['officer', 'cell', 'allowed'],
    ['member', 'cell', 'forbidden'],
    ['follower', 'cell', 'forbidden'],
    ['outsider', 'cell', 'forbidden'],
    // A committee's evaluations come from its cells: refused by the state, after the right.
    ['commune', 'grassroots_committee', 'invalid_state'],
    ['member', 'grassroots_committee', 'forbidden'],
  ] as const)('%s on a %s: %s', (v, kind, expected) => {
    const o = { path: kind === 'cell' ? pathA : communePath, kind };
    expect(outcome(evaluationYearActionRefusal(viewers[v], o, 'start'))).toBe(expected);
    expect(evaluationYearActions(viewers[v], o)).toEqual(expected === 'allowed' ? ['start'] : []);
  });
});

describe('entering a bốn tốt criterion', () => {
  it.each([
    ['commune', 'cell', 'allowed'],
    ['officer', 'cell', 'allowed'],
    ['officer', 'grassroots_committee', 'allowed'],
    // The cell does not judge itself.
    ['secretary', 'cell', 'forbidden'],
    ['member', 'cell', 'forbidden'],
    ['follower', 'cell', 'forbidden'],
    ['outsider', 'cell', 'forbidden'],
    ['officer', 'party_group', 'invalid_state'],
  ] as const)('%s on a %s: %s', (v, kind, expected) => {
    const o = { path: kind === 'grassroots_committee' ? communePath : pathA, kind };
    expect(outcome(fourGoodActionRefusal(viewers[v], o, 'enter'))).toBe(expected);
    expect(fourGoodActions(viewers[v], o)).toEqual(expected === 'allowed' ? ['enter'] : []);
  });
});
