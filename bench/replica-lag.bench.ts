// Benchmark of the streaming replica (ADR 012): how long a committed row takes to be readable on the replica
// (what REPLICA_STICKY_SECONDS must cover), idle and under a write load, and what a commit costs when it waits
// for the replica to apply it (synchronous_commit = remote_apply, as the CI replica runs) against local commits.
// Run: bash scripts/with-postgres-replica.sh npx tsx bench/replica-lag.bench.ts [rows] [loaders]
import { openPostgres } from '../src/server/platform/db.ts';

const rows = Number(process.argv[2] ?? 300);
const loaders = Number(process.argv[3] ?? 8);
const url = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_DATABASE_REPLICA_URL;
if (!url || !replicaUrl) throw new Error('run under bash scripts/with-postgres-replica.sh');

const name = `chibo_bench_lag_${Date.now()}`;
const admin = openPostgres(url, 1);
await admin.query(`CREATE DATABASE ${name}`);
const inDb = (u: string) => Object.assign(new URL(u), { pathname: `/${name}` }).toString();
const replicaAdmin = openPostgres(replicaUrl, 1);
while ((await replicaAdmin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 0) {
  await new Promise((r) => setTimeout(r, 50));
}
await replicaAdmin.close();

// One connection each, so that the session's synchronous_commit applies to every statement.
const writer = openPostgres(inDb(url), 1);
const withReplica = openPostgres(inDb(url), 1, { url: inDb(replicaUrl), max: 1 });
const reader = withReplica.reader;
await writer.query('CREATE TABLE lag_probe (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
await writer.query('CREATE TABLE lag_load (id bigserial PRIMARY KEY, payload text NOT NULL)');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
let next = 0;

/**
 * Commits `rows` probe rows one by one; for each, the commit time and the time from the commit's return until
 * the replica returns the row (polling; the first poll's round trip included).
 */
async function measure(label: string, commitMode: 'local' | 'remote_apply') {
  await writer.query(`SET synchronous_commit = ${commitMode}`);
  const commits: number[] = [];
  const lags: number[] = [];
  for (let i = 0; i < rows; i++) {
    const id = ++next;
    const t0 = performance.now();
    await writer.query('INSERT INTO lag_probe (id) VALUES ($1)', [id]);
    const committed = performance.now();
    commits.push(committed - t0);
    while ((await reader.query('SELECT 1 FROM lag_probe WHERE id = $1', [id])).length === 0);
    lags.push(performance.now() - committed);
  }
  console.log(
    `${label.padEnd(34)} commit p50 ${ms(pct(commits, 50))} p99 ${ms(pct(commits, 99))}; ` +
      `visible on the replica after p50 ${ms(pct(lags, 50))} p95 ${ms(pct(lags, 95))} p99 ${ms(pct(lags, 99))} max ${ms(Math.max(...lags))}`,
  );
}

/** `loaders` connections inserting 1 kB rows with local commits until stopped: WAL for the replica to replay. */
function load() {
  let stop = false;
  let written = 0;
  const runs = Array.from({ length: loaders }, async () => {
    const db = openPostgres(inDb(url!), 1);
    await db.query('SET synchronous_commit = local');
    while (!stop) {
      await db.query("INSERT INTO lag_load (payload) SELECT repeat('x', 1000) FROM generate_series(1, 10)");
      written += 10;
    }
    await db.close();
  });
  return async () => {
    stop = true;
    await Promise.all(runs);
    return written;
  };
}

console.log(
  `replica lag, ${rows} rows each (PostgreSQL ${(await writer.query<{ server_version: string }>('SHOW server_version'))[0]!.server_version})`,
);
await measure('idle, local commit', 'local');
await measure('idle, remote_apply commit', 'remote_apply');
const started = performance.now();
const stopLoad = load();
await measure(`${loaders} writers loading, local commit`, 'local');
await measure(`${loaders} writers loading, remote_apply`, 'remote_apply');
const written = await stopLoad();
console.log(`load: ${written} rows of 1 kB in ${((performance.now() - started) / 1000).toFixed(1)} s`);

await writer.close();
await withReplica.close();
await admin.query(`DROP DATABASE ${name}`);
await admin.close();
process.exit(0);
