import { readFileSync, writeFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { runCommand } from './support/commands';

// "Export image…": the whole diagram as SVG or PNG, at a chosen scale, in either theme. The checks do not trust
// the renderer's own numbers: table positions come from the design file and card sizes from the canvas cards.

const TASKS = JSON.parse(readFileSync('static/examples/molos-tasks.json', 'utf8'));
const COUNCIL = JSON.parse(readFileSync('static/examples/molos-llm-council.json', 'utf8'));

interface Table {
  name: string;
  position: { x: number; y: number };
}

async function start(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return errors;
}

/** Opens a design file through the designs menu's "Open design file…". */
async function openFile(page: Page, name: string, file: unknown) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('file-open').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
}

/** Each table's box: the position saved in the design, the size of its card on the canvas. */
async function cardBoxes(page: Page, file: { design: { module: { id: string }; tables: Record<string, Table> } }) {
  const tables = Object.entries(file.design.tables);
  await expect(page.getByTestId('table-card')).toHaveCount(tables.length);
  const boxes = [];
  for (const [id, t] of tables) {
    const card = page.locator(`[data-testid="table-card"][data-table-id="${id}"]`);
    const size = await card.evaluate((el) => ({
      width: (el as HTMLElement).offsetWidth,
      height: (el as HTMLElement).offsetHeight,
    }));
    boxes.push({ name: `${file.design.module.id}_${t.name}`, x: t.position.x, y: t.position.y, ...size });
  }
  return boxes;
}

async function exportImage(page: Page, options: { format: 'svg' | 'png'; scale?: string; theme?: 'light' | 'dark' }) {
  await runCommand(page, 'export-image');
  await expect(page.getByTestId('export-image-dialog')).toBeVisible();
  await page.getByTestId(`export-format-${options.format}`).check();
  if (options.scale) {
    if (['1', '2', '3'].includes(options.scale)) await page.getByTestId(`export-scale-${options.scale}`).check();
    else {
      await page.getByTestId('export-scale-other').check();
      await page.getByTestId('export-scale-custom').fill(options.scale);
    }
  }
  if (options.theme) await page.getByTestId(`export-theme-${options.theme}`).check();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-download').click();
  const download = await downloading;
  await expect(page.getByTestId('export-image-dialog')).toBeHidden();
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path()) ?? '') };
}

function pngSize(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The colour of one pixel of a PNG, read by the browser. */
async function pixel(page: Page, png: Buffer, x: number, y: number): Promise<number[]> {
  return page.evaluate(`(async () => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, -${x}, -${y});
    return [...context.getImageData(0, 0, 1, 1).data];
  })()`);
}

test('SVG export: every table of the whole diagram, names kept as text, even while the canvas shows a part', async ({
  page,
}) => {
  const errors = await start(page);
  const file = structuredClone(TASKS);
  // Hostile names must stay text in the picture (the rules flag them; the picture must not break).
  file.design.tables.t_tags.name = '<img src=x onerror=alert(1)>';
  file.design.tables.t_daily_log.name = 'log & "notes" </svg>';
  await openFile(page, 'hostile.json', file);
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  const boxes = await cardBoxes(page, file);
  // Zoom far in: the canvas now shows only a part of the diagram; the export must not care.
  for (let i = 0; i < 6; i++) await page.locator('.svelte-flow__controls-zoomin').click();

  const { name, bytes } = await exportImage(page, { format: 'svg', scale: '1', theme: 'light' });
  expect(name).toBe('MoLOS-Tasks-diagram.svg');
  const svg = bytes.toString('utf8');
  const parsed = await page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(svg)}, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.nodeName,
      viewBox: root.getAttribute('viewBox'),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      elements: [...new Set([...doc.querySelectorAll('*')].map((e) => e.nodeName))].sort(),
    };
  })()`);
  const result = parsed as { error: string | null; root: string; viewBox: string; texts: string[]; elements: string[] };
  expect(result.error).toBeNull();
  expect(result.root).toBe('svg');
  expect(result.elements).toEqual(['circle', 'g', 'path', 'rect', 'svg', 'text', 'title', 'tspan']);
  for (const box of boxes) expect(result.texts).toContain(box.name);
  expect(result.texts).toContain('MoLOS-Tasks_<img src=x onerror=alert(1)>');
  const [vx, vy, vw, vh] = result.viewBox.split(' ').map(Number) as [number, number, number, number];
  for (const box of boxes) {
    expect(box.x).toBeGreaterThanOrEqual(vx);
    expect(box.y).toBeGreaterThanOrEqual(vy);
    expect(box.x + box.width).toBeLessThanOrEqual(vx + vw);
    expect(box.y + box.height).toBeLessThanOrEqual(vy + vh);
  }
  expect(errors).toEqual([]);
});

for (const [scale, theme] of [
  ['2', 'light'],
  ['1.5', 'dark'],
] as const) {
  test(`PNG export at ${scale}× in the ${theme} theme covers every table`, async ({ page }) => {
    const errors = await start(page);
    await openFile(page, 'council.json', COUNCIL);
    await expect(page.getByTestId('module-id')).toHaveText('MoLOS-LLM-Council');
    const boxes = await cardBoxes(page, COUNCIL);
    const x0 = Math.min(...boxes.map((b) => b.x));
    const y0 = Math.min(...boxes.map((b) => b.y));
    const x1 = Math.max(...boxes.map((b) => b.x + b.width));
    const y1 = Math.max(...boxes.map((b) => b.y + b.height));

    const { name, bytes } = await exportImage(page, { format: 'png', scale, theme });
    expect(name).toBe(`MoLOS-LLM-Council-diagram@${scale}x.png`);
    const size = pngSize(bytes);
    const s = Number(scale);
    // At least every table at the scale, with a margin on each side; not much more than that.
    expect(size.width).toBeGreaterThanOrEqual(Math.ceil((x1 - x0 + 2 * 32) * s));
    expect(size.height).toBeGreaterThanOrEqual(Math.ceil((y1 - y0 + 2 * 32) * s));
    expect(size.width).toBeLessThanOrEqual(Math.ceil((x1 - x0 + 2 * 32 + 120) * s));
    expect(size.height).toBeLessThanOrEqual(Math.ceil((y1 - y0 + 2 * 32 + 120) * s));
    // The corner is the theme's background.
    expect((await pixel(page, bytes, 2, 2)).slice(0, 3)).toEqual(theme === 'light' ? [246, 247, 249] : [20, 23, 29]);
    writeFileSync(`e2e-output/diagram-export-${theme}@${scale}x.png`, bytes);
    expect(errors).toEqual([]);
  });
}

test('the dialog starts in the page’s theme and refuses a PNG larger than a browser canvas', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const errors = await start(page);
  const far = structuredClone(TASKS);
  far.design.tables.t_tags.position = { x: 20000, y: 0 };
  await openFile(page, 'far.json', far);
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  await runCommand(page, 'export-image');
  await expect(page.getByTestId('export-theme-dark')).toBeChecked();
  await page.getByTestId('export-format-png').check();
  await page.getByTestId('export-scale-2').check();
  await expect(page.getByTestId('export-error')).toContainText('larger than a browser can draw');
  await expect(page.getByTestId('export-error')).toContainText(/Choose a scale of at most 1\.\d/);
  await expect(page.getByTestId('export-download')).toBeDisabled();
  // An SVG has no such limit: the same scale is fine for it.
  await page.getByTestId('export-format-svg').check();
  await expect(page.getByTestId('export-error')).toHaveCount(0);
  await expect(page.getByTestId('export-download')).toBeEnabled();
  await page.getByTestId('export-format-png').check();
  await page.getByTestId('export-scale-other').check();
  await page.getByTestId('export-scale-custom').fill('0');
  await expect(page.getByTestId('export-error')).toContainText('The scale must be a number from 0.1 to 10');
  await page.getByTestId('export-scale-1').check();
  await expect(page.getByTestId('export-error')).toHaveCount(0);
  await expect(page.getByTestId('export-size')).toContainText('5 tables');
  await expect(page.getByTestId('export-download')).toBeEnabled();
  await page.screenshot({ path: 'e2e-output/diagram-export-dialog.png' });
  expect(errors).toEqual([]);
});
