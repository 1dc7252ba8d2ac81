// What a backup records of the database to check a restore against: every table of the application's schema
// with its row count and an md5 over its rows in a fixed order.
import type { Queryable } from './db.ts';

export interface TableSum {
  rows: number;
  md5: string;
}

/** The application's tables (schema public), by name. */
export async function listTables(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Whether the database holds any table of its own (a restore refuses to write over one without --force). */
export async function hasTables(q: Queryable): Promise<boolean> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p')`,
  );
  return rows[0]!.n > 0;
}

/**
 * Row count and md5 of one table: each row's text form hashed, the hashes ordered (a fixed order without
 * knowing the primary key, and the same whatever order the rows are stored in) and hashed together.
 */
export async function tableSum(q: Queryable, table: string): Promise<TableSum> {
  const ident = `"${table.replace(/"/g, '""')}"`;
  const [row] = await q.query<{ rows: number; md5: string | null }>(
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS md5
       FROM (SELECT md5(t::text) AS h FROM ${ident} t) s`,
  );
  return { rows: row!.rows, md5: row!.md5 ?? '' };
}

/** Every table's sum, by table name. */
export async function tableSums(q: Queryable): Promise<Record<string, TableSum>> {
  const out: Record<string, TableSum> = {};
  for (const t of await listTables(q)) out[t] = await tableSum(q, t);
  return out;
}
