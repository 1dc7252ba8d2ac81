// Journey: a member who reads English gets the server's refusals in English — a wrong password at sign-in, a
// wrong current password when changing it — and never the Vietnamese words behind them.
import { expect, test } from '@playwright/test';
import { catalogs } from '../src/messages/index.ts';

const password = 'ChiBo@2025';

test('the English UI shows the server’s refusals in English', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('chibo.language', 'en'));
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

  // A refusal at sign-in (401 invalid_credentials).
  await page.locator('#identifier').fill('0900000003');
  await page.locator('#password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(catalogs.en['error.invalid_credentials'])).toBeVisible();
  await expect(page.getByText(catalogs.vi['error.invalid_credentials'])).toHaveCount(0);

  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // A refusal the server names by its own code and field: the current password is wrong.
  await page.goto('/account');
  await page.getByLabel(/^Current password\s*\*?$/).fill('wrong-current-1');
  await page.getByLabel(/^New password\s*\*?$/).fill('NewPassword#2026');
  await page.getByLabel(/^New password again\s*\*?$/).fill('NewPassword#2026');
  const passwordForm = page.getByRole('region', { name: 'Change password' });
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(catalogs.en['account.wrong_current_password'])).toBeVisible();
  await expect(page.getByText(catalogs.vi['account.wrong_current_password'])).toHaveCount(0);
  await page.screenshot({ path: 'test-results/english-refusal.png', fullPage: true });
});
