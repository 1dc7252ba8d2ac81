// Benchmark: start-up times and p95 latency of the tree API and member search on PGlite with demo data.
// Run: npm run build && npx tsx bench/api.bench.ts [members=3000]  (results go to docs/PERFORMANCE.md by hand, with the machine)
import { rmSync } from 'node:fs';
import { freePort, signIn, startBuiltApp, timeGets } from './lib.ts';

const members = Number(process.argv[2] ?? 3000);
const dataDir = `.tmp/bench-data-${members}`;
const start = (port: number) => startBuiltApp(port, { DATA_DIR: dataDir, DEMO_MEMBERS: String(members) });

async function measure(label: string, urls: string[], cookie: string, rounds = 5) {
  const t = await timeGets(urls, cookie, rounds);
  const line = `${label}: n=${t.n} p50=${t.p50.toFixed(1)} ms p95=${t.p95.toFixed(1)} ms max=${t.max.toFixed(1)} ms`;
  console.log(line);
  return line;
}

rmSync(dataDir, { recursive: true, force: true });
const port = await freePort();
const first = await start(port);
console.log(`first start with demo data (${members} members): ${(first.ms / 1000).toFixed(1)} s`);
await first.stop();
const again = await start(port);
console.log(`start on existing data: ${(again.ms / 1000).toFixed(2)} s`);

const base = `http://127.0.0.1:${port}/api`;
const cookie = await signIn(base, '0900000006');

// Walk the whole tree once to collect every node id, then time the children of each.
const ids: string[] = [];
const roots = await (await fetch(`${base}/organizations/tree`, { headers: { cookie } })).json();
const queue: string[] = roots.nodes.map((n: { id: string }) => n.id);
while (queue.length > 0) {
  const id = queue.shift()!;
  ids.push(id);
  const body = await (
    await fetch(`${base}/organizations/tree?parentId=${id}`, { headers: { cookie } })
  ).json();
  for (const n of body.nodes as Array<{ id: string; childCount: number }>)
    if (n.childCount > 0) queue.push(n.id);
}
await measure(
  `tree children (${ids.length} parents)`,
  ids.map((id) => `${base}/organizations/tree?parentId=${id}`),
  cookie,
);
await measure(
  'tree as of 2024-06-01 (root)',
  [`${base}/organizations/tree?parentId=${ids[0]}&asOf=2024-06-01`],
  cookie,
  40,
);
await measure('organisation page (root)', [`${base}/organizations/${ids[0]}`], cookie, 40);
const queries = ['nguyen', 'duc', 'tran thi', 'van an', 'hoa', 'le', 'pham minh', 'thu', 'xyz', 'ngoc'];
await measure(
  'member search (whole province)',
  queries.map((q) => `${base}/members?q=${encodeURIComponent(q)}`),
  cookie,
  8,
);
await measure('member list page 1 (whole province)', [`${base}/members`], cookie, 40);
await again.stop();
