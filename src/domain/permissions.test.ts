import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  actions,
  can,
  type Resource,
  type Scope,
  visibilityPatterns,
} from './permissions.ts';
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

// Every named action × every role × a resource inside the role's subtree and the same resource in another
// province. One column per role, two letters each: inside, outside ('Y' allowed, '-' refused).
describe('the permissions table', () => {
  const province2 = id(11);
  const commune2 = id(12);
  const cellX = id(13);
  const cellPath = p(province, commune, cellA);
  const communePath = p(province, commune);
  const cellPathOut = p(province2, commune2, cellX);
  const communePathOut = p(province2, commune2);
  const committee = (position: Scope['position']) =>
    actor([
      { role: 'committee', organizationId: commune, organizationKind: 'grassroots_committee', position },
    ]);
  const inCell = (position: Scope['position']) =>
    actor([
      { role: 'member', organizationId: cellA },
      { role: 'cell_leadership', organizationId: cellA, position },
    ]);
  const roles: Array<[string, Actor]> = [
    ['system admin', { accountId: id(7), memberId: null, isSystemAdmin: true, scopes: [] }],
    [
      'board officer',
      actor([{ role: 'board_officer', organizationId: province, organizationKind: 'provincial_committee' }]),
    ],
    ['committee secretary', committee('secretary')],
    ['committee standing member', committee('standing_member')],
    ['committee member', committee('committee_member')],
    ['cell secretary', inCell('secretary')],
    ['cell deputy secretary', inCell('deputy_secretary')],
    ['follower', actor([{ role: 'follower', organizationId: cellA }])],
    ['plain member', actor([{ role: 'member', organizationId: cellA }])],
    // Probation is a member's status, not a scope: a probationary member is allowed what a plain one is.
    ['probationary member', actor([{ role: 'member', organizationId: cellA }], id(98))],
  ];

  const cell = [org(cellPath), org(cellPathOut)] as const;
  const communeOrg = [org(communePath), org(communePathOut)] as const;
  const aMember = [member(id(50), cellPath), member(id(50), cellPathOut)] as const;
  const evaluation = (subjectKind: 'member' | 'organization', memberId: string | null) =>
    [
      { type: 'evaluation', subjectKind, memberId, path: cellPath, holderPath: communePath },
      { type: 'evaluation', subjectKind, memberId, path: cellPathOut, holderPath: communePathOut },
    ] as const satisfies readonly [Resource, Resource];
  const memberEvaluation = evaluation('member', id(50));
  const cellEvaluation = evaluation('organization', null);
  const none = [undefined, undefined] as const;

  // prettier-ignore
  //                                                     admin bo  cs  csm cm  ls  ld  fo  pm  pb
  const table: Array<[Action, string, readonly [Resource | undefined, Resource | undefined], string]> = [
    ['organization.view', 'cell', cell,                  'YY Y- Y- Y- Y- Y- Y- Y- Y- Y-'],
    ['organization.view', 'commune', communeOrg,         'YY Y- Y- Y- Y- -- -- -- -- --'],
    ['organization.create', 'cell', cell,                'YY Y- Y- Y- -- -- -- -- -- --'],
    ['organization.create', 'commune', communeOrg,       'YY Y- Y- Y- -- -- -- -- -- --'],
    ['organization.reorganize', 'cell', cell,            'YY Y- Y- Y- -- -- -- -- -- --'],
    ['ruleSet.assign', 'cell', cell,                     'YY Y- Y- Y- -- -- -- -- -- --'],
    ['topic.review', 'cell', cell,                       'YY Y- Y- Y- -- -- -- -- -- --'],
    ['meeting.manage', 'cell', cell,                     'YY -- -- -- -- Y- Y- -- -- --'],
    ['meeting.manage', 'commune', communeOrg,            'YY -- Y- Y- -- -- -- -- -- --'],
    ['committee.manage', 'cell', cell,                   'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.create', 'cell', cell,                      'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.import', 'cell', cell,                      'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.view', 'member', aMember,                   'YY Y- Y- Y- Y- Y- Y- Y- Y- Y-'],
    ['member.viewPersonal', 'member', aMember,           'YY Y- -- -- -- Y- Y- -- -- --'],
    ['member.update', 'member', aMember,                 'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.recordEvent', 'member', aMember,            'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.transfer', 'member', aMember,               'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['member.exempt', 'member', aMember,                 'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['account.resetPassword', 'member', aMember,         'YY Y- -- -- -- -- -- -- -- --'],
    ['audit.view', 'no resource', none,                  'YY -- -- -- -- -- -- -- -- --'],
    // Scoring
    ['scorecard.scoreSelf', 'cell', cell,                'YY -- -- -- -- Y- Y- -- -- --'],
    ['scorecard.scoreSelf', 'commune', communeOrg,       'YY -- Y- Y- -- -- -- -- -- --'],
    ['scorecard.scoreAsFollower', 'cell', cell,          '-- -- Y- Y- Y- -- -- Y- -- --'],
    ['scorecard.scoreAsFollower', 'commune', communeOrg, '-- -- -- -- -- -- -- -- -- --'],
    ['scorecard.scoreAsSupervision', 'cell', cell,       '-- Y- Y- Y- -- -- -- -- -- --'],
    ['scorecard.scoreAsSupervision', 'commune', communeOrg, '-- Y- -- -- -- -- -- -- -- --'],
    ['scorecard.rescore', 'cell', cell,                  'YY Y- Y- Y- -- -- -- -- -- --'],
    ['scoringFramework.assign', 'cell', cell,            'YY Y- Y- Y- -- -- -- -- -- --'],
    ['scoringFramework.load', 'no resource', none,       'YY YY -- -- -- -- -- -- -- --'],
    // Evaluation
    ['evaluation.start', 'cell', cell,                   'YY Y- Y- Y- -- Y- Y- -- -- --'],
    ['evaluation.start', 'commune', communeOrg,          'YY Y- Y- Y- -- -- -- -- -- --'],
    ['evaluation.view', 'member', memberEvaluation,      'YY Y- Y- Y- Y- Y- Y- Y- Y- Y-'],
    ['evaluation.viewAll', 'member', memberEvaluation,   'YY Y- Y- Y- Y- Y- Y- Y- -- --'],
    ['evaluation.selfAssess', 'member', memberEvaluation, '-- -- -- -- -- -- -- -- -- --'],
    ['evaluation.selfAssess', 'cell', cellEvaluation,    'YY -- -- -- -- Y- Y- -- -- --'],
    ['evaluation.propose', 'member', memberEvaluation,   'YY -- -- -- -- Y- Y- -- -- --'],
    ['evaluation.propose', 'cell', cellEvaluation,       '-- Y- Y- Y- -- -- -- -- -- --'],
    ['evaluation.decide', 'member', memberEvaluation,    '-- Y- Y- Y- -- -- -- -- -- --'],
    ['evaluation.decide', 'cell', cellEvaluation,        '-- Y- Y- Y- -- -- -- -- -- --'],
    ['evaluation.announce', 'member', memberEvaluation,  '-- Y- Y- Y- -- -- -- -- -- --'],
    ['evaluation.announce', 'cell', cellEvaluation,      '-- Y- Y- Y- -- -- -- -- -- --'],
    ['discipline.record', 'cell', cell,                  'YY Y- Y- Y- -- -- -- -- -- --'],
    ['fourGood.enter', 'cell', cell,                     'YY Y- Y- Y- -- -- -- -- -- --'],
    // Role assignments
    ['boardOfficer.appoint', 'cell', cell,               'YY Y- -- -- -- -- -- -- -- --'],
    ['boardOfficer.appoint', 'commune', communeOrg,      'YY Y- -- -- -- -- -- -- -- --'],
    ['follower.appoint', 'cell', cell,                   'YY Y- Y- Y- -- -- -- -- -- --'],
    ['follower.appoint', 'commune', communeOrg,          'YY Y- -- -- -- -- -- -- -- --'],
  ];

  const cases = table.flatMap(([action, target, resources, row]) =>
    row.split(' ').flatMap((cell, r) =>
      (['inside', 'outside'] as const).map((where, i) => ({
        name: `${action} on a ${target}: ${roles[r]![0]}, ${where}`,
        who: roles[r]![1],
        action,
        resource: resources[i],
        expected: cell[i] === 'Y',
      })),
    ),
  );

  it('has a row for every action and a column for every role', () => {
    expect([...new Set(table.map(([a]) => a))].sort()).toEqual([...actions].sort());
    for (const [action, , , row] of table) expect(row.split(' '), action).toHaveLength(roles.length);
  });

  it.each(cases)('$name', ({ who, action, resource, expected }) => {
    expect(can(who, action, resource)).toBe(expected);
  });

  it('lets each member self-assess their own evaluation, and nobody else’s', () => {
    for (const [name, who] of roles) {
      const own = evaluation('member', who.memberId ?? id(0))[0];
      expect(can(who, 'evaluation.selfAssess', own), name).toBe(who.memberId !== null);
      expect(can(who, 'evaluation.view', own), name).toBe(true);
    }
  });
});
