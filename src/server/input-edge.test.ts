// Service tests of what the app refuses at its edge: NUL characters in any text, and writes from another origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './platform/db.ts';
import { makeAccount, makeClient, makeMember, makePosition, makeProvince } from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  client.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('a NUL character in text', () => {
  it('is refused with 400 naming the field, in the login identifier, a search and a member field', async () => {
    const login = await post('/api/auth/login', { identifier: 'ab\u0000c', password: 'x' });
    expect(login.status).toBe(400);
    const body = await login.json();
    expect(body.error.issues).toEqual([
      expect.objectContaining({ path: 'identifier', messageCode: 'request.nul_character' }),
    ]);

    const { cellA } = await makeProvince(db);
    const secretary = await makeMember(db, cellA);
    await makePosition(db, cellA, secretary, 'secretary');
    const sec = await client.signIn((await makeAccount(db, secretary)).identifier);
    const search = await sec('/api/organizations/search?q=%00');
    expect(search.status).toBe(400);
    expect((await search.json()).error.issues[0]).toMatchObject({ path: 'q' });

    const before = await (await sec(`/api/members/${secretary.id}`)).json();
    const patch = await sec(`/api/members/${secretary.id}`, {
      method: 'PATCH',
      json: { hometown: 'Thôn\u0000Đông' },
    });
    expect(patch.status).toBe(400);
    expect((await patch.json()).error.issues[0]).toMatchObject({ path: 'hometown' });
    // Nothing was written.
    expect((await (await sec(`/api/members/${secretary.id}`)).json()).hometown ?? null).toEqual(
      before.hometown ?? null,
    );
  });
});

describe('the origin of a write', () => {
  it('refuses null, malformed and other-scheme origins with 403, and accepts its own', async () => {
    const host = { host: 'chibo.example' };
    for (const origin of ['null', 'not a url', 'https://chibo.example', 'http://chibo.example:8080']) {
      const res = await post('/api/auth/login', { identifier: 'x', password: 'y' }, { ...host, origin });
      expect(res.status, origin).toBe(403);
      expect((await res.json()).error.messageCode).toBe('request.cross_origin');
    }
    const own = await post(
      '/api/auth/login',
      { identifier: 'x', password: 'y' },
      { ...host, origin: 'http://chibo.example' },
    );
    expect(own.status).toBe(401);
  });
});
