// Every write route of members, organisations, roster import and accounts leaves an audit row (issue 8). The
// table below names each route with the audit action it records; a write route of these features missing from
// the table fails the last test, so a new write cannot skip the audit unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeProvince,
  makeRole,
  testPassword,
} from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';
import { waitForBackgroundWork } from './features/roster-import/roster-import.service.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => {
  await waitForBackgroundWork();
  await db.close();
});

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

const ownTags = ['auth', 'members', 'organizations', 'roster-import'];
// Routes of these tags that other features own (committees, offices, role assignments) are checked by their owners.
const elsewhere = new Set([
  'POST /organizations/{id}/committees',
  'POST /organizations/{id}/positions',
  'POST /positions/{id}/end',
  'POST /committees/{id}/end',
  'POST /role-assignments',
  'POST /role-assignments/{id}/end',
]);
const walked = new Set<string>();

async function auditCount(action: string, entityId?: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2)`,
    [action, entityId ?? null],
  );
  return row!.n;
}

/** Runs a write and checks it answered `status` and left one more audit row of `action`. */
async function audited(
  route: string,
  action: string,
  status: number,
  write: () => Response | Promise<Response>,
) {
  const before = await auditCount(action);
  const res = await write();
  expect(res.status, `${route}: ${await res.clone().text()}`).toBe(status);
  await waitForBackgroundWork();
  expect(await auditCount(action), `${route} audits ${action}`).toBe(before + 1);
  walked.add(route);
  return res;
}

describe('every write of members, organisations, roster import and accounts is audited', () => {
  let officer: Req;
  let secretary: Req;
  let ids: Awaited<ReturnType<typeof makeProvince>>;

  beforeAll(async () => {
    ids = await makeProvince(db);
    const o = await makeMember(db, ids.province);
    const officerAccount = await makeAccount(db, o);
    await makeRole(db, officerAccount.id, ids.province, 'board_officer');
    officer = await client.signIn(officerAccount.identifier);
    const s = await makeMember(db, ids.cellA);
    await makePosition(db, ids.cellA, s, 'secretary');
    secretary = await client.signIn((await makeAccount(db, s)).identifier);
  });

  it('members: create, update, events, transfers, exemptions, party groups', async () => {
    const created = await audited('POST /members', 'member.create', 201, () =>
      secretary('/api/members', {
        json: {
          fullName: 'Lê Văn Ghi Sổ',
          status: 'probationary',
          admissionDate: '2024-06-01',
          organizationId: ids.cellA.id,
          joinedOn: '2024-06-01',
        },
      }),
    );
    const { id } = (await created.json()) as { id: string };
    await audited('PATCH /members/{id}', 'member.update', 200, () =>
      secretary(`/api/members/${id}`, { method: 'PATCH', json: { ethnicity: 'Kinh' } }),
    );
    await audited('POST /members/{id}/events', 'member.made_full', 200, () =>
      secretary(`/api/members/${id}/events`, {
        json: { kind: 'made_full', eventDate: '2025-06-02', documentRef: '12-QĐ/ĐU' },
      }),
    );
    await audited('POST /members/{id}/exemptions', 'member.exempt', 200, () =>
      secretary(`/api/members/${id}/exemptions`, {
        json: { reason: 'Ốm đau dài ngày', validFrom: '2025-07-01' },
      }),
    );
    const group = await makeOrganization(db, {
      name: 'Tổ đảng số 1',
      kind: 'party_group',
      parent: ids.cellA,
    });
    const joined = await audited(
      'POST /organizations/{id}/group-members',
      'member.partyGroup.join',
      200,
      () =>
        secretary(`/api/organizations/${group.id}/group-members`, {
          json: { memberId: id, validFrom: '2025-08-01' },
        }),
    );
    const profile = (await joined.json()) as { memberships: Array<{ id: string; kind: string }> };
    const inGroup = profile.memberships.find((m) => m.kind === 'party_group')!;
    await audited('POST /memberships/{id}/end', 'membership.end', 200, () =>
      secretary(`/api/memberships/${inGroup.id}/end`, { json: { validTo: '2025-09-01' } }),
    );
    await audited('POST /members/{id}/transfers', 'member.transfer.official', 200, () =>
      officer(`/api/members/${id}/transfers`, {
        json: { kind: 'official', toOrganizationId: ids.cellB.id, effectiveDate: '2025-10-01' },
      }),
    );
  });

  it('organisations: create and reorganise', async () => {
    const created = await audited('POST /organizations', 'organization.create', 201, () =>
      officer('/api/organizations', {
        json: {
          parentId: ids.commune.id,
          name: 'Chi bộ thôn Bắc',
          kind: 'cell',
          cellType: 'other',
          validFrom: '2025-01-01',
        },
      }),
    );
    const { id } = (await created.json()) as { id: string };
    await audited('POST /reorganizations', 'organization.rename', 201, () =>
      officer('/api/reorganizations', {
        json: {
          kind: 'rename',
          organizationId: id,
          newName: 'Chi bộ thôn Bắc Mới',
          effectiveDate: '2025-02-01',
        },
      }),
    );
  });

  it('roster import: upload and commit', async () => {
    const csv = 'Họ và tên;Ngày sinh;Trạng thái\nTrần Thị Nhập Tệp;01/02/1985;Chính thức\n';
    const body = new FormData();
    body.append('file', new File([csv], 'danh-sach.csv', { type: 'text/csv' }));
    body.append('organizationId', ids.cellA.id);
    const uploaded = await audited('POST /roster-imports', 'member.import.upload', 202, () =>
      secretary('/api/roster-imports', { method: 'POST', body }),
    );
    const { id } = (await uploaded.json()) as { id: string };
    await audited('POST /roster-imports/{id}/commit', 'member.import', 202, () =>
      secretary(`/api/roster-imports/${id}/commit`, { method: 'POST' }),
    );
  });

  it('accounts: sign-in, password change and reset, session revoke, sign-out', async () => {
    const m = await makeMember(db, ids.cellA);
    const account = await makeAccount(db, m);
    const login = () =>
      client.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: account.identifier, password: testPassword }),
      });
    await audited('POST /auth/login', 'auth.login', 200, login);
    const req = await client.signIn(account.identifier);
    await audited('POST /auth/password', 'auth.password.change', 200, () =>
      req('/api/auth/password', { json: { currentPassword: testPassword, newPassword: 'MatKhauMoi456' } }),
    );
    await audited('POST /members/{id}/reset-password', 'account.password.reset', 200, () =>
      officer(`/api/members/${m.id}/reset-password`, { json: { newPassword: testPassword + '9' } }),
    );
    const other = await makeMember(db, ids.cellA);
    const otherAccount = await makeAccount(db, other);
    await client.signIn(otherAccount.identifier);
    const mine = await client.signIn(otherAccount.identifier);
    const sessions = (await (await mine('/api/auth/sessions')).json()) as {
      sessions: Array<{ id: string; isCurrent: boolean }>;
    };
    const elsewhereSession = sessions.sessions.find((s) => !s.isCurrent)!;
    await audited('DELETE /auth/sessions/{id}', 'auth.session.revoke', 200, () =>
      mine(`/api/auth/sessions/${elsewhereSession.id}`, { method: 'DELETE' }),
    );
    await audited('POST /auth/logout', 'auth.logout', 200, () =>
      mine('/api/auth/logout', { method: 'POST' }),
    );
  });

  it('leaves no write route of these features unwalked', async () => {
    const doc = (await (await client.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(
          ([method, op]) =>
            ['post', 'put', 'patch', 'delete'].includes(method) && ownTags.includes(op.tags?.[0] ?? ''),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(writes.filter((w) => !elsewhere.has(w)).sort()).toEqual([...walked].sort());
  });
});
