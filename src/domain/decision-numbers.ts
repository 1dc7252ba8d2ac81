// Decision numbering: 'Số 03-NQ/CB', one sequence per issuer, type and term (reference §13.2). Pure, no I/O.

import type { OrganizationKind } from '../contracts/organizations.ts';
import { DomainError, message } from './messages.ts';

export type DecisionType = 'NQ' | 'KL';

/** (3, 'NQ', 'CB') → '03-NQ/CB'; numbers below 10 take a leading zero, as the seeds write them. */
export function formatDecisionNumber(seq: number, type: DecisionType, issuerAbbrev: string): string {
  if (!Number.isInteger(seq) || seq < 1)
    throw new DomainError(message('meeting.decision.invalid_sequence', { seq: String(seq) }));
  return `${String(seq).padStart(2, '0')}-${type}/${issuerAbbrev}`;
}

/**
 * Issuer abbreviations of the document symbol (reference §13.2). To verify: 'ĐU' for a subcommittee
 * (đảng ủy bộ phận) and 'HU' for district committees (a quận ủy writes 'QU'). A party group issues no
 * numbered documents.
 */
const issuerAbbreviations: Record<OrganizationKind, string | null> = {
  central: 'TW',
  provincial_committee: 'TU',
  bloc_committee: 'ĐUK',
  district_committee: 'HU',
  grassroots_committee: 'ĐU',
  subcommittee: 'ĐU',
  cell: 'CB',
  grassroots_cell: 'CB',
  party_group: null,
};

export function issuerAbbreviation(orgKind: string): string {
  const abbrev = Object.hasOwn(issuerAbbreviations, orgKind)
    ? issuerAbbreviations[orgKind as OrganizationKind]
    : undefined;
  if (abbrev === null) throw new DomainError(message('meeting.decision.party_group_issues_none'));
  if (abbrev === undefined)
    throw new DomainError(message('meeting.decision.unknown_kind', { kind: orgKind }));
  return abbrev;
}

/** The numbering sequence a decision belongs to: per committee term when known, else per calendar year. */
export function numberingPeriodKey(termStart: string | null, date: string): string {
  return termStart ? `term:${termStart}` : `year:${date.slice(0, 4)}`;
}
