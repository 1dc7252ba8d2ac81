// Service tests of committee terms and positions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import { makeAccount, makeClient, makeMember, makeProvince, makeRole } from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

describe('committees and positions', () => {
  it('opens a term, assigns a secretary once, ends the office, and shows it on the organisation page', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const holder = await makeMember(db, cellA, { fullName: 'Vũ Thị Hằng' });
    const probationary = await makeMember(db, cellA, { status: 'probationary' });
    const officerAccount = await makeAccount(db, await makeMember(db, cellA));
    await makeRole(db, officerAccount.id, province, 'board_officer');
    const req = await client.signIn(officerAccount.identifier);

    const bad = await req(`/api/organizations/${commune.id}/committees`, {
      json: { termLabel: '2025', termStart: '2025-08-01' },
    });
    expect(bad.status).toBe(400);
    const term = await req(`/api/organizations/${commune.id}/committees`, {
      json: { termLabel: '2025-2030', termStart: '2025-08-01' },
    });
    expect(term.status).toBe(201);
    const { id: committeeId } = await term.json();
    const overlap = await req(`/api/organizations/${commune.id}/committees`, {
      json: { termLabel: '2026-2031', termStart: '2026-01-01' },
    });
    expect(overlap.status).toBe(409);

    const p = await req(`/api/organizations/${commune.id}/positions`, {
      json: { memberId: holder.id, kind: 'secretary', committeeId, validFrom: '2025-08-02' },
    });
    expect(p.status).toBe(201);
    const { id: positionId } = await p.json();
    const twice = await req(`/api/organizations/${commune.id}/positions`, {
      json: { memberId: holder.id, kind: 'secretary', committeeId, validFrom: '2025-08-02' },
    });
    expect(twice.status).toBe(409);
    const notFull = await req(`/api/organizations/${commune.id}/positions`, {
      json: { memberId: probationary.id, kind: 'committee_member', committeeId, validFrom: '2025-08-02' },
    });
    expect(notFull.status).toBe(400);
    const wrongKind = await req(`/api/organizations/${cellA.id}/positions`, {
      json: { memberId: holder.id, kind: 'standing_member', validFrom: '2025-08-02' },
    });
    expect(wrongKind.status).toBe(400);

    const page = await (await req(`/api/organizations/${commune.id}`)).json();
    expect(page.committees[0].termLabel).toEqual({ code: 'committee.term', params: { label: '2025–2030' } });
    expect(page.committees[0].positions[0]).toMatchObject({ kind: 'secretary', memberName: 'Vũ Thị Hằng' });

    const pageActions = (await (await req(`/api/organizations/${commune.id}`)).json()).actions;
    expect(pageActions).toContain('committee.manage');
    const end = await req(`/api/positions/${positionId}/end`, {
      json: { validTo: '2026-01-01' },
    });
    expect(end.status).toBe(200);
  });

  it('a cell secretary cannot appoint offices in their own cell', async () => {
    const { cellA } = await makeProvince(db);
    const sec = await makeMember(db, cellA);
    await db.query(
      `INSERT INTO position (province_id, organization_id, member_id, kind, valid_from)
       SELECT province_id, $1, $2, 'secretary', '2020-01-01' FROM organization WHERE id = $1`,
      [cellA.id, sec.id],
    );
    const req = await client.signIn((await makeAccount(db, sec)).identifier);
    const other = await makeMember(db, cellA);
    const res = await req(`/api/organizations/${cellA.id}/positions`, {
      json: { memberId: other.id, kind: 'deputy_secretary', validFrom: '2025-01-01' },
    });
    expect(res.status).toBe(403);
  });

  it('closes a term and the offices still held in it', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const holder = await makeMember(db, cellA);
    const officerAccount = await makeAccount(db, await makeMember(db, cellA));
    await makeRole(db, officerAccount.id, province, 'board_officer');
    const req = await client.signIn(officerAccount.identifier);
    const { id: committeeId } = await (
      await req(`/api/organizations/${commune.id}/committees`, {
        json: { termLabel: '2020-2025', termStart: '2020-08-01' },
      })
    ).json();
    await req(`/api/organizations/${commune.id}/positions`, {
      json: { memberId: holder.id, kind: 'committee_member', committeeId, validFrom: '2020-08-02' },
    });
    expect(
      (await req(`/api/committees/${committeeId}/end`, { json: { termEnd: '2019-01-01' } })).status,
    ).toBe(400);
    expect(
      (await req(`/api/committees/${committeeId}/end`, { json: { termEnd: '2025-09-01' } })).status,
    ).toBe(200);
    expect(
      (await req(`/api/committees/${committeeId}/end`, { json: { termEnd: '2025-09-01' } })).status,
    ).toBe(422);
    const page = await (await req(`/api/organizations/${commune.id}`)).json();
    expect(page.committees[0]).toMatchObject({ termEnd: '2025-09-01' });
    expect(page.committees[0].positions[0].validTo).toBe('2025-09-01');
  });

  it('a cell secretary is not offered committee management on their own cell', async () => {
    const { cellA } = await makeProvince(db);
    const sec = await makeMember(db, cellA);
    await db.query(
      `INSERT INTO position (province_id, organization_id, member_id, kind, valid_from)
       SELECT province_id, $1, $2, 'secretary', '2020-01-01' FROM organization WHERE id = $1`,
      [cellA.id, sec.id],
    );
    const req = await client.signIn((await makeAccount(db, sec)).identifier);
    const page = await (await req(`/api/organizations/${cellA.id}`)).json();
    expect(page.actions).toContain('member.create');
    expect(page.actions).not.toContain('committee.manage');
  });
});
