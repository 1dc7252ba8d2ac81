// Service tests of rule-set governance: national by default, assigned to a subtree, superseded by date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
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

describe('rule sets', () => {
  it('a cell inherits a rule set its province assigned, until a national one supersedes it', async () => {
    const { province, cellA } = await makeProvince(db);
    const officer = await makeAccount(db, await makeMember(db, cellA));
    await makeRole(db, officer.id, province, 'board_officer');
    const req = await client.signIn(officer.identifier);

    const national = await (await req(`/api/organizations/${cellA.id}/rule-set?date=2025-12-03`)).json();
    expect(national.ruleSet).toMatchObject({
      id: 'ct50-hd42-2025',
      minDurationMinutes: 90,
      materialsLeadDays: 1,
    });
    expect(national.ruleSet.sources).toContain('Hướng dẫn 42-HD/BTCTW');
    expect(national.assignedBy).toBeNull();
    expect(
      (await (await req(`/api/organizations/${cellA.id}/rule-set?date=2023-01-01`)).json()).ruleSet,
    ).toBeNull();

    const early = await req(`/api/organizations/${province.id}/rule-sets`, {
      json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2020-01-01' },
    });
    expect(early.status).toBe(400);
    const unknown = await req(`/api/organizations/${province.id}/rule-sets`, {
      json: { ruleSetId: 'khong-co', effectiveFrom: '2022-01-01' },
    });
    expect((await unknown.json()).error.issues[0].path).toBe('ruleSetId');
    const res = await req(`/api/organizations/${province.id}/rule-sets`, {
      json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2022-01-01', documentRef: '03-NQ/ĐUK' },
    });
    expect(res.status).toBe(201);
    const inherited = await (await req(`/api/organizations/${cellA.id}/rule-set?date=2023-01-01`)).json();
    expect(inherited.ruleSet.id).toBe('quang-binh-03-nq-duk-2021');
    expect(inherited.assignedBy).toMatchObject({ organizationId: province.id, effectiveFrom: '2022-01-01' });
    const superseded = await (await req(`/api/organizations/${cellA.id}/rule-set?date=2025-08-03`)).json();
    expect(superseded.ruleSet.id).toBe('ct50-2025');
    const twice = await req(`/api/organizations/${province.id}/rule-sets`, {
      json: { ruleSetId: 'quang-binh-03-nq-duk-2021', effectiveFrom: '2022-01-01' },
    });
    expect(twice.status).toBe(409);
  });

  it('a cell secretary may not assign rule sets; an outsider gets 404', async () => {
    const { cellA } = await makeProvince(db);
    const sec = await makeMember(db, cellA);
    await makePosition(db, cellA, sec, 'secretary');
    const req = await client.signIn((await makeAccount(db, sec)).identifier);
    const res = await req(`/api/organizations/${cellA.id}/rule-sets`, {
      json: { ruleSetId: 'ct50-2025', effectiveFrom: '2025-08-01' },
    });
    expect(res.status).toBe(403);
    const other = await makeProvince(db);
    expect((await req(`/api/organizations/${other.cellA.id}/rule-set`)).status).toBe(404);
    const list = await (await req('/api/rule-sets')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain('ct50-hd42-2025');
  });
});
