import { describe, expect, it } from 'vitest';
import { migrationStatements } from './diff/index';
import { type ReplayedHistory, migrationsPastSnapshot, spellLikeDesign } from './replayed-schema';
import { EMPTY_SNAPSHOT, type Snapshot, type SnapshotTable } from './snapshot-types';

describe('migrationsPastSnapshot', () => {
  const files = ['0000_init.sql', '0002_more.sql', '0001_by_hand.sql', 'notes.sql', '0003_x.down.sql'];

  it('lists the files the host runs numbered after the snapshot, in its order', () => {
    expect(migrationsPastSnapshot('0000_snapshot.json', files)).toEqual(['0001_by_hand.sql', '0002_more.sql']);
    expect(migrationsPastSnapshot('0002_snapshot.json', files)).toEqual([]);
  });

  it('lists them all without a snapshot, and none after a snapshot whose name has no number', () => {
    expect(migrationsPastSnapshot(null, files)).toEqual(['0000_init.sql', '0001_by_hand.sql', '0002_more.sql']);
    expect(migrationsPastSnapshot('baseline_snapshot.json', files)).toEqual([]);
  });
});

const table = (name: string, extra: Partial<SnapshotTable>): SnapshotTable => ({
  name,
  columns: {},
  indexes: {},
  foreignKeys: {},
  compositePrimaryKeys: {},
  uniqueConstraints: {},
  checkConstraints: {},
  ...extra,
});

const snapshot = (tables: SnapshotTable[]): Snapshot => ({
  ...EMPTY_SNAPSHOT,
  id: 'x',
  prevId: 'p',
  tables: Object.fromEntries(tables.map((t) => [t.name, t])),
});

/** What a database read back gives for a hand-written `items` and `lists` (see replay-history.ts). */
const DATABASE = snapshot([
  table('lists', {
    columns: { id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false } },
  }),
  table('items', {
    columns: {
      id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false },
      list_id: { name: 'list_id', type: 'TEXT', primaryKey: false, notNull: true, autoincrement: false },
      state: {
        name: 'state',
        type: "text CHECK(state IN ('done', 'open'))",
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "'open'",
      },
      created_at: {
        name: 'created_at',
        type: 'INTEGER',
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "(strftime('%s', 'now'))",
      },
      archived: {
        name: 'archived',
        type: 'integer',
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: 0,
      },
      note: { name: 'note', type: 'varchar(20)', primaryKey: false, notNull: false, autoincrement: false },
    },
    foreignKeys: {
      fk_by_hand: {
        name: 'fk_by_hand',
        tableFrom: 'items',
        tableTo: 'lists',
        columnsFrom: ['list_id'],
        columnsTo: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    },
  }),
]);

/** The design's snapshot of the same schema, spelled as drizzle-kit spells it — and one real change (note). */
const DESIGN = snapshot([
  table('lists', {
    columns: { id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false } },
  }),
  table('items', {
    columns: {
      id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false },
      list_id: { name: 'list_id', type: 'text', primaryKey: false, notNull: true, autoincrement: false },
      state: {
        name: 'state',
        type: "text CHECK(state IN ('open', 'done'))",
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "'open'",
      },
      created_at: {
        name: 'created_at',
        type: 'integer',
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "(strftime('%s','now'))",
      },
      archived: {
        name: 'archived',
        type: 'integer',
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: false,
      },
      note: { name: 'note', type: 'integer', primaryKey: false, notNull: false, autoincrement: false },
      code: { name: 'code', type: 'text', primaryKey: false, notNull: false, autoincrement: false },
    },
    indexes: { items_code_unique: { name: 'items_code_unique', columns: ['code'], isUnique: true } },
    foreignKeys: {
      items_list_id_lists_id_fk: {
        name: 'items_list_id_lists_id_fk',
        tableFrom: 'items',
        tableTo: 'lists',
        columnsFrom: ['list_id'],
        columnsTo: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    },
  }),
]);

const replayed = (over: Partial<ReplayedHistory> = {}): ReplayedHistory => ({
  snapshot: DATABASE,
  uniqueConstraints: [],
  migrations: ['0001_by_hand.sql'],
  lastSnapshot: '0000_snapshot.json',
  ...over,
});

describe('spellLikeDesign', () => {
  const none = { tables: [], columns: [] };

  it('gives what means the same the design’s spelling, so the differ writes only the real change', () => {
    const before = spellLikeDesign(replayed(), DESIGN, none);
    const items = before.tables.items;
    expect(items?.columns.list_id?.type).toBe('text');
    expect(items?.columns.state?.type).toBe("text CHECK(state IN ('open', 'done'))");
    expect(items?.columns.created_at).toMatchObject({ type: 'integer', default: "(strftime('%s','now'))" });
    expect(items?.columns.archived?.default).toBe(false);
    // A real change keeps the database's spelling: varchar → integer is another affinity.
    expect(items?.columns.note?.type).toBe('varchar(20)');
    expect(Object.keys(items?.foreignKeys ?? {})).toEqual(['items_list_id_lists_id_fk']);
    expect(migrationStatements(before, DESIGN).sql).toEqual([
      'PRAGMA foreign_keys=OFF;',
      expect.stringContaining('CREATE TABLE `__new_items`'),
      expect.stringContaining('INSERT INTO `__new_items`'),
      'DROP TABLE `items`;',
      'ALTER TABLE `__new_items` RENAME TO `items`;',
      'PRAGMA foreign_keys=ON;',
      'CREATE UNIQUE INDEX `items_code_unique` ON `items` (`code`);',
    ]);
    // Without the spelling, every spelling difference would be a change too (and the foreign key dropped + added).
    expect(DATABASE.tables.items?.columns.list_id?.type).toBe('TEXT');
  });

  it('leaves the replayed snapshot itself alone', () => {
    const copy = structuredClone(DATABASE);
    spellLikeDesign(replayed(), DESIGN, none);
    expect(DATABASE).toEqual(copy);
  });

  it('takes a UNIQUE constraint for the design’s unique index on the same columns, and nothing else for one', () => {
    const withCode = structuredClone(DATABASE);
    const items = withCode.tables.items as SnapshotTable;
    items.columns.code = { name: 'code', type: 'text', primaryKey: false, notNull: false, autoincrement: false };
    items.columns.note = { name: 'note', type: 'integer', primaryKey: false, notNull: false, autoincrement: false };
    const before = spellLikeDesign(
      replayed({
        snapshot: withCode,
        uniqueConstraints: [
          { table: 'items', columns: ['code'] },
          { table: 'items', columns: ['note'] },
        ],
      }),
      DESIGN,
      none,
    );
    expect(before.tables.items?.indexes).toEqual({
      items_code_unique: { name: 'items_code_unique', columns: ['code'], isUnique: true },
    });
    expect(migrationStatements(before, DESIGN).sql).toEqual([]);
  });

  it('matches what the design renamed through the renames', () => {
    const renamed = structuredClone(DESIGN);
    const items = renamed.tables.items as SnapshotTable;
    // Only the rename: note as the database has it, no code column.
    items.columns.note = { name: 'note', type: 'varchar(20)', primaryKey: false, notNull: false, autoincrement: false };
    delete items.columns.code;
    items.indexes = {};
    items.columns.made_at = { ...(items.columns.created_at as SnapshotTable['columns'][string]), name: 'made_at' };
    delete items.columns.created_at;
    const renames = { tables: [], columns: [{ table: 'items', from: 'created_at', to: 'made_at' }] };
    const before = spellLikeDesign(replayed(), renamed, renames);
    expect(before.tables.items?.columns.created_at).toMatchObject({
      type: 'integer',
      default: "(strftime('%s','now'))",
    });
    // The rename alone: no drop and add, no rebuild for a spelling.
    expect(migrationStatements(before, renamed, renames).sql).toEqual([
      'ALTER TABLE `items` RENAME COLUMN "created_at" TO "made_at";',
    ]);
  });
});
