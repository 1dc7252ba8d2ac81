// Checks the read summaries (issue 10.3) against a recomputation from scratch (the cells' compliance and ratings,
// the rollups by organisation and month, the member list's rows and member counts of migration 0014, and the
// "bốn tốt" judgements of migration 0015):
//   npx tsx src/server/cli/summaries-check.ts                 every cell's kept summaries, all years kept, the
//                                                             rollups, the member list and counts, bốn tốt
//   npx tsx src/server/cli/summaries-check.ts --year 2026     also the compliance pages' numbers of that year
//   npx tsx src/server/cli/summaries-check.ts --rebuild       recompute them all first (after a restore or a
//                                                             load beside the services)
// Uses DATA_DIR or DATABASE_URL like the server (stop the server first on the embedded database). Exits 1 on any
// difference, printing the first ones.
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { openPglite, openPostgres } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { checkMembers } from '../features/summaries/member-summaries.service.ts';
import { checkAll, checkReads, checkRollups, rebuildAll } from '../features/summaries/summaries.service.ts';
import { checkFourGood } from '../features/evaluation/four-good-summary.ts';

const { values: args } = parseArgs({
  options: { year: { type: 'string' }, rebuild: { type: 'boolean', default: false } },
});
const config = loadConfig();
const db = config.DATABASE_URL ? openPostgres(config.DATABASE_URL, 1) : await openPglite(config.DATA_DIR);
await migrate(db);
if (args.rebuild) {
  const r = await rebuildAll(db, (done, total) =>
    process.stdout.write(`\rTính lại: ${done}/${total} chi bộ`),
  );
  console.log(`\nĐã tính lại tổng hợp của ${r.cells} chi bộ.`);
}
const kept = await checkAll(db);
console.log(
  `Tổng hợp đã lưu: ${kept.cells} chi bộ, ${kept.years} năm; khác với tính lại: ${kept.mismatches.length}`,
);
for (const m of kept.mismatches.slice(0, 5)) console.log(JSON.stringify(m));
const fourGood = await checkFourGood(db);
console.log(
  `Bốn tốt đã lưu: ${fourGood.organizations} tổ chức, ${fourGood.rows} dòng; khác với tính lại: ${fourGood.mismatches.length}`,
);
for (const m of fourGood.mismatches.slice(0, 5)) console.log(JSON.stringify(m));
const rollups = await checkRollups(db);
console.log(
  `Tổng hợp theo tổ chức và tháng: ${rollups.rows} dòng; khác với cộng lại từ chi bộ: ${rollups.differences.length}`,
);
for (const d of rollups.differences.slice(0, 5)) console.log(JSON.stringify(d));
const members = await checkMembers(db);
console.log(
  `Danh sách và số đảng viên: ${members.members} đảng viên; dòng khác với tính lại: ${members.listing.length}, ` +
    `số đếm khác: ${members.counts.length}`,
);
for (const m of [...members.listing, ...members.counts].slice(0, 5)) console.log(JSON.stringify(m));
let differences =
  fourGood.mismatches.length + rollups.differences.length + members.listing.length + members.counts.length;
if (args.year) {
  const reads = await checkReads(db, Number(args.year));
  differences += reads.differences.length;
  console.log(`Trang tuân thủ năm ${args.year}: ${reads.cells} chi bộ; khác với tính từ đầu: ${differences}`);
  for (const d of reads.differences.slice(0, 5)) console.log(JSON.stringify(d));
}
await db.close();
process.exit(kept.mismatches.length + fourGood.mismatches.length + differences > 0 ? 1 : 0);
