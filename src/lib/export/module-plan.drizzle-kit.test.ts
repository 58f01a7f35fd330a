/**
 * Modules whose migrations go past their last snapshot (written by hand): imported, then written back with the
 * one write path. The next migration starts from the schema the migrations build, so an unchanged module gets no
 * migration, an edit gets exactly that change — and afterwards the real drizzle-kit, run in the folder, finds
 * nothing to do (its last snapshot is the studio's, and it chains to the last real one).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Design, fullTableName } from '../core/design';
import { addColumn, updateColumn } from '../core/operations';
import { generateMergedModuleFiles, generateModuleFiles } from '../generate/module-files';
import { importModuleFolder } from '../import/module-folder/index';
import { parseSnapshot } from '../sql/folder-format';
import { applyMigrations } from '../sql/host-runner';
import { EMPTY_SNAPSHOT_ID } from '../sql/snapshot-types';
import { REPO, drizzleKitGenerate, removeDir, tempDir, writeFiles, writeModule } from '../../testing/module-folder';
import { memoryFolder } from './module-folder';
import { type MergeModuleFiles, planModuleWrite, writeModulePlan } from './module-plan';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });

/** A fixture module folder, as path → text. */
function fixture(name: string): Record<string, string> {
  const root = join(REPO, 'fixtures/verify', name);
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

async function imported(files: Record<string, string>): Promise<Design> {
  const outcome = await importModuleFolder(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { loadSqlJs: () => Promise.resolve(SQL) },
  );
  if (!outcome.ok) throw new Error(outcome.messages.map((m) => m.message).join('\n'));
  return outcome.design;
}

function columnId(design: Design, table: string, column: string): string {
  const t = Object.values(design.tables).find((x) => fullTableName(design, x) === table);
  const id = t?.columnIds.find((c) => design.columns[c]?.name === column);
  if (!t || !id) throw new Error(`no column ${table}.${column} in the design`);
  return id;
}

const tableId = (design: Design, table: string) =>
  Object.values(design.tables).find((x) => fullTableName(design, x) === table)?.id as string;

const plan = (design: Design, folder: ReturnType<typeof memoryFolder>, now: number) =>
  planModuleWrite({ design, folder, now, SQL, merge });

/** Writes the folder to disk with the studio's tables.ts for `design`, runs drizzle-kit, returns its output. */
async function drizzleKitOn(folder: ReturnType<typeof memoryFolder>, design: Design): Promise<string> {
  const dir = tempDir('past-snapshot-dk');
  dirs.push(dir);
  writeFiles(
    dir,
    [...folder.files].map(([path, content]) => ({ path, content })),
  );
  // drizzle-kit reads the schema the design describes (as the studio prints it), with the host's stand-ins.
  const files = await generateModuleFiles(design, { skipMigration: true });
  writeModule(dir, files, design.module.id, design.module.layout, false);
  return drizzleKitGenerate(dir);
}

describe.each([
  ['0001 and 0002 without snapshots', (files: Record<string, string>) => files],
  [
    'no snapshot at all',
    (files: Record<string, string>) => {
      const { 'drizzle/meta/0000_snapshot.json': _dropped, ...rest } = files;
      return rest;
    },
  ],
])('a module whose migrations go past its last snapshot (fixtures/verify/past-last-snapshot, %s)', (_, variant) => {
  const files = () => variant(fixture('past-last-snapshot'));

  it('writes back with no new migration right after the import', async () => {
    const folder = memoryFolder('MoLOS-Reading', files());
    const design = await imported(files());
    const p = await plan(design, folder, 5000);
    expect(p.refusals).toEqual([]);
    expect(p.migration?.migration.kind).toBe('unchanged');
    expect(p.migrationFiles).toEqual([]);
    const before = new Map(folder.files);
    const outcome = await writeModulePlan(folder, p, 'auto');
    for (const [path, text] of before) if (path.startsWith('drizzle/')) expect(folder.files.get(path), path).toBe(text);
    expect([...folder.files.keys()].filter((path) => path.startsWith('drizzle/'))).toEqual(
      [...before.keys()].filter((path) => path.startsWith('drizzle/')),
    );
    // The baseline names the replayed schema, so the next plan (page or CLI) knows renames.
    expect(outcome.baseline.snapshotId).toBe(design.baseline?.snapshotId);
  });

  it('writes exactly one edit, chained to the last real snapshot, and drizzle-kit then finds nothing to do', async () => {
    const folder = memoryFolder('MoLOS-Reading', files());
    const design = await imported(files());
    const edited = addColumn(design, {
      tableId: tableId(design, 'MoLOS-Reading_quotes'),
      name: 'chapter',
      type: 'text',
    });
    const p = await plan(edited, folder, 5000);
    expect(p.refusals).toEqual([]);
    const m = p.migration?.migration;
    expect(m?.tag).toBe('0003_add_quotes_chapter');
    expect(m?.sql).toBe('ALTER TABLE `MoLOS-Reading_quotes` ADD `chapter` text;');
    const real = files()['drizzle/meta/0000_snapshot.json'];
    expect(m?.after.prevId).toBe(real ? parseSnapshot('s', real).id : EMPTY_SNAPSHOT_ID);
    const outcome = await writeModulePlan(folder, p, 'auto');
    expect(outcome.choice?.variant?.kind).toBe('exact');
    expect(folder.files.get('drizzle/0003_add_quotes_chapter.sql')).toBe(m?.sql);

    // The host applies the whole history with the new file; the studio's snapshot is drizzle-kit's baseline now.
    const history = [...folder.files]
      .filter(([path]) => /^drizzle\/[^/]+\.sql$/.test(path))
      .map(([path, sql]) => ({ name: path.slice('drizzle/'.length), sql }));
    const run = applyMigrations(SQL, history);
    run.db.close();
    expect(run.files.map((f) => `${f.name} ${f.status}`)).toEqual([
      '0000_init.sql applied',
      '0001_add_books_rating.sql applied',
      '0002_add_quotes.sql applied',
      '0003_add_quotes_chapter.sql applied',
    ]);
    const log = await drizzleKitOn(folder, edited);
    expect(log).toContain('No schema changes, nothing to migrate');
  });

  it('keeps renames: a column added by hand is renamed, not dropped and added', async () => {
    const folder = memoryFolder('MoLOS-Reading', files());
    const design = await imported(files());
    const renamed = updateColumn(design, {
      columnId: columnId(design, 'MoLOS-Reading_books', 'rating'),
      patch: { name: 'stars' },
    });
    const p = await plan(renamed, folder, 5000);
    expect(p.migration?.migration.sql).toBe('ALTER TABLE `MoLOS-Reading_books` RENAME COLUMN "rating" TO "stars";');
    expect(p.migration?.migration.notes.filter((n) => n.includes('renamed'))).toEqual([]);
  });
});

describe('a stray JSON file in drizzle/meta (fixtures/verify/stray-meta)', () => {
  it('is left out: the module writes back, and an edit is written with a note about drizzle-kit', async () => {
    const folder = memoryFolder('MoLOS-Shelf', fixture('stray-meta'));
    const design = await imported(fixture('stray-meta'));
    const same = await plan(design, folder, 5000);
    expect(same.refusals).toEqual([]);
    expect(same.migration?.migration.kind).toBe('unchanged');
    const edited = addColumn(design, {
      tableId: tableId(design, 'MoLOS-Shelf_shelves'),
      name: 'color',
      type: 'text',
    });
    const p = await plan(edited, folder, 5000);
    expect(p.refusals).toEqual([]);
    expect(p.migration?.migration.sql).toBe('ALTER TABLE `MoLOS-Shelf_shelves` ADD `color` text;');
    expect(p.migration?.migration.notes).toEqual([
      'drizzle/meta/0001.json is left out: it has no snapshot "id" and "tables", so it is not a drizzle-kit snapshot. The host never reads drizzle/meta, but drizzle-kit generate reads every file there whose name does not start with "_" as a snapshot, and stops on this one',
    ]);
  });

  it('a damaged real snapshot is still refused', async () => {
    const files = fixture('stray-meta');
    files['drizzle/meta/0000_snapshot.json'] = '{"version": "6", "dialect": "sqlite"}';
    const p = await plan(await imported(fixture('stray-meta')), memoryFolder('MoLOS-Shelf', files), 5000);
    expect(p.refusals).toEqual(['MoLOS-Shelf/drizzle/meta/0000_snapshot.json: $.id: missing (this field is required)']);
  });
});
