import { strFromU8, unzipSync } from 'fflate';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '$lib/core/design';
import { addEnumMember, updateColumn } from '$lib/core/operations';
import { generateMergedModuleFiles } from '$lib/generate/module-files';
import { initialMigrationSql } from '$lib/sql/migration-files';
import { EMPTY_FOLDER, nextMigration } from '$lib/sql/next-migration';
import { loadExample } from '../../testing/examples';
import { exportBlocker } from './export-blocker';
import { safeFileStem } from './file-names';
import type { MergeModuleFiles } from './module-plan';
import { CODE_ONLY_WHY, type ZipPlan, moduleZip, planModuleZip } from './module-zip';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });
const zipOf = (design: Design, now = 1000) => planModuleZip(design, { now, SQL, merge });
const paths = (zip: ZipPlan) => (zip.kind === 'refused' ? [] : zip.files.map((f) => f.path).sort());
const text = (zip: ZipPlan, path: string) =>
  zip.kind === 'refused' ? undefined : zip.files.find((f) => f.path === path)?.content;

describe('moduleZip', () => {
  it('puts every file under the module folder', () => {
    const bytes = moduleZip(
      [
        { path: 'manifest.yaml', content: 'id: MoLOS-Example\n' },
        { path: 'drizzle/0000_init.sql', content: 'CREATE TABLE `x` (…);' },
      ],
      'MoLOS-Example',
    );
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual(['MoLOS-Example/drizzle/0000_init.sql', 'MoLOS-Example/manifest.yaml']);
    expect(strFromU8(entries['MoLOS-Example/drizzle/0000_init.sql']!)).toBe('CREATE TABLE `x` (…);');
  });
});

describe('planModuleZip', () => {
  it('gives a design that never saw its module every file with the first migration, and its baseline', async () => {
    const design = loadExample('molos-example');
    const zip = await zipOf(design);
    expect(zip.kind).toBe('module');
    expect(paths(zip)).toEqual([
      'drizzle.config.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
      'lib/models/index.ts',
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
      'manifest.yaml',
    ]);
    expect(text(zip, 'drizzle/0000_init.sql')).toBe(initialMigrationSql(design));
    if (zip.kind !== 'module') return;
    expect(zip.baseline.snapshotId).toBe(nextMigration(design, EMPTY_FOLDER, { now: 1 }).after.id);
    expect(zip.baseline.files?.map((f) => f.path)).toEqual([
      'drizzle.config.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
      'lib/models/index.ts',
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
    ]);
  });

  it('holds the existing migrations untouched plus the next one, and no scaffold file the module has', async () => {
    const first = await zipOf(loadExample('molos-tasks'));
    if (first.kind !== 'module') throw new Error(first.kind);
    const downloaded = { ...loadExample('molos-tasks'), baseline: first.baseline };
    // The author's own code in the models file, as the design last saw it.
    const files = first.baseline.files!.map((f) =>
      f.path === 'src/models/index.ts' ? { ...f, text: `${f.text}\nexport interface Mine {\n  a: string;\n}\n` } : f,
    );
    const edited = addEnumMember(
      { ...downloaded, baseline: { ...first.baseline, files } },
      {
        enumId: 'e_task_status',
        value: 'blocked',
      },
    );
    const second = await zipOf(edited, 2000);
    expect(second.kind).toBe('module');
    expect(paths(second)).toEqual([
      'drizzle/0000_init.sql',
      'drizzle/0001_alter_tasks.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/0001_snapshot.json',
      'drizzle/meta/_journal.json',
      'src/models/index.ts',
      'src/server/db/schema/tables.ts',
    ]);
    expect(text(second, 'drizzle/0000_init.sql')).toBe(text(first, 'drizzle/0000_init.sql'));
    expect(text(second, 'drizzle/meta/0000_snapshot.json')).toBe(text(first, 'drizzle/meta/0000_snapshot.json'));
    const journal = JSON.parse(text(second, 'drizzle/meta/_journal.json') ?? '{}');
    expect(journal.entries.map((e: { tag: string }) => e.tag)).toEqual(['0000_init', '0001_alter_tasks']);
    if (second.kind !== 'module') return;
    // drizzle-kit's rebuild would cascade-delete task_tags under the host: the zip holds the safe variant.
    expect(second.choice?.variant?.kind).toBe('safe');
    expect(text(second, 'drizzle/0001_alter_tasks.sql')).toBe(second.plan.migration?.variants?.safe.sql);
    expect(second.baseline.files?.find((f) => f.path === 'drizzle/0001_alter_tasks.sql')?.text).toBe(
      text(second, 'drizzle/0001_alter_tasks.sql'),
    );
  });

  it('gives a design with a baseline but without its module’s files the code only, never a regenerated 0000', async () => {
    const design = loadExample('molos-example');
    const old = { ...design, baseline: nextMigration(design, EMPTY_FOLDER, { now: 1 }).baseline };
    expect(old.baseline.files).toBeUndefined();
    const zip = await zipOf(old);
    expect(zip.kind).toBe('code-only');
    expect(paths(zip)).toEqual(['lib/models/index.ts', 'lib/server/db/schema/tables.ts']);
    if (zip.kind === 'code-only') expect(zip.why).toBe(CODE_ONLY_WHY);
    expect(CODE_ONLY_WHY).toContain('a regenerated 0000_init would replace one the module has already applied');
  });

  it('is refused, with the reasons, when the plan is', async () => {
    // Two columns with one name: the generated code and SQL would be broken.
    const broken = updateColumn(loadExample('molos-example'), {
      columnId: 'c_items_title',
      patch: { name: 'description' },
    });
    const zip = await zipOf(broken);
    expect(zip.kind).toBe('refused');
    expect(exportBlocker(broken)).not.toBeNull();
    if (zip.kind === 'refused') expect(zip.refusals).toEqual([exportBlocker(broken)]);
  });
});

describe('safeFileStem', () => {
  it('keeps module ids and replaces what a file system may refuse', () => {
    expect(safeFileStem('MoLOS-Example')).toBe('MoLOS-Example');
    expect(safeFileStem('a/b:c')).toBe('a-b-c');
    expect(safeFileStem('..')).toBe('module');
  });
});

describe('the zip of an imported module whose schema file drizzle.config.ts names', () => {
  it('merges into that file and keeps the models file’s own code', async () => {
    const { importModuleFolder } = await import('$lib/import/module-folder/index');
    const { generateModuleFiles } = await import('$lib/generate/module-files');
    const source = loadExample('molos-example');
    const files = await generateModuleFiles({ ...source, module: { ...source.module, layout: 'current' } }, { now: 1 });
    const module = files.map((f) =>
      f.role === 'schema'
        ? { path: 'src/server/database/schema.ts', text: f.content }
        : f.role === 'drizzle-config'
          ? {
              path: f.path,
              text: "export default { schema: './src/server/database/schema.ts', out: './drizzle', dialect: 'sqlite' };\n",
            }
          : f.role === 'models'
            ? { path: f.path, text: `${f.content}\nexport interface Note {\n  id: string;\n}\n` }
            : { path: f.path, text: f.content },
    );
    const imported = await importModuleFolder(module, { loadSqlJs: async () => SQL });
    if (!imported.ok) throw new Error('the module does not import');
    const zip = await zipOf(
      addEnumMember(imported.design, { enumId: Object.keys(imported.design.enums)[0] as string, value: 'later' }),
    );
    expect(zip.kind).toBe('module');
    expect(paths(zip)).not.toContain('src/server/db/schema/tables.ts');
    expect(text(zip, 'src/models/index.ts')).toContain('export interface Note {');
    expect(text(zip, 'src/models/index.ts')).toContain('"later"');
  });
});
