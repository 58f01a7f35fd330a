import { type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TOUR_STEPS } from '../src/lib/components/tour/tour-steps';
import { loadDesign } from '../src/lib/core/format';
import { decodeShare, shareDataFromHash } from '../src/lib/share/share-link';

// The read-only viewer: the example module without a link, nothing on the canvas edits it, the embed form
// without a header, and the guided tour of the example module.

test.setTimeout(180_000);

const EXAMPLE = (() => {
  const loaded = loadDesign(readFileSync('static/examples/molos-example.json', 'utf8'));
  if (!loaded.ok) throw new Error('the example does not load');
  return loaded.design;
})();

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const card = (page: Page, name: string) => page.locator(`[data-testid="table-card"][data-table-name="${name}"]`);

test('without a link the viewer shows the example module, and nothing on the canvas edits it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/view');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  await expect(page.getByTestId('viewer-module')).toHaveText('MoLOS-Example');
  expect(await page.getByTestId('table-name').allInnerTexts()).toEqual(['MoLOS-Example_items']);
  await expect(page.getByTestId('preview')).toContainText('sqliteTable("MoLOS-Example_items"', { timeout: 120_000 });
  // No editing chrome.
  await expect(page.getByTestId('cmd-add-table')).toHaveCount(0);
  await expect(page.getByTestId('tab-inspector')).toHaveCount(0);
  await expect(page.getByTestId('new-relation-handle')).toBeHidden();

  // Double-clicking the canvas adds nothing; dragging a card does not move it (the drag pans the view instead),
  // selecting is fine (it is not an edit), and Delete or the arrow keys change nothing.
  const pane = page.locator('.svelte-flow__pane');
  await pane.dblclick({ position: { x: 40, y: 40 } });
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  const items = card(page, 'items');
  const node = page.locator('.svelte-flow__node', { has: items });
  // Where Svelte Flow puts the card, in diagram coordinates (a pan moves the view, not this).
  const placement = async () => (await node.getAttribute('style'))?.match(/transform: [^;]+/)?.[0];
  const placed = await placement();
  expect(placed).toBe('transform: translate(0px, 0px)');
  const box = await items.boundingBox();
  if (!box) throw new Error('no card');
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 240, box.y + 140, { steps: 8 });
  await page.mouse.up();
  await items.click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  expect(await placement()).toBe(placed);
  // The design behind "Open a copy to edit" is still the example, position and all.
  const copy = new URL((await page.getByTestId('open-copy').getAttribute('href')) ?? '');
  const decoded = decodeShare(shareDataFromHash(copy.hash) ?? '');
  expect(decoded.ok && decoded.design).toEqual(EXAMPLE);
  await page.screenshot({ path: 'e2e-output/viewer.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e-output/viewer-dark.png' });
  expect(errors).toEqual([]);
});

test('?embed=1 shows the diagram and the code without the header', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 700, height: 700 });
  await page.goto('/view?embed=1');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  await expect(page.getByTestId('viewer-header')).toHaveCount(0);
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  await expect(page.getByTestId('preview')).toBeVisible();
  await expect(page.getByTestId('open-copy')).toHaveAttribute('target', '_blank');
  await page.screenshot({ path: 'e2e-output/viewer-embed.png' });
  expect(errors).toEqual([]);
});

test('the guided tour walks through a table, a relation, tables.ts and the migration SQL', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/view?tour=1');
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await expect(page.getByTestId('viewer-module')).toHaveText('MoLOS-Tasks');
  const next = page.getByTestId('tour-next');
  const ring = page.getByTestId('tour-highlight');

  for (const [i, step] of TOUR_STEPS.entries()) {
    await expect(tour).toHaveAttribute('data-step', step.id);
    await expect(page.getByTestId('tour-count')).toHaveText(`Step ${i + 1} of ${TOUR_STEPS.length}`);
    await expect(tour.getByRole('heading')).toHaveText(step.title);
    // Keyboard first: the Next button has the focus at every step.
    await expect(next).toBeFocused();
    const target = step.target;
    if (target.kind === 'table') {
      await expect(card(page, target.table)).toHaveClass(/selected/);
      await expect(ring).toHaveAttribute('data-target', 'table');
      await expect(page.locator('.card.selected')).toHaveCount(1);
    } else if (target.kind === 'relation') {
      await expect(page.locator('.svelte-flow__edge.selected')).toHaveCount(1);
      await expect(ring).toHaveAttribute('data-target', 'relation');
      await expect(page.locator('.card.selected')).toHaveCount(0);
    } else if (target.kind === 'preview') {
      await expect(page.getByTestId('preview')).toHaveAttribute('data-view', target.view);
      await expect(ring).toHaveAttribute('data-target', 'preview');
      const text = target.view === 'tables' ? 'sqliteTable(' : 'CREATE TABLE `MoLOS-Tasks_tasks`';
      await expect(page.getByTestId('preview')).toContainText(text, { timeout: 120_000 });
    } else {
      await expect(ring).toHaveCount(0);
    }
    await page.screenshot({ path: `e2e-output/viewer-tour-${i + 1}-${step.id}.png` });
    if (i < TOUR_STEPS.length - 1) await page.keyboard.press('Enter');
  }
  await expect(next).toHaveText('Finish');

  // Back goes back; Escape closes the tour and leaves nothing selected.
  await page.getByTestId('tour-back').click();
  await expect(tour).toHaveAttribute('data-step', TOUR_STEPS[TOUR_STEPS.length - 2]!.id);
  await page.keyboard.press('Escape');
  await expect(tour).toHaveCount(0);
  await expect(ring).toHaveCount(0);
  await expect(page.locator('.card.selected')).toHaveCount(0);

  // "Take the tour" starts it again, and Skip ends it.
  await page.getByTestId('start-tour').click();
  await expect(tour).toHaveAttribute('data-step', TOUR_STEPS[0]!.id);
  await page.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('"Take the tour" from the example opens the tour module', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/view');
  await expect(page.getByTestId('viewer-module')).toHaveText('MoLOS-Example');
  await page.getByTestId('start-tour').click();
  await expect(page.getByTestId('tour')).toBeVisible();
  await expect(page.getByTestId('viewer-module')).toHaveText('MoLOS-Tasks');
  await page.getByTestId('tour-next').click();
  await expect(card(page, 'projects')).toHaveClass(/selected/);
  expect(errors).toEqual([]);
});
