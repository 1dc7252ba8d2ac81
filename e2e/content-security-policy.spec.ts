// Journey: the app works under its Content-Security-Policy. A member and a secretary walk their main pages (home,
// tasks, members, the cell's meetings and ratings with their charts, a meeting, the account); the browser reports
// no CSP violation and no console error, and every page answer carries the policy.
import { expect, type Page, test } from '@playwright/test';
import { login } from './support';

const password = 'ChiBo@2025';

/** Collects CSP violations (the browser's own event) and console errors for the rest of the page's life. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => problems.push(`CSP: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  return problems;
}

test('member and secretary pages run under the CSP without a violation', async ({ page }) => {
  const problems = await watch(page);
  const first = await page.goto('/login');
  expect(first!.headers()['content-security-policy']).toContain("script-src 'self'");

  await login(page, '0900000003', password);
  for (const path of ['/', '/tasks', '/account']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
  }

  await page.context().clearCookies();
  await login(page, '0900000002', password);
  const me = (await (await page.request.get('/api/me')).json()) as { member: { organizationId: string } };
  const cell = me.member.organizationId;
  for (const path of ['/', '/members', `/organizations/${cell}`, `/organizations/${cell}/ratings`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
  }
  await page.goto(`/organizations/${cell}/meetings`);
  const meeting = page.locator('a[href^="/meetings/"]').first();
  await meeting.click();
  await expect(page).toHaveURL(/\/meetings\//);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  expect(problems).toEqual([]);
});
