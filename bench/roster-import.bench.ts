// Benchmark of roster import: a 20,000-row .xlsx read, checked and committed, then re-imported as updates,
// then exported, on embedded PGlite. Run: npx tsx bench/roster-import.bench.ts [rows]
import { cpus } from 'node:os';
import ExcelJS from 'exceljs';
import type { RosterImportView } from '../src/contracts/roster-import.ts';
import { waitForBackgroundWork } from '../src/server/features/roster-import/roster-import.service.ts';
import { openPglite } from '../src/server/platform/db.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
} from '../src/server/testing/factories.ts';

const rowCount = Number(process.argv[2] ?? 20_000);
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const header = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Tôn giáo',
  'Quê quán',
  'Trình độ học vấn',
  'Lý luận chính trị',
  'Nghề nghiệp',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
  'Email',
  'Trạng thái',
];
const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const middles = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Đức', 'Ngọc'];
const givens = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Hà',
  'Hải',
  'Hoa',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phương',
  'Sơn',
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function memberRow(i: number): Array<string | number | Date> {
  const year = 1950 + (i % 50);
  const probationary = i % 10 === 0;
  const admitted = new Date(Date.UTC(year + 25, i % 12, (i % 28) + 1));
  const full = new Date(Date.UTC(year + 26, i % 12, (i % 28) + 1));
  return [
    i + 1,
    `${families[i % families.length]} ${middles[(i >> 3) % middles.length]} ${givens[(i >> 5) % givens.length]} ${i}`,
    `${pad((i % 28) + 1, 2)}/${pad((i % 12) + 1, 2)}/${year}`,
    i % 3 ? 'Nam' : 'Nữ',
    'Kinh',
    'Không',
    'Xã Yên Lạc, tỉnh Phú Thọ',
    '12/12',
    'Trung cấp',
    'Giáo viên',
    probationary ? `${pad((i % 28) + 1, 2)}/03/2025` : admitted,
    probationary ? '' : full,
    probationary ? '' : `9${pad(i, 8)}`,
    `0${pad(i, 11)}`,
    `07${pad(i, 8)}`,
    `dv${i}@example.vn`,
    probationary ? 'Dự bị' : 'Chính thức',
  ];
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`);
  return result;
}

const db = await openPglite();
await migrate(db);
const { cellA } = await makeProvince(db);
const secretary = await makeMember(db, cellA, { fullName: 'Phạm Thị Bí Thư' });
await makePosition(db, cellA, secretary, 'secretary');
const { signIn } = makeClient(db);
const req = await signIn((await makeAccount(db, secretary)).identifier);

const bytes = await time(`generate ${rowCount} rows as .xlsx`, async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['DANH SÁCH ĐẢNG VIÊN']);
  ws.addRow([cellA.name]);
  ws.addRow(header);
  for (let i = 0; i < rowCount; i++) ws.addRow(memberRow(i));
  for (const c of [3, 11, 12]) ws.getColumn(c).numFmt = 'dd/mm/yyyy';
  return new Uint8Array(await wb.xlsx.writeBuffer());
});
console.log(`file size ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

async function runImport(label: string, file: Uint8Array): Promise<RosterImportView> {
  const body = new FormData();
  body.append('file', new File([new Uint8Array(file)], 'danh-sach.xlsx', { type: xlsxType }));
  body.append('organizationId', cellA.id);
  const id = await time(`${label}: upload (read workbook, find header)`, async () => {
    const res = await req('/api/roster-imports', { method: 'POST', body });
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  });
  const checked = await time(`${label}: parse, validate, match`, async () => {
    await waitForBackgroundWork();
    return (await (await req(`/api/roster-imports/${id}`)).json()) as RosterImportView;
  });
  console.log(
    `  status ${checked.status}, problems ${checked.problems.length}, summary ${JSON.stringify(checked.summary)}`,
  );
  if (checked.status !== 'ready') {
    console.log(checked.problems.slice(0, 5));
    throw new Error('not ready');
  }
  return time(`${label}: commit (one transaction)`, async () => {
    const res = await req(`/api/roster-imports/${id}/commit`, { method: 'POST' });
    if (res.status !== 202) throw new Error(`commit: ${res.status} ${await res.text()}`);
    await waitForBackgroundWork();
    const view = (await (await req(`/api/roster-imports/${id}`)).json()) as RosterImportView;
    if (view.status !== 'committed') throw new Error(`commit ended ${view.status}: ${view.error}`);
    return view;
  });
}

console.log(
  `node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}, PGlite in memory`,
);
await runImport('first import', bytes);
const exported = await time('export .xlsx', async () => {
  const res = await req(`/api/members/export.xlsx?organizationId=${cellA.id}`);
  if (res.status !== 200) throw new Error(`export: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
});
const again = await runImport('re-import of the export', exported);
console.log(`  updated ${again.summary?.update}, created ${again.summary?.create}`);
await db.close();
