// Background work shared by several server processes (issue 10.2): a periodic job is claimed by one asker per
// period; a running job's heartbeat keeps it from being failed by another process's sweep, and a job whose
// process died is failed. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL (concurrent connections).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../messages/index.ts';
import * as imports from '../features/roster-import/roster-import.repository.ts';
import { failInterruptedImports } from '../features/roster-import/roster-import.service.ts';
import * as rescores from '../features/scoring/rescore-jobs.repository.ts';
import { failInterruptedRescores } from '../features/scoring/rescore.ts';
import { makeAccount, makeMember, makeProvince, type OrgRef } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import type { Database } from './db.ts';
import { claimPeriodicJob, processOwner, staleAfterMs, withStartupLock } from './jobs.ts';

let db: Database;
let cell: OrgRef;
let accountId = '';

beforeAll(async () => {
  db = await createTestDatabase();
  const p = await makeProvince(db);
  cell = p.cellA;
  accountId = (await makeAccount(db, await makeMember(db, cell))).id;
});
afterAll(async () => db.close());

/** Moves a job's heartbeat into the past, as if its process had stopped beating that long ago. */
const ageBeat = (table: 'roster_import' | 'rescore_job', id: string, ms: number) =>
  db.query(
    `UPDATE ${table} SET heartbeat_at = now() - make_interval(secs => $2::float8 / 1000) WHERE id = $1`,
    [id, ms],
  );

describe('a periodic job', () => {
  it('is claimed by exactly one of many processes asking at once, then not again within its period', async () => {
    const name = `test-${randomUUID()}`;
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimPeriodicJob(db, name, 3600_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimPeriodicJob(db, name, 3600_000)).toBe(false);
    // Once the period has passed, the next asker claims it.
    await db.query(`UPDATE scheduled_job SET last_started_at = now() - interval '2 hours' WHERE name = $1`, [
      name,
    ]);
    expect(await claimPeriodicJob(db, name, 3600_000)).toBe(true);
    const [row] = await db.query<{ runs: number; last_owner: string }>(
      'SELECT runs, last_owner FROM scheduled_job WHERE name = $1',
      [name],
    );
    expect(row).toEqual({ runs: 2, last_owner: processOwner });
  });
});

describe('start-up work', () => {
  // The embedded database has one process and takes no lock.
  it.runIf(process.env.TEST_DATABASE_URL)(
    'runs one at a time under the start-up lock on PostgreSQL',
    async () => {
      let inside = 0;
      let most = 0;
      const work = () =>
        withStartupLock(db, async () => {
          inside++;
          most = Math.max(most, inside);
          await db.query('SELECT pg_sleep(0.05)');
          inside--;
        });
      await Promise.all([work(), work(), work()]);
      expect(most).toBe(1);
    },
  );
});

describe('jobs whose process died', () => {
  async function newImport(status: 'parsing' | 'committing') {
    const id = await imports.insertImport(db, {
      provinceId: cell.provinceId,
      organizationId: cell.id,
      accountId,
      fileName: 'danh-sach.xlsx',
      totalRows: 3,
      owner: 'another-host:1234:abcdef',
    });
    if (status === 'committing')
      await db.query(`UPDATE roster_import SET status = 'committing' WHERE id = $1`, [id]);
    return id;
  }

  it('an import still beating is left alone on PostgreSQL; one whose owner stopped beating is failed', async () => {
    const live = await newImport('parsing');
    const dead = await newImport('committing');
    await ageBeat('roster_import', dead, staleAfterMs + 5_000);
    await ageBeat('roster_import', live, staleAfterMs - 20_000);
    await imports.beat(db, live, 'another-host:1234:abcdef');
    await failInterruptedImports(db);
    const status = async (id: string) => (await imports.findImport(db, id))!;
    expect((await status(dead)).status).toBe('failed');
    expect(JSON.parse((await status(dead)).error!)).toEqual(message('roster.interrupted'));
    // The embedded database is one process: whatever was running when it started again was interrupted.
    expect((await status(live)).status).toBe(db.kind === 'pglite' ? 'failed' : 'parsing');
  });

  it('a re-score still beating is left alone on PostgreSQL; one whose owner stopped beating is failed', async () => {
    const start = (owner: string) =>
      rescores.insertRescoreJob(db, {
        id: randomUUID(),
        provinceId: cell.provinceId,
        organizationId: cell.id,
        path: cell.path,
        year: 2025,
        total: 10,
        owner,
      });
    const live = await start('another-host:1:aaaaaa');
    const dead = await start('another-host:2:bbbbbb');
    await rescores.updateRescoreProgress(db, live.id, 5, 2);
    await ageBeat('rescore_job', dead.id, staleAfterMs + 5_000);
    await failInterruptedRescores(db);
    const deadNow = (await rescores.findRescoreJob(db, dead.id))!;
    expect(deadNow).toMatchObject({ status: 'failed', error: message('scoring.rescore_interrupted') });
    expect(deadNow.finished_at).toBeInstanceOf(Date);
    const liveNow = (await rescores.findRescoreJob(db, live.id))!;
    expect(liveNow).toMatchObject({
      status: db.kind === 'pglite' ? 'failed' : 'running',
      done: 5,
      changed: 2,
    });
  });
});
