// Service tests of members: visibility in lists and profiles, diacritic-free search, personal data, changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  makeRole,
  makeTemporaryMembership,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

async function secretaryOf(cell: Awaited<ReturnType<typeof makeProvince>>['cellA']) {
  const m = await makeMember(db, cell, { fullName: 'Phạm Thị Bí Thư' });
  await makePosition(db, cell, m, 'secretary');
  const account = await makeAccount(db, m);
  return { member: m, req: await client.signIn(account.identifier) };
}

describe('member profile', () => {
  it('names the organisation where each office is held', async () => {
    const { cellA, commune } = await makeProvince(db);
    const { member, req } = await secretaryOf(cellA);
    // An organisation created later must not lend its name to the office.
    await makeOrganization(db, {
      name: 'Chi bộ thôn Mới Lập',
      kind: 'cell',
      parent: commune,
      validFrom: '2024-01-01',
    });
    const profile = await (await req(`/api/members/${member.id}`)).json();
    expect(profile.positions).toEqual([
      expect.objectContaining({ kind: 'secretary', organizationId: cellA.id, organizationName: cellA.name }),
    ]);
  });
});

describe('member lists', () => {
  it('a cell secretary lists only their own cell, and search ignores diacritics', async () => {
    const { cellA, cellB } = await makeProvince(db);
    await makeMember(db, cellA, { fullName: 'Trần Minh Đức' });
    await makeMember(db, cellA, { fullName: 'Nguyễn Văn Ánh' });
    await makeMember(db, cellB, { fullName: 'Lê Đức Thọ' });
    const { req } = await secretaryOf(cellA);
    const all = await (await req('/api/members')).json();
    expect(all.total).toBe(3);
    expect(all.items.every((i: { organizationId: string }) => i.organizationId === cellA.id)).toBe(true);
    const duc = await (await req('/api/members?q=duc')).json();
    expect(duc.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Trần Minh Đức']);
    const nv = await (await req('/api/members?q=nguyen van')).json();
    expect(nv.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Nguyễn Văn Ánh']);
    expect((await req(`/api/members?organizationId=${cellB.id}`)).status).toBe(404);
  });

  it('filters by status, exemption and temporary attendance', async () => {
    const { province, commune, cellA, cellB } = await makeProvince(db);
    const p = await makeMember(db, cellA, { status: 'probationary' });
    const t = await makeMember(db, cellB);
    await makeTemporaryMembership(db, cellA, t);
    const e = await makeMember(db, cellA);
    await db.query(
      `INSERT INTO exemption (province_id, member_id, reason, valid_from) VALUES ($1,$2,'Tuổi cao, sức yếu','2023-01-01')`,
      [province.id, e.id],
    );
    const { req } = await secretaryOf(cellA);
    const ids = async (qs: string) =>
      (
        (await (await req(`/api/members?organizationId=${cellA.id}&${qs}`)).json()).items as Array<{
          id: string;
        }>
      ).map((i) => i.id);
    expect(await ids('status=probationary')).toEqual([p.id]);
    expect(await ids('exempt=yes')).toEqual([e.id]);
    expect(await ids('temporary=yes')).toEqual([t.id]);
    void commune;
  });

  it('an officer with several scopes searches the whole province but not another one', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    await makeMember(db, cellB, { fullName: 'Đinh Công Tráng' });
    const other = await makeProvince(db);
    await makeMember(db, other.cellA, { fullName: 'Đinh Công Trứ' });
    const officer = await makeAccount(db, await makeMember(db, cellA));
    await makeRole(db, officer.id, province, 'board_officer');
    await makeRole(db, officer.id, cellB, 'follower');
    const req = await client.signIn(officer.identifier);
    const res = await (await req('/api/members?q=dinh cong')).json();
    expect(res.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Đinh Công Tráng']);
    const orgs = await (await req('/api/organizations/search?q=chi bo')).json();
    expect(orgs.results.length).toBeGreaterThan(0);
  });

  it('rejects a bad filter value naming the field', async () => {
    const { cellA } = await makeProvince(db);
    const { req } = await secretaryOf(cellA);
    const res = await req('/api/members?status=maybe');
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('status');
  });
});

describe('profiles and personal data', () => {
  it('hides CCCD and phone from a cell-mate but shows them to the member and the secretary', async () => {
    const { cellA } = await makeProvince(db);
    const target = await makeMember(db, cellA, { citizenId: '001080012345' });
    const mate = await makeMember(db, cellA);
    const mateReq = await client.signIn((await makeAccount(db, mate)).identifier);
    const seen = await (await mateReq(`/api/members/${target.id}`)).json();
    expect(seen.citizenId).toBeNull();
    expect(seen.phone).toBeNull();
    expect(seen.personalDataHidden).toBe(true);
    const selfReq = await client.signIn((await makeAccount(db, target)).identifier);
    expect((await (await selfReq(`/api/members/${target.id}`)).json()).citizenId).toBe('001080012345');
    const { req } = await secretaryOf(cellA);
    const bySecretary = await (await req(`/api/members/${target.id}`)).json();
    expect(bySecretary.citizenId).toBe('001080012345');
    expect(bySecretary.actions).toContain('member.update');
  });

  it('a member of another cell gets 404, a follower of the cell can read but not edit', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    const target = await makeMember(db, cellA);
    const outsider = await makeMember(db, cellB);
    const outsiderReq = await client.signIn((await makeAccount(db, outsider)).identifier);
    expect((await outsiderReq(`/api/members/${target.id}`)).status).toBe(404);
    const upper = await makeOrganization(db, { kind: 'cell', parent: province });
    const followerMember = await makeMember(db, upper);
    const followerAccount = await makeAccount(db, followerMember);
    await makeRole(db, followerAccount.id, cellA, 'follower');
    const followerReq = await client.signIn(followerAccount.identifier);
    const profile = await (await followerReq(`/api/members/${target.id}`)).json();
    expect(profile.personalDataHidden).toBe(true);
    const res = await followerReq(`/api/members/${target.id}`, {
      method: 'PATCH',
      json: { profession: 'Nông dân' },
    });
    expect(res.status).toBe(403);
  });
});

describe('changes', () => {
  it('creates a member, refuses a duplicate party card number, and audits both sides of an update', async () => {
    const { cellA } = await makeProvince(db);
    const { req } = await secretaryOf(cellA);
    const body = {
      organizationId: cellA.id,
      joinedOn: '2024-05-19',
      fullName: 'Hoàng Thị Lan',
      status: 'probationary',
      admissionDate: '2024-05-19',
      partyCardNumber: '99887766',
    };
    const res = await req('/api/members', { json: body });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const dup = await req('/api/members', { json: { ...body, fullName: 'Người Khác' } });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe('duplicate_party_card');
    const bad = await req('/api/members', {
      json: { ...body, partyCardNumber: null, dateOfBirth: '2030-01-01' },
    });
    expect(bad.status).toBe(400);
    const young = await req('/api/members', {
      json: { ...body, partyCardNumber: null, dateOfBirth: '2010-01-01', admissionDate: '2024-05-19' },
    });
    expect(young.status).toBe(400);
    expect((await young.json()).error.issues[0].path).toBe('admissionDate');
    const shortProbation = await req(`/api/members/${id}`, {
      method: 'PATCH',
      json: { status: 'full', fullMembershipDate: '2024-12-01' },
    });
    expect(shortProbation.status).toBe(400);
    expect((await shortProbation.json()).error.issues[0].path).toBe('fullMembershipDate');
    const upd = await req(`/api/members/${id}`, { method: 'PATCH', json: { profession: 'Giáo viên' } });
    expect(upd.status).toBe(200);
    const [audit] = await db.query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'member.update'`,
      [id],
    );
    expect(audit!.before).toEqual({ profession: null });
    expect(audit!.after).toEqual({ profession: 'Giáo viên' });
  });

  it('refuses implausible dates with the field and the reason', async () => {
    const { cellA } = await makeProvince(db);
    const { req } = await secretaryOf(cellA);
    const body = {
      organizationId: cellA.id,
      joinedOn: '2024-05-19',
      fullName: 'Lê Văn Bình',
      status: 'full',
    };
    const issuesOf = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()).error.issues as { path: string; messageCode: string }[]).map((i) => [
        i.path,
        i.messageCode,
      ]);
    };
    expect(
      await issuesOf(await req('/api/members', { json: { ...body, admissionDate: '9999-12-31' } })),
    ).toEqual([['admissionDate', 'roster.admission_in_future']]);
    expect(
      await issuesOf(await req('/api/members', { json: { ...body, dateOfBirth: '1000-01-01' } })),
    ).toEqual([['dateOfBirth', 'roster.birth_too_early']]);
    expect(
      await issuesOf(await req('/api/members', { json: { ...body, admissionDate: '1929-05-01' } })),
    ).toEqual([['admissionDate', 'roster.admission_before_founding']]);
    const created = await req('/api/members', {
      json: {
        ...body,
        dateOfBirth: '1960-04-30',
        admissionDate: '1990-02-03',
        fullMembershipDate: '1991-02-03',
      },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(
      await issuesOf(
        await req(`/api/members/${id}`, { method: 'PATCH', json: { dateOfBirth: '1975-01-01' } }),
      ),
    ).toEqual([['admissionDate', 'roster.admitted_under_age']]);
    // Made full through an event: the same bounds, under the event's date.
    const p = await makeMember(db, cellA, { status: 'probationary' });
    const future = await req(`/api/members/${p.id}/events`, {
      json: { kind: 'made_full', eventDate: '9999-12-31', documentRef: '45-QĐ/ĐU' },
    });
    expect(await issuesOf(future)).toEqual([['eventDate', 'roster.full_membership_in_future']]);
  });

  it('names the field of a duplicate phone number', async () => {
    const { cellA } = await makeProvince(db);
    const { req } = await secretaryOf(cellA);
    const body = { organizationId: cellA.id, joinedOn: '2024-05-19', status: 'full', phone: '0912000111' };
    expect((await req('/api/members', { json: { ...body, fullName: 'Đặng Văn Một' } })).status).toBe(201);
    const dup = await req('/api/members', { json: { ...body, fullName: 'Đặng Văn Hai' } });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.issues).toEqual([
      {
        path: 'phone',
        message: 'Số điện thoại đã được dùng cho đảng viên khác',
        messageCode: 'db.duplicate_phone',
      },
    ]);
  });

  it('makes a probationary member full, and refuses to do it twice', async () => {
    const { cellA } = await makeProvince(db);
    const p = await makeMember(db, cellA, { status: 'probationary' });
    const { req } = await secretaryOf(cellA);
    const ev = { kind: 'made_full', eventDate: '2025-05-19', documentRef: '45-QĐ/ĐU' };
    const res = await req(`/api/members/${p.id}/events`, { json: ev });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('full');
    const again = await req(`/api/members/${p.id}/events`, { json: ev });
    expect(again.status).toBe(422);
  });

  it('transfers a member officially to another cell and temporarily elsewhere', async () => {
    const { province, cellA, cellB } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const officerMember = await makeMember(db, cellA);
    const officer = await makeAccount(db, officerMember);
    await makeRole(db, officer.id, province, 'board_officer');
    const req = await client.signIn(officer.identifier);
    const res = await req(`/api/members/${m.id}/transfers`, {
      json: {
        kind: 'official',
        toOrganizationId: cellB.id,
        effectiveDate: '2025-09-01',
        documentRef: '88-GGT',
      },
    });
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile.memberships[0]).toMatchObject({ organizationId: cellB.id, validTo: null });
    expect(profile.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['transferred_out', 'transferred_in']),
    );
    const tmp = await req(`/api/members/${m.id}/transfers`, {
      json: { kind: 'temporary', toOrganizationId: cellA.id, effectiveDate: '2025-10-01' },
    });
    expect(tmp.status).toBe(200);
    const listA = await (await req(`/api/members?organizationId=${cellA.id}&temporary=yes`)).json();
    expect(listA.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
    const both = await req(`/api/members/${m.id}/transfers`, {
      json: {
        kind: 'official',
        toOrganizationId: cellA.id,
        outsideDestination: 'Tỉnh khác',
        effectiveDate: '2025-11-01',
      },
    });
    expect(both.status).toBe(400);
  });

  it('records a death: the member leaves the active list and their membership ends', async () => {
    const { province, cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const officerMember = await makeMember(db, cellA);
    const officer = await makeAccount(db, officerMember);
    await makeRole(db, officer.id, province, 'board_officer');
    const req = await client.signIn(officer.identifier);
    const res = await req(`/api/members/${m.id}/events`, {
      json: { kind: 'died', eventDate: '2025-08-08', documentRef: 'Giấy báo tử 12/2025' },
    });
    expect(res.status).toBe(200);
    const active = await (await req(`/api/members?organizationId=${cellA.id}`)).json();
    expect(active.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
    const died = await (await req(`/api/members?organizationId=${cellA.id}&lifecycle=died`)).json();
    expect(died.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
  });

  it('exempts a member with a reason and dates', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const { req } = await secretaryOf(cellA);
    const bad = await req(`/api/members/${m.id}/exemptions`, {
      json: { reason: 'Ốm', validFrom: '2025-01-01', validTo: '2024-01-01' },
    });
    expect(bad.status).toBe(400);
    const res = await req(`/api/members/${m.id}/exemptions`, {
      json: { reason: 'Ốm đau dài ngày', validFrom: '2025-01-01' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).exemptions[0].reason).toBe('Ốm đau dài ngày');
  });

  it('puts members into party groups of their cell, moves them between groups, and ends it', async () => {
    const { cellA, cellB } = await makeProvince(db);
    const g1 = await makeOrganization(db, { name: 'Tổ đảng số 1', kind: 'party_group', parent: cellA });
    const g2 = await makeOrganization(db, { name: 'Tổ đảng số 2', kind: 'party_group', parent: cellA });
    const m = await makeMember(db, cellA);
    const stranger = await makeMember(db, cellB);
    const { req } = await secretaryOf(cellA);
    const join = (group: string, memberId: string, validFrom: string) =>
      req(`/api/organizations/${group}/group-members`, { json: { memberId, validFrom } });
    expect((await join(g1.id, m.id, '2025-01-01')).status).toBe(200);
    expect((await join(g1.id, m.id, '2025-02-01')).status).toBe(409);
    expect((await join(g2.id, stranger.id, '2025-02-01')).status).toBe(404);
    expect((await join(cellA.id, m.id, '2025-02-01')).status).toBe(400);
    const moved = await (await join(g2.id, m.id, '2025-03-01')).json();
    const groups = moved.memberships.filter((x: { kind: string }) => x.kind === 'party_group');
    expect(
      groups.map((x: { organizationName: string; validTo: string | null }) => [
        x.organizationName,
        x.validTo,
      ]),
    ).toEqual([
      ['Tổ đảng số 2', null],
      ['Tổ đảng số 1', '2025-03-01'],
    ]);
    // The cell still counts the member once; the group page counts its own members.
    const cellPage = await (await req(`/api/organizations/${cellA.id}`)).json();
    expect(cellPage.children.find((c: { id: string }) => c.id === g2.id).memberCount).toBe(1);
    const list = await (await req(`/api/members?organizationId=${cellA.id}`)).json();
    expect(list.items.filter((i: { id: string }) => i.id === m.id)).toHaveLength(1);
    const current = groups[0].id as string;
    const official = moved.memberships.find((x: { kind: string }) => x.kind === 'official').id as string;
    expect((await req(`/api/memberships/${official}/end`, { json: { validTo: '2025-06-01' } })).status).toBe(
      422,
    );
    expect((await req(`/api/memberships/${current}/end`, { json: { validTo: '2025-06-01' } })).status).toBe(
      200,
    );
  });
});
