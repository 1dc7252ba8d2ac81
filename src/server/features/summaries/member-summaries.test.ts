// Service tests of the member summaries (issue 10.3, migration 0014): the member list pages by keyset in its order
// (ties on the given name and on the whole name broken by id), its filters and totals, search without diacritics
// ranked within the subtree, the counts of the tree and the organisation page, and the kept rows and counts
// against a recomputation after every kind of member write and a reorganisation.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read JSON answers loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../../domain/dates.ts';
import { foldVietnamese } from '../../../domain/text.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  makeRole,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import { checkMembers, refreshMembers } from './member-summaries.service.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
let admin: Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
const today = todayIso();

beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
  admin = await client.signIn((await makeAccount(db, null, { admin: true })).identifier);
});
afterAll(async () => db.close());

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  const body = await r.json();
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
}

type Req = typeof admin;

/** Every page of a list, following the cursors; the pages' sizes and the totals each answered. */
async function walk(req: Req, query: string, limit: number) {
  const items: any[] = [];
  const totals: Array<number | null> = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: any = await ok(
      req(`/api/members?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    totals.push(page.total);
    cursor = page.nextCursor;
    if (cursor === null) return { items, totals };
    expect(page.items.length).toBe(limit);
  }
  throw new Error('the cursors never ended');
}

/** The list's order: given name, then the whole folded name, then id. */
const listOrder = (names: Array<{ id: string; fullName: string }>) =>
  [...names]
    .map((m) => ({ ...m, folded: foldVietnamese(m.fullName) }))
    .sort((a, b) => {
      const ga = a.folded.split(' ').at(-1)!;
      const gb = b.folded.split(' ').at(-1)!;
      return ga < gb
        ? -1
        : ga > gb
          ? 1
          : a.folded < b.folded
            ? -1
            : a.folded > b.folded
              ? 1
              : a.id < b.id
                ? -1
                : 1;
    })
    .map((m) => m.id);

/** Members with official or party-group memberships on the date under the organisation (as counted before 0014). */
async function countedFromScratch(org: OrgRef, date: string) {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(DISTINCT ms.member_id)::int AS n FROM organization_period dp
       JOIN membership ms ON ms.organization_id = dp.organization_id
      WHERE dp.path ~ ('*.' || $1 || '.*')::lquery AND dp.valid_from <= $2 AND (dp.valid_to IS NULL OR dp.valid_to > $2)
        AND ms.kind IN ('official', 'party_group') AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)`,
    [org.id.replace(/-/g, ''), date],
  );
  return row!.n;
}

async function expectSummariesCurrent() {
  const check = await checkMembers(db);
  expect(check.members).toBeGreaterThan(0);
  expect(check.listing).toEqual([]);
  expect(check.counts).toEqual([]);
}

describe('the member list by keyset', () => {
  it('pages through ties on the given name and on the whole name in one stable order, at any limit', async () => {
    const { province, commune, cellA, cellB } = await makeProvince(db);
    const names = [
      'Nguyễn Văn An',
      'Trần Thị An',
      'Lê An',
      'Nguyễn Văn An',
      'Nguyễn Văn An',
      'Phạm Bình',
      'Đỗ Thị Ánh',
      'Hoàng Văn Đức',
      'Vũ Minh Đức',
      'Bùi Thị Lan',
      'Ngô Lan',
    ];
    const made: Array<{ id: string; fullName: string }> = [];
    for (const [i, fullName] of names.entries())
      made.push({ ...(await makeMember(db, i % 2 ? cellA : cellB, { fullName })), fullName });
    const expected = listOrder(made);
    for (const limit of [1, 2, 3, 50]) {
      const { items, totals } = await walk(admin, `organizationId=${province.id}`, limit);
      expect(items.map((i) => i.id)).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([names.length]));
    }
    const commune_ = await walk(admin, `organizationId=${commune.id}`, 4);
    expect(commune_.items.map((i) => i.id)).toEqual(expected);
    const onlyA = await walk(admin, `organizationId=${cellA.id}`, 2);
    expect(onlyA.items.map((i) => i.id)).toEqual(
      expected.filter((id) => made.findIndex((m) => m.id === id) % 2),
    );
    expect(onlyA.totals[0]).toBe(5);
    // The commune itself has no member attending it directly.
    const direct = await walk(admin, `organizationId=${commune.id}&scope=direct`, 5);
    expect(direct.items).toEqual([]);
    expect(direct.totals).toEqual([0]);
    // A cursor that is not one of ours starts over; one that is only positions (it grants nothing).
    const bad = await ok(admin(`/api/members?organizationId=${cellA.id}&limit=2&cursor=bm90LW91cnM`));
    expect(bad.items.map((i: any) => i.id)).toEqual(onlyA.items.slice(0, 2).map((i) => i.id));
  });

  it('keeps the filters, with totals from the counts when they are counted', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    const p1 = await makeMember(db, cellA, { status: 'probationary', fullName: 'Lý Thị Hoa' });
    const p2 = await makeMember(db, cellB, { status: 'probationary', fullName: 'Lý Văn Hùng' });
    const full = await makeMember(db, cellA, { fullName: 'Mai Văn Hải' });
    const visitor = await makeMember(db, cellB, { fullName: 'Đặng Văn Khoa' });
    await ok(
      admin(`/api/members/${visitor.id}/transfers`, {
        json: { kind: 'temporary', toOrganizationId: cellA.id, effectiveDate: '2025-03-01' },
      }),
    );
    const gone = await makeMember(db, cellA, { fullName: 'Tạ Văn Mất' });
    await ok(
      admin(`/api/members/${gone.id}/events`, {
        json: { kind: 'died', eventDate: '2025-08-08', documentRef: 'Giấy báo tử' },
      }),
    );
    const ids = async (q: string, limit = 2) => {
      const { items, totals } = await walk(admin, q, limit);
      return { ids: items.map((i) => i.id).sort(), total: totals[0], items };
    };
    const prob = await ids(`organizationId=${province.id}&status=probationary`);
    expect(prob).toMatchObject({ ids: [p1.id, p2.id].sort(), total: 2 });
    // The visitor counts once in the province (official in B, temporary in A), and in A as temporary.
    const all = await ids(`organizationId=${province.id}`);
    expect(all).toMatchObject({ ids: [p1.id, p2.id, full.id, visitor.id].sort(), total: 4 });
    expect(all.items.find((i) => i.id === visitor.id)).toMatchObject({
      isTemporary: false,
      organizationId: cellB.id,
    });
    const inA = await ids(`organizationId=${cellA.id}`);
    expect(inA).toMatchObject({ ids: [p1.id, full.id, visitor.id].sort(), total: 3 });
    expect(inA.items.find((i) => i.id === visitor.id).isTemporary).toBe(true);
    expect(await ids(`organizationId=${province.id}&temporary=yes`)).toMatchObject({
      ids: [visitor.id],
      total: 1,
    });
    expect(await ids(`organizationId=${cellA.id}&temporary=no`)).toMatchObject({
      ids: [p1.id, full.id].sort(),
      total: 2,
    });
    expect(await ids(`organizationId=${province.id}&lifecycle=died`)).toMatchObject({
      ids: [gone.id],
      total: 1,
    });
    expect(await ids(`organizationId=${cellA.id}&scope=direct&status=full`)).toMatchObject({
      ids: [full.id, visitor.id].sort(),
      total: 2,
    });
    // Filters the counts do not hold: the list still filters, the total is not claimed.
    const women = await ids(`organizationId=${province.id}&gender=female`);
    expect(women).toMatchObject({ ids: [], total: null });
  });
});

describe('member search', () => {
  it('ignores diacritics, ranks the best matches first, stays in the subtree', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    const other = await makeProvince(db);
    const duc = await makeMember(db, cellA, { fullName: 'Trần Minh Đức' });
    const ducAnh = await makeMember(db, cellB, { fullName: 'Đức Anh Nguyễn' });
    const minh = await makeMember(db, cellA, { fullName: 'Lê Văn Minh' });
    await makeMember(db, cellB, { fullName: 'Phạm Thị Hằng' });
    const card = await makeMember(db, cellB, { fullName: 'Hồ Văn Thẻ', partyCardNumber: '93700001' });
    await makeMember(db, other.cellA, { fullName: 'Trần Minh Đức' });
    const search = async (q: string, org = province.id) => {
      const r = await ok(admin(`/api/members?organizationId=${org}&q=${encodeURIComponent(q)}`));
      expect(r.nextCursor).toBeNull();
      expect(r.total).toBeNull();
      return r.items.map((i: any) => i.id);
    };
    // Full name begins with it, then the given name does.
    expect(await search('duc')).toEqual([ducAnh.id, duc.id]);
    expect(await search('ĐỨC')).toEqual([ducAnh.id, duc.id]);
    expect(await search('tran minh')).toEqual([duc.id]);
    // The given name begins with it first, then a name that has it inside.
    expect(await search('minh')).toEqual([minh.id, duc.id]);
    expect(await search('93700001')).toEqual([card.id]);
    expect(await search('duc', cellA.id)).toEqual([duc.id]);
    const few = await ok(admin(`/api/members?organizationId=${province.id}&q=van&limit=1`));
    expect(few.items).toHaveLength(1);
  });
});

describe('scope', () => {
  it('shows nobody outside the subtree: not in the list, not by search, not by a cursor', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    const other = await makeProvince(db);
    const mine = await makeMember(db, cellA, { fullName: 'Cao Văn Mình' });
    const theirs = await makeMember(db, cellB, { fullName: 'Cao Văn Người' });
    const far = await makeMember(db, other.cellA, { fullName: 'Cao Văn Xa' });
    const secretary = await makeMember(db, cellA, { fullName: 'Cao Thị Bí Thư' });
    await makePosition(db, cellA, secretary, 'secretary');
    const sec = await client.signIn((await makeAccount(db, secretary)).identifier);
    const all = await walk(sec, 'q=', 1);
    expect(all.items.map((i) => i.id).sort()).toEqual([mine.id, secretary.id].sort());
    expect(all.totals[0]).toBe(2);
    expect((await sec(`/api/members?organizationId=${cellB.id}`)).status).toBe(404);
    expect((await sec(`/api/members?organizationId=${province.id}`)).status).toBe(404);
    const found = await ok(sec('/api/members?q=cao van'));
    expect(found.items.map((i: any) => i.id)).toEqual([mine.id]);
    // A cursor taken from a wider list does not widen this one.
    const wide = await ok(admin(`/api/members?organizationId=${province.id}&limit=1`));
    const after = await ok(sec(`/api/members?limit=50&cursor=${wide.nextCursor}`));
    for (const i of after.items) expect([mine.id, secretary.id]).toContain(i.id);
    // An officer of the province sees both cells, not the other province.
    const officerMember = await makeMember(db, cellB, { fullName: 'Cao Văn Cán Bộ' });
    const officer = await makeAccount(db, officerMember);
    await makeRole(db, officer.id, province, 'board_officer');
    const off = await client.signIn(officer.identifier);
    const seen = (await walk(off, 'q=', 2)).items.map((i) => i.id);
    expect(seen).toEqual(expect.arrayContaining([mine.id, theirs.id, secretary.id, officerMember.id]));
    expect(seen).not.toContain(far.id);
  });
});

describe('the member counts kept by the writes', () => {
  it('equal a recomputation after adding, editing, transferring, grouping, ending and a reorganisation', async () => {
    const { province, commune, cellA, cellB } = await makeProvince(db);
    const otherCommune = await makeOrganization(db, {
      kind: 'grassroots_committee',
      parent: province,
      name: 'Xã Bên Kia',
    });
    const cellC = await makeOrganization(db, { kind: 'cell', parent: otherCommune, name: 'Chi bộ C' });
    const group = await makeOrganization(db, { kind: 'party_group', parent: cellA, name: 'Tổ 1' });
    const seeded: Array<{ id: string }> = [];
    for (let i = 0; i < 6; i++) seeded.push(await makeMember(db, i % 2 ? cellA : cellB));
    const created = await ok(
      admin('/api/members', {
        json: {
          fullName: 'Nguyễn Thị Mới',
          status: 'probationary',
          organizationId: cellA.id,
          joinedOn: '2025-02-01',
          dateOfBirth: '1995-01-01',
          admissionDate: '2025-02-01',
        },
      }),
    );
    await ok(
      admin(`/api/members/${created.id}`, { method: 'PATCH', json: { fullName: 'Nguyễn Thị Mới Đổi' } }),
    );
    await ok(
      admin(`/api/members/${created.id}/events`, {
        json: { kind: 'made_full', eventDate: today, documentRef: '1-QĐ' },
      }),
    );
    const [a, b, c, d, e] = seeded;
    await ok(
      admin(`/api/members/${a!.id}/transfers`, {
        json: { kind: 'official', toOrganizationId: cellC.id, effectiveDate: '2025-06-01' },
      }),
    );
    await ok(
      admin(`/api/members/${b!.id}/transfers`, {
        json: { kind: 'temporary', toOrganizationId: cellC.id, effectiveDate: '2025-06-01' },
      }),
    );
    // A transfer dated ahead: today's list and counts keep the member where they are, that day's move them.
    const tomorrow = addDays(today, 1);
    await ok(
      admin(`/api/members/${c!.id}/transfers`, {
        json: { kind: 'official', toOrganizationId: cellC.id, effectiveDate: tomorrow },
      }),
    );
    await ok(
      admin(`/api/organizations/${group.id}/group-members`, {
        json: { memberId: d!.id, validFrom: '2025-01-01' },
      }),
    );
    const profile = await ok(admin(`/api/members/${b!.id}`));
    const temp = profile.memberships.find((m: any) => m.kind === 'temporary');
    await ok(admin(`/api/memberships/${temp.id}/end`, { json: { validTo: today } }));
    await ok(
      admin(`/api/members/${e!.id}/events`, {
        json: { kind: 'removed', eventDate: '2025-09-09', documentRef: '2-QĐ' },
      }),
    );
    await expectSummariesCurrent();
    // The cell moves to the other commune from today; its members' rows and counts follow.
    await ok(
      admin('/api/reorganizations', {
        json: { kind: 'move', organizationId: cellA.id, newParentId: otherCommune.id, effectiveDate: today },
      }),
    );
    await expectSummariesCurrent();
    for (const org of [province, commune, otherCommune, cellA, cellB, cellC, group]) {
      const page = await ok(admin(`/api/organizations/${org.id}`));
      expect(page.memberCount, org.name).toBe(await countedFromScratch(org, today));
      const ahead = await ok(admin(`/api/organizations/${org.id}?asOf=${tomorrow}`));
      expect(ahead.memberCount, `${org.name} ${tomorrow}`).toBe(await countedFromScratch(org, tomorrow));
    }
    const inC = await walk(admin, `organizationId=${cellC.id}`, 50);
    expect(inC.items.map((i) => i.id).sort()).toEqual([a!.id].sort());
    const tree = await ok(admin(`/api/organizations/tree?parentId=${province.id}`));
    for (const node of tree.nodes)
      expect(node.memberCount).toBe(await countedFromScratch({ ...province, id: node.id }, today));
    // Two cells merge today: the members of the one absorbed attend the other.
    const cellD = await makeOrganization(db, { kind: 'cell', parent: commune, name: 'Chi bộ D' });
    const cellE = await makeOrganization(db, { kind: 'cell', parent: commune, name: 'Chi bộ E' });
    await makeMember(db, cellD);
    await makeMember(db, cellE);
    await ok(
      admin('/api/reorganizations', {
        json: { kind: 'merge', sourceIds: [cellD.id], targetId: cellE.id, effectiveDate: today },
      }),
    );
    await expectSummariesCurrent();
    const mergedPage = await ok(admin(`/api/organizations/${cellE.id}`));
    expect(mergedPage.memberCount).toBe(2);
    expect(mergedPage.memberCount).toBe(await countedFromScratch(cellE, today));
    expect((await walk(admin, `organizationId=${cellE.id}`, 1)).items).toHaveLength(2);
  });

  it('a change written beside the services shows in the check until the member is refreshed', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA, { fullName: 'Kiều Văn Cũ' });
    await db.query(`UPDATE member SET search_name = 'kieu van moi', status = 'probationary' WHERE id = $1`, [
      m.id,
    ]);
    const stale = await checkMembers(db);
    expect(stale.listing.length).toBeGreaterThan(0);
    await refreshMembers(db, [m.id]);
    await expectSummariesCurrent();
  });
});
