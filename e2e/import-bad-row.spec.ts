// Journey: the cell secretary uploads a roster with one bad row; the screen names the row, column and reason,
// and nothing is saved.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoSeriousA11yViolations, login } from './support';

async function rosterWithOneBadRow(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow([
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Ngày vào Đảng',
    'Số thẻ đảng viên',
    'Trạng thái',
  ]);
  const card = () => String(Math.floor(90_000_000 + Math.random() * 9_999_999));
  sheet.addRow([1, 'Phạm Văn Kiểm', '12/05/1970', 'Nam', '03/02/1995', card(), 'Chính thức']);
  sheet.addRow([2, 'Lò Thị Thử', '31/02/1980', 'Nữ', '19/05/2005', card(), 'Chính thức']);
  sheet.addRow([3, 'Đinh Văn Đúng', '01/09/1985', 'Nam', '02/09/2010', card(), 'Chính thức']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a roster with a bad row is refused with the row, column and reason, and saves nothing', async ({
  page,
}) => {
  await login(page, '0900000002', 'ChiBo@2025');
  const me = await (await page.request.get('/api/me')).json();
  const cellId: string = me.member.organizationId;
  const countMembers = async () =>
    (await (await page.request.get(`/api/members?organizationId=${cellId}&limit=1`)).json()).total as number;
  const before = await countMembers();

  await page.getByRole('link', { name: 'Nhập danh sách', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập danh sách đảng viên' })).toBeVisible();
  // The secretary's own cell is chosen already; choosing it again by search (without diacritics) works too.
  await expect(page.getByText('Chi bộ thôn Đông Hạ')).toBeVisible();
  await page.getByRole('button', { name: 'Chọn tổ chức khác' }).click();
  await page.getByLabel('Chi bộ nhận danh sách').fill('dong ha');
  await page.getByRole('button', { name: 'Chọn: Chi bộ thôn Đông Hạ' }).click();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'danh-sach-loi.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await rosterWithOneBadRow(),
  });
  await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();

  await expect(page.getByText('Chưa lưu gì. Hãy sửa tệp và tải lên lại.')).toBeVisible({ timeout: 20_000 });
  const problems = page.getByRole('table', { name: 'Các lỗi trong tệp' });
  await expect(problems.getByRole('columnheader')).toHaveText(['Dòng', 'Cột', 'Lý do']);
  const rows = problems.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  const cells = rows.first().getByRole('cell');
  await expect(cells.nth(0)).toHaveText('3');
  await expect(cells.nth(1)).toHaveText('Ngày sinh');
  await expect(cells.nth(2)).not.toBeEmpty();
  await expect(page.getByRole('button', { name: 'Lưu vào danh sách' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'a roster refused with its errors');

  expect(await countMembers()).toBe(before);
});
