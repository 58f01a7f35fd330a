/**
 * Rules about the next migration: what the design adds to tables the module's migrations already created
 * (its baseline), which SQLite must then change in place.
 */
import type { Baseline, Column, ColumnDefault, Design } from '../design';
import { fullTableName } from '../design';
import { type RuleContext, issue, type Rule } from './support';
import type { Fix, Issue } from './types';

/**
 * Defaults SQLite sees: the app-made ones (`$defaultFn`) are invisible to it, and an SQL `NULL` (`(NULL)`) is no
 * value at all — `ADD … DEFAULT NULL NOT NULL` fails as if there were none (the migration plan says the same).
 */
function hasSqlDefault(c: Column): boolean {
  if (c.default?.kind === 'sql' && /^[\s(]*null[\s)]*$/i.test(c.default.sql)) return false;
  return c.default !== null && c.default.kind !== 'uuid' && c.default.kind !== 'fn';
}

/** True when a `.$type<…>()` names something other than an array, so `{}` is the empty value (not `[]`). */
function objectType(tsType: string | undefined): boolean {
  const t = tsType?.trim() ?? '';
  return t !== '' && !/\[\]$/.test(t) && !/^(?:readonly\s+)?(?:Readonly)?Array</.test(t) && !t.startsWith('[');
}

/**
 * A constant default that fits the column and that SQLite accepts in `ALTER TABLE … ADD`: the first value of
 * its enum, `''`, `0`, `false`, `[]` (or `{}` for a JSON object type), the empty blob, or `0` (1970) for a
 * timestamp. `null` when the design has none to offer (an enum without values).
 * @example sensibleDefault(column) // { kind: 'literal', value: '' } for a text column
 */
export function sensibleDefault(d: Design, c: Column): ColumnDefault | null {
  if (c.enumId !== null) {
    const first = d.enums[c.enumId]?.members[0];
    return first ? { kind: 'literal', value: first.value } : null;
  }
  if (c.mode === 'json') return { kind: 'json', json: objectType(c.tsType) ? '{}' : '[]' };
  if (c.mode === 'boolean') return { kind: 'literal', value: false };
  // drizzle's timestamp modes take a Date; a constant SQL 0 keeps ALTER TABLE … ADD possible.
  if (c.mode === 'timestamp' || c.mode === 'timestamp_ms') return { kind: 'sql', sql: '0' };
  switch (c.type) {
    case 'text':
      return { kind: 'literal', value: '' };
    case 'numeric':
      return { kind: 'literal', value: '0' };
    case 'integer':
    case 'real':
      return { kind: 'literal', value: 0 };
    case 'blob':
      return { kind: 'sql', sql: "x''" };
  }
}

/** How a default reads in a fix's label: `''`, `0`, `false`, `[]`, `x''`. */
function shown(def: ColumnDefault): string {
  switch (def.kind) {
    case 'literal':
      return typeof def.value === 'string' ? `'${def.value.replace(/'/g, "''")}'` : String(def.value);
    case 'json':
      return def.json;
    case 'sql':
      return def.sql;
    default:
      return def.kind;
  }
}

function addDefaultFix(d: Design, c: Column): Fix | undefined {
  // A key needs a value per row, and an app-made default would be lost: no one default is the right answer.
  if (c.primaryKey || c.default?.kind === 'uuid' || c.default?.kind === 'fn') return undefined;
  const def = sensibleDefault(d, c);
  if (!def) return undefined;
  return {
    label: `Add a default (${shown(def)})`,
    calls: [{ op: 'updateColumn', args: { columnId: c.id, patch: { default: def } } }],
  };
}

/** True when the baseline's snapshot (drizzle-kit's JSON, read defensively) has the column, nullable. */
function wasNullable(b: Baseline, table: string | undefined, column: string | undefined): boolean {
  if (table === undefined || column === undefined) return false;
  const tables = (b.snapshot as { tables?: unknown } | undefined)?.tables;
  if (typeof tables !== 'object' || tables === null || !Object.hasOwn(tables, table)) return false;
  const columns = (tables as Record<string, { columns?: unknown }>)[table]?.columns;
  if (typeof columns !== 'object' || columns === null || !Object.hasOwn(columns, column)) return false;
  return (columns as Record<string, { notNull?: unknown }>)[column]?.notNull === false;
}

export const baselineRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const b = d.baseline;
  if (!b) return [];
  const out: Issue[] = [];
  for (const t of Object.values(d.tables)) {
    if (!Object.hasOwn(b.tables, t.id)) continue;
    for (const c of ctx.columnsOf(t)) {
      if (!c.notNull || hasSqlDefault(c)) continue;
      if (Object.hasOwn(b.columns, c.id)) {
        // An existing column made NOT NULL: rows that hold NULL make the migration fail. A backfill migration of
        // the author's own can fill them first, so this is a warning; the write's dry run seeds NULLs and decides.
        if (wasNullable(b, b.tables[t.id], b.columns[c.id]))
          out.push(
            issue(
              'column-not-null-tightened',
              'warning',
              { kind: 'column', id: c.id },
              { table: fullTableName(d, t), column: c.name },
              addDefaultFix(d, c),
            ),
          );
        continue;
      }
      out.push(
        issue(
          'column-add-not-null-no-default',
          'error',
          { kind: 'column', id: c.id },
          { table: fullTableName(d, t), column: c.name },
          addDefaultFix(d, c),
        ),
      );
    }
  }
  return out;
};
