// What the benchmarks share: a free port, the built app started as `npm start` would (timed until /api/health
// answers), percentiles, and signing in with the demo password.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const demoPassword = 'ChiBo@2025';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `node dist/server/main.js` with `env` on `port`; resolves once /api/health answers, with the
 * milliseconds it took and a function that stops the process. */
export async function startBuiltApp(port: number, env: Record<string, string>) {
  const t0 = performance.now();
  const child = spawn('node', ['dist/server/main.js'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    ms: performance.now() - t0,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The value below which p percent of `values` fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Signs in with the demo password; returns the session cookie. */
export async function signIn(base: string, identifier: string, password = demoPassword): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  if (!res.ok) throw new Error(`login ${identifier}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Times `rounds` GETs of each url with the cookie (answers read whole); p50/p95/max and the last size. */
export async function timeGets(urls: string[], cookie: string, rounds: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = await res.arrayBuffer();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      bytes = body.byteLength;
    }
  }
  return {
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    bytes,
  };
}
