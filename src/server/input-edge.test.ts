// Service tests of what the app refuses at its edge: NUL characters in any text, and writes from another origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRoutes } from './features/auth/auth.routes.ts';
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

describe('a NUL character in a form', () => {
  const form = (fields: Record<string, string>, fileName = 'bien-ban.pdf') => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    f.append('file', new File(['%PDF-1.4'], fileName, { type: 'application/pdf' }));
    return f;
  };

  it('is refused with 400 naming the text field or the file, on every upload route', async () => {
    const { cellA } = await makeProvince(db);
    const secretary = await makeMember(db, cellA);
    await makePosition(db, cellA, secretary, 'secretary');
    const sec = await client.signIn((await makeAccount(db, secretary)).identifier);
    const id = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[path: string, body: FormData, field: string]> = [
      [`/api/meetings/${id}/materials`, form({ title: 'Dự thảo\u0000nghị quyết' }), 'title'],
      [`/api/meetings/${id}/materials`, form({ title: 'Dự thảo' }, 'du\u0000thao.pdf'), 'file'],
      [`/api/tasks/${id}/reports/upload`, form({ note: 'Đã xong\u0000', progress: '100' }), 'note'],
      [`/api/roster-imports`, form({ organizationId: cellA.id }, 'ds\u0000.xlsx'), 'file'],
    ];
    for (const [path, body, field] of cases) {
      const res = await sec(path, { method: 'POST', body });
      expect(res.status, `${path} ${field}`).toBe(400);
      expect((await res.json()).error.issues).toEqual([
        expect.objectContaining({ path: field, messageCode: 'request.nul_character' }),
      ]);
    }
  });

  it('answers a form that cannot be read with 400, never 500', async () => {
    const { cellA } = await makeProvince(db);
    const secretary = await makeMember(db, cellA);
    await makePosition(db, cellA, secretary, 'secretary');
    const sec = await client.signIn((await makeAccount(db, secretary)).identifier);
    const res = await sec('/api/tasks/00000000-0000-4000-8000-000000000000/reports/upload', {
      method: 'POST',
      body: 'not a form at all',
      headers: { 'content-type': 'multipart/form-data; boundary=zz' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.messageCode).toBe('request.invalid_form');
  });
});

describe('a request without a session', () => {
  /** Every API route of the router, as `METHOD /api/path/:param`, once each. */
  const apiRoutes = () => [
    ...new Set(
      client.app.routes
        .filter((r) => r.method !== 'ALL' && /^\/api\/./.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    ),
  ];

  it('answers 401 on every protected route before reading its input', async () => {
    const protectedRoutes = apiRoutes().filter((r) => !publicRoutes.has(r.replace(' /api/', ' /')));
    // The walk is the whole route table, not a sample: a new route is walked without being listed here.
    expect(protectedRoutes.length).toBeGreaterThan(80);
    for (const route of protectedRoutes) {
      const [method, path] = route.split(' ') as [string, string];
      // Parameters and bodies no validator would accept: the 401 must come first.
      const url = `${path.replace(/:\w+/g, 'khong-phai-uuid')}?q=%00&year=abc`;
      const res = await client.app.request(url, {
        method,
        headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{"x":"\\u0000"',
      });
      expect(res.status, route).toBe(401);
      expect((await res.json()).error.code, route).toBe('unauthenticated');
    }
  });

  it('reaches the public routes, each of which exists', async () => {
    const routes = new Set(apiRoutes().map((r) => r.replace(' /api/', ' /')));
    for (const r of publicRoutes) expect(routes, r).toContain(r);
    expect((await client.app.request('/api/health')).status).toBe(200);
    expect((await client.app.request('/api/openapi.json')).status).toBe(200);
    expect((await post('/api/auth/logout', {})).status).toBe(200);
    expect((await client.app.request('/api/calendar/khong-co.ics')).status).toBe(404);
    const login = await post('/api/auth/login', { identifier: 'khong-ai', password: 'SaiMatKhau1' });
    expect((await login.json()).error.code).toBe('invalid_credentials');
    // A path no route matches stays a JSON 404.
    expect((await client.app.request('/api/khong-co-dau')).status).toBe(404);
  });
});
