// What the viewer may do with an organisation's year plan, its thematic topics and one topic, in its state: the
// organisation's own leaders plan the year and register and submit topics; a committee above reviews them.
import type { z } from 'zod';
import { yearPlanActions as allYearPlanActions } from '../contracts/meetings.ts';
import {
  type topicStatus,
  topicActions as allTopicActions,
  topicListActions as allTopicListActions,
} from '../contracts/plan.ts';
import { message } from '../messages/index.ts';
import { type Actor, can } from './permissions.ts';
import { allowedBy, forbidden, invalidState, type Refusal } from './resource-actions.ts';

export type YearPlanAction = (typeof allYearPlanActions)[number];
export type TopicListAction = (typeof allTopicListActions)[number];
export type TopicAction = (typeof allTopicActions)[number];
export type TopicStatus = z.infer<typeof topicStatus>;

/** An organisation's year plan, or its topics of a year: the organisation's path. */
export interface PlanState {
  path: string;
}

export interface TopicState {
  /** the path of the organisation that registered the topic */
  path: string;
  status: TopicStatus;
}

const org = (path: string) => ({ type: 'organization' as const, path });
/** The organisation's own leaders (secretary, deputy; a committee's standing members). */
const leads = (actor: Actor, path: string) => can(actor, 'meeting.manage', org(path));
/** A committee above the organisation, or the board; never the organisation's own leaders. */
const reviewsFromAbove = (actor: Actor, path: string) =>
  can(actor, 'topic.review', org(path)) && !leads(actor, path);

export function yearPlanActionRefusal(actor: Actor, plan: PlanState, action: YearPlanAction): Refusal | null {
  switch (action) {
    case 'plan_meetings':
      return leads(actor, plan.path) ? null : forbidden(message('plan.schedule_only_leaders'));
    case 'edit_work_programme':
      return leads(actor, plan.path) ? null : forbidden(message('plan.work_programme_only_leaders'));
    case 'review_topics':
      return reviewsFromAbove(actor, plan.path) ? null : forbidden(message('topic.review_only_upper'));
  }
}

export const yearPlanActions = (actor: Actor, plan: PlanState): YearPlanAction[] =>
  allowedBy(allYearPlanActions, (a) => yearPlanActionRefusal(actor, plan, a));

export function topicListActionRefusal(
  actor: Actor,
  list: PlanState,
  action: TopicListAction,
): Refusal | null {
  switch (action) {
    case 'register':
      return leads(actor, list.path) ? null : forbidden(message('topic.register_only_leaders'));
  }
}

export const topicListActions = (actor: Actor, list: PlanState): TopicListAction[] =>
  allowedBy(allTopicListActions, (a) => topicListActionRefusal(actor, list, a));

export function topicActionRefusal(actor: Actor, topic: TopicState, action: TopicAction): Refusal | null {
  switch (action) {
    case 'submit':
      if (!leads(actor, topic.path)) return forbidden(message('topic.submit_only_leaders'));
      // A returned topic is corrected and sent again.
      if (topic.status !== 'draft' && topic.status !== 'returned') {
        return invalidState(message('topic.already_submitted'));
      }
      return null;
    case 'review':
      if (!reviewsFromAbove(actor, topic.path)) return forbidden(message('topic.review_only_upper'));
      if (topic.status !== 'submitted') return invalidState(message('topic.not_submitted'));
      return null;
  }
}

export const topicActions = (actor: Actor, topic: TopicState): TopicAction[] =>
  allowedBy(allTopicActions, (a) => topicActionRefusal(actor, topic, a));
