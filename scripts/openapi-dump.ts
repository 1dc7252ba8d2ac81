// Prints the OpenAPI document the app serves (for diffing the API before and after a change).
// `npx tsx scripts/openapi-dump.ts > openapi.json`
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { Database } from '../src/server/platform/db.ts';

const app = createApp({} as Database, loadConfig({ ...process.env, DEMO_DATA: 'off' }));
const res = await app.request('/api/openapi.json');
process.stdout.write(JSON.stringify(await res.json(), null, 2) + '\n');
