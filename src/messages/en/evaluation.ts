// English messages of evaluation: annual evaluation, the discipline register and "bốn tốt" (four good).
import type { evaluation as vi } from '../vi/evaluation.ts';

export const evaluation: Record<keyof typeof vi, string> = {
  'evaluation.not_found': 'Evaluation not found',
  'evaluation.start_forbidden':
    'Only the cell’s secretary or deputy secretary, or an upper committee, may start the evaluations',
  'evaluation.start_cells_only': 'Annual evaluations are started cell by cell',
  'evaluation.self_assess_forbidden':
    'Members assess only themselves; the cell as a whole is assessed by its secretary or deputy secretary',
  'evaluation.propose_forbidden':
    'The cell (its secretary or deputy) proposes its members’ levels; the upper committee proposes the cell’s',
  'evaluation.decide_forbidden':
    'Only the competent level (the grassroots committee or above) decides the level',
  'evaluation.announce_forbidden': 'Only the competent level announces the result',
  'evaluation.points_required': 'The self-assessed total on the 100-point sheet is required ({document})',
  'evaluation.collective_form_for_organizations':
    'The collective review form is only for party organisations',
  'evaluation.discipline_form.reprimand': 'reprimand',
  'evaluation.discipline_form.warning': 'warning',
  'evaluation.discipline_form.dismissal': 'dismissal from office',
  'evaluation.discipline_form.expulsion': 'expulsion',
  'evaluation.discipline_form.dissolution': 'dissolution',
  'evaluation.disciplined': 'Disciplined ({form}) on {date}',
  'evaluation.disciplined_with_document': 'Disciplined ({form}) on {date}, {document}',
  'discipline.forbidden':
    'Only an upper committee or the organisation board may record a discipline decision',
  'discipline.member_not_in_organization': 'Member not found in this organisation',
  'discipline.organization_forms':
    'A party organisation can only be disciplined by reprimand, warning or dissolution',
  'fourGood.enter_forbidden':
    'Only an upper committee or the organisation board may enter a "four good" criterion',
  'fourGood.kinds_only': 'The "four good" criteria apply only to cells and grassroots party organisations',
} as const;
