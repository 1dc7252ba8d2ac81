// Smoke journey: the server is up on the embedded database and serves the login page.
import { expect, test } from '@playwright/test';

test('health reports ok on PGlite', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite' });
});

test('the login page shows the app name', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: /Chi bộ số/ }).first()).toBeVisible();
});
