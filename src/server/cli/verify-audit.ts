// Verifies the audit log against the server's key and the signed checkpoints kept outside the database (ADR 009):
//   npm run audit:verify                              verify; print the newest checkpoint of each chain
//   npm run audit:verify -- --checkpoints FILE        verify against a copy of the checkpoints kept elsewhere
//   npm run audit:verify -- --export FILE             also write the valid checkpoints to FILE, to keep elsewhere
//   npm run audit:verify -- --seal                    seal pending events first (nothing is sealed otherwise)
// Uses DATA_DIR or DATABASE_URL, AUDIT_KEY_FILE and AUDIT_CHECKPOINT_FILE like the server. Exits 1 on failure.
import { parseArgs } from 'node:util';
import { auditPaths, exportCheckpoints, readAuditKey, readCheckpoints } from '../platform/audit-keys.ts';
import { AuditSealer } from '../platform/audit-sealer.ts';
import { verifyAuditChain } from '../platform/audit-verify.ts';
import { loadConfig } from '../platform/config.ts';
import { openPglite, openPostgres } from '../platform/db.ts';

const { values: args } = parseArgs({
  options: {
    checkpoints: { type: 'string' },
    export: { type: 'string' },
    seal: { type: 'boolean', default: false },
  },
});

const config = loadConfig();
const paths = auditPaths(config);
const keys = readAuditKey(paths.keyFile);
const checkpointFile = args.checkpoints ?? paths.checkpointFile;
const db = config.DATABASE_URL ? openPostgres(config.DATABASE_URL, 1) : await openPglite(config.DATA_DIR);

if (args.seal) {
  if (!keys) throw new Error(`no audit key at ${paths.keyFile}: cannot seal`);
  const sealer = new AuditSealer(db, keys, { checkpointFile: paths.checkpointFile });
  console.log(`Đã niêm phong ${await sealer.sealAll()} sự kiện đang chờ.`);
  await sealer.stop();
}
const checkpoints = readCheckpoints(checkpointFile, keys);
const result = await verifyAuditChain(db, { keys, checkpoints });
await db.close();

const chainName = (chain: string) => chain || '(hệ thống)';
console.log(`Khoá: ${keys ? `${keys.keyId} (${paths.keyFile})` : `không có (${paths.keyFile})`}`);
if (keys) console.log(`Khoá công khai kiểm tra điểm chốt (Ed25519, SPKI base64): ${keys.publicKeyText}`);
console.log(`Điểm chốt: ${checkpointFile}${checkpoints.present ? '' : ' (không có tệp)'}`);
for (const c of result.latest)
  console.log(`  chuỗi ${chainName(c.chain)}: số ${c.seq}, ${c.at}, băm ${c.hash.slice(0, 16)}…`);
for (const chain of result.unpinned) console.log(`  chuỗi ${chainName(chain)}: chưa có điểm chốt`);
console.log(`Đang chờ niêm phong: ${result.pending} sự kiện.`);

if (args.export) {
  const n = exportCheckpoints(checkpoints.checkpoints, args.export);
  console.log(`Đã xuất ${n} điểm chốt hợp lệ vào ${args.export}; cất bản này ở nơi khác máy chủ.`);
}

if (result.ok) {
  console.log(
    `KẾT LUẬN: toàn vẹn — ${result.rows} bản ghi (${result.keyedRows} có khoá) trong ${result.chains} chuỗi.`,
  );
} else {
  console.error('KẾT LUẬN: nhật ký kiểm toán bị sửa đổi hoặc không kiểm chứng được:');
  for (const p of result.problems) console.error(`  ${p}`);
  for (const b of result.broken) console.error(`  chuỗi ${chainName(b.chain)} tại số ${b.seq}: ${b.reason}`);
  process.exitCode = 1;
}
