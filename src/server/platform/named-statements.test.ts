// Named statements (`prepared`): the same rows as the unnamed query, with the same value parsers, on PGlite (its one
// connection's named statements through the wire protocol) and, with TEST_DATABASE_URL, on PostgreSQL (pg's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-db.ts';
import { type Database, prepared } from './db.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const sql = `SELECT $1::uuid AS id, $2::date AS day, $3::bigint AS big, $4::numeric AS amount, $5::text AS note,
                    cardinality($6::uuid[]) AS n, $7::jsonb AS doc, now() AS at`;
const params = (note: string | null) => [
  '7f147569-409b-418f-99d7-05b6a052e16d',
  '2026-12-03',
  9_000_000_001,
  12.5,
  note,
  ['5d366271-c586-4b98-bf6f-2ca783a4750d', '9d122df5-12a3-4464-9884-6faddaa30fba'],
  { a: [1, 'hai'] },
];
const sample = prepared<Record<string, unknown>>('test.named.sample', sql);
const failing = prepared('test.named.failing', 'SELECT 1 / $1::int AS x');

describe('named statements', () => {
  it('answer what the unnamed statement answers, call after call, nulls included', async () => {
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ at: _at, ...r }) => r);
    const unnamed = strip(await db.query(sql, params('ghi chú')));
    expect(unnamed).toEqual([
      {
        id: '7f147569-409b-418f-99d7-05b6a052e16d',
        day: '2026-12-03',
        big: 9_000_000_001,
        amount: 12.5,
        note: 'ghi chú',
        n: 2,
        doc: { a: [1, 'hai'] },
      },
    ]);
    for (let i = 0; i < 7; i++) expect(strip(await sample(db, params('ghi chú')))).toEqual(unnamed);
    const [withNull] = strip(await sample(db, params(null)));
    expect(withNull).toEqual({ ...unnamed[0], note: null });
    expect((await sample(db, params(null)))[0]!.at).toBeInstanceOf(Date);
    if (db.kind === 'pglite') {
      // The embedded database's one connection holds it, parsed once.
      const held = await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
      expect(held.map((r) => r.name)).toContain('test.named.sample');
    }
  });

  it('run inside a transaction and see its writes; a failure leaves the connection usable', async () => {
    const count = prepared<{ n: number }>('test.named.count', 'SELECT count(*)::int AS n FROM organization');
    const before = (await count(db, []))[0]!.n;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO organization (id, province_id, kind, valid_from)
           VALUES (gen_random_uuid(), gen_random_uuid(), 'provincial_committee', '2020-01-01')`,
        );
        expect((await count(tx, []))[0]!.n).toBe(before + 1);
        await failing(tx, [0]);
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await count(db, []))[0]!.n).toBe(before);
    await expect(failing(db, [0])).rejects.toMatchObject({ code: '22012' });
    expect(await failing(db, [2])).toEqual([{ x: 0 }]);
    expect((await sample(db, params('sau lỗi')))[0]!.note).toBe('sau lỗi');
  });
});
