import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeDesign } from '../lib/core/format';
import { addTable, updateColumn } from '../lib/core/operations';
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
  it('writes the module into --out, then leaves an identical migration alone', async () => {
    const out = tempDir('gen');
    dirs.push(out);
    const first = await cli(['generate', EXAMPLE, '--out', join(out, 'MoLOS-Example')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote     lib/server/db/schema/tables.ts\n');
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

    const second = await cli(['generate', EXAMPLE, '--out', mod]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('unchanged drizzle/0000_init.sql\n');
    expect(second.stdout).toContain('kept      manifest.yaml (exists; yours to edit)\n');
    expect(readFileSync(join(mod, 'drizzle/meta/_journal.json'), 'utf8')).toBe(journal);
    expect(readFileSync(join(mod, 'manifest.yaml'), 'utf8')).toBe('id: MoLOS-Example\nname: Mine\n');
  });

  it('uses --layout over the design setting', async () => {
    const out = tempDir('gen-layout');
    dirs.push(out);
    const r = await cli(['generate', EXAMPLE, '--out', out, '--layout', 'current']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'src/server/db/schema/tables.ts'))).toBe(true);
    expect(existsSync(join(out, 'src/config.ts'))).toBe(true);
    expect(existsSync(join(out, 'lib'))).toBe(false);
    expect((await cli(['generate', EXAMPLE, '--out', out, '--layout', 'flat'])).stderr).toContain(
      '--layout must be "legacy" or "current", got "flat"',
    );
  });

  it('never overwrites migrations that differ', async () => {
    const out = tempDir('gen-history');
    dirs.push(out);
    await cli(['generate', EXAMPLE, '--out', out]);
    const sql = join(out, 'drizzle/0000_init.sql');
    writeFileSync(sql, 'CREATE TABLE `MoLOS-Example_other` (`id` text);');
    const r = await cli(['generate', EXAMPLE, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already has migrations (0000_init)');
    expect(readFileSync(sql, 'utf8')).toBe('CREATE TABLE `MoLOS-Example_other` (`id` text);');
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
