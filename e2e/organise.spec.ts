import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { runCommand } from './support/commands';

// Organising a big diagram: sticky notes, named areas and table colours, made from the canvas's context menu,
// kept across a reload, carried by the share link into the viewer and drawn in the SVG export. Dragging an area
// moves its tables, and one undo puts them back.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(120_000);

async function start(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto('/');
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('table-card').first()).toBeVisible();
  return errors;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

/** A point on the empty canvas: left of every card, at the height of the first one's middle. */
async function emptySpot(page: Page) {
  const canvas = await box(page.getByTestId('canvas'));
  const cards = await page.getByTestId('table-card').all();
  const lefts = await Promise.all(cards.map(async (c) => (await box(c)).x));
  const x = Math.max(canvas.x + 40, Math.min(...lefts) - 60);
  return { x, y: canvas.y + 60 };
}

test('notes, areas and colours: made from the context menu, kept, shared, exported; an area drags its tables', async ({
  page,
  browser,
}, testInfo) => {
  const errors = await start(page);
  // The example module has one table, `items`.
  const items = page.locator('[data-testid="table-card"][data-table-name="items"]');

  // The keyboard opens the canvas menu from the focused canvas (Shift+F10), with the focus on its first entry.
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByTestId('canvas-menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Add table here', 'Add note here', 'Add area here']);
  await expect(page.getByTestId('canvas-menu-add-table')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('canvas-menu-add-note')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByTestId('canvas')).toBeFocused();

  // A note from a right click on the empty canvas: its text is edited at once; Escape commits.
  const spot = await emptySpot(page);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await expect(menu).toBeVisible();
  await page.getByTestId('canvas-menu-add-note').click();
  const field = page.getByTestId('note-text-field');
  await expect(field).toBeFocused();
  await page.keyboard.type('Split by owner?');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('note-text')).toHaveText('Split by owner?');

  // An area whose top-left is just above and left of the card, so the card's centre lies inside it.
  const card = await box(items);
  await page.mouse.click(card.x - 10, card.y - 40, { button: 'right' });
  await page.getByTestId('canvas-menu-add-area').click();
  await expect(page.getByTestId('area-name-field')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Core work');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('area-name')).toHaveText('Core work');

  // Colour the table from its card's menu: the header takes the tint.
  await items.click({ button: 'right', position: { x: 40, y: 20 } });
  await expect(menu).toBeVisible();
  await page.getByTestId('canvas-menu-color-teal').click();
  await expect(items).toHaveAttribute('data-color', 'teal');
  await page.screenshot({ path: testInfo.outputPath('organise-designer.png') });

  // Drag the area by its name: the items card moves with it; one undo puts both back.
  const before = await box(items);
  const areaBefore = await box(page.getByTestId('area'));
  const label = await box(page.getByTestId('area-label'));
  await page.mouse.move(label.x + 10, label.y + 8);
  await page.mouse.down();
  await page.mouse.move(label.x + 60, label.y + 40, { steps: 5 });
  await page.mouse.move(label.x + 130, label.y + 88, { steps: 5 });
  await page.mouse.up();
  const after = await box(items);
  const areaAfter = await box(page.getByTestId('area'));
  expect(Math.round(after.x - before.x)).toBe(Math.round(areaAfter.x - areaBefore.x));
  expect(Math.round(after.y - before.y)).toBe(Math.round(areaAfter.y - areaBefore.y));
  expect(after.x - before.x).toBeGreaterThan(60);
  await page.screenshot({ path: testInfo.outputPath('organise-area-dragged.png') });
  await page.getByTestId('canvas').focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => Math.round((await box(items)).x)).toBe(Math.round(before.x));
  expect(Math.round((await box(items)).y)).toBe(Math.round(before.y));
  expect(Math.round((await box(page.getByTestId('area'))).x)).toBe(Math.round(areaBefore.x));

  // Reload: all kept.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('note-text')).toHaveText('Split by owner?');
  await expect(page.getByTestId('area-name')).toHaveText('Core work');
  await expect(items).toHaveAttribute('data-color', 'teal');

  // The share link shows them in the viewer, read-only.
  await runCommand(page, 'share');
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  const link = await page.getByTestId('share-link').inputValue();
  await page.keyboard.press('Escape');
  const other = await browser.newContext();
  const viewer = await other.newPage();
  const viewerErrors: string[] = [];
  viewer.on('pageerror', (e) => viewerErrors.push(e.message));
  await viewer.goto(link);
  await expect(viewer.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  await expect(viewer.getByTestId('note-text')).toHaveText('Split by owner?');
  await expect(viewer.getByTestId('area-name')).toHaveText('Core work');
  await expect(viewer.locator('[data-testid="table-card"][data-table-name="items"]')).toHaveAttribute(
    'data-color',
    'teal',
  );
  // Nothing to edit there: no menu, no text field.
  await viewer.getByTestId('note').dblclick();
  await expect(viewer.getByTestId('note-text-field')).toHaveCount(0);
  await viewer.getByTestId('canvas').click({ button: 'right', position: { x: 30, y: 30 } });
  await expect(viewer.getByTestId('canvas-menu')).toHaveCount(0);
  await viewer.screenshot({ path: testInfo.outputPath('organise-viewer.png') });
  expect(viewerErrors).toEqual([]);
  await other.close();

  // The SVG export draws the note and the area.
  await runCommand(page, 'export-image');
  await expect(page.getByTestId('export-image-dialog')).toBeVisible();
  await page.getByTestId('export-format-svg').check();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const download = await downloading;
  const svg = readFileSync((await download.path()) ?? '', 'utf8');
  expect(svg).toContain('Split by owner?');
  expect(svg).toContain('data-area="Core work"');
  expect(svg).toContain('>Core work</text>');

  expect(errors).toEqual([]);
});

test('notes and areas are deleted with the Delete key, one undo brings them back', async ({ page }) => {
  const errors = await start(page);
  const spot = await emptySpot(page);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await page.getByTestId('canvas-menu-add-note').click();
  await page.keyboard.type('temporary');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('note')).toHaveCount(1);
  // The note is selected after adding it, and Escape left the focus on it.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('note')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('note-text')).toHaveText('temporary');
  // The note's own menu: a colour.
  await page.getByTestId('note').click({ button: 'right' });
  await page.getByTestId('canvas-menu-color-pink').click();
  await expect(page.getByTestId('note')).toHaveCSS('background-color', /rgb/);
  expect(errors).toEqual([]);
});
