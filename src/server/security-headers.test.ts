// The security headers on every kind of answer (issue 9.3): API, API error, page; HSTS only over HTTPS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { projectRoot } from './platform/paths.ts';
import { securityHeaders } from './platform/security-headers.ts';
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

  it('are set on the answer itself, not on a copy of it, and on an answer whose headers cannot change', async () => {
    let made: Response | undefined;
    const app = new Hono();
    app.use('*', securityHeaders(loadConfig({})));
    app.get('/api/x', (c) => (made = c.json({ ok: true })));
    app.get('/away', () => Response.redirect('http://localhost/api/x', 302));
    const res = await app.request('/api/x');
    // The same Response the route made: its JSON is not turned into a stream to be read back (issue 10.1).
    expect(res).toBe(made);
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true });
    const away = await app.request('/away');
    expect(away.status).toBe(302);
    expectSecurityHeaders(away);
    expect(away.headers.get('location')).toBe('http://localhost/api/x');
  });
});

describe('the body limit', () => {
  const app = () => createApp(db, loadConfig({}));
  const limit = 30 * 1024 * 1024;
  const login = (body: BodyInit, headers: Record<string, string> = {}) =>
    app().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
  const chunks = (size: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        const chunk = new Uint8Array(1024 * 1024).fill(0x20);
        for (let n = 0; n < size; n += chunk.length)
          c.enqueue(chunk.subarray(0, Math.min(chunk.length, size - n)));
        c.close();
      },
    });

  it('refuses a body declared larger than 30 MB without reading it', async () => {
    const res = await login('{}', { 'content-length': String(limit + 1) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('refuses a body sent in chunks once it passes 30 MB, and lets a smaller one through', async () => {
    const big = await login(chunks(limit + 1));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    const small = await login(chunks(1000));
    expect(small.status).toBe(400); // read and judged by the route: blanks are not a sign-in
  });

  it('lets a body of a declared size through to the route', async () => {
    const res = await login(JSON.stringify({ identifier: '0900000000', password: 'sai mật khẩu' }));
    expect(res.status).toBe(401);
  });
});
