import { expect, test } from '@playwright/test';

test('shows the generated tables.ts of the example module', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MoLOS Schema Studio');

  // Generation runs in a worker that loads ts-morph: wait for the page to settle either way.
  const app = page.getByTestId('app');
  await expect(app).toHaveAttribute('data-phase', /^(ready|error)$/);
  if ((await app.getAttribute('data-phase')) === 'error') {
    throw new Error(`the page shows an error: ${await page.getByTestId('error-panel').innerText()}`);
  }
  await expect(page.getByTestId('error-panel')).toHaveCount(0);

  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(page.getByTestId('file-tables.ts')).toHaveAttribute('aria-selected', 'true');
  const code = page.getByTestId('code');
  await expect(code).toContainText('sqliteTable("MoLOS-Example_items"');
  await expect(code).toContainText('export { ItemStatus };');

  await page.screenshot({ path: 'e2e-output/page.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('switches between generated files', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'ready');

  const tabs = page.getByRole('tab');
  expect(await tabs.count()).toBeGreaterThan(1);
  const other = tabs.nth(1);
  const path = await other.getAttribute('data-path');
  await other.click();
  await expect(other).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('code-path')).toHaveText(path ?? '');
  await expect(page.getByTestId('code')).not.toBeEmpty();
});

test('shows an error panel when the design cannot be loaded', async ({ page }) => {
  await page.route('**/examples/molos-example.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ format: 'something-else' }) }),
  );
  await page.goto('/');
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'error');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('$.format');
  await expect(page.getByTestId('code')).toHaveCount(0);
});
