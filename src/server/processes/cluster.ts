// The cluster's primary (WORKERS > 1 on PostgreSQL): does the start-up work once while its WORKERS server
// processes load their modules, then lets them serve, sharing one port (node:cluster hands connections
// round-robin); starts again a process that dies, and on SIGTERM or SIGINT stops them all cleanly before it
// stops. It serves nothing itself; nothing a server process does assumes it is alone (issue 10.2), so machines
// behind a load balancer work the same.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../platform/config.ts';
import { logger } from '../platform/logger.ts';
import { sinceStart } from './server-process.ts';
import { openDatabase, prepareDatabase, printDemoAccounts } from './start-up.ts';

/** A process that dies this soon after starting waits longer before the next try (up to maxBackoffMs). */
const quickDeathMs = 10_000;
const maxBackoffMs = 30_000;
/** How long stopping processes get before they are killed. */
const stopTimeoutMs = 30_000;

export async function runPrimary(config: Config): Promise<void> {
  const count = config.WORKERS;
  let stopping = false;
  /** Set once the start-up work is done: processes that asked before are told then, later ones at once. */
  let prepared = false;
  let seeded = false;
  const waiting = new Set<Worker>();
  let announced = false;
  const ready = new Set<number>();
  const startedAt = new Map<number, number>();
  let backoffMs = 1000;

  const fork = () => {
    // Each process sizes its pool of heavy-work threads by how many processes share the machine.
    const worker = cluster.fork({ CHIBO_SERVER_PROCESSES: String(count) });
    startedAt.set(worker.id, Date.now());
    worker.on('message', (m: { type?: string; ms?: number }) => {
      if (m?.type === 'waiting') {
        if (prepared) worker.send({ type: 'prepared' });
        else waiting.add(worker);
        return;
      }
      if (m?.type !== 'ready') return;
      ready.add(worker.id);
      if (announced) {
        logger.info('server process restarted', { pid: worker.process.pid });
        return;
      }
      if (ready.size < count) return;
      announced = true;
      const url = `http://${config.HOST}:${config.PORT}`;
      console.log(
        `Chi bộ số đang chạy tại ${url} (postgresql, ${count} tiến trình, sẵn sàng sau ${sinceStart()} ms)`,
      );
      if (config.DEMO_DATA === 'on') void printDemoAccounts(seeded);
    });
  };

  cluster.on('exit', (worker: Worker, code, signal) => {
    ready.delete(worker.id);
    waiting.delete(worker);
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    backoffMs = lived < quickDeathMs ? Math.min(backoffMs * 2, maxBackoffMs) : 1000;
    logger.error('server process stopped; starting another', {
      pid: worker.process.pid,
      code,
      signal,
      inMs: backoffMs,
    });
    setTimeout(() => {
      if (!stopping) fork();
    }, backoffMs);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping server processes', { signal });
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(0);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, stopTimeoutMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // The processes load their modules while the start-up work runs here; they open the database after it.
  for (let i = 0; i < count; i++) fork();
  const db = await openDatabase(config, 4);
  try {
    ({ seeded } = await prepareDatabase(db, config));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    await db.close().catch(() => undefined);
    process.exit(1);
  }
  await db.close().catch(() => undefined);
  prepared = true;
  for (const w of waiting) if (w.isConnected()) w.send({ type: 'prepared' });
  waiting.clear();
}
