import { type Design, type FkAction, type Relation, primaryKeyColumn } from '../design';
import { newId } from '../ids';
import { toSnakeCase, toCamelCase, uniqueName } from '../naming';
import { addColumn } from './columns';
import { OperationError, assertFreeId, getColumn, getRelation, getTable, put, without } from './util';

export interface ConnectArgs {
  id?: string;
  fromColumnId: string;
  /** The referenced column; give `toTableId` instead to use that table's primary key. */
  toColumnId?: string;
  toTableId?: string;
  onDelete?: FkAction | null;
  onUpdate?: FkAction | null;
  logical?: boolean;
}

function targetColumnId(d: Design, args: { toColumnId?: string; toTableId?: string }): string {
  if (args.toColumnId) return getColumn(d, args.toColumnId).id;
  if (!args.toTableId) throw new OperationError('A relation needs a target column or table.');
  const table = getTable(d, args.toTableId);
  const key = primaryKeyColumn(d, table);
  if (!key) throw new OperationError(`Table "${table.name}" has no single-column primary key to reference.`);
  return key.id;
}

/**
 * Makes a column reference another table's key. A column references at most one key, so an earlier relation
 * from the same column is replaced.
 * @example connect(design, { fromColumnId: projectIdColumn, toTableId: projects, onDelete: 'cascade' })
 */
export function connect(d: Design, args: ConnectArgs): Design {
  const from = getColumn(d, args.fromColumnId);
  const toColumnId = targetColumnId(d, args);
  const existing = Object.values(d.relations).filter((r) => r.fromColumnId === from.id);
  const id = args.id ?? existing[0]?.id ?? newId('r');
  if (!existing.some((r) => r.id === id)) assertFreeId(d.relations, id, 'relation');
  const relation: Relation = {
    id,
    fromColumnId: from.id,
    toColumnId,
    onDelete: args.onDelete ?? null,
    onUpdate: args.onUpdate ?? null,
    logical: args.logical ?? false,
  };
  // The replaced relation keeps its id and its place in the map; any other relation from the column goes.
  const relations = without(
    d.relations,
    existing.filter((r) => r.id !== id).map((r) => r.id),
  );
  return { ...d, relations: put(relations, relation.id, relation) };
}

export interface ConnectTablesArgs {
  fromTableId: string;
  toTableId: string;
  relationId?: string;
  columnId?: string;
  /** Name of the new column; defaults to `<target>_id` (made unique in the table). */
  name?: string;
  onDelete?: FkAction | null;
  logical?: boolean;
}

/**
 * Adds a correctly named foreign-key column to `fromTable` (same type as the target's key) and connects it —
 * what dropping a relation on a table does.
 */
export function connectTables(d: Design, args: ConnectTablesArgs): Design {
  const from = getTable(d, args.fromTableId);
  const to = getTable(d, args.toTableId);
  const key = primaryKeyColumn(d, to);
  if (!key) throw new OperationError(`Table "${to.name}" has no single-column primary key to reference.`);
  const names = new Set(from.columnIds.map((id) => d.columns[id]?.name));
  const base = args.name ?? toSnakeCase(from.id === to.id ? 'parent_id' : `${singular(to.name)}_id`);
  const name = uniqueName(base, (n) => names.has(n));
  const columnId = args.columnId ?? newId('c');
  const withColumn = addColumn(d, {
    tableId: from.id,
    id: columnId,
    name,
    key: toCamelCase(name),
    type: key.type,
    notNull: false,
  });
  return connect(withColumn, {
    id: args.relationId,
    fromColumnId: columnId,
    toColumnId: key.id,
    onDelete: args.onDelete ?? null,
    logical: args.logical ?? false,
  });
}

/** A naive English singular for column names: `projects` → `project`, `categories` → `category`. */
export function singular(name: string): string {
  if (/(series|species|news|ss|us|is)$/.test(name)) return name;
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(s|sh|ch|x|z)es$/.test(name)) return name.replace(/es$/, '');
  return name.replace(/s$/, '');
}

/** Changes a relation's actions or whether it is logical only. */
export function updateRelation(
  d: Design,
  args: { relationId: string; onDelete?: FkAction | null; onUpdate?: FkAction | null; logical?: boolean },
): Design {
  const r = getRelation(d, args.relationId);
  const next: Relation = {
    ...r,
    ...(args.onDelete !== undefined ? { onDelete: args.onDelete } : {}),
    ...(args.onUpdate !== undefined ? { onUpdate: args.onUpdate } : {}),
    ...(args.logical !== undefined ? { logical: args.logical } : {}),
  };
  return { ...d, relations: put(d.relations, r.id, next) };
}

/** Removes a relation; the column stays. */
export function disconnect(d: Design, args: { relationId: string }): Design {
  getRelation(d, args.relationId);
  return { ...d, relations: without(d.relations, [args.relationId]) };
}
