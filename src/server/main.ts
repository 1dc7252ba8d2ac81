// Starts Chi bộ số on the embedded database (PGlite in DATA_DIR) as one process, or on PostgreSQL
// (DATABASE_URL) as WORKERS processes sharing the port (default: one per core). See processes/.
import cluster from 'node:cluster';
import { loadConfig } from './platform/config.ts';
import { logger } from './platform/logger.ts';

const config = loadConfig();

/**
 * Opens the database while the server's modules load (start-up on existing data, issue 10.2): PGlite reads and
 * compiles its WebAssembly meanwhile. A failure is reported where the server process awaits it.
 */
function openEarly() {
  const opening = import('./processes/start-up.ts').then((m) => m.openDatabase(config));
  opening.catch(() => undefined);
  return opening;
}

if (cluster.isWorker) {
  // A worker loads its modules while the primary does the start-up work, and asks to be told when it is done.
  const prepared = new Promise<void>((resolve) =>
    process.on('message', (m: { type?: string }) => {
      if (m?.type === 'prepared') resolve();
    }),
  );
  process.send?.({ type: 'waiting' });
  const { runServerProcess } = await import('./processes/server-process.ts');
  await prepared;
  await runServerProcess(config, 'worker', openEarly());
} else if (config.DATABASE_URL && config.WORKERS > 1) {
  const { runPrimary } = await import('./processes/cluster.ts');
  await runPrimary(config);
} else {
  if (!config.DATABASE_URL && process.env.WORKERS && config.WORKERS > 1) {
    const note = `WORKERS=${config.WORKERS} bị bỏ qua: cơ sở dữ liệu nhúng (PGlite) chỉ chạy một tiến trình; đặt DATABASE_URL (PostgreSQL) để chạy nhiều tiến trình.`;
    console.warn(note);
    logger.warn('WORKERS ignored: the embedded database runs one process', { workers: config.WORKERS });
  }
  const opening = openEarly();
  const { runServerProcess } = await import('./processes/server-process.ts');
  await runServerProcess(config, 'single', opening);
}
