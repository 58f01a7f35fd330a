import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const r = await cli(['check', designFile(serializeDesign(d))]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^error {3}user-id-nullable +column MoLOS-Example_items\.user_id: .*\(fix: Make it NOT NULL\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^warning table-name-not-snake-case +table MoLOS-Example_Bad Name: /),
    );
    expect(lines.at(-1)).toBe('MoLOS-Example: 1 error, 1 warning, 0 notes');
  });

  it('checks against another module id with --module-id', async () => {
    const r = await cli(['check', EXAMPLE, '--module-id', 'MoLOS_Example']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('module-id-invalid');
    expect(r.stdout).toContain('module MoLOS_Example: Module id "MoLOS_Example" is not valid');
    expect(r.stdout).toContain('Try "MoLOS-Example"');
  });
});

describe('generate', () => {
  it('writes the module into --out; again unchanged, it writes no migration and keeps the author’s files', async () => {
    const out = tempDir('gen');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, EXAMPLE), 'utf8'));
    const first = await cli(['generate', design, '--out', join(out, 'MoLOS-Example')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote     lib/server/db/schema/tables.ts\n');
    expect(first.stdout).toContain('wrote     drizzle/0000_init.sql\n');
    const mod = join(out, 'MoLOS-Example');
    for (const p of [
      'lib/server/db/schema/index.ts',
      'lib/models/index.ts',
      'drizzle.config.ts',
      'manifest.yaml',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
    ]) {
      expect(existsSync(join(mod, p)), p).toBe(true);
    }
    expect(readFileSync(join(mod, 'drizzle/0000_init.sql'), 'utf8')).toBe(
      initialMigrationSql(loadExample('molos-example')),
    );
    const journal = readFileSync(join(mod, 'drizzle/meta/_journal.json'), 'utf8');
    writeFileSync(join(mod, 'manifest.yaml'), 'id: MoLOS-Example\nname: Mine\n');

    const second = await cli(['generate', design, '--out', mod]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No schema changes: no migration written.\n');
    expect(second.stdout).toContain('kept      manifest.yaml (exists; yours to edit)\n');
    expect(readFileSync(join(mod, 'drizzle/meta/_journal.json'), 'utf8')).toBe(journal);
    expect(readFileSync(join(mod, 'manifest.yaml'), 'utf8')).toBe('id: MoLOS-Example\nname: Mine\n');
  });

  it('writes the next migration, knows a rename from the design’s baseline, and never rewrites a migration', async () => {
    const out = tempDir('gen-next');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8'));
    await cli(['generate', design, '--out', out]);
    const exported = loadDesignFile(design);
    expect(exported.baseline?.tables.t_tags).toBe('MoLOS-Tasks_tags');
    writeFileSync(
      design,
      serializeDesign(updateColumn(exported, { columnId: 'c_tags_name', patch: { name: 'label' } })),
    );
    const r = await cli(['generate', design, '--out', out, '--name', 'Rename tag label']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote     drizzle/0001_rename_tag_label.sql\n');
    expect(readFileSync(join(out, 'drizzle/0001_rename_tag_label.sql'), 'utf8')).toBe(
      'ALTER TABLE `MoLOS-Tasks_tags` RENAME COLUMN "name" TO "label";',
    );
    expect(r.stdout).toContain('updated   ');
    expect(loadDesignFile(design).baseline?.columns.c_tags_name).toBe('label');
    const journal = JSON.parse(readFileSync(join(out, 'drizzle/meta/_journal.json'), 'utf8'));
    expect(journal.entries.map((e: { tag: string }) => e.tag)).toEqual(['0000_init', '0001_rename_tag_label']);

    // A file in the way of the next migration is never overwritten.
    writeFileSync(
      design,
      serializeDesign(addColumn(loadDesignFile(design), { tableId: 't_tags', name: 'rank', type: 'integer' })),
    );
    writeFileSync(join(out, 'drizzle/0002_add_tags_rank.sql'), 'SELECT 1;');
    const blocked = await cli(['generate', design, '--out', out]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(
      'drizzle/0002_add_tags_rank.sql: already exists; an existing migration is never rewritten',
    );
    expect(readFileSync(join(out, 'drizzle/0002_add_tags_rank.sql'), 'utf8')).toBe('SELECT 1;');
  });

  it('prints safety findings, and writes the MoLOS-safe variant with --safe', async () => {
    const out = tempDir('gen-safe');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8'));
    await cli(['generate', design, '--out', out]);
    writeFileSync(
      design,
      serializeDesign(addEnumMember(loadDesignFile(design), { enumId: 'e_task_status', value: 'blocked' })),
    );
    const preview = await cli(['sql', design, '--since', out]);
    expect(preview.stdout).toContain('PRAGMA foreign_keys=OFF;');
    const safePreview = await cli(['sql', design, '--since', out, '--safe']);
    expect(safePreview.stdout).toContain(
      'CREATE TABLE `__keep_MoLOS-Tasks_task_tags` AS SELECT * FROM `MoLOS-Tasks_task_tags`;',
    );
    expect(safePreview.stderr).toContain('safe variant: Saves and restores the rows of MoLOS-Tasks_task_tags');
    const r = await cli(['generate', design, '--out', out, '--safe']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(MoLOS-safe variant)');
    expect(r.stdout).toContain('dry run on sample data: no rows lost or changed, schema as designed\n');
    expect(r.stdout).not.toMatch(/^error /m);
    expect(readFileSync(join(out, 'drizzle/0001_alter_tasks.sql'), 'utf8')).toBe(safePreview.stdout);
    const verified = await cli(['verify', out]);
    expect(verified.stdout).toContain('applied 0001_alter_tasks.sql');
    expect(verified.code).toBe(0);
  });

  it('does not write a migration that fails under the host; --safe writes one that runs', async () => {
    const out = tempDir('gen-fails');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8'));
    await cli(['generate', design, '--out', out]);
    const edited = connectTables(loadDesignFile(design), {
      fromTableId: 't_daily_log',
      toTableId: 't_projects',
      name: 'project_id',
      onDelete: 'cascade',
    });
    writeFileSync(design, serializeDesign(edited));
    const refused = await cli(['generate', design, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('dry run: the migration fails on sample data: near "-": syntax error');
    expect(refused.stderr).toContain('would fail under the MoLOS host, so no migration was written; "generate --safe"');
    expect(existsSync(join(out, 'drizzle/0001_add_daily_log_project_id.sql'))).toBe(false);
    const safe = await cli(['generate', design, '--out', out, '--safe']);
    expect(safe.code).toBe(0);
    expect(readFileSync(join(out, 'drizzle/0001_add_daily_log_project_id.sql'), 'utf8')).toBe(
      'ALTER TABLE `MoLOS-Tasks_daily_log` ADD `project_id` text REFERENCES `MoLOS-Tasks_projects`(`id`) ON UPDATE no action ON DELETE cascade;',
    );
    expect((await cli(['verify', out])).code).toBe(0);
  });

  it('without --safe, an unsafe migration is written as drizzle-kit would, and the findings say why', async () => {
    const out = tempDir('gen-unsafe');
    dirs.push(out);
    const design = designFile(readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8'));
    await cli(['generate', design, '--out', out]);
    writeFileSync(
      design,
      serializeDesign(addEnumMember(loadDesignFile(design), { enumId: 'e_task_status', value: 'blocked' })),
    );
    const r = await cli(['generate', design, '--out', out]);
    expect(r.stdout).toMatch(
      /^error {3}rebuild-cascade +drizzle\/0001_alter_tasks\.sql chunk \d+: Rebuilding MoLOS-Tasks_tasks/m,
    );
    expect(r.stdout).toContain('"generate --safe" writes it');
    expect(r.stdout).toContain('dry run: MoLOS-Tasks_task_tags lost 3 of 3 sample rows\n');
    const verified = await cli(['verify', out]);
    expect(verified.code).toBe(1);
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

  it('refuses a design that breaks a rule and writes nothing', async () => {
    const d = updateColumn(loadExample('molos-example'), { columnId: 'c_items_user_id', patch: { notNull: false } });
    const out = tempDir('gen-bad');
    dirs.push(out);
    const r = await cli(['generate', designFile(serializeDesign(d)), '--out', join(out, 'm')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('user-id-nullable');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(join(out, 'm'))).toBe(false);
  });

  it('requires --out', async () => {
    const r = await cli(['generate', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('generate needs --out <module-dir>');
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

  it('reports drift between the migrations and the last snapshot', async () => {
    const out = await module();
    const file = join(out, 'drizzle/0000_init.sql');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}--> statement-breakpoint\nALTER TABLE \`MoLOS-Tasks_tags\` ADD \`extra\` text;`,
    );
    const r = await cli(['verify', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error {3}drift-extra-column +MoLOS-Tasks_tags: /m);
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
