// One database interface for embedded PGlite and a PostgreSQL server, so services never know which runs.
import { parse as pgliteResults, PGlite, protocol } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { logger } from './logger.ts';

export interface Queryable {
  /**
   * Runs one statement. With a `name` (see `prepared`), the database parses it once per connection (PostgreSQL: pg's
   * named statements; PGlite: its one connection's named statements, see `namedStatements`) and reuses its plan.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
}

/**
 * A statement of the hot path, prepared once per connection on PostgreSQL (pg's named statements): its text must be
 * fixed (no interpolation per call) and its name unique in the process. Lives in a repository like any SQL.
 */
export function prepared<T = Record<string, unknown>>(name: string, sql: string) {
  return (q: Queryable, params: unknown[]): Promise<T[]> => q.query<T>(sql, params, name);
}

/** A transaction; `exec` runs a multi-statement script (migrations). */
export interface Tx extends Queryable {
  exec(sql: string): Promise<void>;
}

/** What `listen` calls: each payload sent to the channel, and `reconnected` after a lost connection to it. */
export interface ChannelHandlers {
  message(payload: string): void;
  /** Called after the listening connection was lost and made again: notifications in between are lost. */
  reconnected?(): void;
}

/**
 * Where read-only work runs (ADR 012): the streaming replica when DATABASE_REPLICA_URL is set, otherwise the
 * primary itself. It has no transactions, and a write through it fails (a hot standby refuses it; in the tests
 * the reader is read-only even without a replica). Pages that must see their own writes use the Database.
 */
export interface Reader extends Queryable {
  /** 'replica' when the queries go to a streaming replica, 'primary' when they go to the primary. */
  readonly target: 'primary' | 'replica';
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Read-only work that may lag the primary by a moment: lists, dashboards, exports, record books (ADR 012). */
  readonly reader: Reader;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Receives what any process sends with `SELECT pg_notify(channel, payload)` (inside a transaction: on commit
   * only). On PostgreSQL one dedicated connection listens for the process and comes back after a loss. Resolves
   * to a function that stops listening.
   */
  listen(channel: string, handlers: ChannelHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Sends a payload (or several, each its own notification, in one statement) to every process listening on the
 * channel; inside a transaction, when it commits.
 */
export async function notify(
  q: Queryable,
  channel: string,
  payload: string | readonly string[],
): Promise<void> {
  if (typeof payload === 'string') await q.query('SELECT pg_notify($1, $2)', [channel, payload]);
  else if (payload.length > 0)
    await q.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [channel, payload]);
}

// Dates stay 'YYYY-MM-DD' strings (no time-zone drift); 8-byte integers become numbers (counts, ids of logs).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const identity = (v: string) => v;

export const pgliteExtensions = { ltree, pg_trgm, btree_gin };

export async function openPglite(dataDir?: string, loadDataDir?: Blob | File): Promise<Database> {
  const db = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: pgliteExtensions,
    parsers: {
      [DATE_OID]: identity,
      [INT8_OID]: (v: string) => Number(v),
      [NUMERIC_OID]: (v: string) => Number(v),
    },
  });
  return wrapPglite(db);
}

/**
 * Named statements on PGlite's one connection, through its wire protocol (what `db.query` does with an unnamed
 * statement): parsed once (Parse, Describe), then bound and executed by name, so that PostgreSQL plans them as it
 * does a prepared statement (a generic plan once it is as cheap as the custom ones) instead of planning them on every
 * call. In the embedded database planning is most of a small query's time (a four-join lookup: 20 ms to plan,
 * 0.3 ms to run). `inTransaction` says whether the caller already holds PGlite's transaction lock.
 */
function namedStatements(db: PGlite) {
  const { serialize } = protocol;
  const parsed = new Map<string, number[]>();
  const send = (message: Uint8Array) => db.execProtocolStream(message, { syncToFs: false });
  async function run<T>(name: string, sql: string, params: unknown[]): Promise<T[]> {
    const messages: Awaited<ReturnType<typeof send>> = [];
    try {
      let types = parsed.get(name);
      if (!types) {
        await send(serialize.parse({ name, text: sql }));
        const described = await send(serialize.describe({ type: 'S', name }));
        types = pgliteResults.parseDescribeStatementResults(described);
        parsed.set(name, types);
      }
      const values = params.map((v, i) => {
        if (v === null || v === undefined) return null;
        const serializer = db.serializers[types[i]!];
        return serializer ? serializer(v) : String(v);
      });
      messages.push(
        ...(await send(serialize.bind({ statement: name, values }))),
        ...(await send(serialize.describe({ type: 'P' }))),
        ...(await send(serialize.execute({}))),
      );
    } finally {
      messages.push(...(await send(serialize.sync())));
    }
    return (pgliteResults.parseResults(messages, db.parsers)[0]?.rows ?? []) as T[];
  }
  return async <T>(name: string, sql: string, params: unknown[], inTransaction: boolean) => {
    if (inTransaction) return db._runExclusiveQuery(() => run<T>(name, sql, params));
    return db._runExclusiveTransaction(async () => {
      const rows = await db._runExclusiveQuery(() => run<T>(name, sql, params));
      await db.syncToFs();
      return rows;
    });
  };
}

export function wrapPglite(db: PGlite): Database & { raw: PGlite } {
  const named = namedStatements(db);
  const query = async <T>(sql: string, params?: unknown[], name?: string) =>
    name ? named<T>(name, sql, params ?? [], false) : (await db.query<T>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    raw: db,
    reader: { target: 'primary', query },
    query,
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[], name?: string) {
            if (name) return named<R>(name, sql, params ?? [], true);
            const r = await tx.query<R>(sql, params as unknown[]);
            return r.rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async listen(channel: string, handlers: ChannelHandlers) {
      const stop = await db.listen(channel, (payload) => handlers.message(payload));
      return async () => {
        await stop();
      };
    },
    async close() {
      await db.close();
    },
  };
}

pg.types.setTypeParser(DATE_OID, identity);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

/** A second pool for read-only work: a streaming replica's URL, or the primary's opened read-only (tests). */
export interface ReaderOptions {
  url: string;
  /** The reader's pool size (default: the primary's). */
  max?: number;
  /** Every connection refuses writes (default_transaction_read_only): a reader on the primary in the tests. */
  readOnly?: boolean;
}

/** Errors after which a replica's query is asked again of the primary: connection lost, recovery conflict. */
export function isReplicaUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err instanceof Error && /connect|terminat|timeout/i.test(err.message);
  return /^(08|57P0[1-4])/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '40001';
}

export function openPostgres(connectionString: string, max = 10, replica?: ReaderOptions): Database {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server closes (a restart, a terminated backend) must not crash the process: the pool
  // drops it and the next query opens another.
  pool.on('error', (err) => logger.warn('idle database connection lost', { error: String(err) }));
  const listener = new PgListener(connectionString);
  const statement = (sql: string, params?: unknown[], name?: string) =>
    name ? { name, text: sql, values: params } : { text: sql, values: params };
  const query = async <T>(sql: string, params?: unknown[], name?: string) =>
    (await pool.query(statement(sql, params, name))).rows as T[];
  const readerPool =
    replica &&
    new pg.Pool({
      connectionString: replica.url,
      max: replica.max ?? max,
      ...(replica.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    });
  // An idle replica connection that breaks must not crash the process: the next query opens another.
  readerPool?.on('error', () => undefined);
  let warned = false;
  const reader: Reader = !readerPool
    ? { target: 'primary', query }
    : {
        target: replica.readOnly ? 'primary' : 'replica',
        async query<T>(sql: string, params?: unknown[], name?: string) {
          try {
            return (await readerPool.query(statement(sql, params, name))).rows as T[];
          } catch (err) {
            // A replica that is down or cancelled the query for a recovery conflict: the primary answers.
            if (replica.readOnly || !isReplicaUnavailable(err)) throw err;
            if (!warned) {
              warned = true;
              logger.warn('read replica unavailable, reading from the primary', { error: String(err) });
              setTimeout(() => (warned = false), 60_000).unref();
            }
            return query<T>(sql, params, name);
          }
        },
      };
  return {
    kind: 'postgresql',
    reader,
    query,
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params?: unknown[], name?: string) {
            const r = await client.query(
              name ? { name, text: sql, values: params } : { text: sql, values: params },
            );
            return r.rows as R[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, handlers) => listener.listen(channel, handlers),
    async close() {
      await listener.close();
      await readerPool?.end();
      await pool.end();
    },
  };
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a channel name: ${name}`);
  return `"${name}"`;
};

/**
 * One connection per process that LISTENs on every channel asked for, opened on first use. When it fails it is
 * made again (after 1 s, then up to 10 s), LISTENs again, and tells each handler that it reconnected.
 */
class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<ChannelHandlers>>();
  private closed = false;
  private retryMs = 1000;

  constructor(private readonly connectionString: string) {}

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h.message(n.payload ?? '');
      });
      client.on('error', () => this.lost(client));
      client.on('end', () => this.lost(client));
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      this.client = client;
      this.retryMs = 1000;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    const again = () => {
      if (this.closed) return;
      this.connect().then(
        () => {
          for (const set of this.handlers.values()) for (const h of set) h.reconnected?.();
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(again, this.retryMs).unref();
        },
      );
    };
    setTimeout(again, this.retryMs).unref();
  }

  async listen(channel: string, handlers: ChannelHandlers): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handlers);
    const client = await this.connect();
    if (first && this.client === client) await client.query(`LISTEN ${quoteIdent(channel)}`);
    return async () => {
      set.delete(handlers);
      if (set.size > 0) return;
      this.handlers.delete(channel);
      await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
    };
  }

  async close() {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * The same database with a reader whose every query runs in a READ ONLY transaction: how the tests make a
 * write through the reader fail on the embedded database as it would on a hot standby (ADR 012).
 */
export function withReadOnlyReader<D extends Database>(db: D): D {
  const reader: Reader = {
    target: 'primary',
    query: <T>(sql: string, params?: unknown[]) =>
      db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        return tx.query<T>(sql, params);
      }),
  };
  return { ...db, reader };
}

/** Answers when the database does (the health check). */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** The database's size on disk, as PostgreSQL prints it ('9.5 GB'); null on PGlite. */
export async function databaseSize(db: Database): Promise<string | null> {
  if (db.kind !== 'postgresql') return null;
  const [row] = await db.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  return row?.size ?? null;
}

/** Fresh planner statistics after a bulk load (PGlite runs no autovacuum). */
export async function analyze(db: Queryable): Promise<void> {
  await db.query('ANALYZE');
}
