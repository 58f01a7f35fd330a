import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../lib/core/design';
import { loadDesign } from '../lib/core/format';
import { generateModuleFiles } from '../lib/generate/module-files';
import { loadExample } from '../testing/examples';
import { REPO, removeDir, tempDir, writeFiles } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function cli(args: string[], cwd = REPO) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

function temp(): string {
  const dir = tempDir('cli-import');
  dirs.push(dir);
  return dir;
}

function readDesignFile(file: string): Design {
  const r = loadDesign(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.design;
}

/** A module folder as `generate` leaves it, for the example, relative to the repo. */
async function generatedModule(example: string, layout?: 'legacy' | 'current'): Promise<string> {
  const dir = temp();
  writeFiles(dir, await generateModuleFiles({ ...loadExample(example), baseline: null }, layout ? { layout } : {}));
  return relative(REPO, dir);
}

const HISTORY = 'fixtures/import-sql/tasks-history';

describe('import', () => {
  it('a module folder: the design file, then generate into the same folder finds nothing to write', async () => {
    const mod = await generatedModule('molos-tasks', 'legacy');
    const out = join(temp(), 'design.json');
    const r = await cli(['import', mod, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const source = loadExample('molos-tasks');
    const count = (map: object) => Object.keys(map).length;
    expect(r.stdout).toContain(
      `design.json: module MoLOS-Tasks (legacy layout), ${count(source.tables)} tables, ${count(source.relations)} relations, ` +
        `${count(source.enums)} enums, ${count(source.indexes)} indexes, with the last migration as its baseline\n`,
    );
    const design = readDesignFile(out);
    expect(design.baseline?.snapshotId).toBe(
      JSON.parse(readFileSync(join(REPO, mod, 'drizzle/meta/0000_snapshot.json'), 'utf8')).id,
    );
    const before = readdirSync(join(REPO, mod, 'drizzle')).sort();
    const g = await cli(['generate', out, '--out', mod]);
    expect(g.code).toBe(0);
    expect(readdirSync(join(REPO, mod, 'drizzle')).sort()).toEqual(before);
  });

  it('an SQL file: `sql` on the imported design prints the same bytes', async () => {
    const mod = await generatedModule('molos-example');
    const sqlFile = join(mod, 'drizzle/0000_init.sql');
    const out = join(temp(), 'design.json');
    const r = await cli(['import', sqlFile, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const printed = await cli(['sql', out]);
    expect(printed.stdout).toBe(readFileSync(join(REPO, sqlFile), 'utf8'));
  });

  it('a migration history folder and a snapshot, with --module-id', async () => {
    const out = join(temp(), 'h.json');
    const r = await cli(['import', HISTORY, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${HISTORY}/drizzle/0002_tasks_project_fk.sql:15:1 info: 1 data statement`);
    expect(readDesignFile(out).module.id).toBe('MoLOS-Tasks');
    const mod = await generatedModule('molos-example');
    const snap = join(temp(), 's.json');
    const s = await cli([
      'import',
      join(mod, 'drizzle/meta/0000_snapshot.json'),
      '--out',
      snap,
      '--module-id',
      'MoLOS-Renamed',
    ]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('0000_snapshot.json:7:5 warning: table "MoLOS-Example_items" does not start');
    expect(readDesignFile(snap).module.id).toBe('MoLOS-Renamed');
  });

  it('a tables.ts alone brings its models file from the layout', async () => {
    const mod = await generatedModule('molos-tasks', 'current');
    const out = join(temp(), 't.json');
    const r = await cli(['import', join(mod, 'src/server/db/schema/tables.ts'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const design = readDesignFile(out);
    expect(
      Object.values(design.enums)
        .map((e) => e.name)
        .sort(),
    ).toEqual(['TaskPriority', 'TaskStatus']);
  });

  it('a tables.ts by an absolute path or through ..: read as from inside its module, with its models folder', async () => {
    const fixture = join(REPO, 'fixtures/import/q16-reexported-models');
    const tables = 'src/server/db/schema/tables.ts';
    const dir = temp();
    const runs = [
      await cli(['import', tables, '--out', join(dir, 'inside.json')], fixture),
      await cli(['import', join(fixture, tables), '--out', join(dir, 'absolute.json')]),
      await cli(
        ['import', `../fixtures/import/q16-reexported-models/${tables}`, '--out', join(dir, 'up.json')],
        join(REPO, 'src'),
      ),
    ];
    for (const r of runs) expect(r).toMatchObject({ code: 0, stderr: '' });
    const designs = ['inside', 'absolute', 'up'].map((n) => readDesignFile(join(dir, `${n}.json`)));
    expect(Object.values(designs[0]!.enums).map((e) => e.name)).toEqual(['CardKind', 'CardVisibility', 'CardState']);
    expect(designs[0]!.module).toMatchObject({ id: 'MoLOS-QReexport', layout: 'current' });
    expect(designs[1]).toEqual(designs[0]);
    expect(designs[2]).toEqual(designs[0]);
  });

  it('messages about a tables.ts outside the working folder name it by the path given', async () => {
    const tables = 'lib/server/db/schema/tables.ts';
    const up = await cli(['check', `../fixtures/import/q18-comment-kinds/${tables}`], join(REPO, 'src'));
    expect(up.stdout).toContain(
      `../fixtures/import/q18-comment-kinds/${tables}:8:14 info: enum EntryMood is declared in`,
    );
    const abs = join(REPO, 'fixtures/import/q18-comment-kinds', tables);
    const absolute = await cli(['check', abs], '/');
    expect(absolute.stdout).toContain(`${abs}:8:14 info: enum EntryMood is declared in`);
  });

  it('bad input: exit 2 with file and line, nothing written; --out is required', async () => {
    const dir = temp();
    const out = join(dir, 'never.json');
    writeFileSync(join(dir, 'broken.sql'), 'CREATE TABLE a (id text);\n\nCREATE TABLE b (id text,);\n');
    const broken = await cli(['import', join(dir, 'broken.sql'), '--out', out]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.sql:3:1 error: the statement fails: .*syntax error/);
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(dir, 'photo.png'), '\u0089PNG');
    const garbage = await cli(['import', join(dir, 'photo.png'), '--out', out]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('photo.png: not a file the studio imports');
    expect(garbage.stderr).not.toMatch(/\n\s+at /);
    expect((await cli(['import', HISTORY])).stderr).toContain('import needs --out');
    expect((await cli(['import', 'no/such/thing.sql', '--out', out])).stderr).toContain('no such file or folder');
    expect(existsSync(out)).toBe(false);
    const help = await cli(['import', '--help']);
    expect(help.stdout).toMatch(
      /^Usage: molos-schema import <tables\.ts\|module-dir\|file\.sql\|snapshot\.json> --out/,
    );
  });
});

describe('check on existing code', () => {
  it('names each deviation by table, column and index, after the import messages', async () => {
    // A module's convention choices that run fine are warnings, not errors (issue 10): check exits 0.
    const r = await cli(['check', HISTORY]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^warning +user-id-nullable +column MoLOS-Tasks_projects\.user_id: /),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^warning +index-name-prefix +index tasks_user_idx: /));
    expect(lines.at(-1)).toBe('MoLOS-Tasks: 0 errors, 6 warnings, 1 note');
  });

  it('a generated module folder and its tables.ts pass; --module-id applies to the import', async () => {
    const mod = await generatedModule('molos-example', 'legacy');
    const folder = await cli(['check', mod]);
    expect(folder.stdout.trimEnd().split('\n').at(-1)).toBe('MoLOS-Example: 0 errors, 0 warnings, 0 notes');
    expect(folder.code).toBe(0);
    const tables = await cli(['check', join(mod, 'lib/server/db/schema/tables.ts')]);
    expect(tables.code).toBe(0);
    const other = await cli(['check', mod, '--module-id', 'MoLOS-Other']);
    expect(other.stdout.trimEnd().split('\n').at(-1)).toMatch(/^MoLOS-Other: /);
  });

  it('input that cannot be imported exits 2', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'x.sql'), 'CREATE TABLE (;');
    const r = await cli(['check', join(dir, 'x.sql')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.sql:1:1 error');
  });
});
