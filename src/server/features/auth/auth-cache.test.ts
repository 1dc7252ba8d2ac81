// Service tests of the process's cache of sessions and actors (issue 10.1): a cached request costs no database
// work, and a logout, a revoked session, a new password or a change of roles made through one app instance is
// seen by another instance sharing the database (two processes: on PostgreSQL each has its own pool and listening
// connection; PGlite is one process, so there both instances share it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import type { ChannelHandlers, Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeMember,
  makePosition,
  makeProvince,
  testPassword,
} from '../../testing/factories.ts';
import { createTestDatabase, secondProcessView } from '../../testing/test-db.ts';
import { createAuthCache } from './auth-cache.ts';

let db: Database;
let second: ReturnType<typeof secondProcessView>;
let appA: ReturnType<typeof createApp>;
let appB: ReturnType<typeof createApp>;
beforeAll(async () => {
  db = await createTestDatabase();
  second = secondProcessView(db);
  const config = loadConfig({ CHECK_RESPONSES: 'on' });
  appA = createApp(db, config);
  appB = createApp(second.db, config);
});
afterAll(async () => {
  await second.close();
  await db.close();
});

type App = ReturnType<typeof createApp>;

async function signIn(app: App, identifier: string, password = testPassword) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const call = (app: App, cookie: string, path: string, json?: unknown, method?: string) =>
  app.request(path, {
    method: method ?? (json === undefined ? 'GET' : 'POST'),
    headers: { cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });

/**
 * Waits until `check` passes: the other process hears of a change once its notification arrives (at once on
 * PGlite, a moment later over a PostgreSQL connection). Gives up after 5 s with the last failure.
 */
async function eventually(check: () => Promise<void>) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const status = async (app: App, cookie: string, path = '/api/me') => (await call(app, cookie, path)).status;

async function memberWithAccount() {
  const { commune, cellA, cellB } = await makeProvince(db);
  const m = await makeMember(db, cellA);
  const account = await makeAccount(db, m);
  return { commune, cellA, cellB, m, account };
}

describe('the session cache across two app instances', () => {
  it('a logout through one instance ends the session on the other, which had it cached', async () => {
    const { account } = await memberWithAccount();
    const cookie = await signIn(appA, account.identifier);
    expect(await status(appB, cookie)).toBe(200);
    expect(await status(appB, cookie)).toBe(200); // now cached on B
    expect((await call(appA, cookie, '/api/auth/logout', {})).status).toBe(200);
    expect(await status(appA, cookie)).toBe(401);
    await eventually(async () => expect(await status(appB, cookie)).toBe(401));
  });

  it('a session revoked from another device is refused at once by both instances', async () => {
    const { account } = await memberWithAccount();
    const phone = await signIn(appA, account.identifier);
    const laptop = await signIn(appB, account.identifier);
    expect(await status(appA, phone)).toBe(200);
    expect(await status(appB, phone)).toBe(200);
    const { sessions } = await (await call(appB, laptop, '/api/auth/sessions')).json();
    const other = sessions.find((s: { isCurrent: boolean }) => !s.isCurrent);
    expect((await call(appB, laptop, `/api/auth/sessions/${other.id}`, undefined, 'DELETE')).status).toBe(
      200,
    );
    expect(await status(appB, phone)).toBe(401);
    await eventually(async () => expect(await status(appA, phone)).toBe(401));
    expect(await status(appA, laptop)).toBe(200);
  });

  it('a new password ends the other sessions on every instance', async () => {
    const { account } = await memberWithAccount();
    const old = await signIn(appA, account.identifier);
    const current = await signIn(appB, account.identifier);
    expect(await status(appA, old)).toBe(200);
    const res = await call(appB, current, '/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'mat-khau-moi-2026',
    });
    expect(res.status).toBe(200);
    await eventually(async () => expect(await status(appA, old)).toBe(401));
    expect(await status(appA, current)).toBe(200);
  });

  it('a role given or taken, or a membership ended, changes what the other instance lets the actor see', async () => {
    const { commune, cellA, cellB, m, account } = await memberWithAccount();
    const cookie = await signIn(appA, account.identifier);
    const roles = async (app: App) =>
      (
        (await (await call(app, cookie, '/api/me')).json()).roles as {
          role: string;
          organizationId: string;
        }[]
      )
        .map((r) => `${r.role}@${r.organizationId}`)
        .sort();
    expect(await roles(appB)).toEqual([`member@${cellA.id}`]);
    expect(await status(appB, cookie, `/api/organizations/${cellB.id}`)).toBe(404);

    // A position on the commune's committee, written as any other process would.
    await makePosition(db, commune, m, 'secretary');
    await eventually(async () =>
      expect(await status(appB, cookie, `/api/organizations/${cellB.id}`)).toBe(200),
    );
    expect(await roles(appB)).toEqual([`committee@${commune.id}`, `member@${cellA.id}`].sort());

    // The position ends and the membership with it: the actor keeps no scope.
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE position SET valid_to = current_date WHERE member_id = $1`, [m.id]);
      await tx.query(`UPDATE membership SET valid_to = current_date WHERE member_id = $1`, [m.id]);
    });
    await eventually(async () =>
      expect(await status(appB, cookie, `/api/organizations/${cellB.id}`)).toBe(404),
    );
    expect(await roles(appB)).toEqual([]);
    expect(await roles(appA)).toEqual([]);
  });
});

/** The test database seen through a counter of statements, with the handlers the cache listens with. */
function counted(inner: Database) {
  const seen = { queries: 0, handlers: [] as ChannelHandlers[] };
  const db: Database = {
    ...inner,
    async query(sql, params, name) {
      seen.queries++;
      return inner.query(sql, params, name);
    },
    async listen(channel, handlers) {
      seen.handlers.push(handlers);
      return inner.listen(channel, handlers);
    },
  };
  return { db, seen };
}

async function liveToken() {
  const { account } = await memberWithAccount();
  const cookie = await signIn(appA, account.identifier);
  return { token: decodeURIComponent(cookie.split('=')[1]!), accountId: account.id };
}

describe('the cache itself', () => {
  it('answers a cached session and actor without any database work', async () => {
    const { token, accountId } = await liveToken();
    const { db: watched, seen } = counted(db);
    const cache = createAuthCache(watched);
    expect(seen.handlers).toHaveLength(0); // listening starts with the first use
    await cache.settle();
    expect(seen.handlers).toHaveLength(1);
    const s1 = await cache.session(token, 30);
    const a1 = await cache.actor(accountId);
    expect(s1?.accountId).toBe(accountId);
    const before = seen.queries;
    const s2 = await cache.session(token, 30);
    const a2 = await cache.actor(accountId);
    expect(seen.queries).toBe(before);
    expect(s2).toEqual(s1);
    expect(a2).toEqual(a1);
    expect(await cache.session('no-such-token', 30)).toBeNull();
    await cache.stop();
  });

  it('drops everything when notifications may have been lost (the listening connection came back)', async () => {
    const { token, accountId } = await liveToken();
    const { db: watched, seen } = counted(db);
    const cache = createAuthCache(watched);
    await cache.settle();
    await cache.session(token, 30);
    await cache.actor(accountId);
    expect(cache.size).toEqual({ sessions: 1, actors: 1 });
    for (const h of seen.handlers) h.reconnected?.();
    expect(cache.size).toEqual({ sessions: 0, actors: 0 });
    const before = seen.queries;
    await cache.session(token, 30);
    expect(seen.queries).toBeGreaterThan(before);
    await cache.stop();
  });

  it('keeps at most its bound, and reads again an entry past its age or its session’s expiry', async () => {
    const tokens = [await liveToken(), await liveToken(), await liveToken()];
    const { db: watched, seen } = counted(db);
    const bounded = createAuthCache(watched, { maxEntries: 2 });
    await bounded.settle();
    for (const t of tokens) await bounded.session(t.token, 30);
    expect(bounded.size.sessions).toBe(2);
    // The least recently used (the first) was dropped: asking for it reads the database again.
    let before = seen.queries;
    await bounded.session(tokens[2]!.token, 30);
    expect(seen.queries).toBe(before);
    await bounded.session(tokens[0]!.token, 30);
    expect(seen.queries).toBeGreaterThan(before);
    await bounded.stop();

    const ageless = createAuthCache(watched, { maxAgeMs: 0 });
    await ageless.settle();
    await ageless.session(tokens[0]!.token, 30);
    before = seen.queries;
    await ageless.session(tokens[0]!.token, 30);
    expect(seen.queries).toBeGreaterThan(before);
    await ageless.stop();

    // A session that expired while cached is read again (and refused) rather than answered from memory, however
    // young the entry.
    const cache = createAuthCache(watched, { maxAgeMs: 365 * 86_400_000 });
    await cache.settle();
    const t = tokens[1]!;
    expect(await cache.session(t.token, 30)).not.toBeNull();
    await db.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [
      t.accountId,
    ]);
    expect(await cache.session(t.token, 30)).not.toBeNull(); // still cached: expiry sends no notification
    const realNow = Date.now;
    Date.now = () => realNow() + 31 * 86_400_000;
    try {
      expect(await cache.session(t.token, 30)).toBeNull();
    } finally {
      Date.now = realNow;
    }
    await cache.stop();
  });
});
