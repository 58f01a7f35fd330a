import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Design, LAYOUTS } from '../../core/design';
import { loadDesign, serializeDesign } from '../../core/format';
import { type GeneratedFile, generateModuleFiles } from '../../generate/module-files';
import { type MigrationFolder, migrationSinceBaseline, nextMigration } from '../../sql/next-migration';
import { withReplayedHistory } from '../../sql/replay-history';
import type { Snapshot } from '../../sql/snapshot-types';
import { importFiles, importKind } from '../import-files';
import type { ImportMessage, ImportOutcome, SourceFile } from '../types';
import { IMPORT_FIXTURES } from '../../../../fixtures/import/load';
import { configSchemaPaths, importModuleFolder, relativeToRoot } from './index';
import { readModuleConfig } from './module-config';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});
const load = () => Promise.resolve(SQL);

function example(name: string): Design {
  const r = loadDesign(readFileSync(`static/examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`bad example ${name}`);
  return { ...r.design, baseline: null };
}

function ok(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.messages.map((m) => `${m.file}:${m.line} ${m.message}`).join('\n'));
  return outcome;
}

const asSources = (files: GeneratedFile[], prefix = ''): SourceFile[] =>
  files.map((f) => ({ path: `${prefix}${f.path}`, text: f.content }));

function folderOf(files: GeneratedFile[]): MigrationFolder {
  const snapshots: MigrationFolder['snapshots'] = {};
  for (const f of files.filter((x) => x.role === 'snapshot'))
    snapshots[f.path.slice('drizzle/meta/'.length)] = JSON.parse(f.content);
  const journal = files.find((f) => f.role === 'journal');
  return {
    journal: journal ? JSON.parse(journal.content) : null,
    snapshots,
    sqlFiles: files.filter((f) => f.role === 'migration').map((f) => f.path.slice('drizzle/'.length)),
  };
}

describe('a folder written by the generator', () => {
  for (const name of ['molos-example', 'molos-tasks']) {
    for (const layout of LAYOUTS) {
      it(`${name} (${layout}): imports with its module id, layout and a baseline that makes the next migration empty`, async () => {
        const source = example(name);
        const files = await generateModuleFiles(source, { layout });
        const out = ok(await importModuleFolder(asSources(files, 'MoLOS-Module/'), { loadSqlJs: load }));
        expect(out.design.module).toMatchObject({ id: source.module.id, layout, name: source.module.name });
        expect(Object.keys(out.design.tables)).toHaveLength(Object.keys(source.tables).length);
        expect(out.messages.filter((m) => m.code === 'code-and-history-differ')).toEqual([]);
        const next = nextMigration(out.design, folderOf(files), { now: 1 });
        expect(next.kind).toBe('unchanged');
        expect(next.sql).toBe('');
      });
    }
  }

  it('a change after the import is the only thing in the next migration', async () => {
    const files = await generateModuleFiles(example('molos-tasks'));
    const { design } = ok(await importModuleFolder(asSources(files), { loadSqlJs: load }));
    const mood = Object.values(design.columns).find((c) => c.name === 'mood');
    if (!mood) throw new Error('no mood column');
    const renamed: Design = { ...design, columns: { ...design.columns, [mood.id]: { ...mood, name: 'rating' } } };
    const next = nextMigration(renamed, folderOf(files), { now: 1 });
    expect(next.sql).toBe('ALTER TABLE `MoLOS-Tasks_daily_log` RENAME COLUMN "mood" TO "rating";');
  });
});

describe('finding the parts of a module', () => {
  it('takes the schema path from drizzle.config.ts when it is in neither layout', async () => {
    const files = await generateModuleFiles(example('molos-example'), { layout: 'legacy' });
    const moved = asSources(files)
      .filter((f) => f.path !== 'drizzle.config.ts')
      .map((f) =>
        f.path.startsWith('lib/server/db/schema/') ? { ...f, path: f.path.replace('lib/server/db/', 'db/') } : f,
      );
    moved.push({
      path: 'drizzle.config.ts',
      text: "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ schema: './db/schema/index.ts', out: './drizzle', dialect: 'sqlite' });\n",
    });
    const out = ok(await importModuleFolder(moved, { loadSqlJs: load }));
    expect(out.messages).toContainEqual(
      expect.objectContaining({ code: 'schema-from-config', file: 'drizzle.config.ts' }),
    );
    expect(Object.keys(out.design.tables)).toHaveLength(1);
    expect(configSchemaPaths('schema: [\'./a/tables.ts\', "./b.ts"]')).toEqual(['a/tables.ts', 'b.ts']);
  });

  it('a broken manifest.yaml is reported with its line and the id comes from the table prefix', async () => {
    const files = asSources(await generateModuleFiles(example('molos-tasks'))).map((f) =>
      f.path === 'manifest.yaml' ? { ...f, text: 'id: MoLOS-Tasks\nname: [unclosed\n' } : f,
    );
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    const m = out.messages.find((x) => x.code === 'manifest');
    expect(m).toMatchObject({ file: 'manifest.yaml', severity: 'warning' });
    expect(m?.line).toBeGreaterThan(1);
    expect(out.design.module.id).toBe('MoLOS-Tasks');
  });

  it('without a schema file, the last snapshot is the schema; without anything, a clear error', async () => {
    const files = asSources(await generateModuleFiles(example('molos-tasks'))).filter((f) => !f.path.endsWith('.ts'));
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    expect(out.messages[0]).toMatchObject({
      code: 'no-schema-file',
      kept: expect.stringContaining('0000_snapshot.json'),
    });
    expect(Object.keys(out.design.tables)).toHaveLength(5);
    const none = await importModuleFolder([{ path: 'MoLOS-X/README.md', text: '# x' }], { loadSqlJs: load });
    expect(none.ok).toBe(false);
    expect(none.messages[0]?.message).toContain('does not look like a MoLOS module');
  });

  it('a module whose id changed since its last migration: the next migration renames its tables', async () => {
    const files = asSources(await generateModuleFiles(example('molos-example'))).filter((f) => !f.path.endsWith('.ts'));
    const renamed = files.map((f) => (f.path === 'manifest.yaml' ? { ...f, text: 'id: MoLOS-Renamed\n' } : f));
    const out = ok(await importModuleFolder(renamed, { loadSqlJs: load }));
    expect(out.design.module.id).toBe('MoLOS-Renamed');
    const next = nextMigration(out.design, folderOf(await generateModuleFiles(example('molos-example'))), { now: 5 });
    expect(next.sql).toContain('ALTER TABLE `MoLOS-Example_items` RENAME TO `MoLOS-Renamed_items`');
    expect(next.sql).not.toContain('DROP TABLE');
  });

  it('reads migrations the way the host does: only files directly in drizzle/', async () => {
    // No schema file and no snapshot: the schema comes from the migrations, so a stray one would add a table.
    const files = asSources(await generateModuleFiles(example('molos-example'))).filter(
      (f) => !f.path.endsWith('.ts') && !f.path.endsWith('_snapshot.json'),
    );
    const stray = { path: 'drizzle/backup/0001_old.sql', text: 'CREATE TABLE `MoLOS-Example_old` (`id` text);' };
    const out = ok(await importModuleFolder([...files, stray], { loadSqlJs: load }));
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['items']);
    expect(out.messages.map((m) => m.file)).not.toContain(stray.path);
  });

  it('the picked folder name is removed from the paths; dependencies are never read', () => {
    expect(
      relativeToRoot([
        { path: 'picked/MoLOS-X/manifest.yaml', text: '' },
        { path: 'picked/MoLOS-X/lib/a.ts', text: '' },
      ]).map((f) => f.path),
    ).toEqual(['manifest.yaml', 'lib/a.ts']);
    expect(importKind([{ path: 'MoLOS-X/node_modules/manifest.yaml', text: '' }])).toEqual({
      error: expect.stringContaining('not a file the studio imports'),
    });
  });
});

describe('importFiles decides what the files are', () => {
  it('by name and content', async () => {
    expect(importKind([{ path: 'a.sql', text: '' }])).toEqual({ kind: 'sql' });
    expect(importKind([{ path: 'drizzle/meta/0001_snapshot.json', text: '' }])).toEqual({ kind: 'snapshot' });
    expect(importKind([{ path: 'schema.ts', text: '' }])).toEqual({ kind: 'tables-ts' });
    expect(importKind([{ path: 'M/lib/server/db/schema/tables.ts', text: '' }])).toEqual({ kind: 'module-folder' });
    expect(importKind([{ path: 'photo.png', text: '' }])).toEqual({ error: expect.stringContaining('photo.png') });
    const garbage = await importFiles([{ path: 'photo.png', text: '\u0000\u0001' }], { loadSqlJs: load });
    expect(garbage).toMatchObject({ ok: false, messages: [{ code: 'unknown-input', file: 'photo.png' }] });
  });
});

/** Every file of an import fixture folder, by path relative to it. */
function fixtureFolder(name: string): SourceFile[] {
  const dir = join(IMPORT_FIXTURES, name);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort()
    .map((p) => ({ path: p.replace(/\\/g, '/'), text: readFileSync(join(dir, p), 'utf8') }));
}

describe('the module name and description', () => {
  it('come from src/config.ts when there is no manifest.yaml', async () => {
    const out = ok(await importModuleFolder(fixtureFolder('q19-module-config'), { loadSqlJs: load }));
    expect(out.design.module).toEqual({
      id: 'MoLOS-QCouncil',
      name: 'Q Council',
      description: 'Asks several models the same question, then merges their answers.',
      layout: 'current',
    });
    expect(out.messages).toEqual([]);
  });

  it('manifest.yaml wins where it has a value; differing ids are reported at the config line', async () => {
    const files = [
      ...fixtureFolder('q19-module-config'),
      { path: 'manifest.yaml', text: 'id: MoLOS-QCouncil2\nname: Council from the manifest\n' },
    ];
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    expect(out.design.module).toMatchObject({
      id: 'MoLOS-QCouncil2',
      name: 'Council from the manifest',
      description: 'Asks several models the same question, then merges their answers.',
    });
    expect(out.messages[0]).toMatchObject({
      severity: 'warning',
      code: 'module-id-conflict',
      file: 'src/config.ts',
      line: 7,
      kept: '"MoLOS-QCouncil2" from manifest.yaml',
    });
  });

  it('reads the config in its usual forms, never running it', () => {
    const read = (text: string) => {
      const messages: ImportMessage[] = [];
      return { values: readModuleConfig({ path: 'src/config.ts', text }, messages), messages };
    };
    expect(read("export default { id: 'MoLOS-A', name: `A`, description: 'The A module' };").values).toEqual({
      id: 'MoLOS-A',
      name: 'A',
      description: 'The A module',
      idLine: 1,
    });
    expect(
      read(
        'import type { ModuleConfig } from "$lib/config/types";\nexport const moduleConfig: ModuleConfig = {\n  icon: X,\n  name: "B",\n  id: "MoLOS-B",\n};\n',
      ).values,
    ).toEqual({ id: 'MoLOS-B', name: 'B', idLine: 5 });
    expect(read('export const config = defineModule({ name: "C" } as const);').values).toEqual({ name: 'C' });
    expect(
      read('export const routes = { home: "/" };\nexport const settings = { id: "MoLOS-D", name: "D" };').values,
    ).toEqual({ id: 'MoLOS-D', name: 'D', idLine: 2 });
    // Computed values are not read (nothing runs).
    expect(read('export default { id: prefix + "E", name: t("name") };').values).toEqual({});
    const broken = read('export default { id: "MoLOS-F", ');
    expect(broken.values).toEqual({});
    expect(broken.messages).toMatchObject([{ code: 'module-config', file: 'src/config.ts', severity: 'warning' }]);
  });
});

describe('files a module folder import reads and keeps', () => {
  it('the models file brings the files it re-exports, also outside the models folder', async () => {
    const files = await generateModuleFiles(example('molos-example'), { layout: 'legacy' });
    const sources = asSources(files).map((f) =>
      f.path === 'lib/models/index.ts' ? { ...f, text: `${f.text}export * from "../shared/kinds";\n` } : f,
    );
    sources.push({ path: 'lib/shared/kinds.ts', text: 'export const Colour = { RED: "red" } as const;\n' });
    const out = ok(await importModuleFolder(sources, { loadSqlJs: load }));
    expect(Object.values(out.design.enums).map((e) => e.name)).toContain('Colour');
    expect(out.messages.filter((m) => m.code === 'reexport-not-found')).toEqual([]);
  });

  it('the baseline keeps the migrations and the code under the schema and models folders', async () => {
    const files = await generateModuleFiles(example('molos-tasks'), { layout: 'legacy' });
    const sources = [
      ...asSources(files, 'MoLOS-Tasks/'),
      { path: 'MoLOS-Tasks/lib/models/types.ts', text: 'export interface TaskRow { id: string }\n' },
      { path: 'MoLOS-Tasks/lib/models/forms/inputs.ts', text: 'export type CreateTaskInput = { title: string };\n' },
      { path: 'MoLOS-Tasks/lib/routes/+page.ts', text: 'export const load = () => ({});\n' },
      { path: 'MoLOS-Tasks/drizzle/backup/0000_old.sql', text: 'SELECT 1;' },
      { path: 'MoLOS-Tasks/drizzle/meta/../../lib/evil.ts', text: 'x' },
    ];
    const { design } = ok(await importModuleFolder(sources, { loadSqlJs: load }));
    const kept = design.baseline?.files ?? [];
    expect(kept.map((f) => f.path)).toEqual([
      'drizzle.config.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
      'lib/models/forms/inputs.ts',
      'lib/models/index.ts',
      'lib/models/types.ts',
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
    ]);
    const byPath = new Map(sources.map((f) => [f.path.slice('MoLOS-Tasks/'.length), f.text]));
    for (const f of kept) expect(f.text, f.path).toBe(byPath.get(f.path));
    // The design file holds them and loads back with them.
    const again = loadDesign(serializeDesign(design));
    expect(again.ok && again.design.baseline?.files).toEqual(kept);
  });

  it('a module without a snapshot gets the schema its migrations build as its baseline', async () => {
    const generated = await generateModuleFiles(example('molos-example'));
    const files = asSources(generated).filter((f) => !f.path.endsWith('_snapshot.json'));
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    expect(out.messages.filter((m) => m.code === 'replayed-history').map((m) => m.message)).toEqual([
      '0000_init.sql comes without a snapshot: the baseline is the schema the migrations build, replayed as the host runs them',
    ]);
    expect(out.design.baseline?.files?.map((f) => f.path)).toContain('drizzle/0000_init.sql');
    // Nothing changed since the migrations: the next migration (after 0000) is empty.
    const folder = folderOf(generated.filter((f) => f.role !== 'snapshot'));
    const replayed = withReplayedHistory(SQL, folder, [
      { name: '0000_init.sql', sql: files.find((f) => f.path === 'drizzle/0000_init.sql')?.text ?? '' },
    ]);
    expect(nextMigration(out.design, replayed, { now: 1 }).kind).toBe('unchanged');
  });
});

/** A module folder under fixtures/verify/, as import sources. */
function verifyFixture(name: string): SourceFile[] {
  const root = join('fixtures/verify', name);
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: full.slice(root.length + 1), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out;
}

/** The folder's migrations as the host gets them, with the schema they build (as the write path reads them). */
function replayedFolder(files: SourceFile[]): MigrationFolder {
  const folder: MigrationFolder = { journal: null, snapshots: {}, sqlFiles: [] };
  for (const f of files) {
    if (f.path === 'drizzle/meta/_journal.json') folder.journal = JSON.parse(f.text);
    else if (/^drizzle\/meta\/\d+_snapshot\.json$/.test(f.path))
      folder.snapshots[f.path.slice(13)] = JSON.parse(f.text);
    else if (/^drizzle\/[^/]+\.sql$/.test(f.path)) folder.sqlFiles.push(f.path.slice(8));
  }
  const history = files
    .filter((f) => /^drizzle\/[^/]+\.sql$/.test(f.path))
    .map((f) => ({ name: f.path.slice(8), sql: f.text }));
  return withReplayedHistory(SQL, folder, history);
}

describe('a module whose migrations go past its last snapshot (fixtures/verify/past-last-snapshot)', () => {
  it('gets the schema its migrations build as its baseline: nothing is pending', async () => {
    const files = verifyFixture('past-last-snapshot');
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    expect(
      out.messages.filter((m) => m.severity !== 'info' || m.code === 'replayed-history').map((m) => m.message),
    ).toContain(
      '0001_add_books_rating.sql, 0002_add_quotes.sql come after the last snapshot (drizzle/meta/0000_snapshot.json): the baseline is the schema the migrations build, replayed as the host runs them',
    );
    expect(out.messages.filter((m) => m.code === 'code-and-history-differ' || m.code === 'drizzle-meta')).toEqual([]);
    const folder = replayedFolder(files);
    expect(out.design.baseline?.snapshotId).toBe(folder.replayed?.snapshot.id);
    expect(nextMigration(out.design, folder, { now: 1 }).kind).toBe('unchanged');
    // The stored snapshot is the schema in the design's spelling: the page's preview shows nothing pending either.
    expect(migrationSinceBaseline(out.design)?.kind).toBe('unchanged');
  });

  it('says what the pending changes are when tables.ts goes further than the migrations', async () => {
    const files = verifyFixture('past-last-snapshot').map((f) =>
      f.path.endsWith('schema/tables.ts')
        ? {
            ...f,
            text: f.text
              .replace('author: text("author"),', 'author: text("author").notNull().default(""),')
              .replace('page: integer("page"),', 'page: integer("page"),\n    chapter: text("chapter"),'),
          }
        : f.path === 'lib/models/index.ts'
          ? { ...f, text: f.text.replace('NOTE: "note",', 'NOTE: "note",\n  IDEA: "idea",') }
          : f,
    );
    const out = ok(await importModuleFolder(files, { loadSqlJs: load }));
    expect(out.messages.filter((m) => m.code === 'code-and-history-differ')).toEqual([
      {
        severity: 'warning',
        code: 'code-and-history-differ',
        file: 'lib/server/db/schema/tables.ts',
        line: 0,
        column: 0,
        message:
          "the module's code and its migrations already differ; bringing the database to the code would mean: books.author: nullable → NOT NULL, no default → DEFAULT '' — rebuilds books; " +
          "quotes.kind: allowed values 'quote', 'note' → 'quote', 'note', 'idea' — rebuilds quotes. " +
          'Writing this design back leaves them as they are; "generate --reconcile" (on the page: "Also bring the database to the code") writes them into the next migration, and "molos-schema verify" lists them',
      },
    ]);
    // What the code has and the database lacks (the new column) is added by the next write all the same.
    expect(out.messages.find((m) => m.code === 'pending-changes')?.message).toMatch(
      /^the code has what its migrations never built: the next migration \(\S+\) will hold quotes\.chapter: added \(text\)/,
    );
    // The baseline is where the next write starts: the code as it is, less what it adds.
    const next = nextMigration(
      out.design,
      { ...replayedFolder(files), code: out.design.baseline?.snapshot as Snapshot },
      { now: 1 },
    );
    expect(next.sql).toMatch(/^ALTER TABLE `MoLOS-\w+_quotes` ADD `chapter` text;$/);
  });
});

describe('a stray JSON file in drizzle/meta (fixtures/verify/stray-meta)', () => {
  it('is left out with a note: the host never reads it, drizzle-kit stops on it', async () => {
    const out = ok(await importModuleFolder(verifyFixture('stray-meta'), { loadSqlJs: load }));
    expect(out.messages.filter((m) => m.file.startsWith('drizzle/'))).toEqual([
      {
        severity: 'info',
        code: 'drizzle-meta-ignored',
        file: 'drizzle/meta/0001.json',
        line: 0,
        column: 0,
        message:
          'not a snapshot: it has no snapshot "id" and "tables", so it is not a drizzle-kit snapshot. The host never reads drizzle/meta; drizzle-kit generate reads every file there whose name does not start with "_" as a snapshot and stops on this one',
        kept: 'nothing: the file is left out',
      },
    ]);
    expect(out.design.baseline?.snapshotId).toBe(
      JSON.parse(verifyFixture('stray-meta').find((f) => f.path === 'drizzle/meta/0000_snapshot.json')?.text ?? '{}')
        .id,
    );
  });
});
