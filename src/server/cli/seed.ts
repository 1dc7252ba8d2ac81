// Loads the demo data into an empty database, outside the server, with progress:
//   npm run seed                                  the everyday demo (DEMO_MEMBERS, 3,000 by default)
//   npm run seed -- --preset province             a large province to measure with: 400,000 members
//   npm run seed -- --members 50000 [--seed N] [--today YYYY-MM-DD]
// Uses DATABASE_URL (PostgreSQL) or DATA_DIR (embedded) like the server, and migrates first. On PostgreSQL the
// rows go in with COPY … FROM STDIN in one transaction (src/server/demo/bulk-copy.ts); on the embedded database
// with the demo's usual INSERT statements. Refuses a database that already holds organisations.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCopyingPostgres } from '../demo/bulk-copy.ts';
import { createDemoData, demoAccounts, demoPassword, hasData } from '../demo/demo-data.ts';
import { loadConfig } from '../platform/config.ts';
import { analyze, type Database, databaseSize, openPglite, openPostgres } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';

/** Named sizes. `province`: about the party organisation of a large province after the 2025 reform. */
const presets: Record<string, number> = {
  demo: 3_000,
  province: 400_000,
};

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string' },
    members: { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
  },
});

const config = loadConfig();
if (args.preset !== undefined && !(args.preset in presets)) {
  console.error(`Không có bộ mẫu "${args.preset}"; có: ${Object.keys(presets).join(', ')}.`);
  process.exit(2);
}
const members = Number(
  args.members ?? (args.preset ? presets[args.preset] : undefined) ?? config.DEMO_MEMBERS,
);
const seed = Number(args.seed ?? config.DEMO_SEED);
if (!Number.isInteger(members) || !Number.isInteger(seed)) {
  console.error('--members và --seed phải là số nguyên.');
  process.exit(2);
}

let db: Database;
if (config.DATABASE_URL) {
  const plain = openPostgres(config.DATABASE_URL, 1);
  await migrate(plain);
  await plain.close();
  db = await openCopyingPostgres(config.DATABASE_URL);
} else {
  mkdirSync(config.DATA_DIR, { recursive: true });
  db = await openPglite(config.DATA_DIR);
  await migrate(db);
}

if (await hasData(db)) {
  console.error('Cơ sở dữ liệu đã có dữ liệu: bộ mẫu chỉ nạp vào cơ sở dữ liệu trống.');
  await db.close();
  process.exit(1);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s`;
console.log(
  `Nạp dữ liệu mẫu: ${members.toLocaleString('vi-VN')} đảng viên, hạt giống ${seed}, ` +
    `${db.kind === 'postgresql' ? 'PostgreSQL, COPY' : 'cơ sở dữ liệu nhúng, INSERT'}`,
);
const summary = await createDemoData(db, {
  seed,
  members,
  today: args.today,
  progress: (message) => console.log(`${elapsed()}  ${message}`),
});
console.log(`${elapsed()}  đã ghi xong; cập nhật thống kê (ANALYZE)…`);
await analyze(db);
const loaded = performance.now() - started;
const size = await databaseSize(db);
await db.close();

console.log(
  `Xong sau ${(loaded / 60_000).toFixed(1)} phút: ${summary.organizations} tổ chức, ` +
    `${summary.members} đảng viên, ${summary.accounts} tài khoản` +
    (size ? `; cơ sở dữ liệu ${size}` : ''),
);
console.log(`Tài khoản mẫu, mật khẩu chung: ${demoPassword}`);
for (const a of demoAccounts) console.log(`  ${a.identifier.padEnd(12)} ${a.role} — ${a.organizationName}`);
