// Vitest global set-up: migrate once into a snapshot (PGlite) or a template database (PostgreSQL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openPglite, openPostgres, type wrapPglite } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { snapshotFile, templateName } from './test-db.ts';

export default async function setup() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = openPostgres(serverUrl, 1);
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.query(`CREATE DATABASE ${templateName}`);
    await admin.close();
    const url = new URL(serverUrl);
    url.pathname = `/${templateName}`;
    const golden = openPostgres(url.toString(), 1);
    await migrate(golden);
    await golden.close();
    return;
  }
  const db = await openPglite();
  await migrate(db);
  const raw = (db as ReturnType<typeof wrapPglite>).raw;
  const dump = await raw.dumpDataDir('gzip');
  mkdirSync(dirname(snapshotFile), { recursive: true });
  writeFileSync(snapshotFile, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}
