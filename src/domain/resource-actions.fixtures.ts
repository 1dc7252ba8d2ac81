// Viewers of the action-rule tests: a province, a commune (grassroots committee) and two cells in it.
import type { Actor, Scope } from './permissions.ts';
import type { Refusal } from './resource-actions.ts';
import { pathLabel } from './tree.ts';

export const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const province = id(1);
const commune = id(2);
const cellA = id(3);
const cellB = id(4);
const p = (...ids: string[]) => ids.map(pathLabel).join('.');
/** The cell whose resources the tests judge, the commune above it, and a cell outside it. */
export const pathA = p(province, commune, cellA);
export const communePath = p(province, commune);
export const pathB = p(province, commune, cellB);

export const memberA = id(50);

function actor(
  scopes: Array<Partial<Scope> & Pick<Scope, 'role' | 'organizationId'>>,
  memberId: string,
): Actor {
  return {
    accountId: id(100),
    memberId,
    isSystemAdmin: false,
    scopes: scopes.map((s) => ({ organizationKind: 'cell', position: null, ...s })),
  };
}

export const viewers = {
  /** a plain member of the cell */
  member: actor([{ role: 'member', organizationId: cellA }], memberA),
  /** the cell's secretary: leads it */
  secretary: actor(
    [
      { role: 'member', organizationId: cellA },
      { role: 'cell_leadership', organizationId: cellA, position: 'secretary' },
    ],
    id(51),
  ),
  /** the commune's secretary: the committee above the cell */
  commune: actor(
    [
      {
        role: 'committee',
        organizationId: commune,
        organizationKind: 'grassroots_committee',
        position: 'secretary',
      },
    ],
    id(52),
  ),
  /** the follower assigned to the cell */
  follower: actor([{ role: 'follower', organizationId: cellA }], id(53)),
  /** a board officer of the province */
  officer: actor(
    [{ role: 'board_officer', organizationId: province, organizationKind: 'provincial_committee' }],
    id(54),
  ),
  /** the secretary of another cell: outside the subtree */
  outsider: actor(
    [
      { role: 'member', organizationId: cellB },
      { role: 'cell_leadership', organizationId: cellB, position: 'secretary' },
    ],
    id(55),
  ),
} satisfies Record<string, Actor>;

export type Viewer = keyof typeof viewers;

/** The error of a refusal, or 'allowed'. */
export const outcome = (r: Refusal | null) => r?.error ?? 'allowed';
