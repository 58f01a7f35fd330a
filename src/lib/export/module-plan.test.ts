import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '$lib/core/design';
import { addColumn, addEnumMember, connectTables, renameTable, setModule, updateColumn } from '$lib/core/operations';
import { generateMergedModuleFiles } from '$lib/generate/module-files';
import { initialMigrationSql } from '$lib/sql/migration-files';
import { loadExample } from '../../testing/examples';
import { exportBlocker } from './export-blocker';
import type { VariantRequest } from './migration-plan';
import { type FileWrite, memoryFolder } from './module-folder';
import { type MergeModuleFiles, planModuleWrite, resolveWrite, writeModulePlan } from './module-plan';
import { planView } from './write-view';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });
type Folder = ReturnType<typeof memoryFolder>;

const plan = (design: Design, folder: Folder, extra: { merge?: MergeModuleFiles; now?: number } = {}) =>
  planModuleWrite({ design, folder, now: extra.now ?? 1000, SQL, merge: extra.merge ?? merge });

/** Plans and writes, and returns the design with its new baseline, as the page and the CLI do. */
async function exportInto(folder: Folder, design: Design, request: VariantRequest = 'auto', now = 1000) {
  const p = await plan(design, folder, { now });
  const outcome = await writeModulePlan(folder, p, request);
  return { plan: p, outcome, design: { ...design, baseline: outcome.baseline } };
}

const snapshotOf = (folder: Folder) => new Map(folder.files);
const actions = (files: readonly { path: string; action: string }[]) => files.map((f) => `${f.action} ${f.path}`);

describe('planModuleWrite + writeModulePlan', () => {
  it('writes every file and the first migration into an empty folder, the journal last, in one writeAll', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const calls: FileWrite[][] = [];
    const writeAll = folder.writeAll;
    folder.writeAll = async (files) => {
      calls.push([...files]);
      await writeAll(files);
    };
    const design = loadExample('molos-example');
    const { plan: p, outcome } = await exportInto(folder, design);
    expect(p.refusals).toEqual([]);
    expect(outcome.choice?.variant?.kind).toBe('exact');
    expect(outcome.choice?.reason).toBe('because it has no host error and loses or changes no rows in the dry run');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((f) => f.path)).toEqual([
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'lib/server/db/schema/tables.ts',
      'lib/server/db/schema/index.ts',
      'lib/models/index.ts',
      'drizzle.config.ts',
      'manifest.yaml',
      'drizzle/meta/_journal.json',
    ]);
    expect(folder.files.get('drizzle/0000_init.sql')).toBe(initialMigrationSql(design));
    // Each new file's diff is the whole file, added.
    const tables = outcome.files.find((f) => f.path === 'lib/server/db/schema/tables.ts')!;
    const lines = tables.content.trimEnd().split('\n');
    expect(tables.diff).toBe(
      [
        '--- /dev/null',
        '+++ b/lib/server/db/schema/tables.ts',
        `@@ -0,0 +1,${lines.length} @@`,
        ...lines.map((l) => `+${l}`),
        '',
      ].join('\n'),
    );
  });

  it('records the baseline with the module’s drizzle files and code as written, never the manifest', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const { outcome } = await exportInto(folder, loadExample('molos-example'));
    expect(outcome.baseline.files?.map((f) => f.path)).toEqual([
      'drizzle.config.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
      'lib/models/index.ts',
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
    ]);
    for (const f of outcome.baseline.files ?? []) expect(f.text, f.path).toBe(folder.files.get(f.path));
  });

  it('adds the next migration with a diff of the journal, and never touches an existing migration', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    const init = folder.files.get('drizzle/0000_init.sql');
    const renamed = renameTable(first.design, { tableId: 't_items', name: 'things' });
    const second = await exportInto(folder, renamed, 'auto', 2000);
    const tag = second.plan.migration?.migration.tag;
    expect(tag).toBe('0001_rename_items_to_things');
    expect(actions(second.outcome.files.filter((f) => f.path.startsWith('drizzle/')))).toEqual([
      `create drizzle/${tag}.sql`,
      'create drizzle/meta/0001_snapshot.json',
      'update drizzle/meta/_journal.json',
    ]);
    expect(folder.files.get(`drizzle/${tag}.sql`)).toContain('RENAME TO `MoLOS-Example_things`');
    expect(folder.files.get('drizzle/0000_init.sql')).toBe(init);
    const journal = second.outcome.files.find((f) => f.path === 'drizzle/meta/_journal.json');
    expect(journal?.diff).toContain(`+      "tag": "${tag}",`);
    expect(journal?.diff).toMatch(
      /^--- a\/drizzle\/meta\/_journal\.json\n\+\+\+ b\/drizzle\/meta\/_journal\.json\n@@ /,
    );
  });

  it('never rewrites a scaffold file that exists, whatever the merge returns', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    folder.files.set('manifest.yaml', 'id: MoLOS-Example\nname: Mine\n');
    folder.files.set('lib/server/db/schema/index.ts', '// mine\n');
    const careless: MergeModuleFiles = async (d, layout, existing) => {
      const merged = await merge(d, layout, existing);
      return { ...merged, files: merged.files.map((f) => ({ ...f, content: `${f.content}// regenerated\n` })) };
    };
    const p = await plan(first.design, folder, { merge: careless });
    const set = resolveWrite(p, 'auto');
    expect(set.files.filter((f) => f.action === 'keep').map((f) => f.path)).toEqual([
      'lib/server/db/schema/index.ts',
      'drizzle.config.ts',
      'manifest.yaml',
    ]);
    await writeModulePlan(folder, p, 'auto');
    expect(folder.files.get('manifest.yaml')).toBe('id: MoLOS-Example\nname: Mine\n');
    expect(folder.files.get('lib/server/db/schema/index.ts')).toBe('// mine\n');
    expect(folder.files.get('lib/models/index.ts')).toMatch(/\/\/ regenerated\n$/);
  });

  it('writes no migration and nothing at all when nothing changed', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    const before = snapshotOf(folder);
    const again = await exportInto(folder, first.design, 'auto', 3000);
    expect(again.plan.migration?.migration.kind).toBe('unchanged');
    expect(again.plan.migration?.variants).toBeNull();
    expect(new Set(again.outcome.files.map((f) => f.action))).toEqual(new Set(['unchanged', 'keep']));
    expect(folder.files).toEqual(before);
  });
});

describe('the migration variant', () => {
  /** MoLOS-Tasks exported once, then a new enum member: drizzle-kit rebuilds tasks, which cascades to task_tags. */
  async function hazard() {
    const folder = memoryFolder('MoLOS-Tasks');
    const first = await exportInto(folder, loadExample('molos-tasks'));
    const edited = addEnumMember(first.design, { enumId: 'e_task_status', value: 'blocked' });
    return { folder, edited, plan: await plan(edited, folder, { now: 2000 }) };
  }

  it('is the MoLOS-safe variant by default when drizzle-kit’s SQL loses rows, and it loses none', async () => {
    const { folder, plan: p } = await hazard();
    const exact = p.migration!.variants!.exact;
    expect(exact.findings.some((f) => f.code === 'rebuild-cascade' && f.severity === 'error')).toBe(true);
    expect(exact.dryRun.rows.tables.find((t) => t.table === 'MoLOS-Tasks_task_tags')?.lost).toBe(3);
    const outcome = await writeModulePlan(folder, p, 'auto');
    const safe = p.migration!.variants!.safe;
    expect(outcome.choice?.variant?.kind).toBe('safe');
    expect(outcome.choice?.reason).toMatch(
      /^because drizzle-kit’s SQL loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run/,
    );
    expect(safe.dryRun.ok).toBe(true);
    expect(safe.dryRun.rows.lost).toBe(0);
    expect(safe.dryRun.rows.changed).toBe(0);
    expect(safe.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(folder.files.get('drizzle/0001_alter_tasks.sql')).toBe(safe.sql);
  });

  it('is drizzle-kit’s bytes with --exact, its cost stated', async () => {
    const { folder, plan: p } = await hazard();
    const outcome = await writeModulePlan(folder, p, 'exact');
    expect(folder.files.get('drizzle/0001_alter_tasks.sql')).toBe(p.migration!.migration.sql);
    expect(outcome.choice?.reason).toBe('as asked');
    expect(outcome.choice?.consequences).toContain('loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run');
  });

  it('is never one that fails in the dry run, even when asked for', async () => {
    const folder = memoryFolder('MoLOS-Tasks');
    const first = await exportInto(folder, loadExample('molos-tasks'));
    // ADD … REFERENCES to a hyphenated table: drizzle-kit's SQL is a syntax error; the safe variant quotes it.
    const edited = connectTables(first.design, {
      fromTableId: 't_daily_log',
      toTableId: 't_projects',
      name: 'project_id',
      onDelete: 'cascade',
    });
    const p = await plan(edited, folder, { now: 2000 });
    const before = snapshotOf(folder);
    const exact = resolveWrite(p, 'exact');
    expect(exact.refusals).toEqual([
      'drizzle/0001_add_daily_log_project_id.sql (drizzle-kit’s exact SQL): it fails in the dry run: near "-": syntax error',
    ]);
    await expect(writeModulePlan(folder, p, 'exact')).rejects.toThrow('Nothing was written:');
    expect(folder.files).toEqual(before);
    const outcome = await writeModulePlan(folder, p, 'auto');
    expect(outcome.choice?.variant?.kind).toBe('safe');
    expect(outcome.choice?.reason).toMatch(/drizzle-kit’s SQL fails in the dry run: near "-": syntax error/);
  });
});

describe('refusals', () => {
  it('says every reason and writes nothing', async () => {
    const folder = memoryFolder('MoLOS-Example', {
      'manifest.yaml': 'id: MoLOS-Other\n',
      'drizzle/meta/_journal.json': '{"version":"7","dialect":"pg","entries":[]}',
      'lib/models/index.ts': 'export interface Mine { a: string }\n',
    });
    const before = snapshotOf(folder);
    // Two columns with one name: the generated code and SQL would be broken.
    const broken = updateColumn(loadExample('molos-example'), {
      columnId: 'c_items_title',
      patch: { name: 'description' },
    });
    const p = await plan(broken, folder);
    const set = resolveWrite(p, 'auto');
    expect(set.refusals).toHaveLength(3);
    expect(exportBlocker(broken)).not.toBeNull();
    expect(set.refusals[0]).toBe(exportBlocker(broken));
    expect(set.refusals[1]).toBe(
      'MoLOS-Example/manifest.yaml belongs to module "MoLOS-Other", but this design is "MoLOS-Example". Pick the folder of "MoLOS-Example" (or an empty one).',
    );
    expect(set.refusals[2]).toBe('MoLOS-Example/drizzle/meta/_journal.json: $.dialect: expected "sqlite", got "pg"');
    // The code is planned all the same, so the user sees what the write would have done.
    expect(set.files.find((f) => f.path === 'lib/models/index.ts')?.action).toBe('update');
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow(
      `Nothing was written:\n${exportBlocker(broken)}\n`,
    );
    expect(folder.files).toEqual(before);
  });

  it('refuses a history that fails under the host, and a snapshot in the way', async () => {
    // The host runs a migration without a snapshot; one that fails leaves the schema unknown.
    const folder = memoryFolder('MoLOS-Example', { 'drizzle/0000_init.sql': 'old' });
    const p = await plan(loadExample('molos-example'), folder);
    expect(p.refusals).toEqual([
      'MoLOS-Example/drizzle/0000_init.sql: fails under the host (near "old": syntax error), so the schema the migrations leave is not known',
    ]);
    const other = memoryFolder('MoLOS-Example');
    const first = await exportInto(other, loadExample('molos-example'));
    other.files.set('drizzle/meta/0001_snapshot.json', other.files.get('drizzle/meta/0000_snapshot.json') ?? '');
    const next = await plan(addColumn(first.design, { tableId: 't_items', name: 'rank', type: 'integer' }), other);
    // A snapshot the journal does not list means the journal lost an entry: refused before any migration is planned.
    expect(next.refusals).toEqual([
      'MoLOS-Example/drizzle/meta/0001_snapshot.json is the snapshot of migration 0001, which drizzle/meta/_journal.json does not list: drizzle-kit writes the two together, so the journal lost its entry. Restore the entry (e.g. from version control) or remove the snapshot.',
    ]);
    expect(next.migration).toBeNull();
  });

  it('checks again right before writing', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const p = await plan(loadExample('molos-example'), folder);
    folder.files.set('drizzle/0000_init.sql', 'written meanwhile');
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow(
      'MoLOS-Example/drizzle/0000_init.sql appeared since the plan was made; nothing was written. Plan again.',
    );
    expect([...folder.files.keys()]).toEqual(['drizzle/0000_init.sql']);
  });

  it('refuses when the merge fails, naming why', async () => {
    const failing: MergeModuleFiles = async () => {
      throw new Error('lib/models/index.ts:3: cannot parse');
    };
    const p = await plan(loadExample('molos-example'), memoryFolder('MoLOS-Example'), { merge: failing });
    expect(p.refusals).toEqual([
      "The module's code could not be generated and merged into the existing files: lib/models/index.ts:3: cannot parse",
    ]);
  });
});

describe('nothing is dropped that the design never knew', () => {
  it('a new design written into an existing module is refused, naming the tables it would drop', async () => {
    const folder = memoryFolder('MoLOS-Tasks');
    const tasks = loadExample('molos-tasks');
    await exportInto(folder, tasks);
    const before = snapshotOf(folder);
    // A design of the same module made apart from it: it has one table and no baseline.
    const apart: Design = {
      ...tasks,
      baseline: null,
      tables: { t_tags: tasks.tables.t_tags as Design['tables'][string] },
      relations: {},
      indexes: Object.fromEntries(Object.entries(tasks.indexes).filter(([, i]) => i.tableId === 't_tags')),
      columns: Object.fromEntries(Object.entries(tasks.columns).filter(([, c]) => c.tableId === 't_tags')),
    };
    const p = await plan(apart, folder);
    expect(p.refusals.join('\n')).toMatch(
      /^The migration would drop MoLOS-Tasks_.*which this design never knew: the module got them after the design last saw it/m,
    );
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow(/never knew/);
    expect(snapshotOf(folder)).toEqual(before);
  });

  it('a column a teammate renamed by hand since the design last saw the module is not dropped', async () => {
    const folder = memoryFolder('MoLOS-Tasks');
    const { design } = await exportInto(folder, loadExample('molos-tasks'));
    // The teammate’s migration and code: projects.name is now projects.label.
    folder.files.set(
      'drizzle/0001_rename_project_name.sql',
      'ALTER TABLE `MoLOS-Tasks_projects` RENAME COLUMN `name` TO `label`;',
    );
    const schema = 'src/server/db/schema/tables.ts';
    folder.files.set(
      schema,
      (folder.files.get(schema) as string).replace('name: text("name")', 'label: text("label")'),
    );
    const before = snapshotOf(folder);
    const stale = updateColumn(design, { columnId: 'c_tasks_title', patch: { comment: 'What to do.' } });
    const p = await plan(stale, folder);
    expect(p.refusals.join('\n')).toContain(
      'The migration would drop MoLOS-Tasks_projects.label, which this design never knew',
    );
    expect(snapshotOf(folder)).toEqual(before);
  });

  it('a table deleted in the studio is dropped: the design knew it', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const { design } = await exportInto(folder, loadExample('molos-example'));
    const { deleteTable } = await import('$lib/core/operations');
    const p = await plan(deleteTable(design, { tableId: 't_items' }), folder);
    expect(p.refusals).toEqual([]);
    expect(p.migration?.migration.sql).toContain('DROP TABLE `MoLOS-Example_items`;');
  });
});

describe('a plan waits for the user', () => {
  it('writes nothing when a file it would replace changed since the plan (an edit in the author’s editor)', async () => {
    const folder = memoryFolder('MoLOS-Tasks');
    const { design } = await exportInto(folder, loadExample('molos-tasks'));
    const p = await plan(addColumn(design, { tableId: 't_tags', name: 'rank', type: 'integer' }), folder);
    const schema = 'src/server/db/schema/tables.ts';
    folder.files.set(schema, `${folder.files.get(schema)}\n// the author's edit\n`);
    const before = snapshotOf(folder);
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow(
      'MoLOS-Tasks/src/server/db/schema/tables.ts changed since the plan was made; nothing was written. Plan again.',
    );
    expect(snapshotOf(folder)).toEqual(before);
  });
});

describe('a module whose code and migrations already differ (fixtures/verify/drift)', () => {
  async function driftModule() {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const root = join(import.meta.dirname, '../../../fixtures/verify/drift');
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else files[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
      }
    };
    walk(root);
    const { importModuleFolder } = await import('$lib/import/module-folder/index');
    const imported = await importModuleFolder(
      Object.entries(files).map(([path, text]) => ({ path, text })),
      { loadSqlJs: async () => SQL },
    );
    if (!imported.ok) throw new Error('the fixture does not import');
    return { folder: memoryFolder('MoLOS-Drift', files), design: imported.design };
  }

  it('unchanged, writes no migration', async () => {
    const { folder, design } = await driftModule();
    const p = await plan(design, folder);
    expect(p.refusals).toEqual([]);
    expect(p.migration?.migration.kind).toBe('unchanged');
    expect(p.migration?.migration.drift?.join('\n')).toContain('members.notes: NOT NULL → nullable');
  });

  it('a change that rebuilds a drifted table keeps what only the database has, and the snapshot records it', async () => {
    const { folder, design } = await driftModule();
    const members = Object.values(design.tables).find((t) => t.name === 'members');
    // A new column with a non-constant default: SQLite cannot add it in place, so the table is rebuilt.
    const edited = addColumn(design, {
      tableId: members!.id,
      name: 'seen_at',
      type: 'integer',
      notNull: true,
      default: { kind: 'sql', sql: "(strftime('%s','now'))" },
    });
    const p = await plan(edited, folder);
    expect(p.refusals).toEqual([]);
    const set = resolveWrite(p, 'auto');
    expect(set.refusals).toEqual([]);
    const sql = set.choice?.variant?.sql ?? '';
    expect(sql).toContain('CREATE TABLE `__new_MoLOS-Drift_members`');
    // The database's NOT NULL, DEFAULT and CHECK, which tables.ts does not declare, survive the rebuild.
    expect(sql).toContain('`notes` text NOT NULL,');
    expect(sql).toContain("`role` text CHECK(role IN ('user', 'admin')) DEFAULT 'user' NOT NULL,");
    expect(set.choice?.variant?.dryRun.drift).toEqual([]);
    const snapshot = JSON.parse(p.migrationFiles.find((f) => f.role === 'snapshot')?.content ?? '{}');
    expect(snapshot.tables['MoLOS-Drift_members'].columns.notes.notNull).toBe(true);
    expect(snapshot.tables['MoLOS-Drift_members'].columns.seen_at.notNull).toBe(true);
  });
});

describe('the page plans as the CLI does (issue 14)', () => {
  // issue 14: the page's write dialog uses this plan: a journal missing its last entry is refused there too
  it('refuses a journal that lost its last entry, and plans no migration', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    const second = await exportInto(
      folder,
      addColumn(first.design, { tableId: 't_items', name: 'rank', type: 'integer' }),
    );
    const journal = JSON.parse(folder.files.get('drizzle/meta/_journal.json') ?? '{}');
    journal.entries.pop();
    folder.files.set('drizzle/meta/_journal.json', JSON.stringify(journal, null, 2));
    const before = snapshotOf(folder);
    const p = await plan(addColumn(second.design, { tableId: 't_items', name: 'weight', type: 'integer' }), folder);
    expect(p.refusals).toEqual([
      'MoLOS-Example/drizzle/meta/0001_snapshot.json is the snapshot of migration 0001, which drizzle/meta/_journal.json does not list: drizzle-kit writes the two together, so the journal lost its entry. Restore the entry (e.g. from version control) or remove the snapshot.',
    ]);
    expect(p.migration).toBeNull();
    expect(planView(p).byRequest.auto.refusals).toEqual(p.refusals);
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow('Nothing was written:');
    expect(folder.files).toEqual(before);
  });

  // issue 14: a folder where a file must be is refused on the page too (the memory and browser folders)
  it('refuses a folder named like a migration, as the CLI does', async () => {
    const folder = memoryFolder('MoLOS-Example', { 'drizzle/0000_init.sql/readme.txt': 'a folder' });
    const p = await plan(loadExample('molos-example'), folder);
    expect(p.refusals).toEqual([
      'MoLOS-Example/drizzle/0000_init.sql: it is a folder, not a file: the host runs every drizzle/*.sql file as a migration, and cannot read a folder',
    ]);
  });

  // issue 14: a file under drizzle/ where the plan would write (one that appeared while the folder was read) is
  // refused by name: nothing under drizzle/ but the journal is ever written over
  it('refuses a planned migration file that already exists', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    const readText = folder.readText;
    folder.readText = async (path) => {
      // The last file the migration reader reads: a teammate's migration lands right after it.
      if (path === 'drizzle/0000_init.sql') folder.files.set('drizzle/0001_add_items_rank.sql', 'meanwhile');
      return readText(path);
    };
    const p = await plan(addColumn(first.design, { tableId: 't_items', name: 'rank', type: 'integer' }), folder);
    expect(p.migration?.migration.tag).toBe('0001_add_items_rank');
    expect(p.refusals).toEqual([
      'MoLOS-Example/drizzle/0001_add_items_rank.sql already exists; an existing migration is never rewritten.',
    ]);
  });

  // issue 14: a renamed module id is said in the write dialog's notes, since manifest.yaml is never rewritten
  it('warns in the write dialog when the module id changed and no manifest says otherwise', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, loadExample('molos-example'));
    folder.files.delete('manifest.yaml');
    const p = await plan(setModule(first.design, { id: 'MoLOS-Renamed' }), folder);
    expect(p.refusals).toEqual([]);
    expect(planView(p).mergeNotes).toContain(
      'manifest.yaml: The design\'s module id changed from "MoLOS-Example" (its last export) to "MoLOS-Renamed", so every table would get the prefix "MoLOS-Renamed_" (the migration renames them). ' +
        'The studio never rewrites an existing manifest.yaml: where the module\'s manifest.yaml still says id: MoLOS-Example, change it to "MoLOS-Renamed" by hand, ' +
        'or the host loads the module as "MoLOS-Example" while its tables are named for "MoLOS-Renamed".',
    );
    // With the old id still in manifest.yaml, the write is refused, naming both ids.
    folder.files.set('manifest.yaml', 'id: MoLOS-Example\n');
    const refused = await plan(setModule(first.design, { id: 'MoLOS-Renamed' }), folder);
    expect(refused.refusals).toHaveLength(1);
    expect(refused.refusals[0]).toMatch(
      /^The design's module id changed from "MoLOS-Example" \(its last export\) to "MoLOS-Renamed".*MoLOS-Example\/manifest\.yaml still says id: MoLOS-Example.*change its id in manifest\.yaml to "MoLOS-Renamed" by hand/,
    );
  });
});
