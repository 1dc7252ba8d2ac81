// The security headers on every kind of answer (issue 9.3): API, API error, page; HSTS only over HTTPS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { projectRoot } from './platform/paths.ts';
import { createTestDatabase } from './testing/test-db.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.close());

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
  ]) {
    expect(csp.split('; '), directive).toContain(directive);
  }
  // No inline or evaluated script, whatever else the policy says.
  const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|nonce-|data:/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  const permissions = res.headers.get('permissions-policy') ?? '';
  expect(permissions).toContain('camera=(self)');
  for (const off of ['microphone=()', 'geolocation=()', 'payment=()']) expect(permissions).toContain(off);
}

describe('security headers', () => {
  const app = () => createApp(db, loadConfig({ CHECK_RESPONSES: 'on' }));

  it('are on an API answer, which is never stored', async () => {
    const res = await app().request('/api/health');
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('are on API errors too: 401, 400, 404 and a refused origin', async () => {
    const a = app();
    const answers = [
      await a.request('/api/members'),
      await a.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"identifier":',
      }),
      await a.request('/api/khong-co'),
      await a.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'null', host: 'chibo.example' },
        body: '{}',
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 400, 404, 403]);
    for (const res of answers) {
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('are on a page answer, whose caching is left to the static files', async () => {
    const res = await app().request('/members');
    // The built web app serves the page; without a build the path is an unknown one. Both carry the headers.
    expect(res.status).toBe(existsSync(join(projectRoot, 'dist', 'web')) ? 200 : 404);
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).not.toBe('no-store');
  });

  it('include HSTS only when cookies are secure (served over HTTPS)', async () => {
    const plain = await app().request('/api/health');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await createApp(db, loadConfig({ COOKIE_SECURE: 'on' })).request('/api/health');
    expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    const page = await createApp(db, loadConfig({ COOKIE_SECURE: 'on' })).request('/');
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });
});
