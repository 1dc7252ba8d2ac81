// Benchmark (issue 10.3): the processor time each API call of a cell's and a member's pages costs on the embedded
// database (PGlite), measured in process. The embedded database runs in the app's own process on one thread, so the
// process's CPU time per request (process.cpuUsage) is what a request costs on a quiet machine, and it barely moves
// when other work shares the machine, unlike the wall-clock times of bench/province-pages.bench.ts. Also prints the
// wall-clock time and the statements each call runs.
//
//   DATA_DIR=.tmp/pglite30k npm run seed -- --members 30000
//   npx tsx bench/embedded-page-cpu.bench.ts .tmp/pglite30k [identifier=0900000002] [rounds=10]
//
// Signs in as the demo cell's secretary (or the given account) through the app (createApp, no HTTP) and calls the
// member's and the cell's pages: /me, the notifications bell, the member's meetings, the task inbox (mine, open),
// the account's sessions, the cell's detail and year plan, an adopted meeting of the member and its scores.
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { type Database, openPglite, type Queryable } from '../src/server/platform/db.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: npx tsx bench/embedded-page-cpu.bench.ts <DATA_DIR> [identifier] [rounds]');
  process.exit(2);
}
const identifier = process.argv[3] ?? '0900000002';
const rounds = Number(process.argv[4] ?? 10);

const raw = await openPglite(dataDir);
let statements = 0;
const counted = (q: Queryable): Queryable['query'] =>
  ((sql: string, params?: unknown[], name?: string) => {
    statements++;
    return q.query(sql, params, name);
  }) as Queryable['query'];
const db: Database = {
  ...raw,
  query: counted(raw),
  reader: { target: raw.reader.target, query: counted(raw.reader) },
  transaction: (fn) => raw.transaction((tx) => fn({ ...tx, query: counted(tx) })),
};
const app = createApp(db, loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', CHECK_RESPONSES: 'off' }));

const login = await app.request('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ identifier, password: 'ChiBo@2025' }),
});
if (login.status !== 200) throw new Error(`login ${identifier}: ${login.status}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
async function get<T>(path: string): Promise<T> {
  const res = await app.request(`/api${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const me = await get<{ roles: Array<{ organizationId: string | null }> }>('/me');
const cell = me.roles.find((r) => r.organizationId)!.organizationId!;
const mine = await get<{ recent: Array<{ id: string; status: string }> }>('/me/meetings');
const meeting = mine.recent.find((m) => m.status === 'adopted')?.id;
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const calls = [
  '/me',
  '/me/notifications',
  '/me/meetings',
  '/tasks?filter=mine',
  '/tasks?filter=open',
  '/auth/sessions',
  `/organizations/${cell}`,
  `/organizations/${cell}/meetings?year=${year}`,
  ...(meeting ? [`/meetings/${meeting}`, `/meetings/${meeting}/scores`] : []),
];

console.log(`${identifier} on ${dataDir}; ${rounds} rounds per call after 3 not counted`);
console.log(`${'call'.padEnd(48)} ${'cpu ms'.padStart(8)} ${'wall ms'.padStart(8)} ${'stmts'.padStart(6)}`);
for (const call of calls) {
  for (let i = 0; i < 3; i++) await get(call);
  statements = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await get(call);
  const wall = (performance.now() - t0) / rounds;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1000 / rounds;
  const shown = call.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
  console.log(
    `${shown.padEnd(48)} ${cpu.toFixed(1).padStart(8)} ${wall.toFixed(1).padStart(8)} ${(statements / rounds).toFixed(0).padStart(6)}`,
  );
}
await raw.close();
