// One database interface for embedded PGlite and a PostgreSQL server, so services never know which runs.
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A transaction; `exec` runs a multi-statement script (migrations). */
export interface Tx extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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

export function wrapPglite(db: PGlite): Database & { raw: PGlite } {
  return {
    kind: 'pglite',
    raw: db,
    async query<T>(sql: string, params?: unknown[]) {
      const r = await db.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            const r = await tx.query<R>(sql, params as unknown[]);
            return r.rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      await db.close();
    },
  };
}

pg.types.setTypeParser(DATE_OID, identity);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

export function openPostgres(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max });
  return {
    kind: 'postgresql',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params as unknown[]);
      return r.rows as T[];
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            const r = await client.query(sql, params as unknown[]);
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
    async close() {
      await pool.end();
    },
  };
}

/** Answers when the database does (the health check). */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** Fresh planner statistics after a bulk load (PGlite runs no autovacuum). */
export async function analyze(db: Queryable): Promise<void> {
  await db.query('ANALYZE');
}
