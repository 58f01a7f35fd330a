import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

const lines = (text: string, code: RegExp) => text.split('\n').filter((l) => code.test(l));

describe('verify', () => {
  it('prints drift between tables.ts and the SQL, one line per difference, and exits 1 on errors', async () => {
    const r = await cli(['verify', 'fixtures/verify/drift']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout, / code-drift-/)).toEqual([
      `warning code-drift-column-default    MoLOS-Drift_items: column priority: drizzle/ builds DEFAULT 0; tables.ts says no default — an insert that leaves it out gets another value than the app expects; the studio's next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.`,
      `error   code-drift-column-not-null   MoLOS-Drift_members: column notes: drizzle/ builds it NOT NULL; tables.ts says nullable — the app may write NULL, which the database refuses; the studio's next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.`,
      `error   code-drift-column-not-null   MoLOS-Drift_members: column role: drizzle/ builds it NOT NULL; tables.ts says nullable — the app may write NULL, which the database refuses; the studio's next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.`,
      "warning code-drift-column-default    MoLOS-Drift_members: column role: drizzle/ builds DEFAULT 'user'; tables.ts says no default — an insert that leaves it out gets another value than the app expects; the studio's next migration leaves it as it is (\"generate --reconcile\" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.",
      "error   code-drift-column-check      MoLOS-Drift_members: column role: drizzle/ builds CHECK(role IN ('user', 'admin')); tables.ts says no CHECK — the app may write values the database's CHECK refuses (its types allow any text); the studio's next migration leaves it as it is (\"generate --reconcile\" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.",
      "warning code-drift-column-check      MoLOS-Drift_members: column status: drizzle/ builds CHECK(status IN ('open', 'closed')); tables.ts says no CHECK — the database's CHECK allows every value the app's types allow; the studio's next migration leaves it as it is (\"generate --reconcile\" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.",
    ]);
    // Nothing tables.ts declares is missing from the database, and the rest is left: no pending change.
    expect(lines(r.stdout, / pending-changes /)).toEqual([]);
    expect(lines(r.stdout, / code-not-held /)).toEqual([
      'info    code-not-held                lib/server/db/schema/tables.ts:28: tables.ts holds something the studio keeps as written: check MoLOS-Drift_items_quantity_positive of table driftItems cannot be edited in the studio (kept: as written in the code, and in the migrations)',
    ]);
    // The current host runs drizzle-kit's ON UPDATE clauses: no older-host warning without --host older.
    expect(lines(r.stdout, / on-update-clause /)).toEqual([]);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Drift: 1 migration(s); 3 error(s), 9 warning(s)');
  });

  it("--host older adds the older host checker's warnings, and refuses an unknown host", async () => {
    const current = await cli(['verify', 'fixtures/verify/drift', '--host', 'current']);
    expect(current.stdout).toBe((await cli(['verify', 'fixtures/verify/drift'])).stdout);
    const older = await cli(['verify', 'fixtures/verify/drift', '--host', 'older']);
    expect(older.code).toBe(1);
    expect(lines(older.stdout, / on-update-clause /)).toEqual([
      'warning on-update-clause             drizzle/0000_init.sql chunk 1: MoLOS-Drift_items has an ON UPDATE clause: the current host runs it, but the older MoLOS host refuses it because it reads the word after UPDATE ("no", "cascade" …) as an unprefixed table name.',
    ]);
    expect(older.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Drift: 1 migration(s); 3 error(s), 10 warning(s)');
    expect(await cli(['verify', 'fixtures/verify/drift', '--host', 'oldest'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'molos-schema: --host must be "current" or "older", got "oldest"\n',
    });
  });

  it('applies every file of a hand-written history, and warns that its last snapshot is behind', async () => {
    const r = await cli(['verify', 'fixtures/verify/hand-written']);
    expect(lines(r.stdout, /^applied /)).toEqual([
      'applied 0000_init.sql (1 statement)',
      'applied 0001_add_pages.sql (2 statements)',
      'applied 0002_page_position.sql (2 statements)',
    ]);
    expect(r.stdout).not.toMatch(/migration-(failed|skipped)|statement-tolerated|code-drift-/);
    // The host applies such a history as it is: an outdated snapshot misleads only a later drizzle-kit run.
    expect(lines(r.stdout, /^error /)).toEqual([]);
    expect(lines(r.stdout, /^warning snapshot-outdated/)).toEqual([
      expect.stringMatching(
        /^warning snapshot-outdated +drizzle\/meta\/0000_snapshot\.json: this is the last snapshot, but drizzle\/ has migrations up to 0002_page_position\.sql after it, and the schema they build differs from it in 2 places \(MoLOS-Notebook_notebooks: column archived; MoLOS-Notebook_pages: table\)\./,
      ),
    ]);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Notebook: 3 migration(s); 0 error(s), 3 warning(s)');
    expect(r.code).toBe(0);
  });

  it('finds nothing to say about a module the studio generated, and sees a later edit of tables.ts', async () => {
    const out = tempDir('verify-clean');
    dirs.push(out);
    const design = join(out, 'design.json');
    cpSync(join(REPO, 'static/examples/molos-example.json'), design);
    expect((await cli(['generate', design, '--out', join(out, 'module')])).code).toBe(0);
    const clean = await cli(['verify', join(out, 'module')]);
    expect(clean).toEqual({
      code: 0,
      stdout: 'applied 0000_init.sql (1 statement)\nMoLOS-Example: 1 migration(s); 0 error(s), 0 warning(s)\n',
      stderr: '',
    });

    // The author adds a column to tables.ts and has not generated its migration yet: the app would fail.
    const tables = join(out, 'module/lib/server/db/schema/tables.ts');
    writeFileSync(
      tables,
      readFileSync(tables, 'utf8').replace(
        '  title: text("title").notNull(),',
        '  title: text("title").notNull(),\n  note: text("note"),',
      ),
    );
    const edited = await cli(['verify', join(out, 'module')]);
    expect(lines(edited.stdout, / code-drift-/)).toEqual([
      "error   code-drift-missing-column    MoLOS-Example_items: column note: tables.ts declares it (text); drizzle/ does not build it — the app's queries that read or write it fail (no such column); the studio's next migration adds it; drizzle/meta/0000_snapshot.json does not have it either, so drizzle-kit generate would add it.",
    ]);
    expect(lines(edited.stdout, / pending-changes /)).toEqual([
      'info    pending-changes              lib/server/db/schema/tables.ts: tables.ts differs from drizzle/meta/0000_snapshot.json: the next migration (0001_add_items_note) will hold items.note: added (text)',
    ]);
    expect(edited.code).toBe(1);
  });

  it('exits 2 when there is nothing to verify', async () => {
    const out = tempDir('verify-empty');
    dirs.push(out);
    cpSync(join(REPO, 'fixtures/verify/hand-written'), out, { recursive: true });
    rmSync(join(out, 'drizzle'), { recursive: true });
    const r = await cli(['verify', out]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `molos-schema: ${out}/drizzle/meta/_journal.json: there is no journal and no migration: nothing to verify\n`,
    });
  });
});
