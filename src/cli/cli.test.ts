import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../lib/core/design';
import { loadDesign, serializeDesign } from '../lib/core/format';
import { addColumn, addEnumMember, addTable, connectTables, updateColumn } from '../lib/core/operations';
import { initialMigrationSql } from '../lib/sql/migration-files';
import { loadExample } from '../testing/examples';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function cli(args: string[], cwd = REPO) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

function loadDesignFile(file: string): Design {
  const r = loadDesign(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

function designFile(text: string): string {
  const dir = tempDir('cli');
  dirs.push(dir);
  const file = join(dir, 'design.json');
  writeFileSync(file, text);
  return file;
}

const EXAMPLE = 'static/examples/molos-example.json';

describe('sql', () => {
  it('prints exactly the 0000 migration, with nothing added', async () => {
    const r = await cli(['sql', EXAMPLE]);
    expect(r).toEqual({ code: 0, stdout: initialMigrationSql(loadExample('molos-example')), stderr: '' });
    expect(r.stdout.endsWith(');\n')).toBe(true);
  });

  it('names the JSON path of a bad file', async () => {
    const bad = JSON.parse(readFileSync(join(REPO, EXAMPLE), 'utf8'));
    bad.design.columns.c_items_title.type = 'varchar';
    const r = await cli(['sql', designFile(JSON.stringify(bad))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('$.design.columns.c_items_title.type: expected (');
    expect(r.stderr).toContain('got "varchar"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports invalid JSON and missing files without a stack trace', async () => {
    const broken = await cli(['sql', designFile('{"format": ')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^molos-schema: .*is not a valid design:\n {2}\$: not valid JSON/);
    const missing = await cli(['sql', 'nope.json']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'molos-schema: cannot read nope.json: no such file\n' });
  });
});

describe('check', () => {
  it('passes a compliant design', async () => {
    expect(await cli(['check', EXAMPLE])).toEqual({
      code: 0,
      stdout: 'MoLOS-Example: 0 errors, 0 warnings, 0 notes\n',
      stderr: '',
    });
  });

  it('prints one line per issue naming its target, and exits 1 on errors', async () => {
    let d = loadExample('molos-example');
    d = updateColumn(d, { columnId: 'c_items_user_id', patch: { notNull: false } });
    d = addTable(d, { id: 't_x', name: 'Bad Name' });
    // Two columns named alike: broken SQL, so an error (conventions such as a nullable user_id are warnings).
    d = updateColumn(d, { columnId: 'c_items_title', patch: { name: 'description' } });
    const r = await cli(['check', designFile(serializeDesign(d))]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^warning user-id-nullable +column MoLOS-Example_items\.user_id: .*\(fix: Make it NOT NULL\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^error {3}column-name-duplicate +column MoLOS-Example_items\.description: /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^warning table-name-not-snake-case +table MoLOS-Example_Bad Name: /),
    );
    expect(lines.at(-1)).toMatch(/^MoLOS-Example: \d+ errors?, 2 warnings, 0 notes$/);
  });

  it('checks against another module id with --module-id', async () => {
    const r = await cli(['check', EXAMPLE, '--module-id', 'MoLOS_Example']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('module-id-invalid');
    expect(r.stdout).toContain('module MoLOS_Example: Module id "MoLOS_Example" is not valid');
    expect(r.stdout).toContain('Try "MoLOS-Example"');
  });
});

/** Every file under `dir` with its SHA-256, by relative path: what a refused or dry-run generate must not change. */
function hashFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** A copy of an example design, generated once into a fresh module folder. */
async function exportedModule(example: string, prefix: string) {
  const out = tempDir(prefix);
  dirs.push(out);
  const design = designFile(readFileSync(join(REPO, `static/examples/${example}.json`), 'utf8'));
  const first = await cli(['generate', design, '--out', out]);
  expect(first.code, first.stderr).toBe(0);
  return { out, design };
}

function editDesign(file: string, edit: (d: Design) => Design): void {
  writeFileSync(file, serializeDesign(edit(loadDesignFile(file))));
}

/** The folder and the design file, hashed together. */
const state = (out: string, design: string) => ({ ...hashFolder(out), design: readFileSync(design, 'utf8') });

describe('generate', () => {
  it('writes the module into --out; again unchanged, it writes no migration and keeps the author’s files', async () => {
    const out = tempDir('gen');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, EXAMPLE), 'utf8'));
    const first = await cli(['generate', design, '--out', join(out, 'MoLOS-Example')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote     lib/server/db/schema/tables.ts\n');
    expect(first.stdout).toContain('wrote     drizzle/0000_init.sql (drizzle-kit’s exact SQL)\n');
    expect(first.stdout).toContain(
      'migration: drizzle/0000_init.sql: drizzle-kit’s exact SQL, because it has no host error and loses or changes no rows in the dry run\n',
    );
    const mod = join(out, 'MoLOS-Example');
    expect(Object.keys(hashFolder(mod)).sort()).toEqual([
      'drizzle.config.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
      'lib/models/index.ts',
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
      'manifest.yaml',
    ]);
    expect(readFileSync(join(mod, 'drizzle/0000_init.sql'), 'utf8')).toBe(
      initialMigrationSql(loadExample('molos-example')),
    );
    // The design records its baseline with the module's files as written.
    const baseline = loadDesignFile(design).baseline;
    expect(baseline?.files?.find((f) => f.path === 'lib/models/index.ts')?.text).toBe(
      readFileSync(join(mod, 'lib/models/index.ts'), 'utf8'),
    );
    writeFileSync(join(mod, 'manifest.yaml'), 'id: MoLOS-Example\nname: Mine\n');
    const before = hashFolder(mod);

    const second = await cli(['generate', design, '--out', mod]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No schema changes: no migration written.\n');
    expect(second.stdout).toContain('kept      manifest.yaml (exists; yours to edit)\n');
    expect(second.stdout).toContain('unchanged lib/server/db/schema/tables.ts\n');
    expect(hashFolder(mod)).toEqual(before);
  });

  it('writes the next migration and knows a rename from the design’s baseline', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-next');
    expect(loadDesignFile(design).baseline?.tables.t_tags).toBe('MoLOS-Tasks_tags');
    editDesign(design, (d) => updateColumn(d, { columnId: 'c_tags_name', patch: { name: 'label' } }));
    const r = await cli(['generate', design, '--out', out, '--name', 'Rename tag label']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote     drizzle/0001_rename_tag_label.sql (drizzle-kit’s exact SQL)\n');
    expect(readFileSync(join(out, 'drizzle/0001_rename_tag_label.sql'), 'utf8')).toBe(
      'ALTER TABLE `MoLOS-Tasks_tags` RENAME COLUMN "name" TO "label";',
    );
    expect(r.stdout).toContain('updated   ');
    expect(loadDesignFile(design).baseline?.columns.c_tags_name).toBe('label');
    const journal = JSON.parse(readFileSync(join(out, 'drizzle/meta/_journal.json'), 'utf8'));
    expect(journal.entries.map((e: { tag: string }) => e.tag)).toEqual(['0000_init', '0001_rename_tag_label']);
  });

  it('refuses a file in the way under drizzle/ and leaves every file byte-identical, code included', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-blocked');
    editDesign(design, (d) => addColumn(d, { tableId: 't_tags', name: 'rank', type: 'integer' }));
    // A snapshot nobody journaled sits where the next migration's would go: it is never overwritten.
    writeFileSync(
      join(out, 'drizzle/meta/0001_snapshot.json'),
      readFileSync(join(out, 'drizzle/meta/0000_snapshot.json')),
    );
    const before = state(out, design);
    const blocked = await cli(['generate', design, '--out', out]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('nothing was written:\n');
    // issue 14: a snapshot the journal does not list means the journal lost an entry; refused as such.
    expect(blocked.stderr).toMatch(
      /drizzle\/meta\/0001_snapshot\.json is the snapshot of migration 0001, which drizzle\/meta\/_journal\.json does not list/,
    );
    // tables.ts would have changed: the plan says so, and nothing was written.
    expect(blocked.stdout).toContain('update    src/server/db/schema/tables.ts\n');
    expect(state(out, design)).toEqual(before);
  });

  it('counts a migration nobody journaled as history (the host runs it): the next one comes after it', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-unjournaled');
    editDesign(design, (d) => addColumn(d, { tableId: 't_tags', name: 'rank', type: 'integer' }));
    writeFileSync(
      join(out, 'drizzle/0001_hand_written.sql'),
      'CREATE INDEX `MoLOS-Tasks_tags_name_idx` ON `MoLOS-Tasks_tags` (`name`);',
    );
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'drizzle/0001_hand_written.sql'), 'utf8')).toContain('CREATE INDEX');
    // The index only the hand-written migration has is drift between the code and the history: left as it is.
    expect(readdirSync(join(out, 'drizzle')).filter((f) => f.endsWith('.sql'))).toEqual([
      '0000_init.sql',
      '0001_hand_written.sql',
      '0002_add_tags_rank.sql',
    ]);
    expect(r.stdout).toContain("note: the module's code and its migrations already differ");
    // The host runs the hand-written file: the journal lists it too, and verify finds the journal whole.
    const journal = JSON.parse(readFileSync(join(out, 'drizzle/meta/_journal.json'), 'utf8'));
    expect(journal.entries.map((e: { idx: number; tag: string }) => `${e.idx} ${e.tag}`)).toEqual([
      '0 0000_init',
      '1 0001_hand_written',
      '2 0002_add_tags_rank',
    ]);
    expect((await cli(['verify', out])).stdout).not.toMatch(/journal-no-entry/);
  });

  it('a column added to tables.ts by hand, never migrated, gets its migration (the code is ahead)', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-ahead');
    const schema = join(out, 'src/server/db/schema/tables.ts');
    writeFileSync(
      schema,
      readFileSync(schema, 'utf8').replace(
        'name: text("name").notNull(),',
        'name: text("name").notNull(),\n    estimate: integer("estimate"),',
      ),
    );
    expect((await cli(['import', out, '--out', design])).code).toBe(0);
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('which its migrations never built: this migration adds it');
    const added = readdirSync(join(out, 'drizzle')).filter((f) => f.startsWith('0001_'));
    expect(added).toHaveLength(1);
    expect(readFileSync(join(out, 'drizzle', added[0] as string), 'utf8')).toMatch(/ADD `estimate` integer;$/);
  });

  it('--reconcile also brings the database to the code where the two already differed', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-reconcile');
    writeFileSync(
      join(out, 'drizzle/0001_hand_written.sql'),
      'CREATE INDEX `MoLOS-Tasks_tags_name_idx` ON `MoLOS-Tasks_tags` (`name`);',
    );
    const plain = await cli(['generate', design, '--out', out, '--dry-run']);
    expect(plain.stdout).toContain('No schema changes: no migration written.');
    const r = await cli(['generate', design, '--out', out, '--reconcile']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'drizzle/0002_drop_index_tags_name.sql'), 'utf8')).toBe(
      'DROP INDEX `MoLOS-Tasks_tags_name_idx`;',
    );
  });

  it('--dry-run prints each file’s action and diff and writes nothing, not even the design file', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-dry');
    editDesign(design, (d) => addColumn(d, { tableId: 't_tags', name: 'rank', type: 'integer' }));
    const before = state(out, design);
    const r = await cli(['generate', design, '--out', out, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'update    src/server/db/schema/tables.ts\n--- a/src/server/db/schema/tables.ts\n+++ b/src/server/db/schema/tables.ts\n@@ ',
    );
    expect(r.stdout).toMatch(/^\+ +rank: integer\("rank"\),$/m);
    expect(r.stdout).toContain(
      'create    drizzle/0001_add_tags_rank.sql (drizzle-kit’s exact SQL)\n--- /dev/null\n+++ b/drizzle/0001_add_tags_rank.sql\n@@ -0,0 +1,1 @@\n+ALTER TABLE `MoLOS-Tasks_tags` ADD `rank` integer;\n',
    );
    expect(r.stdout).toMatch(
      /^create {4}drizzle\/meta\/0001_snapshot\.json\n {2}\(\d+ lines of drizzle-kit’s snapshot/m,
    );
    expect(r.stdout).toContain('update    drizzle/meta/_journal.json\n--- a/drizzle/meta/_journal.json\n');
    expect(r.stdout).toContain('keep      manifest.yaml (exists; yours to edit)\n');
    expect(r.stdout).toContain('Dry run: nothing was written.\n');
    expect(r.stdout).not.toContain('wrote ');
    expect(state(out, design)).toEqual(before);
  });

  it('never rewrites a scaffold file the author has', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-scaffold');
    const mine = {
      'manifest.yaml': 'id: MoLOS-Tasks\nname: My tasks\n',
      'drizzle.config.ts': '// my config\nexport default {};\n',
      'src/config.ts': '// my module config\n',
      'src/server/db/schema/index.ts': "export * from './tables';\nexport * from './views';\n",
    };
    for (const [path, text] of Object.entries(mine)) writeFileSync(join(out, path), text);
    editDesign(design, (d) => addColumn(d, { tableId: 't_tags', name: 'rank', type: 'integer' }));
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(0);
    for (const [path, text] of Object.entries(mine)) {
      expect(readFileSync(join(out, path), 'utf8'), path).toBe(text);
      expect(r.stdout).toContain(`kept      ${path} (exists; yours to edit)\n`);
    }
    expect(readFileSync(join(out, 'src/server/db/schema/tables.ts'), 'utf8')).toContain('rank: integer("rank")');
  });

  it('writes the MoLOS-safe variant by default when drizzle-kit’s SQL loses rows, and it loses none', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-hazard');
    editDesign(design, (d) => addEnumMember(d, { enumId: 'e_task_status', value: 'blocked' }));
    const exact = await cli(['sql', design, '--since', out, '--exact']);
    expect(exact.stdout).toContain('PRAGMA foreign_keys=OFF;');
    expect(exact.stderr).toContain('dry run: MoLOS-Tasks_task_tags lost 3 of 3 sample rows\n');
    const preview = await cli(['sql', design, '--since', out]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(
      'CREATE TABLE `__keep_MoLOS-Tasks_task_tags` AS SELECT * FROM `MoLOS-Tasks_task_tags`;',
    );
    expect(preview.stderr).toContain(
      'migration: the MoLOS-safe variant, because drizzle-kit’s SQL loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run',
    );
    expect(preview.stderr).toContain('safe variant: Saves and restores the rows of MoLOS-Tasks_task_tags');

    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote     drizzle/0001_alter_tasks.sql (the MoLOS-safe variant)\n');
    expect(r.stdout).toContain('dry run on sample data: no rows lost or changed, schema as designed\n');
    expect(r.stdout).not.toMatch(/^error /m);
    expect(readFileSync(join(out, 'drizzle/0001_alter_tasks.sql'), 'utf8')).toBe(preview.stdout);
    const verified = await cli(['verify', out]);
    expect(verified.stdout).toContain('applied 0001_alter_tasks.sql');
    expect(verified.code).toBe(0);
  });

  it('--exact writes drizzle-kit’s bytes and exits 1 when they carry an error finding', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-exact');
    editDesign(design, (d) => addEnumMember(d, { enumId: 'e_task_status', value: 'blocked' }));
    const exact = await cli(['sql', design, '--since', out, '--exact']);
    const r = await cli(['generate', design, '--out', out, '--exact']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, 'drizzle/0001_alter_tasks.sql'), 'utf8')).toBe(exact.stdout);
    expect(r.stdout).toMatch(
      /^error {3}rebuild-cascade +drizzle\/0001_alter_tasks\.sql chunk \d+: Rebuilding MoLOS-Tasks_tasks/m,
    );
    expect(r.stdout).toContain(
      'warning: drizzle-kit’s exact SQL, as asked, loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run\n',
    );
    expect(r.stderr).toMatch(/^molos-schema: written, but the migration carries \d+ host errors? \(see above\)/);
    expect(loadDesignFile(design).baseline?.files?.some((f) => f.path === 'drizzle/0001_alter_tasks.sql')).toBe(true);
    expect((await cli(['verify', out])).code).toBe(1);
  });

  it('never writes a migration that fails under the host; by default the safe variant that runs', async () => {
    const { out, design } = await exportedModule('molos-tasks', 'gen-fails');
    editDesign(design, (d) =>
      connectTables(d, {
        fromTableId: 't_daily_log',
        toTableId: 't_projects',
        name: 'project_id',
        onDelete: 'cascade',
      }),
    );
    const before = state(out, design);
    const refused = await cli(['generate', design, '--out', out, '--exact']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('dry run: the migration fails on sample data: near "-": syntax error');
    expect(refused.stderr).toContain(
      'drizzle/0001_add_daily_log_project_id.sql (drizzle-kit’s exact SQL): it fails in the dry run: near "-": syntax error',
    );
    expect(state(out, design)).toEqual(before);

    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'drizzle/0001_add_daily_log_project_id.sql'), 'utf8')).toBe(
      'ALTER TABLE `MoLOS-Tasks_daily_log` ADD `project_id` text REFERENCES `MoLOS-Tasks_projects`(`id`) ON UPDATE no action ON DELETE cascade;',
    );
    expect((await cli(['verify', out])).code).toBe(0);
  });

  it('uses --layout over the design setting', async () => {
    const out = tempDir('gen-layout');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, EXAMPLE), 'utf8'));
    const r = await cli(['generate', design, '--out', out, '--layout', 'current']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'src/server/db/schema/tables.ts'))).toBe(true);
    expect(existsSync(join(out, 'src/config.ts'))).toBe(true);
    expect(existsSync(join(out, 'lib'))).toBe(false);
    expect((await cli(['generate', design, '--out', out, '--layout', 'flat'])).stderr).toContain(
      '--layout must be "legacy" or "current", got "flat"',
    );
  });

  it('refuses a design that would give broken code, and writes nothing', async () => {
    const { out, design } = await exportedModule('molos-example', 'gen-bad');
    editDesign(design, (d) => updateColumn(d, { columnId: 'c_items_title', patch: { name: 'description' } }));
    const before = state(out, design);
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('column-name-duplicate');
    expect(r.stderr).toContain('nothing was written');
    expect(state(out, design)).toEqual(before);
    const fresh = tempDir('gen-bad-fresh');
    dirs.push(fresh);
    expect((await cli(['generate', design, '--out', join(fresh, 'm')])).code).toBe(1);
    expect(existsSync(join(fresh, 'm'))).toBe(false);
  });

  it('requires --out, and one of --exact and --safe at most', async () => {
    const r = await cli(['generate', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('generate needs --out <module-dir>');
    const both = await cli(['generate', EXAMPLE, '--out', 'x', '--exact', '--safe']);
    expect(both).toEqual({
      code: 2,
      stdout: '',
      stderr: 'molos-schema: --exact and --safe exclude each other: pick one\n',
    });
  });
});

it('no test writes into the shipped examples', () => {
  // generate records its baseline in the design file it is given; tests must hand it copies.
  for (const name of ['molos-example', 'molos-tasks']) {
    expect(loadExample(name).baseline, name).toBeNull();
  }
});

describe('usage', () => {
  it('has --help for every command', async () => {
    for (const command of ['generate', 'sql', 'check']) {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: molos-schema ${command} `));
    }
    expect((await cli(['--help'])).stdout).toContain('Commands:');
  });

  it('rejects unknown commands, unknown options and missing files', async () => {
    expect((await cli(['frobnicate'])).stderr).toMatch(/^molos-schema: unknown command "frobnicate"/);
    const r = await cli(['sql', EXAMPLE, '--out', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sql does not take --out');
    expect((await cli(['check'])).stderr).toContain('check needs exactly one design file, got 0');
  });

  it('runs as the installed bin and through npm run cli, without a build step', async () => {
    const exec = promisify(execFile);
    const viaBin = await exec(join(REPO, 'bin/molos-schema.js'), ['sql', EXAMPLE], { cwd: REPO });
    expect(viaBin.stdout).toBe(initialMigrationSql(loadExample('molos-example')));
    const viaNpm = await exec('npm', ['run', '-s', 'cli', '--', 'check', EXAMPLE], { cwd: REPO });
    expect(viaNpm.stdout).toBe('MoLOS-Example: 0 errors, 0 warnings, 0 notes\n');
    const failing = await exec(join(REPO, 'bin/molos-schema.js'), ['check', EXAMPLE, '--module-id', 'bad id'], {
      cwd: REPO,
    }).catch((e: { code: number; stdout: string }) => e);
    expect((failing as { code: number }).code).toBe(1);
  });

  it('runs as the installed bin from a folder outside the repo (no tsconfig paths there)', async () => {
    const exec = promisify(execFile);
    const r = await exec(join(REPO, 'bin/molos-schema.js'), ['sql', join(REPO, EXAMPLE)], { cwd: tmpdir() });
    expect(r.stdout).toBe(initialMigrationSql(loadExample('molos-example')));
  });
});

describe('verify', () => {
  async function module(): Promise<string> {
    const out = tempDir('verify');
    dirs.push(out);
    await cli([
      'generate',
      designFile(readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8')),
      '--out',
      out,
    ]);
    return out;
  }

  it('replays a generated module cleanly', async () => {
    const r = await cli(['verify', await module()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('applied 0000_init.sql (9 statements)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^MoLOS-Tasks: 1 migration\(s\); 0 error\(s\), \d+ warning\(s\)$/,
    );
  });

  it('reports drift between the migrations and the last snapshot, as a warning: the host runs them', async () => {
    const out = await module();
    const file = join(out, 'drizzle/0000_init.sql');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}--> statement-breakpoint\nALTER TABLE \`MoLOS-Tasks_tags\` ADD \`extra\` text;`,
    );
    const r = await cli(['verify', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning drift-extra-column +MoLOS-Tasks_tags: /m);
    expect(r.stdout).toMatch(/^warning code-drift-extra-column +MoLOS-Tasks_tags: /m);
  });

  it('reports journal problems', async () => {
    const out = await module();
    writeFileSync(join(out, 'drizzle/0001_orphan.sql'), 'SELECT 1;');
    const journalPath = join(out, 'drizzle/meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries.push({ ...journal.entries[0], idx: 1, tag: '0002_missing', when: 1 });
    writeFileSync(journalPath, JSON.stringify(journal));
    const r = await cli(['verify', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('entry 1 names 0002_missing.sql, which does not exist');
    expect(r.stdout).toContain('"when" of 0002_missing is not later than 0000_init\'s');
    expect(r.stdout).toContain('drizzle/0001_orphan.sql has no journal entry');
  });

  it('reports a broken journal file with its path, and a missing folder', async () => {
    const out = await module();
    writeFileSync(
      join(out, 'drizzle/meta/_journal.json'),
      '{"version": "7", "dialect": "sqlite", "entries": [{"idx": "x"}]}',
    );
    const r = await cli(['verify', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drizzle\/meta\/_journal\.json: \$\.entries\[0\]\.idx: expected number, got "x"/);
    expect((await cli(['verify', join(out, 'nope')])).stderr).toContain('no such folder');
  });

  it('replays a history drizzle-kit wrote and names its hazards', async () => {
    const out = tempDir('verify-gold');
    dirs.push(out);
    cpSync(join(REPO, 'fixtures/drizzle-kit-gold/evolve/drizzle'), join(out, 'drizzle'), { recursive: true });
    const r = await cli(['verify', out]);
    expect(r.stdout).toContain('applied 0013_drop_fk_and_unique.sql');
    expect(r.stdout).toMatch(/^error {3}rebuild-cascade +drizzle\/0010_change_type\.sql/m);
    expect(r.code).toBe(1);
  });
});
