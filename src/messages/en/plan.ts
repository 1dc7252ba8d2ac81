// English messages of the year's plan: rule sets in force, scheduling, the work programme and thematic topics.
import type { plan as vi } from '../vi/plan.ts';

export const plan: Record<keyof typeof vi, string> = {
  'plan.no_rule_set': 'No cell meeting rules were in force on this date',
  'plan.no_rule_set_on': 'No rules in force on {date}',
  'plan.schedule_only_leaders':
    'Only the secretary or deputy secretary of the organisation may schedule meetings',
  'plan.work_programme_only_leaders': 'Only the secretary or deputy secretary may edit the work programme',
  'topic.not_found': 'Thematic topic not found',
  'topic.register_only_leaders': 'Only the secretary or deputy secretary may register a thematic topic',
  'topic.submit_only_leaders': 'Only the secretary or deputy secretary may send a thematic topic',
  'topic.already_submitted': 'The topic has already been sent to the upper committee',
  'topic.review_only_upper': 'Only the upper committee may review thematic topics',
  'topic.not_submitted': 'The topic has not been sent for review',
};
