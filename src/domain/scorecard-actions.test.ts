import { describe, expect, it } from 'vitest';
import { scorerKind } from '../contracts/scoring.ts';
import { outcome, pathA, pathB, type Viewer, viewers } from './resource-actions.fixtures.ts';
import {
  type ScorecardStatus,
  scorecardActionRefusal,
  scorecardActions,
  type ScorerKind,
  scorerKindOf,
  scoringActionRefusal,
  scoringActions,
  type ScoringAction,
} from './scorecard-actions.ts';

describe('who may score a meeting of the cell', () => {
  it.each([
    ['secretary', ['score_self']],
    ['follower', ['score_as_follower']],
    // The commune's committee both follows its cells and supervises them.
    ['commune', ['score_as_follower', 'score_as_supervision']],
    ['officer', ['score_as_supervision']],
    ['member', []],
    ['outsider', []],
  ] as const)('%s: %j', (viewer, expected) => {
    expect(scoringActions(viewers[viewer], { path: pathA })).toEqual(expected);
    for (const a of ['score_self', 'score_as_follower', 'score_as_supervision'] as ScoringAction[]) {
      expect(outcome(scoringActionRefusal(viewers[viewer], { path: pathA }, a))).toBe(
        (expected as readonly string[]).includes(a) ? 'allowed' : 'forbidden',
      );
    }
  });

  it('each action fills in one kind of scorecard', () => {
    expect(
      scorerKind.options.map((k) =>
        scorerKindOf(`score_${k === 'self' ? 'self' : `as_${k}`}` as ScoringAction),
      ),
    ).toEqual(scorerKind.options);
  });

  it('the follower of the cell does not score another cell', () => {
    expect(scoringActions(viewers.follower, { path: pathB })).toEqual([]);
  });
});

describe('scorecard actions: each kind × state × viewer', () => {
  const statuses: Array<ScorecardStatus | null> = [null, 'draft', 'submitted'];
  /** The kinds each viewer may fill in. */
  const scores: Record<Viewer, ScorerKind[]> = {
    secretary: ['self'],
    follower: ['follower'],
    commune: ['follower', 'supervision'],
    officer: ['supervision'],
    member: [],
    outsider: [],
  };
  const rows = (Object.keys(scores) as Viewer[]).flatMap((v) =>
    scorerKind.options.flatMap((kind) =>
      statuses.flatMap((status) => [true, false].map((mine) => [v, kind, status, mine] as const)),
    ),
  );

  it.each(rows)('%s, %s card (status %s, mine %s)', (v, kind, status, mine) => {
    const card = { path: pathA, kind, status, mine };
    const permitted = scores[v].includes(kind);
    // The cell has one self-score, its leaders' together; other kinds are each scorer's own card.
    const own = mine || kind === 'self';
    const expected = !permitted || !own ? 'forbidden' : status === 'submitted' ? 'conflict' : 'allowed';
    expect(outcome(scorecardActionRefusal(viewers[v], card, 'edit'))).toBe(expected);
    expect(outcome(scorecardActionRefusal(viewers[v], card, 'submit'))).toBe(expected);
    expect(scorecardActions(viewers[v], card)).toEqual(expected === 'allowed' ? ['edit', 'submit'] : []);
  });

  it('a submitted card is final, with its message code', () => {
    expect(
      scorecardActionRefusal(
        viewers.secretary,
        { path: pathA, kind: 'self', status: 'submitted', mine: false },
        'edit',
      ),
    ).toEqual({ error: 'conflict', message: { code: 'scoring.scorecard_submitted' } });
    expect(
      scorecardActionRefusal(
        viewers.follower,
        { path: pathA, kind: 'self', status: null, mine: false },
        'submit',
      ),
    ).toEqual({ error: 'forbidden', message: { code: 'scoring.self_forbidden' } });
  });
});
