import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { runCommand } from './support/commands';
import { strFromU8, unzipSync } from 'fflate';
import { loadDesign } from '../src/lib/core/format';
import { initialMigrationSql } from '../src/lib/sql/migration-files';

// Never losing work: autosave across reloads, the designs list, damaged records, design files and the module
// export. Every test starts with an empty browser profile, so the page first loads the example module.

const EXAMPLE = readFileSync('static/examples/molos-example.json', 'utf8');

async function start(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return errors;
}

/** The stored records, read straight from IndexedDB as the page left them. */
function stored(page: Page): Promise<{ key: string; name: string; file: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('molos-schema-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('designs').objectStore('designs');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            resolve(values.result.map((v, i) => ({ key: String(keys.result[i]), name: v.name, file: v.file })));
            open.result.close();
          };
        };
      }),
  );
}

const tableNames = (page: Page) => page.getByTestId('table-name').allInnerTexts();
const row = (page: Page, name: string) => page.locator(`[data-testid="design-row"][data-name="${name}"]`);

async function openMenu(page: Page) {
  await page.getByTestId('designs-menu').click();
  await expect(page.getByTestId('designs-dialog')).toBeVisible();
}

test('an edit survives a reload', async ({ page }) => {
  const errors = await start(page);
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  expect(await tableNames(page)).toEqual(['MoLOS-Example_items']);

  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  expect((await stored(page))[0]?.file).toContain('"name": "new_table"');

  await page.reload();
  await expect(page.getByTestId('table-name')).toHaveCount(2);
  expect((await tableNames(page)).sort()).toEqual(['MoLOS-Example_items', 'MoLOS-Example_new_table']);
  await expect(page.getByTestId('current-design')).toHaveText('Example');
  // Reloading opens the saved design; it does not add the example again.
  expect(await stored(page)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('creates, switches, renames, duplicates and deletes designs from the designs menu', async ({ page }) => {
  const errors = await start(page);

  await openMenu(page);
  await page.getByTestId('designs-new').click();
  await page.getByTestId('new-module-id').fill('MoLOS-Notes');
  await page.screenshot({ path: 'e2e-output/persistence-new.png' });
  await page.getByTestId('new-create').click();
  await expect(page.getByTestId('designs-dialog')).toBeHidden();
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Notes');
  await expect(page.getByTestId('current-design')).toHaveText('Notes');
  expect(await tableNames(page)).toEqual(['MoLOS-Notes_items']);

  // Back to the example, by keyboard: the list is reachable with the arrow keys.
  await openMenu(page);
  await expect(page.getByTestId('design-row')).toHaveCount(2);
  await expect(row(page, 'Notes').getByTestId('design-current')).toBeVisible();
  await page.screenshot({ path: 'e2e-output/persistence-menu.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'e2e-output/persistence-menu-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await row(page, 'Notes').getByTestId('design-open').focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'Example').getByTestId('design-open')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('designs-dialog')).toBeHidden();
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');

  // Rename (Enter keeps the new name), then duplicate.
  await openMenu(page);
  await row(page, 'Example').getByTestId('design-rename').click();
  await page.getByTestId('design-rename-input').fill('Items module');
  await page.keyboard.press('Enter');
  await expect(row(page, 'Items module')).toBeVisible();
  await expect(page.getByTestId('current-design')).toHaveText('Items module');
  await row(page, 'Items module').getByTestId('design-duplicate').click();
  await expect(row(page, 'Items module (copy)')).toBeVisible();
  await expect(page.getByTestId('design-row')).toHaveCount(3);

  // Delete asks first; Escape cancels the question, not the dialog.
  await row(page, 'Items module (copy)').getByTestId('design-delete').click();
  await expect(page.getByTestId('design-delete-confirm')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('design-delete-confirm')).toBeHidden();
  await expect(page.getByTestId('designs-dialog')).toBeVisible();
  await row(page, 'Items module (copy)').getByTestId('design-delete').click();
  await page.screenshot({ path: 'e2e-output/persistence-delete.png' });
  await page.getByTestId('design-delete-confirm').click();
  await expect(row(page, 'Items module (copy)')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('designs-dialog')).toBeHidden();

  expect((await stored(page)).map((r) => r.name).sort()).toEqual(['Items module', 'Notes']);
  // The renamed design is still the one that opens.
  await page.reload();
  await expect(page.getByTestId('current-design')).toHaveText('Items module');
  expect(errors).toEqual([]);
});

test('a damaged saved design is reported with its JSON path and the page keeps working', async ({ page }) => {
  await start(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('molos-schema-studio');
        open.onsuccess = () => {
          const tx = open.result.transaction('designs', 'readwrite');
          const store = tx.objectStore('designs');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const file = JSON.parse(c.value.file);
            file.design.tables.t_items.name = 42;
            c.update({ ...c.value, file: JSON.stringify(file) });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.reload();

  const report = page.getByTestId('session-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('The saved design “Example” is damaged and could not be opened');
  await expect(report).toContainText('$.design.tables.t_items.name');
  await expect(report).toContainText('expected string, got 42');
  await page.screenshot({ path: 'e2e-output/persistence-damaged.png' });

  // The example opened as a new design, and editing works.
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('table-name')).toHaveCount(2);

  // The damaged record is listed, untouched, and can be deleted.
  await page.getByTestId('session-report-close').click();
  await openMenu(page);
  const damaged = page.locator('[data-testid="design-row"]', { hasText: 'damaged' });
  await expect(damaged).toHaveCount(1);
  const records = await stored(page);
  expect(records).toHaveLength(2);
  expect(records.some((r) => r.file.includes('"name":42'))).toBe(true);
  await damaged.getByTestId('design-delete').click();
  await page.getByTestId('design-delete-confirm').click();
  await expect(page.getByTestId('design-row')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('saves a design file and reports the JSON path of a broken one', async ({ page }) => {
  await start(page);

  const saved = page.waitForEvent('download');
  await runCommand(page, 'save-json');
  const download = await saved;
  expect(download.suggestedFilename()).toBe('MoLOS-Example.design.json');
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  const loaded = loadDesign(text);
  expect(loaded.ok).toBe(true);
  expect(JSON.parse(text).design.module.id).toBe('MoLOS-Example');

  const broken = JSON.parse(EXAMPLE);
  broken.design.tables.t_items.columnIds = 'c_items_id';
  const chooser = page.waitForEvent('filechooser');
  await openMenu(page);
  await page.getByTestId('file-open').click();
  await (
    await chooser
  ).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const report = page.getByTestId('session-report');
  await expect(report).toContainText('“broken.json” could not be opened');
  await expect(report).toContainText('$.design.tables.t_items.columnIds');
  await expect(report).toContainText('expected Array, got "c_items_id"');
  await page.screenshot({ path: 'e2e-output/persistence-open-error.png' });

  // A valid file becomes a new saved design, named after the file.
  const tasks = readFileSync('static/examples/molos-tasks.json');
  const chooser2 = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser2).setFiles({ name: 'my-tasks.json', mimeType: 'application/json', buffer: tasks });
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Tasks');
  await expect(page.getByTestId('current-design')).toHaveText('my-tasks');
  // The broken file's message is about a file that is no longer in question.
  await expect(page.getByTestId('session-report')).toHaveCount(0);
  expect((await stored(page)).map((r) => r.name).sort()).toEqual(['Example', 'my-tasks']);
});

test('downloads the module as a zip whose first migration is the CLI’s', async ({ page }) => {
  await start(page);
  const downloading = page.waitForEvent('download');
  await runCommand(page, 'export-zip');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('MoLOS-Example.zip');
  const entries = unzipSync(readFileSync((await download.path()) ?? ''));
  const names = Object.keys(entries);
  expect(names).toContain('MoLOS-Example/lib/server/db/schema/tables.ts');
  expect(names).toContain('MoLOS-Example/drizzle/0000_init.sql');
  expect(names).toContain('MoLOS-Example/manifest.yaml');

  const example = loadDesign(EXAMPLE);
  if (!example.ok) throw new Error('the example does not load');
  // `npm run cli -- sql static/examples/molos-example.json` prints initialMigrationSql(design).
  expect(strFromU8(entries['MoLOS-Example/drizzle/0000_init.sql']!)).toBe(initialMigrationSql(example.design));
  expect(strFromU8(entries['MoLOS-Example/lib/server/db/schema/tables.ts']!)).toContain(
    'sqliteTable("MoLOS-Example_items"',
  );
});

test('writes the module and its migrations into a folder, never rewriting a migration', async ({ page }) => {
  // The browser's private file system stands in for the folder the user would pick.
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker =
      async () => (await navigator.storage.getDirectory()).getDirectoryHandle('MoLOS-Example', { create: true });
  });
  await start(page);
  const readFolder = () =>
    page.evaluate(async () => {
      const out: Record<string, string> = {};
      const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
          else out[`${prefix}${name}`] = await (await (handle as FileSystemFileHandle).getFile()).text();
        }
      };
      const root = await navigator.storage.getDirectory();
      await walk(await root.getDirectoryHandle('MoLOS-Example'), '');
      return out;
    });

  await openMenu(page);
  await page.getByTestId('file-folder').click();
  const confirm = page.getByTestId('folder-write-dialog');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('drizzle/0000_init.sql');
  await expect(confirm).toContainText('No host-safety findings.');
  await page.getByTestId('folder-write-confirm').click();
  await expect(page.getByTestId('session-report')).toContainText('Wrote MoLOS-Example');
  let files = await readFolder();
  const example = loadDesign(EXAMPLE);
  if (!example.ok) throw new Error('the example does not load');
  expect(files['drizzle/0000_init.sql']).toBe(initialMigrationSql(example.design));
  expect(Object.keys(files).sort()).toEqual([
    'drizzle.config.ts',
    'drizzle/0000_init.sql',
    'drizzle/meta/0000_snapshot.json',
    'drizzle/meta/_journal.json',
    'lib/models/index.ts',
    'lib/server/db/schema/index.ts',
    'lib/server/db/schema/tables.ts',
    'manifest.yaml',
  ]);

  // The author edits the manifest; the design gets a table; the next export adds 0001 and keeps the rest.
  await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('MoLOS-Example');
    const w = await (await dir.getFileHandle('manifest.yaml')).createWritable();
    await w.write('id: MoLOS-Example\nname: Mine\n');
    await w.close();
  });
  await page.getByTestId('session-report-close').click();
  await page.getByTestId('cmd-add-table').click();
  await openMenu(page);
  await page.getByTestId('file-folder').click();
  await expect(confirm).toContainText('drizzle/0001_');
  await expect(confirm).toContainText('keep (yours)');
  await page.screenshot({ path: 'e2e-output/persistence-folder.png' });
  await page.getByTestId('folder-write-confirm').click();
  await expect(page.getByTestId('session-report')).toContainText('new migration');
  await page.screenshot({ path: 'e2e-output/persistence-folder-written.png' });
  files = await readFolder();
  expect(files['manifest.yaml']).toBe('id: MoLOS-Example\nname: Mine\n');
  expect(files['drizzle/0000_init.sql']).toBe(initialMigrationSql(example.design));
  const added = Object.keys(files).filter((f) => /^drizzle\/0001_.*\.sql$/.test(f));
  expect(added).toHaveLength(1);
  expect(files[added[0]!]).toContain('CREATE TABLE `MoLOS-Example_new_table`');
  expect(JSON.parse(files['drizzle/meta/_journal.json']!).entries).toHaveLength(2);
  // The design remembers the export, so the saved record has a baseline now.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const saved = JSON.parse((await stored(page))[0]!.file);
  expect(saved.design.baseline.snapshotId).toBe(JSON.parse(files['drizzle/meta/0001_snapshot.json']!).id);

  // An unsafe change, brought in as a design file that carries the baseline: the safe variant is offered first.
  saved.design.columns.c_items_description.notNull = true;
  saved.design.columns.c_items_description.default = { kind: 'literal', value: '' };
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (
    await chooser
  ).setFiles({
    name: 'unsafe.design.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(saved)),
  });
  await expect(page.getByTestId('current-design')).toHaveText('unsafe');
  await page.getByTestId('session-report-close').click();
  await openMenu(page);
  await page.getByTestId('file-folder').click();
  await expect(confirm).toContainText('drizzle/0002_alter_items.sql');
  // Safe by default: drizzle-kit's SQL fails on the rows that hold NULL, so the MoLOS-safe variant is chosen.
  await expect(page.getByTestId('variant-auto')).toBeChecked();
  await expect(page.getByTestId('variant-auto-reason')).toContainText('MoLOS-safe variant');
  await expect(page.getByTestId('variant-exact-consequence')).toContainText('NOT NULL constraint failed');
  await page.screenshot({ path: 'e2e-output/persistence-folder-unsafe.png' });
  await expect(page.getByTestId('folder-write-confirm')).toHaveText('Write 4 files');
  await page.getByTestId('folder-write-confirm').click();
  await expect(page.getByTestId('session-report')).toContainText('new migration: the MoLOS-safe variant, because');
  files = await readFolder();
  expect(files['drizzle/0002_alter_items.sql']).toContain('PRAGMA defer_foreign_keys=ON');
});

test('a failed save is reported, the last good version is kept, and a retry saves', async ({ page }) => {
  await start(page);
  const before = (await stored(page))[0]!.file;
  // The browser refuses writes, as with a full disk.
  await page.evaluate(() => {
    const original = IDBObjectStore.prototype.put;
    (window as unknown as { restorePut: () => void }).restorePut = () => (IDBObjectStore.prototype.put = original);
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('cmd-add-table').click();
  const report = page.getByTestId('session-report');
  await expect(report).toContainText('Changes to “Example” are not saved');
  await expect(report).toContainText('Autosave failed: the browser’s storage for this site is full.');
  await expect(page.getByTestId('save-status')).toHaveText('Not saved');
  await page.screenshot({ path: 'e2e-output/persistence-save-failed.png' });
  expect((await stored(page))[0]!.file).toBe(before);

  // Saving a file still works.
  const saved = page.waitForEvent('download');
  await runCommand(page, 'save-json');
  expect(readFileSync((await (await saved).path()) ?? '', 'utf8')).toContain('"name": "new_table"');

  await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
  await page.getByTestId('session-report-action').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(report).toHaveCount(0);
  expect((await stored(page))[0]!.file).toContain('"name": "new_table"');
});

test('two tabs on one design: neither saves over the other, and both versions are kept', async ({ page, context }) => {
  await start(page);
  const other = await context.newPage();
  await start(other);
  await expect(other.getByTestId('current-design')).toHaveText('Example');

  // The first tab saves a change; the second, still showing the older version, is told at once.
  await page.getByTestId('cmd-add-table').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const report = other.getByTestId('session-report');
  await expect(report).toContainText('“Example” was changed in another tab');
  await other.screenshot({ path: 'e2e-output/two-tabs-conflict.png' });

  // An edit there anyway is not saved over the first tab's version.
  const box = (await other.getByTestId('canvas').boundingBox())!;
  await other.mouse.dblclick(box.x + box.width - 200, box.y + 120);
  await expect(other.getByTestId('table-name')).toHaveCount(2);
  await expect(other.getByTestId('save-status')).toHaveAttribute('data-status', 'failed');
  await expect(report).toContainText('Your changes in this tab were not saved');
  let records = await stored(page);
  expect(records).toHaveLength(1);
  expect(records[0]!.file).toContain('"name": "new_table"');

  // Keeping it as a copy stores the second tab's version as a new design; the first tab's stays as it was.
  await other.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(other.getByTestId('current-design')).toHaveText('Example (my copy)');
  await expect(other.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(report).toHaveCount(0);
  records = await stored(page);
  const byName = Object.fromEntries(records.map((r) => [r.name, r.file]));
  expect(Object.keys(byName).sort()).toEqual(['Example', 'Example (my copy)']);
  // Each tab added a table (of the same name) of its own: two different tables under two designs.
  const added = (file: string | undefined) =>
    Object.keys(JSON.parse(file!).design.tables).filter((id) => id !== 't_items');
  expect(added(byName['Example'])).toHaveLength(1);
  expect(added(byName['Example (my copy)'])).toHaveLength(1);
  expect(added(byName['Example'])).not.toEqual(added(byName['Example (my copy)']));

  // The other choice: the first tab falls behind when the second changes the original, and loads that version.
  await openMenu(other);
  await row(other, 'Example').getByTestId('design-open').click();
  await expect(other.getByTestId('current-design')).toHaveText('Example');
  await other.keyboard.press('Escape');
  await other.getByTestId('cmd-add-table').click();
  await expect(other.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('session-report')).toContainText('“Example” was changed in another tab');
  await page.getByRole('button', { name: 'Load theirs' }).click();
  await expect(page.getByTestId('table-name')).toHaveCount(3);
  await expect(page.getByTestId('session-report')).toHaveCount(0);
});
