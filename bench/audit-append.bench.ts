// Benchmark of parallel audited writes on one province's chain, on PostgreSQL: the chain-head lock of
// migration 0001 (every writer of a province waited on audit_head until the holder committed) against ADR 009
// (append pending, sealed in batches by the background sealer running in this process).
// Each write is one transaction: update a row of its own, append the audit event, read the row back, commit.
// Run: bash scripts/with-postgres.sh npx tsx bench/audit-append.bench.ts [writers] [writes each]
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, countPending, recordAudit } from '../src/server/platform/audit.ts';
import { AuditSealer } from '../src/server/platform/audit-sealer.ts';
import { verifyAuditChain } from '../src/server/platform/audit-verify.ts';
import { openPostgres, type Queryable } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { testAuditKeys } from '../src/server/testing/audit.ts';

const writers = Number(process.argv[2] ?? 16);
const each = Number(process.argv[3] ?? 100);
const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('set TEST_DATABASE_URL (bash scripts/with-postgres.sh …) or DATABASE_URL');

const admin = openPostgres(url, 1);
const name = `chibo_bench_audit_${Date.now()}`;
await admin.query(`CREATE DATABASE ${name}`);
await admin.close();
const target = new URL(url);
target.pathname = `/${name}`;
const db = openPostgres(target.toString(), writers + 2);
await migrate(db);
await db.query('CREATE TABLE bench_row (id int PRIMARY KEY, n int NOT NULL)');
await db.query('INSERT INTO bench_row SELECT g, 0 FROM generate_series(1, $1) g', [writers]);

/** The append of migration 0001, kept here to measure against: lock the head, chain, insert, move the head. */
async function lockedAppend(tx: Queryable, chain: string, after: unknown) {
  await tx.query(
    `INSERT INTO audit_head (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`,
    [chain, '0'.repeat(64)],
  );
  const [head] = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE chain = $1 FOR UPDATE',
    [chain],
  );
  const seq = Number(head!.seq) + 1;
  const at = new Date().toISOString();
  const row = {
    chain,
    seq,
    at,
    actorAccountId: null,
    action: 'bench.write',
    entity: 'bench',
    entityId: null,
  };
  const hash = createHash('sha256')
    .update(canonicalJson({ ...row, before: null, after, ip: null, prevHash: head!.hash }))
    .digest('hex');
  await tx.query(
    `INSERT INTO audit_log (chain, seq, at, action, entity, after, prev_hash, hash) VALUES ($1,$2,$3,'bench.write','bench',$4,$5,$6)`,
    [chain, seq, at, canonicalJson(after), head!.hash, hash],
  );
  await tx.query('UPDATE audit_head SET seq = $2, hash = $3 WHERE chain = $1', [chain, seq, hash]);
}

async function run(label: string, append: (tx: Queryable, chain: string, after: unknown) => Promise<void>) {
  const chain = randomUUID();
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) {
        const t = performance.now();
        await db.transaction(async (tx) => {
          await tx.query('UPDATE bench_row SET n = n + 1 WHERE id = $1', [w + 1]);
          await append(tx, chain, { writer: w, i });
          await tx.query('SELECT n FROM bench_row WHERE id = $1', [w + 1]);
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  const total = writers * each;
  console.log(
    `${label}: ${total} writes by ${writers} writers in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)}/s; ` +
      `latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
  );
}

await run('before (head lock, migration 0001)', lockedAppend);

const sealer = new AuditSealer(db, testAuditKeys, { checkpointFile: null });
await sealer.start();
await run('after (pending + background sealer, ADR 009)', (tx, chain, after) =>
  recordAudit(tx, {
    chain,
    actorAccountId: null,
    action: 'bench.write',
    entity: 'bench',
    entityId: null,
    after,
  }),
);
const left = await countPending(db);
const drainStart = performance.now();
await sealer.stop();
console.log(
  `pending when the writes ended: ${left}; sealed at stop in ${(performance.now() - drainStart).toFixed(0)} ms`,
);
const verified = await verifyAuditChain(db, {
  keys: testAuditKeys,
  checkpoints: { present: true, checkpoints: sealer.written, problems: [] },
});
console.log(
  `verified: ${verified.ok} (${verified.rows} rows, ${verified.keyedRows} keyed, ${verified.chains} chains)`,
);

await db.close();
const cleanup = openPostgres(url, 1);
await cleanup.query(`DROP DATABASE ${name}`);
await cleanup.close();
