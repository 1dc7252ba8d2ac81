// The app's system endpoints and its edge behaviour: health, OpenAPI document, unknown routes, bad JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './platform/db.ts';
import { makeClient } from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

describe('system endpoints', () => {
  it('reports health with the database kind and version', async () => {
    const res = await client.app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('publishes the OpenAPI document of every route', async () => {
    const doc = await (await client.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/auth/login',
      '/me',
      '/organizations/tree',
      '/organizations/{id}',
      '/members',
      '/reorganizations',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('answers unknown API routes with a JSON 404 and malformed JSON with a 400', async () => {
    const res = await client.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    const bad = await client.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"identifier":',
    });
    expect(bad.status).toBe(400);
  });

  it('requires a session for data endpoints', async () => {
    for (const path of ['/api/organizations/tree', '/api/members', '/api/auth/sessions']) {
      expect((await client.app.request(path)).status).toBe(401);
    }
  });
});
