// Applies the forward-only SQL files in migrations/ in name order, each in its own transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './db.ts';
import { projectRoot } from './paths.ts';

export const migrationsDir = join(projectRoot, 'migrations');

export async function migrate(db: Database, dir = migrationsDir): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  // One read of what is applied: on existing data start-up needs nothing else from here.
  const done = new Set(
    (await db.query<{ version: string }>('SELECT version FROM schema_migration')).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      // Serialises concurrent app processes starting against one server; the loser re-checks and skips.
      await tx.query('LOCK TABLE schema_migration IN EXCLUSIVE MODE');
      const again = await tx.query('SELECT 1 FROM schema_migration WHERE version = $1', [file]);
      if (again.length > 0) return;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migration (version) VALUES ($1)', [file]);
    });
    applied.push(file);
  }
  return applied;
}
