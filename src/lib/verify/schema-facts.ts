/**
 * A database's schema as a flat set of facts — "table t exists", "column t.c is NOT NULL", "t has UNIQUE (a)" —
 * each with a value to compare and a phrase to show. Two schemas (what the migrations build, what tables.ts or the
 * last snapshot describes) are compared fact by fact, which names every difference precisely (schema-diff.ts).
 */
import type { Database } from 'sql.js';
import { type ColumnReport, type TableReport, readSchema } from '../sql/schema-report';
import { normalizeExpression } from '../sql/same-schema';
import { type CheckConstraint, type TableChecks, readChecks } from './check-constraints';

/**
 * What a fact is about. `table`, `column`, `unique`, `index` and `foreign-key` are things that exist or not; the
 * others are properties of a column (or, for `table-check`, of a table) that exist whenever their owner does.
 */
export type FactKind =
  | 'table'
  | 'column'
  | 'type'
  | 'not-null'
  | 'default'
  | 'check'
  | 'primary-key'
  | 'unique'
  | 'index'
  | 'foreign-key'
  | 'table-check';

export interface Fact {
  /** Unique within a schema, equal across schemas for the same thing, e.g. `not-null|MoLOS-Tasks_tasks|title`. */
  key: string;
  kind: FactKind;
  table: string;
  /** The column, the index name or the foreign key's text; absent for `table` and `table-check`. */
  name?: string;
  /** The columns it concerns (for a column fact, the column itself). */
  columns: string[];
  /** The fact that must exist for this one to (the table of a column, the column of a property). */
  parent?: string;
  /** What is compared. */
  value: string;
  /** How it is shown: a phrase that reads after "builds" / "says", e.g. `NOT NULL`, `DEFAULT 'user'`. */
  display: string;
  /** The CHECK constraints behind a `check` or `table-check` fact. */
  checks?: CheckConstraint[];
  /** For a `column` fact: the column as SQLite reports it. */
  column?: ColumnReport;
}

/** A schema's facts by key. */
export type SchemaFacts = Map<string, Fact>;

function columnSummary(c: ColumnReport, checks: CheckConstraint[]): string {
  const parts = [c.type.toLowerCase() || '(no type)'];
  if (c.primaryKey > 0) parts.push('PRIMARY KEY');
  if (c.notNull) parts.push('NOT NULL');
  if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  for (const check of checks) parts.push(check.text);
  if (c.generated) parts.push(`GENERATED (${c.generated})`);
  return parts.join(' ');
}

const checkValue = (checks: readonly CheckConstraint[]) =>
  checks
    .map((c) => c.normalized)
    .sort()
    .join(' AND ');

function tableFacts(t: TableReport, checks: TableChecks | undefined, add: (f: Fact) => void): void {
  const tableKey = `table|${t.name}`;
  add({ key: tableKey, kind: 'table', table: t.name, columns: [], value: 'present', display: `table ${t.name}` });
  const pkColumns = t.columns.filter((c) => c.primaryKey > 0).length;
  for (const c of t.columns) {
    const colKey = `column|${t.name}|${c.name}`;
    const colChecks = checks?.columns.get(c.name.toLowerCase()) ?? [];
    const base = { table: t.name, name: c.name, columns: [c.name] };
    add({
      ...base,
      key: colKey,
      kind: 'column',
      parent: tableKey,
      value: 'present',
      display: columnSummary(c, colChecks),
      column: c,
    });
    const prop = (kind: FactKind, value: string, display: string, extra: Partial<Fact> = {}) =>
      add({ ...base, key: `${kind}|${t.name}|${c.name}`, kind, parent: colKey, value, display, ...extra });
    const type = c.type.toUpperCase() + (c.generated ? ` GENERATED ${c.generated.toUpperCase()}` : '');
    prop('type', type, `type ${type || '(none)'}`);
    prop('not-null', c.notNull ? 'NOT NULL' : 'NULL', c.notNull ? 'NOT NULL' : 'nullable');
    prop(
      'default',
      c.default === null ? '' : normalizeExpression(c.default),
      c.default === null ? 'no default' : `DEFAULT ${c.default}`,
    );
    prop('check', checkValue(colChecks), colChecks.length ? colChecks.map((x) => x.text).join(' ') : 'no CHECK', {
      checks: colChecks,
    });
    prop(
      'primary-key',
      String(c.primaryKey),
      c.primaryKey === 0
        ? 'not part of the primary key'
        : pkColumns > 1
          ? `column ${c.primaryKey} of the primary key`
          : 'the primary key',
    );
  }
  for (const ix of t.indexes) {
    const cols = `(${ix.columns.join(', ')})`;
    if (ix.unique && !ix.partial) {
      // A UNIQUE constraint and a unique index on the same columns refuse the same rows: the key is the columns,
      // and the name (which a later DROP INDEX needs) is the value.
      const how = ix.name.startsWith('unique(') ? 'a UNIQUE constraint' : `unique index ${ix.name}`;
      add({
        key: `unique|${t.name}|${ix.columns.join(',')}`,
        kind: 'unique',
        table: t.name,
        name: cols,
        columns: ix.columns,
        parent: tableKey,
        value: how,
        display: `UNIQUE ${cols} as ${how}`,
      });
      continue;
    }
    const definition = `${ix.unique ? 'UNIQUE ' : ''}${cols}${ix.partial ? ` WHERE ${ix.where ?? '?'}` : ''}`;
    add({
      key: `index|${t.name}|${ix.name}`,
      kind: 'index',
      table: t.name,
      name: ix.name,
      columns: ix.columns,
      parent: tableKey,
      value: `${ix.unique ? 'UNIQUE ' : ''}${cols}${ix.partial ? ` WHERE ${normalizeExpression(ix.where ?? '')}` : ''}`,
      display: `index ${ix.name} ${definition}`,
    });
  }
  for (const fk of t.foreignKeys) {
    const text = `(${fk.from.join(', ')}) → ${fk.table}(${fk.to.join(', ')})`;
    const actions = `ON UPDATE ${fk.onUpdate.toLowerCase()} ON DELETE ${fk.onDelete.toLowerCase()}`;
    add({
      key: `foreign-key|${t.name}|${text}`,
      kind: 'foreign-key',
      table: t.name,
      name: text,
      columns: fk.from,
      parent: tableKey,
      value: actions,
      display: `${text} ${actions}`,
    });
  }
  const tableChecks = checks?.table ?? [];
  add({
    key: `table-check|${t.name}`,
    kind: 'table-check',
    table: t.name,
    columns: [],
    parent: tableKey,
    value: checkValue(tableChecks),
    display: tableChecks.length ? tableChecks.map((c) => c.text).join(', ') : 'no table CHECK',
    checks: tableChecks,
  });
}

/**
 * The facts of every user table of a database (the host's and drizzle's bookkeeping tables left out).
 * @example schemaFacts(db).get('not-null|MoLOS-Tasks_tasks|title')?.display // 'NOT NULL'
 */
export function schemaFacts(db: Database): SchemaFacts {
  const checks = readChecks(db);
  const facts: SchemaFacts = new Map();
  for (const t of readSchema(db).tables) tableFacts(t, checks.get(t.name), (f) => facts.set(f.key, f));
  return facts;
}
