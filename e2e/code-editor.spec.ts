import { type Page, expect, test } from '@playwright/test';

// The tables.ts view as an editor, over the example module (`MoLOS-Example`, one table `items`): code typed there
// becomes the design (one undo step), broken code is marked and changes nothing, and canvas edits re-print the
// code without moving the cursor.

const cards = (page: Page) => page.getByTestId('table-card');
const card = (page: Page, name: string) => page.locator(`[data-testid="table-card"][data-table-name="${name}"]`);
const content = (page: Page) => page.getByTestId('code-editor-content');

let errors: string[] = [];

// The generator worker loads ts-morph and Prettier on first use, which is slow on a busy machine.
test.setTimeout(150_000);

test.beforeEach(async ({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 850 });
  await page.goto('/');
  await expect(cards(page)).toHaveCount(1);
  await page.getByTestId('tab-code').click();
  await expect(content(page)).toContainText('sqliteTable("MoLOS-Example_items"', { timeout: 90_000 });
});

test.afterEach(() => {
  expect(errors).toEqual([]);
});

/** The editor's whole text (CodeMirror renders only the visible lines; the example file is short). */
const editorText = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('[data-testid="code-editor-host"]');
    const view = (host as unknown as { codeEditorView?: { state: { doc: { toString(): string } } } })?.codeEditorView;
    return view?.state.doc.toString() ?? '';
  });

/** The cursor's offset in the editor. */
const cursorAt = (page: Page) =>
  page.evaluate(() => {
    const host = document.querySelector('[data-testid="code-editor-host"]');
    const view = (host as unknown as { codeEditorView: { state: { selection: { main: { head: number } } } } })
      .codeEditorView;
    return view.state.selection.main.head;
  });

const NEW_TABLE = `
export const exampleLabels = sqliteTable("MoLOS-Example_labels", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
});
`;

test('a table typed into the editor appears on the canvas, and one undo removes it', async ({ page }) => {
  await content(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(NEW_TABLE);
  await expect(cards(page)).toHaveCount(2);
  const labels = card(page, 'labels');
  await expect(labels).toBeVisible();
  await expect(labels.getByText('title', { exact: true })).toBeVisible();
  await expect(page.getByTestId('code-editor')).toHaveAttribute('data-dirty', 'false');

  // One undo (from the page, outside the editor) takes the whole typed table away, and the code follows.
  await page.getByTestId('canvas').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Control+z');
  await expect(cards(page)).toHaveCount(1);
  await expect.poll(() => editorText(page)).not.toContain('MoLOS-Example_labels');
});

test('broken code is marked at its line and leaves the design as it was', async ({ page }, testInfo) => {
  // The Problems tab's label holds the count; switching tabs would remount the editor, so it is only read.
  const problemsBefore = await page.getByTestId('tab-problems').innerText();

  const text = await editorText(page);
  const line = text.split('\n').findIndex((l) => l.includes('sqliteTable("MoLOS-Example_items"')) + 1;
  expect(line).toBeGreaterThan(0);
  // Delete the table's closing `});` — a syntax error.
  await content(page).click();
  await page.keyboard.press('Control+End');
  const end = text.lastIndexOf('});');
  await page.evaluate(
    ({ from, to }) => {
      const host = document.querySelector('[data-testid="code-editor-host"]');
      const view = (host as unknown as { codeEditorView: { dispatch(s: unknown): void } }).codeEditorView;
      view.dispatch({ changes: { from, to, insert: '  broken: text("broken"' } });
    },
    { from: end, to: end + 3 },
  );
  await expect(page.getByTestId('code-editor-problem')).toContainText('The design was not changed');
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
  await expect(cards(page)).toHaveCount(1);
  await expect(card(page, 'items').getByText('broken', { exact: true })).toHaveCount(0);
  await page.getByTestId('code-editor').screenshot({ path: testInfo.outputPath('code-editor-error.png') });
  await page.screenshot({ path: testInfo.outputPath('code-editor-page.png') });
  await expect(page.getByTestId('tab-problems')).toHaveText(problemsBefore);

  // "Show the design's code" brings the generated code back.
  await page.getByTestId('code-editor-revert').click();
  await expect(page.getByTestId('code-editor-problem')).toHaveCount(0);
  await expect.poll(() => editorText(page)).toBe(text);
});

test('a table added on the canvas is printed into the code, the cursor kept', async ({ page }) => {
  const text = await editorText(page);
  // Put the cursor at the end of the file (after the items table), then leave the editor.
  await content(page).click();
  await page.keyboard.press('Control+End');
  expect(await cursorAt(page)).toBe(text.length);

  // Double-clicking the canvas adds a table (the Code tab stays shown, so the editor stays as it is).
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.dblclick(box.x + 160, box.y + 160);
  await expect(cards(page)).toHaveCount(2);
  await expect.poll(() => editorText(page)).toContain('_new_table"');
  const after = await editorText(page);
  // The cursor is still at the end of the file: it was mapped through the re-print.
  expect(await cursorAt(page)).toBe(after.length);
});
