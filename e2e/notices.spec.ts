import { type Locator, type Page, expect, test } from '@playwright/test';
import { runCommand } from './support/commands';

// Notices go once what they report is resolved or the design moves on: the status line of a refused edit goes
// with the next edit or another selection; "Nothing was exported" goes once the design is edited.

const card = (page: Page, name: string) => page.locator(`[data-testid="table-card"][data-table-name="${name}"]`);

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

let errors: string[] = [];

test.beforeEach(async ({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 850 });
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(card(page, 'items')).toBeVisible();
});

test.afterEach(() => {
  expect(errors).toEqual([]);
});

/** Adds a table without a primary key (nothing can reference it) and returns its name. */
async function addKeylessTable(page: Page): Promise<string> {
  await runCommand(page, 'add-table');
  const inspector = page.getByTestId('table-inspector');
  await expect(inspector).toBeVisible();
  const name = (await inspector.getAttribute('data-name'))!;
  const id = page.getByTestId('inspector').locator('[data-testid="inspector-column"][data-name="id"]');
  await id.getByTestId('column-toggle').click();
  await id.getByTestId('column-pk').uncheck();
  await expect(id.getByTestId('column-pk')).not.toBeChecked();
  return name;
}

/** Draws a relation from `items` to `target` with the header handle: refused, as `target` has no key. */
async function refusedRelation(page: Page, target: string) {
  await drag(
    page,
    await center(card(page, 'items').getByTestId('new-relation-handle')),
    await center(card(page, target)),
  );
  await expect(page.getByTestId('status')).toContainText('has no single-column primary key to reference');
}

test('a refused edit says why until the selection changes or the next edit succeeds', async ({ page }, testInfo) => {
  const keyless = await addKeylessTable(page);
  await refusedRelation(page, keyless);
  await page.screenshot({ path: testInfo.outputPath('notices-refused.png') });

  // Another selection: the message was about what the user did before.
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('crumb-module').click();
  await expect(page.getByTestId('status')).toHaveCount(0);

  // Refused again, then an edit that succeeds: gone as well.
  await refusedRelation(page, keyless);
  await page.getByTestId('module-name-input').fill('Renamed');
  await page.getByTestId('module-name-input').press('Enter');
  await expect(page.getByTestId('status')).toHaveCount(0);

  // And an undo.
  await refusedRelation(page, keyless);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status')).toHaveCount(0);
});

test('"Nothing was exported" goes once the design is edited', async ({ page }, testInfo) => {
  await page.getByTestId('tab-inspector').click();
  const idInput = page.getByTestId('module-id-input');
  await idInput.fill('Bad_id');
  await idInput.press('Enter');
  await runCommand(page, 'export-zip');
  const report = page.getByTestId('session-report');
  await expect(report).toContainText('Nothing was exported');
  await page.screenshot({ path: testInfo.outputPath('notices-export-refused.png') });

  // Fixing the module id resolves it: the report goes without being dismissed.
  await idInput.fill('MoLOS-Fixed');
  await idInput.press('Enter');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Fixed');
  await expect(report).toHaveCount(0);
});
