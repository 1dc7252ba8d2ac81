// Benchmark of re-scoring after a framework change on PostgreSQL (issue 4: "re-scoring every meeting of a
// province-year, about 30,000 meetings, in under 60 s, with progress shown"). Builds a province of N/12 cells of
// 15–25 members with N adopted regular meetings in one year (rolls, contributions, tasks of the previous
// meeting, one submitted self-score each with the cell's manual entries), scores them under the national HD 42
// framework, then loads a province's amended copy of it, assigns it to the province from 1 January and runs the
// re-score job as the API does, printing progress every second. A last run with nothing changed shows the floor.
// Run: bash scripts/with-postgres.sh npx tsx bench/rescore.bench.ts [meetings=30000] [chunk=500]
// (uses TEST_DATABASE_URL, or DATABASE_URL; creates and drops a database of its own on that server)
import { randomUUID } from 'node:crypto';
import type { Actor } from '../src/domain/permissions.ts';
import type { ScoringFrameworkInput } from '../src/domain/scoring-schema.ts';
import { hd42Framework } from '../src/domain/scoring-frameworks.ts';
import { rescoreJob, startRescore } from '../src/server/features/scoring/rescore.ts';
import { assignFramework, loadFramework } from '../src/server/features/scoring/frameworks.service.ts';
import { type Database, openPostgres } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { makeAccount } from '../src/server/testing/factories.ts';

const n = Number(process.argv[2] ?? 30_000);
const chunkSize = Number(process.argv[3] ?? 500);
const year = 2026;
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('rescore.bench: set TEST_DATABASE_URL (bash scripts/with-postgres.sh …) or DATABASE_URL');
  process.exit(2);
}
const cellsPerCommune = 25;
const cells = Math.ceil(n / 12);
const communes = Math.ceil(cells / cellsPerCommune);

const dbName = `chibo_rescore_bench_${Date.now()}`;
const adminDb = openPostgres(serverUrl, 1);
await adminDb.query(`CREATE DATABASE ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const db = openPostgres(url.toString(), 4);

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  console.log(`  ${label.padEnd(44)} ${secs(performance.now() - t)}`);
  return r;
}

async function setUp(db: Database, provinceId: string) {
  const manual = hd42Framework.groups
    .flatMap((g) => g.criteria)
    .filter((c) => !c.source)
    .map((c) => {
      const values =
        c.type === 'toggle' ? [c.max, 0] : (c.levels ?? []).map((l) => l.points).sort((a, b) => b - a);
      return {
        id: c.id,
        max: values[0]!,
        below: values[1] ?? values[0]!,
        thematic: c.appliesWhen === 'thematic',
      };
    });
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.2026)');
    await step(`organisations (1 + ${communes} + ${cells})`, async () => {
      await tx.query(
        `INSERT INTO organization (id, province_id, kind, valid_from) VALUES ($1, $1, 'provincial_committee', '2015-01-01')`,
        [provinceId],
      );
      await tx.query(
        `INSERT INTO organization_period (organization_id, province_id, name, search_name, path, depth, valid_from)
         VALUES ($1, $1, 'Đảng bộ tỉnh Thử Nghiệm', 'dang bo tinh thu nghiem', replace($1::uuid::text, '-', '')::ltree, 0, '2015-01-01')`,
        [provinceId],
      );
      await tx.query(
        `CREATE TEMP TABLE b_commune ON COMMIT DROP AS
           SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, $1::int) g`,
        [communes],
      );
      await tx.query(
        `CREATE TEMP TABLE b_cell ON COMMIT DROP AS
           SELECT g AS n, gen_random_uuid() AS id, c.id AS commune_id, 15 + floor(random() * 11)::int AS size,
                  0.55 + random() * 0.45 AS quality
             FROM generate_series(1, $1::int) g JOIN b_commune c ON c.n = 1 + (g - 1) / $2::int`,
        [cells, cellsPerCommune],
      );
      await tx.query(
        `INSERT INTO organization (id, province_id, kind, valid_from)
         SELECT id, $1, 'grassroots_committee', '2015-01-01' FROM b_commune`,
        [provinceId],
      );
      await tx.query(
        `INSERT INTO organization_period (organization_id, province_id, parent_id, name, search_name, path, depth, valid_from)
         SELECT id, $1, $1, 'Đảng bộ xã Số ' || n, 'dang bo xa so ' || n,
                (replace($1::uuid::text, '-', '') || '.' || replace(id::text, '-', ''))::ltree, 1, '2015-01-01'
           FROM b_commune`,
        [provinceId],
      );
      await tx.query(
        `INSERT INTO organization (id, province_id, kind, cell_type, valid_from)
         SELECT id, $1, 'cell', 'village_residential', '2015-01-01' FROM b_cell`,
        [provinceId],
      );
      await tx.query(
        `INSERT INTO organization_period (organization_id, province_id, parent_id, name, search_name, path, depth, valid_from)
         SELECT c.id, $1, c.commune_id, 'Chi bộ thôn Số ' || c.n, 'chi bo thon so ' || c.n,
                (replace($1::uuid::text, '-', '') || '.' || replace(c.commune_id::text, '-', '') || '.' ||
                 replace(c.id::text, '-', ''))::ltree, 2, '2015-01-01'
           FROM b_cell c`,
        [provinceId],
      );
      // Most cells have elected a committee; the rest only a secretary.
      await tx.query(
        `INSERT INTO committee (province_id, organization_id, term_label, term_start)
         SELECT $1, id, 'Nhiệm kỳ 2025–2030', '2025-06-01' FROM b_cell WHERE random() < 0.7`,
        [provinceId],
      );
    });
    await step('members and memberships', async () => {
      await tx.query(
        `CREATE TEMP TABLE b_member ON COMMIT DROP AS
           SELECT gen_random_uuid() AS id, c.id AS cell_id, s AS seat, random() < 0.04 AS exempt
             FROM b_cell c, generate_series(1, c.size) s`,
      );
      await tx.query(
        `INSERT INTO member (id, province_id, full_name, search_name, status)
         SELECT id, $1, 'Đảng viên ' || seat, 'dang vien ' || seat, 'full' FROM b_member`,
        [provinceId],
      );
      await tx.query(
        `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from)
         SELECT $1, id, cell_id, 'official', '2015-01-01' FROM b_member`,
        [provinceId],
      );
    });
    await step('meetings (and December before)', async () => {
      // Month 0 is December of the year before: its tasks are the first meeting's "previous" ones.
      await tx.query(
        `CREATE TEMP TABLE b_meeting ON COMMIT DROP AS
           SELECT gen_random_uuid() AS id, c.id AS cell_id, c.quality, mo,
                  make_date(CASE WHEN mo = 0 THEN $2::int - 1 ELSE $2::int END, CASE WHEN mo = 0 THEN 12 ELSE mo END,
                            3 + floor(random() * 5)::int) AS d,
                  mo % 3 = 0 AND mo > 0 AS thematic,
                  70 + floor(random() * 70)::int AS minutes, floor(random() * 6)::int AS notice_lead,
                  floor(random() * 4)::int AS adopt_lag, random() < 0.9 AS prep, 2 + floor(random() * 4)::int AS tasks
             FROM b_cell c, generate_series(0, 12) mo
            WHERE mo = 0 OR (c.n - 1) * 12 + mo <= $1::int`,
        [n, year],
      );
      await tx.query(
        `INSERT INTO meeting (id, province_id, organization_id, kind, for_month, planned_date, status, rule_set_id,
           rule_set_version, preparatory_held_on, preparatory_minutes, notice_published_at, started_at, ended_at,
           adopted_at, minutes_general)
         SELECT id, $1, cell_id, CASE WHEN thematic THEN 'regular_thematic' ELSE 'regular' END, to_char(d, 'YYYY-MM'),
                d, 'adopted', 'ct50-hd42-2025', 2, CASE WHEN prep THEN d - 3 END,
                CASE WHEN prep THEN 'Chi ủy họp chuẩn bị nội dung sinh hoạt, phân công chuẩn bị báo cáo' END,
                ((d - notice_lead) + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                (d + time '19:30') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                (d + time '19:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' + minutes * interval '1 minute',
                ((d + adopt_lag) + time '21:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                'Chi bộ đánh giá tình hình thực hiện nhiệm vụ tháng, bàn nhiệm vụ tháng tới'
           FROM b_meeting`,
        [provinceId],
      );
      await tx.query(
        `CREATE TEMP TABLE b_item ON COMMIT DROP AS SELECT gen_random_uuid() AS id, id AS meeting_id FROM b_meeting`,
      );
      await tx.query(
        `INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title, notes)
         SELECT meeting_id, 1, 'opening', 'opening', 'Khai mạc, giới thiệu chủ trì, thư ký', '' FROM b_item`,
      );
      await tx.query(
        `INSERT INTO meeting_agenda_item (id, meeting_id, position, section, key, title, notes)
         SELECT id, meeting_id, 2, 'main', 'monthly_review', 'Đánh giá tình hình thực hiện nhiệm vụ tháng',
                CASE WHEN random() < 0.95 THEN 'Chi bộ thảo luận, thống nhất đánh giá kết quả tháng' ELSE '' END
           FROM b_item`,
      );
    });
    await step('attendance rolls', () =>
      tx.query(
        `INSERT INTO meeting_attendance (meeting_id, member_id, member_class, exempt, status)
         SELECT meeting_id, member_id, 'full', exempt,
                CASE WHEN exempt THEN 'exempt' WHEN r < 0.86 THEN 'present' WHEN r < 0.99 THEN 'absent_excused'
                     ELSE 'absent_unexcused' END
           FROM (SELECT m.id AS meeting_id, mb.id AS member_id, mb.exempt, random() AS r
                   FROM b_meeting m JOIN b_member mb ON mb.cell_id = m.cell_id) x`,
      ),
    );
    await step('contributions', () =>
      tx.query(
        `INSERT INTO meeting_contribution (meeting_id, agenda_item_id, member_id, summary)
         SELECT a.meeting_id, i.id, a.member_id, 'Đồng chí phát biểu ý kiến về nhiệm vụ tháng tới'
           FROM meeting_attendance a JOIN b_item i ON i.meeting_id = a.meeting_id
          WHERE a.status = 'present' AND random() < 0.5`,
      ),
    );
    await step('tasks', () =>
      tx.query(
        `INSERT INTO task (province_id, organization_id, meeting_id, title, assignee_member_id, deadline, status)
         SELECT $1, cell_id, meeting_id, title, member_id, deadline,
                CASE WHEN r < quality THEN 'done' WHEN r < quality + 0.1 THEN 'not_done'
                     WHEN r < 0.97 THEN 'open' ELSE 'cancelled' END
           FROM (SELECT m.cell_id, m.id AS meeting_id, 'Nhiệm vụ ' || mb.seat || ' tháng ' || m.mo AS title,
                        mb.id AS member_id, m.d + 25 AS deadline, m.quality, random() AS r
                   FROM b_meeting m JOIN b_member mb ON mb.cell_id = m.cell_id AND mb.seat <= m.tasks) x`,
        [provinceId],
      ),
    );
    await step('self-scores with manual entries', async () => {
      await tx.query(
        `INSERT INTO scorecard (province_id, meeting_id, organization_id, scorer_kind, scorer_name, framework_id,
           framework_version, status, for_month, submitted_at)
         SELECT $1, m.id, m.cell_id, 'self', 'Chi ủy chi bộ', $2, $3, 'submitted', to_char(m.d, 'YYYY-MM'),
                ((m.d + m.adopt_lag + 1) + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
           FROM b_meeting m WHERE m.mo > 0`,
        [provinceId, hd42Framework.id, hd42Framework.version],
      );
      await tx.query(
        `INSERT INTO scorecard_entry (scorecard_id, criterion_id, points)
         SELECT s.id, c.id, CASE WHEN random() < 0.8 THEN c.max ELSE c.below END
           FROM scorecard s JOIN meeting m ON m.id = s.meeting_id
          CROSS JOIN unnest($2::text[], $3::numeric[], $4::numeric[], $5::boolean[]) AS c(id, max, below, thematic)
          WHERE s.province_id = $1 AND (NOT c.thematic OR m.kind = 'regular_thematic')`,
        [
          provinceId,
          manual.map((c) => c.id),
          manual.map((c) => c.max),
          manual.map((c) => c.below),
          manual.map((c) => c.thematic),
        ],
      );
    });
  });
  await step('ANALYZE', () => db.query('ANALYZE'));
}

async function run(label: string, actor: Actor, provinceId: string) {
  const started = performance.now();
  const job = await startRescore(db, actor, provinceId, year, { ip: null }, chunkSize);
  console.log(`\n${label}: ${job.total} meetings, chunks of ${chunkSize}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const j = await rescoreJob(db, actor, job.id);
    const elapsed = (performance.now() - started) / 1000;
    console.log(
      `  ${elapsed.toFixed(0).padStart(3)} s  ${String(j.done).padStart(6)}/${j.total} ` +
        `(${Math.round((j.done / Math.max(1, j.total)) * 100)}%)  changed ${j.changed}`,
    );
    if (j.status !== 'running') break;
  }
  const j = await rescoreJob(db, actor, job.id);
  const ms = Date.parse(j.finishedAt!) - Date.parse(j.startedAt);
  if (j.status !== 'done') throw new Error(`re-score ${j.status}: ${j.error}`);
  console.log(
    `  ${label}: ${j.total} meetings in ${secs(ms)} (${Math.round(j.total / (ms / 1000))} meetings/s), ` +
      `${j.changed} scorecards changed`,
  );
  return { ms, ...j };
}

try {
  console.log(
    `rescore bench: ${n} meetings in ${year}, ${cells} cells under ${communes} communes (PostgreSQL)`,
  );
  const t0 = performance.now();
  await step('migrate', () => migrate(db));
  const provinceId = randomUUID();
  await setUp(db, provinceId);
  const setupMs = performance.now() - t0;
  const counts = (
    await db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM meeting)::int AS meetings, (SELECT count(*) FROM meeting_attendance)::int AS attendance,
              (SELECT count(*) FROM meeting_contribution)::int AS contributions, (SELECT count(*) FROM task)::int AS tasks,
              (SELECT count(*) FROM scorecard)::int AS scorecards, (SELECT count(*) FROM scorecard_entry)::int AS entries,
              (SELECT count(*) FROM member)::int AS members`,
    )
  )[0]!;
  console.log(`  set-up ${secs(setupMs)}:`, counts);

  const account = await makeAccount(db, null, { admin: true });
  const actor: Actor = { accountId: account.id, memberId: null, isSystemAdmin: true, scopes: [] };

  // The cards were entered under HD 42 but not yet totalled: the first run scores them (every card changes).
  const initial = await run('initial scoring (HD 42)', actor, provinceId);

  // The province amends HD 42 for the year: stricter attendance, speakers and results bands.
  const custom = structuredClone(hd42Framework) as ScoringFrameworkInput;
  Object.assign(custom, {
    id: 'thu-nghiem-hd42-2026',
    version: 1,
    title: 'Khung chấm điểm chất lượng sinh hoạt chi bộ năm 2026 của Tỉnh ủy Thử Nghiệm',
    issuer: 'Ban Thường vụ Tỉnh ủy Thử Nghiệm',
    document: {
      number: '15-QĐ/TU',
      type: 'Quyết định',
      issuer: 'Tỉnh ủy Thử Nghiệm',
      date: `${year - 1}-12-20`,
    },
    scope: 'assigned',
    effectiveFrom: `${year}-01-01`,
  });
  const criterion = (id: string) => custom.groups.flatMap((g) => g.criteria).find((c) => c.id === id)!;
  criterion('attendance').bands = [
    { minRatio: 0.95, points: 4 },
    { minRatio: 0.85, points: 3 },
    { minRatio: 0.7, points: 2 },
    { minRatio: 0, points: 1 },
  ];
  criterion('speakers').bands = [
    { minRatio: 0.6, points: 5 },
    { minRatio: 0.45, points: 4 },
    { minRatio: 0.3, points: 3 },
    { minRatio: 0, points: 2 },
  ];
  criterion('previous_results').bands = [
    { minRatio: 0.95, points: 30 },
    { minRatio: 0.85, points: 27 },
    { minRatio: 0.75, points: 24 },
    { minRatio: 0.65, points: 20 },
    { minRatio: 0.5, points: 15 },
    { minRatio: 0, points: 10 },
  ];
  await loadFramework(db, actor, custom, { ip: null });
  await assignFramework(
    db,
    actor,
    provinceId,
    { frameworkId: custom.id, effectiveFrom: `${year}-01-01`, documentRef: 'Quyết định số 15-QĐ/TU' },
    { ip: null },
  );
  const changed = await run('re-scoring after the framework change', actor, provinceId);
  const again = await run('re-scoring with nothing changed', actor, provinceId);

  const ratings = await db.query<{ framework_id: string; rating: string | null; n: number }>(
    `SELECT framework_id, rating, count(*)::int AS n FROM scorecard GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  console.log(
    '\nscorecards by framework and rating:',
    ratings.map((r) => `${r.framework_id} ${r.rating}: ${r.n}`),
  );
  console.log(
    `\nsummary: set-up ${secs(setupMs)}; initial scoring ${secs(initial.ms)}; after the framework change ` +
      `${secs(changed.ms)} for ${changed.total} meetings (${Math.round(changed.total / (changed.ms / 1000))}/s, ` +
      `${changed.changed} changed); unchanged re-run ${secs(again.ms)} (${again.changed} changed). ` +
      `Target: under 60 s — ${changed.ms < 60_000 ? 'met' : 'NOT met'}.`,
  );
} finally {
  await db.close();
  await adminDb.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await adminDb.close();
}
