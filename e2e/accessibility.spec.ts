// Journey: every role's key pages pass axe-core's WCAG 2.1 A/AA rules with no critical or serious violation. The
// live room while a meeting runs, the minutes and the scoring sheet are checked inside the journeys that reach
// those states (meeting-cycle, meeting-scoring); here each role walks its main pages as the demo leaves them.
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, login } from './support';

const password = 'ChiBo@2025';
const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 800 };

interface Me {
  member: { id: string; organizationId: string | null } | null;
  roles: { organizationId: string | null; organizationName: string | null }[];
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function signIn(page: Page, identifier: string): Promise<Me> {
  await page.context().clearCookies();
  await page.goto('/login');
  await login(page, identifier, password);
  return json<Me>(await page.request.get('/api/me'), `/me of ${identifier}`);
}

const h1 = (page: Page, name?: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function organizationOf(me: Me, name: RegExp): Promise<string> {
  const role = me.roles.find((r) => r.organizationName && name.test(r.organizationName));
  expect(role?.organizationId, `a role in ${name}`).toBeTruthy();
  return role!.organizationId!;
}

test('the sign-in page, in Vietnamese and English', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Đăng nhập', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'login (vi)');
  await page.evaluate(() => localStorage.setItem('chibo.language', 'en'));
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'login (en)');
});

// Each walk signs in once and checks many pages; axe on a long list takes seconds on a busy machine.
test('a member’s pages on a phone: home, a meeting, tasks, account', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(phone);
  const me = await signIn(page, '0900000003');
  await expect(h1(page, /^Xin chào/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cuộc họp sắp tới' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'member home');

  const meetings = await json<{ upcoming: { id: string }[]; recent?: { id: string }[] }>(
    await page.request.get('/api/me/meetings'),
    'my meetings',
  );
  const meetingId = meetings.upcoming[0]?.id;
  expect(meetingId, 'the member has an upcoming meeting').toBeTruthy();
  await page.goto(`/meetings/${meetingId}`);
  await expect(h1(page)).toBeVisible();
  await expect(page.getByRole('tab').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'member meeting');
  await page.getByRole('tab', { name: 'Phòng họp' }).click();
  await expect(page.getByRole('tab', { name: 'Phòng họp' })).toHaveAttribute('aria-selected', 'true');
  await expectNoSeriousA11yViolations(page, 'member meeting room');

  await page.goto('/tasks');
  await expect(h1(page, 'Nhiệm vụ')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Của tôi' })).toHaveAttribute('aria-selected', 'true');
  await expectNoSeriousA11yViolations(page, 'member tasks');

  await page.goto('/account');
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'member account');

  await page.goto(`/organizations/${me.member!.organizationId}/evaluation`);
  await expect(h1(page, 'Đánh giá, xếp loại chất lượng')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'member evaluation');

  // The same home in English.
  await page.evaluate(() => localStorage.setItem('chibo.language', 'en'));
  await page.goto('/');
  await expect(h1(page, /^Hello/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'member home (en)');
  await page.evaluate(() => localStorage.removeItem('chibo.language'));
});

test('a cell secretary’s pages: the cell, its meetings, a meeting’s preparation and room, members, import', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize(desktop);
  const me = await signIn(page, '0900000002');
  const cellId = me.member!.organizationId!;
  await expect(h1(page, /^Xin chào/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary home');

  await page.goto(`/organizations/${cellId}`);
  await expect(h1(page, 'Chi bộ thôn Đông Hạ')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary cell');

  await page.goto(`/organizations/${cellId}/meetings`);
  await expect(h1(page, 'Sinh hoạt chi bộ')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary cell meetings');

  const mine = await json<{ upcoming: { id: string; organizationName: string }[] }>(
    await page.request.get('/api/me/meetings'),
    'my meetings',
  );
  const meeting = mine.upcoming.find((m) => m.organizationName === 'Chi bộ thôn Đông Hạ');
  expect(meeting, 'the cell has an upcoming meeting').toBeTruthy();
  await page.goto(`/meetings/${meeting!.id}?tab=prep`);
  await expect(page.getByRole('button', { name: 'Lưu phần chuẩn bị' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary meeting preparation');
  await page.getByRole('tab', { name: 'Phòng họp' }).click();
  await expect(page.getByRole('tab', { name: 'Phòng họp' })).toHaveAttribute('aria-selected', 'true');
  await expectNoSeriousA11yViolations(page, 'secretary meeting room before the start');

  await page.goto('/members');
  await expect(h1(page, 'Đảng viên')).toBeVisible();
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary members');

  await page.goto('/import');
  await expect(h1(page, 'Nhập danh sách đảng viên')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary roster import');

  // The secretary's evaluation page on a phone, in English.
  await page.setViewportSize(phone);
  await page.evaluate(() => localStorage.setItem('chibo.language', 'en'));
  await page.goto(`/organizations/${cellId}/meetings`);
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'secretary cell meetings (en, phone)');
  await page.evaluate(() => localStorage.removeItem('chibo.language'));
});

test('a commune secretary’s pages: the commune, its cells’ compliance, ratings, evaluation', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize(desktop);
  const me = await signIn(page, '0900000005');
  const communeId = await organizationOf(me, /^Đảng bộ xã Tân Lập$/);
  await expect(h1(page, /^Xin chào/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'commune secretary home');

  await page.goto(`/organizations/${communeId}`);
  await expect(h1(page, 'Đảng bộ xã Tân Lập')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'commune');

  await page.goto(`/organizations/${communeId}/meetings`);
  await expect(h1(page, 'Sinh hoạt chi bộ')).toBeVisible();
  await expect(page.getByRole('region', { name: /Tình hình sinh hoạt của các chi bộ/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'commune compliance');

  await page.goto(`/organizations/${communeId}/ratings`);
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'commune ratings');

  await page.goto(`/organizations/${communeId}/evaluation`);
  await expect(h1(page, 'Đánh giá, xếp loại chất lượng')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'commune evaluation');
});

test('the provincial officer’s pages: the tree, members, a profile', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(desktop);
  const me = await signIn(page, '0900000006');
  await organizationOf(me, /^Đảng bộ tỉnh/);
  await expect(h1(page, /^Xin chào/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'officer home');

  await page.goto('/tree');
  await expect(h1(page, 'Cây tổ chức')).toBeVisible();
  await page.getByRole('button', { name: 'Mở Đảng bộ tỉnh Sơn Hà' }).click();
  await expect(page.getByRole('button', { name: 'Thu gọn Đảng bộ tỉnh Sơn Hà' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'officer tree');

  await page.goto('/members');
  await expect(h1(page, 'Đảng viên')).toBeVisible();
  const first = page.getByTestId('member-row').first();
  await expect(first).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'officer members');
  await first.getByRole('link').first().click();
  await expect(page.getByText('Hồ sơ đảng viên')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'officer member profile');

  // The tree in English.
  await page.evaluate(() => localStorage.setItem('chibo.language', 'en'));
  await page.goto('/tree');
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'officer tree (en)');
  await page.evaluate(() => localStorage.removeItem('chibo.language'));
});

test('the provincial officer’s pages: the province, its meetings, ratings, evaluation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(desktop);
  const me = await signIn(page, '0900000006');
  const provinceId = await organizationOf(me, /^Đảng bộ tỉnh/);

  await page.goto(`/organizations/${provinceId}`);
  await expect(h1(page, /^Đảng bộ tỉnh/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'province');

  await page.goto(`/organizations/${provinceId}/meetings`);
  await expect(h1(page, 'Sinh hoạt chi bộ')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'province meetings compliance');

  await page.goto(`/organizations/${provinceId}/ratings`);
  await expect(h1(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'province ratings');

  await page.goto(`/organizations/${provinceId}/evaluation`);
  await expect(h1(page, 'Đánh giá, xếp loại chất lượng')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'province evaluation');
});
