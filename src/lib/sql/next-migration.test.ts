import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { addColumn, addTable, renameTable, updateColumn, deleteColumn } from '../core/operations';
import { loadExample } from '../../testing/examples';
import { parseJournal, parseSnapshot } from './folder-format';
import { EMPTY_FOLDER, type MigrationFolder, migrationSinceBaseline, nextMigration } from './next-migration';

/** The folder after writing a migration's files on top of `folder`. */
function written(folder: MigrationFolder, files: { path: string; content: string }[]): MigrationFolder {
  const next: MigrationFolder = {
    journal: folder.journal,
    snapshots: { ...folder.snapshots },
    sqlFiles: [...folder.sqlFiles],
  };
  for (const f of files) {
    if (f.path === 'drizzle/meta/_journal.json') next.journal = parseJournal(f.path, f.content);
    else if (f.path.startsWith('drizzle/meta/'))
      next.snapshots[f.path.slice('drizzle/meta/'.length)] = parseSnapshot(f.path, f.content);
    else next.sqlFiles.push(f.path.slice('drizzle/'.length));
  }
  return next;
}

/** Exports a design: writes its next migration and records the baseline, as the CLI and the page do. */
function exportDesign(design: Design, folder: MigrationFolder, now: number) {
  const m = nextMigration(design, folder, { now });
  return { m, folder: written(folder, m.files), design: { ...design, baseline: m.baseline } };
}

describe('nextMigration', () => {
  const first = exportDesign(loadExample('molos-tasks'), EMPTY_FOLDER, 1000);

  it('writes 0000_init for an empty folder', () => {
    expect(first.m.kind).toBe('initial');
    expect(first.m.files.map((f) => f.path)).toEqual([
      'drizzle/0000_init.sql',
      'drizzle/meta/0000_snapshot.json',
      'drizzle/meta/_journal.json',
    ]);
  });

  it('writes nothing when nothing changed', () => {
    const again = nextMigration(first.design, first.folder, { now: 2000 });
    expect(again.kind).toBe('unchanged');
    expect(again.files).toEqual([]);
  });

  it('adds a column as the next, descriptively named migration with a later journal entry', () => {
    const d = addColumn(first.design, { tableId: 't_tasks', name: 'estimate', type: 'integer' });
    const m = nextMigration(d, first.folder, { now: 500 });
    expect(m.kind).toBe('next');
    expect(m.tag).toBe('0001_add_tasks_estimate');
    expect(m.sql).toBe('ALTER TABLE `MoLOS-Tasks_tasks` ADD `estimate` integer;');
    const journal = parseJournal('j', m.files[2]?.content ?? '');
    expect(journal.entries.map((e) => [e.idx, e.tag, e.when])).toEqual([
      [0, '0000_init', 1000],
      [1, '0001_add_tasks_estimate', 1001],
    ]);
    const snapshot = parseSnapshot('s', m.files[1]?.content ?? '');
    expect(snapshot.prevId).toBe(first.m.after.id);
    expect(m.files[0]?.path).toMatch(/^drizzle\/\d+_[a-z0-9_]+\.sql$/);
  });

  it('knows renames from stable ids, and records them in the snapshot', () => {
    let d = renameTable(first.design, { tableId: 't_tags', name: 'labels' });
    d = updateColumn(d, { columnId: 'c_tasks_notes', patch: { name: 'body' } });
    const m = nextMigration(d, first.folder, { now: 3000 });
    expect(m.sql.split('--> statement-breakpoint\n').slice(0, 2)).toEqual([
      'ALTER TABLE `MoLOS-Tasks_tags` RENAME TO `MoLOS-Tasks_labels`;',
      'ALTER TABLE `MoLOS-Tasks_tasks` RENAME COLUMN "notes" TO "body";',
    ]);
    expect(m.after._meta).toEqual({
      schemas: {},
      tables: { '"MoLOS-Tasks_tags"': '"MoLOS-Tasks_labels"' },
      columns: { '"MoLOS-Tasks_tasks"."notes"': '"MoLOS-Tasks_tasks"."body"' },
    });
    expect(m.notes).toEqual([]);
  });

  it('without a matching baseline a rename becomes drop + add, with a note', () => {
    const d = updateColumn({ ...first.design, baseline: null }, { columnId: 'c_tasks_notes', patch: { name: 'body' } });
    const m = nextMigration(d, first.folder, { now: 3000 });
    expect(m.sql).toBe(
      'ALTER TABLE `MoLOS-Tasks_tasks` ADD `body` text;--> statement-breakpoint\nALTER TABLE `MoLOS-Tasks_tasks` DROP COLUMN `notes`;',
    );
    expect(m.notes).toHaveLength(1);
  });

  it('chains: each export builds on the last one', () => {
    let state = first;
    state = exportDesign(addTable(state.design, { id: 't_steps', name: 'steps' }), state.folder, 5000);
    expect(state.m.tag).toBe('0001_create_steps');
    state = exportDesign(
      addColumn(state.design, {
        tableId: 't_steps',
        name: 'position',
        type: 'integer',
        notNull: true,
        default: { kind: 'literal', value: 0 },
      }),
      state.folder,
      6000,
    );
    expect(state.m.tag).toBe('0002_add_steps_position');
    state = exportDesign(
      deleteColumn(state.design, {
        columnId: Object.values(state.design.columns).find((c) => c.tableId === 't_steps' && c.name === 'position')
          ?.id as string,
      }),
      state.folder,
      7000,
    );
    expect(state.m.sql).toBe('ALTER TABLE `MoLOS-Tasks_steps` DROP COLUMN `position`;');
    expect(state.folder.journal?.entries.map((e) => e.tag)).toEqual([
      '0000_init',
      '0001_create_steps',
      '0002_add_steps_position',
      '0003_drop_steps_position',
    ]);
  });

  it('refuses to diff against a snapshot older than the migrations, unless they are replayed', () => {
    const d = addColumn(first.design, { tableId: 't_tasks', name: 'estimate', type: 'integer' });
    // A migration the host runs but drizzle/meta has no snapshot of (written by hand).
    const folder = { ...first.folder, sqlFiles: [...first.folder.sqlFiles, '0001_add_tasks_estimate.sql'] };
    expect(() => nextMigration(d, folder, { now: 1 })).toThrow(
      'drizzle/meta: 0001_add_tasks_estimate.sql comes after the last snapshot (0000_snapshot.json), so the schema they leave must be read by replaying the migrations first',
    );
  });

  it('numbers the next migration after every numbered file, journaled or not', () => {
    const d = addColumn(first.design, { tableId: 't_tasks', name: 'estimate', type: 'integer' });
    // As withReplayedHistory gives it: the replayed schema is the design's before the edit, with an older prevId.
    const replayed = {
      snapshot: { ...first.m.after, id: 'replayed', prevId: first.m.after.id },
      uniqueConstraints: [],
      migrations: ['0001_by_hand.sql'],
      lastSnapshot: '0000_snapshot.json',
    };
    const folder = { ...first.folder, sqlFiles: [...first.folder.sqlFiles, '0001_by_hand.sql'], replayed };
    const m = nextMigration(d, folder, { now: 1 });
    expect(m.tag).toBe('0002_add_tasks_estimate');
    expect(m.files.map((f) => f.path)).toEqual([
      'drizzle/0002_add_tasks_estimate.sql',
      'drizzle/meta/0002_snapshot.json',
      'drizzle/meta/_journal.json',
    ]);
    // The new snapshot chains to the last one on disk, not to the replayed schema, which is nowhere on disk.
    expect(m.after.prevId).toBe(first.m.after.id);
    expect(m.sql).toBe('ALTER TABLE `MoLOS-Tasks_tasks` ADD `estimate` integer;');
  });

  it('keeps the renames of a baseline made for the last real snapshot when migrations by hand follow it', () => {
    // Exported by the studio (baseline = 0000's snapshot), then 0001 written by hand; the design renames a column.
    const d = updateColumn(first.design, { columnId: 'c_tasks_notes', patch: { name: 'details' } });
    const replayed = {
      snapshot: { ...first.m.after, id: 'replayed', prevId: first.m.after.id },
      uniqueConstraints: [],
      migrations: ['0001_by_hand.sql'],
      lastSnapshot: '0000_snapshot.json',
    };
    const folder = { ...first.folder, sqlFiles: [...first.folder.sqlFiles, '0001_by_hand.sql'], replayed };
    const m = nextMigration(d, folder, { now: 1 });
    expect(m.sql).toBe('ALTER TABLE `MoLOS-Tasks_tasks` RENAME COLUMN "notes" TO "details";');
    expect(m.notes.filter((n) => n.includes('drop + create'))).toEqual([]);
    // A column the hand-written migration renamed already is not renamed twice.
    const renamedByHand = structuredClone(replayed);
    const tasks = renamedByHand.snapshot.tables['MoLOS-Tasks_tasks'];
    if (!tasks?.columns.notes) throw new Error('no notes column');
    tasks.columns.details = { ...tasks.columns.notes, name: 'details' };
    delete tasks.columns.notes;
    expect(nextMigration(d, { ...folder, replayed: renamedByHand }, { now: 1 }).kind).toBe('unchanged');
  });
});

describe('migrationSinceBaseline', () => {
  it('is null before the first export, and shows the pending change after one', () => {
    const design = loadExample('molos-tasks');
    expect(migrationSinceBaseline(design)).toBeNull();
    const exported = { ...design, baseline: nextMigration(design, EMPTY_FOLDER, { now: 1 }).baseline };
    expect(migrationSinceBaseline(exported)?.kind).toBe('unchanged');
    const edited = addColumn(exported, { tableId: 't_tasks', name: 'estimate', type: 'integer' });
    expect(migrationSinceBaseline(edited)?.sql).toBe('ALTER TABLE `MoLOS-Tasks_tasks` ADD `estimate` integer;');
  });

  it('ignores a stored snapshot that is not one', () => {
    const design = loadExample('molos-tasks');
    const broken = { ...design, baseline: { snapshotId: 'x', tables: {}, columns: {}, snapshot: { tables: 'nope' } } };
    expect(migrationSinceBaseline(broken)).toBeNull();
  });
});
