// Serving the built web app: precompressed assets by Accept-Encoding, a year's immutable caching for hashed
// assets, the page revalidated on every visit, a missing asset a 404 (never the page).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { immutableAsset, serveWebApp } from './static.ts';

const script = 'export const hello = "xin chào";\n'.repeat(20);
let root: string;
let app: Hono;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'chibo-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'main-AbC123.js'), script);
  writeFileSync(join(root, 'assets', 'main-AbC123.js.br'), brotliCompressSync(script));
  writeFileSync(join(root, 'assets', 'main-AbC123.js.gz'), gzipSync(script));
  writeFileSync(join(root, 'assets', 'plain-XyZ789.css'), 'body{margin:0}');
  app = new Hono();
  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  serveWebApp(app, root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('serving the web app', () => {
  it('sends brotli to a browser that accepts it, with immutable caching and Vary', async () => {
    const res = await get('/assets/main-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe(immutableAsset);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await get('/assets/main-AbC123.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await get('/assets/main-AbC123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(plain.headers.get('cache-control')).toBe(immutableAsset);
    expect(await plain.text()).toBe(script);
  });

  it('sends an asset that has no compressed copy as it is', async () => {
    const res = await get('/assets/plain-XyZ789.css', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('body{margin:0}');
  });

  it('answers a missing asset with a 404 that is not cached, never with the page', async () => {
    const res = await get('/assets/main-OldHash.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toContain('<div id="root">');
  });

  it('answers every other address with the page, revalidated on every visit', async () => {
    for (const path of ['/', '/tasks', '/meetings/5b0c7c3e-6a53-4a8e-9d7e-1f2a3b4c5d6e?tab=room']) {
      const res = await get(path, 'br');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
    expect((await get('/api/health')).headers.get('cache-control')).toBeNull();
  });

  it('refuses paths that climb out of the folder', async () => {
    const res = await get('/assets/..%2F..%2Fetc%2Fpasswd', 'br');
    expect(res.status).toBe(404);
  });
});
