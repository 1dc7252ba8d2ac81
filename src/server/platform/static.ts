// Serves the built web app (dist/web): hashed assets precompressed and cached for a year, the page uncached.
// `vite build` writes name.br and name.gz beside every asset (vite.config.ts); the browser gets the smallest its
// Accept-Encoding allows. A hashed file never changes, so it is `immutable`; index.html (the page of every
// address of the single-page app) names the current hashes, so the browser revalidates it on every visit
// (`no-cache`). The page carries no personal data; the API's answers set their own caching.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono, MiddlewareHandler } from 'hono';

export const immutableAsset = 'public, max-age=31536000, immutable';
export const revalidatePage = 'no-cache';
const favicon = 'public, max-age=86400';

/** A file from `root` (precompressed when the browser accepts it) with the given caching, else a plain 404. */
function files(root: string, cacheControl: string): MiddlewareHandler {
  const serve = serveStatic({ root, precompressed: true });
  return async (c) => {
    let missing = false;
    const res = await serve(c, async () => {
      missing = true;
    });
    // An asset that is not there (an old hash after a deploy) is a 404, never the page in its place.
    if (missing || !res) return c.text('Not Found', 404, { 'Cache-Control': 'no-store' });
    res.headers.set('Cache-Control', cacheControl);
    // The same address answers in br, gzip or plain by Accept-Encoding: shared caches must key on it.
    res.headers.set('Vary', 'Accept-Encoding');
    return res;
  };
}

/** Mounts the web app built in `webRoot` on `app`, after the API; does nothing when it has not been built. */
export function serveWebApp<E extends Env>(app: Hono<E>, webRoot: string): void {
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) return;
  app.use('/assets/*', files(webRoot, immutableAsset));
  app.use('/favicon.svg', files(webRoot, favicon));
  // Every other address is a page of the single-page app. Read on each request (1 kB): a rebuild under a running
  // server serves the new hashes at once.
  app.get('*', (c) => c.html(readFileSync(indexFile, 'utf8'), 200, { 'Cache-Control': revalidatePage }));
}
