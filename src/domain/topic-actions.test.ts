import { describe, expect, it } from 'vitest';
import { topicStatus } from '../contracts/plan.ts';
import { communePath, outcome, pathA, type Viewer, viewers } from './resource-actions.fixtures.ts';
import {
  type TopicAction,
  topicActionRefusal,
  topicActions,
  type TopicStatus,
  topicListActionRefusal,
  topicListActions,
  yearPlanActionRefusal,
  yearPlanActions,
} from './topic-actions.ts';

describe('year plan actions', () => {
  it.each([
    ['secretary', ['plan_meetings', 'edit_work_programme']],
    ['commune', ['review_topics']],
    ['officer', ['review_topics']],
    ['member', []],
    ['follower', []],
    ['outsider', []],
  ] as const)('%s on the cell’s plan: %j', (viewer, expected) => {
    expect(yearPlanActions(viewers[viewer], { path: pathA })).toEqual(expected);
  });

  it('the commune plans its own year, and nobody reviews it from its own leadership', () => {
    expect(yearPlanActions(viewers.commune, { path: communePath })).toEqual([
      'plan_meetings',
      'edit_work_programme',
    ]);
    expect(yearPlanActionRefusal(viewers.secretary, { path: pathA }, 'review_topics')?.error).toBe(
      'forbidden',
    );
  });

  it.each([
    ['secretary', ['register']],
    ['commune', []],
    ['member', []],
    ['outsider', []],
  ] as const)('%s on the cell’s topics: %j', (viewer, expected) => {
    expect(topicListActions(viewers[viewer], { path: pathA })).toEqual(expected);
    expect(outcome(topicListActionRefusal(viewers[viewer], { path: pathA }, 'register'))).toBe(
      expected.length ? 'allowed' : 'forbidden',
    );
  });
});

describe('topic actions: each state × each viewer', () => {
  // [viewer, status, allowed actions, refusal of submit, refusal of review]
  const table: Array<[Viewer, TopicStatus, TopicAction[], string, string]> = [
    ['secretary', 'draft', ['submit'], 'allowed', 'forbidden'],
    ['secretary', 'returned', ['submit'], 'allowed', 'forbidden'],
    ['secretary', 'submitted', [], 'invalid_state', 'forbidden'],
    ['secretary', 'approved', [], 'invalid_state', 'forbidden'],
    ['commune', 'draft', [], 'forbidden', 'invalid_state'],
    ['commune', 'returned', [], 'forbidden', 'invalid_state'],
    ['commune', 'submitted', ['review'], 'forbidden', 'allowed'],
    ['commune', 'approved', [], 'forbidden', 'invalid_state'],
    ['officer', 'submitted', ['review'], 'forbidden', 'allowed'],
    ['officer', 'draft', [], 'forbidden', 'invalid_state'],
    ...topicStatus.options.flatMap((s) =>
      (['member', 'follower', 'outsider'] as const).map(
        (v): [Viewer, TopicStatus, TopicAction[], string, string] => [v, s, [], 'forbidden', 'forbidden'],
      ),
    ),
  ];

  it.each(table)('%s, topic %s: %j (submit %s, review %s)', (viewer, status, expected, submit, review) => {
    const topic = { path: pathA, status };
    expect(topicActions(viewers[viewer], topic)).toEqual(expected);
    expect(outcome(topicActionRefusal(viewers[viewer], topic, 'submit'))).toBe(submit);
    expect(outcome(topicActionRefusal(viewers[viewer], topic, 'review'))).toBe(review);
  });

  it('every status is covered for the leaders', () => {
    const covered = new Set(table.filter(([v]) => v === 'secretary' || v === 'commune').map(([, s]) => s));
    expect([...covered].sort()).toEqual([...topicStatus.options].sort());
  });

  it('a refusal carries its message code', () => {
    expect(topicActionRefusal(viewers.secretary, { path: pathA, status: 'submitted' }, 'submit')).toEqual({
      error: 'invalid_state',
      message: { code: 'topic.already_submitted' },
    });
    expect(topicActionRefusal(viewers.member, { path: pathA, status: 'submitted' }, 'review')).toEqual({
      error: 'forbidden',
      message: { code: 'topic.review_only_upper' },
    });
  });
});
