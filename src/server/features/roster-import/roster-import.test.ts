// Service tests of roster import and export: upload, check, problems, all-or-nothing commit, re-import, export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RosterImportView, rosterUploadLimits } from '../../../contracts/roster-import.ts';
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makePosition,
  makeProvince,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';
import { inVi } from '../../../domain/testing-messages.ts';
import { type Message, renderVi } from '../../../messages/index.ts';
import { waitForBackgroundWork } from './roster-import.service.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => {
  await waitForBackgroundWork();
  await db.close();
});

type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function secretaryOf(cell: OrgRef): Promise<Req> {
  const m = await makeMember(db, cell, { fullName: 'Phạm Thị Bí Thư' });
  await makePosition(db, cell, m, 'secretary');
  const account = await makeAccount(db, m);
  return client.signIn(account.identifier);
}

const header = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
  'Trạng thái',
];

let serial = 0;
/** Rows of distinct members; identifiers are unique across the whole test file. */
function people(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(++serial).padStart(5, '0');
    return [
      String(i + 1),
      `Nguyễn Văn Thử ${k}`,
      `0${(i % 9) + 1}/03/1980`,
      i % 2 ? 'Nữ' : 'Nam',
      'Kinh',
      '03/02/2010',
      '03/02/2011',
      `7${k}1`,
      `0010800${k}`,
      `03812${k}`,
      'Chính thức',
    ];
  });
}

async function xlsx(
  rows: unknown[][],
  titles = ['DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG', 'Đảng bộ xã Yên Lạc'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  for (const t of titles) {
    const r = ws.addRow([t]);
    ws.mergeCells(r.number, 1, r.number, header.length);
  }
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function form(bytes: Uint8Array | string, name: string, organizationId: string, type = xlsxType) {
  const f = new FormData();
  f.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type }));
  f.append('organizationId', organizationId);
  return f;
}

async function upload(req: Req, body: FormData) {
  return req('/api/roster-imports', { method: 'POST', body });
}

async function view(req: Req, id: string): Promise<RosterImportView> {
  await waitForBackgroundWork();
  const res = await req(`/api/roster-imports/${id}`);
  expect(res.status).toBe(200);
  return res.json();
}

async function importFile(req: Req, body: FormData): Promise<RosterImportView> {
  const res = await upload(req, body);
  expect(res.status, await res.clone().text()).toBe(202);
  return view(req, (await res.json()).id);
}

async function commit(req: Req, id: string) {
  const res = await req(`/api/roster-imports/${id}/commit`, { method: 'POST' });
  return { res, view: res.status === 202 ? await view(req, id) : null };
}

async function memberCount(cell: OrgRef): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM membership WHERE organization_id = $1 AND valid_to IS NULL`,
    [cell.id],
  );
  return row!.n;
}

describe('upload, check and commit', () => {
  it('reads an .xlsx under title rows, previews it, saves it, and the members are listed', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(5);
    const checked = await importFile(req, form(await xlsx(rows), 'danh-sach.xlsx', cellA.id));
    expect(checked).toMatchObject({
      status: 'ready',
      totalRows: 5,
      processedRows: 5,
      problems: [],
      error: null,
    });
    expect(checked.summary).toEqual({ create: 5, update: 0 });
    expect(checked.preview).toHaveLength(5);
    expect(checked.preview[0]).toMatchObject({
      row: 4,
      fullName: rows[0]![1],
      dateOfBirth: '1980-03-01',
      gender: 'male',
      admissionDate: '2010-02-03',
      status: 'full',
      action: 'create',
      matchedMemberId: null,
    });
    expect(checked.columns.map((c) => c.field)).toContain('partyCardNumber');

    const { res, view: saved } = await commit(req, checked.id);
    expect(res.status).toBe(202);
    expect(saved).toMatchObject({ status: 'committed', summary: { create: 5, update: 0 }, processedRows: 5 });

    const list = await (await req(`/api/members?organizationId=${cellA.id}&limit=50`)).json();
    const names = list.items.map((i: { fullName: string }) => i.fullName);
    for (const r of rows) expect(names).toContain(r[1]);
    expect(list.total).toBe(6); // the five and the secretary

    const [event] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_event e JOIN membership ms ON ms.member_id = e.member_id
        WHERE ms.organization_id = $1 AND e.kind = 'admitted' AND e.event_date = '2010-02-03'`,
      [cellA.id],
    );
    expect(event!.n).toBe(5);
    const audits = await db.query<{ after: { created: number; updated: number } }>(
      `SELECT after FROM audit_log WHERE action = 'member.import' AND entity_id = $1`,
      [checked.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ created: 5, updated: 0, organizationId: cellA.id });

    // Saving twice is refused.
    expect((await commit(req, checked.id)).res.status).toBe(422);
  });

  it('names the row, the column and the rule of a bad cell, and refuses to save anything', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(4);
    rows[2]![2] = '31/02/1980';
    const before = await memberCount(cellA);
    const checked = await importFile(req, form(await xlsx(rows), 'loi.xlsx', cellA.id));
    expect(checked.status).toBe('invalid');
    expect(checked.totalRows).toBe(4);
    expect(inVi(checked.problems)).toEqual([
      { row: 6, column: 'Ngày sinh', message: "Ngày sinh '31/02/1980' không phải ngày hợp lệ (dd/mm/yyyy)" },
    ]);
    const { res } = await commit(req, checked.id);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({
      code: 'invalid_state',
      message: expect.stringContaining('Tệp còn lỗi'),
    });
    expect(await memberCount(cellA)).toBe(before);
  });

  it('flags the same party card or CCCD twice in the file, naming the first row', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(3);
    rows[2]![7] = rows[0]![7]!;
    const checked = await importFile(req, form(await xlsx(rows), 'trung.xlsx', cellA.id));
    expect(checked.status).toBe('invalid');
    expect(inVi(checked.problems)).toEqual([
      { row: 6, column: 'Số thẻ đảng viên', message: `Số thẻ đảng viên '${rows[0]![7]}' trùng với dòng 4` },
    ]);
  });

  it('updates the same members when the same file is imported again', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(3);
    const first = await importFile(req, form(await xlsx(rows), 'lan1.xlsx', cellA.id));
    await commit(req, first.id);
    const count = await memberCount(cellA);

    rows[1]![4] = 'Tày';
    const second = await importFile(req, form(await xlsx(rows), 'lan2.xlsx', cellA.id));
    expect(second.status).toBe('ready');
    expect(second.summary).toEqual({ create: 0, update: 3 });
    expect(second.preview.every((r) => r.action === 'update' && r.matchedMemberId)).toBe(true);
    const { view: saved } = await commit(req, second.id);
    expect(saved!.status).toBe('committed');
    expect(await memberCount(cellA)).toBe(count);
    const [m] = await db.query<{ ethnicity: string; n: number }>(
      `SELECT ethnicity, (SELECT count(*)::int FROM member WHERE party_card_number = $1) AS n
         FROM member WHERE party_card_number = $1`,
      [rows[1]![7]],
    );
    expect(m).toEqual({ ethnicity: 'Tày', n: 1 });
  });

  it('does not take over a member of another cell', async () => {
    const { cellA, cellB } = await makeProvince(db);
    const other = await makeMember(db, cellB, { partyCardNumber: '55500011', citizenId: '001080555111' });
    const req = await secretaryOf(cellA);
    const rows = people(2);
    rows[1]![7] = '55500011';
    const checked = await importFile(req, form(await xlsx(rows), 'khac.xlsx', cellA.id));
    expect(checked.status).toBe('invalid');
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0]).toMatchObject({ row: 5, column: 'Số thẻ đảng viên' });
    expect(renderVi(checked.problems[0]!.message as Message)).toContain('đã thuộc chi bộ khác');
    void other;
  });

  it('saves nothing when the data changed between the check and the commit', async () => {
    const { cellA, cellB } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(3);
    const checked = await importFile(req, form(await xlsx(rows), 'doi.xlsx', cellA.id));
    expect(checked.status).toBe('ready');
    await makeMember(db, cellB, { citizenId: rows[2]![8] });
    const before = await memberCount(cellA);
    const { res, view: after } = await commit(req, checked.id);
    expect(res.status).toBe(202);
    expect(after!.status).toBe('failed');
    expect(after!.error).toContain('dòng 6');
    expect(await memberCount(cellA)).toBe(before);
    const [n] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM member WHERE party_card_number = $1',
      [rows[0]![7]],
    );
    expect(n!.n).toBe(0);
  });

  it('reads a CSV saved by Excel: UTF-8 with BOM, semicolons, a title line', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(3);
    rows[0]![1] = 'Lê Thị Hoà; "Hoa"';
    const line = (cells: string[]) =>
      cells.map((c) => (/[;"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';');
    const text = `\uFEFFDANH SÁCH ĐẢNG VIÊN;;;\r\n${line(header)}\r\n${rows.map(line).join('\r\n')}\r\n`;
    const checked = await importFile(req, form(text, 'danh-sach.csv', cellA.id, 'application/vnd.ms-excel'));
    expect(checked.problems).toEqual([]);
    expect(checked.status).toBe('ready');
    expect(checked.preview.map((r) => r.fullName)).toEqual(rows.map((r) => r[1]));
    expect(checked.preview[0]!.row).toBe(3);
    expect(checked.preview[1]).toMatchObject({ citizenId: rows[1]![8], phone: rows[1]![9] });
  });
});

describe('refusals at upload', () => {
  it('answers 415 for another file type, naming it', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const res = await upload(req, form('x', 'danh-sach.xls', cellA.id, 'application/vnd.ms-excel'));
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toContain("'.xls'");
    expect((await upload(req, form('x', 'anh.pdf', cellA.id, 'application/pdf'))).status).toBe(415);
  });

  it('answers 413 for a file over the limit', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const big = 'x'.repeat(rosterUploadLimits.maxBytes + 1);
    const res = await upload(req, form(big, 'lon.csv', cellA.id, 'text/csv'));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain('20 MB');
  });

  it('answers 400 for a broken workbook and for a file without a header row', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const broken = await upload(req, form('not a zip', 'hong.xlsx', cellA.id));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toContain('Không đọc được tệp');
    const noHeader = await upload(req, form('a;b;c\r\n1;2;3\r\n', 'sai.csv', cellA.id, 'text/csv'));
    expect(noHeader.status).toBe(400);
    expect((await noHeader.json()).error.message).toContain('Họ và tên');
  });

  it('answers 400 without a file', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const f = new FormData();
    f.append('organizationId', cellA.id);
    const res = await upload(req, f);
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('file');
  });

  it('hides another cell (404) and refuses an organisation that is not a cell', async () => {
    const { commune, cellA, cellB } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const bytes = await xlsx(people(1));
    expect((await upload(req, form(bytes, 'ds.xlsx', cellB.id))).status).toBe(404);
    expect((await upload(req, form(bytes, 'ds.xlsx', commune.id))).status).toBe(404);

    const commSecretary = await makeMember(db, commune);
    await makePosition(db, commune, commSecretary, 'secretary');
    const commReq = await client.signIn((await makeAccount(db, commSecretary)).identifier);
    const res = await upload(commReq, form(bytes, 'ds.xlsx', commune.id));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('organizationId');
  });

  it('shows an import only to the account that uploaded it', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const checked = await importFile(req, form(await xlsx(people(1)), 'ds.xlsx', cellA.id));
    const deputy = await makeMember(db, cellA);
    await makePosition(db, cellA, deputy, 'deputy_secretary');
    const other = await client.signIn((await makeAccount(db, deputy)).identifier);
    expect((await other(`/api/roster-imports/${checked.id}`)).status).toBe(404);
    expect((await other(`/api/roster-imports/${checked.id}/commit`, { method: 'POST' })).status).toBe(404);
  });
});

describe('export', () => {
  async function exportOf(req: Req, org: OrgRef) {
    const res = await req(`/api/members/export.xlsx?organizationId=${org.id}`);
    return res;
  }

  it('writes the roster with title rows, and re-importing it changes nothing but updates', async () => {
    const { cellA } = await makeProvince(db);
    const req = await secretaryOf(cellA);
    const rows = people(4);
    rows[3]![10] = 'Dự bị';
    rows[3]![6] = '';
    const first = await importFile(req, form(await xlsx(rows), 'ds.xlsx', cellA.id));
    await commit(req, first.id);

    const res = await exportOf(req, cellA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(xlsxType);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      /^attachment; filename="danh-sach-dang-vien-[a-z0-9-]+\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toContain(cellA.name);
    const bytes = new Uint8Array(await res.arrayBuffer());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('DANH SÁCH ĐẢNG VIÊN');
    expect(ws.getCell('A2').value).toBe(cellA.name);
    expect(String(ws.getCell('A3').value)).toMatch(/ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(ws.getRow(5).getCell(2).value).toBe('Họ và tên');
    expect(ws.getRow(5).getCell(2).font?.bold).toBe(true);
    const labels = (ws.getRow(5).values as unknown[]).slice(1);
    expect(labels).toContain('Số CCCD'); // the secretary may see personal data of the cell

    const again = await importFile(req, form(bytes, 'xuat.xlsx', cellA.id));
    expect(again.problems).toEqual([]);
    expect(again.summary).toEqual({ create: 0, update: 5 }); // the four and the secretary
    const before = await db.query('SELECT * FROM member ORDER BY id');
    const { view: saved } = await commit(req, again.id);
    expect(saved!.status).toBe('committed');
    const after = await db.query('SELECT * FROM member ORDER BY id');
    const strip = (ms: Array<Record<string, unknown>>) => ms.map(({ updated_at: _u, ...m }) => m);
    expect(strip(after)).toEqual(strip(before));
  });

  it('leaves out CCCD and phone for a member without that right, and hides other cells', async () => {
    const { cellA, cellB } = await makeProvince(db);
    const plain = await makeMember(db, cellA);
    const req = await client.signIn((await makeAccount(db, plain)).identifier);
    const res = await exportOf(req, cellA);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const labels = (wb.worksheets[0]!.getRow(5).values as unknown[]).slice(1);
    expect(labels).toContain('Họ và tên');
    expect(labels).not.toContain('Số CCCD');
    expect(labels).not.toContain('Số điện thoại');
    expect((await exportOf(req, cellB)).status).toBe(404);
  });
});
