import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const FIXTURES = 'fixtures/import-sql/e2e';
const file = (path: string, name = path) => ({
  name,
  mimeType: 'text/plain',
  buffer: readFileSync(`${FIXTURES}/${path}`),
});

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
});

test('a tables.ts with its models imports as a new design, laid out, with messages at their lines', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.getByTestId('import-files-input').setInputFiles([file('tables.ts'), file('models/index.ts', 'index.ts')]);
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Imported 2 files');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Notes');
  await expect(page.getByTestId('table-name')).toHaveText([/folders/, /notes/], { ignoreCase: false });
  await expect(page.getByTestId('import-message').first()).toContainText('tables.ts:28:');
  // The suggestion from "Foreign key to folders" is accepted as a logical relation, and undone.
  await expect(page.getByTestId('import-suggestion')).toContainText('notes.folder_id → folders.id');
  await page.getByTestId('import-accept').click();
  await expect(page.getByTestId('import-suggestion')).toHaveCount(0);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(0);
  // Auto-layout ran: the two cards do not sit on top of each other.
  const boxes = await page.getByTestId('table-card').evaluateAll((cards) =>
    cards.map((c) => {
      const r = c.getBoundingClientRect();
      return { x: r.x, y: r.y };
    }),
  );
  expect(boxes).toHaveLength(2);
  expect(boxes[0]).not.toEqual(boxes[1]);
  // The example design is still in the designs list: the import opened a new design.
  await page.screenshot({ path: 'e2e-output/import.png' });
  expect(pageErrors).toEqual([]);
});

test('an .sql file imports; what the design cannot hold is listed with its line', async ({ page }) => {
  await page.getByTestId('import-files-input').setInputFiles([file('schema.sql')]);
  await expect(page.getByTestId('import-report')).toContainText('Imported schema.sql');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Notes');
  await expect(page.getByTestId('table-name')).toHaveText([/tags/]);
  await expect(page.getByTestId('import-message')).toContainText([
    'schema.sql:4:2 warning: column "MoLOS-Notes_tags"."label" has the type "varchar(40)"',
  ]);
});

test('a garbage file shows a clear error and leaves the open design as it was', async ({ page }) => {
  await page
    .getByTestId('import-files-input')
    .setInputFiles([{ name: 'broken.sql', mimeType: 'text/plain', buffer: Buffer.from('CREATE TABLE (;\n') }]);
  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('role', 'alert');
  await expect(report).toContainText('broken.sql could not be imported');
  await expect(page.getByTestId('import-message')).toContainText(['broken.sql:1:1 error: the statement fails']);
  await page
    .getByTestId('import-files-input')
    .setInputFiles([{ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]) }]);
  await expect(page.getByTestId('import-message')).toContainText(['photo.png: not a file the studio imports']);
  // issue 14: a file the importer reads that is not UTF-8 is refused at its first bad byte, never silently replaced.
  await page
    .getByTestId('import-files-input')
    .setInputFiles([
      { name: 'latin1.sql', mimeType: 'text/plain', buffer: Buffer.from([0x2d, 0x2d, 0x0a, 0x41, 0xe9]) },
    ]);
  await expect(page.getByTestId('import-message')).toContainText([
    'latin1.sql is not valid UTF-8: byte 0xE9 at line 2, column 2',
  ]);
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
});
