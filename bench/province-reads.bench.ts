// Benchmark: p95 of the API calls behind the committee pages (province compliance, ratings, four-good, a cell's
// annual evaluation, the province member list and search, a commune's compliance and ratings, a cell's pages) on the
// embedded database (PGlite) with demo data. Issue 10.3: target p95 < 100 ms at 30,000 members.
// Run: npm run build && npx tsx bench/province-reads.bench.ts [members=30000] [rounds=20]
// (the first run seeds .tmp/bench-province-<members>, which takes minutes; later runs reuse it)
import { existsSync } from 'node:fs';
import { freePort, signIn, startBuiltApp, timeGets } from './lib.ts';

const members = Number(process.argv[2] ?? 30000);
const rounds = Number(process.argv[3] ?? 20);
const dataDir = `.tmp/bench-province-${members}`;

const seeded = existsSync(dataDir);
const port = await freePort();
const server = await startBuiltApp(port, { DATA_DIR: dataDir, DEMO_MEMBERS: String(members) });
console.log(
  `${seeded ? 'start on existing data' : 'first start with demo data'} (${members} members): ${(server.ms / 1000).toFixed(1)} s`,
);
const base = `http://127.0.0.1:${port}/api`;

const cookie = await signIn(base, '0900000006'); // the province organisation board's officer
const get = async (path: string) => {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

interface Node {
  id: string;
  kind: string;
  childCount: number;
  memberCount: number;
}
// The province, then down the largest branch to a commune and its largest cell.
const province = ((await get('/organizations/tree')) as { nodes: Node[] }).nodes[0]!;
let parent = province;
let commune = province;
let cell: Node | null = null;
while (!cell) {
  const children = ((await get(`/organizations/tree?parentId=${parent.id}`)) as { nodes: Node[] }).nodes;
  const cells = children.filter((n) => n.kind === 'cell' || n.kind === 'grassroots_cell');
  if (cells.length > 0 && parent.id !== province.id) {
    commune = parent;
    cell = cells.reduce((a, b) => (b.memberCount > a.memberCount ? b : a));
  } else {
    parent = children
      .filter((n) => n.childCount > 0)
      .reduce((a, b) => (b.memberCount > a.memberCount ? b : a));
  }
}
const year = new Date().getFullYear();
console.log(
  `province ${province.memberCount} members; commune ${commune.memberCount}; cell ${cell.memberCount}`,
);

const pages: Array<[string, string]> = [
  ['province compliance', `/organizations/${province.id}/compliance?year=${year}&limit=50`],
  ['province ratings', `/organizations/${province.id}/ratings?year=${year}&limit=50`],
  ['province member list', `/members`],
  ['province member search', `/members?q=nguyen%20van`],
  ['commune compliance', `/organizations/${commune.id}/compliance?year=${year}&limit=50`],
  ['commune ratings', `/organizations/${commune.id}/ratings?year=${year}&limit=50`],
  ['province four-good', `/organizations/${province.id}/four-good?year=${year}&period=year`],
  ['commune four-good', `/organizations/${commune.id}/four-good?year=${year}&period=year`],
  ['cell four-good', `/organizations/${cell.id}/four-good?year=${year - 1}&period=year`],
  ['cell annual evaluation', `/organizations/${cell.id}/evaluations?year=${year - 1}`],
  ['cell year plan', `/organizations/${cell.id}/meetings?year=${year}`],
  ['cell ratings', `/organizations/${cell.id}/ratings?year=${year}`],
  ['cell members', `/members?organizationId=${cell.id}`],
];
try {
  for (const [label, path] of pages) {
    await get(path); // warm
    const t = await timeGets([`${base}${path}`], cookie, rounds);
    const line = `${label.padEnd(24)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  ${(t.bytes / 1024).toFixed(1).padStart(8)} kB`;
    console.log(line);
  }
} finally {
  await server.stop();
}
