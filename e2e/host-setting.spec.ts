import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { loadDesign, serializeDesign } from '../src/lib/core/format';

// The module setting "Also runs on the older MoLOS host": the older host's warnings (ON UPDATE on every foreign
// key, …) show in the SQL view only when it is on, so the SQL view and "No problems" agree by default.

/** The Tasks example (foreign keys) as a design file that targets the current host only. */
function tasksForCurrentHost(): Buffer {
  const loaded = loadDesign(readFileSync('static/examples/molos-tasks.json', 'utf8'));
  if (!loaded.ok) throw new Error('the tasks example does not load');
  const { host: _older, ...module } = loaded.design.module;
  return Buffer.from(serializeDesign({ ...loaded.design, module }));
}

async function openTasks(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'tasks.json', mimeType: 'application/json', buffer: tasksForCurrentHost() });
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  return errors;
}

async function showSql(page: Page) {
  await page.getByTestId('tab-code').click();
  await page.getByTestId('preview-tab-sql').click();
  await expect(page.getByTestId('code-path')).toHaveText('drizzle/0000_init.sql');
}

async function showModuleSettings(page: Page) {
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('crumb-module').click();
  await expect(page.getByTestId('module-settings')).toBeVisible();
}

const onUpdate = (page: Page) => page.locator('[data-testid="finding"][data-code="on-update-clause"]');

test('the older host setting brings its warnings into the SQL view, as one undo step', async ({ page }, testInfo) => {
  const errors = await openTasks(page);

  // Targeting the current host: no problems, and no finding in the SQL view.
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems-empty')).toContainText('No problems');
  await showSql(page);
  await expect(page.getByTestId('findings-none')).toHaveAttribute('data-host', 'current');
  await expect(page.getByTestId('findings-none')).toContainText("The older host's checks are off");
  await expect(onUpdate(page)).toHaveCount(0);

  await showModuleSettings(page);
  const box = page.getByTestId('module-host-older');
  await expect(box).not.toBeChecked();
  await expect(box).toHaveAccessibleName('Also runs on the older MoLOS host');
  await expect(box).toHaveAccessibleDescription(/Adds that host's migration warnings to the SQL view/);
  await box.check();
  await page.screenshot({ path: testInfo.outputPath('host-setting-module.png') });

  await showSql(page);
  await expect(onUpdate(page)).toHaveCount(2);
  await expect(onUpdate(page).first()).toContainText('the older MoLOS host refuses it');
  await page.screenshot({ path: testInfo.outputPath('host-setting-sql-older.png') });

  // One undo step puts it back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('findings-none')).toHaveAttribute('data-host', 'current');
  await expect(onUpdate(page)).toHaveCount(0);
  await showModuleSettings(page);
  await expect(page.getByTestId('module-host-older')).not.toBeChecked();

  // The setting is saved with the design.
  await page.getByTestId('module-host-older').check();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  await showModuleSettings(page);
  await expect(page.getByTestId('module-host-older')).toBeChecked();
  expect(errors).toEqual([]);
});

test("the Database view shows each column's CHECK", async ({ page }, testInfo) => {
  const errors = await openTasks(page);
  await page.getByTestId('tab-code').click();
  await page.getByTestId('preview-tab-database').click();
  const tasks = page.getByTestId('db-table-MoLOS-Tasks_tasks');
  await expect(tasks).toBeVisible();
  const status = tasks.locator('[data-testid="db-column"][data-column="status"]');
  await expect(status.getByTestId('db-column-check')).toHaveText("CHECK(status IN ('to_do', 'in_progress', 'done'))");
  await tasks.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('database-checks.png') });
  expect(errors).toEqual([]);
});
