// English messages of scoring.
import type { scoring as vi } from '../vi/scoring.ts';

export const scoring: Record<keyof typeof vi, string> = {
  'scoring.no_framework_on': 'No scoring framework applies on {date}',
  'scoring.no_framework': 'No scoring framework applies',
  'scoring.meeting_not_held': 'The meeting has not taken place yet, so it cannot be scored',
  'scoring.self_forbidden': 'Only the cell’s secretary or deputy secretary fills in the self-assessment',
  'scoring.follower_forbidden':
    'Only a member of the upper committee in charge of or following the cell fills in this scorecard',
  'scoring.supervision_forbidden':
    'Only an inspection or supervision team of the upper committee fills in this scorecard',
  'scoring.scorecard_submitted': 'The scorecard has been submitted and can no longer be changed',
  'scoring.option_met': 'Met',
  'scoring.option_not_met': 'Not met',
  'scoring.assign_forbidden':
    'Only an upper committee or the organisation board chooses the scoring framework for this organisation',
  'scoring.framework_unknown': 'There is no such scoring framework',
  'scoring.framework_choose_known': 'Choose an existing framework',
  'scoring.load_forbidden': 'Only an administrator or the organisation board loads scoring frameworks',
  'scoring.framework_invalid': 'The scoring framework does not have the required structure',
  'scoring.framework_id_built_in': 'The code is already used by a built-in framework',
  'scoring.framework_id_other': 'Choose another code',
  'scoring.rescore_job_not_found': 'Re-scoring run not found',
  'scoring.rescore_forbidden':
    'Only an upper committee or the organisation board may re-score under a new framework',
  'scoring.rescore_failed': 'Re-scoring failed; what was re-scored before the error has been kept',
  'scoring.rescore_interrupted':
    'Re-scoring stopped part-way because the server process running it stopped; what was re-scored is kept, start it again',
  'scoring.option_at_least': '≥ {share}',
} as const;
