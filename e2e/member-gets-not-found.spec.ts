// Journey: an ordinary member types the address of another cell and of a member there, and sees "Không tìm thấy".
import { expect, test } from '@playwright/test';
import { apiLogin, login } from './support';

const password = 'ChiBo@2025';

test('a member cannot open another cell or its members', async ({ page, request }) => {
  // Ids of another cell and one of its members, found as the provincial officer.
  await apiLogin(request, '0900000006', password);
  const search = await (
    await request.get(`/api/organizations/search?q=${encodeURIComponent('Dệt may')}`)
  ).json();
  const otherCell = search.results.find(
    (r: { kind: string }) => r.kind === 'cell' || r.kind === 'grassroots_cell',
  );
  expect(otherCell, 'the textile company cell').toBeTruthy();
  const members = await (await request.get(`/api/members?organizationId=${otherCell.id}&limit=1`)).json();
  const otherMember = members.items[0];
  expect(otherMember, 'a member of that cell').toBeTruthy();

  await login(page, '0900000003', password);

  await page.goto(`/organizations/${otherCell.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy' })).toBeVisible();
  await expect(page.getByText('Không tìm thấy trang hoặc bạn không có quyền xem')).toBeVisible();
  await expect(page.getByText(otherCell.name)).toHaveCount(0);

  await page.goto(`/members/${otherMember.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy' })).toBeVisible();
  await expect(page.getByText(otherMember.fullName)).toHaveCount(0);

  await page.goto(`/members?organizationId=${otherCell.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy' })).toBeVisible();

  // An address that is no page at all.
  await page.goto('/khong-co-trang-nay');
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy' })).toBeVisible();

  // The way home still works, and the member's own cell is there.
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Xin chào/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Chi bộ thôn Đông Hạ' }).first()).toBeVisible();
});
