import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fullTableName } from '../lib/core/design';
import { loadDesign, serializeDesign } from '../lib/core/format';
import { addColumn } from '../lib/core/operations';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

describe('sql --since a module whose migrations go past its last snapshot', () => {
  const MODULE = 'fixtures/verify/past-last-snapshot';

  it('starts from the schema the migrations build: nothing after the import, then exactly the edit', async () => {
    const dir = tempDir('sql-since');
    dirs.push(dir);
    const design = join(dir, 'reading.json');
    expect((await cli(['import', MODULE, '--out', design])).code).toBe(0);

    expect(await cli(['sql', design, '--since', MODULE])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No schema changes, nothing to migrate.\n',
    });

    const loaded = loadDesign(readFileSync(design, 'utf8'));
    if (!loaded.ok) throw new Error('the imported design does not load');
    const books = Object.values(loaded.design.tables).find(
      (t) => fullTableName(loaded.design, t) === 'MoLOS-Reading_books',
    );
    writeFileSync(
      design,
      serializeDesign(addColumn(loaded.design, { tableId: books?.id ?? '', name: 'isbn', type: 'text' })),
    );
    const edited = await cli(['sql', design, '--since', MODULE]);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toBe('ALTER TABLE `MoLOS-Reading_books` ADD `isbn` text;');
    expect(edited.stderr).toContain(
      'note: 0001_add_books_rating, 0002_add_quotes come after the last snapshot (drizzle/meta/0000_snapshot.json): the next migration starts from the schema the migrations build (replayed as the host runs them), and its snapshot records the schema after it\n',
    );
  });
});
