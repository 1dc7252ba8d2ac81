// Helpers shared by the browser journeys. Keep them generic: journeys live in their own *.spec.ts files.
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Locator, type Page, type Response } from '@playwright/test';

/** Signs in through the login form and waits until the app has left /login. */
export async function login(page: Page, identifier: string, password: string): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  // Label text may carry Mantine's required asterisk ("Mật khẩu *"), so match the start and an optional star.
  const identifierField = page.locator('#identifier').or(page.getByLabel(/^\s*Tên đăng nhập\s*\*?\s*$/));
  const passwordField = page.locator('#password').or(page.getByLabel(/^\s*Mật khẩu\s*\*?\s*$/));
  await identifierField.first().fill(identifier);
  await passwordField.first().fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page, `login as ${identifier} should leave /login`).not.toHaveURL(/\/login(?:[/?#]|$)/, {
    timeout: 15_000,
  });
}

/** Signs in through the API; the session cookie stays in `request` for its later calls. Returns /me's body. */
export async function apiLogin(
  request: APIRequestContext,
  identifier: string,
  password: string,
): Promise<unknown> {
  const response = await request.post('/api/auth/login', { data: { identifier, password } });
  expect(response.status(), `API login as ${identifier}: ${await response.text()}`).toBe(200);
  return response.json();
}

/**
 * Clicks a control that sends a write and waits for the server's answer to that write (a non-GET request whose
 * path matches), however long a busy machine takes within the test's budget; the checks that follow then judge
 * the page after the write, not a dialog still waiting on it.
 */
export async function clickAndAwaitWrite(page: Page, control: Locator, path: RegExp): Promise<Response> {
  const answered = page.waitForResponse(
    (r) => r.request().method() !== 'GET' && path.test(new URL(r.url()).pathname),
  );
  await control.click();
  return answered;
}

const wcag21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, none disabled) on the page as it stands and fails on any critical or
 * serious violation, naming each rule, its impact and the offending elements. Call it once the page shows what
 * it is meant to show (after an expect on its heading or content), so nothing is still loading. The check is soft:
 * the journey goes on to its other pages (so one run lists every page's violations) and still fails at its end.
 */
export async function expectNoSeriousA11yViolations(page: Page, name: string): Promise<void> {
  // Mantine animates modals, menus and notifications in; axe must judge them at rest, not half faded.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          document
            .getAnimations()
            .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
        ),
      { message: `${name}: animations settle` },
    )
    .toBe(true);
  // label-content-name-mismatch (WCAG 2.5.3, "label in name") is experimental in axe and off unless asked for.
  const results = await new AxeBuilder({ page })
    .withTags(wcag21)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')}\n    ${n.html.slice(0, 240)}\n    ${
            n.failureSummary?.replace(/\s*\n\s*/g, ' ') ?? v.help
          }`,
      ),
    );
  expect.soft(serious, `axe on ${name} (${page.url()}): critical and serious violations`).toEqual([]);
}
