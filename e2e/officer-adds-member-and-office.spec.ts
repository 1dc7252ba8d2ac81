// Journey: the commune's party secretary adds a member to a village cell through the form, then makes them a
// committee member of that cell; the office shows on the cell's page and on the member's profile.
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, login } from './support';

const cell = 'Chi bộ thôn Đông Hạ';
const newcomer = 'Vũ Thị Hành Trình';

test('the commune secretary adds a member to a village cell and gives them an office', async ({ page }) => {
  await login(page, '0900000005', 'ChiBo@2025');
  await page.getByRole('link', { name: 'Đảng bộ xã Tân Lập', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đảng bộ xã Tân Lập' })).toBeVisible();
  await page.getByRole('link', { name: cell, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: cell })).toBeVisible();

  // The form: a rule broken in one field is named under that field, and nothing is saved.
  await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
  const form = page.getByRole('dialog', { name: 'Thêm đảng viên' });
  await expect(form.getByText(`Đảng viên sẽ sinh hoạt tại ${cell}`)).toBeVisible();
  await form.getByLabel(/^Họ và tên/).fill(newcomer);
  await form.getByLabel(/^Số thẻ đảng viên/).fill('12');
  await form.getByRole('button', { name: 'Thêm đảng viên' }).click();
  await expect(form.getByText('Số thẻ đảng viên gồm 6–12 chữ số')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the form adding a member, with a field refused');

  await form.getByLabel(/^Số thẻ đảng viên/).fill('');
  await form.getByLabel(/^Ngày sinh/).fill('14/03/1985');
  await form.getByLabel(/^Giới tính/).selectOption({ label: 'Nữ' });
  await form.getByLabel(/^Ngày vào Đảng/).fill('19/05/2012');
  await form.getByRole('button', { name: 'Thêm đảng viên' }).click();

  // The new member's profile opens.
  await expect(page.getByRole('heading', { level: 1, name: newcomer })).toBeVisible();
  await expect(page.getByText('Hồ sơ đảng viên')).toBeVisible();
  await expect(page.locator('dt:has-text("Ngày sinh") + dd')).toHaveText('14/03/1985');
  await expect(page.locator('dt:has-text("Ngày vào Đảng") + dd')).toHaveText('19/05/2012');
  await expect(page.getByText('Chính thức').first()).toBeVisible();

  // Back to the cell, and the office: found by typing the name without diacritics.
  await page.getByRole('link', { name: cell, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: cell })).toBeVisible();
  await page.getByRole('button', { name: 'Phân công chức vụ' }).click();
  const office = page.getByRole('dialog', { name: `Phân công chức vụ: ${cell}` });
  await office.getByLabel(/^Đảng viên/).fill('vu thi hanh');
  await page.getByRole('option', { name: new RegExp(newcomer) }).click();
  await expect(office.getByLabel(/^Chức vụ/).locator('option')).toHaveText([
    'Chọn chức vụ',
    'Bí thư',
    'Phó Bí thư',
    'Chi ủy viên',
  ]);
  await office.getByLabel(/^Chức vụ/).selectOption({ label: 'Chi ủy viên' });
  await office.getByRole('button', { name: 'Phân công chức vụ' }).click();
  await expect(office).toBeHidden();
  await expect(page.getByText('Đã phân công chức vụ')).toBeVisible();

  const committees = page.getByRole('region', { name: 'Cấp ủy và chức vụ' });
  const holder = committees.getByRole('listitem').filter({ hasText: newcomer });
  await expect(holder).toContainText('Chi ủy viên');
  await expect(holder).toContainText(/Từ \d{2}\/\d{2}\/\d{4}/);
  await expect(
    holder.getByRole('button', { name: `Kết thúc chức vụ Chi ủy viên của ${newcomer}` }),
  ).toBeVisible();

  // The profile lists the office too.
  await holder.getByRole('link', { name: newcomer }).click();
  await expect(page.getByRole('heading', { level: 1, name: newcomer })).toBeVisible();
  const positions = page.getByRole('region', { name: 'Chức vụ' });
  await expect(positions).toContainText('Chi ủy viên');
  await expect(positions).toContainText(cell);
  await expectNoSeriousA11yViolations(page, 'a member’s profile with an office');
});
