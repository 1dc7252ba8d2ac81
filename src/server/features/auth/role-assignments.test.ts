// Service tests of role assignments: who may appoint board officers and followers, and what the role grants.
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
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

describe('role assignments', () => {
  it('a commune secretary assigns a follower to a cell; the follower then sees that cell only', async () => {
    const { commune, cellA, cellB } = await makeProvince(db);
    const committeeCell = await makeOrganization(db, { kind: 'cell', parent: commune });
    const secretary = await makeMember(db, committeeCell);
    await makePosition(db, commune, secretary, 'secretary');
    const req = await client.signIn((await makeAccount(db, secretary)).identifier);
    const follower = await makeMember(db, committeeCell);
    const followerAccount = await makeAccount(db, follower);

    const notCell = await req('/api/role-assignments', {
      json: { memberId: follower.id, role: 'follower', organizationId: commune.id, validFrom: '2025-08-01' },
    });
    expect(notCell.status).toBe(400);
    const officer = await req('/api/role-assignments', {
      json: {
        memberId: follower.id,
        role: 'board_officer',
        organizationId: cellA.id,
        validFrom: '2025-08-01',
      },
    });
    expect(officer.status).toBe(403);
    const res = await req('/api/role-assignments', {
      json: { memberId: follower.id, role: 'follower', organizationId: cellA.id, validFrom: '2025-08-01' },
    });
    expect(res.status).toBe(201);
    const again = await req('/api/role-assignments', {
      json: { memberId: follower.id, role: 'follower', organizationId: cellA.id, validFrom: '2025-08-01' },
    });
    expect(again.status).toBe(409);

    const followerReq = await client.signIn(followerAccount.identifier);
    expect((await followerReq(`/api/organizations/${cellA.id}`)).status).toBe(200);
    expect((await followerReq(`/api/organizations/${cellB.id}`)).status).toBe(404);
    const list = await (await req(`/api/organizations/${cellA.id}/roles`)).json();
    expect(list.items).toHaveLength(1);

    const { id } = await res.json();
    expect((await req(`/api/role-assignments/${id}/end`, { json: { validTo: '2025-01-01' } })).status).toBe(
      400,
    );
    expect((await req(`/api/role-assignments/${id}/end`, { json: { validTo: '2025-12-01' } })).status).toBe(
      200,
    );
  });

  it('a plain member may not assign roles, and an outsider gets 404', async () => {
    const { province, cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const req = await client.signIn((await makeAccount(db, m)).identifier);
    const res = await req('/api/role-assignments', {
      json: { memberId: m.id, role: 'follower', organizationId: cellA.id, validFrom: '2025-08-01' },
    });
    expect(res.status).toBe(403);
    const other = await makeProvince(db);
    const officerAccount = await makeAccount(db, await makeMember(db, other.cellA));
    await makeRole(db, officerAccount.id, other.province, 'board_officer');
    const outsider = await client.signIn(officerAccount.identifier);
    expect((await outsider(`/api/organizations/${cellA.id}/roles`)).status).toBe(404);
    void province;
  });
});
