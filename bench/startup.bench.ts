// Benchmark: ready to serve on existing data (issue 10.2, target < 3 s from process start). Starts the built
// server (`node dist/server/main.js`, as `npm start` does) on a database that already holds the demo province,
// `runs` times, and times each start from the spawn to the ready line and to the first /api/health answer; the
// ready line also says how long the process itself counted. The first start, which creates the demo data, is
// reported apart.
// Run: node scripts/build-server.mjs && npx tsx bench/startup.bench.ts [runs=5]
//   PGlite always (data in .tmp/bench-startup-pglite, kept between runs); PostgreSQL too when TEST_DATABASE_URL
//   is set: bash scripts/with-postgres.sh npx tsx bench/startup.bench.ts 5 (database chibo_bench_startup,
//   with WORKERS=1 and WORKERS=2).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { openPostgres } from '../src/server/platform/db.ts';

const runs = Number(process.argv[2] ?? 5);
const members = process.env.DEMO_MEMBERS ?? '3000';
const entry = resolve('dist/server/main.js');
if (!existsSync(entry))
  throw new Error('dist/server/main.js is missing: run node scripts/build-server.mjs first');

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

interface Start {
  /** From the spawn to the ready line. */
  readyMs: number;
  /** From the spawn to the first 200 of /api/health. */
  healthMs: number;
  /** What the server printed: from its own process start to listening. */
  reportedMs: number;
  /** CPU time (user + system, all threads) the process had used when it printed the ready line. */
  cpuMs: number;
}

/** CPU time of a process so far, from /proc (Linux; clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts the server once, waits until it is ready and answers, then stops it with SIGTERM. */
async function startOnce(env: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const t0 = performance.now();
  const child = spawn('node', [entry], {
    env: { ...base, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_MEMBERS: members, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = new Promise<{ at: number; reported: number; cpu: number }>((done, fail) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const m = /sẵn sàng sau (\d+) ms/.exec(text);
      if (m) done({ at: performance.now() - t0, reported: Number(m[1]), cpu: cpuOf(child.pid!) });
    });
    void exited.then((code) => fail(new Error(`server exited with ${code}:\n${text}`)));
  });
  let healthMs = 0;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) {
        healthMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const r = await ready;
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`server stopped with ${code}`);
  return { readyMs: r.at, healthMs, reportedMs: r.reported, cpuMs: r.cpu };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string, env: Record<string, string>) {
  const first = await startOnce({ ...env, DEMO_DATA: 'on' });
  console.log(`${label}: first start (demo data created if absent) ${fmt(first.readyMs)}`);
  const starts: Start[] = [];
  for (let i = 0; i < runs; i++) starts.push(await startOnce({ ...env, DEMO_DATA: 'on' }));
  const col = (k: keyof Start) =>
    `median ${fmt(median(starts.map((s) => s[k])))}, max ${fmt(Math.max(...starts.map((s) => s[k])))}`;
  console.log(`${label}: ${runs} starts on existing data`);
  console.log(`  spawn → ready line        ${col('readyMs')}`);
  console.log(`  spawn → /api/health 200   ${col('healthMs')}`);
  console.log(`  as the server counted it  ${col('reportedMs')}`);
  console.log(`  CPU used until ready      ${col('cpuMs')} (the primary's own, with WORKERS > 1)`);
  console.log(
    `  load average now          ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
}

console.log(`startup bench: ${runs} runs, demo data ${members} members, node ${process.version}`);
await measure('PGlite', { DATA_DIR: resolve('.tmp/bench-startup-pglite') });

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const admin = openPostgres(serverUrl, 1);
  const [exists] = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'chibo_bench_startup'`);
  if (!exists) await admin.query('CREATE DATABASE chibo_bench_startup');
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = '/chibo_bench_startup';
  const env = { DATABASE_URL: url.toString(), DATA_DIR: resolve('.tmp/bench-startup-pg') };
  await measure('PostgreSQL, WORKERS=1', { ...env, WORKERS: '1' });
  await measure('PostgreSQL, WORKERS=2', { ...env, WORKERS: '2' });
}
