// The size budget of a member's pages (issue 9): after `vite build`, weighs from Vite's manifest the JavaScript each
// page needs on a first visit (the entry and its static imports, plus the page's lazy chunk and its static imports),
// compressed with brotli as the server sends it (the .br written beside each asset), and fails above the budget.
// Run: npx vite build && npx tsx scripts/check-bundle-budget.ts   (CI: scripts/test.sh, step "build")
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One chunk of `.vite/manifest.json` (the fields used here). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** A member's pages (and the sign-in page a new phone opens first) and the module each loads lazily (src/web/router.tsx). */
export const memberPages: Record<string, string> = {
  home: 'features/home/HomePage.tsx',
  meeting: 'features/meetings/MeetingPage.tsx',
  tasks: 'features/tasks/TasksPage.tsx',
  account: 'features/auth/AccountPage.tsx',
  login: 'features/auth/LoginPage.tsx',
};

/** Modules a member's page must never load up front: the charts and the committees' and officers' pages. */
export const notForMembers = [
  'features/scoring/RatingsCharts.tsx',
  'features/scoring/RatingsPage.tsx',
  'features/organizations/TreePage.tsx',
  'features/organizations/OrganizationPage.tsx',
  'features/plan/PlanPage.tsx',
  'features/evaluation/EvaluationPage.tsx',
  'features/members/MembersPage.tsx',
  'features/members/MemberProfilePage.tsx',
  'features/roster-import/RosterImportPage.tsx',
];

export const budgetBytes = 200 * 1000;

/** The manifest keys a chunk loads before it runs: itself and its static imports, transitively. */
export function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the manifest has no chunk "${key}"`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

export interface PageWeight {
  page: string;
  files: string[];
  jsBytes: number;
  cssBytes: number;
  problems: string[];
}

/**
 * What each member page needs on a first visit, weighed by `sizeOf(file)` (compressed bytes). A page is a problem
 * when its JavaScript is over the budget, when it is not split (no lazy chunk of its own) or when it pulls in
 * a module meant for committees and officers.
 */
export function weighPages(
  manifest: Manifest,
  sizeOf: (file: string) => number,
  budget = budgetBytes,
): PageWeight[] {
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const entryKey = entries[0]![0];
  return Object.entries(memberPages).map(([page, module]) => {
    const problems: string[] = [];
    const keys = staticClosure(manifest, entryKey);
    if (!manifest[module]?.isDynamicEntry) problems.push(`${module} is not a lazy chunk of its own`);
    else staticClosure(manifest, module, keys);
    for (const key of keys) {
      const src = manifest[key]?.src;
      if (src && notForMembers.includes(src)) problems.push(`loads ${src} up front`);
    }
    const js = [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    const css = [...new Set([...keys].flatMap((k) => manifest[k]!.css ?? []))];
    const jsBytes = js.reduce((sum, f) => sum + sizeOf(f), 0);
    const cssBytes = css.reduce((sum, f) => sum + sizeOf(f), 0);
    if (jsBytes > budget) problems.push(`${kB(jsBytes)} of JavaScript is over the budget of ${kB(budget)}`);
    return { page, files: js, jsBytes, cssBytes, problems };
  });
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function main() {
  const webRoot = join(import.meta.dirname, '..', 'dist', 'web');
  const manifestFile = join(webRoot, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) {
    console.error(`${manifestFile} is missing: run \`npx vite build\` first`);
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const brotliSize = (file: string) => {
    const br = join(webRoot, `${file}.br`);
    if (!existsSync(br)) throw new Error(`${file}.br is missing: the build must precompress every asset`);
    return statSync(br).size;
  };
  const weights = weighPages(manifest, brotliSize);
  let failed = false;
  console.log(`JavaScript a member's page needs on a first visit (brotli), budget ${kB(budgetBytes)}:`);
  for (const w of weights) {
    console.log(
      `  ${w.page.padEnd(8)} ${kB(w.jsBytes).padStart(9)} in ${w.files.length} files   (CSS ${kB(w.cssBytes)})`,
    );
    for (const p of w.problems) console.log(`    FAIL: ${p}`);
    failed ||= w.problems.length > 0;
  }
  if (failed) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
