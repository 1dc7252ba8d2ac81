// Browser journeys. Runs Debian's Chromium (never `playwright install`: browser downloads fail on our machines)
// against the app started on port 3123 (E2E_PORT) with fresh demo data in .tmp/e2e-data. Build the web app first.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts run their journeys at once on one machine.
const port = Number(process.env.E2E_PORT ?? 3123);
const baseURL = `http://127.0.0.1:${port}`;
const ci = !!process.env.CI;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    // The app honours prefers-reduced-motion (theme.respectReducedMotion): toasts and transitions appear at once,
    // so axe never samples a colour halfway through a fade.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
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
    },
  },
  webServer: {
    // Wipe the data dir so every run starts from the same demo data; never use a DATABASE_URL from the shell.
    command: 'rm -rf .tmp/e2e-data && exec env -u DATABASE_URL node --import tsx src/server/main.ts',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: '.tmp/e2e-data',
      DEMO_DATA: 'on',
      DEMO_MEMBERS: '600',
      // Every answer and live-room event is checked against its contract (ADR 011): a drift fails the journey.
      CHECK_RESPONSES: 'on',
      LOG_LEVEL: 'warn',
    },
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
