// Service tests of the organisation tree: as-of views after moves and merges, rule violations, visibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  makeRole,
} from '../../testing/factories.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

async function officerOf(org: Awaited<ReturnType<typeof makeProvince>>['province']) {
  const cell = await makeOrganization(db, { kind: 'cell', parent: org });
  const m = await makeMember(db, cell);
  const account = await makeAccount(db, m);
  await makeRole(db, account.id, org, 'board_officer');
  return client.signIn(account.identifier);
}

describe('tree as of a date', () => {
  it('keeps the old shape before a move and shows the new one after it', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const district = await makeOrganization(db, {
      name: 'Đảng bộ huyện Cũ',
      kind: 'district_committee',
      parent: province,
    });
    const village = await makeOrganization(db, {
      name: 'Đảng bộ xã Ven Sông',
      kind: 'grassroots_committee',
      parent: district,
    });
    const hamlet = await makeOrganization(db, { name: 'Chi bộ thôn Bến', kind: 'cell', parent: village });
    await makeMember(db, hamlet);
    await makeMember(db, hamlet);
    const req = await officerOf(province);

    let res = await req('/api/reorganizations', {
      json: {
        kind: 'move',
        organizationId: village.id,
        newParentId: province.id,
        effectiveDate: '2025-07-01',
        documentRef: '12-QĐ/TU',
      },
    });
    expect(res.status).toBe(201);
    res = await req('/api/reorganizations', {
      json: { kind: 'dissolve', organizationId: district.id, effectiveDate: '2025-07-01' },
    });
    expect(res.status).toBe(201);

    const before = await (
      await req(`/api/organizations/tree?parentId=${province.id}&asOf=2024-06-01`)
    ).json();
    const namesBefore = before.nodes.map((n: { name: string }) => n.name);
    expect(namesBefore).toContain('Đảng bộ huyện Cũ');
    expect(namesBefore).not.toContain('Đảng bộ xã Ven Sông');
    const districtNode = before.nodes.find((n: { id: string }) => n.id === district.id);
    expect(districtNode.memberCount).toBe(2);

    const after = await (await req(`/api/organizations/tree?parentId=${province.id}&asOf=2025-07-01`)).json();
    const namesAfter = after.nodes.map((n: { name: string }) => n.name);
    expect(namesAfter).not.toContain('Đảng bộ huyện Cũ');
    expect(namesAfter).toContain('Đảng bộ xã Ven Sông');
    expect(after.nodes.find((n: { id: string }) => n.id === village.id).memberCount).toBe(2);

    // The cell under the moved commune has a new path from that day, and the old one before it.
    const hamletNow = await (await req(`/api/organizations/${hamlet.id}`)).json();
    expect(hamletNow.ancestry.map((a: { name: string }) => a.name)).toEqual([
      province.name,
      'Đảng bộ xã Ven Sông',
    ]);
    const hamletThen = await (await req(`/api/organizations/${hamlet.id}?asOf=2025-06-30`)).json();
    expect(hamletThen.ancestry.map((a: { name: string }) => a.name)).toEqual([
      province.name,
      'Đảng bộ huyện Cũ',
      'Đảng bộ xã Ven Sông',
    ]);
    const districtPage = await (await req(`/api/organizations/${district.id}`)).json();
    expect(districtPage.validTo).toBe('2025-07-01');
    expect(districtPage.endReason).toBe('dissolved');
    void commune;
    void cellA;
  });

  it('merges two cells: members move, sources end, history stays', async () => {
    const { province, commune, cellA, cellB } = await makeProvince(db);
    const a1 = await makeMember(db, cellA);
    await makeMember(db, cellB);
    await makeMember(db, cellB);
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: {
        kind: 'merge',
        sourceIds: [cellA.id, cellB.id],
        newName: 'Chi bộ thôn Đông Tây',
        effectiveDate: '2025-01-01',
      },
    });
    expect(res.status).toBe(201);
    const tree = await (await req(`/api/organizations/tree?parentId=${commune.id}&asOf=2025-01-02`)).json();
    expect(tree.nodes.map((n: { name: string }) => n.name)).toEqual(['Chi bộ thôn Đông Tây']);
    expect(tree.nodes[0].memberCount).toBe(3);
    const old = await (await req(`/api/organizations/tree?parentId=${commune.id}&asOf=2024-12-31`)).json();
    expect(old.nodes).toHaveLength(2);
    const profile = await (await req(`/api/members/${a1.id}`)).json();
    expect(profile.memberships).toHaveLength(2);
    expect(profile.memberships[0].organizationName).toBe('Chi bộ thôn Đông Tây');
    const merged = await (await req(`/api/organizations/${cellA.id}`)).json();
    expect(merged.successor).toEqual({ id: tree.nodes[0].id, name: 'Chi bộ thôn Đông Tây' });
  });

  it('refuses a move into its own subtree with a named error and changes nothing', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: { kind: 'move', organizationId: commune.id, newParentId: cellA.id, effectiveDate: '2025-02-01' },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('tree_cycle');
    expect(body.error.issues[0].path).toBe('newParentId');
    const page = await (await req(`/api/organizations/${commune.id}`)).json();
    expect(page.nameHistory).toHaveLength(1);
  });

  it('refuses to dissolve an organisation that still has members', async () => {
    const { province, cellA } = await makeProvince(db);
    await makeMember(db, cellA);
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: { kind: 'dissolve', organizationId: cellA.id, effectiveDate: '2025-02-01' },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('1 đảng viên');
  });

  it('refuses to back-date a new organisation before its parent last changed', async () => {
    const { province, commune } = await makeProvince(db);
    const req = await officerOf(province);
    let res = await req('/api/reorganizations', {
      json: {
        kind: 'rename',
        organizationId: commune.id,
        newName: 'Đảng bộ xã Mới',
        effectiveDate: '2025-07-01',
      },
    });
    expect(res.status).toBe(201);
    const cell = { parentId: commune.id, name: 'Chi bộ thôn Lùi Ngày', kind: 'cell', cellType: 'other' };
    res = await req('/api/organizations', { json: { ...cell, validFrom: '2025-01-01' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.issues[0]).toEqual({
      path: 'validFrom',
      message: 'Phải từ ngày 01/07/2025 trở đi',
      messageCode: 'organization.must_be_from',
      params: { date: '01/07/2025' },
    });
    res = await req('/api/organizations', { json: { ...cell, validFrom: '2025-07-01' } });
    expect(res.status).toBe(201);
  });

  it('refuses to end an organisation on the day it was set up (4xx naming the date, not a 500)', async () => {
    const { province, commune } = await makeProvince(db);
    const fresh = await makeOrganization(db, { kind: 'cell', parent: commune, validFrom: '2025-05-01' });
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: { kind: 'dissolve', organizationId: fresh.id, effectiveDate: '2025-05-01' },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.issues[0]).toEqual({
      path: 'effectiveDate',
      message: 'Phải sau ngày 01/05/2025',
      messageCode: 'organization.must_be_after',
      params: { date: '01/05/2025' },
    });
  });

  it('splits a cell into two with every member assigned', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const m1 = await makeMember(db, cellA);
    const m2 = await makeMember(db, cellA);
    const req = await officerOf(province);
    let res = await req('/api/reorganizations', {
      json: {
        kind: 'split',
        organizationId: cellA.id,
        effectiveDate: '2025-03-01',
        parts: [
          { name: 'Chi bộ khu 1', memberIds: [m1.id], childIds: [] },
          { name: 'Chi bộ khu 2', memberIds: [], childIds: [] },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('1 đảng viên chưa được chia');
    res = await req('/api/reorganizations', {
      json: {
        kind: 'split',
        organizationId: cellA.id,
        effectiveDate: '2025-03-01',
        parts: [
          { name: 'Chi bộ khu 1', memberIds: [m1.id], childIds: [] },
          { name: 'Chi bộ khu 2', memberIds: [m2.id], childIds: [] },
        ],
      },
    });
    expect(res.status).toBe(201);
    const tree = await (await req(`/api/organizations/tree?parentId=${commune.id}`)).json();
    const names = tree.nodes.map((n: { name: string }) => n.name);
    expect(names).toContain('Chi bộ khu 1');
    expect(names).not.toContain(cellA.name);
  });

  it('renames from a date and keeps the old name before it', async () => {
    const { province, cellA } = await makeProvince(db);
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: {
        kind: 'rename',
        organizationId: cellA.id,
        newName: 'Chi bộ Tổ dân phố 5',
        effectiveDate: '2024-01-01',
      },
    });
    expect(res.status).toBe(201);
    expect((await (await req(`/api/organizations/${cellA.id}`)).json()).name).toBe('Chi bộ Tổ dân phố 5');
    expect((await (await req(`/api/organizations/${cellA.id}?asOf=2023-12-31`)).json()).name).toBe(
      cellA.name,
    );
  });

  it('searches names ignoring diacritics, only inside what the actor sees', async () => {
    const { province, commune } = await makeProvince(db);
    await makeOrganization(db, { name: 'Chi bộ Khu phố Đức Thắng', kind: 'cell', parent: commune });
    const other = await makeProvince(db);
    await makeOrganization(db, { name: 'Chi bộ Đức Thắng Hai', kind: 'cell', parent: other.commune });
    const req = await officerOf(province);
    const body = await (await req('/api/organizations/search?q=duc thang')).json();
    expect(body.results.map((r: { name: string }) => r.name)).toEqual(['Chi bộ Khu phố Đức Thắng']);
    expect(body.results[0].ancestry.map((a: { name: string }) => a.name)).toEqual([
      province.name,
      commune.name,
    ]);
  });
});

describe('visibility and permissions', () => {
  it('a member sees their own cell as root, other cells answer 404', async () => {
    const { cellA, cellB } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const account = await makeAccount(db, m);
    const req = await client.signIn(account.identifier);
    const roots = await (await req('/api/organizations/tree')).json();
    expect(roots.nodes.map((n: { id: string }) => n.id)).toEqual([cellA.id]);
    expect((await req(`/api/organizations/${cellB.id}`)).status).toBe(404);
    expect((await req(`/api/organizations/tree?parentId=${cellB.id}`)).status).toBe(404);
    const page = await (await req(`/api/organizations/${cellA.id}`)).json();
    expect(page.actions).toEqual([]);
  });

  it('a cell secretary may not reshape the tree', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    await makePosition(db, cellA, m, 'secretary');
    const account = await makeAccount(db, m);
    const req = await client.signIn(account.identifier);
    const res = await req('/api/reorganizations', {
      json: { kind: 'rename', organizationId: cellA.id, newName: 'Tên mới', effectiveDate: '2025-01-01' },
    });
    expect(res.status).toBe(403);
  });

  it('rejects a bad date with the field and rule named', async () => {
    const { province, cellA } = await makeProvince(db);
    const req = await officerOf(province);
    const res = await req('/api/reorganizations', {
      json: { kind: 'rename', organizationId: cellA.id, newName: 'Tên mới', effectiveDate: '31/02/2025' },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues[0].path).toBe('effectiveDate');
  });

  it('answers 404 for an unknown organisation', async () => {
    const { province } = await makeProvince(db);
    const req = await officerOf(province);
    expect((await req('/api/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
