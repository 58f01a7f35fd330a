import { type Locator, type Page, expect, test } from '@playwright/test';

// The canvas over the example module (`MoLOS-Example`, one table `items`): adding, moving, connecting and
// laying out tables, each one undo step.

const cards = (page: Page) => page.getByTestId('table-card');
const card = (page: Page, name: string) => page.locator(`[data-testid="table-card"][data-table-name="${name}"]`);
const edges = (page: Page) => page.locator('g.svelte-flow__edge');

/** A node's position in flow coordinates (its transform), independent of pan and zoom. */
async function flowPosition(page: Page, tableId: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.svelte-flow__node[data-id="${tableId}"]`).evaluate((n) => n.style.transform);
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no position in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Waits until the page has painted twice (Svelte Flow measures handles in an animation frame). */
async function nextFrames(page: Page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
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
  await expect(cards(page)).toHaveCount(1);
  await expect(card(page, 'items')).toBeVisible();
});

test.afterEach(() => {
  expect(errors).toEqual([]);
});

test('double-clicking the canvas adds a table; undo and redo remove and restore it', async ({ page }) => {
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.dblclick(box.x + 160, box.y + 160);
  await expect(cards(page)).toHaveCount(2);
  const added = card(page, 'new_table');
  await expect(added).toBeVisible();
  await expect(added).toHaveClass(/selected/);
  await page.screenshot({ path: 'e2e-output/canvas-add.png' });

  await page.keyboard.press('Control+z');
  await expect(cards(page)).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(cards(page)).toHaveCount(2);
});

test('Add table in the toolbar puts the new card in free space in view, near the middle', async ({ page }) => {
  await page.getByTestId('cmd-add-table').click();
  await expect(cards(page)).toHaveCount(2);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const added = (await card(page, 'new_table').boundingBox())!;
  const items = (await card(page, 'items').boundingBox())!;
  // In view…
  expect(added.x).toBeGreaterThanOrEqual(canvas.x);
  expect(added.y).toBeGreaterThanOrEqual(canvas.y);
  expect(added.x + added.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(added.y + added.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  // …not on top of the card already there…
  const overlaps =
    added.x < items.x + items.width &&
    items.x < added.x + added.width &&
    added.y < items.y + items.height &&
    items.y < added.y + added.height;
  expect(overlaps).toBe(false);
  // …and its centre within half the view of the view's centre.
  expect(Math.abs(added.x + added.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(canvas.width / 2);
  expect(Math.abs(added.y + added.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(canvas.height / 2);
});

test('dragging a card moves it, and one undo moves it back', async ({ page }) => {
  const items = card(page, 'items');
  const id = (await items.getAttribute('data-table-id'))!;
  const before = await flowPosition(page, id);
  const start = await center(items.getByTestId('table-name'));
  await drag(page, start, { x: start.x + 180, y: start.y + 90 });
  await expect.poll(() => flowPosition(page, id)).not.toEqual(before);
  const after = await flowPosition(page, id);
  expect(after.x - before.x).toBeGreaterThan(100);
  await expect(page.getByTestId('cmd-undo')).toBeEnabled();

  await page.keyboard.press('Control+z');
  await expect.poll(() => flowPosition(page, id)).toEqual(before);
  await expect(page.getByTestId('cmd-undo')).toBeDisabled();
});

test('shift-click selects several cards, which move together as one undo step', async ({ page }) => {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + 140, box.y + 140);
  await expect(cards(page)).toHaveCount(2);
  const ids = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-table-id')!));
  const before = await Promise.all(ids.map((id) => flowPosition(page, id)));

  await card(page, 'items').getByTestId('table-name').click();
  await card(page, 'new_table')
    .getByTestId('table-name')
    .click({ modifiers: ['Shift'] });
  await expect(page.locator('[data-testid="table-card"].selected')).toHaveCount(2);

  const start = await center(card(page, 'items').getByTestId('table-name'));
  await drag(page, start, { x: start.x + 120, y: start.y + 60 });
  await expect.poll(() => flowPosition(page, ids[0]!)).not.toEqual(before[0]);
  const after = await Promise.all(ids.map((id) => flowPosition(page, id)));
  for (let i = 0; i < ids.length; i++) expect(after[i]!.x - before[i]!.x).toBeGreaterThan(60);

  await page.keyboard.press('Control+z');
  await expect.poll(() => Promise.all(ids.map((id) => flowPosition(page, id)))).toEqual(before);
});

test('drawing from a column handle onto another table makes a relation; Delete removes it, undo restores it', async ({
  page,
}) => {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + 120, box.y + 120);
  await expect(cards(page)).toHaveCount(2);
  await expect(edges(page)).toHaveCount(0);

  const items = card(page, 'items');
  const row = items.getByTestId('column-row').filter({ hasText: 'title' });
  // Row handles appear while the pointer is on the card; Svelte Flow measures them on the next frame.
  await row.hover();
  const handle = row.getByTestId('column-handle');
  await expect(handle).toBeVisible();
  await nextFrames(page);
  await drag(page, await center(handle), await center(card(page, 'new_table').getByTestId('column-row').nth(2)));
  await expect(edges(page)).toHaveCount(1);
  const edge = edges(page).first();
  const relationTestId = (await edge.getAttribute('data-testid'))!;
  expect(relationTestId).toMatch(/^edge-/);
  await expect(items.getByTestId('column-row').filter({ hasText: 'title' })).toHaveAttribute('data-mark', 'FK');
  await page.screenshot({ path: 'e2e-output/canvas-relation.png' });

  // The label shows ON DELETE; clicking it offers the actions.
  const relationId = relationTestId.slice('edge-'.length);
  const label = page.getByTestId(`edge-label-${relationId}`);
  await label.click();
  const select = page.getByTestId('edge-on-delete-select');
  await select.selectOption('cascade');
  await expect(label).toHaveText('cascade');

  // Click the line near its start: its middle is under the label.
  const onLine = await edge.locator('path.svelte-flow__edge-path').evaluate((p: SVGPathElement) => {
    const at = p.getPointAtLength(p.getTotalLength() * 0.2);
    const m = p.getScreenCTM()!;
    return { x: at.x * m.a + at.y * m.c + m.e, y: at.x * m.b + at.y * m.d + m.f };
  });
  await page.mouse.click(onLine.x, onLine.y);
  await expect(edge).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(edges(page)).toHaveCount(0);
  await expect(cards(page)).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(edges(page)).toHaveCount(1);
});

test('the header handle adds a foreign-key column to the table it is dropped on', async ({ page }) => {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + 120, box.y + 120);
  await expect(cards(page)).toHaveCount(2);
  const other = card(page, 'new_table');
  await drag(page, await center(other.getByTestId('new-relation-handle')), await center(card(page, 'items')));
  await expect(edges(page)).toHaveCount(1);
  await expect(other.getByTestId('column-row').filter({ hasText: 'item_id' })).toHaveCount(1);
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveText('cascade');
});

test('auto-layout runs ELK in a worker and moves the cards as one undo step', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.dblclick(box.x + 140, box.y + 140);
  await page.mouse.dblclick(box.x + 140, box.y + 520);
  await expect(cards(page)).toHaveCount(3);
  const ids = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-table-id')!));
  const before = await Promise.all(ids.map((id) => flowPosition(page, id)));

  await page.getByTestId('cmd-auto-layout').click();
  await expect.poll(() => Promise.all(ids.map((id) => flowPosition(page, id)))).not.toEqual(before);
  expect(workers.filter((url) => url.includes('layout-worker'))).toHaveLength(1);
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false');
  await page.screenshot({ path: 'e2e-output/canvas-layout.png' });

  await page.keyboard.press('Control+z');
  await expect.poll(() => Promise.all(ids.map((id) => flowPosition(page, id)))).toEqual(before);
});

test('clicking selects a card or focuses a column row; clicking the empty canvas clears the selection', async ({
  page,
}) => {
  const items = card(page, 'items');
  const row = items.getByTestId('column-row').filter({ hasText: 'status' });
  await row.click();
  await expect(items).toHaveClass(/selected/);
  await expect(row).toHaveClass(/focused/);
  await items.getByTestId('table-name').click();
  await expect(row).not.toHaveClass(/focused/);
  await expect(items).toHaveClass(/selected/);

  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.click(box.x + 60, box.y + 60);
  await expect(items).not.toHaveClass(/selected/);
});

test('zoomed out, cards show only their names', async ({ page }) => {
  const canvas = page.getByTestId('canvas');
  await expect(canvas).toHaveAttribute('data-lod', 'false');
  await expect(page.getByTestId('column-row')).not.toHaveCount(0);
  const zoomOut = page.locator('.svelte-flow__controls-zoomout');
  for (let i = 0; i < 5; i++) await zoomOut.click();
  await expect(canvas).toHaveAttribute('data-lod', 'true');
  await expect(page.getByTestId('column-row')).toHaveCount(0);
  await expect(card(page, 'items')).toBeVisible();
  await page.screenshot({ path: 'e2e-output/canvas-zoomed-out.png' });
});
