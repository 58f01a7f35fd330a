import { type Page, expect, test } from '@playwright/test';
import { serializeDesign } from '../src/lib/core/format';
import { largeDesign } from '../bench/large-design';

// Find anything: the command palette (Ctrl+K) runs commands and goes to any table, column, enum or relation;
// `?` shows the shortcut sheet; the inspector's table list has a filter box.

let errors: string[] = [];

async function start(page: Page) {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

/** Opens a design file with Ctrl+O, as a user with the keyboard would. */
async function openDesign(page: Page, text: string) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

const palette = (page: Page) => page.getByTestId('palette');
const options = (page: Page) => page.getByTestId('palette-option');
const activeLabel = (page: Page) =>
  page.evaluate(() => {
    const input = document.querySelector('[data-testid="palette-input"]');
    const id = input?.getAttribute('aria-activedescendant');
    return id ? document.getElementById(id)?.getAttribute('data-label') : null;
  });

test.afterEach(() => expect(errors).toEqual([]));

test.describe('on the example design', () => {
  test.beforeEach(async ({ page }) => start(page));

  test('Ctrl+K opens the palette; it lists commands with their shortcuts and runs the one chosen', async ({
    page,
  }, testInfo) => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await expect(page.getByTestId('palette-input')).toBeFocused();
    // Every command is there (the palette itself and Ctrl+Y, a second Redo shortcut, excepted), with its shortcut.
    const addTable = options(page).and(page.locator('[data-label="Add table"]'));
    await expect(addTable).toContainText('Alt+T');
    await expect(options(page).and(page.locator('[data-label="Fit view"]'))).toContainText('Shift+1');
    await expect(options(page).and(page.locator('[data-label="Share…"]'))).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('palette-empty-query.png') });

    // Nothing to undo yet: Undo is listed, marked, and Enter on it does nothing.
    await page.getByTestId('palette-input').fill('undo');
    await expect(options(page).first()).toHaveAttribute('data-label', 'Undo');
    await expect(options(page).first()).toHaveAttribute('aria-disabled', 'true');
    await expect(options(page).first()).toContainText('unavailable');
    await page.keyboard.press('Enter');
    await expect(palette(page)).toBeVisible();

    await page.getByTestId('palette-input').fill('add tab');
    await expect(options(page).first()).toHaveAttribute('data-label', 'Add table');
    await page.keyboard.press('Enter');
    await expect(palette(page)).toBeHidden();
    await expect(page.getByTestId('table-card')).toHaveCount(2);

    // The command list's own entry opens it too, and Undo is available now.
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('undo');
    await expect(options(page).first()).toHaveAttribute('aria-disabled', 'false');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('table-card')).toHaveCount(1);
  });

  test('the arrow keys move through the results, the mouse picks one, Esc closes and the focus stays inside', async ({
    page,
  }) => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('items');
    const labels = await options(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels[0]).toBe('items');
    expect(labels.length).toBeGreaterThan(2);
    expect(await activeLabel(page)).toBe(labels[0]);
    await page.keyboard.press('ArrowDown');
    expect(await activeLabel(page)).toBe(labels[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await activeLabel(page)).toBe(labels.at(-1));

    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      const outside = await page.evaluate(
        () => document.activeElement !== document.body && !document.activeElement?.closest('dialog[open]'),
      );
      expect(outside, `focus left the palette after ${i + 1} presses`).toBe(false);
    }

    await page.keyboard.press('Escape');
    await expect(palette(page)).toBeHidden();
    // A click beside the palette closes it too, and does not reach the canvas behind.
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-backdrop').click({ position: { x: 300, y: 400 } });
    await expect(palette(page)).toBeHidden();
    await expect(page.getByTestId('table-card')).toHaveCount(1);

    // The mouse: a click on a column selects it, and the inspector shows that column.
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('items.title');
    await page.locator('[data-testid="palette-option"][data-label="items.title"]').click();
    await expect(palette(page)).toBeHidden();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', 'table');
    await expect(page.getByTestId('crumb-table')).toHaveText('items');
    await expect(page.getByLabel('Inspector path')).toContainText('title');
  });

  test('? shows the shortcut sheet, grouped, but not while typing in a field', async ({ page }, testInfo) => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+Slash'); // "?" on a US layout
    const sheet = page.getByTestId('shortcut-sheet');
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('heading', { name: 'Edit' })).toBeVisible();
    await expect(sheet.getByRole('heading', { name: 'View' })).toBeVisible();
    await expect(sheet.getByTestId('shortcut-row').filter({ hasText: 'Find anything' })).toContainText('Ctrl+K');
    await expect(sheet.getByTestId('shortcut-row').filter({ hasText: 'Redo' })).toContainText(
      /Ctrl\+Shift\+Z\s*or\s*Ctrl\+Y/,
    );
    await expect(sheet.getByTestId('shortcut-row').filter({ hasText: 'Fit view' })).toContainText('Shift+1');
    await page.screenshot({ path: testInfo.outputPath('shortcut-sheet.png') });
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    const name = page.getByTestId('module-name-input');
    await name.click();
    await page.keyboard.press('Shift+Slash');
    await expect(name).toHaveValue(/\?$/);
    await expect(sheet).toBeHidden();
  });
});

test('at 300 tables the palette finds a column and centres its table, and the table list filters', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await start(page);
  await openDesign(page, serializeDesign(largeDesign(300, 12)));
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Bench', { timeout: 60_000 });
  await expect(page.locator('.svelte-flow__node').first()).toBeVisible({ timeout: 60_000 });

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('entity_257.field_3');
  await expect(options(page).first()).toHaveAttribute('data-label', 'entity_257.field_3');
  await expect(options(page).first()).toHaveAttribute('data-kind', 'column');
  await page.screenshot({ path: testInfo.outputPath('palette-300-tables.png') });
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page.getByTestId('crumb-table')).toHaveText('entity_257');
  await expect(page.getByLabel('Inspector path')).toContainText('field_3');

  // The card is in the middle of the canvas, at a zoom where it shows its columns.
  const card = page.locator('.svelte-flow__node[data-id="t_257"]');
  const pane = page.locator('.svelte-flow').first();
  await expect
    .poll(
      async () => {
        const [c, p] = [await card.boundingBox(), await pane.boundingBox()];
        if (!c || !p) return Infinity;
        return Math.hypot(c.x + c.width / 2 - (p.x + p.width / 2), c.y + c.height / 2 - (p.y + p.height / 2));
      },
      { timeout: 10_000 },
    )
    .toBeLessThan(4);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-lod', 'false');
  await expect(card).toContainText('field_3');
  await page.screenshot({ path: testInfo.outputPath('palette-centred.png') });

  // A relation, typed with "->": both its tables come into view.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('entity_201.entity_100_id -> ');
  await expect(options(page).first()).toHaveAttribute('data-kind', 'relation');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', 'relation');

  // The table list: back to the module, then filter by a table name and by a column name.
  await page.getByTestId('crumb-module').click();
  const filter = page.getByTestId('table-filter');
  const links = page.getByTestId('table-link');
  await expect(links).toHaveCount(300);
  await filter.fill('ENTITY_25');
  // entity_25 and entity_250 … entity_259 by name; entity_50 and entity_51 by their column entity_25_id.
  await expect(links).toHaveCount(13);
  await expect(page.getByTestId('table-filter-count')).toHaveText('13 of 300');
  await expect(page.locator('[data-testid="table-link"][data-name="entity_50"]')).toContainText('.entity_25_id');
  await filter.fill('field_7'); // only entity_0 has an eighth extra column
  await expect(links).toHaveCount(1);
  await expect(links.first()).toContainText('entity_0');
  await expect(links.first()).toContainText('.field_7');
  await page.screenshot({ path: testInfo.outputPath('table-filter.png') });
  await filter.fill('no_such_name');
  await expect(links).toHaveCount(0);
  await expect(page.getByTestId('table-filter-empty')).toBeVisible();
  await filter.fill('entity_42');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crumb-table')).toHaveText('entity_42');
});
