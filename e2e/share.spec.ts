import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { type Design } from '../src/lib/core/design';
import { loadDesign, serializeDesign } from '../src/lib/core/format';
import { applyOperation } from '../src/lib/core/operations';
import { SHARE_LIMITS, decodeShare, encodeDesign, encodeJson, shareDataFromHash } from '../src/lib/share/share-link';

// Share links: the design travels in the URL fragment. A link made in the designer opens the same design in a
// fresh browser (read-only), "Open a copy to edit" adds it as a new design, and bad or hostile links show what
// is wrong with them without breaking the page or running anything.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
// The code previews load the generator (ts-morph) in a worker the first time, which takes a while.
test.setTimeout(180_000);

const EXAMPLE = readFileSync('static/examples/molos-example.json', 'utf8');

function exampleDesign(): Design {
  const loaded = loadDesign(EXAMPLE);
  if (!loaded.ok) throw new Error('the example does not load');
  return loaded.design;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`a ${d.type()} dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

/** The stored designs, read from IndexedDB (a string, so the page runs it as written). */
function stored(page: Page): Promise<{ name: string; file: string }[]> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('molos-schema-studio');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const values = open.result.transaction('designs').objectStore('designs').getAll();
      values.onsuccess = () => {
        resolve(values.result.map((v) => ({ name: v.name, file: v.file })));
        open.result.close();
      };
    };
  })`);
}

const tableNames = async (page: Page) => (await page.getByTestId('table-name').allInnerTexts()).sort();
const prefixed = (design: Design) =>
  Object.values(design.tables)
    .map((t) => `${design.module.id}_${t.name}`)
    .sort();

test('a design made in the designer opens identical from its share link in a fresh browser', async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const records = await stored(page);
  expect(records).toHaveLength(1);
  const made = loadDesign(records[0]!.file);
  if (!made.ok) throw new Error('the stored design does not load');

  await page.getByTestId('cmd-share').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('share-copied')).toHaveText('Link copied to the clipboard.');
  const link = await page.getByTestId('share-link').inputValue();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
  expect(new URL(link).pathname).toBe('/view');
  await expect(page.getByTestId('share-size')).toContainText(`${link.length.toLocaleString('en-US')} characters`);
  await page.screenshot({ path: 'e2e-output/share-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The link holds exactly the stored design.
  const decoded = decodeShare(shareDataFromHash(new URL(link).hash) ?? '');
  if (!decoded.ok) throw new Error(decoded.error.message);
  expect(decoded.design).toEqual(made.design);

  // A fresh browser (no stored designs) shows it read-only.
  const other = await browser.newContext();
  const viewer = await other.newPage();
  const viewerErrors = watchErrors(viewer);
  await viewer.goto(link);
  await expect(viewer.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  await expect(viewer.getByTestId('table-name')).toHaveCount(2);
  expect(await tableNames(viewer)).toEqual(prefixed(made.design));
  const columns = await viewer.getByTestId('column-row').locator('.col').allInnerTexts();
  expect(columns.sort()).toEqual(
    Object.values(made.design.columns)
      .map((c) => c.name)
      .sort(),
  );
  await expect(viewer.getByTestId('viewer-module')).toHaveText(made.design.module.id);
  // The code preview is of this design.
  await expect(viewer.getByTestId('preview')).toContainText(`sqliteTable("${made.design.module.id}_new_table"`, {
    timeout: 120_000,
  });
  await viewer.screenshot({ path: 'e2e-output/share-viewer.png' });
  expect(viewerErrors).toEqual([]);
  await other.close();
  expect(errors).toEqual([]);
});

test('"Open a copy to edit" adds the shared design as a new design and keeps the open one', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const before = await stored(page);
  expect(before.map((r) => r.name)).toEqual(['Example']);

  let shared = exampleDesign();
  shared = applyOperation(shared, { op: 'setModule', args: { id: 'MoLOS-Notes', name: 'Notes' } });
  shared = applyOperation(shared, { op: 'addTable', args: { name: 'notes', position: { x: 400, y: 0 } } });
  await page.goto(`/view#d=${encodeDesign(shared).data}`);
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  await page.getByTestId('open-copy').click();

  await expect(page).toHaveURL(/\/$/); // the fragment is dropped: a reload does not add the copy again
  await expect(page.getByTestId('current-design')).toHaveText('Notes (shared)');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Notes');
  expect(await tableNames(page)).toEqual(prefixed(shared));
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const after = await stored(page);
  expect(after.map((r) => r.name).sort()).toEqual(['Example', 'Notes (shared)']);
  // The design that was open is stored exactly as before.
  expect(after.find((r) => r.name === 'Example')?.file).toBe(before[0]?.file);
  const copy = loadDesign(after.find((r) => r.name === 'Notes (shared)')?.file ?? '');
  expect(copy.ok && copy.design).toEqual(shared);

  // The copy is an ordinary design: editing it works and is undoable.
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-name')).toHaveCount(3);
  await page.getByTestId('cmd-undo').click();
  await expect(page.getByTestId('table-name')).toHaveCount(2);

  await page.reload();
  await expect(page.getByTestId('current-design')).toHaveText('Notes (shared)');
  expect(await stored(page)).toHaveLength(2);
  expect(errors).toEqual([]);
});

/** Opens a viewer link and returns the error shown. */
async function openBad(page: Page, data: string, code: string) {
  await page.goto('/view');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  // Only the fragment changes, so the page is not reloaded: the viewer follows the hash. And after a reload.
  await page.goto(`/view#d=${data}`);
  const error = page.getByTestId('share-error');
  await expect(error).toHaveAttribute('data-code', code);
  await page.reload();
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-code', code);
  return page.getByTestId('share-error-message');
}

test('tampered, truncated and oversized links each say what is wrong', async ({ page }) => {
  const errors = watchErrors(page);
  const good = encodeDesign(exampleDesign()).data;

  // One character changed in the middle: still link characters, but the data no longer matches its checksum
  // (or no longer unpacks).
  const at = Math.floor(good.length / 2);
  const tampered = `${good.slice(0, at)}${good[at] === 'A' ? 'B' : 'A'}${good.slice(at + 1)}`;
  const tamperedResult = decodeShare(tampered);
  expect(tamperedResult.ok).toBe(false);
  const tamperedCode = tamperedResult.ok ? '' : tamperedResult.error.code;
  expect(['checksum', 'damaged']).toContain(tamperedCode);
  await expect(await openBad(page, tampered, tamperedCode)).toContainText(
    tamperedCode === 'checksum' ? 'was changed after it was made' : 'is damaged',
  );
  await page.screenshot({ path: 'e2e-output/share-tampered.png' });

  await expect(await openBad(page, good.slice(0, at), 'truncated')).toContainText('The link is cut off');
  await expect(await openBad(page, `${good.slice(0, 20)}<b>${good.slice(20)}`, 'bad-character')).toContainText(
    'position 21',
  );

  const huge = 'A'.repeat(SHARE_LIMITS.maxDataChars + 1);
  await expect(await openBad(page, huge, 'too-large')).toContainText(
    'The link is too large: 1,048,577 characters of design data',
  );
  await page.screenshot({ path: 'e2e-output/share-too-large.png' });

  await expect(
    await openBad(page, encodeJson('{"format":"molos-schema-studio/design"}').data, 'invalid-design'),
  ).toContainText('$.formatVersion');
  await expect(await openBad(page, '', 'empty')).toContainText('nothing after "#d="');

  // The error page offers a way on.
  await page.getByRole('link', { name: 'See the example module' }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
  expect(errors).toEqual([]);
});

test('a design with markup in its names shows the names as text and runs nothing', async ({ page }) => {
  const errors = watchErrors(page);
  const img = '<img src=x onerror="window.__pwned=1">';
  const script = '"><script>window.__pwned=2</script>';
  let design = exampleDesign();
  design = applyOperation(design, { op: 'setModule', args: { name: script, description: img } });
  design = applyOperation(design, { op: 'addTable', args: { id: 't_evil', name: img, position: { x: 400, y: 0 } } });
  design = applyOperation(design, { op: 'updateTable', args: { tableId: 't_evil', comment: script } });
  await page.goto(`/view#d=${encodeDesign(design).data}`);
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  expect(await tableNames(page)).toContain(`MoLOS-Example_${img}`);
  await expect(page.getByTestId('viewer-header')).toContainText(script);
  // The code previews print it as code, never as markup.
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText(`sqliteTable(  'MoLOS-Example_${img}',`, { timeout: 120_000 });
  await expect(preview).toContainText(`${script} module database schema`);
  await page.waitForTimeout(300);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(await page.locator('[data-testid="viewer"] img').count()).toBe(0);
  expect(await page.locator('[data-testid="viewer"] script').count()).toBe(0);
  await page.screenshot({ path: 'e2e-output/share-hostile-names.png' });
  expect(errors).toEqual([]);
});

test('a link written with design format 1 still opens, upgraded', async ({ page }) => {
  const errors = watchErrors(page);
  const file = JSON.parse(serializeDesign(exampleDesign()));
  file.formatVersion = 1;
  delete file.design.baseline;
  await page.goto(`/view#d=${encodeJson(JSON.stringify(file)).data}`);
  await expect(page.getByTestId('viewer-upgraded')).toContainText('design format 1');
  expect(await tableNames(page)).toEqual(prefixed(exampleDesign()));
  expect(errors).toEqual([]);
});

test('the designer reports a bad link and keeps the open design', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.goto('about:blank');
  await page.goto(`/#d=${encodeDesign(exampleDesign()).data.slice(0, 200)}`);
  await expect(page.getByTestId('session-report-title')).toHaveText('The shared link could not be opened');
  await expect(page.getByTestId('session-report')).toContainText('The link is cut off');
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  expect((await stored(page)).map((r) => r.name)).toEqual(['Example']);
  expect(errors).toEqual([]);
});
