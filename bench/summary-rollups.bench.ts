// Benchmark (issue 10.3): the totals of the compliance and ratings pages for the province and for its largest
// commune, read from the rollups by organisation and month (migration 0016), against the same totals summed
// over every cell summary row of the subtree (what the pages did before: the cells' rows whose path carries the
// organisation's label, through the GiST index). Prints p50/p95 per read and its plan's buffers, and checks that
// both give the same numbers.
//
//   bash scripts/with-postgres.sh sh -c 'DATABASE_URL=$TEST_DATABASE_URL npm run seed -- --members 30000 &&
//     DATABASE_URL=$TEST_DATABASE_URL npx tsx bench/summary-rollups.bench.ts 20'
// or against a database loaded before:  DATABASE_URL=postgres://… npx tsx bench/summary-rollups.bench.ts [rounds]
import { todayIso } from '../src/domain/dates.ts';
import { pathLabel } from '../src/domain/tree.ts';
import { openPostgres } from '../src/server/platform/db.ts';
import { complianceTotals, ratingTotals } from '../src/server/features/summaries/summaries.service.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL (PostgreSQL with the demo loaded) is required');
  process.exit(2);
}
const rounds = Number(process.argv[2] ?? 20);
const db = openPostgres(databaseUrl, 2);
const today = todayIso();
const year = Number(today.slice(0, 4));
const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

// The province (the largest root) and its commune with the most cells now.
const [province] = await db.query<{ id: string; path: string }>(
  `SELECT p.organization_id AS id, p.path::text AS path FROM organization_period p
    WHERE p.valid_to IS NULL AND nlevel(p.path) = 1
    ORDER BY (SELECT count(*) FROM organization_period c WHERE c.path <@ p.path AND c.valid_to IS NULL) DESC LIMIT 1`,
);
const [commune] = await db.query<{ id: string; cells: number }>(
  `SELECT o.id, (SELECT count(*) FROM organization_period c JOIN organization x ON x.id = c.organization_id
                  WHERE c.path <@ p.path AND c.valid_to IS NULL AND x.kind IN ('cell','grassroots_cell'))::int AS cells
     FROM organization o JOIN organization_period p ON p.organization_id = o.id AND p.valid_to IS NULL
    WHERE o.kind = 'grassroots_committee' AND p.path <@ $1::ltree ORDER BY cells DESC LIMIT 1`,
  [province!.path],
);
const [{ cells }] = (await db.query<{ cells: number }>(
  `SELECT count(*)::int AS cells FROM organization WHERE kind IN ('cell','grassroots_cell') AND valid_to IS NULL`,
)) as [{ cells: number }];
const [{ rollups }] = (await db.query<{ rollups: number }>(
  'SELECT count(*)::int AS rollups FROM summary_rollup',
)) as [{ rollups: number }];
console.log(`${cells} cells now, ${rollups} rollup rows; year ${year}; commune with ${commune!.cells} cells`);

// Before: the subtree's totals summed over its cells' summary rows (the reads of migration 0012).
const under = `path ~ ('*.' || $1 || '.*')::lquery`;
const scanCompliance = `SELECT COALESCE(sum(held), 0)::int AS held, count(*) FILTER (WHERE judged_from <= $3)::int AS judged
  FROM compliance_month WHERE ${under} AND year = $2`;
const scanFindings = `SELECT code, count(*)::int AS n FROM compliance_fact WHERE ${under} AND year = $2 AND due <= $3 GROUP BY code`;
const scanRatings = `SELECT month, count(*) FILTER (WHERE self_rating = 'good')::int AS good,
  count(*) FILTER (WHERE self_rating IS NOT NULL)::int AS rated FROM rating_month WHERE ${under} AND year = $2 GROUP BY month`;

async function scan(id: string) {
  const label = pathLabel(id);
  const [m] = await db.query<{ held: number; judged: number }>(scanCompliance, [label, year, today]);
  const f = await db.query<{ code: string; n: number }>(scanFindings, [label, year, today]);
  const r = await db.query<{ month: string; good: number }>(scanRatings, [label, year]);
  return { held: m!.held, judged: m!.judged, findings: f.reduce((a, x) => a + x.n, 0), ratings: r };
}

// The pages read the organisation (its kind) anyway, to check it is visible: the totals are given it.
async function rolled(org: { id: string; kind: string }) {
  const c = await complianceTotals(db, org, year, today);
  const r = await ratingTotals(db, org, year, months);
  return { held: c.sums.held, judged: c.sums.monthsJudged, findings: c.sums.findings, ratings: r };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  console.log(
    `${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(8)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(8)} ms`,
  );
}

async function buffers(sql: string, params: unknown[]) {
  const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const line = plan.map((p) => p['QUERY PLAN']).find((l) => l.includes('Buffers')) ?? '';
  return line.trim();
}

try {
  for (const [name, id] of [
    ['province', province!.id],
    ['commune', commune!.id],
  ] as const) {
    const [org] = await db.query<{ id: string; kind: string }>(
      'SELECT id, kind FROM organization WHERE id = $1',
      [id],
    );
    const a = await scan(id);
    const b = await rolled(org!);
    const same = a.held === b.held && a.judged === b.judged && a.findings === b.findings;
    console.log(
      `${name}: held ${b.held}, months judged ${b.judged}, findings ${b.findings} (subtree scan agrees: ${same})`,
    );
    await time(`${name} totals, subtree scan (before)`, () => scan(id));
    await time(`${name} totals, rollups (after)`, () => rolled(org!));
    console.log(`  scan compliance_month: ${await buffers(scanCompliance, [pathLabel(id), year, today])}`);
    console.log(
      `  rollups: ${await buffers(
        `SELECT month, measure, sum(n) FROM summary_rollup WHERE organization_id = $1 AND month BETWEEN $2 AND $3
          AND counts_from <= $4::date GROUP BY month, measure`,
        [id, `${year}-01`, `${year}-12`, today],
      )}`,
    );
  }
} finally {
  await db.close();
}
