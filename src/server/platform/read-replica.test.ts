// The reader (ADR 012): it refuses writes, it is the streaming replica when one is configured, read-only pages use
// it and writes do not, and a browser that just wrote reads from the primary for REPLICA_STICKY_SECONDS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  testPassword,
} from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { loadConfig } from './config.ts';
import { type Database, openPostgres, type Reader } from './db.ts';
import { wroteCookie } from './routes.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.close());

const replicaUrl = process.env.TEST_DATABASE_REPLICA_URL;

/** The test database with every query counted by where it went; the reader may be labelled a replica. */
function counted(target: Reader['target'] = db.reader.target) {
  const sent = { primary: [] as string[], reader: [] as string[] };
  const counting: Database = {
    ...db,
    query: <T>(sql: string, params?: unknown[]) => {
      sent.primary.push(sql);
      return db.query<T>(sql, params);
    },
    transaction: (fn) => {
      sent.primary.push('BEGIN');
      return db.transaction(fn);
    },
    reader: {
      target,
      query: <T>(sql: string, params?: unknown[]) => {
        sent.reader.push(sql);
        return db.reader.query<T>(sql, params);
      },
    },
  };
  const clear = () => {
    sent.primary.length = 0;
    sent.reader.length = 0;
  };
  return { counting, sent, clear };
}

/** A cell secretary signed in to the app over `on`: requests carry the session cookie and any `cookies` given. */
async function secretarySignedIn(on: Database) {
  const { cellA } = await makeProvince(db);
  const secretary = await makeMember(db, cellA, { fullName: 'Hoàng Văn Đọc' });
  await makePosition(db, cellA, secretary, 'secretary');
  const account = await makeAccount(db, secretary);
  const { app } = makeClient(on);
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: account.identifier, password: testPassword }),
  });
  expect(login.status).toBe(200);
  const session = cookiesOf(login)[0]!;
  const req = (path: string, init: { method?: string; json?: unknown; cookies?: string[] } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        cookie: [session, ...(init.cookies ?? [])].join('; '),
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  return { cellA, secretary, req };
}

/** The name=value of each cookie a response sets. */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

describe('the reader', () => {
  it('refuses a write, loudly', async () => {
    const write = db.reader.query('UPDATE account SET display_name = display_name WHERE false');
    await expect(write).rejects.toThrow(/read-only transaction/);
    // The primary takes the same statement.
    await expect(db.query('UPDATE account SET display_name = display_name WHERE false')).resolves.toEqual([]);
  });

  it('reads what the primary committed', async () => {
    const { cellA } = await makeProvince(db);
    const member = await makeMember(db, cellA, { fullName: 'Đinh Thị Sao' });
    const rows = await db.reader.query<{ full_name: string }>('SELECT full_name FROM member WHERE id = $1', [
      member.id,
    ]);
    expect(rows).toEqual([{ full_name: 'Đinh Thị Sao' }]);
  });

  it.runIf(replicaUrl)(
    'is the streaming replica when one is configured, and the primary is not',
    async () => {
      expect(db.reader.target).toBe('replica');
      const [reader] = await db.reader.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      const [primary] = await db.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      expect(reader?.standby).toBe(true);
      expect(primary?.standby).toBe(false);
    },
  );

  it.runIf(!replicaUrl)('is the primary, read-only, when no replica is configured', () => {
    expect(db.reader.target).toBe('primary');
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'falls back to the primary when the replica cannot be reached',
    async () => {
      const closedPort = 'postgres://postgres@127.0.0.1:1/postgres';
      const fallback = openPostgres(process.env.TEST_DATABASE_URL!, 1, { url: closedPort, max: 1 });
      try {
        const [row] = await fallback.reader.query<{ standby: boolean }>(
          'SELECT pg_is_in_recovery() AS standby',
        );
        expect(row?.standby).toBe(false);
      } finally {
        await fallback.close();
      }
    },
  );
});

describe('routes and the reader', () => {
  it('a list reads through the reader; a write and its answer stay on the primary', async () => {
    const { counting, sent, clear } = counted();
    const { cellA, req } = await secretarySignedIn(counting);
    clear();
    const list = await req(`/api/members?organizationId=${cellA.id}`);
    expect(list.status).toBe(200);
    expect(sent.reader.some((sql) => /\bmember\b/.test(sql))).toBe(true);
    clear();
    const compliance = await req(`/api/organizations/${cellA.id}/compliance`);
    expect(compliance.status).toBe(200);
    expect(sent.reader.length).toBeGreaterThan(0);
    clear();
    const write = await req('/api/me/notifications/read-all', { method: 'POST' });
    expect(write.status).toBe(200);
    expect(sent.reader).toEqual([]);
    expect(sent.primary).toContain('BEGIN');
  });

  it('without a replica no browser is marked after a write', async () => {
    const { counting } = counted('primary');
    const { req } = await secretarySignedIn(counting);
    const write = await req('/api/me/notifications/read-all', { method: 'POST' });
    expect(write.status).toBe(200);
    expect(write.headers.get('set-cookie') ?? '').not.toContain(wroteCookie);
  });

  it('with a replica, the browser that just wrote reads from the primary until the mark expires', async () => {
    const { counting, sent, clear } = counted('replica');
    const { cellA, secretary, req } = await secretarySignedIn(counting);
    clear();
    const before = await req(`/api/members?organizationId=${cellA.id}`);
    expect(before.status).toBe(200);
    expect(sent.reader.length).toBeGreaterThan(0);
    const write = await req('/api/me/notifications/read-all', { method: 'POST' });
    expect(write.status).toBe(200);
    const header = write.headers.getSetCookie().find((c) => c.startsWith(`${wroteCookie}=`)) ?? '';
    expect(header).toMatch(/^chibo_wrote=1;/);
    expect(header).toMatch(/Max-Age=10\b/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/Path=\/api\b/);
    expect(await write.json()).toEqual({ ok: true });
    clear();
    const after = await req(`/api/members?organizationId=${cellA.id}`, { cookies: cookiesOf(write) });
    expect(after.status).toBe(200);
    expect(sent.reader).toEqual([]);
    expect(sent.primary.some((sql) => /\bmember\b/.test(sql))).toBe(true);
    // A refused write marks nothing.
    const refused = await req(`/api/members/${secretary.id}`, { method: 'PATCH', json: { fullName: '' } });
    expect(refused.status).toBe(400);
    expect(cookiesOf(refused).some((c) => c.startsWith(`${wroteCookie}=`))).toBe(false);
  });
});

describe('configuration', () => {
  it('takes a replica only with a primary server, and a whole number of sticky seconds', () => {
    const replica = 'postgres://u@replica.example/chibo';
    expect(() => loadConfig({ DATABASE_REPLICA_URL: replica })).toThrow(
      /DATABASE_REPLICA_URL: needs DATABASE_URL/,
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@primary.example/chibo',
      DATABASE_REPLICA_URL: replica,
    });
    expect(config.DATABASE_REPLICA_URL).toBe(replica);
    expect(config.REPLICA_STICKY_SECONDS).toBe(10);
    expect(() => loadConfig({ REPLICA_STICKY_SECONDS: '1.5' })).toThrow(/REPLICA_STICKY_SECONDS/);
  });
});
