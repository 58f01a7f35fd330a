import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
});

// issue 14: a 7-byte tables.ts on which TypeScript's parser loops forever left "Importing…" on screen for good and
// every later import queued behind it; now the worker is stopped at the deadline, the file is named, and the next
// import runs at once in a fresh worker
test('a tables.ts that hangs the parser is stopped after 30 s with its name, and the next import works', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page
    .getByTestId('import-files-input')
    .setInputFiles([{ name: 'tables.ts', mimeType: 'text/plain', buffer: Buffer.from('/**S-xp') }]);
  await expect(page.getByTestId('import-button')).toHaveText('Importing…');
  await expect(page.getByTestId('import-stopped')).toHaveText(
    'tables.ts could not be read in 30 s (parsing TypeScript); the import was stopped',
    { timeout: 90_000 },
  );
  await expect(page.getByTestId('import-report')).toContainText('tables.ts could not be imported');
  await expect(page.getByTestId('import-button')).toHaveText('Import…');
  // The open design was left as it was.
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');

  await page.getByTestId('import-files-input').setInputFiles([
    {
      name: 'schema.sql',
      mimeType: 'text/plain',
      buffer: readFileSync('fixtures/import-sql/e2e/schema.sql'),
    },
  ]);
  await expect(page.getByTestId('import-report')).toContainText('Imported schema.sql', { timeout: 20_000 });
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Notes');
  await expect(page.getByTestId('import-stopped')).toHaveCount(0);
});
