// Benchmark: does the API stay responsive while heavy work runs? Four minutes books (PDF, a cell's whole year)
// are asked for at once by two accounts (two each: the per-account limit), and meanwhile /api/health and a
// member list are asked for again and again, one after another, until the last book is done.
// Run: npm run build && npx tsx bench/heavy-work.bench.ts [members=1000] [--server path/to/main.js] [--rounds 2]
// (results go to docs/PERFORMANCE.md by hand, with the machine). --server lets the same benchmark measure
// another build, e.g. the code before the worker pool, bundled in a copy of an older commit.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { demoAccounts, demoPassword } from '../src/server/demo/demo-data.ts';

const { values, positionals } = parseArgs({
  options: { server: { type: 'string' }, rounds: { type: 'string' } },
  allowPositionals: true,
});
const members = Number(positionals[0] ?? 1000);
const serverMain = resolve(values.server ?? 'dist/server/main.js');
// The server runs from its own project folder (fonts/, migrations/ and dist/web are found from there).
const serverRoot = resolve(dirname(serverMain), '..', '..');
const rounds = Number(values.rounds ?? 2);
const dataDir = resolve(`.tmp/bench-heavy-${members}`);
const year = new Date().getUTCFullYear() - 1;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const stats = (v: number[]) =>
  v.length === 0
    ? 'n=0 (no answer before the books were done)'
    : `n=${v.length} p50=${percentile(v, 50).toFixed(1)} ms p99=${percentile(v, 99).toFixed(1)} ms max=${Math.max(...v).toFixed(1)} ms`;

rmSync(dataDir, { recursive: true, force: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DEMO_DATA: 'on',
  DEMO_MEMBERS: String(members),
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL; // always the embedded database
const child = spawn('node', [serverMain], {
  cwd: serverRoot,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (;;) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (child.exitCode !== null) throw new Error('server exited');
  await new Promise((r) => setTimeout(r, 100));
}

async function signIn(key: string): Promise<string> {
  const identifier = demoAccounts.find((a) => a.key === key)!.identifier;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password: demoPassword }),
  });
  if (!res.ok) throw new Error(`login ${key}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
const secretary = await signIn('cellSecretary');
const commune = await signIn('communeSecretary');
const cellName = demoAccounts.find((a) => a.key === 'cellSecretary')!.organizationName;
const found = (await (
  await fetch(`${base}/api/members?limit=1`, { headers: { cookie: secretary } })
).json()) as { items: { organizationId?: string; organizationName?: string }[] };
const cellId =
  found.items.find((m) => m.organizationName === cellName)?.organizationId ?? found.items[0]?.organizationId;
if (!cellId) throw new Error('no member of the demo cell visible to its secretary');
const bookUrl = `${base}/api/organizations/${cellId}/books/${year}/minutes.pdf`;
const listUrl = `${base}/api/members?organizationId=${cellId}&limit=20`;

async function timed(url: string, cookie: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

// Idle figures first, then the rounds under load (one warm-up book before, so fonts are loaded).
const idleHealth: number[] = [];
const idleList: number[] = [];
for (let i = 0; i < 50; i++) {
  idleHealth.push(await timed(`${base}/api/health`, secretary));
  idleList.push(await timed(listUrl, commune));
}
const warm = await timed(bookUrl, secretary);
console.log(
  `server ${serverMain}, ${members} demo members, book ${year} (one book alone: ${warm.toFixed(0)} ms)`,
);
console.log(`idle   /api/health: ${stats(idleHealth)}`);
console.log(`idle   member list: ${stats(idleList)}`);

const health: number[] = [];
const list: number[] = [];
const bookTimes: number[] = [];
for (let r = 0; r < rounds; r++) {
  let done = false;
  const t0 = performance.now();
  const books = Promise.all(
    [secretary, secretary, commune, commune].map(async (cookie) => {
      const res = await fetch(bookUrl, { headers: { cookie } });
      const bytes = await res.arrayBuffer();
      if (!res.ok) throw new Error(`book: ${res.status}`);
      bookTimes.push(performance.now() - t0);
      return bytes.byteLength;
    }),
  ).finally(() => (done = true));
  while (!done) {
    health.push(await timed(`${base}/api/health`, secretary));
    if (!done) list.push(await timed(listUrl, commune));
  }
  const sizes = await books;
  console.log(
    `round ${r + 1}: 4 books (${sizes.map((s) => Math.round(s / 1024)).join(', ')} KB) in ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
console.log(`while 4 books render, /api/health: ${stats(health)}`);
console.log(`while 4 books render, member list: ${stats(list)}`);
console.log(`book completion after start: ${stats(bookTimes)}`);

await new Promise<void>((done) => {
  child.once('exit', () => done());
  child.kill('SIGTERM');
});
