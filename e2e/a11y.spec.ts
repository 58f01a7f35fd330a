import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadDesign } from '../src/lib/core/format';
import { encodeDesign, shareFragment } from '../src/lib/share/share-link';
import { runCommand } from './support/commands';

// axe-core on the designer, the viewer and every dialog and menu they open, in both themes: no serious or
// critical violation. A failure prints each violation with the elements it found, so it can be fixed from the log;
// the checks are soft, so one run lists every state that fails, not only the first.

test.setTimeout(180_000);

const TASKS = (() => {
  const loaded = loadDesign(readFileSync('static/examples/molos-tasks.json', 'utf8'));
  if (!loaded.ok) throw new Error('the tasks example does not load');
  return loaded.design;
})();

/** The serious and critical violations axe finds in the page (or in `within`), one readable line each. */
async function violations(page: Page, within?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (within) builder = builder.include(within);
  const { violations: found } = await builder.analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n'),
    );
}

async function expectAccessible(page: Page, what: string, within?: string) {
  const found = await violations(page, within);
  expect.soft(found, `${what}:\n${found.join('\n')}`).toEqual([]);
}

async function startDesigner(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('table-card')).toHaveCount(1);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the designer and its side tabs (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await startDesigner(page);
    await expectAccessible(page, 'the designer with the inspector');

    // A table selected: the table inspector.
    await page.getByTestId('table-card').first().click();
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', /table/);
    await expectAccessible(page, 'the table inspector');

    await page.getByTestId('tab-problems').click();
    await expectAccessible(page, 'the problems tab');

    await page.getByTestId('tab-code').click();
    await expect(page.getByTestId('preview')).toContainText('sqliteTable(', { timeout: 120_000 });
    await expectAccessible(page, 'the code tab');
    await page.getByTestId('preview-tab-sql').click();
    await expect(page.getByTestId('preview')).toContainText('CREATE TABLE', { timeout: 120_000 });
    await expectAccessible(page, 'the SQL view');
  });

  test(`the viewer, with and without a share link (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/view');
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
    await expect(page.getByTestId('preview')).toContainText('sqliteTable(', { timeout: 120_000 });
    await expectAccessible(page, 'the viewer of the example');

    await page.goto(`/view#${shareFragment(encodeDesign(TASKS).data)}`);
    await page.reload();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-state', 'design');
    await expect(page.getByTestId('table-card')).toHaveCount(Object.keys(TASKS.tables).length);
    await expect(page.getByTestId('preview')).toContainText('sqliteTable(', { timeout: 120_000 });
    await expectAccessible(page, 'the viewer of a share link');
  });
}

test('the dialogs and menus', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await startDesigner(page);

  await runCommand(page, 'share');
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await expectAccessible(page, 'the share dialog', '[data-testid="share-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toBeHidden();

  await runCommand(page, 'export-image');
  await expect(page.getByTestId('export-image-dialog')).toBeVisible();
  await expectAccessible(page, 'the export image dialog', '[data-testid="export-image-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-image-dialog')).toBeHidden();

  await page.getByTestId('import-button').click();
  await expect(page.getByTestId('import-files')).toBeVisible();
  await expectAccessible(page, 'the import menu', 'header');
  await page.keyboard.press('Escape');

  await page.getByTestId('menu-export').click();
  await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible();
  await expectAccessible(page, 'the export menu', 'header');
  await page.keyboard.press('Escape');

  await page.getByTestId('designs-menu').click();
  await expect(page.getByTestId('designs-dialog')).toBeVisible();
  await expect(page.getByTestId('design-open')).not.toHaveCount(0);
  await expectAccessible(page, 'the designs dialog', '[data-testid="designs-dialog"]');
  await page.getByTestId('designs-new').click();
  await expectAccessible(page, 'the new design form and the examples', '[data-testid="designs-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('designs-dialog')).toBeHidden();

  // The command palette and the shortcut sheet, once the page provides them (their buttons appear then).
  for (const id of ['open-palette', 'show-shortcuts']) {
    if ((await page.getByTestId(`cmd-${id}`).count()) === 0) continue;
    await runCommand(page, id);
    await expect(page.locator('dialog[open], [role="dialog"]:visible')).not.toHaveCount(0);
    await expectAccessible(page, `the page with ${id} open`);
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open], [role="dialog"]:visible')).toHaveCount(0);
  }

  // The code beside the inspector.
  await page.getByTestId('toggle-code-beside').click();
  await expect(page.getByTestId('code-beside').getByTestId('preview')).toContainText('sqliteTable(', {
    timeout: 120_000,
  });
  await expectAccessible(page, 'the code beside the inspector');
});
