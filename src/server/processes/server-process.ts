// One server process: opens the database, runs its share of the background work (the audit sealer, the sweep
// of jobs whose process died, the task reminders when this process claims them) and serves HTTP. Alone, it
// first does the start-up work itself; as a worker of the cluster, the primary has done it.
import { serve } from '@hono/node-server';
import { createApp } from '../app.ts';
import { failInterruptedImports } from '../features/roster-import/roster-import.service.ts';
import { failInterruptedRescores } from '../features/scoring/rescore.ts';
import { ensureComingYear } from '../features/summaries/summaries.service.ts';
import { sendTaskReminders } from '../features/tasks/tasks.service.ts';
import { auditPaths } from '../platform/audit-keys.ts';
import { AuditSealer } from '../platform/audit-sealer.ts';
import { openAuditKeys } from '../platform/audit-verify.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';
import { schedulePeriodicJob, staleAfterMs } from '../platform/jobs.ts';
import { logger } from '../platform/logger.ts';
import { stopHeavyWork } from '../platform/worker-pool.ts';
import { openDatabase, prepareDatabase, printDemoAccounts } from './start-up.ts';

/** Milliseconds since this process started (Node's time origin). */
export const sinceStart = () => Math.round(performance.now());

/** Jobs left running by a process that stopped: failed, saying so (each job's own sweep knows which). */
async function sweepInterruptedJobs(db: Database) {
  try {
    const imports = await failInterruptedImports(db);
    const rescores = await failInterruptedRescores(db);
    if (imports || rescores) logger.warn('interrupted jobs failed', { imports, rescores });
  } catch (e) {
    logger.error('sweeping interrupted jobs failed', { error: String(e) });
  }
}

/** Runs the server on the database `opening` opens (started before this module loaded, see main.ts). */
export async function runServerProcess(
  config: Config,
  role: 'single' | 'worker',
  opening: Promise<Database> = openDatabase(config),
): Promise<void> {
  const step = (name: string) => logger.debug('start-up step done', { step: name, ms: sinceStart() });
  step('modules loaded');
  const db = await opening;
  step('database open');
  let seeded = false;
  let sealer: AuditSealer;
  try {
    if (role === 'single') ({ seeded } = await prepareDatabase(db, config));
    step('start-up work');
    // The audit log's key (the start-up work created it on first start) and its sealer (ADR 009): every
    // process runs one, the database lets one seal at a time. A missing or wrong key stops here.
    const audit = auditPaths(config);
    const { keys } = await openAuditKeys(db, audit);
    sealer = new AuditSealer(db, keys, {
      checkpointFile: audit.checkpointFile,
      onError: (e) => logger.error('audit sealing failed', { error: String(e) }),
    });
    await sealer.start();
    step('audit sealer');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    await db.close();
    process.exit(1);
  }

  // Jobs of a process that died cannot resume: the embedded database (one process) fails them all now; on
  // PostgreSQL every process sweeps for jobs whose owner stopped beating, now and then.
  void sweepInterruptedJobs(db);
  const sweepTimer =
    db.kind === 'postgresql' ? setInterval(() => void sweepInterruptedJobs(db), staleAfterMs) : null;
  sweepTimer?.unref();

  // Task reminders (before and after deadlines) hourly, by whichever process claims the hour; idempotent per
  // task and kind besides. The first look waits a moment: the first requests should not queue behind it.
  const stopReminders = schedulePeriodicJob(
    db,
    'task-reminders',
    { everyMs: 3600_000, checkMs: 300_000, firstAfterMs: 5_000 },
    async () => {
      const { sent } = await sendTaskReminders(db);
      if (sent) logger.info('task reminders sent', { sent });
    },
  );

  // The coming year's summary rows, made ahead of time once a day by whichever process claims the day (a cheap
  // read once the year is done); start-up has caught up already.
  const stopComingYear = schedulePeriodicJob(
    db,
    'summaries-coming-year',
    { everyMs: 86_400_000, checkMs: 3600_000, firstAfterMs: 60_000 },
    async () => {
      const r = await ensureComingYear(db);
      if (r.cells) logger.info('summaries of the coming year created', r);
    },
  );

  const app = createApp(db, config);
  // One request through the whole stack before listening (the router compiles its matcher on the first one,
  // the database answers): "ready" then means the first visitor is served at full speed.
  await app.request('/api/health');
  step('routes');
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const ms = sinceStart();
    if (role === 'worker') {
      logger.info('server process ready', { pid: process.pid, port: info.port, ms });
      process.send?.({ type: 'ready', ms });
      return;
    }
    const url = `http://${config.HOST}:${info.port}`;
    console.log(`Chi bộ số đang chạy tại ${url} (${db.kind}, 1 tiến trình, sẵn sàng sau ${ms} ms)`);
    if (config.DEMO_DATA === 'on') void printDemoAccounts(seeded);
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
    stopReminders();
    stopComingYear();
    if (sweepTimer) clearInterval(sweepTimer);
    server.close();
    await sealer.stop().catch((e) => logger.error('audit sealing at shutdown failed', { error: String(e) }));
    await stopHeavyWork();
    await db.close();
    process.exit(0);
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
