// Matching roster rows to stored members: a row updates the member it names (by party card, else CCCD, else
// name with date of birth, phone or e-mail in the cell) or creates one; identifiers of someone else are problems.
import type { MemberFields } from '../../../contracts/members.ts';
import type { RosterProblem, RosterRow } from '../../../contracts/roster-import.ts';
import { type Actor, can, type MemberResource } from '../../../domain/permissions.ts';
import type { RosterField } from '../../../domain/roster-columns.ts';
import { identifierKey, mergeForUpdate, updateProblems } from '../../../domain/roster-matching.ts';
import { memberRuleProblems } from '../../../domain/roster-rows.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import { type Message, message } from '../../../domain/messages.ts';
import type { Queryable } from '../../platform/db.ts';
import type { MemberRow } from '../members/members.service.ts';
import * as repo from './roster-import.repository.ts';

/** A problem of a row as matching finds it: its reason a catalogue message. */
export type MatchProblem = RosterProblem & { message: Message };

/** Stored members a row could be: any holding one of the file's identifiers, and everyone in the cell. */
export async function listExisting(
  q: Queryable,
  rows: ReadonlyArray<{ fields: MemberFields }>,
  organizationId: string,
  today: string,
) {
  const collect = (f: 'partyCardNumber' | 'citizenId' | 'phone' | 'email') => [
    ...new Set(
      rows
        .map((r) => r.fields[f])
        .filter((v): v is string => !!v)
        .map((v) => identifierKey(f, v)),
    ),
  ];
  const ids = {
    cards: collect('partyCardNumber'),
    citizenIds: collect('citizenId'),
    phones: collect('phone'),
    emails: collect('email'),
  };
  // The cell's own members in one query; the identifier search then only looks outside the cell.
  const out = new Map<string, repo.ExistingMemberRow>();
  for (const m of await repo.listOfficialMembers(q, organizationId, today)) out.set(m.id, m);
  // Bounded arrays per statement keep each query's parameters small on huge files.
  const chunk = 5000;
  const longest = Math.max(ids.cards.length, ids.citizenIds.length, ids.phones.length, ids.emails.length);
  for (let i = 0; i < longest; i += chunk) {
    const part = {
      cards: ids.cards.slice(i, i + chunk),
      citizenIds: ids.citizenIds.slice(i, i + chunk),
      phones: ids.phones.slice(i, i + chunk),
      emails: ids.emails.slice(i, i + chunk),
    };
    for (const m of await repo.listMembersByIdentifiers(q, part, organizationId, today)) out.set(m.id, m);
  }
  return [...out.values()];
}

export function storedFields(m: MemberRow): MemberFields {
  return {
    fullName: m.full_name,
    birthName: m.birth_name,
    dateOfBirth: m.date_of_birth,
    gender: m.gender,
    ethnicity: m.ethnicity,
    religion: m.religion,
    hometown: m.hometown,
    education: m.education,
    politicalTheory: m.political_theory,
    profession: m.profession,
    admissionDate: m.admission_date,
    fullMembershipDate: m.full_membership_date,
    partyCardNumber: m.party_card_number,
    citizenId: m.citizen_id,
    phone: m.phone,
    email: m.email,
    status: m.status,
  };
}

/**
 * A member of this cell with no party card or CCCD in the file or in the store to match by (probationary
 * members have no card yet; exports without personal data carry no CCCD): the same name and the same date
 * of birth, phone or e-mail, and no stored identifier that contradicts the row. Exactly one, or none.
 */
function matchInCellByName(
  byName: Map<string, repo.ExistingMemberRow[]>,
  f: MemberFields,
): repo.ExistingMemberRow | undefined {
  const candidates = (byName.get(foldVietnamese(f.fullName)) ?? []).filter(
    (m) =>
      ((f.dateOfBirth && m.date_of_birth === f.dateOfBirth) ||
        (f.phone && m.phone === f.phone) ||
        (f.email && m.email?.toLowerCase() === f.email.toLowerCase())) &&
      (!f.partyCardNumber || !m.party_card_number) &&
      (!f.citizenId || !m.citizen_id),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

export interface MatchContext {
  actor: Actor;
  organizationId: string;
  today: string;
  label: (f: RosterField) => string;
}

/** Decides create or update for each row, and the problems of rows whose identifiers are someone else's. */
export function matchRows(
  parsed: ReadonlyArray<{ row: number; fields: MemberFields }>,
  existing: readonly repo.ExistingMemberRow[],
  ctx: MatchContext,
): { rows: RosterRow[]; problems: MatchProblem[] } {
  const index = (key: (m: repo.ExistingMemberRow) => string | null) => {
    const map = new Map<string, repo.ExistingMemberRow>();
    for (const m of existing) {
      const k = key(m);
      if (k) map.set(k, m);
    }
    return map;
  };
  const byCard = index((m) => m.party_card_number);
  const byCitizenId = index((m) => m.citizen_id);
  const byPhone = index((m) => m.phone);
  const byEmail = index((m) => m.email?.toLowerCase() ?? null);
  const byName = new Map<string, repo.ExistingMemberRow[]>();
  for (const m of existing) {
    if (m.official_organization_id !== ctx.organizationId || m.lifecycle !== 'active') continue;
    const list = byName.get(m.search_name) ?? [];
    list.push(m);
    byName.set(m.search_name, list);
  }
  const firstRowOf = new Map<string, number>();
  const rows: RosterRow[] = [];
  const problems: MatchProblem[] = [];

  for (const { row, fields } of parsed) {
    const own: MatchProblem[] = [];
    const add = (field: RosterField, m: Message) => own.push({ row, column: ctx.label(field), message: m });
    const byCardMatch = fields.partyCardNumber ? byCard.get(fields.partyCardNumber) : undefined;
    const byIdMatch = fields.citizenId ? byCitizenId.get(fields.citizenId) : undefined;
    const match = byCardMatch ?? byIdMatch ?? matchInCellByName(byName, fields);
    const matchedBy: RosterField = byCardMatch ? 'partyCardNumber' : byIdMatch ? 'citizenId' : 'fullName';
    const shown = {
      column: ctx.label(matchedBy),
      value: (byCardMatch ? fields.partyCardNumber : byIdMatch ? fields.citizenId : fields.fullName) ?? '',
    };

    if (!match && fields.dateOfBirth) {
      const twin = byName
        .get(foldVietnamese(fields.fullName))
        ?.find((m) => m.date_of_birth === fields.dateOfBirth);
      if (twin) {
        add(
          'fullName',
          message('roster.twin', { card: ctx.label('partyCardNumber'), citizenId: ctx.label('citizenId') }),
        );
      }
    }
    if (byCardMatch && byIdMatch && byCardMatch.id !== byIdMatch.id) {
      add(
        'citizenId',
        message('roster.identifiers_of_two', {
          card: ctx.label('partyCardNumber'),
          citizenId: ctx.label('citizenId'),
        }),
      );
    } else if (match) {
      const resource: MemberResource = { type: 'member', memberId: match.id, organizationPaths: match.paths };
      if (match.lifecycle !== 'active') {
        add(matchedBy, message('roster.member_left', shown));
      } else if (
        match.official_organization_id !== ctx.organizationId ||
        !can(ctx.actor, 'member.update', resource)
      ) {
        add(matchedBy, message('roster.other_cell', shown));
      } else if (firstRowOf.has(match.id)) {
        add(matchedBy, message('roster.same_member_as_row', { ...shown, row: firstRowOf.get(match.id)! }));
      } else {
        firstRowOf.set(match.id, row);
        const stored = storedFields(match);
        const merged = mergeForUpdate(stored, fields);
        for (const p of [...updateProblems(stored, fields), ...memberRuleProblems(merged, ctx.today)])
          add(p.field, p.message);
      }
    }
    // Phone and e-mail are unique too: they may not be another member's.
    if (fields.phone) {
      const owner = byPhone.get(fields.phone);
      if (owner && owner.id !== match?.id)
        add('phone', message('roster.identifier_taken', { column: ctx.label('phone'), value: fields.phone }));
    }
    if (fields.email) {
      const owner = byEmail.get(fields.email.toLowerCase());
      if (owner && owner.id !== match?.id)
        add('email', message('roster.identifier_taken', { column: ctx.label('email'), value: fields.email }));
    }

    if (own.length > 0) problems.push(...own);
    else
      rows.push({ ...fields, row, action: match ? 'update' : 'create', matchedMemberId: match?.id ?? null });
  }
  return { rows, problems };
}
