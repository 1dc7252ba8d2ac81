import { describe, expect, it } from 'vitest';
import { type Actor, can, type Scope, visibilityPatterns } from './permissions.ts';
import { pathLabel } from './tree.ts';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const province = id(1);
const commune = id(2);
const cellA = id(3);
const cellB = id(4);
const p = (...ids: string[]) => ids.map(pathLabel).join('.');
const pathA = p(province, commune, cellA);
const pathB = p(province, commune, cellB);

function actor(
  scopes: Array<Partial<Scope> & Pick<Scope, 'role' | 'organizationId'>>,
  memberId: string | null = id(99),
): Actor {
  return {
    accountId: id(100),
    memberId,
    isSystemAdmin: false,
    scopes: scopes.map((s) => ({ organizationKind: 'cell', position: null, ...s })),
  };
}
const org = (path: string) => ({ type: 'organization' as const, path });
const member = (memberId: string, ...paths: string[]) => ({
  type: 'member' as const,
  memberId,
  organizationPaths: paths,
});

describe('can', () => {
  const plain = actor([{ role: 'member', organizationId: cellA }]);
  const secretary = actor([
    { role: 'member', organizationId: cellA },
    { role: 'cell_leadership', organizationId: cellA, position: 'secretary' },
  ]);
  const chiUyVien = actor([{ role: 'cell_leadership', organizationId: cellA, position: 'committee_member' }]);
  const officer = actor([
    { role: 'board_officer', organizationId: province, organizationKind: 'provincial_committee' },
  ]);
  const follower = actor([{ role: 'follower', organizationId: cellB }]);
  const communeSecretary = actor([
    {
      role: 'committee',
      organizationId: commune,
      organizationKind: 'grassroots_committee',
      position: 'secretary',
    },
  ]);
  const admin: Actor = { accountId: id(7), memberId: null, isSystemAdmin: true, scopes: [] };

  it.each([
    ['member sees own cell', plain, 'organization.view', org(pathA), true],
    ['member does not see another cell', plain, 'organization.view', org(pathB), false],
    ['member does not see the commune', plain, 'organization.view', org(p(province, commune)), false],
    ['officer sees any cell in the province', officer, 'organization.view', org(pathB), true],
    ['follower sees the followed cell', follower, 'organization.view', org(pathB), true],
    ['follower does not see other cells', follower, 'organization.view', org(pathA), false],
    ['secretary may import into the cell', secretary, 'member.import', org(pathA), true],
    ['chi ủy viên may not import', chiUyVien, 'member.import', org(pathA), false],
    ['secretary may not reshape the tree', secretary, 'organization.reorganize', org(pathA), false],
    ['commune secretary may reshape below', communeSecretary, 'organization.reorganize', org(pathA), true],
    ['officer may reshape', officer, 'organization.reorganize', org(pathA), true],
    ['follower may not import', follower, 'member.import', org(pathB), false],
    ['admin may do anything', admin, 'organization.reorganize', org(pathB), true],
  ] as const)('%s', (_name, a, action, resource, expected) => {
    expect(can(a, action, resource)).toBe(expected);
  });

  it.each([
    ['a cell-mate sees the profile', plain, 'member.view', member(id(50), pathA), true],
    ['a cell-mate does not see personal data', plain, 'member.viewPersonal', member(id(50), pathA), false],
    ['the member sees their own personal data', plain, 'member.viewPersonal', member(id(99), pathA), true],
    ['the secretary sees personal data', secretary, 'member.viewPersonal', member(id(50), pathA), true],
    ['a chi ủy viên does not', chiUyVien, 'member.viewPersonal', member(id(50), pathA), false],
    ['the officer does', officer, 'member.viewPersonal', member(id(50), pathB), true],
    ['a follower reads the profile', follower, 'member.view', member(id(50), pathB), true],
    ['a follower does not edit', follower, 'member.update', member(id(50), pathB), false],
    ['a member of another cell does not see', plain, 'member.view', member(id(50), pathB), false],
    [
      'temporary attendance makes a member visible in the host cell',
      plain,
      'member.view',
      member(id(50), pathB, pathA),
      true,
    ],
    ['only the officer resets passwords', secretary, 'account.resetPassword', member(id(50), pathA), false],
    ['the officer resets passwords', officer, 'account.resetPassword', member(id(50), pathA), true],
    ['nobody but admin reads the audit log', officer, 'audit.view', undefined, false],
  ] as const)('%s', (_name, a, action, resource, expected) => {
    expect(can(a, action, resource)).toBe(expected);
  });

  it('covers a subtree in its past shape too (label match, not prefix match)', () => {
    const district = id(9);
    const oldPath = p(province, district, commune, cellA);
    const communeCommittee = actor([{ role: 'committee', organizationId: commune, position: 'secretary' }]);
    expect(can(communeCommittee, 'organization.view', org(oldPath))).toBe(true);
  });
});

describe('visibilityPatterns', () => {
  it('is null for the administrator and one lquery per scope otherwise', () => {
    expect(
      visibilityPatterns({ accountId: 'a', memberId: null, isSystemAdmin: true, scopes: [] }),
    ).toBeNull();
    const a = actor([
      { role: 'member', organizationId: cellA },
      { role: 'cell_leadership', organizationId: cellA, position: 'secretary' },
    ]);
    expect(visibilityPatterns(a)).toEqual([`*.${pathLabel(cellA)}.*`]);
  });
});

describe('meetings', () => {
  const secretary = actor([{ role: 'cell_leadership', organizationId: cellA, position: 'secretary' }]);
  const plain = actor([{ role: 'member', organizationId: cellA }]);
  const communeSecretary = actor([
    {
      role: 'committee',
      organizationId: commune,
      organizationKind: 'grassroots_committee',
      position: 'secretary',
    },
  ]);
  const officer = actor([
    { role: 'board_officer', organizationId: province, organizationKind: 'provincial_committee' },
  ]);
  const follower = actor([{ role: 'follower', organizationId: cellA }]);

  it.each([
    ['the cell secretary runs own cell meetings', secretary, pathA, true],
    ['not another cell’s', secretary, pathB, false],
    ['a plain member does not', plain, pathA, false],
    ['a follower does not', follower, pathA, false],
    ['the commune secretary runs the commune’s own meetings', communeSecretary, p(province, commune), true],
    ['but not the cells’ meetings below', communeSecretary, pathA, false],
    ['a board officer reads but does not run meetings', officer, pathA, false],
  ])('meeting.manage: %s', (_name, who, path, expected) => {
    expect(can(who, 'meeting.manage', org(path))).toBe(expected);
  });

  it.each([
    ['the upper committee reviews a cell’s thematic topics', communeSecretary, pathA, true],
    ['the cell cannot review its own', secretary, pathA, false],
    ['a follower cannot', follower, pathA, false],
  ])('topic.review: %s', (_name, who, path, expected) => {
    expect(can(who, 'topic.review', org(path))).toBe(expected);
  });
});
