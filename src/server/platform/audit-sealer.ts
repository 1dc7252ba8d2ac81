// The audit sealer (ADR 009): a background loop of the server process that seals pending audit events into
// their chains in batches, woken shortly after writes and on an interval, and appends a signed checkpoint of
// every head it moves to the checkpoint file. Several processes may each run one; the database lets one seal.
import {
  appendCheckpoints,
  type AuditKeys,
  type Checkpoint,
  latestCheckpoints,
  readCheckpoints,
  signCheckpoint,
} from './audit-keys.ts';
import { chainHeads, onAuditAppended, sealPending } from './audit.ts';
import type { Database } from './db.ts';

export interface SealerOptions {
  /** Where checkpoints go; null keeps them in memory only (tests). */
  checkpointFile: string | null;
  batch?: number;
  /** Wait after a write before sealing, so one batch takes a burst of writes (and their commits). */
  debounceMs?: number;
  /** Sweep for events whose transaction committed after the wake-up that followed them. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export class AuditSealer {
  /** The highest checkpointed seq of each chain, so a head is signed once. */
  private readonly pinned = new Map<string, number>();
  /** The checkpoints, when there is no file to write them to. */
  readonly written: Checkpoint[] = [];
  private running: Promise<number> = Promise.resolve(0);
  private again = false;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly keys: AuditKeys,
    private readonly options: SealerOptions,
  ) {
    if (options.checkpointFile) {
      for (const [chain, c] of latestCheckpoints(readCheckpoints(options.checkpointFile, keys).checkpoints))
        this.pinned.set(chain, c.seq);
    }
  }

  /** Seals what is pending, pins heads not yet checkpointed (a crash after a seal), then runs in the background. */
  async start(): Promise<void> {
    await this.sealAll();
    this.pin(await chainHeads(this.db));
    this.unsubscribe = onAuditAppended(() => this.wake());
    this.interval = setInterval(
      () => void this.sealAll().catch(this.report),
      this.options.intervalMs ?? 2000,
    );
    this.interval.unref();
  }

  /** A write happened: seal soon. */
  wake(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sealAll().catch(this.report);
    }, this.options.debounceMs ?? 25);
    this.timer.unref();
  }

  /** Seals batches until nothing committed is pending; runs one at a time; returns how many it sealed. */
  sealAll(): Promise<number> {
    if (this.busy) {
      this.again = true;
      return this.running;
    }
    this.busy = true;
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const result = await sealPending(this.db, this.keys, this.options.batch ?? 500);
            if (result.busy) break; // another process is sealing; it signs what it seals
            total += result.sealed;
            this.pin(result.heads);
            if (result.sealed < (this.options.batch ?? 500)) break;
          }
        } while (this.again);
      } finally {
        this.busy = false;
      }
      return total;
    })();
    return this.running;
  }

  /** Stops the loop after sealing everything pending (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    await this.running.catch(() => 0);
    await this.sealAll();
  }

  private pin(heads: Array<{ chain: string; seq: number; hash: string }>): void {
    const fresh = heads
      .filter((h) => h.seq > (this.pinned.get(h.chain) ?? 0))
      .map((h) => signCheckpoint(this.keys, h));
    if (fresh.length === 0) return;
    if (this.options.checkpointFile) appendCheckpoints(this.options.checkpointFile, fresh);
    for (const c of fresh) this.pinned.set(c.chain, c.seq);
    if (!this.options.checkpointFile) this.written.push(...fresh);
  }

  private readonly report = (error: unknown) => this.options.onError?.(error);
}
