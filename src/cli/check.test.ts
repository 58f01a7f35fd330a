import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeDesign } from '../lib/core/format';
import { updateColumn } from '../lib/core/operations';
import { loadExample } from '../testing/examples';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function check(input: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(['check', input], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

function designFile(text: string): string {
  const dir = tempDir('check');
  dirs.push(dir);
  const file = join(dir, 'design.json');
  writeFileSync(file, text);
  return file;
}

/** The hand-written module fixtures: published modules' deviations, each of which runs. */
const MODULES = readdirSync(join(REPO, 'fixtures/import'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'unsupported')
  .map((e) => `fixtures/import/${e.name}`);

describe('check exits 1 only for what would break', () => {
  it('has module fixtures to check', () => {
    expect(MODULES.length).toBeGreaterThanOrEqual(15);
  });

  it.each([...MODULES, 'fixtures/import-sql/tasks-history'])(
    '%s: conventions are warnings, so an imported module passes',
    async (path) => {
      const r = await check(path);
      expect(r.stdout).not.toMatch(/^error /m);
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/: 0 errors, \d+ warnings?, \d+ notes?$/);
      expect(r.code).toBe(0);
    },
  );

  it('a nullable user_id is a warning with its fix, and exit 0', async () => {
    const d = updateColumn(loadExample('molos-example'), { columnId: 'c_items_user_id', patch: { notNull: false } });
    const r = await check(designFile(serializeDesign(d)));
    expect(r.stdout).toMatch(
      /^warning user-id-nullable +column MoLOS-Example_items\.user_id: .*MoLOS convention.*\(fix: Make it NOT NULL\)$/m,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Example: 0 errors, 1 warning, 0 notes');
    expect(r.code).toBe(0);
  });

  it('an enum column named order breaks the CHECK: an error, and exit 1', async () => {
    const d = updateColumn(loadExample('molos-example'), { columnId: 'c_items_status', patch: { name: 'order' } });
    const r = await check(designFile(serializeDesign(d)));
    expect(r.stdout).toMatch(
      /^error {3}enum-column-name-unquotable +column MoLOS-Example_items\.order: .*\(fix: Rename to "order_value"\)$/m,
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Example: 1 error, 0 warnings, 0 notes');
    expect(r.code).toBe(1);
  });

  it('a column named query is a keyword SQLite accepts: no issue at all', async () => {
    const d = updateColumn(loadExample('molos-example'), { columnId: 'c_items_title', patch: { name: 'query' } });
    expect(await check(designFile(serializeDesign(d)))).toEqual({
      code: 0,
      stdout: 'MoLOS-Example: 0 errors, 0 warnings, 0 notes\n',
      stderr: '',
    });
  });
});
