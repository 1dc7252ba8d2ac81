// Heavy work off the server's only thread: rendering documents (pdfmake, docx) and reading and writing
// spreadsheets (exceljs, papaparse) run in a pool of worker threads (tinypool), so that /api/health, lists and
// the live meeting room keep answering while a minutes book renders.
//
// - The data is read from the database on the request path as before; only plain data crosses to a worker and
//   plain data or the file's bytes come back (platform/heavy-worker.ts names the jobs).
// - Size: one thread per core but one (the server's own thread keeps a core), at least one.
// - Per account at most `perAccount` jobs at a time, running or waiting. One more is refused at once with a 429
//   (`request.heavy_per_account`) instead of queued: the member waits for a file they asked for anyway, and a
//   burst of clicks cannot fill the queue. Within the limit jobs wait in one first-in-first-out queue, so no
//   account holds more than `perAccount` places ahead of anyone else. A full queue (`maxQueue`) is a 429 too
//   (`request.heavy_queue_full`).
// - The pool is created on first use and stopped with the server (stopHeavyWork).
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { message } from '../../messages/index.ts';
import { AppError } from './errors.ts';
import type { HeavyJob, HeavyJobs } from './heavy-worker.ts';

export interface HeavyPoolOptions {
  /** Worker threads; default: cores − 1 shared by the server processes of the machine, at least 1. */
  threads?: number;
  /** Jobs one account may have running or waiting; default 2. */
  perAccount?: number;
  /** Jobs waiting for a thread, all accounts together; default 64. */
  maxQueue?: number;
}

type InputOf<J extends HeavyJob> = Parameters<HeavyJobs[J]>[0];
type OutputOf<J extends HeavyJob> = Awaited<ReturnType<HeavyJobs[J]>>;

/**
 * The worker entry: the bundle's heavy-worker.js next to main.js (dist/server), or, when this module runs as
 * TypeScript (tsx, vitest), the bootstrap that loads heavy-worker.ts through tsx.
 */
function workerEntry(): string {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './heavy-worker.dev.mjs' : './heavy-worker.js', here).href;
}

export class HeavyPool {
  readonly threads: number;
  readonly perAccount: number;
  private readonly pool: Tinypool;
  private readonly inFlight = new Map<string, number>();
  private stopped = false;

  constructor(options: HeavyPoolOptions = {}) {
    // The cluster's primary tells its server processes how many they are (processes/cluster.ts).
    const processes = Math.max(1, Number(process.env.CHIBO_SERVER_PROCESSES) || 1);
    this.threads = Math.max(1, options.threads ?? Math.floor((availableParallelism() - 1) / processes));
    this.perAccount = Math.max(1, options.perAccount ?? 2);
    this.pool = new Tinypool({
      filename: workerEntry(),
      minThreads: 0,
      maxThreads: this.threads,
      maxQueue: options.maxQueue ?? 64,
      // A thread that has loaded pdfmake and the fonts stays warm for a while, then gives its memory back.
      idleTimeout: 60_000,
    });
  }

  /** Jobs of an account running or waiting now. */
  running(owner: string): number {
    return this.inFlight.get(owner) ?? 0;
  }

  /**
   * Takes one of `owner`'s places, or refuses at once with a 429 when over a limit; the returned function gives
   * it back (once). run() holds a place for each job; a caller may hold one around work of its own.
   */
  reserve(owner: string): () => void {
    if (this.stopped) throw new AppError('too_busy', message('request.heavy_stopping'));
    const now = this.running(owner);
    if (now >= this.perAccount) {
      throw new AppError('too_busy', message('request.heavy_per_account', { limit: this.perAccount }));
    }
    if (this.pool.queueSize >= this.pool.options.maxQueue) {
      throw new AppError('too_busy', message('request.heavy_queue_full'));
    }
    this.inFlight.set(owner, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.running(owner) - 1;
      if (left > 0) this.inFlight.set(owner, left);
      else this.inFlight.delete(owner);
    };
  }

  /** Runs a job for `owner` (an account id), or refuses it at once with a 429 when over a limit. */
  async run<J extends HeavyJob>(owner: string, job: J, input: InputOf<J>): Promise<OutputOf<J>> {
    const release = this.reserve(owner);
    try {
      return (await this.pool.run({ job, input })) as OutputOf<J>;
    } finally {
      release();
    }
  }

  /** Stops the threads; jobs still waiting or running are refused. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pool.destroy();
  }
}

let shared: HeavyPool | null = null;

/** The process's pool, created on first use. */
export function heavyPool(): HeavyPool {
  shared ??= new HeavyPool();
  return shared;
}

/** Runs a heavy job in the process's pool, counted against `owner`'s limit (see the top of this file). */
export function runHeavy<J extends HeavyJob>(owner: string, job: J, input: InputOf<J>): Promise<OutputOf<J>> {
  return heavyPool().run(owner, job, input);
}

/** Stops the process's pool if it was started (server shutdown, tests). */
export async function stopHeavyWork(): Promise<void> {
  const pool = shared;
  shared = null;
  if (pool) await pool.stop();
}
