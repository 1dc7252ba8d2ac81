// Backup and restore round trips through the real commands (`npm run backup`, `npm run restore`): every table's
// rows, ordered by primary key and hashed here independently of the commands' own check, are the same after a
// restore into a fresh database; a non-empty target is refused unless --force. The embedded database always;
// PostgreSQL when TEST_DATABASE_URL is set (bash scripts/with-postgres.sh npx vitest run --project service …).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoData } from '../demo/demo-data.ts';
import { createTestDatabase, snapshotFile } from '../testing/test-db.ts';
import { restoreBackup } from './backup.ts';
import { type Database, openPglite, openPostgres, type Queryable } from './db.ts';
import { migrate } from './migrate.ts';

const work = mkdtempSync(join(tmpdir(), 'chibo-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** md5 of every table's rows in primary-key order (the test's own check, not the commands'). */
async function checksums(q: Queryable): Promise<Record<string, string>> {
  const tables = await q.query<{ name: string; pk: string | null }>(
    `SELECT c.relname AS name,
            (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const out: Record<string, string> = {};
  for (const t of tables) {
    const order = t.pk ?? 't::text';
    const [row] = await q.query<{ n: number; md5: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${order}), '')) AS md5
         FROM ${t.name} t`,
    );
    out[t.name] = `${row!.n}:${row!.md5}`;
  }
  return out;
}

function command(name: 'backup' | 'restore', args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync('node', ['--import', 'tsx', `src/server/cli/${name}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const filled = (q: Queryable, table: string) =>
  q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`).then((r) => r[0]!.n);

describe('backup and restore of the embedded database', () => {
  it(
    'round-trips every table and the key area, and refuses a non-empty data folder without --force',
    {
      timeout: 240_000,
    },
    async () => {
      const source = join(work, 'data');
      // The migrated snapshot of the test set-up when there is one (faster than migrating on disk).
      const db = existsSync(snapshotFile)
        ? await openPglite(source, new Blob([readFileSync(snapshotFile)]))
        : await openPglite(source);
      await migrate(db);
      await createDemoData(db, { seed: 7, members: 100, today: '2026-11-22' });
      const before = await checksums(db);
      await db.close();
      mkdirSync(join(source, 'keys', 'checkpoints'), { recursive: true });
      writeFileSync(join(source, 'keys', 'audit.key'), 'k1');
      writeFileSync(join(source, 'keys', 'checkpoints', '0001.json'), '{"head":"abc"}');
      expect(Object.keys(before).length).toBeGreaterThan(20);
      expect(Number(before.member!.split(':')[0])).toBeGreaterThan(0);

      const file = join(work, 'pglite.tar.gz');
      const made = command('backup', ['--out', file], { DATA_DIR: source });
      expect(made.out).toContain('Đã sao lưu cơ sở dữ liệu nhúng');
      expect(made.status).toBe(0);

      // Into a fresh data folder: identical tables and keys.
      const fresh = join(work, 'fresh');
      const restored = command('restore', [file], { DATA_DIR: fresh });
      expect(restored.out).toMatch(/Đã khôi phục .* \d+ bảng, \d+ dòng .*2 tệp khóa/);
      expect(restored.status).toBe(0);
      const again = await openPglite(fresh);
      expect(await checksums(again)).toEqual(before);
      await again.close();
      expect(readFileSync(join(fresh, 'keys', 'audit.key'), 'utf8')).toBe('k1');
      expect(readFileSync(join(fresh, 'keys', 'checkpoints', '0001.json'), 'utf8')).toBe('{"head":"abc"}');

      // A non-empty target is refused and left as it was.
      const changed = await openPglite(fresh);
      await changed.query(`UPDATE member SET full_name = full_name || ' (sửa)'`);
      const afterChange = await checksums(changed);
      await changed.close();
      await expect(restoreBackup({ dataDir: fresh }, file)).rejects.toThrow(/không trống/);
      const untouched = await openPglite(fresh);
      expect(await checksums(untouched)).toEqual(afterChange);
      await untouched.close();

      // With --force the backup replaces it, and the old folder is kept beside it.
      const forced = await restoreBackup({ dataDir: fresh }, file, { force: true });
      expect(forced.keptAside).toEqual([expect.stringMatching(/fresh\.before-restore-/)]);
      const replaced = await openPglite(fresh);
      expect(await checksums(replaced)).toEqual(before);
      await replaced.close();
      expect(readdirSync(work).filter((f) => f.startsWith('fresh.before-restore-'))).toHaveLength(1);
    },
  );

  it('says clearly what is wrong with a file that is not a backup, or a backup of the other kind', () => {
    const junk = join(work, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    const r = command('restore', [junk], { DATA_DIR: join(work, 'never') });
    expect(r.status).toBe(1);
    expect(r.out).toContain('không phải .tar.gz hoặc bị hỏng');
    expect(existsSync(join(work, 'never'))).toBe(false);
    const missing = command('restore', [], { DATA_DIR: join(work, 'never') });
    expect(missing.status).toBe(2);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('backup and restore on PostgreSQL', () => {
  const created: string[] = [];
  const admin = () => openPostgres(serverUrl!, 1);
  const urlOf = (name: string) => {
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  async function emptyDatabase(): Promise<string> {
    const name = `chibo_restore_${Math.random().toString(36).slice(2, 10)}`;
    const a = admin();
    await a.query(`CREATE DATABASE ${name}`);
    await a.close();
    created.push(name);
    return urlOf(name);
  }
  let source: Database | undefined;

  afterAll(async () => {
    await source?.close();
    const a = admin();
    for (const name of created) await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.close();
  });

  it(
    'round-trips every table, refuses a non-empty database without --force, and replaces it with --force',
    {
      timeout: 240_000,
    },
    async () => {
      source = await createTestDatabase();
      await createDemoData(source, { seed: 7, members: 100, today: '2026-11-22' });
      const before = await checksums(source);
      expect(await filled(source, 'member')).toBeGreaterThan(0);
      const [current] = await source.query<{ name: string }>(`SELECT current_database() AS name`);
      const url = urlOf(current!.name);
      const dataDir = join(work, 'pg-data'); // the key area's folder
      mkdirSync(join(dataDir, 'keys'), { recursive: true });
      writeFileSync(join(dataDir, 'keys', 'audit.key'), 'pg-key');

      const file = join(work, 'pg.tar.gz');
      const made = command('backup', ['--out', file], { DATABASE_URL: url, DATA_DIR: dataDir });
      expect(made.out).toContain('Đã sao lưu PostgreSQL');
      expect(made.status).toBe(0);

      const target = await emptyDatabase();
      const targetDir = join(work, 'pg-target');
      const restored = command('restore', [file], { DATABASE_URL: target, DATA_DIR: targetDir });
      expect(restored.out).toContain('Đã khôi phục');
      expect(restored.status).toBe(0);
      const db = openPostgres(target, 1);
      try {
        expect(await checksums(db)).toEqual(before);
        expect(readFileSync(join(targetDir, 'keys', 'audit.key'), 'utf8')).toBe('pg-key');

        await db.query(`UPDATE member SET full_name = full_name || ' (sửa)'`);
        await db.query(`DELETE FROM notification`);
        const changed = await checksums(db);
        const refused = command('restore', [file], { DATABASE_URL: target, DATA_DIR: targetDir });
        expect(refused.status).toBe(1);
        expect(refused.out).toContain('không trống');
        expect(await checksums(db)).toEqual(changed);

        const forced = command('restore', [file, '--force'], { DATABASE_URL: target, DATA_DIR: targetDir });
        expect(forced.out).toContain('Đã khôi phục');
        expect(forced.status).toBe(0);
        expect(await checksums(db)).toEqual(before);
      } finally {
        await db.close();
      }

      // A PostgreSQL backup does not go into an embedded data folder.
      const wrong = command('restore', [file], { DATA_DIR: join(work, 'pg-into-pglite') });
      expect(wrong.status).toBe(1);
      expect(wrong.out).toContain('Bản sao lưu này là của PostgreSQL');
    },
  );
});
