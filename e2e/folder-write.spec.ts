import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type Page, expect, test } from '@playwright/test';

// "Write to folder…" end to end. Headless Chromium has no directory picker, so the page is started with its test
// seam `?folderPicker=opfs` (src/lib/export/browser-folder.ts): the picker is the origin private file system, which
// the test fills with a module folder before and reads back after.

const REPO = resolve(import.meta.dirname, '..');
const MODULE = 'MoLOS-Tasks';
const MODELS = 'src/models/index.ts';
/** The author's own code in the models file: interfaces and input types the studio does not generate. */
const AUTHOR_CODE = `
export interface TaskSummary {
  id: string;
  title: string;
}

export type CreateTaskInput = Omit<TaskSummary, "id">;
`;

type Files = Record<string, string>;

function readTree(dir: string): Files {
  const out: Files = {};
  const walk = (at: string) => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * A module folder with a history of two migrations, made by the CLI from the MoLOS-Tasks example, with the
 * author's code added to its models file; and the design file the CLI left (its baseline is the last migration).
 */
function moduleWithHistory(): { files: Files; design: string } {
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, '.tmp', 'e2e-folder-'));
  try {
    const designPath = join(dir, 'design.json');
    const out = join(dir, MODULE);
    writeFileSync(designPath, readFileSync(join(REPO, 'static/examples/molos-tasks.json')));
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [join(REPO, 'bin/molos-schema.js'), ...args], { cwd: REPO, stdio: 'pipe' });
    cli('generate', designPath, '--out', out);
    const design = JSON.parse(readFileSync(designPath, 'utf8'));
    design.design.columns.c_tags_name.name = 'label';
    writeFileSync(designPath, JSON.stringify(design));
    cli('generate', designPath, '--out', out, '--name', 'rename tag label');
    writeFileSync(join(out, MODELS), readFileSync(join(out, MODELS), 'utf8') + AUTHOR_CODE);
    return { files: readTree(out), design: readFileSync(designPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Empties the origin private file system and puts `files` under `folder/`. */
async function fillOpfs(page: Page, folder: string, files: Files) {
  await page.evaluate(
    async ({ folder, files }) => {
      const root = await navigator.storage.getDirectory();
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
        await root.removeEntry(name, { recursive: true });
      for (const [path, text] of Object.entries(files)) {
        const parts = `${folder}/${path}`.split('/');
        const file = parts.pop() as string;
        let dir = root;
        for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: true });
        const writable = await (await dir.getFileHandle(file, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    },
    { folder, files },
  );
}

/** Every file under `folder/` in the origin private file system, by path. */
async function readOpfs(page: Page, folder: string): Promise<Files> {
  return page.evaluate(async (folder) => {
    const out: Record<string, string> = {};
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const walk = async (dir: Dir, prefix: string) => {
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === 'directory') await walk(handle as Dir, `${prefix}${name}/`);
        else out[`${prefix}${name}`] = await (await (handle as FileSystemFileHandle).getFile()).text();
      }
    };
    const root = await navigator.storage.getDirectory();
    await walk((await root.getDirectoryHandle(folder)) as Dir, '');
    return out;
  }, folder);
}

async function openDesign(page: Page, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('file-open').click();
  await (await chooser).setFiles({ name: 'my-tasks.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('module-id')).toHaveText(MODULE);
}

/** The edit: a new integer column `rank` on tags. */
async function addRank(page: Page) {
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('crumb-module').click();
  await page.locator('[data-testid="table-link"][data-name="tags"]').click();
  await page.getByTestId('add-column').click();
  const editor = page.getByTestId('column-editor');
  const name = editor.getByTestId('column-name-input');
  await name.fill('rank');
  await name.press('Enter');
  await editor.getByTestId('column-type').selectOption('integer');
}

async function writeToFolder(page: Page) {
  await page.getByTestId('designs-menu').click();
  await page.getByTestId('file-folder').click();
  await expect(page.getByTestId('folder-write-dialog')).toBeVisible();
}

const fileRow = (page: Page, path: string) =>
  page.getByTestId('folder-write-dialog').locator(`[data-testid="folder-write-file"][data-path="${path}"]`);

let fixture: { files: Files; design: string };
test.beforeAll(() => {
  fixture = moduleWithHistory();
});

test.beforeEach(async ({ page }) => {
  await page.goto('/?folderPicker=opfs');
  await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example');
});

test('writes the next migration into a module with history, keeping its migrations and the author’s code', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await fillOpfs(page, MODULE, fixture.files);
  await openDesign(page, fixture.design);
  await addRank(page);
  await writeToFolder(page);

  const dialog = page.getByTestId('folder-write-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Write into opfs/${MODULE}?`);
  await expect(dialog.getByTestId('folder-write-refusals')).toHaveCount(0);
  await expect(dialog.getByTestId('variant-auto')).toBeChecked();
  await expect(dialog.getByTestId('variant-auto-reason')).toHaveText(
    'Writes drizzle-kit’s exact SQL, because it has no host error and loses or changes no rows in the dry run.',
  );
  await expect(dialog.getByTestId('folder-write-dry-run').first()).toHaveText(
    'Dry run on sample data: no rows lost or changed, schema as designed.',
  );
  await expect(fileRow(page, 'drizzle/0002_add_tags_rank.sql')).toHaveAttribute('data-action', 'create');
  await expect(fileRow(page, 'drizzle/meta/0002_snapshot.json')).toHaveAttribute('data-action', 'create');
  await expect(fileRow(page, 'drizzle/meta/_journal.json')).toHaveAttribute('data-action', 'update');
  await expect(fileRow(page, 'src/server/db/schema/tables.ts')).toHaveAttribute('data-action', 'update');
  await expect(fileRow(page, 'manifest.yaml')).toHaveAttribute('data-action', 'keep');
  // Diffs are collapsed until asked for.
  await expect(dialog.getByTestId('folder-write-diff')).toHaveCount(0);
  await fileRow(page, 'src/server/db/schema/tables.ts').locator('summary').click();
  const diff = fileRow(page, 'src/server/db/schema/tables.ts').getByTestId('folder-write-diff');
  await expect(diff).toContainText('--- a/src/server/db/schema/tables.ts');
  await expect(diff).toContainText('+  rank: integer("rank"),');
  await page.screenshot({ path: 'e2e-output/folder-write-dialog.png' });

  await dialog.getByTestId('folder-write-confirm').click();
  await expect(page.getByTestId('folder-write-dialog')).toBeHidden();
  await expect(page.getByTestId('session-report')).toContainText(`Wrote opfs/${MODULE}`);
  await expect(page.getByTestId('session-report')).toContainText('new migration: drizzle-kit’s exact SQL, because');

  const after = await readOpfs(page, MODULE);
  const before = fixture.files;
  // The history is untouched: every earlier migration and snapshot byte for byte.
  for (const path of Object.keys(before).filter((p) => p.startsWith('drizzle/') && !p.endsWith('_journal.json')))
    expect(after[path], path).toBe(before[path]);
  expect(
    Object.keys(after)
      .filter((p) => !(p in before))
      .sort(),
  ).toEqual(['drizzle/0002_add_tags_rank.sql', 'drizzle/meta/0002_snapshot.json']);
  expect(after['drizzle/0002_add_tags_rank.sql']).toBe('ALTER TABLE `MoLOS-Tasks_tags` ADD `rank` integer;');
  const journal = JSON.parse(after['drizzle/meta/_journal.json'] ?? '{}');
  const oldJournal = JSON.parse(before['drizzle/meta/_journal.json'] ?? '{}');
  expect(journal.entries.slice(0, 2)).toEqual(oldJournal.entries);
  expect(journal.entries.map((e: { tag: string }) => e.tag)).toEqual([
    '0000_init',
    '0001_rename_tag_label',
    '0002_add_tags_rank',
  ]);
  expect(after['manifest.yaml']).toBe(before['manifest.yaml']);
  expect(after['src/server/db/schema/tables.ts']).toContain('rank: integer("rank"),');
  // The author's code in the models file is still there.
  expect(after[MODELS]).toContain(AUTHOR_CODE.trim());
  expect(errors).toEqual([]);
});

test('a refused write says why, cannot be confirmed, and writes nothing', async ({ page }) => {
  // A snapshot the journal does not list: the journal lost its entry, so nothing may be written.
  const files = {
    ...fixture.files,
    'drizzle/meta/0002_snapshot.json': fixture.files['drizzle/meta/0001_snapshot.json']!,
  };
  await fillOpfs(page, MODULE, files);
  await openDesign(page, fixture.design);
  await addRank(page);
  await writeToFolder(page);

  const dialog = page.getByTestId('folder-write-dialog');
  await expect(dialog.getByTestId('folder-write-refusals')).toContainText(
    `opfs/${MODULE}/drizzle/meta/0002_snapshot.json is the snapshot of migration 0002, which drizzle/meta/_journal.json does not list`,
  );
  await expect(dialog.getByTestId('folder-write-confirm')).toBeDisabled();
  await page.screenshot({ path: 'e2e-output/folder-write-refused.png' });
  await dialog.getByTestId('folder-write-cancel').click();
  await expect(page.getByTestId('folder-write-dialog')).toBeHidden();
  expect(await readOpfs(page, MODULE)).toEqual(files);
});

test('where the code and the migrations already differ, the write leaves it unless asked to bring the database to the code', async ({
  page,
}) => {
  // A migration written by hand adds an index tables.ts does not declare: drift between the code and the history.
  const handWritten = 'CREATE INDEX `MoLOS-Tasks_tags_label_idx` ON `MoLOS-Tasks_tags` (`label`);';
  const files = { ...fixture.files, 'drizzle/0002_tags_label_index.sql': handWritten };
  await fillOpfs(page, MODULE, files);
  await openDesign(page, fixture.design);
  await addRank(page);
  await writeToFolder(page);

  const dialog = page.getByTestId('folder-write-dialog');
  const drift = dialog.getByTestId('folder-write-drift');
  await expect(drift).toContainText('Your code and the module’s migrations already differ');
  await expect(drift).toContainText('index MoLOS-Tasks_tags_label_idx (label) dropped');
  await expect(dialog.getByTestId('folder-write-reconcile')).not.toBeChecked();
  await expect(fileRow(page, 'drizzle/0003_add_tags_rank.sql')).toHaveAttribute('data-action', 'create');
  await page.screenshot({ path: 'e2e-output/folder-write-drift.png' });

  // Asked to reconcile: the plan is made again, and the migration also drops the index.
  await dialog.getByTestId('folder-write-reconcile').check();
  await expect(fileRow(page, 'drizzle/0003_add_tags_rank_and_drop_index_tags_label.sql')).toHaveAttribute(
    'data-action',
    'create',
  );
  await expect(dialog.getByTestId('folder-write-reconcile')).toBeChecked();
  await dialog.getByTestId('folder-write-reconcile').uncheck();
  await expect(fileRow(page, 'drizzle/0003_add_tags_rank.sql')).toHaveAttribute('data-action', 'create');
  await dialog.getByTestId('folder-write-confirm').click();
  await expect(page.getByTestId('session-report')).toContainText(`Wrote opfs/${MODULE}`);
  const after = await readOpfs(page, MODULE);
  expect(after['drizzle/0002_tags_label_index.sql']).toBe(handWritten);
  expect(after['drizzle/0003_add_tags_rank.sql']).toBe('ALTER TABLE `MoLOS-Tasks_tags` ADD `rank` integer;');
});
