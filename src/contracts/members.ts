// Contracts of members: list filters, profile, create/update, lifecycle events, transfers, exemptions.
import { z } from 'zod';
import { isoDate, keysetQuery, messageSchema, uuid } from './common.ts';
import { organizationKind } from './organizations.ts';
import { genders, memberLifecycles, memberScopes, memberStatuses, yesNo } from './values.ts';

export const memberStatus = z.enum(memberStatuses);
export const memberLifecycle = z.enum(memberLifecycles);
export const gender = z.enum(genders);
export const memberEventKind = z.enum([
  'admitted',
  'made_full',
  'transferred_out',
  'transferred_in',
  'temporary_out',
  'temporary_return',
  'died',
  'removed',
  'expelled',
]);

/** Where a member attends: their cell (official), a host cell (temporary), a party group inside their cell. */
export const membershipKind = z.enum(['official', 'temporary', 'party_group']);

export const joinPartyGroupBody = z.object({ memberId: uuid, validFrom: isoDate });
export const endMembershipBody = z.object({ validTo: isoDate });

export const memberListQuery = keysetQuery.extend({
  organizationId: uuid.optional(),
  scope: z.enum(memberScopes).default('subtree'),
  q: z.string().trim().max(100).optional(),
  status: memberStatus.optional(),
  exempt: z.enum(yesNo).optional(),
  temporary: z.enum(yesNo).optional(),
  gender: gender.optional(),
  lifecycle: memberLifecycle.default('active'),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

export const memberListItem = z.object({
  id: uuid,
  fullName: z.string(),
  dateOfBirth: isoDate.nullable(),
  gender: gender.nullable(),
  status: memberStatus,
  lifecycle: memberLifecycle,
  partyCardNumber: z.string().nullable(),
  isExempt: z.boolean(),
  isTemporary: z.boolean(),
  organizationId: uuid.nullable(),
  organizationName: z.string().nullable(),
});
export type MemberListItem = z.infer<typeof memberListItem>;
export const memberListResponse = z.object({
  total: z
    .number()
    .int()
    .nullable()
    .describe(
      'members the filters keep, from the member counts; null with a search, gender or exemption filter',
    ),
  items: z.array(memberListItem),
  nextCursor: z
    .string()
    .nullable()
    .describe('the cursor of the next page; null on the last and with a search'),
});

/** Editable profile fields (the national handbook's and the member register's). */
export const memberFields = z.object({
  fullName: z.string().trim().min(2, { error: 'form.full_name_too_short' }).max(120),
  birthName: z.string().trim().max(120).nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  gender: gender.nullable().optional(),
  ethnicity: z.string().trim().max(60).nullable().optional(),
  religion: z.string().trim().max(60).nullable().optional(),
  hometown: z.string().trim().max(200).nullable().optional(),
  education: z.string().trim().max(120).nullable().optional(),
  politicalTheory: z.string().trim().max(120).nullable().optional(),
  profession: z.string().trim().max(200).nullable().optional(),
  admissionDate: isoDate.nullable().optional(),
  fullMembershipDate: isoDate.nullable().optional(),
  partyCardNumber: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, { error: 'form.party_card_digits' })
    .nullable()
    .optional(),
  citizenId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, { error: 'form.citizen_id_digits' })
    .nullable()
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^0\d{9,10}$/, { error: 'form.phone_digits' })
    .nullable()
    .optional(),
  email: z.email({ error: 'form.email_invalid' }).nullable().optional(),
  status: memberStatus,
});
export type MemberFields = z.infer<typeof memberFields>;

export const createMemberBody = memberFields.extend({ organizationId: uuid, joinedOn: isoDate });
export const updateMemberBody = memberFields.partial();

export const memberActions = [
  'member.update',
  'member.viewPersonal',
  'member.recordEvent',
  'member.transfer',
  'member.exempt',
  'account.resetPassword',
] as const;

export const memberProfile = z.object({
  id: uuid,
  fullName: z.string(),
  birthName: z.string().nullable(),
  dateOfBirth: isoDate.nullable(),
  gender: gender.nullable(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  hometown: z.string().nullable(),
  education: z.string().nullable(),
  politicalTheory: z.string().nullable(),
  profession: z.string().nullable(),
  admissionDate: isoDate.nullable(),
  fullMembershipDate: isoDate.nullable(),
  partyCardNumber: z.string().nullable(),
  citizenId: z.string().nullable().describe('null unless the viewer may see personal data'),
  phone: z.string().nullable().describe('null unless the viewer may see personal data'),
  email: z.string().nullable(),
  personalDataHidden: z.boolean(),
  status: memberStatus,
  lifecycle: memberLifecycle,
  memberships: z.array(
    z.object({
      id: uuid,
      organizationId: uuid,
      organizationName: z.string(),
      organizationKind: organizationKind,
      kind: membershipKind,
      validFrom: isoDate,
      validTo: isoDate.nullable(),
    }),
  ),
  exemptions: z.array(
    z.object({
      id: uuid,
      reason: z.string(),
      validFrom: isoDate,
      validTo: isoDate.nullable(),
      documentRef: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      id: uuid,
      kind: memberEventKind,
      eventDate: isoDate,
      fromOrganizationName: z.string().nullable(),
      toOrganizationName: z.string().nullable(),
      otherParty: z.string().nullable(),
      documentRef: z.string().nullable(),
      note: messageSchema.nullable().describe('the note as written, or the words of a note the app wrote'),
    }),
  ),
  positions: z.array(
    z.object({
      kind: z.string(),
      organizationId: uuid,
      organizationName: z.string(),
      validFrom: isoDate,
      validTo: isoDate.nullable(),
    }),
  ),
  actions: z.array(z.enum(memberActions)),
});
export type MemberProfile = z.infer<typeof memberProfile>;

export const memberEventBody = z.object({
  kind: z.enum(['made_full', 'died', 'removed', 'expelled']),
  eventDate: isoDate,
  documentRef: z.string().trim().min(1, { error: 'form.document_ref_required' }).max(200),
  note: z.string().trim().max(1000).optional(),
});

export const transferBody = z.object({
  kind: z.enum(['official', 'temporary']),
  toOrganizationId: uuid.optional().describe('inside the system'),
  outsideDestination: z.string().trim().max(300).optional().describe('an organisation outside the system'),
  effectiveDate: isoDate,
  documentRef: z.string().trim().max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const exemptionBody = z.object({
  reason: z.string().trim().min(3, { error: 'form.exemption_reason_required' }).max(500),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  documentRef: z.string().trim().max(200).optional(),
});
