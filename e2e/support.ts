// Helpers shared by the browser journeys. Keep them generic: journeys live in their own *.spec.ts files.
import { type APIRequestContext, expect, type Page } from '@playwright/test';

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
