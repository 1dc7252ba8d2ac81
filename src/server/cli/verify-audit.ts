// Verifies the audit log's hash chains: `npm run audit:verify` (uses DATA_DIR or DATABASE_URL like the app).
import { verifyAuditChain } from '../platform/audit.ts';
import { loadConfig } from '../platform/config.ts';
import { openPglite, openPostgres } from '../platform/db.ts';

const config = loadConfig();
const db = config.DATABASE_URL ? openPostgres(config.DATABASE_URL, 1) : await openPglite(config.DATA_DIR);
const result = await verifyAuditChain(db);
await db.close();
if (result.broken.length === 0) {
  console.log(`Nhật ký kiểm toán toàn vẹn: ${result.rows} bản ghi trong ${result.chains} chuỗi.`);
} else {
  console.error(`Nhật ký kiểm toán bị sửa đổi (${result.broken.length} chuỗi hỏng):`);
  for (const b of result.broken)
    console.error(`  chuỗi ${b.chain || '(hệ thống)'} tại số ${b.seq}: ${b.reason}`);
  process.exit(1);
}
