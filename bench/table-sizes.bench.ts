// Measured row and index sizes per table on demo data, for docs/SCALE-OUT.md (issue 10.6), and what the
// province-key triggers of migration 0013 cost an insert. Loads the demo province with N members (two years of
// meetings, scorecards, evaluations) into a database of its own, appends 20,000 check-in audit events (unsealed:
// the sealer adds seq, two 64-character hashes and the key id, about 150 B a row), ANALYZEs, and prints for each
// table its rows, heap bytes per row (with TOAST) and index bytes per row; then inserts the roll rows of every
// demo meeting again (into a copy of meeting_attendance with the same columns, indexes and trigger) with the
// trigger enabled and disabled.
// Run: bash scripts/with-postgres.sh npx tsx bench/table-sizes.bench.ts [members=30000]
//  or: npx tsx bench/table-sizes.bench.ts [members=3000]   (embedded PGlite, in memory)
import { createDemoData } from '../src/server/demo/demo-data.ts';
import { type Database, openPglite, openPostgres } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { recordAudit } from '../src/server/platform/audit.ts';

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const members = Number(process.argv[2] ?? (serverUrl ? 30_000 : 3_000));

let db: Database;
let drop = async () => {};
if (serverUrl) {
  const dbName = `chibo_sizes_bench_${Date.now()}`;
  const admin = openPostgres(serverUrl, 1);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  db = openPostgres(url.toString(), 2);
  drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.close();
  };
} else {
  db = await openPglite();
}

try {
  await migrate(db);
  let t = performance.now();
  await createDemoData(db, { seed: 1, members, today: '2026-12-01' });
  console.log(`demo data, ${members} members: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // The demo writes no audit events: append check-ins' events (as the check-in records them) to measure them.
  const [province] = await db.query<{ id: string }>(
    "SELECT id FROM organization WHERE kind = 'provincial_committee'",
  );
  const [actor] = await db.query<{ id: string }>('SELECT id FROM account LIMIT 1');
  const [meeting] = await db.query<{ id: string }>('SELECT id FROM meeting LIMIT 1');
  for (let i = 0; i < 20; i++) {
    await db.transaction(async (tx) => {
      for (let j = 0; j < 1000; j++) {
        await recordAudit(tx, {
          chain: province!.id,
          actorAccountId: actor!.id,
          action: 'meeting.checkIn',
          entity: 'meeting',
          entityId: meeting!.id,
          after: { memberId: actor!.id, method: 'code' },
          ip: '203.113.152.17',
        });
      }
    });
  }
  await db.query('VACUUM ANALYZE');

  const rows = await db.query<{ name: string; n: string; heap: string; idx: string }>(
    `SELECT c.relname AS name, c.reltuples::bigint AS n, pg_table_size(c.oid) AS heap, pg_indexes_size(c.oid) AS idx
       FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples > 0
      ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  console.log('table                          rows   heap B/row  index B/row   total MB');
  for (const r of rows) {
    const n = Number(r.n);
    console.log(
      `${r.name.padEnd(26)} ${String(n).padStart(10)} ${(Number(r.heap) / n).toFixed(0).padStart(12)} ${(
        Number(r.idx) / n
      )
        .toFixed(0)
        .padStart(12)} ${((Number(r.heap) + Number(r.idx)) / 1e6).toFixed(1).padStart(10)}`,
    );
  }

  // The trigger's cost: the same roll rows inserted into a copy with and without it, three times each.
  await db.query('CREATE TABLE attendance_copy (LIKE meeting_attendance INCLUDING ALL)');
  await db.query(`CREATE TRIGGER attendance_copy_province BEFORE INSERT ON attendance_copy
      FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting()`);
  const [{ count }] = (await db.query<{ count: string }>('SELECT count(*) FROM meeting_attendance')) as [
    { count: string },
  ];
  for (const round of [1, 2, 3]) {
    for (const mode of ['ENABLE', 'DISABLE'] as const) {
      await db.query('TRUNCATE attendance_copy');
      await db.query(`ALTER TABLE attendance_copy ${mode} TRIGGER attendance_copy_province`);
      t = performance.now();
      await db.query(`INSERT INTO attendance_copy (meeting_id, member_id, member_class, status, province_id)
        SELECT meeting_id, member_id, member_class, status, ${mode === 'ENABLE' ? 'NULL' : 'province_id'}
          FROM meeting_attendance`);
      const ms = performance.now() - t;
      console.log(
        `round ${round}, ${count} roll rows, trigger ${mode === 'ENABLE' ? 'on ' : 'off'}: ${ms.toFixed(0)} ms ` +
          `(${((ms * 1000) / Number(count)).toFixed(1)} µs/row)`,
      );
    }
  }
} finally {
  await db.close();
  await drop();
}
