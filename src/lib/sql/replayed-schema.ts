/**
 * The schema a module's migrations build when they go past its last snapshot (migrations written by hand, without
 * `meta/NNNN_snapshot.json`): read back from a replay as a drizzle snapshot (replay-history.ts), it is what the
 * next migration must start from — the last snapshot is older than the database. Pure: no sql.js here, so
 * `nextMigration` stays synchronous and sql.js-free.
 *
 * A database read back spells things its own way (`TEXT`, `(strftime('%s', 'now'))`, a UNIQUE constraint where
 * drizzle writes a unique index). {@link spellLikeDesign} gives every such property the design's spelling where
 * both mean the same schema, so the differ writes only real changes — never a table rebuild for a spelling.
 */
import type { Renames } from './diff/index';
import { migrationVersion, nameProblem } from './host-files';
import { sameDefault, sameType } from './same-schema';
import type { Snapshot, SnapshotColumn, SnapshotTable } from './snapshot-types';

/** The schema the host's replay of every migration builds, for a folder whose migrations go past its last snapshot. */
export interface ReplayedHistory {
  /**
   * The schema as drizzle-kit's snapshot. Its `id` is derived from the migration files (the same history gives the
   * same id, so a design's baseline can name it); its `prevId` is the last real snapshot's id (drizzle-kit's empty
   * id when there is none): the next migration's snapshot chains there, as drizzle-kit expects.
   */
  snapshot: Snapshot;
  /**
   * UNIQUE constraints of the database (`email text UNIQUE`, `UNIQUE (a, b)`): a snapshot has no place for them
   * (drizzle writes unique indexes), so they are kept aside and stand for the design's unique index on the same
   * columns, if it has one.
   */
  uniqueConstraints: { table: string; columns: string[] }[];
  /** The migration files the host runs past the last snapshot, in its order. */
  migrations: string[];
  /** The last real snapshot's file name in `drizzle/meta`, or null when there is none. */
  lastSnapshot: string | null;
  /**
   * The migrations after the last snapshot leave the schema as it says (data-only migrations): `snapshot` is then
   * that snapshot itself, and the next migration is drizzle-kit's own, from it.
   */
  matchesSnapshot?: true;
}

/**
 * The migration files the host runs after the last snapshot: those numbered above the snapshot's number (all of
 * them when there is no snapshot; none when the snapshot's name has no number, as in a design's stored baseline).
 * @example migrationsPastSnapshot('0000_snapshot.json', ['0000_init.sql', '0001_add_pages.sql']) // ['0001_add_pages.sql']
 */
export function migrationsPastSnapshot(snapshotFile: string | null, sqlFiles: readonly string[]): string[] {
  const run = sqlFiles.filter((f) => nameProblem(f) === null);
  const byVersion = (a: string, b: string) =>
    (migrationVersion(a) ?? 0) - (migrationVersion(b) ?? 0) || (a < b ? -1 : 1);
  if (snapshotFile === null) return [...run].sort(byVersion);
  const number = /^(\d+)/.exec(snapshotFile)?.[1];
  if (number === undefined) return [];
  return run.filter((f) => (migrationVersion(f) ?? -1) > Number(number)).sort(byVersion);
}

const renamedTable = (name: string, renames: Renames) => renames.tables.find((r) => r.from === name)?.to ?? name;
const renamedColumn = (table: string, name: string, renames: Renames) =>
  renames.columns.find((r) => r.table === table && r.from === name)?.to ?? name;

/**
 * The replayed schema with the design's spelling wherever both mean the same thing: a column's type (same affinity
 * and enum values), its default (the same expression), a UNIQUE constraint as the design's unique index on those
 * columns, a foreign key under the design's name. `design` is the design's snapshot; `renames` say which design
 * names the replayed tables and columns have now. What differs for real is left as the database has it.
 * @example migrationStatements(spellLikeDesign(replayed, after, renames), after, renames)
 */
export function spellLikeDesign(replayed: ReplayedHistory, design: Snapshot, renames: Renames): Snapshot {
  const out = structuredClone(replayed.snapshot);
  for (const table of Object.values(out.tables)) {
    const to = renamedTable(table.name, renames);
    const mine = design.tables[to];
    if (!mine) continue;
    const columnTo = (c: string) => renamedColumn(to, c, renames);
    for (const column of Object.values(table.columns)) {
      const theirs = mine.columns[columnTo(column.name)];
      if (theirs) spellColumn(column, theirs);
    }
    for (const u of replayed.uniqueConstraints.filter((x) => x.table === table.name)) {
      const wanted = JSON.stringify(u.columns.map(columnTo));
      const index = Object.values(mine.indexes).find(
        (ix) => ix.isUnique && ix.where === undefined && JSON.stringify(ix.columns) === wanted,
      );
      if (index && !table.indexes[index.name])
        table.indexes[index.name] = { name: index.name, columns: [...u.columns], isUnique: true };
    }
    spellForeignKeys(table, mine, to, renames);
  }
  return out;
}

function spellColumn(column: SnapshotColumn, theirs: SnapshotColumn): void {
  if (column.type !== theirs.type && sameType(column.type, theirs.type)) column.type = theirs.type;
  if (column.default !== theirs.default && sameDefault(column.default, theirs.default)) {
    if (theirs.default === undefined) delete column.default;
    else column.default = theirs.default;
  }
}

function spellForeignKeys(table: SnapshotTable, mine: SnapshotTable, to: string, renames: Renames): void {
  const entries = Object.entries(table.foreignKeys);
  table.foreignKeys = {};
  for (const [key, fk] of entries) {
    const same = Object.values(mine.foreignKeys).find(
      (x) =>
        x.tableTo === renamedTable(fk.tableTo, renames) &&
        x.onDelete === fk.onDelete &&
        x.onUpdate === fk.onUpdate &&
        JSON.stringify(x.columnsFrom) === JSON.stringify(fk.columnsFrom.map((c) => renamedColumn(to, c, renames))) &&
        JSON.stringify(x.columnsTo) === JSON.stringify(fk.columnsTo.map((c) => renamedColumn(x.tableTo, c, renames))),
    );
    if (same && !table.foreignKeys[same.name]) table.foreignKeys[same.name] = { ...fk, name: same.name };
    else table.foreignKeys[key] = fk;
  }
}
