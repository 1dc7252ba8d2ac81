// Contracts of the organisation tree: kinds, tree nodes, organisation pages, reorganisations.
import { positionKinds } from './values.ts';
import { z } from 'zod';
import { isoDate, messageSchema, uuid } from './common.ts';

export const organizationKinds = [
  'central',
  'provincial_committee',
  'bloc_committee',
  'district_committee',
  'grassroots_committee',
  'subcommittee',
  'cell',
  'grassroots_cell',
  'party_group',
] as const;
export const organizationKind = z.enum(organizationKinds);
export type OrganizationKind = z.infer<typeof organizationKind>;

export const cellTypes = [
  'village_residential',
  'agency',
  'public_service_unit',
  'state_enterprise',
  'private_enterprise',
  'foreign_invested_enterprise',
  'armed_forces',
  'school',
  'other',
] as const;
export const cellType = z.enum(cellTypes);
export type CellType = z.infer<typeof cellType>;

export { positionKinds } from './values.ts';
export const positionKind = z.enum(positionKinds);
export type PositionKind = z.infer<typeof positionKind>;

export const treeNode = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  name: z.string(),
  kind: organizationKind,
  cellType: cellType.nullable(),
  depth: z.number().int(),
  childCount: z.number().int(),
  memberCount: z.number().int().describe('active members attending here or anywhere below, as of the date'),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
});
export type TreeNode = z.infer<typeof treeNode>;

export const treeQuery = z.object({
  asOf: isoDate.optional(),
  parentId: uuid.optional().describe('children of this node; omitted = the roots the actor can see'),
});
export const treeResponse = z.object({ asOf: isoDate, nodes: z.array(treeNode) });

export const searchQuery = z.object({
  q: z.string().trim().min(1, { error: 'form.search_text_required' }).max(100),
  asOf: isoDate.optional(),
});
export const organizationSearchResult = z.object({
  id: uuid,
  name: z.string(),
  kind: organizationKind,
  ancestry: z.array(z.object({ id: uuid, name: z.string() })),
});
export const organizationSearchResponse = z.object({ results: z.array(organizationSearchResult) });

export const positionHolder = z.object({
  id: uuid,
  kind: positionKind,
  memberId: uuid,
  memberName: z.string(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
});
export const committeeView = z.object({
  id: uuid,
  termLabel: messageSchema.describe(
    'the term (“Nhiệm kỳ 2025–2030”), or the secretary and deputy of a cell without an elected committee',
  ),
  termStart: isoDate,
  termEnd: isoDate.nullable(),
  positions: z.array(positionHolder),
});

export const organizationActions = [
  'organization.reorganize',
  'organization.create',
  'member.create',
  'member.import',
  'committee.manage',
] as const;

export const organizationDetail = z.object({
  id: uuid,
  name: z.string(),
  kind: organizationKind,
  cellType: cellType.nullable(),
  symbol: z.string().nullable(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  endReason: z.string().nullable(),
  successor: z
    .object({ id: uuid, name: z.string() })
    .nullable()
    .describe('the organisation this one was merged into'),
  ancestry: z.array(z.object({ id: uuid, name: z.string(), kind: organizationKind, canView: z.boolean() })),
  children: z.array(treeNode),
  memberCount: z.number().int(),
  directMemberCount: z.number().int(),
  committees: z.array(committeeView),
  nameHistory: z.array(
    z.object({
      name: z.string(),
      parentName: z.string().nullable(),
      validFrom: isoDate,
      validTo: isoDate.nullable(),
    }),
  ),
  actions: z.array(z.enum(organizationActions)),
});
export type OrganizationDetail = z.infer<typeof organizationDetail>;

export const createOrganizationBody = z.object({
  parentId: uuid,
  name: z.string().trim().min(2).max(200),
  kind: organizationKind,
  cellType: cellType.nullable().optional(),
  symbol: z.string().trim().max(20).optional(),
  validFrom: isoDate,
});

const effective = { effectiveDate: isoDate, documentRef: z.string().trim().max(200).optional() };

export const reorganizationBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), organizationId: uuid, newParentId: uuid, ...effective }),
  z.object({
    kind: z.literal('rename'),
    organizationId: uuid,
    newName: z.string().trim().min(2).max(200),
    ...effective,
  }),
  z.object({ kind: z.literal('dissolve'), organizationId: uuid, ...effective }),
  z.object({
    kind: z.literal('merge'),
    sourceIds: z.array(uuid).min(1),
    targetId: uuid.optional().describe('an existing organisation that absorbs the sources'),
    newName: z.string().trim().min(2).max(200).optional().describe('or a new organisation formed from them'),
    ...effective,
  }),
  z.object({
    kind: z.literal('split'),
    organizationId: uuid,
    parts: z
      .array(
        z.object({
          name: z.string().trim().min(2).max(200),
          memberIds: z.array(uuid),
          childIds: z.array(uuid),
        }),
      )
      .min(2),
    ...effective,
  }),
]);
export type ReorganizationBody = z.infer<typeof reorganizationBody>;
export const reorganizationResponse = z.object({ id: uuid, affectedOrganizationIds: z.array(uuid) });

export const createCommitteeBody = z.object({
  termLabel: z
    .string()
    .trim()
    .regex(/^\d{4}\s*[–-]\s*\d{4}$/, { error: 'form.term_label_format' }),
  termStart: isoDate,
  termEnd: isoDate.optional(),
});

export const assignPositionBody = z.object({
  memberId: uuid,
  kind: positionKind,
  committeeId: uuid
    .optional()
    .describe('the committee term the position belongs to; none for a cell without a chi ủy'),
  validFrom: isoDate,
});

export const endPositionBody = z.object({ validTo: isoDate });

export const endCommitteeBody = z.object({
  termEnd: isoDate.describe('first day after the term (exclusive)'),
});
