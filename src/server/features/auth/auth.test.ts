// Service tests of sign-in, sessions, throttling, passwords, /api/me, and the audit chain they write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyNow } from '../../testing/audit.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  makeRole,
  testPassword,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

const login = (identifier: string, password: string) =>
  client.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });

describe('sign-in', () => {
  it('signs in by phone, party card number or email and sets an httpOnly SameSite cookie', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA, { partyCardNumber: '12345678' });
    await db.query(`UPDATE member SET email = 'lan@example.vn' WHERE id = $1`, [m.id]);
    await makeAccount(db, m);
    for (const identifier of [m.phone, '12345678', 'LAN@example.vn']) {
      const res = await login(identifier, testPassword);
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const me = await res.json();
      expect(me.member.id).toBe(m.id);
    }
  });

  it('answers the same for a wrong password and an unknown account, then locks after repeated failures', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    await makeAccount(db, m);
    const wrong = await login(m.phone, 'sai-mat-khau1');
    const unknown = await login('0911111111', 'sai-mat-khau1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    for (let i = 0; i < 3; i++) await login(m.phone, 'sai-mat-khau1');
    const locked = await login(m.phone, 'sai-mat-khau1');
    expect(locked.status).toBe(429);
    // Even the right password waits out the lock.
    expect((await login(m.phone, testPassword)).status).toBe(429);
    // Unknown identifiers lock the same way, so a lock reveals nothing.
    for (let i = 0; i < 4; i++) await login('0922222222', 'x');
    expect((await login('0922222222', 'x')).status).toBe(429);
  });

  it('rejects an empty identifier naming the field', async () => {
    const res = await login('', 'x');
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('identifier');
  });
});

describe('the actor and sessions', () => {
  it('/api/me lists roles from positions, memberships and assignments; 401 without a session', async () => {
    const { province, commune, cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    await makePosition(db, cellA, m, 'secretary');
    await makePosition(db, commune, m, 'committee_member');
    const account = await makeAccount(db, m);
    await makeRole(db, account.id, province, 'board_officer');
    const req = await client.signIn(account.identifier);
    const me = await (await req('/api/me')).json();
    const roles = me.roles
      .map((r: { role: string; position: string | null }) => `${r.role}:${r.position}`)
      .sort();
    expect(roles).toEqual([
      'board_officer:null',
      'cell_leadership:secretary',
      'committee:committee_member',
      'member:null',
    ]);
    expect((await client.app.request('/api/me')).status).toBe(401);
  });

  it('lists sessions, revokes one, and logout ends the current one', async () => {
    const { cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const account = await makeAccount(db, m);
    const first = await client.signIn(account.identifier);
    const second = await client.signIn(account.identifier);
    const { sessions } = await (await second('/api/auth/sessions')).json();
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { isCurrent: boolean }) => !s.isCurrent);
    expect((await second(`/api/auth/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await first('/api/me')).status).toBe(401);
    expect((await second('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    expect((await second('/api/me')).status).toBe(401);
  });

  it('changes the password with the current one, and an officer resets another member’s', async () => {
    const { province, cellA } = await makeProvince(db);
    const m = await makeMember(db, cellA);
    const account = await makeAccount(db, m);
    const req = await client.signIn(account.identifier);
    const weak = await req('/api/auth/password', {
      json: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    const wrong = await req('/api/auth/password', {
      json: { currentPassword: 'nope', newPassword: 'MoiMoi2025' },
    });
    expect(wrong.status).toBe(400);
    expect(
      (
        await req('/api/auth/password', {
          json: { currentPassword: testPassword, newPassword: 'MoiMoi2025' },
        })
      ).status,
    ).toBe(200);
    expect((await login(m.phone, 'MoiMoi2025')).status).toBe(200);

    const mate = await makeMember(db, cellA);
    const mateReq = await client.signIn((await makeAccount(db, mate)).identifier);
    expect(
      (await mateReq(`/api/members/${m.id}/reset-password`, { json: { newPassword: 'TamThoi2025' } })).status,
    ).toBe(403);
    const officerMember = await makeMember(db, cellA);
    const officer = await makeAccount(db, officerMember);
    await makeRole(db, officer.id, province, 'board_officer');
    const officerReq = await client.signIn(officer.identifier);
    expect(
      (await officerReq(`/api/members/${m.id}/reset-password`, { json: { newPassword: 'TamThoi2025' } }))
        .status,
    ).toBe(200);
    const me = await (await login(m.phone, 'TamThoi2025')).json();
    expect(me.account.mustChangePassword).toBe(true);
  });

  it('rejects a cross-site write', async () => {
    const res = await client.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' },
      body: JSON.stringify({ identifier: 'a', password: 'b' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('audit chain', () => {
  it('verifies, and detects a row changed behind the app’s back', async () => {
    const ok = await verifyNow(db);
    expect(ok.rows).toBeGreaterThan(0);
    expect(ok.broken).toEqual([]);
    expect(ok.ok).toBe(true);
    await expect(db.query(`UPDATE audit_log SET action = 'x' WHERE id = 1`)).rejects.toThrow(/append-only/);
    // Someone with table-owner rights disables the guard and edits a row: verification names it.
    await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await db.query(`UPDATE audit_log SET ip = '10.0.0.1' WHERE seq = 1`);
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const broken = await verifyNow(db);
    expect(broken.broken.length).toBeGreaterThan(0);
    expect(broken.broken[0]!.seq).toBe(1);
  });
});
