import { type Page, expect, test } from '@playwright/test';

// The inspector and the problems panel, driven without the canvas: tables are reached through the module's table
// list, elements through the problems panel. The page loads the example module `MoLOS-Example` (table `items`).

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', 'module');
  return errors;
}

async function openTable(page: Page, name: string) {
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('crumb-module').click();
  await page.locator(`[data-testid="table-link"][data-name="${name}"]`).click();
  await expect(page.getByTestId('table-inspector')).toHaveAttribute('data-name', name);
}

const row = (page: Page, name: string) =>
  page.getByTestId('inspector').locator(`[data-testid="inspector-column"][data-name="${name}"]`);

/** Undo and redo are designer shortcuts: they act once focus has left the text field. */
async function shortcut(page: Page, keys: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

test('edits a new column field by field, one undo step per field', async ({ page }) => {
  const errors = await open(page);
  await openTable(page, 'items');

  await page.getByTestId('add-column').click();
  const editor = page.getByTestId('column-editor');
  await expect(editor).toHaveCount(1);
  const name = editor.getByTestId('column-name-input');
  await expect(name).toHaveValue('new_column');

  await name.fill('quantity');
  await name.press('Enter');
  await expect(row(page, 'quantity')).toHaveAttribute('data-name', 'quantity');
  await expect(editor.getByTestId('column-key-input')).toHaveValue('quantity');

  await editor.getByTestId('column-type').selectOption('integer');
  await editor.getByTestId('column-notnull').check();
  await editor.getByTestId('column-default-kind').selectOption('literal');
  const value = editor.getByTestId('column-default-value');
  await expect(value).toHaveValue('0');

  // Input that does not fit the type is a field error and changes nothing.
  await value.fill('abc');
  await value.press('Enter');
  await expect(editor.getByTestId('field-error')).toHaveText('Enter a whole number.');
  await value.press('Escape');
  await expect(value).toHaveValue('0');
  await expect(editor.getByTestId('field-error')).toHaveCount(0);

  await value.fill('42');
  await value.press('Enter');
  await expect(value).toHaveValue('42');
  await value.fill('0');
  await value.press('Enter');
  await expect(value).toHaveValue('0');

  await expect(editor.getByTestId('column-type')).toHaveValue('integer');
  await expect(editor.getByTestId('column-notnull')).toBeChecked();
  await expect(row(page, 'quantity').getByTestId('column-toggle')).toContainText('integer');
  await page.screenshot({ path: 'e2e-output/inspector-column.png' });

  // Undo takes back exactly the last field edit; redo restores it.
  await shortcut(page, 'Control+z');
  await expect(value).toHaveValue('42');
  await expect(editor.getByTestId('column-notnull')).toBeChecked();
  await shortcut(page, 'Control+Shift+z');
  await expect(value).toHaveValue('0');

  // Two more undo steps take back the 42 and the default itself, and NOT NULL stays.
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await expect(editor.getByTestId('column-default-kind')).toHaveValue('none');
  await expect(editor.getByTestId('column-notnull')).toBeChecked();
  expect(errors).toEqual([]);
});

test('shows an invalid module id as a problem and fixes it in one click', async ({ page }) => {
  const errors = await open(page);
  await page.screenshot({ path: 'e2e-output/inspector-module.png' });

  const id = page.getByTestId('module-id-input');
  await id.fill('MoLOS_Example');
  await id.press('Enter');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS_Example');
  const inline = page.getByTestId('inspector').locator('[data-testid="issue"][data-code="module-id-invalid"]');
  await expect(inline).toContainText('MoLOS_Example');
  await expect(inline.getByTestId('issue-fix')).toHaveText('Use "MoLOS-Example"');

  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('tab-problems')).toContainText('1');
  await expect(page.getByTestId('problems-count-error')).toHaveText('1');
  const problem = page.locator('[data-testid="problem"][data-code="module-id-invalid"]');
  await expect(problem).toContainText('module MoLOS_Example');
  await page.screenshot({ path: 'e2e-output/inspector-problems.png' });

  await problem.getByTestId('problem-fix').click();
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await expect(page.getByTestId('problems-empty')).toContainText('No problems');
  await page.screenshot({ path: 'e2e-output/inspector-no-problems.png' });
  expect(errors).toEqual([]);
});

test('adds an enum with two values and uses it on a column', async ({ page }) => {
  const errors = await open(page);

  await page.getByTestId('add-enum').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', 'enum');
  const card = page.locator('[data-testid="enum-card"][data-name="NewEnum"]');
  await expect(card.locator('[data-code="enum-empty"]')).toBeVisible();

  await card.getByTestId('enum-name-input').fill('Priority');
  await card.getByTestId('enum-name-input').press('Enter');
  const priority = page.locator('[data-testid="enum-card"][data-name="Priority"]');
  const add = priority.getByTestId('member-add-input');
  await add.fill('low');
  await add.press('Enter');
  await add.fill('high');
  await add.press('Enter');
  await expect(priority.getByTestId('member-row')).toHaveCount(2);
  await expect(priority.getByTestId('member-key-input').nth(0)).toHaveValue('LOW');
  await expect(priority.getByTestId('member-key-input').nth(1)).toHaveValue('HIGH');
  await expect(priority.getByTestId('member-value-input').nth(1)).toHaveValue('high');
  await expect(priority.locator('[data-code="enum-empty"]')).toHaveCount(0);
  await expect(priority.locator('[data-code="enum-unused"]')).toBeVisible();

  await openTable(page, 'items');
  await row(page, 'description').getByTestId('column-toggle').click();
  const editor = row(page, 'description').getByTestId('column-editor');
  await editor.getByTestId('column-enum').selectOption({ label: 'Priority' });
  await expect(editor.getByTestId('column-type')).toHaveValue('text');
  await editor.getByTestId('column-default-kind').selectOption('literal');
  await expect(editor.getByTestId('column-default-value')).toHaveValue('low');
  await editor.getByTestId('column-default-value').selectOption('high');
  await expect(row(page, 'description').getByTestId('column-toggle')).toContainText('Priority');

  await page.getByTestId('crumb-module').click();
  await expect(priority.getByTestId('enum-used-by')).toContainText('items.description');
  await expect(priority.locator('[data-code="enum-unused"]')).toHaveCount(0);
  await priority.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e-output/inspector-enum.png' });
  expect(errors).toEqual([]);
});

test('lists a nullable user_id as a problem that leads to the column', async ({ page }) => {
  const errors = await open(page);
  await openTable(page, 'items');

  await row(page, 'user_id').getByTestId('column-toggle').click();
  await row(page, 'user_id').getByTestId('column-notnull').uncheck();
  await expect(row(page, 'user_id').locator('[data-code="user-id-nullable"]')).toBeVisible();
  await page.getByTestId('crumb-module').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-view', 'module');

  await page.getByTestId('tab-problems').click();
  const problem = page.locator('[data-testid="problem"][data-code="user-id-nullable"]');
  await expect(problem).toContainText('user_id');
  await expect(problem).toContainText('column MoLOS-Example_items.user_id');
  await problem.getByTestId('problem-open').click();

  await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'user_id').getByTestId('column-editor')).toBeVisible();
  await expect(row(page, 'user_id').getByTestId('column-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('column-editor')).toHaveCount(1);
  await page.screenshot({ path: 'e2e-output/inspector-user-id.png' });

  await row(page, 'user_id').getByTestId('issue-fix').click();
  await expect(row(page, 'user_id').getByTestId('column-notnull')).toBeChecked();
  await expect(page.getByTestId('tab-problems')).not.toContainText('1');
  expect(errors).toEqual([]);
});

test('links a column to a table and edits the relation', async ({ page }) => {
  const errors = await open(page);
  await openTable(page, 'items');

  await page.getByTestId('add-column').click();
  const name = page.getByTestId('column-editor').getByTestId('column-name-input');
  await name.fill('parent_id');
  await name.press('Enter');
  const parent = row(page, 'parent_id');
  await parent.getByTestId('column-references').selectOption({ label: 'items' });
  await expect(parent.getByTestId('column-toggle')).toContainText('→ items');
  await parent.getByTestId('column-relation').click();

  const relation = page.getByTestId('relation-inspector');
  await expect(relation.getByTestId('relation-from')).toHaveText('MoLOS-Example_items.parent_id');
  await expect(relation.getByTestId('relation-to')).toHaveText('MoLOS-Example_items.id');
  await relation.getByTestId('relation-on-delete').selectOption('set null');
  await relation.getByTestId('relation-logical').check();
  await page.screenshot({ path: 'e2e-output/inspector-relation.png' });

  await page.getByTestId('crumb-table').click();
  const link = page.locator('[data-testid="relation-link"][data-from="parent_id"]');
  await expect(link).toContainText('on delete set null');
  await expect(link).toContainText('logical only');
  await link.click();
  await relation.getByTestId('relation-disconnect').click();
  await expect(page.getByTestId('table-inspector')).toBeVisible();
  await expect(page.getByTestId('relation-link')).toHaveCount(0);
  await expect(row(page, 'parent_id')).toBeVisible();
  expect(errors).toEqual([]);
});

test('adds an index whose derived name follows its columns, and reorders columns', async ({ page }) => {
  const errors = await open(page);
  await openTable(page, 'items');

  await row(page, 'status').getByTestId('column-toggle').click();
  await page.getByTestId('add-index').click();
  const index = page.getByTestId('index-row');
  await expect(index.getByTestId('index-name-input')).toHaveValue('MoLOS-Example_items_status_idx');
  await index.locator('[data-testid="index-column"][data-name="user_id"]').check();
  await expect(index.getByTestId('index-name-input')).toHaveValue('MoLOS-Example_items_status_user_id_idx');
  await index.getByTestId('index-unique').check();
  await expect(index.getByTestId('index-name-input')).toHaveValue('MoLOS-Example_items_status_user_id_uq');

  await row(page, 'title').getByTestId('column-up').click();
  const rows = page.getByTestId('inspector').getByTestId('inspector-column');
  await expect(rows.nth(1)).toHaveAttribute('data-name', 'title');
  await expect(rows.nth(2)).toHaveAttribute('data-name', 'user_id');

  await index.getByTestId('index-delete').click();
  await expect(page.getByTestId('index-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});
