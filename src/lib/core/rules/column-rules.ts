/** Rules about columns: names and keys, modes, defaults, and the CHECK that textEnum writes. */
import { type Column, type Design, fullTableName, tableColumns } from '../design';
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
import { duplicates, isUnsafeSqlName, issue, unsafeChars, type Rule } from './support';
import type { Issue } from './types';

/**
 * SQL defaults SQLite accepts without parentheses: literals, the CURRENT_* keywords, and one double-quoted word
 * (which SQLite reads there as text).
 */
const BARE_DEFAULT =
  /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|'(?:[^']|'')*'|"(?:[^"]|"")*"|null|true|false|current_time|current_date|current_timestamp|x'[0-9a-f]*')$/i;

/** A `"…"` token outside string literals: inside an expression SQLite reads it as a column name. */
const DOUBLE_QUOTED = /'(?:[^']|'')*'|"((?:[^"]|"")*)"/g;

/**
 * The SQL with every `"…"` outside string literals written as a string literal `'…'`, or null when there is none.
 * @example singleQuoted('(strftime("%s","now"))') // "(strftime('%s','now'))"
 */
function singleQuoted(sql: string): string | null {
  let found = false;
  const out = sql.replace(DOUBLE_QUOTED, (m, inner: string | undefined) => {
    if (inner === undefined) return m;
    found = true;
    return `'${inner.replace(/""/g, '"').replace(/'/g, "''")}'`;
  });
  return found ? out : null;
}

/** True when the whole expression is wrapped in one pair of parentheses. */
function isParenthesized(sql: string): boolean {
  const s = sql.trim();
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

function col(c: Column) {
  return { kind: 'column' as const, id: c.id };
}

function update(c: Column, patch: Partial<Column>): OperationCall {
  return { op: 'updateColumn', args: { columnId: c.id, patch } };
}

/**
 * `cols`: the table's columns (the rules check every column of a table, so they are read once per table);
 * `inCheck`: the name is written bare into textEnum's CHECK, where a refused keyword is an error of its own.
 */
function nameRules(cols: Column[], c: Column, inCheck: boolean, p: Record<string, string>, out: Issue[]): void {
  if (isUnsafeSqlName(c.name)) {
    out.push(
      issue('sql-name-unsafe', 'error', col(c), { ...p, name: c.name, what: 'column', reason: unsafeChars(c.name) }),
    );
  } else {
    if (!isSnakeCase(c.name)) {
      const snake = toSnakeCase(c.name);
      const taken = cols.some((o) => o.id !== c.id && o.name.toLowerCase() === snake);
      out.push(
        issue(
          'column-name-not-snake-case',
          'warning',
          col(c),
          { ...p, suggestion: snake },
          snake && !taken ? { label: `Rename to "${snake}"`, calls: [update(c, { name: snake })] } : undefined,
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
  const keyTaken = cols.some((o) => o.id !== c.id && o.key === camel);
  const keyFix = camel && !keyTaken ? { label: `Use "${camel}"`, calls: [update(c, { key: camel })] } : undefined;
  // The generated code quotes such a key (`"due-date": text(…)`): it compiles, so this is a convention.
  if (!valid) out.push(issue('column-key-invalid', 'warning', col(c), { ...p, key: c.key }, keyFix));
  else out.push(issue('column-key-not-camel-case', 'warning', col(c), { ...p, key: c.key, suggestion: camel }, keyFix));
}

function typeRules(d: Design, c: Column, p: Record<string, string>, out: Issue[]): void {
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
    if (def?.kind === 'literal' && !e.members.some((m) => m.value === def.value)) {
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
  if (def.kind === 'sql') {
    const sql = def.sql.trim();
    let quoted = BARE_DEFAULT.test(sql) ? null : singleQuoted(sql);
    if (quoted !== null && !BARE_DEFAULT.test(quoted) && !isParenthesized(quoted)) quoted = `(${quoted})`;
    if (sql === '') out.push(issue('default-sql-empty', 'error', col(c), p, drop));
    else if (quoted !== null) {
      out.push(
        issue(
          'default-sql-double-quoted',
          'error',
          col(c),
          { ...p, sql },
          {
            label: `Use ${quoted}`,
            calls: [update(c, { default: { kind: 'sql', sql: quoted } })],
          },
        ),
      );
    } else if (!BARE_DEFAULT.test(sql) && !isParenthesized(sql)) {
      out.push(
        issue(
          'default-sql-unparenthesized',
          'error',
          col(c),
          { ...p, sql },
          {
            label: `Use (${sql})`,
            calls: [update(c, { default: { kind: 'sql', sql: `(${sql})` } })],
          },
        ),
      );
    }
  }
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
    if (typeof value === 'string' || typeof value === 'boolean') {
      out.push(issue('default-json-scalar', 'error', col(c), { ...p, kind: typeof value }, drop));
    } else if (typeof value === 'object' && value !== null && JSON.stringify(value).includes("'")) {
      out.push(issue('default-json-quote', 'error', col(c), p, drop));
    }
  }
}

export const columnRules: Rule = (d: Design): Issue[] => {
  const out: Issue[] = [];
  for (const t of Object.values(d.tables)) {
    const cols = tableColumns(d, t);
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
      nameRules(cols, c, inCheck, p, out);
      typeRules(d, c, p, out);
      defaultRules(c, p, out);
    }
  }
  return out;
};
