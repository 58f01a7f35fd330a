import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import type { Design } from '../src/lib/core/design';
import { loadDesign, serializeDesign } from '../src/lib/core/format';
import { updateColumn } from '../src/lib/core/operations';
import { EMPTY_FOLDER, nextMigration } from '../src/lib/sql/next-migration';

/** Fails the test on uncaught page errors (checked at the end of each test). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function openCode(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('module-id')).not.toHaveText('MoLOS-MyModule');
  await page.getByTestId('tab-code').click();
}

/** tables.ts is an editor: its document is read from CodeMirror, which draws only the lines in view. */
function editorDocument(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (
        document.querySelector('[data-testid="code-editor-host"]') as
          (Element & { codeEditorView?: { state: { doc: { toString(): string } } } }) | null
      )?.codeEditorView?.state.doc.toString() ?? '',
  );
}

test('the Code tab previews the files, the SQL and the database, and follows edits', async ({ page, context }) => {
  const errors = watchErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openCode(page);
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');

  // tables.ts is the first view; the generator worker loads ts-morph on first use.
  await expect(page.getByTestId('preview-tab-tables')).toHaveAttribute('aria-selected', 'true');
  const editorText = () => editorDocument(page);
  await expect(page.getByTestId('code-editor-content')).toContainText('sqliteTable("MoLOS-Example_items"');
  await expect.poll(editorText).toContain('export { ItemStatus };');
  await expect(page.getByTestId('code-path')).toHaveText('lib/server/db/schema/tables.ts');
  // Highlighted: keywords are drawn in spans of their own, not as plain text.
  await expect(page.getByTestId('code-editor-content').locator('.cm-line span').first()).toBeVisible();
  await page.screenshot({ path: 'e2e-output/previews-tables.png' });

  await page.getByTestId('copy').click();
  await expect(page.getByTestId('copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await editorText());
  expect(copied).toContain('sqliteTable("MoLOS-Example_items"');
  const code = page.getByTestId('code');

  await page.getByTestId('preview-tab-models').click();
  await expect(page.getByTestId('code-path')).toHaveText('lib/models/index.ts');
  await page.getByTestId('preview-tab-config').click();
  await expect(code).toContainText('defineConfig');

  await page.getByTestId('preview-tab-sql').click();
  await expect(page.getByTestId('code-path')).toHaveText('drizzle/0000_init.sql');
  await expect(code).toContainText('CREATE TABLE `MoLOS-Example_items`');
  await expect(page.getByTestId('findings')).toBeVisible();
  await expect(page.getByTestId('finding').filter({ has: page.locator('[data-severity="error"]') })).toHaveCount(0);
  await page.screenshot({ path: 'e2e-output/previews-sql.png' });

  await page.getByTestId('preview-tab-since').click();
  await expect(page.getByTestId('since-no-baseline')).toContainText('Nothing exported yet');

  await page.getByTestId('preview-tab-database').click();
  const items = page.getByTestId('db-table-MoLOS-Example_items');
  await expect(items).toBeVisible();
  await expect(items.getByTestId('db-column')).toHaveText([
    /^id\s*TEXT\s*PK\s*NOT NULL/,
    /^user_id/,
    /^title/,
    /^description\s*TEXT\s*$/,
    /^status.*DEFAULT 'pending'/,
    /^created_at\s*INTEGER/,
    /^updated_at\s*INTEGER/,
  ]);
  await expect(page.getByTestId('preview-error')).toHaveCount(0);
  await page.screenshot({ path: 'e2e-output/previews-database.png' });

  // An edit shows up in tables.ts within a second (150 ms debounce, then the warm worker).
  await page.getByTestId('preview-tab-tables').click();
  await expect.poll(editorText).toContain('sqliteTable("MoLOS-Example_items"');
  await page.getByTestId('cmd-add-table').click();
  await expect.poll(editorText, { timeout: 1000 }).toContain('sqliteTable("MoLOS-Example_new_table');
  // …and in the database once that view is shown.
  await page.getByTestId('preview-tab-database').click();
  await expect(page.locator('[data-testid^="db-table-MoLOS-Example_new_table"]')).toBeVisible();

  // Keyboard: arrows move between the views.
  await page.getByTestId('preview-tab-database').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('preview-tab-since')).toBeFocused();
  await expect(page.getByTestId('preview-tab-since')).toHaveAttribute('aria-selected', 'true');

  expect(errors).toEqual([]);
});

/** The tasks example as exported, then edited so the next migration rebuilds `tasks` (B-class hazard). */
function exportedThenTightened(): string {
  const loaded = loadDesign(readFileSync('static/examples/molos-tasks.json', 'utf8'));
  if (!loaded.ok) throw new Error('the tasks example does not load');
  const exported: Design = {
    ...loaded.design,
    baseline: nextMigration(loaded.design, EMPTY_FOLDER, { now: 1 }).baseline,
  };
  const edited = updateColumn(exported, {
    columnId: 'c_tasks_notes',
    patch: { notNull: true, default: { kind: 'literal', value: '' } },
  });
  return serializeDesign(edited);
}

test('"since last export" shows the next migration, its findings, a dry run and the MoLOS-safe variant', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 2200 }); // tall enough for the findings and the dry run
  const body = exportedThenTightened();
  await page.route('**/examples/molos-example.json', (route) =>
    route.fulfill({ contentType: 'application/json', body }),
  );
  await openCode(page);
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');

  await page.getByTestId('preview-tab-since').click();
  const code = page.getByTestId('code');
  await expect(code).toContainText('CREATE TABLE `__new_MoLOS-Tasks_tasks`');
  await expect(page.getByTestId('code-path')).toHaveText(/^drizzle\/NNNN_.+\.sql$/);
  const findings = page.getByTestId('findings');
  await expect(findings.locator('[data-severity="error"]').first()).toBeVisible();
  await expect(page.getByTestId('findings-jump')).toContainText('error');
  // The dry run seeds NULL where the old schema allowed it, so drizzle-kit's SQL fails on the column made NOT NULL.
  await expect(page.getByTestId('dry-run-verdict')).toContainText('NOT NULL constraint failed');
  await expect(page.getByTestId('dry-run')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('safe-available')).toBeVisible();
  await page.screenshot({ path: 'e2e-output/previews-since.png' });

  await page.getByTestId('safe-toggle').check();
  await expect(page.getByTestId('migration')).toHaveAttribute('data-variant', 'safe');
  await expect(code).toContainText('PRAGMA defer_foreign_keys=ON;');
  await expect(page.getByTestId('safe-differences')).toContainText('Saves and restores the rows');
  await expect(page.getByTestId('dry-run')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('dry-run-verdict')).toContainText('no rows lost or changed');
  await page.screenshot({ path: 'e2e-output/previews-since-safe.png' });

  // A longer file: what the editor holds (and what is copied) is exactly the file.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('preview-tab-tables').click();
  await expect.poll(() => editorDocument(page)).toContain('export const tasksDailyLog = sqliteTable(');
  await page.getByTestId('copy').click();
  await expect(page.getByTestId('copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n').length).toBeGreaterThan(100);
  expect(await editorDocument(page)).toBe(copied);

  expect(errors).toEqual([]);
});

test('a preview that cannot be computed says why instead of staying blank', async ({ page }) => {
  const errors = watchErrors(page);
  // The SQL worker's script fails to load: the panel must show the failure and offer to try again.
  await page.route('**/sql-preview-worker*', (route) => route.fulfill({ status: 500, body: 'nope' }));
  await openCode(page);
  await page.getByTestId('preview-tab-sql').click();
  await expect(page.getByTestId('preview-error')).toContainText('The SQL preview worker failed');
  await expect(page.getByTestId('preview-retry')).toBeVisible();
  await page.screenshot({ path: 'e2e-output/previews-error.png' });
  expect(errors).toEqual([]);
});
