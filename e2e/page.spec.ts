import { expect, test } from '@playwright/test';

test('the designer loads the example module without errors', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MoLOS Schema Studio');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(page.getByTestId('error-panel')).toHaveCount(0);

  await page.screenshot({ path: 'e2e-output/page.png' });
  expect(pageErrors).toEqual([]);
});
