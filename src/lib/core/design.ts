/**
 * The design document: one MoLOS module's data model, normalized and keyed by stable ids.
 *
 * Names are attributes, never references: a relation points at column ids, an index at column ids, a column at
 * an enum id. That is what lets a rename stay a rename (and, later, lets migrations know it).
 * Every value is plain JSON, so a design can be saved, diffed and shared as it is.
 */
import { bindingName } from './naming';

/** `legacy` = the documented `lib/...` module layout; `current` = the host v1.x `src/...` layout. */
export type Layout = 'legacy' | 'current';
export const LAYOUTS: readonly Layout[] = ['legacy', 'current'];

export type ColumnType = 'text' | 'integer' | 'real' | 'blob' | 'numeric';
export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'integer', 'real', 'blob', 'numeric'];

/** drizzle's `{ mode }` option. `boolean`/`timestamp`/`timestamp_ms` need `integer`; `json` needs `text` or `blob`. */
export type ColumnMode = 'boolean' | 'timestamp' | 'timestamp_ms' | 'json';
export const COLUMN_MODES: readonly ColumnMode[] = ['boolean', 'timestamp', 'timestamp_ms', 'json'];

export type FkAction = 'cascade' | 'set null' | 'restrict' | 'set default' | 'no action';
export const FK_ACTIONS: readonly FkAction[] = ['cascade', 'set null', 'restrict', 'set default', 'no action'];

/**
 * A column default:
 * - `literal`: `.default(value)` — a string, number or boolean;
 * - `json`: `.default(<parsed JSON>)` for `{ mode: "json" }` columns; `json` holds the JSON text;
 * - `sql`: ``.default(sql`<expression>`)`` — the expression is written into the SQL verbatim;
 * - `uuid`: `.$defaultFn(() => crypto.randomUUID())` — made by the app, invisible in SQL;
 * - `fn`: `.$defaultFn(<code>)` with any other function, kept as written when an existing module is imported
 *   (e.g. `() => Date.now()`); made by the app, invisible in SQL. The studio never runs it.
 */
export type ColumnDefault =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'json'; json: string }
  | { kind: 'sql'; sql: string }
  | { kind: 'uuid' }
  | { kind: 'fn'; code: string };

export interface Position {
  x: number;
  y: number;
}

export interface ModuleInfo {
  /** The module id, e.g. `MoLOS-Tasks`: the prefix of every table name. */
  id: string;
  /** Human name for `manifest.yaml` and `src/config.ts`. */
  name: string;
  description: string;
  layout: Layout;
  /**
   * Which MoLOS host the module must also run on. `older`: the host that checked every migration statement
   * (prefix after UPDATE, no PRAGMA/INSERT), so its warnings apply. Absent: the current host only.
   */
  host?: TargetHost;
}

export const TARGET_HOSTS = ['current', 'older'] as const;
export type TargetHost = (typeof TARGET_HOSTS)[number];

/** The colours a table card, a note or an area can take: names, so each theme picks its own shade. */
export const DIAGRAM_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type DiagramColor = (typeof DIAGRAM_COLORS)[number];

export interface Size {
  width: number;
  height: number;
}

/** A sticky note on the canvas. Diagram only: the generators never read it. */
export interface Note {
  id: string;
  text: string;
  /** Top-left corner, in canvas coordinates. */
  position: Position;
  size: Size;
  color?: DiagramColor;
}

/**
 * A named area (group) on the canvas: a rectangle drawn behind the cards. A table belongs to the area its card's
 * centre lies in (the smallest, when areas overlap). Diagram only: the generators never read it.
 */
export interface Area {
  id: string;
  name: string;
  position: Position;
  size: Size;
  color?: DiagramColor;
}

export interface Table {
  id: string;
  /** SQL name after the `<ModuleId>_` prefix, e.g. `items`. */
  name: string;
  /** The TypeScript export, e.g. `exampleItems`. */
  exportName: string;
  comment: string;
  position: Position;
  /** Column ids in declaration order. */
  columnIds: string[];
  /** Index ids in declaration order. */
  indexIds: string[];
  /** Extra exported names for the table, written `export const <alias> = <exportName>;` (legacy aliases). */
  aliases?: string[];
  /**
   * Names of the CHECK constraints the module's code declares for the table (drizzle's `check("name", sql`…`)`),
   * in the code's order. The studio keeps them as written: the code is not touched, and the migrations carry
   * their SQL over from the schema the module's migrations left. They are not editable in the studio; only the
   * tables.ts importer sets them. Absent or empty: none.
   */
  keptChecks?: string[];
  /** The card's colour on the canvas and in image exports. Absent: the theme's default. */
  color?: DiagramColor;
}

export interface Column {
  id: string;
  tableId: string;
  /** SQL name, e.g. `user_id`. */
  name: string;
  /** TypeScript key, e.g. `userId`. */
  key: string;
  type: ColumnType;
  mode: ColumnMode | null;
  /** When set, the column is `textEnum("<name>", <Enum>)` (type must be `text`). */
  enumId: string | null;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  default: ColumnDefault | null;
  comment: string;
  /**
   * The TypeScript type from `.$type<…>()`, e.g. `string[]` (kept from imported code; no effect on SQL).
   * Absent or empty: no `.$type`.
   */
  tsType?: string;
  /**
   * Where the names used in {@link Column.tsType} come from: each name tables.ts imports for it, with the module
   * specifier as written in tables.ts (e.g. `{ name: 'TaskMeta', from: '../../../models' }`). Type-only use: the
   * generator writes `import type { … }`. Absent: the type needs no import.
   */
  tsTypeImports?: { name: string; from: string }[];
  /**
   * How an enum column is written: `textEnum` (the MoLOS helper, SQL `text CHECK(col IN (…))`; the default when
   * absent) or `values` (drizzle's own `text("col", { enum: [...] })`: plain `text` in SQL, no CHECK).
   */
  enumForm?: 'textEnum' | 'values';
}

export interface Relation {
  id: string;
  /** The referencing column. */
  fromColumnId: string;
  /** The referenced column: another table's key (or this table's, for a self reference). */
  toColumnId: string;
  onDelete: FkAction | null;
  onUpdate: FkAction | null;
  /** Drawn on the canvas but not emitted as `.references()` (real modules often keep relations logical). */
  logical: boolean;
}

export interface EnumMember {
  id: string;
  /** The const object key, e.g. `TO_DO`. */
  key: string;
  /** The stored value, e.g. `to_do`. */
  value: string;
}

export interface EnumDef {
  id: string;
  /** The const object and type name, e.g. `TaskStatus`. */
  name: string;
  comment: string;
  members: EnumMember[];
}

export interface Index {
  id: string;
  tableId: string;
  /** Full index name; MoLOS wants it to start with the full table name. */
  name: string;
  columnIds: string[];
  unique: boolean;
}

/**
 * What the module's migrations already contain: the drizzle snapshot its last migration left, and the SQL name
 * every element had then. Comparing ids with these names is how the next migration knows a rename is a rename.
 */
export interface Baseline {
  /** `id` of the snapshot of the last migration (the next migration's `prevId`). */
  snapshotId: string;
  /** Table id → full SQL table name at that point. */
  tables: Record<string, string>;
  /** Column id → SQL column name at that point. */
  columns: Record<string, string>;
  /**
   * The drizzle snapshot itself (drizzle-kit's JSON), so the designer can show the migration "since the last
   * export" without the module folder. Validated by the SQL layer when used.
   */
  snapshot?: unknown;
  /**
   * The module's files as they were at the last import or export: its migrations (`drizzle/*.sql`,
   * `drizzle/meta/_journal.json`, `drizzle/meta/NNNN_snapshot.json`) and the TypeScript files the studio merges
   * into (schema and models folders). A downloaded zip holds the existing migrations untouched plus the next one,
   * and code merged into these files. Absent for a design that has never seen its module's folder.
   */
  files?: BaselineFile[];
}

/** One file of a module kept in the baseline, by its path relative to the module folder. */
export interface BaselineFile {
  /** `drizzle/<name>.sql`, `drizzle/meta/<name>.json`, `drizzle.config.ts`, or a `.ts` file under `lib/` or `src/`. */
  path: string;
  text: string;
}

/**
 * The paths a baseline may keep: a file directly in `drizzle/` or `drizzle/meta/`, `drizzle.config.ts` (it may name
 * the schema file), or a TypeScript file under `lib/` or `src/`; every segment a plain name (no `..`, no leading dot), so a hostile design file cannot name a
 * place outside the module.
 */
export const BASELINE_FILE_PATH =
  /^(drizzle\.config\.ts|drizzle\/(meta\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*|(lib|src)(\/[A-Za-z0-9_$+-][A-Za-z0-9_.$+-]*)+\.ts)$/;

export interface Design {
  module: ModuleInfo;
  tables: Record<string, Table>;
  columns: Record<string, Column>;
  relations: Record<string, Relation>;
  enums: Record<string, EnumDef>;
  indexes: Record<string, Index>;
  /** The schema the module's migrations already hold; `null` before the first export. */
  baseline: Baseline | null;
  /** Sticky notes on the canvas, by id (diagram only). Absent: none. */
  notes?: Record<string, Note>;
  /** Named areas on the canvas, by id (diagram only). Absent: none. */
  areas?: Record<string, Area>;
}

/** The SQL expression MoLOS uses for `created_at`/`updated_at`: unix seconds. */
export const UNIX_SECONDS_SQL = "(strftime('%s','now'))";

/** The TypeScript names the generated code binds: per table id and per enum id (invalid names get a stand-in). */
export interface Bindings {
  table: Map<string, string>;
  enum: Map<string, string>;
}

export function resolveBindings(design: Design): Bindings {
  const table = new Map<string, string>();
  const enumNames = new Map<string, string>();
  for (const [i, t] of Object.values(design.tables).entries())
    table.set(t.id, bindingName(t.exportName, `table${i + 1}`));
  for (const [i, e] of Object.values(design.enums).entries()) enumNames.set(e.id, bindingName(e.name, `Enum${i + 1}`));
  return { table, enum: enumNames };
}

/**
 * The aliases tables.ts writes, per table id: valid identifiers that no table or enum binding and no earlier
 * alias already uses (the others cannot be written, and a rule-free design has none).
 */
export function writtenAliases(design: Design, bindings: Bindings = resolveBindings(design)): Map<string, string[]> {
  const taken = new Set([...bindings.table.values(), ...bindings.enum.values()]);
  const out = new Map<string, string[]>();
  for (const t of Object.values(design.tables)) {
    const list: string[] = [];
    for (const alias of t.aliases ?? []) {
      if (bindingName(alias, '') !== alias || taken.has(alias)) continue;
      taken.add(alias);
      list.push(alias);
    }
    if (list.length > 0) out.set(t.id, list);
  }
  return out;
}

/** An empty design for a module. */
export function emptyDesign(module: Partial<ModuleInfo> = {}): Design {
  return {
    module: {
      id: module.id ?? 'MoLOS-MyModule',
      name: module.name ?? '',
      description: module.description ?? '',
      layout: module.layout ?? 'legacy',
    },
    tables: {},
    columns: {},
    relations: {},
    enums: {},
    indexes: {},
    baseline: null,
  };
}

/** The table's SQL name with the module prefix: `MoLOS-Example_items`. */
export function fullTableName(design: Design, table: Table): string {
  return `${design.module.id}_${table.name}`;
}

/** The table's columns in declaration order. */
export function tableColumns(design: Design, table: Table): Column[] {
  return table.columnIds.map((id) => design.columns[id]).filter((c): c is Column => c !== undefined);
}

/** The table's indexes in declaration order. */
export function tableIndexes(design: Design, table: Table): Index[] {
  return table.indexIds.map((id) => design.indexes[id]).filter((i): i is Index => i !== undefined);
}

/**
 * The relation starting at each column, by column id, built once for code that looks up many columns (a design
 * keeps at most one relation per column; the operations and the file check enforce it).
 */
export function relationsByFromColumn(design: Design): Map<string, Relation> {
  const byColumn = new Map<string, Relation>();
  for (const r of Object.values(design.relations)) if (!byColumn.has(r.fromColumnId)) byColumn.set(r.fromColumnId, r);
  return byColumn;
}

/** The relation starting at a column, if any (a column references at most one key). */
export function relationFrom(design: Design, columnId: string): Relation | undefined {
  return Object.values(design.relations).find((r) => r.fromColumnId === columnId);
}

/** One end of a relation: a column and its table. */
export interface RelationEnd {
  table: Table;
  column: Column;
}

/** A relation with both of its ends resolved. */
export interface RelationEnds {
  relation: Relation;
  from: RelationEnd;
  to: RelationEnd;
}

/**
 * Both ends of a relation, or null when one is missing (operations keep relations whole; a damaged file may not).
 * @example relationEnds(design, relation)?.to.table.name // 'projects'
 */
export function relationEnds(d: Design, r: Relation): RelationEnds | null {
  const fromColumn = d.columns[r.fromColumnId];
  const toColumn = d.columns[r.toColumnId];
  const fromTable = fromColumn && d.tables[fromColumn.tableId];
  const toTable = toColumn && d.tables[toColumn.tableId];
  if (!fromColumn || !toColumn || !fromTable || !toTable) return null;
  return { relation: r, from: { table: fromTable, column: fromColumn }, to: { table: toTable, column: toColumn } };
}

/** The table's primary-key column, when it has exactly one. */
export function primaryKeyColumn(design: Design, table: Table): Column | undefined {
  const keys = tableColumns(design, table).filter((c) => c.primaryKey);
  return keys.length === 1 ? keys[0] : undefined;
}

/** The display name of a module: its `name`, or the id without `MoLOS-`. */
export function moduleDisplayName(module: ModuleInfo): string {
  return module.name.trim() || module.id.replace(/^MoLOS-/, '');
}
