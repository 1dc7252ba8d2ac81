// `npm run restore -- FILE [--force]`: restores a backup made by `npm run backup` into DATA_DIR (embedded) or
// DATABASE_URL (PostgreSQL); refuses to write over a non-empty target unless --force. Stop the server first.
import { parseArgs } from 'node:util';
import { BackupError, restoreBackup } from '../platform/backup.ts';
import { loadConfig } from '../platform/config.ts';

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('Cách dùng: npm run restore -- <tệp sao lưu .tar.gz> [--force]');
  process.exit(2);
}
const config = loadConfig();
try {
  const r = await restoreBackup(
    { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL },
    positionals[0]!,
    {
      force: values.force,
    },
  );
  for (const p of r.keptAside) console.log(`Dữ liệu cũ được giữ lại tại: ${p}`);
  console.log(
    `Đã khôi phục bản sao lưu lúc ${r.createdAt} vào ${r.target}: ${r.tables} bảng, ${r.rows} dòng ` +
      `(đã đối chiếu tổng kiểm md5 từng bảng), ${r.keys} tệp khóa.`,
  );
  if (r.extraTables.length)
    console.log(`Các bảng không có trong bản sao lưu được giữ nguyên: ${r.extraTables.join(', ')}`);
} catch (err) {
  if (!(err instanceof BackupError)) throw err;
  console.error(err.message);
  process.exit(1);
}
