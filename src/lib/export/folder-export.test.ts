import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '$lib/core/design';
import { loadDesign } from '$lib/core/format';
import { applyOperation } from '$lib/core/operations';
import { type GeneratedFile, generateModuleFiles } from '$lib/generate/module-files';
import { MigrationFolderError } from '$lib/sql/folder-format';
import { initialMigrationSql } from '$lib/sql/migration-files';
import { ExportError, chooseModuleFolder, exportBlocker, planFolderExport, writeFolderExport } from './folder-export';
import { memoryFolder } from './module-folder';

function example(): Design {
  const r = loadDesign(readFileSync('static/examples/molos-example.json', 'utf8'));
  if (!r.ok) throw new Error('the example does not load');
  return r.design;
}

let design: Design;
let code: GeneratedFile[];
beforeAll(async () => {
  design = example();
  code = await generateModuleFiles(design, { skipMigration: true });
});

/** Exports into a folder and returns the design with its new baseline, as the page does. */
async function exportInto(folder: ReturnType<typeof memoryFolder>, d: Design, safe = false) {
  const plan = await planFolderExport(d, folder, await generateModuleFiles(d, { skipMigration: true }), { now: 1000 });
  const written = await writeFolderExport(folder, plan, { safe });
  return { plan, written, design: { ...d, baseline: plan.migration.baseline } };
}

describe('planFolderExport + writeFolderExport', () => {
  it('writes every file and the first migration into an empty folder', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const { plan, written } = await exportInto(folder, design);
    expect(plan.migration.kind).toBe('initial');
    expect(written.map((w) => `${w.action} ${w.path}`)).toEqual([
      'create drizzle/0000_init.sql',
      'create drizzle/meta/0000_snapshot.json',
      'create drizzle/meta/_journal.json',
      ...code.map((f) => `create ${f.path}`),
    ]);
    expect(folder.files.get('drizzle/0000_init.sql')).toBe(initialMigrationSql(design));
    expect(folder.files.get('lib/server/db/schema/tables.ts')).toBe(code[0]?.content);
    expect(plan.plain?.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('adds the next migration, keeps the author’s files and never touches an existing migration', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, design);
    folder.files.set('manifest.yaml', 'id: MoLOS-Example\nname: Mine\n');
    const init = folder.files.get('drizzle/0000_init.sql');
    const renamed = applyOperation(first.design, { op: 'renameTable', args: { tableId: 't_items', name: 'things' } });

    const second = await exportInto(folder, renamed);
    expect(second.plan.migration.kind).toBe('next');
    expect(second.written.filter((w) => w.path.startsWith('drizzle/')).map((w) => `${w.action} ${w.path}`)).toEqual([
      `create drizzle/${second.plan.migration.tag}.sql`,
      'create drizzle/meta/0001_snapshot.json',
      'update drizzle/meta/_journal.json',
    ]);
    // The design knew the old name from its baseline, so this is a rename, not drop + create.
    expect(second.plan.migration.sql).toContain('RENAME TO `MoLOS-Example_things`');
    expect(second.written).toContainEqual({ path: 'manifest.yaml', action: 'keep' });
    expect(folder.files.get('manifest.yaml')).toBe('id: MoLOS-Example\nname: Mine\n');
    expect(folder.files.get('drizzle/0000_init.sql')).toBe(init);
    expect(JSON.parse(folder.files.get('drizzle/meta/_journal.json') ?? '').entries).toHaveLength(2);
  });

  it('writes no migration and leaves equal files alone when nothing changed', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, design);
    const again = await exportInto(folder, first.design);
    expect(again.plan.migration.kind).toBe('unchanged');
    expect(again.plan.plain).toBeNull();
    expect(new Set(again.written.map((w) => w.action))).toEqual(new Set(['unchanged', 'keep']));
  });

  it('writes the MoLOS-safe variant when asked, with its own findings', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const first = await exportInto(folder, design);
    const changed = applyOperation(first.design, {
      op: 'updateColumn',
      args: { columnId: 'c_items_description', patch: { notNull: true, default: { kind: 'literal', value: '' } } },
    });
    const { plan } = await exportInto(folder, changed, true);
    expect(plan.safe?.sql).not.toBe(plan.plain?.sql);
    expect(plan.safe?.differences.length).toBeGreaterThan(0);
    expect(folder.files.get(`drizzle/${plan.migration.tag}.sql`)).toBe(plan.safe?.sql);
  });

  it('refuses a folder that already holds the migration it would write', async () => {
    const folder = memoryFolder('MoLOS-Example', { 'drizzle/0000_init.sql': 'old' });
    await expect(planFolderExport(design, folder, code, { now: 1 })).rejects.toThrow(MigrationFolderError);
    expect(folder.files.get('drizzle/0000_init.sql')).toBe('old');
  });

  it('checks again right before writing the migration', async () => {
    const folder = memoryFolder('MoLOS-Example');
    const plan = await planFolderExport(design, folder, code, { now: 1 });
    folder.files.set('drizzle/0000_init.sql', 'written meanwhile');
    await expect(writeFolderExport(folder, plan, { safe: false })).rejects.toThrow(
      'MoLOS-Example/drizzle/0000_init.sql already exists; an existing migration is never rewritten.',
    );
    expect(folder.files.get('drizzle/0000_init.sql')).toBe('written meanwhile');
  });

  it('names the file and JSON path of a damaged journal', async () => {
    const folder = memoryFolder('MoLOS-Example', { 'drizzle/meta/_journal.json': '{"version":"7","dialect":"pg"}' });
    await expect(planFolderExport(design, folder, code, { now: 1 })).rejects.toThrow(
      'drizzle/meta/_journal.json: $.dialect: expected "sqlite", got "pg"',
    );
  });

  it('refuses the folder of another module', async () => {
    const folder = memoryFolder('MoLOS-Tasks', { 'manifest.yaml': 'id: MoLOS-Tasks\n' });
    await expect(planFolderExport(design, folder, code, { now: 1 })).rejects.toThrow(ExportError);
    await expect(planFolderExport(design, folder, code, { now: 1 })).rejects.toThrow(
      'MoLOS-Tasks/manifest.yaml belongs to module "MoLOS-Tasks", but this design is "MoLOS-Example".',
    );
  });
});

describe('chooseModuleFolder', () => {
  it('writes into the picked folder when it is the module, or empty', async () => {
    expect((await chooseModuleFolder(memoryFolder('MoLOS-Example', { 'x.txt': '' }), 'MoLOS-Example')).name).toBe(
      'MoLOS-Example',
    );
    expect((await chooseModuleFolder(memoryFolder('new'), 'MoLOS-Example')).name).toBe('new');
    expect((await chooseModuleFolder(memoryFolder('repo', { 'manifest.yaml': '' }), 'MoLOS-Example')).name).toBe(
      'repo',
    );
  });

  it('writes into the module’s folder inside a parent folder', async () => {
    const parent = memoryFolder('external_modules', { 'MoLOS-Tasks/manifest.yaml': 'id: MoLOS-Tasks\n' });
    const chosen = await chooseModuleFolder(parent, 'MoLOS-Example');
    expect(chosen.name).toBe('external_modules/MoLOS-Example');
    await chosen.writeText('manifest.yaml', 'id: MoLOS-Example\n');
    expect(parent.files.get('MoLOS-Example/manifest.yaml')).toBe('id: MoLOS-Example\n');
  });
});

describe('exportBlocker', () => {
  it('stops a design that breaks a MoLOS rule', () => {
    expect(exportBlocker(design)).toBeNull();
    const broken = applyOperation(design, { op: 'deleteColumn', args: { columnId: 'c_items_user_id' } });
    expect(exportBlocker(broken)).toMatch(/^The design breaks 1 MoLOS rule, so nothing was exported\./);
  });
});
