/**
 * The schema as the analyzer walks a migration: seeded from the drizzle snapshot taken before it (when known)
 * and updated statement by statement, so each check sees the tables, foreign keys, indexes and views that exist
 * at that point — including renames and tables created earlier in the same file.
 */
import type { StatementInfo } from './classify';
import type { ColumnDef } from './column-def';
import { isNullDefault } from '../default-constant';
import type { Snapshot } from '../snapshot-types';

export interface ModelColumn {
  name: string;
  notNull: boolean;
  generated: boolean;
  /** Has a DEFAULT other than NULL: a row inserted without a value for it still gets one. */
  hasDefault: boolean;
  /** An INTEGER PRIMARY KEY (the rowid): SQLite numbers a row inserted without a value for it. */
  rowid: boolean;
}

/** A foreign key, stored on its child table (SQLite keeps it there, even when the parent is dropped). */
export interface ModelForeignKey {
  columns: string[];
  tableTo: string;
  onDelete: string;
}

export interface ModelTable {
  name: string;
  columns: ModelColumn[];
  foreignKeys: ModelForeignKey[];
}

export interface SchemaModel {
  /** True when seeded from a snapshot: then a table missing here really does not exist. */
  complete: boolean;
  /** Keyed by lower-cased name (SQLite names are case-insensitive). */
  tables: Map<string, ModelTable>;
  indexes: Map<string, { name: string; table: string; columns: string[] }>;
  views: Map<string, { name: string; definition: string }>;
  /** Tables created by this file and not filled yet: no rows, so row-dependent ADD failures cannot happen. */
  empty: Set<string>;
  /** Tables emptied on purpose (DELETE without WHERE, or a copy of such a table): dropping a parent cannot touch them. */
  emptied: Set<string>;
  /** Copies made with CREATE TABLE … AS SELECT: scratch tables, whose drop loses nothing that existed before. */
  scratch: Set<string>;
}

const key = (name: string) => name.toLowerCase();

/** What the snapshot types leave out but drizzle-kit writes: `generated` on columns, `definition` on views. */
interface LooseColumn {
  generated?: unknown;
}
interface LooseView {
  name?: string;
  definition?: string;
}

/**
 * Builds the model from the snapshot before the migration, or an empty, incomplete model without one.
 * @example createModel(before).tables.get('molos-tasks_tasks')?.foreignKeys
 */
export function createModel(before?: Snapshot): SchemaModel {
  const model: SchemaModel = {
    complete: before !== undefined,
    tables: new Map(),
    indexes: new Map(),
    views: new Map(),
    empty: new Set(),
    emptied: new Set(),
    scratch: new Set(),
  };
  if (!before) return model;
  for (const t of Object.values(before.tables)) {
    model.tables.set(key(t.name), {
      name: t.name,
      columns: Object.values(t.columns).map((c) => ({
        name: c.name,
        notNull: c.notNull,
        generated: (c as LooseColumn).generated !== undefined,
        hasDefault: !isNullDefault(c.default),
        rowid: c.primaryKey && /^integer$/i.test(c.type.trim()) && Object.keys(t.compositePrimaryKeys).length === 0,
      })),
      foreignKeys: Object.values(t.foreignKeys).map((fk) => ({
        columns: fk.columnsFrom,
        tableTo: fk.tableTo,
        onDelete: fk.onDelete || 'no action',
      })),
    });
    for (const ix of Object.values(t.indexes)) {
      model.indexes.set(key(ix.name), { name: ix.name, table: t.name, columns: ix.columns });
    }
  }
  for (const [name, v] of Object.entries((before.views ?? {}) as Record<string, LooseView>)) {
    model.views.set(key(name), { name: v.name ?? name, definition: v.definition ?? '' });
  }
  return model;
}

/** The model's table by name (any case), if known. */
export function findTable(model: SchemaModel, name: string): ModelTable | undefined {
  return model.tables.get(key(name));
}

function renameTable(model: SchemaModel, from: string, to: string): void {
  const t = model.tables.get(key(from));
  if (!t) return;
  model.tables.delete(key(from));
  model.tables.set(key(to), { ...t, name: to });
  for (const set of [model.empty, model.emptied, model.scratch]) if (set.delete(key(from))) set.add(key(to));
  // SQLite (legacy_alter_table off) rewrites the REFERENCES of other tables to follow a renamed table.
  for (const other of model.tables.values()) {
    for (const fk of other.foreignKeys) if (key(fk.tableTo) === key(from)) fk.tableTo = to;
  }
  for (const ix of model.indexes.values()) if (key(ix.table) === key(from)) ix.table = to;
}

/** A parsed column as the model keeps it. An INTEGER PRIMARY KEY is the rowid, which is never NULL. */
function modelColumn(c: ColumnDef): ModelColumn {
  const rowid = c.primaryKey && /^integer$/i.test(c.type.trim());
  return {
    name: c.name,
    notNull: c.notNull || rowid,
    generated: c.generated !== null,
    hasDefault: !isNullDefault(c.default),
    rowid,
  };
}

/**
 * Applies one statement to the model (in place).
 * @example applyStatement(model, { kind: 'drop-table', table: 'kids' })
 */
export function applyStatement(model: SchemaModel, s: StatementInfo): void {
  switch (s.kind) {
    case 'create-table':
      if (s.asSelect) model.scratch.add(key(s.table));
      else model.empty.add(key(s.table));
      model.tables.set(key(s.table), {
        name: s.table,
        columns: s.columns.map(modelColumn),
        foreignKeys: s.foreignKeys.map((fk) => ({ columns: fk.columns, tableTo: fk.table, onDelete: fk.onDelete })),
      });
      return;
    case 'drop-table':
      for (const set of [model.empty, model.emptied, model.scratch]) set.delete(key(s.table));
      model.tables.delete(key(s.table));
      for (const [k, ix] of model.indexes) if (key(ix.table) === key(s.table)) model.indexes.delete(k);
      return;
    case 'rename-table':
      renameTable(model, s.table, s.to);
      return;
    case 'rename-column': {
      const t = findTable(model, s.table);
      const c = t?.columns.find((x) => key(x.name) === key(s.from));
      if (c) c.name = s.to;
      for (const fk of t?.foreignKeys ?? []) fk.columns = fk.columns.map((x) => (key(x) === key(s.from) ? s.to : x));
      for (const ix of model.indexes.values()) {
        if (key(ix.table) === key(s.table)) ix.columns = ix.columns.map((x) => (key(x) === key(s.from) ? s.to : x));
      }
      return;
    }
    case 'add-column': {
      const t = findTable(model, s.table);
      if (!t) return;
      t.columns.push(modelColumn(s.column));
      const ref = s.column.references;
      if (ref)
        t.foreignKeys.push({
          columns: [s.column.name],
          tableTo: ref.table.name,
          onDelete: ref.onDelete ?? 'no action',
        });
      return;
    }
    case 'drop-column': {
      const t = findTable(model, s.table);
      if (!t) return;
      t.columns = t.columns.filter((c) => key(c.name) !== key(s.column));
      t.foreignKeys = t.foreignKeys.filter((fk) => !fk.columns.some((c) => key(c) === key(s.column)));
      return;
    }
    case 'create-index':
      model.indexes.set(key(s.name), {
        name: s.name,
        table: s.table,
        columns: s.items.map((i) => i.name).filter((n): n is string => n !== null),
      });
      return;
    case 'drop-index':
      model.indexes.delete(key(s.name));
      return;
    case 'create-view':
      model.views.set(key(s.name), { name: s.name, definition: s.body });
      return;
    case 'drop-view':
      model.views.delete(key(s.name));
      return;
    case 'delete':
      if (!s.where) model.emptied.add(key(s.table));
      return;
    case 'insert':
      model.empty.delete(key(s.table));
      // A copy of a table that was emptied holds nothing either (the safe variant's rebuild of an emptied table).
      if (s.from !== null && model.emptied.has(key(s.from))) model.emptied.add(key(s.table));
      else model.emptied.delete(key(s.table));
      return;
    default:
      return;
  }
}
