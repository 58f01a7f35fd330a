/**
 * Structured differences between two {@link SchemaReport}s: what a replayed migration history got wrong compared
 * with the schema it should have produced.
 */
import type { ColumnReport, ForeignKeyReport, IndexReport, SchemaReport, TableReport } from './schema-types';
import { compareCodeUnits } from './snapshot';

export type DriftKind =
  | 'missing-table'
  | 'extra-table'
  | 'missing-column'
  | 'extra-column'
  | 'column-type'
  | 'column-not-null'
  | 'column-default'
  | 'column-primary-key'
  | 'missing-index'
  | 'extra-index'
  | 'index-definition'
  | 'missing-foreign-key'
  | 'extra-foreign-key';

/** One difference between an expected and an actual schema. */
export interface SchemaDrift {
  table: string;
  kind: DriftKind;
  /** The column or index name, or the foreign key's text; absent for table-level drifts. */
  name?: string;
  /** The expected and actual values for a changed property (`column-*`, `index-definition`). */
  expected?: string;
  actual?: string;
  /** A sentence for people. */
  detail: string;
}

/**
 * Every difference between two schema reports, in a stable order (table, then columns, indexes, foreign keys).
 * Types compare case-insensitively (`text` = `TEXT`); everything else exactly. Typical use: replay a module's
 * migrations from empty, build a fresh database from the current `0000`, and treat any drift as an error.
 *
 * @example
 * compareSchemas(readSchema(fresh), readSchema(replayed));
 * // [{ table: 'users', kind: 'column-type', name: 'age', expected: 'INTEGER', actual: 'REAL', detail: '…' }]
 */
export function compareSchemas(expected: SchemaReport, actual: SchemaReport): SchemaDrift[] {
  const out: SchemaDrift[] = [];
  const actualByName = new Map(actual.tables.map((t) => [t.name, t]));
  const expectedNames = new Set(expected.tables.map((t) => t.name));
  const all = [...new Set([...expectedNames, ...actualByName.keys()])].sort(compareCodeUnits);
  for (const name of all) {
    const e = expected.tables.find((t) => t.name === name);
    const a = actualByName.get(name);
    if (e && !a) out.push({ table: name, kind: 'missing-table', detail: `table ${name} is missing` });
    else if (!e && a) out.push({ table: name, kind: 'extra-table', detail: `table ${name} is not expected` });
    else if (e && a) out.push(...compareTables(e, a));
  }
  return out;
}

function compareTables(e: TableReport, a: TableReport): SchemaDrift[] {
  return [
    ...compareNamed(e.name, 'column', e.columns, a.columns, compareColumns),
    ...compareNamed(e.name, 'index', e.indexes, a.indexes, compareIndexes),
    ...compareForeignKeys(e, a),
  ];
}

function compareNamed<T extends { name: string }>(
  table: string,
  what: 'column' | 'index',
  expected: T[],
  actual: T[],
  compare: (table: string, e: T, a: T) => SchemaDrift[],
): SchemaDrift[] {
  const out: SchemaDrift[] = [];
  for (const e of expected) {
    const a = actual.find((x) => x.name === e.name);
    if (a) out.push(...compare(table, e, a));
    else out.push({ table, kind: `missing-${what}`, name: e.name, detail: `${what} ${e.name} is missing` });
  }
  for (const a of actual) {
    if (!expected.some((x) => x.name === a.name)) {
      out.push({ table, kind: `extra-${what}`, name: a.name, detail: `${what} ${a.name} is not expected` });
    }
  }
  return out;
}

function compareColumns(table: string, e: ColumnReport, a: ColumnReport): SchemaDrift[] {
  const typeText = (c: ColumnReport) =>
    c.type.toUpperCase() + (c.generated ? ` GENERATED ${c.generated.toUpperCase()}` : '');
  const checks: [DriftKind, string, string][] = [
    ['column-type', typeText(e), typeText(a)],
    ['column-not-null', e.notNull ? 'NOT NULL' : 'NULL', a.notNull ? 'NOT NULL' : 'NULL'],
    ['column-default', e.default ?? '(none)', a.default ?? '(none)'],
    ['column-primary-key', String(e.primaryKey), String(a.primaryKey)],
  ];
  return checks
    .filter(([, x, y]) => x !== y)
    .map(([kind, x, y]) => ({
      table,
      kind,
      name: e.name,
      expected: x,
      actual: y,
      detail: `column ${e.name}: ${kind.slice('column-'.length)} ${x} expected, ${y} found`,
    }));
}

function compareIndexes(table: string, e: IndexReport, a: IndexReport): SchemaDrift[] {
  const text = (ix: IndexReport) =>
    `${ix.unique ? 'UNIQUE ' : ''}(${ix.columns.join(', ')})${ix.partial ? ` WHERE ${ix.where ?? '?'}` : ''}`;
  if (text(e) === text(a)) return [];
  const detail = `index ${e.name}: ${text(e)} expected, ${text(a)} found`;
  return [{ table, kind: 'index-definition', name: e.name, expected: text(e), actual: text(a), detail }];
}

function compareForeignKeys(e: TableReport, a: TableReport): SchemaDrift[] {
  const expected = e.foreignKeys.map(foreignKeyText);
  const actual = a.foreignKeys.map(foreignKeyText);
  return [
    ...expected
      .filter((fk) => !actual.includes(fk))
      .map((fk): SchemaDrift => ({
        table: e.name,
        kind: 'missing-foreign-key',
        name: fk,
        detail: `foreign key ${fk} is missing`,
      })),
    ...actual
      .filter((fk) => !expected.includes(fk))
      .map((fk): SchemaDrift => ({
        table: e.name,
        kind: 'extra-foreign-key',
        name: fk,
        detail: `foreign key ${fk} is not expected`,
      })),
  ];
}

/** One line describing a foreign key, e.g. `(owner_id) → users(id) ON UPDATE NO ACTION ON DELETE CASCADE`. */
export function foreignKeyText(fk: ForeignKeyReport): string {
  return `(${fk.from.join(', ')}) → ${fk.table}(${fk.to.join(', ')}) ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}`;
}
