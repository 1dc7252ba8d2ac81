// Cross-process notifications (db.listen / notify): what the live room relay and the caches' invalidation use.
// Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL (where a dedicated connection listens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-db.ts';
import { type Database, notify } from './db.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** Collects payloads; `until(p)` resolves once p has arrived. */
function collector() {
  const got: string[] = [];
  const waiting: { payload: string; resolve: () => void }[] = [];
  return {
    got,
    message(payload: string) {
      got.push(payload);
      for (const w of waiting.filter((w) => w.payload === payload)) w.resolve();
    },
    until(payload: string) {
      if (got.includes(payload)) return Promise.resolve();
      return new Promise<void>((resolve) => waiting.push({ payload, resolve }));
    },
  };
}

describe('listen and notify', () => {
  it('delivers what a committed transaction sent, never what a rolled-back one sent, in order', async () => {
    const c = collector();
    const stop = await db.listen('chibo_test_a', c);
    await db
      .transaction(async (tx) => {
        await notify(tx, 'chibo_test_a', 'rolled back');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.transaction(async (tx) => {
      await notify(tx, 'chibo_test_a', 'Đã điểm danh');
    });
    await notify(db, 'chibo_test_a', 'outside a transaction');
    await c.until('outside a transaction');
    expect(c.got).toEqual(['Đã điểm danh', 'outside a transaction']);
    await stop();
  });

  it('keeps channels apart and stops delivering after stop()', async () => {
    const a = collector();
    const b = collector();
    const stopA = await db.listen('chibo_test_b', a);
    const stopB = await db.listen('chibo_test_c', b);
    await notify(db, 'chibo_test_b', 'for b');
    await notify(db, 'chibo_test_c', 'for c');
    await Promise.all([a.until('for b'), b.until('for c')]);
    await stopA();
    await notify(db, 'chibo_test_b', 'after stop');
    await notify(db, 'chibo_test_c', 'marker');
    await b.until('marker');
    expect(a.got).toEqual(['for b']);
    expect(b.got).toEqual(['for c', 'marker']);
    await stopB();
  });
});
