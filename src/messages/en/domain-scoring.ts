// English messages of the domain's meeting scoring: evidence from the facts, entry problems, ratings, framework files.
import type { domainScoring as vi } from '../vi/domain-scoring.ts';

export const domainScoring: Record<keyof typeof vi, string> = {
  'scoring.rating.good': 'Good',
  'scoring.rating.fair': 'Fair',
  'scoring.rating.average': 'Average',
  'scoring.rating.poor': 'Poor',
  'scoring.rating.scored': 'Scored {total} points',
  'scoring.rating.scored_of': 'Scored {total}/{max} points ({percent})',
  'scoring.rating.range_below': 'below {max}%',
  'scoring.rating.range_between': 'from {min}% to below {max}%',
  'scoring.rating.range_from': '{min}% or more',
  'scoring.rating.reason': '{scored} ({range}), so rated {rating}',
  'scoring.rating.reason_mandatory':
    '{scored} ({range}) with full marks on the mandatory criteria, so rated {rating}',
  'scoring.rating.capped_one':
    '{scored}, but the criterion {criteria} is short of full marks, so rated {rating}',
  'scoring.rating.capped_many':
    '{scored}, but the criteria {criteria} are short of full marks, so rated {rating}',
  'scoring.band.below': 'below {percent}',
  'scoring.band.at_least': '≥ {percent}',
  'scoring.band.more_than': '> {percent}',
  'scoring.evidence.qualified': '{evidence} ({qualifier})',
  'scoring.evidence.duration_met': 'Duration {minutes} min ≥ {required} min',
  'scoring.evidence.duration_short': 'Duration {minutes} min, {short} min short of {required} min',
  'scoring.evidence.tier_short_15': 'at most 15 minutes short',
  'scoring.evidence.tier_short_30': '15 to 30 minutes short',
  'scoring.evidence.tier_half': 'at least half the required length',
  'scoring.evidence.tier_below_half': 'less than half the required length',
  'scoring.evidence.attendance': 'Members present {share}; {absent}',
  'scoring.evidence.unexcused': '{count} members absent without a reason',
  'scoring.evidence.no_unexcused': 'no member absent without a reason',
  'scoring.evidence.unexcused_only': '{count} members absent without a reason',
  'scoring.evidence.no_long_absence': 'No member was absent more than 3 times in a row this year',
  'scoring.evidence.long_absence': 'A member was absent more than 3 times in a row this year',
  'scoring.evidence.secretary_only': 'The cell has only a secretary: full marks',
  'scoring.evidence.preparatory_minuted': 'The committee’s preparatory meeting was minuted',
  'scoring.evidence.preparatory_not_minuted': 'No minutes of the committee’s preparatory meeting',
  'scoring.evidence.notice_sent': 'The notice of meeting was sent',
  'scoring.evidence.notice_not_sent': 'The notice of meeting was not sent',
  'scoring.evidence.materials_same_day': 'Materials sent on the day of the meeting',
  'scoring.evidence.materials_before': 'Materials sent {days} days before',
  'scoring.evidence.materials_in_time': '{sent} (≥ {required} days)',
  'scoring.evidence.materials_late': '{sent} (at least {required} days before required)',
  'scoring.evidence.speakers': '{share} of the members present spoke',
  'scoring.evidence.minutes_complete': 'The minutes book is complete',
  'scoring.evidence.minutes_incomplete': 'The minutes book is incomplete',
  'scoring.evidence.previous_achievement': '{share} of the previous resolution’s tasks completed',
  'scoring.evidence.finalised_in_time': 'Documents finalised after {days} days (≤ {required} days)',
  'scoring.evidence.finalised_late': 'Documents finalised after {days} days (more than {required} days)',
  'scoring.entry.invalid': 'The points for criterion {criterion} are not valid',
  'scoring.entry.negative': 'The points for criterion {criterion} cannot be negative',
  'scoring.entry.above_max': 'The points for criterion {criterion} exceed the maximum of {max}',
  'scoring.entry.not_a_level': 'The points for criterion {criterion} must be one of: {levels}',
  'scoring.scorecard.unknown_criterion': "There is no criterion '{id}' in the framework {framework}",
  'scoring.scorecard.scored_twice': 'Criterion {criterion} is scored twice',
  'scoring.scorecard.thematic_only':
    'Criterion {criterion} is scored only in a month with a thematic meeting',
  'scoring.scorecard.override_needs_reason':
    'Criterion {criterion} differs from the automatic value ({value} instead of {auto} points: {evidence}); give a reason',
  'scoring.scorecard.incomplete': 'The scorecard has no points yet for: {criteria}',
  'scoring.framework.at_path': '{path}: {problem}',
  'scoring.framework.root': '(root)',
  'scoring.framework.id_format':
    'only lower-case letters without accents, digits, hyphens, underscores and dots',
  'scoring.framework.date_format': 'must be a date written YYYY-MM-DD',
  'scoring.framework.duplicate_group_id': "Group id '{id}' is repeated",
  'scoring.framework.duplicate_group_order': 'Group order {order} is repeated',
  'scoring.framework.duplicate_criterion_id': "Criterion id '{id}' is repeated",
  'scoring.framework.levels_missing': "Criterion '{id}' of type 'levels' needs a list of levels",
  'scoring.framework.levels_not_allowed':
    "Criterion '{id}': only criteria of type 'levels' have a list of levels",
  'scoring.framework.bands_missing': "Criterion '{id}' of type 'ratio_bands' needs ratio bands",
  'scoring.framework.bands_not_allowed':
    "Criterion '{id}': only criteria of type 'ratio_bands' have ratio bands",
  'scoring.framework.level_above_max':
    "Criterion '{id}': the level of {points} points exceeds the maximum of {max}",
  'scoring.framework.level_duplicate': "Criterion '{id}': the level of {points} points is repeated",
  'scoring.framework.band_above_max':
    "Criterion '{id}': band {band} gives {points} points, above the maximum of {max}",
  'scoring.framework.bands_not_descending':
    "Criterion '{id}': ratio bands must be in descending order of ratio",
  'scoring.framework.band_points_rise': "Criterion '{id}': a lower ratio band may not give more points",
  'scoring.framework.max_unreachable':
    "Criterion '{id}': the highest level ({top}) is below the maximum ({max}), so the maximum cannot be reached",
  'scoring.framework.source_unsupported':
    "Criterion '{id}': the data source '{source}' cannot fill type '{type}'",
  'scoring.framework.group_max_mismatch':
    "Group '{id}': the maximum {max} differs from the criteria’s maxima ({sum})",
  'scoring.framework.group_max_mismatch_bonus':
    "Group '{id}': the maximum {max} differs from the criteria’s maxima ({sum}, plus {bonus} bonus points)",
  'scoring.framework.group_max_note_needed':
    "Group '{id}': the maximum {max} differs from the non-bonus criteria’s total ({sum}); give the reason",
  'scoring.framework.total_mismatch':
    'The groups’ maxima ({sum}) differ from the framework’s total ({total})',
  'scoring.framework.unknown_mandatory': "There is no criterion '{id}' in the framework",
  'scoring.framework.duplicate_rating': "Rating '{rating}' is repeated",
  'scoring.framework.ratings_not_descending': 'Rating bands must be in descending order of percentage',
  'scoring.framework.ratings_order': 'Rating bands must be in the order Good, Fair, Average, Poor',
  'scoring.framework.last_rating_from_zero': 'The last rating band must start at 0%',
};
