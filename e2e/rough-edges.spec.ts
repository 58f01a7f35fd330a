import { type ConsoleMessage, type Page, expect, test } from '@playwright/test';
import { emptyDesign } from '../src/lib/core/design';
import { serializeDesign } from '../src/lib/core/format';
import { exampleDesign } from '../src/lib/core/test-fixtures';
import { encodeDesign } from '../src/lib/share/share-link';
import { runCommand } from './support/commands';

// Rough edges a new user found (issue 12, item 6), each checked as that user meets it.

/** Console warnings and errors, and uncaught page errors, from the moment the page opens. */
function watchConsole(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'warning' || m.type() === 'error') seen.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  return seen;
}

async function open(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
}

/** The text selected in the focused field. */
const selectedText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el && 'selectionStart' in el ? el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0) : null;
  });

test('a new column starts as new_column, a name that raises no warning, with the cursor in its name', async ({
  page,
}) => {
  await open(page);
  await page.getByTestId('table-card').filter({ hasText: 'MoLOS-Example_items' }).first().click();
  await page.getByTestId('add-column').click();
  const name = page.getByTestId('column-editor').getByTestId('column-name-input');
  await expect(name).toHaveValue('new_column');
  await expect(name).toBeFocused();
  expect(await selectedText(page)).toBe('new_column');
  // Typing replaces the whole name.
  await page.keyboard.type('quantity');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="inspector-column"][data-name="quantity"]')).toHaveCount(1);
  // The new column raised no finding on the way.
  await page.getByTestId('add-column').click();
  await expect(page.getByTestId('column-editor').getByTestId('column-name-input')).toHaveValue('new_column');
  await expect(page.getByTestId('column-editor').getByTestId('field-error')).toHaveCount(0);
  await expect(page.getByTestId('column-editor').locator('[data-testid="issue"]')).toHaveCount(0);
});

test('Add table puts the cursor in the new table’s name, and its card in free space', async ({ page }, testInfo) => {
  await open(page);
  const cards = page.getByTestId('table-card');
  for (let i = 0; i < 3; i++) await page.getByTestId('cmd-add-table').click();
  await expect(cards).toHaveCount(4);
  const name = page.getByTestId('table-name-input');
  await expect(name).toHaveValue('new_table_3');
  await expect(name).toBeFocused();
  expect(await selectedText(page)).toBe('new_table_3');
  // No two cards overlap.
  const boxes = await cards.evaluateAll((all) => all.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `cards ${i} and ${j} overlap`).toBe(true);
    }
  }
  await page.screenshot({ path: testInfo.outputPath('add-table-free-space.png') });
});

test('importing a file with no tables is refused with a message naming it, and the open design stays', async ({
  page,
}) => {
  await open(page);
  const input = page.getByTestId('import-files-input');
  await input.setInputFiles([{ name: 'empty.sql', mimeType: 'text/plain', buffer: Buffer.from('-- nothing yet\n') }]);
  await expect(page.getByTestId('import-message').first()).toHaveText(
    'empty.sql error: no table was found in empty.sql, so nothing was opened (the SQL has no CREATE TABLE statement)',
  );
  await input.setInputFiles([
    { name: 'tables.ts', mimeType: 'text/plain', buffer: Buffer.from('export const limit = 10;\n') },
  ]);
  await expect(page.getByTestId('import-message').first()).toContainText(
    'tables.ts error: no table was found in tables.ts',
  );
  await input.setInputFiles([
    { name: 'Example.design.json', mimeType: 'application/json', buffer: Buffer.from(serializeDesign(emptyDesign())) },
  ]);
  await expect(page.getByTestId('import-message').first()).toContainText(
    'Example.design.json is a MoLOS Schema Studio design file, not a module file: open it with Designs → Open design file…',
  );
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(page.getByTestId('table-card')).toHaveCount(1);
});

test('the SVG file has no @2x in its name; a PNG at 2× keeps it', async ({ page }) => {
  await open(page);
  for (const [format, expected] of [
    ['svg', 'MoLOS-Example-diagram.svg'],
    ['png', 'MoLOS-Example-diagram@2x.png'],
  ] as const) {
    await runCommand(page, 'export-image');
    await expect(page.getByTestId('export-image-dialog')).toBeVisible();
    await page.getByTestId(`export-format-${format}`).check();
    await page.getByTestId('export-scale-2').check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-download').click();
    expect((await downloading).suggestedFilename()).toBe(expected);
    await expect(page.getByTestId('export-image-dialog')).toBeHidden();
  }
});

test('no console warning or error while using the designer and the viewer', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const seen = watchConsole(page);
  await open(page);
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-card')).toHaveCount(2);

  await page.getByTestId('tab-code').click();
  for (const view of ['tables', 'models', 'config', 'sql', 'since', 'database']) {
    await page.getByTestId(`preview-tab-${view}`).click();
    await expect(page.getByTestId(`preview-tab-${view}`)).toHaveAttribute('aria-selected', 'true');
  }
  await expect(page.locator('[data-testid^="db-table-MoLOS-Example_new_table"]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('tab-problems')).toHaveAttribute('aria-selected', 'true');

  // Keys too: every key press once logged a warning from the canvas's key handler.
  await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+1');
  await runCommand(page, 'export-image');
  await expect(page.getByTestId('export-image-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-image-dialog')).toBeHidden();

  const viewer = await (await browser.newContext()).newPage();
  const viewerSeen = watchConsole(viewer);
  await viewer.goto(`/view#d=${encodeDesign(exampleDesign()).data}`);
  await expect(viewer.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  await expect(viewer.getByTestId('preview')).toContainText('sqliteTable("MoLOS-Example_projects"', {
    timeout: 60_000,
  });
  await viewer.context().close();

  expect(seen).toEqual([]);
  expect(viewerSeen).toEqual([]);
});
