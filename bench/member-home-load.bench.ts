// Benchmark: a member's home on a cheap phone. Chromium with Lighthouse's "slow 4G" (150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up) and a 4× slower CPU loads the home page of the demo member (0900000003) with a cold cache,
// then again with a warm one; reports the largest contentful paint and the JavaScript transferred.
// Run: npx vite build && npx tsx bench/member-home-load.bench.ts [runs=5] [root=.]
//   root: the checkout whose built app to serve (its dist/web), e.g. a copy of main to measure "before".
// Uses Debian's chromium (/usr/bin/chromium, as playwright.config.ts) and E2E_PORT (default 3204) for the app.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

const runs = Number(process.argv[2] ?? 5);
const root = resolve(process.argv[3] ?? '.');
const port = Number(process.env.E2E_PORT ?? 3204);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = resolve('.tmp/bench-home-data');
const member = { identifier: '0900000003', password: 'ChiBo@2025' };

// Lighthouse's slow 4G (its "mobile" preset), applied per request by the browser's network emulation.
const slow4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const cpuSlowdown = 4;

/** Starts the app of `root` with fresh demo data, as playwright.config.ts does; resolves when it answers. */
async function startServer() {
  rmSync(dataDir, { recursive: true, force: true });
  // Never a DATABASE_URL from the shell: the embedded database, as the browser journeys use.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'on',
      DEMO_MEMBERS: '600',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server exited');
    await new Promise((r) => setTimeout(r, 200));
  }
  return () =>
    new Promise<void>((done) => {
      child.on('exit', () => done());
      child.kill('SIGTERM');
    });
}

interface Load {
  lcpMs: number;
  jsBytes: number;
  allBytes: number;
}

/** Loads the home page in `context` under throttling; the LCP and the bytes the network carried. */
async function loadHome(context: BrowserContext): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', slow4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const types = new Map<string, string>();
  let jsBytes = 0;
  let allBytes = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    allBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength;
  });
  await page.goto(`${baseURL}/`);
  // The state the member waits for: the greeting (h1) and their next meetings, with the network quiet.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          done(entries[entries.length - 1]!.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
  await cdp.detach();
  await page.close();
  return { lcpMs, jsBytes, allBytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function report(label: string, loads: Load[]) {
  const lcp = loads.map((l) => l.lcpMs);
  const js = loads.map((l) => l.jsBytes);
  console.log(
    `${label}: n=${loads.length} LCP median ${(median(lcp) / 1000).toFixed(2)} s, max ${(Math.max(...lcp) / 1000).toFixed(2)} s;` +
      ` JS transferred median ${(median(js) / 1000).toFixed(1)} kB; all transferred median ${(median(loads.map((l) => l.allBytes)) / 1000).toFixed(1)} kB`,
  );
}

const stop = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
try {
  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let i = 0; i < runs; i++) {
    // A new context has an empty cache and no cookies: sign in through the API (no throttling), then load.
    const context = await browser.newContext({
      baseURL,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const login = await context.request.post('/api/auth/login', { data: member });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    const first = await loadHome(context);
    const again = await loadHome(context);
    cold.push(first);
    warm.push(again);
    console.log(
      `run ${i + 1}: cold LCP ${first.lcpMs.toFixed(0)} ms, JS ${first.jsBytes} B; warm LCP ${again.lcpMs.toFixed(0)} ms, JS ${again.jsBytes} B`,
    );
    await context.close();
  }
  console.log(`root ${root}; slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up), CPU ×${cpuSlowdown}`);
  report('cold cache', cold);
  report('warm cache', warm);
} finally {
  await browser.close();
  await stop();
}
