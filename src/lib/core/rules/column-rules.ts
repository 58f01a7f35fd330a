/** Rules about columns: names and keys, modes, defaults, and the CHECK that textEnum writes. */
import { type Column, type Design, fullTableName } from '../design';
import {
  isBareSqlWord,
  isCamelCase,
  isIdentifier,
  isRefusedColumnName,
  isSnakeCase,
  toCamelCase,
  toSnakeCase,
} from '../naming';
import type { OperationCall } from '../operations';
import { defaultFits, modesFor } from '../operations/columns';
import { sqlDefaultProblem } from '../sql-default';
import { IdsByKey, type RuleContext, duplicates, isUnsafeSqlName, issue, unsafeChars, type Rule } from './support';
import type { Fix, Issue } from './types';

/** A `"…"` token outside string literals: inside an expression SQLite reads it as a column name. */
const DOUBLE_QUOTED = /'(?:[^']|'')*'|"((?:[^"]|"")*)"/g;

/**
 * The SQL with every `"…"` outside string literals written as a string literal `'…'`, or null when there is none.
 * A lone `"…"` is a literal SQLite takes as text, so it is left alone.
 * @example singleQuoted('(strftime("%s","now"))') // "(strftime('%s','now'))"
 */
function singleQuoted(sql: string): string | null {
  if (/^"(?:[^"]|"")*"$/.test(sql)) return null;
  let found = false;
  const out = sql.replace(DOUBLE_QUOTED, (m, inner: string | undefined) => {
    if (inner === undefined) return m;
    found = true;
    return `'${inner.replace(/""/g, '"').replace(/'/g, "''")}'`;
  });
  return found ? out : null;
}

/** The expression wrapped in parentheses when SQLite needs them, or null when no wrapping makes it a default. */
function asDefault(sql: string): string | null {
  const problem = sqlDefaultProblem(sql);
  if (problem === null) return sql;
  if (problem !== 'not-one-expression') return null;
  return sqlDefaultProblem(`(${sql})`) === null ? `(${sql})` : null;
}

function col(c: Column) {
  return { kind: 'column' as const, id: c.id };
}

function update(c: Column, patch: Partial<Column>): OperationCall {
  return { op: 'updateColumn', args: { columnId: c.id, patch } };
}

/** A table's columns by lower-case name and by key, so a fix can tell whether its suggestion is free in one step. */
interface Taken {
  names: IdsByKey<Column>;
  keys: IdsByKey<Column>;
}

/**
 * `taken`: the table's columns by name and key (built once per table: asking every column's suggestion against
 * all columns would grow with the square of a table's width); `inCheck`: the name is written bare into textEnum's
 * CHECK, where a refused keyword is an error of its own.
 */
function nameRules(taken: Taken, c: Column, inCheck: boolean, p: Record<string, string>, out: Issue[]): void {
  if (isUnsafeSqlName(c.name)) {
    out.push(
      issue('sql-name-unsafe', 'error', col(c), { ...p, name: c.name, what: 'column', reason: unsafeChars(c.name) }),
    );
  } else {
    if (!isSnakeCase(c.name)) {
      const snake = toSnakeCase(c.name);
      const nameTaken = taken.names.hasOther(snake, c.id);
      out.push(
        issue(
          'column-name-not-snake-case',
          'warning',
          col(c),
          { ...p, suggestion: snake },
          snake && !nameTaken ? { label: `Rename to "${snake}"`, calls: [update(c, { name: snake })] } : undefined,
        ),
      );
    }
    if (isRefusedColumnName(c.name) && !inCheck)
      out.push(issue('sql-reserved-word', 'warning', col(c), { ...p, name: c.name, what: 'column' }));
  }
  const valid = isIdentifier(c.key);
  if (valid && isCamelCase(c.key)) return;
  // Only a key with a problem needs the suggestion (this runs for every column on every edit).
  const camel = toCamelCase(c.name);
  const keyTaken = taken.keys.hasOther(camel, c.id);
  const keyFix = camel && !keyTaken ? { label: `Use "${camel}"`, calls: [update(c, { key: camel })] } : undefined;
  // The generated code quotes such a key (`"due-date": text(…)`): it compiles, so this is a convention.
  if (!valid) out.push(issue('column-key-invalid', 'warning', col(c), { ...p, key: c.key }, keyFix));
  else out.push(issue('column-key-not-camel-case', 'warning', col(c), { ...p, key: c.key, suggestion: camel }, keyFix));
}

function typeRules(d: Design, ctx: RuleContext, c: Column, p: Record<string, string>, out: Issue[]): void {
  if (c.mode !== null && !modesFor(c.type).includes(c.mode)) {
    out.push(
      issue(
        'mode-type-mismatch',
        'error',
        col(c),
        { ...p, mode: c.mode, type: c.type },
        { label: 'Remove the mode', calls: [update(c, { mode: null })] },
      ),
    );
  }
  const e = c.enumId ? d.enums[c.enumId] : undefined;
  if (e) {
    if (c.type !== 'text' || c.mode !== null) {
      out.push(
        issue(
          'enum-column-not-text',
          'error',
          col(c),
          { ...p, enum: e.name },
          { label: 'Make it plain text', calls: [update(c, { type: 'text', mode: null })] },
        ),
      );
    }
    if (c.enumForm === 'values') {
      out.push(
        issue(
          'enum-values-form',
          'warning',
          col(c),
          { ...p, enum: e.name },
          { label: 'Use textEnum', calls: [update(c, { enumForm: 'textEnum' })] },
        ),
      );
    } else if (!isBareSqlWord(c.name) || isRefusedColumnName(c.name)) {
      const name = `${toSnakeCase(c.name) || 'value'}_value`;
      out.push(
        issue(
          'enum-column-name-unquotable',
          'error',
          col(c),
          { ...p, name: c.name },
          { label: `Rename to "${name}"`, calls: [update(c, { name })] },
        ),
      );
    }
    const def = c.default;
    if (def?.kind === 'literal' && !(typeof def.value === 'string' && ctx.enumValues(e).has(def.value))) {
      out.push(
        issue(
          'enum-default-not-member',
          'error',
          col(c),
          { ...p, value: String(def.value), enum: e.name },
          { label: 'Remove the default', calls: [update(c, { default: null })] },
        ),
      );
    }
  }
}

function defaultRules(c: Column, p: Record<string, string>, out: Issue[]): void {
  const def = c.default;
  if (!def) return;
  const drop = { label: 'Remove the default', calls: [update(c, { default: null })] };
  if (!defaultFits(def, c.type, c.mode)) {
    const kind = def.kind === 'literal' ? `${typeof def.value} literal` : def.kind === 'uuid' ? 'UUID' : def.kind;
    out.push(
      issue(
        'default-type-mismatch',
        'error',
        col(c),
        { ...p, kind, type: c.mode ? `${c.type} (${c.mode})` : c.type },
        drop,
      ),
    );
    return;
  }
  // Code from a design file or a share link lands in the module and runs there: never without the author seeing it.
  if (def.kind === 'fn') out.push(issue('default-fn-custom', 'warning', col(c), { ...p, code: def.code }));
  if (def.kind === 'sql') sqlDefaultRules(c, def.sql.trim(), p, drop, out);
  if (def.kind === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(def.json);
    } catch (e) {
      out.push(issue('default-json-invalid', 'error', col(c), { ...p, error: (e as Error).message }, drop));
      return;
    }
    // drizzle-kit writes a string or boolean default as a plain SQL value: 'abc' is not JSON, and true is stored
    // as 1. Objects, arrays, numbers and null read back as written.
    if (value === null) {
      // drizzle-kit writes DEFAULT 'null' (the text), while drizzle-orm inserts SQL NULL for a column left out: two
      // values for one default, and on a NOT NULL column every insert by the app that leaves the column out fails.
      const empty = c.notNull
        ? { label: 'Use []', calls: [update(c, { default: { kind: 'json', json: '[]' } })] }
        : drop;
      out.push(issue('default-json-null', c.notNull ? 'error' : 'warning', col(c), p, empty));
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      out.push(issue('default-json-scalar', 'error', col(c), { ...p, kind: typeof value }, drop));
    } else if (typeof value === 'object' && value !== null && JSON.stringify(value).includes("'")) {
      out.push(issue('default-json-quote', 'error', col(c), p, drop));
    }
  }
}

/**
 * An SQL default is written verbatim after DEFAULT: it must be one expression SQLite takes there, judged by the
 * lexer (`sqlDefaultProblem`), so that no text can end the expression and add statements of its own.
 */
function sqlDefaultRules(c: Column, sql: string, p: Record<string, string>, drop: Fix, out: Issue[]): void {
  if (sql === '') {
    out.push(issue('default-sql-empty', 'error', col(c), p, drop));
    return;
  }
  const problem = sqlDefaultProblem(sql);
  if (problem !== null && problem !== 'not-one-expression') {
    out.push(issue('default-sql-invalid', 'error', col(c), { ...p, sql, reason: problem }, drop));
    return;
  }
  const quoted = singleQuoted(sql);
  if (quoted !== null) {
    const fixed = asDefault(quoted);
    out.push(
      issue(
        'default-sql-double-quoted',
        'error',
        col(c),
        { ...p, sql },
        fixed === null
          ? undefined
          : { label: `Use ${fixed}`, calls: [update(c, { default: { kind: 'sql', sql: fixed } })] },
      ),
    );
    return;
  }
  if (problem === null) return;
  const wrapped = asDefault(sql);
  if (wrapped === null) {
    out.push(issue('default-sql-invalid', 'error', col(c), { ...p, sql, reason: problem }, drop));
    return;
  }
  out.push(
    issue(
      'default-sql-unparenthesized',
      'error',
      col(c),
      { ...p, sql },
      { label: `Use ${wrapped}`, calls: [update(c, { default: { kind: 'sql', sql: wrapped } })] },
    ),
  );
}

export const columnRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const out: Issue[] = [];
  for (const t of Object.values(d.tables)) {
    const cols = ctx.columnsOf(t);
    const taken: Taken = {
      names: new IdsByKey(cols, (o) => o.name.toLowerCase()),
      keys: new IdsByKey(cols, (o) => o.key),
    };
    const table = fullTableName(d, t);
    for (const group of duplicates(cols, (c) => c.name.toLowerCase())) {
      for (const c of group.slice(1))
        out.push(issue('column-name-duplicate', 'error', col(c), { table, column: c.name }));
    }
    for (const group of duplicates(cols, (c) => c.key)) {
      for (const c of group.slice(1))
        out.push(issue('column-key-duplicate', 'error', col(c), { table, column: c.name, key: c.key }));
    }
    for (const c of cols) {
      const p = { table, column: c.name };
      const inCheck = c.enumId !== null && d.enums[c.enumId] !== undefined && c.enumForm !== 'values';
      nameRules(taken, c, inCheck, p, out);
      typeRules(d, ctx, c, p, out);
      defaultRules(c, p, out);
    }
  }
  return out;
};
