// Background work shared by every server process of one database (issue 10.2): several processes on one
// machine (WORKERS) or several machines may run the same code, so a job runs once wherever it starts.
// - A periodic job (task reminders) is claimed for its period in `scheduled_job`: one atomic upsert, the
//   first process to ask wins, the others skip until the period has passed.
// - A long job (a roster import, a re-score) is owned by the process that runs it, which keeps a heartbeat on
//   its row; a job whose heartbeat stopped (its process died) is failed by whichever process sweeps next.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database, Queryable } from './db.ts';
import { logger } from './logger.ts';

/** This process, as the owner of the jobs it runs: host, pid and a random part (a pid is reused). */
export const processOwner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** How often a running job's heartbeat is written, and after how long without one it counts as dead. */
export const heartbeatMs = 10_000;
export const staleAfterMs = 45_000;

/**
 * Claims the periodic job `name` for this process if nobody started it within `everyMs`; true when this
 * process should run it now. Atomic on PostgreSQL and PGlite alike (INSERT … ON CONFLICT DO UPDATE … WHERE).
 */
export async function claimPeriodicJob(q: Queryable, name: string, everyMs: number): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO scheduled_job AS j (name, last_started_at, last_owner, runs) VALUES ($1, now(), $2, 1)
     ON CONFLICT (name) DO UPDATE SET last_started_at = now(), last_owner = $2, runs = j.runs + 1
      WHERE j.last_started_at <= now() - make_interval(secs => $3::float8 / 1000)
     RETURNING name`,
    [name, processOwner, everyMs],
  );
  return rows.length > 0;
}

/**
 * Runs `job` after `firstAfterMs` and then every `checkMs`, in the process that claims each period of `everyMs`
 * (at most once per period across every process of the database). Returns the function that stops it.
 */
export function schedulePeriodicJob(
  q: Queryable,
  name: string,
  opts: { everyMs: number; checkMs: number; firstAfterMs?: number },
  job: () => Promise<void>,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const claimed = await claimPeriodicJob(q, name, opts.everyMs);
      logger.debug(claimed ? 'periodic job claimed' : 'periodic job ran elsewhere', {
        job: name,
        owner: processOwner,
      });
      if (claimed) await job();
    } catch (e) {
      logger.error('scheduled job failed', { job: name, error: String(e) });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), opts.firstAfterMs ?? 0);
  first.unref();
  const timer = setInterval(() => void tick(), opts.checkMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * Calls `beat` every heartbeatMs until stopped; one at a time (a beat waiting on a row lock does not pile up
 * connections), errors logged (a missed beat is retried at the next one).
 */
export function keepBeating(name: string, beat: () => Promise<void>): () => void {
  let pending = false;
  const timer = setInterval(() => {
    if (pending) return;
    pending = true;
    beat()
      .catch((e: unknown) => logger.warn('job heartbeat failed', { job: name, error: String(e) }))
      .finally(() => (pending = false));
  }, heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Start-up work (migrations, audit key, demo data) serialised across every process and machine of a database. */
const startupLockKey = 0x63686962; // 'chib'

/**
 * Runs `fn` while holding the database's start-up lock, so that processes starting together do it one after
 * another (the later ones find it done). On PostgreSQL a transaction holds an advisory lock while `fn` uses
 * the pool's other connections; the embedded database has one process and needs none.
 */
export async function withStartupLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== 'postgresql') return fn();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [startupLockKey]);
    return fn();
  });
}
