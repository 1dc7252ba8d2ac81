// Benchmark (issues 10.5 and 10.3): every page's API calls at province size, on PostgreSQL or on the embedded
// database (PGlite), for the province (a board officer of the Organisation Board), for a commune (its party
// secretary), for a cell (its secretary) and for a member of that cell, each with its own session. Per page: the
// API calls the web makes when the page opens (src/web: the page's queries with their default search), each timed
// alone, and the page as the browser loads it (its calls at once, until the last answer). Prints p50/p95/max per
// call and per page against the issue's targets: on PostgreSQL province p95 < 200 ms, commune, cell and member
// p95 < 50 ms; on the embedded database every page p95 < 100 ms.
//
// PostgreSQL: needs a database loaded with the demo (any size; the province preset for the issue's figure):
//   bash scripts/with-postgres.sh sh -c 'DATABASE_URL=$TEST_DATABASE_URL npm run seed -- --preset province &&
//     DATABASE_URL=$TEST_DATABASE_URL npx tsx bench/province-pages.bench.ts'
// or against a database loaded before:  DATABASE_URL=postgres://… npx tsx bench/province-pages.bench.ts [rounds=10]
// Embedded database: without DATABASE_URL, DATA_DIR names a PGlite data directory loaded with the demo:
//   DATA_DIR=.tmp/pglite30k npm run seed -- --members 30000 &&
//     DATA_DIR=.tmp/pglite30k npx tsx bench/province-pages.bench.ts [rounds=10]
// Starts the app from source (tsx) on a free port with DEMO_DATA=off; results go to docs/PERFORMANCE.md by hand.
// A call slower than 30 s is given up (on PostgreSQL its query cancelled in the database) and not repeated.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import { openPglite } from '../src/server/platform/db.ts';
import { freePort, percentile, signIn } from './lib.ts';

const databaseUrl = process.env.DATABASE_URL;
const embeddedDir = databaseUrl ? undefined : process.env.DATA_DIR;
if (!databaseUrl && !(embeddedDir && existsSync(embeddedDir))) {
  console.error(
    'DATABASE_URL (PostgreSQL with the demo loaded) or DATA_DIR (an embedded database with the demo loaded) is required',
  );
  process.exit(2);
}
const embedded = !databaseUrl;
const rounds = Number(process.argv[2] ?? 10);
// BENCH_SCOPES=cell,member measures only those scopes (province, commune, cell, member).
const only = process.env.BENCH_SCOPES?.split(',');
const slowMs = 5_000;
const timeoutMs = 30_000;
const dataDir = embeddedDir ?? '.tmp/bench-province-pages';
mkdirSync(dataDir, { recursive: true });

const sizeSql = `SELECT (SELECT count(*)::int FROM member WHERE lifecycle = 'active') AS members,
            (SELECT count(*)::int FROM organization WHERE kind IN ('cell', 'grassroots_cell') AND valid_to IS NULL) AS cells,
            (SELECT count(*)::int FROM meeting) AS meetings,
            pg_size_pretty(pg_database_size(current_database())) AS db`;
interface Size {
  members: number;
  cells: number;
  meetings: number;
  db: string;
}

/** The loaded database's size, read before the app starts (the embedded database allows one process at a time). */
async function databaseFigures(): Promise<Size> {
  if (embedded) {
    const db = await openPglite(dataDir);
    try {
      return (await db.query<Size>(sizeSql))[0]!;
    } finally {
      await db.close();
    }
  }
  const direct = new pg.Client({ connectionString: databaseUrl });
  await direct.connect();
  try {
    return (await direct.query<Size>(sizeSql)).rows[0]!;
  } finally {
    await direct.end();
  }
}

const size = await databaseFigures();
const port = await freePort();
const started = performance.now();
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  env: {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    CHECK_RESPONSES: 'off',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}/api`;
for (;;) {
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (server.exitCode !== null) throw new Error('server exited');
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`app ready in ${((performance.now() - started) / 1000).toFixed(1)} s (from source, tsx)`);

interface Me {
  roles: Array<{ role: string; organizationId: string | null; organizationKind: string | null }>;
}

const login = (identifier: string) => signIn(base, identifier);

async function get<T>(cookie: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Page {
  name: string;
  calls: string[];
}

/** One API call, timed alone; the answer's size in bytes. A call that takes over `timeoutMs` is given up. */
async function timeCall(cookie: string, path: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  let res: Response;
  let body: ArrayBuffer;
  try {
    res = await fetch(`${base}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(timeoutMs) });
    body = await res.arrayBuffer();
  } catch (e) {
    if ((e as Error).name !== 'TimeoutError') throw e;
    await cancelLongQueries();
    return { ms: Number.POSITIVE_INFINITY, bytes: 0 };
  }
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
  return { ms, bytes: body.byteLength };
}

/** The app goes on with a query its client gave up on: cancel it, so that it does not slow what is measured next. */
async function cancelLongQueries() {
  if (!databaseUrl) return; // the embedded database answers one query at a time: nothing else to cancel
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
        AND query_start < now() - make_interval(secs => $1)`,
    [timeoutMs / 1000 - 1],
  );
  await client.end();
}

interface Row {
  scope: string;
  page: string;
  call: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  kb: number;
  target: number;
}

const rows: Row[] = [];

async function measureScope(scope: string, target: number, cookie: string, pages: Page[]) {
  for (const page of pages) {
    const perCall = new Map<string, { times: number[]; bytes: number }>();
    const pageTimes: number[] = [];
    // One round to warm the process and the database's caches, not counted. A page with a call slower than
    // `slowMs` there gets two rounds only, so that the run ends while still giving its figure.
    // A call that timed out there is reported as such and not repeated (the server may still be working on it),
    // and so is its page.
    let warm = 0;
    const live: string[] = [];
    for (const call of page.calls) {
      const { ms } = await timeCall(cookie, call);
      if (ms === Number.POSITIVE_INFINITY) {
        perCall.set(call, { times: [ms], bytes: 0 });
        console.log(`  ${scope} · ${page.name}: ${call} took over ${timeoutMs / 1000} s, given up`);
      } else {
        live.push(call);
        warm = Math.max(warm, ms);
      }
    }
    const complete = live.length === page.calls.length;
    if (!complete) pageTimes.push(Number.POSITIVE_INFINITY);
    const pageRounds = warm > slowMs || !complete ? Math.min(rounds, 2) : rounds;
    for (let r = 0; r < pageRounds; r++) {
      for (const call of live) {
        const { ms, bytes } = await timeCall(cookie, call);
        const entry = perCall.get(call) ?? { times: [], bytes };
        entry.times.push(ms);
        perCall.set(call, entry);
      }
      if (!complete) continue;
      const t = performance.now();
      await Promise.all(page.calls.map((call) => timeCall(cookie, call)));
      pageTimes.push(performance.now() - t);
    }
    for (const [call, { times, bytes }] of perCall) {
      rows.push({
        scope,
        page: page.name,
        call,
        n: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: Math.max(...times),
        kb: bytes / 1024,
        target,
      });
    }
    rows.push({
      scope,
      page: page.name,
      call: '(whole page, calls at once)',
      n: pageTimes.length,
      p50: percentile(pageTimes, 50),
      p95: percentile(pageTimes, 95),
      max: Math.max(...pageTimes),
      kb: [...perCall.values()].reduce((a, c) => a + c.bytes, 0) / 1024,
      target,
    });
    const worst = Math.max(...[...perCall.values()].map((c) => percentile(c.times, 95)));
    console.log(
      `  ${scope} · ${page.name}: page p95 ${percentile(pageTimes, 95).toFixed(0)} ms, worst call p95 ${worst.toFixed(0)} ms`,
    );
  }
}

/** The pages a committee (or a cell's leadership) opens for its organisation, with the calls each makes. */
function organizationPages(
  id: string,
  isCell: boolean,
  year: number,
  today: string,
  page20: string | null,
): Page[] {
  const q = encodeURIComponent;
  return [
    { name: 'home', calls: ['/me', '/organizations/tree', `/organizations/${id}`] },
    { name: 'tree', calls: ['/organizations/tree', `/organizations/tree?parentId=${id}`] },
    { name: 'organisation', calls: [`/organizations/${id}`, `/organizations/${id}/roles`, '/me'] },
    {
      name: 'meetings plan',
      calls: [
        `/organizations/${id}/meetings?year=${year}`,
        `/organizations/${id}`,
        `/organizations/${id}/thematic-topics?year=${year}`,
        ...(isCell ? [] : [`/organizations/${id}/compliance?year=${year}`]),
        `/organizations/${id}/work-programme?year=${year}`,
        `/organizations/${id}/rule-set?date=${today}`,
      ],
    },
    {
      name: 'evaluation',
      calls: [
        `/organizations/${id}/evaluations?year=${year}`,
        `/organizations/${id}/four-good?year=${year}&period=year`,
      ],
    },
    ...(isCell
      ? []
      : [
          {
            name: 'ratings',
            calls: [
              `/organizations/${id}/ratings?year=${year}&margin=10`,
              `/organizations/${id}`,
              '/me',
              `/organizations/${id}/scoring-frameworks`,
            ],
          },
        ]),
    {
      name: 'members',
      calls: [`/members?organizationId=${id}&limit=50`, `/organizations/${id}`],
    },
    {
      name: 'members, search',
      calls: [`/members?organizationId=${id}&q=${q('nguyen van')}&limit=50`],
    },
    // As the user types (the page asks after each pause): a few letters, a given name, a name's inside.
    {
      name: 'members, typing',
      calls: ['ng', 'nguy', 'lan', 'thi h'].map((t) => `/members?organizationId=${id}&q=${q(t)}&limit=50`),
    },
    { name: 'members, limit 1', calls: [`/members?organizationId=${id}&limit=1`] },
    ...(page20
      ? [{ name: 'members, page 20', calls: [`/members?organizationId=${id}&limit=50&cursor=${page20}`] }]
      : []),
    { name: 'tasks', calls: ['/tasks?filter=mine', '/me/meetings', '/me/notifications'] },
  ];
}

/**
 * The member's side, as the web opens it (src/web: the layout's notifications bell on every page): home (the
 * member's meetings and a card per organisation the actor holds a role in), the task inbox, the account page.
 */
function memberSidePages(me: Me, leads: boolean): Page[] {
  const organizations = [...new Set(me.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))];
  return [
    {
      name: 'home (member side)',
      calls: ['/me', '/me/notifications', '/me/meetings', ...organizations.map((o) => `/organizations/${o}`)],
    },
    // A leader's 'tasks' page (the inbox as it opens, mine) is one of `organizationPages`.
    leads
      ? { name: 'tasks, open', calls: ['/tasks?filter=open', '/me/notifications'] }
      : { name: 'tasks', calls: ['/tasks?filter=mine', '/me/notifications'] },
    { name: 'account', calls: ['/me', '/auth/sessions', '/me/notifications'] },
  ];
}

async function run() {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const scopes = [
    { scope: 'province', identifier: '0900000006', role: 'board_officer', target: 200 },
    { scope: 'commune', identifier: '0900000005', role: 'committee', target: 50 },
    { scope: 'cell', identifier: '0900000002', role: 'cell_leadership', target: 50 },
    { scope: 'member', identifier: '0900000003', role: 'member', target: 50 },
  ].filter((s) => !only || only.includes(s.scope));
  const d = size;
  console.log(
    `${d.members.toLocaleString('en')} active members, ${d.cells.toLocaleString('en')} cells, ` +
      `${d.meetings.toLocaleString('en')} meetings, ${embedded ? 'embedded (PGlite)' : 'PostgreSQL'} ` +
      `database ${d.db}; ${rounds} rounds per call ` +
      `(2 for a page with a call over ${slowMs / 1000} s)`,
  );
  // A member of the demo cell (inside the commune and the province, so every scope may open the profile), asked
  // of the cell: a province-wide list may be what is slow.
  const secretary = await login('0900000002');
  const cellId = (await get<Me>(secretary, '/me')).roles.find(
    (r) => r.role === 'cell_leadership',
  )?.organizationId;
  const cellMembers = await get<{ items: Array<{ id: string }> }>(
    secretary,
    `/members?organizationId=${cellId}&scope=direct&limit=1`,
  );
  const memberId = cellMembers.items[0]!.id;
  for (const s of scopes) {
    const cookie = await login(s.identifier);
    const me = await get<Me>(cookie, '/me');
    const role = me.roles.find((r) => r.role === s.role && r.organizationId);
    if (!role) throw new Error(`${s.identifier} has no ${s.role} role`);
    const id = role.organizationId!;
    const isCell = s.scope === 'cell';
    const isMember = s.scope === 'member';
    const target = embedded ? 100 : s.target;
    // The cursor of the list's 20th page (the page after 19 pages of 50), as the web pages to it.
    let page20: string | null = null;
    for (let i = 0; i < 19 && !isMember; i++) {
      const page: { nextCursor: string | null } = await get(
        cookie,
        `/members?organizationId=${id}&limit=50${page20 ? `&cursor=${page20}` : ''}`,
      );
      page20 = page.nextCursor;
      if (!page20) break;
    }
    const pages = isMember ? [] : organizationPages(id, isCell, year, today, page20);
    if (!isMember) pages.push({ name: 'member profile', calls: [`/members/${memberId}`] });
    if (s.scope !== 'province') pages.push(...memberSidePages(me, !isMember));
    if (isMember) {
      const mine = await get<{ recent: Array<{ id: string; status: string }> }>(cookie, '/me/meetings');
      const adopted = mine.recent.find((m) => m.status === 'adopted');
      if (adopted) {
        pages.push({
          name: 'meeting (adopted)',
          calls: [`/meetings/${adopted.id}`, `/meetings/${adopted.id}/scores`, '/me/notifications'],
        });
      }
    }
    if (isCell) {
      const plan = await get<{ meetings: Array<{ id: string; status: string }> }>(
        cookie,
        `/organizations/${id}/meetings?year=${year}`,
      );
      const adopted = plan.meetings.filter((m) => m.status === 'adopted').at(-1);
      if (adopted) {
        pages.push({
          name: 'meeting (adopted)',
          calls: [`/meetings/${adopted.id}`, `/meetings/${adopted.id}/scores`, '/me/notifications'],
        });
      }
    }
    console.log(`${s.scope}: ${pages.length} pages`);
    await measureScope(s.scope, target, cookie, pages);
  }

  const pad = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const num = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : `>${timeoutMs / 1000}s`).padStart(8);
  console.log('');
  console.log(
    `${pad('scope', 9)} ${pad('page', 18)} ${pad('call', 64)} ${'n'.padStart(3)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'kB'.padStart(8)}  target`,
  );
  for (const r of rows) {
    const call = r.call.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
    console.log(
      `${pad(r.scope, 9)} ${pad(r.page, 18)} ${pad(call, 64)} ${String(r.n).padStart(3)} ${num(r.p50)} ${num(r.p95)} ${num(r.max)} ${num(r.kb)}  ${r.p95 < r.target ? 'ok' : `OVER ${r.target}`}`,
    );
  }
  const over = rows.filter((r) => r.p95 >= r.target);
  console.log(`\n${rows.length - over.length}/${rows.length} rows within target; ${over.length} over.`);
}

try {
  await run();
} finally {
  await new Promise<void>((resolve) => {
    server.on('exit', () => resolve());
    server.kill('SIGTERM');
  });
}
