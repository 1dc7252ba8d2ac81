// Benchmark: start-up times and p95 latency of the tree API and member search on PGlite with demo data.
// Run: npm run build && npx tsx bench/api.bench.ts [members=3000]  (results go to docs/PERFORMANCE.md by hand, with the machine)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

const members = Number(process.argv[2] ?? 3000);
const dataDir = `.tmp/bench-data-${members}`;
const password = 'ChiBo@2025';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the app and resolves with the milliseconds until /api/health answers, and a stop function. */
async function start(port: number) {
  const t0 = performance.now();
  const child = spawn('node', ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_MEMBERS: String(members),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - t0;
  return {
    ms,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, urls: string[], cookie: string, rounds = 5) {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
  }
  const line = `${label}: n=${times.length} p50=${percentile(times, 50).toFixed(1)} ms p95=${percentile(times, 95).toFixed(1)} ms max=${Math.max(...times).toFixed(1)} ms`;
  console.log(line);
  return line;
}

rmSync(dataDir, { recursive: true, force: true });
const port = await freePort();
const first = await start(port);
console.log(`first start with demo data (${members} members): ${(first.ms / 1000).toFixed(1)} s`);
await first.stop();
const again = await start(port);
console.log(`start on existing data: ${(again.ms / 1000).toFixed(2)} s`);

const base = `http://127.0.0.1:${port}/api`;
const login = await fetch(`${base}/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ identifier: '0900000006', password }),
});
if (!login.ok) throw new Error(`login ${login.status}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

// Walk the whole tree once to collect every node id, then time the children of each.
const ids: string[] = [];
const roots = await (await fetch(`${base}/organizations/tree`, { headers: { cookie } })).json();
const queue: string[] = roots.nodes.map((n: { id: string }) => n.id);
while (queue.length > 0) {
  const id = queue.shift()!;
  ids.push(id);
  const body = await (
    await fetch(`${base}/organizations/tree?parentId=${id}`, { headers: { cookie } })
  ).json();
  for (const n of body.nodes as Array<{ id: string; childCount: number }>)
    if (n.childCount > 0) queue.push(n.id);
}
await measure(
  `tree children (${ids.length} parents)`,
  ids.map((id) => `${base}/organizations/tree?parentId=${id}`),
  cookie,
);
await measure(
  'tree as of 2024-06-01 (root)',
  [`${base}/organizations/tree?parentId=${ids[0]}&asOf=2024-06-01`],
  cookie,
  40,
);
await measure('organisation page (root)', [`${base}/organizations/${ids[0]}`], cookie, 40);
const queries = ['nguyen', 'duc', 'tran thi', 'van an', 'hoa', 'le', 'pham minh', 'thu', 'xyz', 'ngoc'];
await measure(
  'member search (whole province)',
  queries.map((q) => `${base}/members?q=${encodeURIComponent(q)}`),
  cookie,
  8,
);
await measure('member list page 1 (whole province)', [`${base}/members`], cookie, 40);
await again.stop();
