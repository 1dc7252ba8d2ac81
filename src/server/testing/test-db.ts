// A fresh, migrated database for each service-test file: a PGlite clone of a migrated snapshot, or,
// when TEST_DATABASE_URL is set, a PostgreSQL database created from a migrated template.
// Its reader (ADR 012) refuses writes: the same database on the streaming replica when
// TEST_DATABASE_REPLICA_URL is set (scripts/with-postgres-replica.sh), else the primary read-only.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type Database, openPglite, openPostgres, withReadOnlyReader } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';

export const snapshotFile = `${process.cwd()}/.tmp/pglite-golden.tar.gz`;
export const templateName = 'chibo_golden';

export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const { db, url } = await createPostgresTestDatabase(serverUrl);
    urls.set(db, url);
    return db;
  }
  if (existsSync(snapshotFile)) {
    const blob = new Blob([readFileSync(snapshotFile)]);
    const db = await openPglite(undefined, blob);
    await migrate(db); // no-op unless a migration was added after the snapshot
    return withReadOnlyReader(db);
  }
  const db = await openPglite();
  await migrate(db);
  return withReadOnlyReader(db);
}

/** The URL of database `name` on the replica, once CREATE DATABASE has been replayed there (at most 30 s). */
async function replicatedDatabase(replicaUrl: string, name: string): Promise<string> {
  const replica = openPostgres(replicaUrl, 1);
  try {
    for (let i = 0; ; i++) {
      const rows = await replica.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rows.length > 0) break;
      if (i >= 300) throw new Error(`database ${name} did not reach the replica within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await replica.close();
  }
  const url = new URL(replicaUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const urls = new WeakMap<Database, string>();

/**
 * What a second server process would see of a test database: on PostgreSQL a pool of its own (with its own
 * listening connection) to the same database, closed by the caller; on PGlite (one process only) the same database.
 */
export function secondProcessView(db: Database): { db: Database; close(): Promise<void> } {
  const url = urls.get(db);
  if (!url) return { db, close: async () => undefined };
  const other = openPostgres(url, 4);
  return { db: other, close: () => other.close() };
}

/** A PostgreSQL database from the migrated template, with its URL (for server processes started by a test). */
export async function createPostgresTestDatabase(serverUrl: string): Promise<{ db: Database; url: string }> {
  const admin = openPostgres(serverUrl, 1);
  const name = `chibo_t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The reader: the same database on the streaming replica when one runs (scripts/with-postgres-replica.sh), else
  // the primary opened read-only, so a write routed to the reader fails in every test (ADR 012).
  const replicaUrl = process.env.TEST_DATABASE_REPLICA_URL;
  const reader = replicaUrl
    ? { url: await replicatedDatabase(replicaUrl, name), max: 2 }
    : { url: url.toString(), max: 2, readOnly: true };
  const db = openPostgres(url.toString(), 4, reader);
  const close = db.close.bind(db);
  return {
    url: url.toString(),
    db: {
      ...db,
      async close() {
        await close();
        const again = openPostgres(serverUrl, 1);
        // Server processes a test started may still hold connections for a moment after they stopped.
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.close();
      },
    },
  };
}
