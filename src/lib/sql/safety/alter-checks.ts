/** Checks on `ALTER TABLE … ADD`, `ALTER TABLE … DROP COLUMN` and a plain `DROP TABLE` (not part of a rebuild). */
import { isNullDefault } from '../default-constant';
import { dropEffects, effectParams } from './effects';
import { type LocatedStatement, finding } from './host-checks';
import type { SchemaModel } from './model';
import type { SafetyFinding } from './types';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * `ALTER TABLE t ADD c …`: SQLite refuses some columns outright (UNIQUE, PRIMARY KEY), and others only when the
 * table has rows (NOT NULL without default — B9; a non-NULL default on a REFERENCES column with foreign keys on;
 * a non-constant default). `tableIsEmpty` = the table was created earlier in this file, so it has no rows.
 * drizzle-kit also writes the REFERENCES target unquoted and without its actions (B8).
 * @example checkAddColumn(statement, false) // [{ code: 'add-not-null-without-default', … }]
 */
export function checkAddColumn(s: LocatedStatement, tableIsEmpty: boolean): SafetyFinding[] {
  if (s.info.kind !== 'add-column') return [];
  const { table, column: c } = s.info;
  const out: SafetyFinding[] = [];
  const base = { table, column: c.name };
  if (c.unique || c.primaryKey) {
    out.push(
      finding(s, 'add-column-unique-or-primary-key', 'error', {
        ...base,
        constraint: c.primaryKey ? 'PRIMARY KEY' : 'UNIQUE',
      }),
    );
  }
  if (!tableIsEmpty) {
    if (c.notNull && isNullDefault(c.default) && c.generated === null) {
      out.push(finding(s, 'add-not-null-without-default', 'error', base));
    }
    if (c.references && !isNullDefault(c.default)) {
      out.push(finding(s, 'add-references-with-default', 'error', { ...base, default: c.default ?? '' }));
    }
    if (!c.defaultConstant) {
      out.push(finding(s, 'add-column-non-constant-default', 'error', { ...base, default: c.default ?? '' }));
    }
  }
  const ref = c.references;
  if (ref && ref.table.quote === '') {
    if (ref.table.badChar) {
      out.push(
        finding(s, 'add-references-unquoted', 'error', { ...base, target: ref.table.raw, char: ref.table.badChar }),
      );
    } else if (ref.onDelete === null && ref.onUpdate === null) {
      out.push(finding(s, 'add-references-unquoted', 'warning', { ...base, target: ref.table.raw }));
    }
  }
  return out;
}

/**
 * `ALTER TABLE t DROP COLUMN c`: the column's data is gone; SQLite refuses when an index still uses it.
 * @example checkDropColumn(statement, model) // [{ code: 'drop-column', … }]
 */
export function checkDropColumn(s: LocatedStatement, model: SchemaModel): SafetyFinding[] {
  if (s.info.kind !== 'drop-column') return [];
  const { table, column } = s.info;
  const out = [finding(s, 'drop-column', 'warning', { table, column })];
  for (const ix of model.indexes.values()) {
    if (same(ix.table, table) && ix.columns.some((c) => same(c, column))) {
      out.push(finding(s, 'drop-column-indexed', 'error', { table, column, index: ix.name }));
    }
  }
  return out;
}

/**
 * A `DROP TABLE` that is not part of a rebuild: `drop-table`, plus what it does to the tables that reference
 * it. drizzle-kit emits the drop of a referenced table before the `PRAGMA foreign_keys=OFF` of the child's
 * rebuild (B16); in the host the PRAGMA would not help anyway.
 * @example checkDropTable(statement, model, true, false)
 */
export function checkDropTable(
  s: LocatedStatement,
  model: SchemaModel,
  pragmaOffFollows: boolean,
  foreignKeysOff: boolean,
): SafetyFinding[] {
  if (s.info.kind !== 'drop-table') return [];
  const table = s.info.table;
  // A scratch copy made by this file (CREATE TABLE … AS SELECT) held nothing that existed before.
  if (model.scratch.has(table.toLowerCase())) return [];
  const out = [finding(s, 'drop-table', 'warning', { table })];
  const effects = dropEffects(model, table);
  const beforePragma = pragmaOffFollows && !foreignKeysOff;
  if (effects.length > 0) {
    const code = beforePragma ? 'drop-parent-table-before-pragma' : 'drop-referenced-table';
    out.push(
      finding(s, code, 'error', { table, schemaKnown: model.complete ? 1 : 0, ...effectParams(effects, table) }),
    );
  } else if (beforePragma && !model.complete) {
    out.push(finding(s, 'drop-parent-table-before-pragma', 'warning', { table, schemaKnown: 0 }));
  }
  return out;
}
