// Bulk loading for large demo presets: `COPY table (columns) FROM STDIN` through the installed `pg` client,
// without pg-copy-streams. A query object handed to `client.query()` may be any "submittable" (an object with
// `submit(connection)`); the client then forwards the protocol messages of that statement to it. This one
// answers the server's CopyInResponse with the rows as CopyData messages (text format) and CopyDone.
//
// The demo writers call `copyRows` when their transaction offers `copyIn` (the seed command's PostgreSQL
// transactions); everywhere else (PGlite, the app's own start-up seeding) they keep their INSERT statements.
import pg from 'pg';
import type { Database, Tx } from '../platform/db.ts';

/** A transaction that can also stream rows into a table with COPY. */
export interface CopyTx extends Tx {
  copyIn(table: string, columns: readonly string[], text: string): Promise<number>;
}

export function canCopy(tx: unknown): tx is CopyTx {
  return typeof (tx as Partial<CopyTx>).copyIn === 'function';
}

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const chunkBytes = 1 << 20;

/** One COPY … FROM STDIN statement as a pg submittable. */
class CopyFromStdin {
  private rowCount = 0;
  private error: unknown = null;
  readonly done: Promise<number>;
  private settle!: { resolve: (n: number) => void; reject: (e: unknown) => void };

  constructor(
    private readonly text: string,
    private readonly data: string,
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    const bytes = Buffer.from(this.data, 'utf8');
    for (let at = 0; at < bytes.length; at += chunkBytes) {
      connection.sendCopyFromChunk(bytes.subarray(at, at + chunkBytes));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const n = /COPY (\d+)/.exec(msg.text ?? '');
    if (n) this.rowCount = Number(n[1]);
  }

  handleError(err: unknown): void {
    this.error = err;
    // After an error the server still sends ReadyForQuery, but the client forgets this query first.
    this.settle.reject(err);
  }

  handleReadyForQuery(): void {
    if (this.error === null) this.settle.resolve(this.rowCount);
  }

  handleCopyData(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return name;
};

/** Runs one COPY on the client with rows already encoded by `encodeCopyRow`. */
export function copyIn(client: pg.ClientBase, table: string, columns: readonly string[], text: string) {
  const sql = `COPY ${ident(table)} (${columns.map(ident).join(',')}) FROM STDIN`;
  const q = new CopyFromStdin(sql, text);
  void client.query(q as unknown as pg.QueryConfig);
  return q.done;
}

/**
 * One value in COPY's text format. Instants of `timestamptz` columns arrive as epoch milliseconds (the demo
 * writers' convention); objects are JSON; strings escape backslash, tab, newline and carriage return.
 */
export function encodeCopyValue(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '\\N';
  if (type === 'timestamptz' && typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** Copies rows held column-wise (`data[column][row]`), `rows` of them, in chunks. */
export async function copyColumns(
  tx: CopyTx,
  table: string,
  columns: ReadonlyArray<readonly [string, string]>,
  data: readonly unknown[][],
  rows: number,
  chunk = 20_000,
): Promise<void> {
  const names = columns.map(([n]) => n);
  for (let from = 0; from < rows; from += chunk) {
    const to = Math.min(rows, from + chunk);
    const lines: string[] = [];
    for (let r = from; r < to; r++) {
      const cells: string[] = [];
      for (let c = 0; c < columns.length; c++) cells.push(encodeCopyValue(data[c]![r], columns[c]![1]));
      lines.push(cells.join('\t'));
    }
    await tx.copyIn(table, names, lines.join('\n') + '\n');
  }
}

/** Copies rows held row-wise (`values` flat, `width` per row). */
export async function copyFlat(
  tx: CopyTx,
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
): Promise<void> {
  const width = columns.length;
  const lines: string[] = [];
  for (let at = 0; at < values.length; at += width) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(encodeCopyValue(values[at + c]));
    lines.push(cells.join('\t'));
  }
  if (lines.length > 0) await tx.copyIn(table, columns, lines.join('\n') + '\n');
}

/** One PostgreSQL connection whose transactions can COPY (the pool's cannot: it hides its clients). */
export async function openCopyingPostgres(url: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params as unknown[])).rows as T[];
  return {
    kind: 'postgresql',
    query,
    reader: { target: 'primary', query },
    async transaction<T>(fn: (tx: CopyTx) => Promise<T>) {
      await client.query('BEGIN');
      try {
        const result = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            return (await client.query(sql, params as unknown[])).rows as R[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
          copyIn: (table, columns, text) => copyIn(client, table, columns, text),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    listen() {
      throw new Error('seed: no notifications on the loading connection');
    },
    async close() {
      await client.end();
    },
  };
}
