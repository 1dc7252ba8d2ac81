// Starts Chi bộ số: opens the database (embedded PGlite in DATA_DIR, or DATABASE_URL), migrates, seeds, listens.
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createDemoData, demoAccounts, demoPassword, hasData } from './demo/demo-data.ts';
import { failInterruptedImports } from './features/roster-import/roster-import.service.ts';
import { sendTaskReminders } from './features/tasks/tasks.service.ts';
import { auditPaths } from './platform/audit-keys.ts';
import { AuditSealer } from './platform/audit-sealer.ts';
import { openAuditKeys } from './platform/audit-verify.ts';
import { loadConfig } from './platform/config.ts';
import { analyze, type Database, openPglite, openPostgres } from './platform/db.ts';
import { logger } from './platform/logger.ts';
import { migrate } from './platform/migrate.ts';
import { stopHeavyWork } from './platform/worker-pool.ts';

const started = Date.now();
const config = loadConfig();

let db: Database;
if (config.DATABASE_URL) {
  const replica = config.DATABASE_REPLICA_URL;
  db = openPostgres(config.DATABASE_URL, 10, replica ? { url: replica } : undefined);
} else {
  mkdirSync(config.DATA_DIR, { recursive: true });
  db = await openPglite(config.DATA_DIR);
}
const applied = await migrate(db);
if (applied.length > 0) logger.info('migrations applied', { applied });

// The audit log's key (created on first start) and its sealer (ADR 009); a missing or wrong key stops here.
const audit = auditPaths(config);
let sealer: AuditSealer;
try {
  const { keys, created } = await openAuditKeys(db, audit);
  if (created) logger.info('audit key created', { file: audit.keyFile, keyId: keys.keyId });
  sealer = new AuditSealer(db, keys, {
    checkpointFile: audit.checkpointFile,
    onError: (e) => logger.error('audit sealing failed', { error: String(e) }),
  });
  await sealer.start();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  await db.close();
  process.exit(1);
}

let seeded = false;
if (config.DEMO_DATA === 'on' && !(await hasData(db))) {
  console.log(`Tạo dữ liệu mẫu (${config.DEMO_MEMBERS} đảng viên)…`);
  const summary = await createDemoData(db, { seed: config.DEMO_SEED, members: config.DEMO_MEMBERS });
  seeded = true;
  // Fresh statistics let the planner pick hash joins over the new rows (PGlite runs no autovacuum).
  await analyze(db);
  logger.info('demo data created', { ...summary });
}
// An import interrupted by a restart cannot resume: say so instead of leaving it "in progress" forever.
await failInterruptedImports(db);

// Task reminders (before and after deadlines) once at start and then hourly; idempotent per task and kind.
async function remind() {
  try {
    const { sent } = await sendTaskReminders(db);
    if (sent) logger.info('task reminders sent', { sent });
  } catch (e) {
    logger.error('task reminders failed', { error: String(e) });
  }
}
void remind();
const reminderTimer = setInterval(remind, 3600_000);
reminderTimer.unref();

const app = createApp(db, config);
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const url = `http://${config.HOST}:${info.port}`;
  console.log(`Chi bộ số đang chạy tại ${url} (${db.kind}, sẵn sàng sau ${Date.now() - started} ms)`);
  if (config.DEMO_DATA === 'on') {
    console.log(`Tài khoản mẫu${seeded ? ' (vừa tạo)' : ''}, mật khẩu chung: ${demoPassword}`);
    for (const a of demoAccounts)
      console.log(`  ${a.identifier.padEnd(12)} ${a.role} — ${a.organizationName}`);
  }
});

// An idle keep-alive connection is closed after 65 s, not Node's 5 s: a client that reuses a connection the
// server is closing at that moment gets ECONNRESET (seen from scripted clients on a busy machine).
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  clearInterval(reminderTimer);
  server.close();
  await sealer.stop().catch((e) => logger.error('audit sealing at shutdown failed', { error: String(e) }));
  await stopHeavyWork();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
