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

  // Each search is judged on the list its own answer draws, never on the list still on screen from before.
  const search = page.getByLabel('Tìm theo tên hoặc số thẻ');
  const searchFor = async (q: string) => {
    const answered = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/members' && url.searchParams.get('q') === q;
    });
    await search.fill(q);
    const response = await answered;
    expect(response.status(), `search for ${q}`).toBe(200);
    // A search answers its best matches (a screen, ranked), not a total.
    const body = (await response.json()) as { total: number | null; items: { fullName: string }[] };
    expect(body.total).toBeNull();
    if (body.items.length > 0)
      await expect(
        page.getByText(`${body.items.length} đảng viên khớp nhất`, { exact: false }),
      ).toBeVisible();
    else await expect(page.getByText('Không có đảng viên nào khớp với bộ lọc')).toBeVisible();
    await expect(organizations).toHaveCount(body.items.length);
    return body;
  };

  // Searching for the outsider by card number and by name finds nobody.
  expect((await searchFor(outsider.partyCardNumber)).items).toHaveLength(0);
  await expect(page).toHaveURL(/q=/);
  const byName = await searchFor(outsider.fullName);
  await expect(page.getByRole('link', { name: outsider.fullName, exact: true })).toHaveCount(0);
  await expect(organizations).toHaveText(byName.items.map(() => ownCell));

  // "duc" finds "Đức" without diacritics.
  const duc = await searchFor('duc');
  expect(duc.items.length).toBeGreaterThan(0);
  await expect(page.getByRole('link', { name: /Đức/ }).first()).toBeVisible();
});
