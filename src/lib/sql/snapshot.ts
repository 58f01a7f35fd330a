/**
 * Builds the drizzle-kit snapshot of a design: what `drizzle-kit generate` would compute from the generated
 * tables.ts (tables in sorted export order, columns in declaration order, `.unique()` indexes before the
 * table's own indexes, `.references()` foreign keys in column order). Logical-only relations are not in it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  type Column,
  type Design,
  type Relation,
  relationsByFromColumn,
  writtenAliases,
  type Table,
  fullTableName,
  relationEnds,
  tableColumns,
  tableIndexes,
} from '../core/design';
import { EMPTY_SNAPSHOT_ID, type Snapshot, type SnapshotColumn, type SnapshotTable } from './snapshot-types';

/** Compares strings by UTF-16 code units — the order tsx gives a module's exports (capitals first). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Tables in the order drizzle-kit emits them: it walks the schema module's exports in sorted order, so a table
 * comes at the first of its export name and its aliases; a repeated export name keeps its first table.
 */
export function tablesInExportOrder(design: Design): Table[] {
  const seen = new Set<string>();
  const aliases = writtenAliases(design);
  const firstName = (t: Table) =>
    [t.exportName, ...(aliases.get(t.id) ?? [])].reduce((a, b) => (compareCodeUnits(b, a) < 0 ? b : a));
  return Object.values(design.tables)
    .map((t, i) => ({ t, i, key: firstName(t) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || a.i - b.i)
    .map(({ t }) => t)
    .filter((t) => (seen.has(t.exportName) ? false : (seen.add(t.exportName), true)));
}

/**
 * The SQL type drizzle-kit writes: the plain type, or the host's textEnum `text CHECK(col IN ('a', 'b'))`.
 * drizzle's own `text("col", { enum: [...] })` (enumForm `values`) is plain `text`: the values only type the code.
 */
export function sqlType(design: Design, column: Column): string {
  const e = column.enumId ? design.enums[column.enumId] : undefined;
  if (!e || column.enumForm === 'values') return column.type;
  return `text CHECK(${column.name} IN (${e.members.map((m) => `'${m.value}'`).join(', ')}))`;
}

/** The default as drizzle-kit's serializer stores it (quoting rules of sqliteSerializer.ts). */
export function snapshotDefault(column: Column): string | number | boolean | undefined {
  const d = column.default;
  if (!d || d.kind === 'uuid' || d.kind === 'fn') return undefined;
  if (d.kind === 'sql') return d.sql;
  if (d.kind === 'json') {
    // The JS value `.default(<json>)` passes to drizzle-kit's serializer, rendered by the same rules.
    let value: unknown;
    try {
      value = JSON.parse(d.json);
    } catch {
      return `'${d.json}'`;
    }
    if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return `'${JSON.stringify(value)}'`;
  }
  if (typeof d.value === 'string') return `'${d.value.replace(/'/g, "''")}'`;
  return d.value;
}

function snapshotTable(
  design: Design,
  table: Table,
  foreignKeyOf: Map<string, Relation>,
  checks: SnapshotTable['checkConstraints'] | undefined,
): SnapshotTable {
  const name = fullTableName(design, table);
  const columns: Record<string, SnapshotColumn> = {};
  const cols = tableColumns(design, table);
  for (const c of cols) {
    const col: SnapshotColumn = {
      name: c.name,
      type: sqlType(design, c),
      primaryKey: c.primaryKey,
      notNull: c.notNull || c.primaryKey,
      autoincrement: false,
    };
    const def = snapshotDefault(c);
    if (def !== undefined) col.default = def;
    columns[c.name] = col;
  }
  const indexes: SnapshotTable['indexes'] = {};
  for (const c of cols) {
    if (c.unique)
      indexes[`${name}_${c.name}_unique`] = { name: `${name}_${c.name}_unique`, columns: [c.name], isUnique: true };
  }
  for (const ix of tableIndexes(design, table)) {
    const names = ix.columnIds.map((id) => design.columns[id]?.name).filter((n): n is string => n !== undefined);
    indexes[ix.name] = { name: ix.name, columns: names, isUnique: ix.unique };
  }
  const foreignKeys: SnapshotTable['foreignKeys'] = {};
  for (const c of cols) {
    const r = foreignKeyOf.get(c.id);
    const ends = r && !r.logical && relationEnds(design, r);
    if (!r || !ends) continue;
    const { column: target, table: targetTable } = ends.to;
    const tableTo = fullTableName(design, targetTable);
    const fkName = `${name}_${c.name}_${tableTo}_${target.name}_fk`;
    foreignKeys[fkName] = {
      name: fkName,
      tableFrom: name,
      tableTo,
      columnsFrom: [c.name],
      columnsTo: [target.name],
      onDelete: r.onDelete ?? 'no action',
      onUpdate: r.onUpdate ?? 'no action',
    };
  }
  return {
    name,
    columns,
    indexes,
    foreignKeys,
    compositePrimaryKeys: {},
    uniqueConstraints: {},
    checkConstraints: checks ? structuredClone(checks) : {},
  };
}

/** A UUID-shaped id derived from content, so the same design always gets the same snapshot id. */
export function contentId(text: string): string {
  const h = bytesToHex(sha256(utf8ToBytes(text)));
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The snapshot drizzle-kit would write for the design's generated tables.ts. Its id is derived from its content
 * and `prevId`, so it is stable across runs. The design cannot hold CHECK constraints; `checks` gives a table's
 * (by its SQL name) when the code keeps some as written (see kept-checks.ts), else the table has none.
 * @example buildSnapshot(design).tables['MoLOS-Example_items'].columns.id.primaryKey // true
 */
export function buildSnapshot(
  design: Design,
  prevId: string = EMPTY_SNAPSHOT_ID,
  checks: ReadonlyMap<string, SnapshotTable['checkConstraints']> = new Map(),
): Snapshot {
  const tables: Snapshot['tables'] = {};
  const foreignKeyOf = relationsByFromColumn(design);
  for (const t of tablesInExportOrder(design)) {
    const st = snapshotTable(design, t, foreignKeyOf, checks.get(fullTableName(design, t)));
    tables[st.name] = st;
  }
  const body = JSON.stringify({ prevId, tables });
  return {
    version: '6',
    dialect: 'sqlite',
    id: contentId(body),
    prevId,
    tables,
    views: {},
    enums: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
    internal: { indexes: {} },
  };
}

/** The snapshot file text: `JSON.stringify(x, null, 2)` with no final newline, like drizzle-kit. */
export function snapshotText(snapshot: Snapshot): string {
  return JSON.stringify(snapshot, null, 2);
}
