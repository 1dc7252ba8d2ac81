// `npm run backup [-- --out FILE] [--force]`: one .tar.gz of the database (embedded in DATA_DIR, or DATABASE_URL)
// and the data folder's key area. See src/server/platform/backup.ts for what it holds.
import { parseArgs } from 'node:util';
import { BackupError, createBackup } from '../platform/backup.ts';
import { loadConfig } from '../platform/config.ts';

const { values } = parseArgs({
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
});
const config = loadConfig();
try {
  const r = await createBackup(
    { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL },
    { out: values.out, force: values.force },
  );
  const db = r.kind === 'pglite' ? `cơ sở dữ liệu nhúng (${config.DATA_DIR})` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Đã sao lưu ${db}: ${r.tables} bảng, ${r.rows} dòng, ${r.keys} tệp khóa.`);
  console.log(`Tệp sao lưu: ${r.file}`);
  console.log(`Khôi phục: npm run restore -- ${r.file}`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
