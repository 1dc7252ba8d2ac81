// A roster's rows against each other and against stored members: the same identifier on two rows, and what a
// re-import may change in a stored member. Pure, no I/O.
import type { MemberFields } from '../contracts/members.ts';
import type { RosterProblem } from '../contracts/roster-import.ts';
import { message } from './messages.ts';
import { columnLabel, type RosterHeader } from './roster-columns.ts';
import type { FieldProblem } from './roster-rows.ts';

/** A stored member's fields overwritten by a re-imported row: a blank cell keeps what is stored. */
export function mergeForUpdate(stored: MemberFields, incoming: MemberFields): MemberFields {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(incoming)) if (v !== null && v !== undefined) out[k] = v;
  return out as MemberFields;
}

/** Rules of a re-import that updates a stored member (on top of memberRuleProblems of the merged fields). */
export function updateProblems(stored: MemberFields, incoming: MemberFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (stored.status === 'full' && incoming.status === 'probationary') {
    out.push({ field: 'status', message: message('roster.cannot_demote') });
  }
  if (
    stored.status === 'probationary' &&
    incoming.status === 'full' &&
    !incoming.fullMembershipDate &&
    !stored.fullMembershipDate
  ) {
    out.push({ field: 'fullMembershipDate', message: message('roster.full_needs_date') });
  }
  return out;
}

const identifierFields = ['partyCardNumber', 'citizenId', 'phone', 'email'] as const;
export type IdentifierField = (typeof identifierFields)[number];

/** The comparable form of an identifier: e-mail addresses compare without case. */
export function identifierKey(field: IdentifierField, value: string): string {
  return field === 'email' ? value.toLowerCase() : value;
}

/**
 * The same party card number, CCCD, phone or e-mail on two rows: a problem on the later row naming the
 * earlier one (each must belong to one member only).
 */
export function findDuplicates(
  rows: ReadonlyArray<{ row: number; fields: MemberFields }>,
  header: RosterHeader,
): RosterProblem[] {
  const problems: RosterProblem[] = [];
  for (const field of identifierFields) {
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const value = r.fields[field];
      if (!value) continue;
      const key = identifierKey(field, value);
      const earlier = firstRow.get(key);
      if (earlier === undefined) firstRow.set(key, r.row);
      else {
        const label = columnLabel(header, field);
        problems.push({
          row: r.row,
          column: label,
          message: message('roster.duplicate', { column: label, value, row: earlier }),
        });
      }
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}
