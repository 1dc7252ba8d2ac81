// Structure metrics the codebase is held to (issue 8): SQL outside repositories, files over 500 lines, long route
// handlers, import of another feature's repository. `npx tsx scripts/code-metrics.ts [--list]`
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const list = process.argv.includes('--list');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const files = walk(join(root, 'src')).map((p) => ({
  path: relative(root, p),
  text: readFileSync(p, 'utf8'),
}));
const isTest = (p: string) => /\.(test|fixtures)\.tsx?$/.test(p) || p.includes('/testing/');
// Data tables, message catalogues and the demo generator may be long (issue 8).
const longAllowed = (p: string) =>
  /(^src\/messages\/|\/i18n\/|\/demo\/|scoring-frameworks\.ts$|vietnamese-names\.ts$)/.test(p) || isTest(p);
const isRepository = (p: string) => /\.repository\.ts$/.test(p) || /\/repositories?\//.test(p);
const isPlatform = (p: string) => p.startsWith('src/server/platform/') || p.startsWith('src/server/cli/');
const isDemo = (p: string) => p.includes('/demo/');

const sqlCall = /\.(query|queryOne|exec)\s*(<[^>]*>)?\s*\(/g;
const sqlOutside: Array<[string, number]> = [];
for (const f of files) {
  if (
    !f.path.startsWith('src/server/') ||
    isTest(f.path) ||
    isRepository(f.path) ||
    isPlatform(f.path) ||
    isDemo(f.path)
  )
    continue;
  const n = f.text.match(sqlCall)?.length ?? 0;
  if (n) sqlOutside.push([f.path, n]);
}

const long = files
  .filter((f) => !longAllowed(f.path))
  .map((f) => [f.path, f.text.split('\n').length] as [string, number])
  .filter(([, n]) => n > 500);

// A route handler: the function passed as the last argument of `.openapi(route, handler)` or `.get/.post(path, handler)`.
const longHandlers: Array<[string, number, number]> = [];
for (const f of files.filter((x) => x.path.endsWith('.routes.ts'))) {
  const lines = f.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/=>\s*\{\s*$/.test(lines[i]!) || !/async\s*\(/.test(lines[i]!)) continue;
    const indent = lines[i]!.match(/^\s*/)![0].length;
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.match(/^\s*/)![0].length <= indent && /^\s*\}/.test(lines[j]!)))
      j++;
    const body = j - i - 1;
    if (body > 15) longHandlers.push([f.path, i + 1, body]);
  }
}

const crossRepo: string[] = [];
for (const f of files.filter((x) => x.path.startsWith('src/server/features/'))) {
  const feature = f.path.split('/')[3];
  for (const m of f.text.matchAll(/from '\.\.\/([a-z-]+)\/[^']*\.repository\.ts'/g))
    if (m[1] !== feature) crossRepo.push(`${f.path} → ${m[1]}`);
}

const total = (xs: Array<[string, number]>) => xs.reduce((s, [, n]) => s + n, 0);
console.log(`SQL calls outside repositories: ${total(sqlOutside)} in ${sqlOutside.length} files`);
if (list) for (const [p, n] of sqlOutside.sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${p}`);
console.log(`Code files over 500 lines: ${long.length}`);
if (list) for (const [p, n] of long) console.log(`  ${n}\t${p}`);
console.log(`Route handlers over 15 lines: ${longHandlers.length}`);
if (list) for (const [p, l, n] of longHandlers) console.log(`  ${n}\t${p}:${l}`);
console.log(`Imports of another feature's repository: ${crossRepo.length}`);
if (list) for (const x of crossRepo) console.log(`  ${x}`);
