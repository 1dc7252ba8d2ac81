// Journey: a cell secretary opens "Đảng viên" and sees only the members of their own cell.
import { expect, test } from '@playwright/test';
import { apiLogin, login } from './support';

const password = 'ChiBo@2025';
const ownCell = 'Chi bộ thôn Đông Hạ';

test('a cell secretary sees only the members of their own cell', async ({ page, request }) => {
  // A member of another cell, found as the provincial officer (who sees everyone).
  await apiLogin(request, '0900000006', password);
  const all = await (await request.get('/api/members?limit=200')).json();
  const outsider = all.items.find(
    (m: { organizationName: string | null; partyCardNumber: string | null }) =>
      m.organizationName && m.organizationName !== ownCell && m.partyCardNumber,
  );
  expect(outsider, 'a member of another cell with a party card number').toBeTruthy();

  await login(page, '0900000002', password);
  await page.getByRole('link', { name: 'Đảng viên', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đảng viên' })).toBeVisible();
  await expect(page.getByText(/Tổng: \d+ đảng viên/)).toBeVisible();

  const organizations = page.getByTestId('member-organization');
  await expect(organizations.first()).toBeVisible();
  const names = await organizations.allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  for (const name of names) expect(name.trim()).toBe(ownCell);

  // Searching for the outsider by card number and by name finds nobody.
  const search = page.getByLabel('Tìm theo tên hoặc số thẻ');
  await search.fill(outsider.partyCardNumber);
  await expect(page.getByText('Tổng: 0 đảng viên')).toBeVisible();
  await expect(page).toHaveURL(/q=/);
  await search.fill(outsider.fullName);
  await expect(page.getByText(/Tổng: \d+ đảng viên/)).toBeVisible();
  await expect(page.getByRole('link', { name: outsider.fullName, exact: true })).toHaveCount(0);
  for (const name of await organizations.allInnerTexts()) expect(name.trim()).toBe(ownCell);

  // "duc" finds "Đức" without diacritics.
  await search.fill('duc');
  await expect(page.getByRole('link', { name: /Đức/ }).first()).toBeVisible();
});
