// One app server process of the check-in storm benchmark (bench/checkin-storm.bench.ts): the real app on a
// PostgreSQL pool of its own, on a free port it prints once listening.
// Run by the benchmark: npx tsx bench/checkin-storm.server.ts <database url> <pool size>
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPostgres } from '../src/server/platform/db.ts';

const [url, poolSize] = process.argv.slice(2);
const db = openPostgres(url!, Number(poolSize ?? 10));
const app = createApp(db, loadConfig({ LOG_LEVEL: 'error' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
server.once('listening', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void db.close().finally(() => process.exit(0));
});
