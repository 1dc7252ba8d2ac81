// COPY FROM STDIN without pg-copy-streams: the text encoding, the protocol on a real PostgreSQL (values that need
// escaping, errors that leave the connection usable), and the demo written with COPY equal, row for row, to the
// demo written with INSERT. The PostgreSQL parts run with TEST_DATABASE_URL (scripts/with-postgres.sh).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openPostgres } from '../platform/db.ts';
import { templateName } from '../testing/test-db.ts';
import { canCopy, encodeCopyValue, openCopyingPostgres } from './bulk-copy.ts';
import { createDemoData } from './demo-data.ts';

describe('encodeCopyValue', () => {
  it('writes nulls, booleans, numbers and instants in COPY text format', () => {
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue(undefined)).toBe('\\N');
    expect(encodeCopyValue(true)).toBe('t');
    expect(encodeCopyValue(false)).toBe('f');
    expect(encodeCopyValue(12.5)).toBe('12.5');
    expect(encodeCopyValue(Date.UTC(2026, 0, 3, 12), 'timestamptz')).toBe('2026-01-03T12:00:00.000Z');
    expect(encodeCopyValue(new Date(Date.UTC(2025, 6, 1)))).toBe('2025-07-01T00:00:00.000Z');
    expect(encodeCopyValue(1700000000000)).toBe('1700000000000');
  });

  it('escapes backslash, tab, newline and carriage return, and writes objects as JSON', () => {
    expect(encodeCopyValue('Chi bộ thôn Đông Hạ')).toBe('Chi bộ thôn Đông Hạ');
    expect(encodeCopyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(encodeCopyValue('\\N')).toBe('\\\\N');
    expect(encodeCopyValue({ note: 'x\ty' })).toBe('{"note":"x\\\\ty"}');
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
const made: string[] = [];

async function freshDatabase(): Promise<string> {
  const admin = openPostgres(serverUrl!, 1);
  const name = `chibo_copy_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  await admin.close();
  made.push(name);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  if (!serverUrl || made.length === 0) return;
  const admin = openPostgres(serverUrl, 1);
  for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.close();
});

describe.skipIf(!serverUrl)('COPY on PostgreSQL', () => {
  it('stores every value as written, and a failed COPY rolls back without breaking the connection', async () => {
    const db = await openCopyingPostgres(await freshDatabase());
    try {
      const awkward = ['Nguyễn Thị Thu Hà', 'tab\there', 'line\nbreak', 'back\\slash', '\\N', '', 'cr\rx'];
      await db.transaction(async (tx) => {
        expect(canCopy(tx)).toBe(true);
        if (!canCopy(tx)) return;
        await tx.query(
          'CREATE TABLE copy_probe (id int, label text, flag boolean, at timestamptz, doc jsonb)',
        );
        const text =
          awkward
            .map((label, i) =>
              [
                i,
                encodeCopyValue(label),
                encodeCopyValue(i % 2 === 0),
                encodeCopyValue(Date.UTC(2026, 11, 3, 12, i), 'timestamptz'),
                encodeCopyValue({ label }),
              ].join('\t'),
            )
            .join('\n') + '\n';
        expect(await tx.copyIn('copy_probe', ['id', 'label', 'flag', 'at', 'doc'], text)).toBe(
          awkward.length,
        );
        await tx.copyIn('copy_probe', ['id', 'label', 'flag', 'at', 'doc'], '99\t\\N\t\\N\t\\N\t\\N\n');
      });
      const rows = await db.query<{
        id: number;
        label: string | null;
        flag: boolean | null;
        at: Date | null;
      }>('SELECT id, label, flag, at, doc FROM copy_probe ORDER BY id');
      expect(rows.map((r) => r.label)).toEqual([...awkward, null]);
      expect(rows.map((r) => r.flag)).toEqual([true, false, true, false, true, false, true, null]);
      expect(rows[3]!.at?.toISOString()).toBe('2026-12-03T12:03:00.000Z');
      expect(rows.slice(0, -1).map((r) => (r as unknown as { doc: { label: string } }).doc.label)).toEqual(
        awkward,
      );

      await expect(
        db.transaction(async (tx) => {
          if (canCopy(tx)) await tx.copyIn('copy_probe', ['id', 'label'], '100\tok\nnot-a-number\tbad\n');
        }),
      ).rejects.toThrow(/invalid input syntax for type integer/);
      expect(await db.query('SELECT count(*)::int AS n FROM copy_probe')).toEqual([
        { n: awkward.length + 1 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('writes the same demo with COPY as with INSERT', async () => {
    const opts = { seed: 7, members: 300, today: '2026-12-05' };
    const copying = await openCopyingPostgres(await freshDatabase());
    const inserting: Database = openPostgres(await freshDatabase(), 2);
    try {
      await createDemoData(copying, opts);
      await createDemoData(inserting, opts);
      // Every table, each row as JSON without what the database or the hash draws at random: columns defaulting
      // to now() or gen_random_uuid() (and references to such ids), the salted password hash, when the read summaries
      // and their rollups were rebuilt, and generated files
      // (their archives carry the time they were made, so even their compressed sizes vary).
      const tables = await inserting.query<{ name: string; random: string[] }>(
        `SELECT c.table_name AS name,
                array_agg(c.column_name::text) FILTER (WHERE c.column_default ~ '(now|gen_random_uuid)\\('
                   OR c.column_name IN ('password_hash', 'material_id', 'size_bytes', 'rebuilt_at', 'rollups_built_at') OR c.data_type = 'bytea') AS random
           FROM information_schema.columns c
          WHERE c.table_schema = 'public' AND c.table_name <> 'schema_migration'
          GROUP BY c.table_name ORDER BY c.table_name`,
      );
      const digest = (db: Database, table: string, random: string[] | null) =>
        db.query<{ n: number; digest: string }>(
          `SELECT count(*)::int AS n,
                  md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS digest
             FROM (SELECT (to_jsonb(t) - $1::text[])::text AS r FROM ${table} t) s`,
          [random ?? []],
        );
      const written: string[] = [];
      const differing: string[] = [];
      for (const { name, random } of tables) {
        const [a, b] = await Promise.all([digest(copying, name, random), digest(inserting, name, random)]);
        if (a[0]!.n !== b[0]!.n || a[0]!.digest !== b[0]!.digest) differing.push(name);
        if (b[0]!.n > 0) written.push(name);
      }
      expect(differing).toEqual([]);
      expect(written).toEqual(
        expect.arrayContaining(['member', 'meeting_attendance', 'scorecard_entry', 'evaluation']),
      );
    } finally {
      await copying.close();
      await inserting.close();
    }
  });
});
