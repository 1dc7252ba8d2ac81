// The one-time start-up work of a database: migrations, the audit key (created on first start) and the demo
// data (on an empty database). Done once before the server processes start (by the cluster's primary, or by the
// one process), and serialised across machines by the database's start-up lock.
import {
  ensureComingYear,
  rebuildIfNeverBuilt,
  rebuildRollupsIfNeverBuilt,
} from '../features/summaries/summaries.service.ts';
import { mkdirSync } from 'node:fs';
import { auditPaths } from '../platform/audit-keys.ts';
import { openAuditKeys } from '../platform/audit-verify.ts';
import type { Config } from '../platform/config.ts';
import { analyze, type Database, openPglite, openPostgres } from '../platform/db.ts';
import { withStartupLock } from '../platform/jobs.ts';
import { logger } from '../platform/logger.ts';
import { migrate } from '../platform/migrate.ts';

/** Opens the configured database: DATABASE_URL, or the embedded one in DATA_DIR. */
export async function openDatabase(config: Config, poolSize?: number): Promise<Database> {
  if (config.DATABASE_URL) {
    const replica = config.DATABASE_REPLICA_URL;
    return openPostgres(config.DATABASE_URL, poolSize, replica ? { url: replica } : undefined);
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openPglite(config.DATA_DIR);
}

/** Migrates, makes sure the audit key exists (ADR 009) and seeds the demo data if asked; true when it seeded. */
export async function prepareDatabase(db: Database, config: Config): Promise<{ seeded: boolean }> {
  return withStartupLock(db, async () => {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info('migrations applied', { applied });
    const audit = auditPaths(config);
    const { keys, created } = await openAuditKeys(db, audit);
    if (created) logger.info('audit key created', { file: audit.keyFile, keyId: keys.keyId });
    const seeded = config.DEMO_DATA === 'on' && (await seedDemoIfEmpty(db, config));
    // A database upgraded to the read summaries (migration 0012) computes them once; the writes keep them after.
    const rebuilt = await rebuildIfNeverBuilt(db);
    if (rebuilt) {
      await analyze(db);
      logger.info('read summaries computed', rebuilt);
    }
    // A database upgraded to the rollups (migration 0016) adds them up once from the cells' summaries.
    const rolled = rebuilt ? null : await rebuildRollupsIfNeverBuilt(db);
    if (rolled) logger.info('summary rollups computed', rolled);
    // The coming year's summary rows, if the new-year job has not made them yet (a server stopped in December).
    const coming = await ensureComingYear(db);
    if (coming.cells > 0) logger.info('summaries of the coming year created', coming);
    return { seeded };
  });
}

/** Writes the demo data into an empty database; true when it did. */
async function seedDemoIfEmpty(db: Database, config: Config): Promise<boolean> {
  // The generator is large: loaded only when the database is empty.
  const { hasData, createDemoData } = await import('../demo/demo-data.ts');
  if (await hasData(db)) return false;
  console.log(`Tạo dữ liệu mẫu (${config.DEMO_MEMBERS} đảng viên)…`);
  const summary = await createDemoData(db, { seed: config.DEMO_SEED, members: config.DEMO_MEMBERS });
  // Fresh statistics let the planner pick hash joins over the new rows (PGlite runs no autovacuum).
  await analyze(db);
  logger.info('demo data created', { ...summary });
  return true;
}

/** The demo accounts, printed with the address when the demo data is on. */
export async function printDemoAccounts(seeded: boolean): Promise<void> {
  const { demoAccounts, demoPassword } = await import('../demo/demo-data.ts');
  console.log(`Tài khoản mẫu${seeded ? ' (vừa tạo)' : ''}, mật khẩu chung: ${demoPassword}`);
  for (const a of demoAccounts) console.log(`  ${a.identifier.padEnd(12)} ${a.role} — ${a.organizationName}`);
}
