import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../testing/examples';
import { createStatements, joinStatements } from './create-sql';
import { migrationStatements } from './diff/index';
import { MigrationFolderError } from './folder-format';
import type { MigrationFile } from './host-files';
import { applyMigrations } from './host-runner';
import { EMPTY_FOLDER, type MigrationFolder, nextMigration } from './next-migration';
import { databaseSnapshot, storedDefault, withReplayedHistory } from './replay-history';
import { compareSchemas, readSchema } from './schema-report';
import { EMPTY_SNAPSHOT_ID } from './snapshot-types';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** A hand-written table in the spellings real modules use. */
const HAND_WRITTEN = `CREATE TABLE IF NOT EXISTS "MoLOS-X_lists" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "title" TEXT NOT NULL
);
--> statement-breakpoint
CREATE TABLE "MoLOS-X_items" (
  "id" TEXT PRIMARY KEY,
  "list_id" INTEGER NOT NULL REFERENCES "MoLOS-X_lists"("id") ON DELETE CASCADE,
  "state" TEXT CHECK ("state" IN ('open', 'done')) DEFAULT 'open' NOT NULL,
  "code" VARCHAR(12) UNIQUE,
  "weight" REAL DEFAULT -1.5,
  "done" BOOLEAN DEFAULT false NOT NULL,
  "created_at" INTEGER DEFAULT (strftime('%s', 'now')) NOT NULL,
  "stamp" TEXT DEFAULT CURRENT_TIMESTAMP
);
--> statement-breakpoint
CREATE INDEX "items_open" ON "MoLOS-X_items" ("list_id") WHERE "state" = 'open';
--> statement-breakpoint
CREATE TABLE "MoLOS-X_tags" ("item_id" TEXT NOT NULL, "tag" TEXT NOT NULL, PRIMARY KEY ("item_id", "tag"));`;

function snapshotOf(sql: string) {
  const run = applyMigrations(SQL, [{ name: '0000_x.sql', sql }]);
  try {
    expect(run.ok).toBe(true);
    return databaseSnapshot(run.db, { id: 'i', prevId: 'p' });
  } finally {
    run.db.close();
  }
}

describe('databaseSnapshot', () => {
  it('reads a database back as drizzle-kit holds a schema, in the spelling SQLite keeps', () => {
    const { snapshot, uniqueConstraints } = snapshotOf(HAND_WRITTEN);
    expect(Object.keys(snapshot.tables)).toEqual(['MoLOS-X_items', 'MoLOS-X_lists', 'MoLOS-X_tags']);
    const items = snapshot.tables['MoLOS-X_items'];
    expect(items?.columns).toEqual({
      // A primary key is NOT NULL in drizzle's model (SQLite's text key alone would allow NULL).
      id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false },
      list_id: { name: 'list_id', type: 'integer', primaryKey: false, notNull: true, autoincrement: false },
      state: {
        name: 'state',
        type: "text CHECK(state IN ('open', 'done'))",
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "'open'",
      },
      code: { name: 'code', type: 'varchar(12)', primaryKey: false, notNull: false, autoincrement: false },
      weight: { name: 'weight', type: 'real', primaryKey: false, notNull: false, autoincrement: false, default: -1.5 },
      done: { name: 'done', type: 'boolean', primaryKey: false, notNull: true, autoincrement: false, default: false },
      // PRAGMA drops the parentheses an expression default needs; they are put back.
      created_at: {
        name: 'created_at',
        type: 'integer',
        primaryKey: false,
        notNull: true,
        autoincrement: false,
        default: "(strftime('%s', 'now'))",
      },
      stamp: {
        name: 'stamp',
        type: 'text',
        primaryKey: false,
        notNull: false,
        autoincrement: false,
        default: 'CURRENT_TIMESTAMP',
      },
    });
    expect(items?.indexes).toEqual({
      items_open: { name: 'items_open', columns: ['list_id'], isUnique: false, where: `"state" = 'open'` },
    });
    expect(uniqueConstraints).toEqual([{ table: 'MoLOS-X_items', columns: ['code'] }]);
    expect(items?.foreignKeys).toEqual({
      'MoLOS-X_items_list_id_MoLOS-X_lists_id_fk': {
        name: 'MoLOS-X_items_list_id_MoLOS-X_lists_id_fk',
        tableFrom: 'MoLOS-X_items',
        tableTo: 'MoLOS-X_lists',
        columnsFrom: ['list_id'],
        columnsTo: ['id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    });
    expect(snapshot.tables['MoLOS-X_lists']?.columns.id).toMatchObject({ primaryKey: true, autoincrement: true });
    expect(snapshot.tables['MoLOS-X_tags']?.compositePrimaryKeys).toEqual({
      'MoLOS-X_tags_item_id_tag_pk': { name: 'MoLOS-X_tags_item_id_tag_pk', columns: ['item_id', 'tag'] },
    });
    expect(snapshot.tables['MoLOS-X_tags']?.columns.tag?.primaryKey).toBe(false);
    expect([snapshot.id, snapshot.prevId]).toEqual(['i', 'p']);
  });

  it('builds, as a snapshot, the same schema again (UNIQUE constraints aside, which it keeps apart)', () => {
    const { snapshot } = snapshotOf(HAND_WRITTEN);
    const original = applyMigrations(SQL, [{ name: '0000_x.sql', sql: HAND_WRITTEN }]);
    const again = applyMigrations(SQL, [{ name: '0000_y.sql', sql: joinStatements(createStatements(snapshot)) }]);
    try {
      expect(again.ok).toBe(true);
      const drift = compareSchemas(readSchema(original.db), readSchema(again.db));
      expect(drift.map((d) => `${d.table} ${d.detail}`)).toEqual([
        // Primary keys are NOT NULL in drizzle's model, which SQLite's own keys are not.
        'MoLOS-X_items column id: not-null NULL expected, NOT NULL found',
        'MoLOS-X_items index unique(code) is missing',
        'MoLOS-X_lists column id: not-null NULL expected, NOT NULL found',
      ]);
    } finally {
      original.db.close();
      again.db.close();
    }
  });

  it("reads named table CHECKs as drizzle's checkConstraints, as SQLite keeps them; unnamed ones stay out", () => {
    const { snapshot } = snapshotOf(
      'CREATE TABLE `MoLOS-X_stock` (`id` text PRIMARY KEY NOT NULL, `qty` integer NOT NULL, `max` integer,\n' +
        '\tCONSTRAINT "MoLOS-X_stock_qty_pos" CHECK("MoLOS-X_stock"."qty" >= 0),\n' +
        '\tCONSTRAINT stock_max CHECK ( max IS NULL OR max >= qty ),\n\tCHECK (qty < 1000000)\n);',
    );
    expect(snapshot.tables['MoLOS-X_stock']?.checkConstraints).toEqual({
      'MoLOS-X_stock_qty_pos': { name: 'MoLOS-X_stock_qty_pos', value: '"MoLOS-X_stock"."qty" >= 0' },
      stock_max: { name: 'stock_max', value: 'max IS NULL OR max >= qty' },
    });
    expect(snapshotOf(HAND_WRITTEN).snapshot.tables['MoLOS-X_items']?.checkConstraints).toEqual({});
  });

  it('puts parentheses back around expression defaults only', () => {
    expect(storedDefault("strftime('%s','now')")).toBe("(strftime('%s','now'))");
    expect(storedDefault("'it''s'")).toBe("'it''s'");
    expect(storedDefault('NULL')).toBe('NULL');
    expect(storedDefault("X'00ff'")).toBe("X'00ff'");
    expect(storedDefault('0x1F')).toBe('0x1F');
    expect(storedDefault('12')).toBe(12);
    expect(storedDefault('1e5')).toBe('1e5');
    expect(storedDefault('true')).toBe(true);
    expect(storedDefault('random()')).toBe('(random())');
    expect(storedDefault(null)).toBeUndefined();
  });
});

describe('withReplayedHistory', () => {
  const design = loadExample('molos-tasks');
  const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
  const init: MigrationFile = { name: '0000_init.sql', sql: first.sql };
  const folder = (extra: string[] = []): MigrationFolder => ({
    journal: null,
    snapshots: { '0000_snapshot.json': first.after },
    sqlFiles: ['0000_init.sql', ...extra],
  });

  it('leaves a folder whose every migration has its snapshot as it is (drizzle-kit’s path, byte for byte)', () => {
    const f = folder();
    expect(withReplayedHistory(SQL, f, [init])).toBe(f);
  });

  it('keeps the last snapshot as the baseline when the migrations after it change no schema', () => {
    const data: MigrationFile = {
      name: '0001_seed.sql',
      sql: "INSERT INTO `MoLOS-Tasks_tags` (id, user_id, name) VALUES ('t', 'u', 'x');",
    };
    const f = withReplayedHistory(SQL, folder(['0001_seed.sql']), [init, data]);
    expect(f.replayed).toMatchObject({
      matchesSnapshot: true,
      migrations: ['0001_seed.sql'],
      lastSnapshot: '0000_snapshot.json',
    });
    expect(f.replayed?.snapshot).toBe(first.after);
  });

  it('reads the schema the host builds past the last snapshot, with an id of the history and the snapshot’s as prevId', () => {
    const add: MigrationFile = { name: '0001_by_hand.sql', sql: 'ALTER TABLE "MoLOS-Tasks_tags" ADD "icon" TEXT;' };
    const f = withReplayedHistory(SQL, folder(['0001_by_hand.sql']), [init, add]);
    const r = f.replayed;
    expect(r?.matchesSnapshot).toBeUndefined();
    expect(r?.migrations).toEqual(['0001_by_hand.sql']);
    expect(r?.snapshot.prevId).toBe(first.after.id);
    expect(r?.snapshot.tables['MoLOS-Tasks_tags']?.columns.icon?.type).toBe('text');
    // The same history gives the same id; another history another one.
    expect(withReplayedHistory(SQL, folder(['0001_by_hand.sql']), [init, add]).replayed?.snapshot.id).toBe(
      r?.snapshot.id,
    );
    const other = { ...add, sql: 'ALTER TABLE "MoLOS-Tasks_tags" ADD "emoji" TEXT;' };
    expect(withReplayedHistory(SQL, folder(['0001_by_hand.sql']), [init, other]).replayed?.snapshot.id).not.toBe(
      r?.snapshot.id,
    );
    // A folder without any snapshot chains to drizzle-kit's empty id.
    const bare = withReplayedHistory(SQL, { journal: null, snapshots: {}, sqlFiles: ['0000_init.sql'] }, [init]);
    expect(bare.replayed?.snapshot.prevId).toBe(EMPTY_SNAPSHOT_ID);
    expect(bare.replayed?.lastSnapshot).toBeNull();
  });

  it('reads the history past the last snapshot when it adds only a named CHECK (which PRAGMA does not show)', () => {
    const withCheck = structuredClone(first.after);
    const tags = withCheck.tables['MoLOS-Tasks_tags'];
    const check = { name: 'tags_named', value: 'length("MoLOS-Tasks_tags"."name") > 0' };
    if (tags) tags.checkConstraints = { tags_named: check };
    // 0001 rebuilds the table with the check, written by hand without a snapshot.
    const byHand: MigrationFile = {
      name: '0001_check.sql',
      sql: joinStatements(migrationStatements(first.after, withCheck).sql),
    };
    expect(byHand.sql).toContain('CONSTRAINT "tags_named" CHECK(length("__new_MoLOS-Tasks_tags"."name") > 0)');
    const f = withReplayedHistory(SQL, folder(['0001_check.sql']), [init, byHand]);
    expect(f.replayed?.matchesSnapshot).toBeUndefined();
    expect(f.replayed?.snapshot.tables['MoLOS-Tasks_tags']?.checkConstraints).toEqual({ tags_named: check });
  });

  it('refuses a history the host fails on: the schema it leaves is unknown', () => {
    const bad: MigrationFile = { name: '0001_bad.sql', sql: 'ALTER TABLE "MoLOS-Tasks_nope" ADD "x" TEXT;' };
    expect(() => withReplayedHistory(SQL, folder(['0001_bad.sql']), [init, bad])).toThrow(
      new MigrationFolderError(
        'drizzle/0001_bad.sql',
        'fails under the host (no such table: MoLOS-Tasks_nope), so the schema the migrations leave is not known',
      ),
    );
  });
});
