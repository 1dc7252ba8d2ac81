// Journey: the provincial organisation-board officer walks the tree down to a cell and a member, then looks at 2024.
import { expect, test } from '@playwright/test';
import { login } from './support';

test('the provincial officer browses the tree to a member and back to 2024', async ({ page }) => {
  await login(page, '0900000006', 'ChiBo@2025');
  await page.getByRole('link', { name: 'Cây tổ chức', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cây tổ chức' })).toBeVisible();

  const province = page.getByRole('button', { name: 'Mở Đảng bộ tỉnh Sơn Hà' });
  await expect(province).toHaveAttribute('aria-expanded', 'false');
  await province.click();
  await expect(page.getByRole('button', { name: 'Thu gọn Đảng bộ tỉnh Sơn Hà' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  // The keyboard opens a node too.
  const commune = page.getByRole('button', { name: 'Mở Đảng bộ xã Tân Lập' });
  await commune.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Chi bộ thôn Đông Hạ' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Chi bộ thôn Đông Hạ' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Tổ chức cấp trên' })).toContainText(
    'Đảng bộ xã Tân Lập',
  );
  await expect(page.getByText('Chi bộ trực thuộc').first()).toBeVisible();

  await page.getByRole('link', { name: 'Danh sách đảng viên' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Đảng viên – Chi bộ thôn Đông Hạ' }),
  ).toBeVisible();
  await page.getByTestId('member-row').first().getByRole('link').first().click();
  await expect(page.getByText('Hồ sơ đảng viên')).toBeVisible();
  // The board officer may see personal identifiers: a 12-digit CCCD, not the "hidden" note.
  await expect(page.locator('dt:has-text("Số CCCD") + dd')).toHaveText(/^\d{12}$/);
  await expect(page.getByText('Ẩn (chỉ người có thẩm quyền được xem)')).toHaveCount(0);

  // Back to the tree as it stood in 2024: the district that was dissolved on 1 July 2025 is there.
  await page.getByRole('link', { name: 'Cây tổ chức', exact: true }).first().click();
  const asOf = page.getByLabel('Xem cơ cấu tại ngày');
  await asOf.fill('15/03/2024');
  await expect(page).toHaveURL(/asOf=2024-03-15/);
  await expect(page.getByText('Đang xem cơ cấu tại ngày 15/03/2024.')).toBeVisible();
  await page.getByRole('button', { name: 'Mở Đảng bộ tỉnh Sơn Hà' }).click();
  const district = page.getByRole('link', { name: /^Đảng bộ huyện/ });
  await expect(district).toBeVisible();
  await page.getByRole('button', { name: /^Mở Đảng bộ huyện/ }).click();
  await expect(page.getByRole('link', { name: 'Đảng bộ xã Tân Lập' })).toBeVisible();

  // Today the district is gone.
  await page.getByRole('button', { name: 'Hôm nay' }).click();
  await page.getByRole('button', { name: 'Mở Đảng bộ tỉnh Sơn Hà' }).click();
  await expect(page.getByRole('link', { name: 'Đảng bộ xã Tân Lập' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Đảng bộ huyện/ })).toHaveCount(0);
});
