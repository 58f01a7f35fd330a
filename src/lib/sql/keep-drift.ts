/**
 * The schema a migration should leave when the module's code and its database already differ (drift) and the
 * author did not ask to reconcile them: the design's changes to the code, applied to the database as its
 * migrations built it. Three schemas meet here — what the migrations built (`history`), what the code said
 * before the design was edited (`code`) and the design — and for every table, column, index, foreign key and
 * constraint:
 * - where the design says what the code said, the database's own version stays (its extra index, its CHECK, its
 *   NOT NULL), so a table rebuilt for an unrelated change keeps them;
 * - where the design changed it, the design's version is written;
 * - what only the database has (the code never declared it, the design neither) stays;
 * - a column in drizzle's `{ enum: [...] }` form, which drizzle keeps out of the SQL, whose database column has a
 *   `CHECK(col IN (…))` of its own: the CHECK gets the design's values (`enumValues`), so a new value is accepted.
 * The migration then runs from `history` to this schema, and its snapshot records the database after it — so
 * `verify` finds the same drift as before, and a later write can still reconcile it.
 */
import type { Renames } from './diff/index';
import { enumChecks } from './enum-checks';
import type { Snapshot, SnapshotTable } from './snapshot-types';

/** A JSON text with object keys sorted, so two snapshot parts compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

type Part = 'indexes' | 'foreignKeys' | 'compositePrimaryKeys' | 'uniqueConstraints' | 'checkConstraints';
const PARTS: Part[] = ['indexes', 'foreignKeys', 'compositePrimaryKeys', 'uniqueConstraints', 'checkConstraints'];

/** The columns a table part names, for parts that name any (a kept index must not name a dropped column). */
function partColumns(part: Part, value: unknown): string[] {
  const v = value as { columns?: string[]; columnsFrom?: string[] };
  return part === 'foreignKeys' ? (v.columnsFrom ?? []) : (v.columns ?? []);
}

/**
 * A column type whose `CHECK(col IN (…))` (as the database has it) lists other values than the design's enum in
 * drizzle's `{ enum: [...] }` form, which drizzle keeps out of the SQL: the type with the design's values.
 */
function withEnumValues(type: string, column: string, values: readonly string[] | undefined): string {
  if (!values) return type;
  const found = enumChecks(`CREATE TABLE t (\`${column}\` ${type})`).get(column);
  if (!found || (found.length === values.length && found.every((v, i) => v === values[i]))) return type;
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return type.replace(/CHECK\s*\(([\s\S]*)\)/i, `CHECK(${column} IN (${list}))`);
}

function mergeTable(
  history: SnapshotTable,
  code: SnapshotTable,
  design: SnapshotTable,
  renamed: Map<string, string>,
  values: ReadonlyMap<string, readonly string[]>,
) {
  // Column names in the design → the name the column had in the history and the code.
  const previous = new Map([...renamed].map(([from, to]) => [to, from]));
  const columns: SnapshotTable['columns'] = {};
  for (const [name, d] of Object.entries(design.columns)) {
    const p = previous.get(name) ?? name;
    const h = history.columns[p];
    const c = code.columns[p];
    columns[name] =
      h && c && same({ ...c, name }, d) ? { ...h, name, type: withEnumValues(h.type, name, values.get(name)) } : d;
  }
  for (const [name, h] of Object.entries(history.columns))
    if (!code.columns[name] && !renamed.has(name) && !columns[name]) columns[name] = h;
  const out: SnapshotTable = { ...design, columns };
  for (const part of PARTS) {
    const d = design[part] as Record<string, unknown>;
    const h = history[part] as Record<string, unknown>;
    const c = code[part] as Record<string, unknown>;
    const merged: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(d))
      merged[name] = h[name] !== undefined && c[name] !== undefined && same(c[name], value) ? h[name] : value;
    for (const [name, value] of Object.entries(h))
      if (c[name] === undefined && merged[name] === undefined && partColumns(part, value).every((col) => columns[col]))
        merged[name] = value;
    (out as unknown as Record<Part, Record<string, unknown>>)[part] = merged;
  }
  return out;
}

/**
 * The design's snapshot with the database's drift kept (see the file's comment).
 * `enumValues`: per table and column (their names in the design), the values of columns in the `{ enum: [...] }` form.
 * @example keepDrift(history, code, after, renames).tables['MoLOS-Tasks_tasks'].indexes // the database's own index kept
 */
export function keepDrift(
  history: Snapshot,
  code: Snapshot,
  design: Snapshot,
  renames: Renames,
  enumValues: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(),
): Snapshot {
  const previousTable = new Map(renames.tables.map((r) => [r.to, r.from]));
  const renamedTables = new Set(renames.tables.map((r) => r.from));
  const tables: Snapshot['tables'] = {};
  for (const [name, d] of Object.entries(design.tables)) {
    const p = previousTable.get(name) ?? name;
    const h = history.tables[p];
    const c = code.tables[p];
    const renamed = new Map(renames.columns.filter((r) => r.table === name).map((r) => [r.from, r.to]));
    tables[name] = h && c ? mergeTable(h, c, d, renamed, enumValues.get(name) ?? new Map()) : d;
  }
  // Tables only the database has: the code never declared them, so the design cannot have dropped them.
  for (const [name, h] of Object.entries(history.tables))
    if (!code.tables[name] && !renamedTables.has(name) && !tables[name]) tables[name] = h;
  return { ...design, tables };
}
