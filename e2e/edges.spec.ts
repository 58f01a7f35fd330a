import { type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { type Design, emptyDesign } from '../src/lib/core/design';
import { serializeDesign } from '../src/lib/core/format';
import { addTable, connectTables, updateColumn } from '../src/lib/core/operations';

// Relation lines people can read: routed around the cards in their way, crow's-foot ends for the cardinality,
// and labels off the cards (a self relation's too).

/**
 * Three cards in a row with a relation between the outer two (a straight line would cross the middle card), a
 * card below the first with a unique foreign key to it (one to one), and a self relation on the last card.
 */
function rowDesign(): Design {
  let d = emptyDesign({ id: 'MoLOS-Edges', name: 'Edges', layout: 'legacy' });
  d = addTable(d, { id: 't_alpha', name: 'alpha', position: { x: 0, y: 0 } });
  d = addTable(d, { id: 't_beta', name: 'beta', position: { x: 360, y: 0 } });
  d = addTable(d, { id: 't_gamma', name: 'gamma', position: { x: 720, y: 0 } });
  d = addTable(d, { id: 't_delta', name: 'delta', position: { x: 0, y: 360 } });
  d = connectTables(d, {
    fromTableId: 't_alpha',
    toTableId: 't_gamma',
    columnId: 'c_ag',
    relationId: 'r_ag',
    onDelete: 'cascade',
  });
  d = updateColumn(d, { columnId: 'c_ag', patch: { notNull: true } });
  d = connectTables(d, {
    fromTableId: 't_delta',
    toTableId: 't_alpha',
    columnId: 'c_da',
    relationId: 'r_da',
    onDelete: 'cascade',
  });
  d = updateColumn(d, { columnId: 'c_da', patch: { notNull: true, unique: true } });
  d = connectTables(d, {
    fromTableId: 't_gamma',
    toTableId: 't_gamma',
    columnId: 'c_gg',
    relationId: 'r_gg',
    onDelete: 'set null',
  });
  return d;
}

let errors: string[] = [];

test.beforeEach(async ({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 850 });
  await page.goto('/');
  await expect(page.getByTestId('table-card')).toHaveCount(1);
});

test.afterEach(() => {
  expect(errors).toEqual([]);
});

async function openDesign(page: Page, name: string, text: string | Buffer) {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

const edgePath = (page: Page, relationId: string) =>
  page.locator(`[data-testid="edge-${relationId}"] path.svelte-flow__edge-path`);
const cardOf = (page: Page, name: string) => page.locator(`[data-testid="table-card"][data-table-name="${name}"]`);

/** The rounded corners of a path (one `Q` each). */
const corners = (d: string | null) => (d ?? '').match(/Q/g)?.length ?? 0;

/** Points along a rendered edge, every 4 px of its length, in page coordinates. */
async function pathSamples(page: Page, relationId: string): Promise<Array<{ x: number; y: number }>> {
  return edgePath(page, relationId).evaluate((el) => {
    const path = el as SVGPathElement;
    const ctm = path.getScreenCTM()!;
    const total = path.getTotalLength();
    const points: Array<{ x: number; y: number }> = [];
    for (let at = 0; at <= total; at += 4) {
      const p = path.getPointAtLength(at).matrixTransform(ctm);
      points.push({ x: p.x, y: p.y });
    }
    return points;
  });
}

test('a line goes around the card in its way, and follows when that card moves', async ({ page }, testInfo) => {
  await openDesign(page, 'edges.json', serializeDesign(rowDesign()));
  await expect(page.getByTestId('table-card')).toHaveCount(4);
  await expect(edgePath(page, 'r_ag')).toHaveCount(1);
  const beta = (await cardOf(page, 'beta').boundingBox())!;
  const samples = await pathSamples(page, 'r_ag');
  expect(samples.length).toBeGreaterThan(50);
  for (const p of samples) {
    const inside = p.x > beta.x && p.x < beta.x + beta.width && p.y > beta.y && p.y < beta.y + beta.height;
    expect(inside, `${p.x},${p.y} in ${JSON.stringify(beta)}`).toBe(false);
  }
  // It does leave the straight line: some of it is above or below the middle card.
  expect(samples.some((p) => p.y < beta.y || p.y > beta.y + beta.height)).toBe(true);
  // The tooltip says what the line is.
  await expect(page.locator('[data-testid="edge-r_ag"] title')).toHaveText(
    'alpha.gamma_id → gamma.id, many to one, on delete cascade',
  );
  expect(corners(await edgePath(page, 'r_ag').getAttribute('d'))).toBe(4);
  await page.screenshot({ path: testInfo.outputPath('edges-routed.png') });

  // Dragging the middle card out of the way straightens the line.
  const header = page.locator('.svelte-flow__node[data-id="t_beta"] [data-testid="table-name"]');
  const h = (await header.boundingBox())!;
  await page.mouse.move(h.x + 10, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(h.x + 15, h.y + 10, { steps: 2 });
  await page.mouse.move(h.x + 10, h.y + 420, { steps: 12 });
  await page.mouse.up();
  // Out of the way the line is the plain one again: two corners instead of four.
  await expect.poll(async () => corners(await edgePath(page, 'r_ag').getAttribute('d'))).toBe(2);
  await page.screenshot({ path: testInfo.outputPath('edges-moved.png') });
});

test("crow's-foot ends show the cardinality; a self relation's label is in view and off its card", async ({
  page,
}, testInfo) => {
  await openDesign(page, 'edges.json', serializeDesign(rowDesign()));
  await expect(page.getByTestId('table-card')).toHaveCount(4);
  // Many to one.
  await expect(edgePath(page, 'r_ag')).toHaveAttribute('marker-start', 'url(#erd-many)');
  await expect(edgePath(page, 'r_ag')).toHaveAttribute('marker-end', 'url(#erd-one)');
  // A unique foreign key: one to one.
  await expect(edgePath(page, 'r_da')).toHaveAttribute('marker-start', 'url(#erd-one)');
  await expect(edgePath(page, 'r_da')).toHaveAttribute('marker-end', 'url(#erd-one)');
  // A nullable one (the self relation's parent_id): zero or one at the referenced end.
  await expect(edgePath(page, 'r_gg')).toHaveAttribute('marker-end', 'url(#erd-zero-one)');

  const label = (await page.getByTestId('edge-label-r_gg').boundingBox())!;
  const gamma = (await cardOf(page, 'gamma').boundingBox())!;
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  expect(label.x).toBeGreaterThanOrEqual(canvas.x);
  expect(label.y).toBeGreaterThanOrEqual(canvas.y);
  expect(label.x + label.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(label.y + label.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  const overlaps =
    label.x < gamma.x + gamma.width &&
    gamma.x < label.x + label.width &&
    label.y < gamma.y + gamma.height &&
    gamma.y < label.y + label.height;
  expect(overlaps).toBe(false);
  // And it is on top: the label is what a click there hits.
  const hit = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid]')?.getAttribute('data-testid'),
    { x: label.x + label.width / 2, y: label.y + label.height / 2 },
  );
  expect(hit).toBe('edge-label-r_gg');
  await page.screenshot({ path: testInfo.outputPath('edges-cardinality.png') });
});

test('the tasks example: no label on a card', async ({ page }, testInfo) => {
  await openDesign(page, 'tasks.json', readFileSync('static/examples/molos-tasks.json'));
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  const labels = page.locator('[data-testid^="edge-label-"]');
  await expect(labels.first()).toBeVisible();
  const cards = await page.getByTestId('table-card').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  for (const box of await labels.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  )) {
    for (const c of cards) {
      const overlaps =
        box.x < c.x + c.width && c.x < box.x + box.width && box.y < c.y + c.height && c.y < box.y + box.height;
      expect(overlaps, `${JSON.stringify(box)} on ${JSON.stringify(c)}`).toBe(false);
    }
  }
  await page.screenshot({ path: testInfo.outputPath('edges-tasks-example.png') });
});
