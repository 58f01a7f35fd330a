import { readFileSync, readdirSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';

// The start screen ("New design" in the designs menu): a blank module or one of the examples in
// static/examples/, each shown with a picture of its diagram, and each opening as a new design.

const FILES = readdirSync('static/examples')
  .filter((f) => f.endsWith('.json'))
  .sort();
const EXAMPLES = Object.fromEntries(
  FILES.map((f) => [f, JSON.parse(readFileSync(`static/examples/${f}`, 'utf8')).design]),
) as Record<
  string,
  { module: { id: string; name: string; description: string }; tables: Record<string, { name: string }> }
>;

async function start(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return errors;
}

async function openStart(page: Page) {
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('designs-new').click();
  await expect(page.getByTestId('example-gallery')).toBeVisible();
}

const item = (page: Page, file: string) => page.locator(`[data-testid="gallery-item"][data-file="${file}"]`);

test('the gallery lists every example with its picture, name, description and table count', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1200 });
  const errors = await start(page);
  await openStart(page);
  expect(FILES.length).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('gallery-item')).toHaveCount(FILES.length);
  for (const file of FILES) {
    const d = EXAMPLES[file]!;
    const entry = item(page, file);
    await expect(entry.getByTestId('gallery-module')).toHaveText(d.module.id);
    await expect(entry.getByTestId('gallery-name')).toHaveText(d.module.name);
    await expect(entry.getByTestId('gallery-description')).toHaveText(d.module.description);
    const count = Object.keys(d.tables).length;
    await expect(entry.getByTestId('gallery-tables')).toContainText(`${count} table${count === 1 ? '' : 's'}`);
    // The thumbnail is a real picture the browser could draw, of the whole diagram.
    const thumbnail = entry.getByTestId('gallery-thumbnail');
    await expect(thumbnail).toBeVisible();
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const svg = decodeURIComponent((await thumbnail.getAttribute('src'))!.replace(/^data:image\/svg\+xml;[^,]*,/, ''));
    for (const t of Object.values(d.tables)) expect(svg).toContain(`>${t.name}</tspan>`);
  }
  await page.getByTestId('designs-dialog').screenshot({ path: 'e2e-output/gallery.png' });
  expect(errors).toEqual([]);
});

test('opening an example makes a new design with its tables; the open design stays as it was', async ({ page }) => {
  const errors = await start(page);
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  // An edit to the open design, which opening an example must not touch.
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-name')).toHaveCount(2);

  for (const [file, name] of [
    ['molos-llm-council.json', 'LLM Council'],
    ['molos-knowledge.json', 'Knowledge base'],
    ['molos-llm-council.json', 'LLM Council 2'],
  ] as const) {
    await openStart(page);
    await item(page, file).getByTestId('gallery-open').click();
    await expect(page.getByTestId('designs-dialog')).toBeHidden();
    const d = EXAMPLES[file]!;
    await expect(page.getByTestId('current-design')).toHaveText(name);
    await expect(page.getByTestId('module-id')).toHaveText(d.module.id);
    await expect(page.getByTestId('table-name')).toHaveCount(Object.keys(d.tables).length);
    expect((await page.getByTestId('table-name').allInnerTexts()).sort()).toEqual(
      Object.values(d.tables)
        .map((t) => `${d.module.id}_${t.name}`)
        .sort(),
    );
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  }

  await page.getByTestId('designs-menu').click();
  const rows = page.getByTestId('design-row');
  await expect(rows).toHaveCount(4);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort()).toEqual(
    ['Example', 'Knowledge base', 'LLM Council', 'LLM Council 2'].sort(),
  );
  // The first design kept its edit.
  await page.locator('[data-testid="design-row"][data-name="Example"]').getByTestId('design-open').click();
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('an example the server cannot give is reported in its place, and the others still open', async ({ page }) => {
  await page.route('**/examples/molos-knowledge.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const errors = await start(page);
  await openStart(page);
  await expect(item(page, 'molos-knowledge.json').getByTestId('gallery-error')).toHaveText(
    'The example molos-knowledge.json could not be loaded: 404 Not Found',
  );
  await expect(item(page, 'molos-knowledge.json').getByTestId('gallery-open')).toHaveCount(0);
  await item(page, 'molos-tasks.json').getByTestId('gallery-open').click();
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  expect(errors).toEqual([]);
});

test('leaving the start screen while the examples load aborts their requests', async ({ page }) => {
  const errors = await start(page);
  // From now on the example files never arrive: the gallery's requests stay open until it aborts them.
  const held: string[] = [];
  await page.route('**/examples/*.json', (route) => {
    held.push(route.request().url());
  });
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes('/examples/')) aborted.push(request.url().split('/').pop()!);
  });
  await openStart(page);
  await expect.poll(() => held.length).toBe(FILES.length);
  await expect(page.getByTestId('gallery-open').first()).toBeDisabled();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('example-gallery')).toHaveCount(0);
  await expect.poll(() => aborted.sort()).toEqual(FILES);
  expect(errors).toEqual([]);
});
