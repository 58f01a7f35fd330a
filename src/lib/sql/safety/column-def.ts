/**
 * Parses one column definition (`` `name` type … constraints ``) and `REFERENCES` clauses, as they appear in
 * CREATE TABLE bodies and in `ALTER TABLE … ADD`.
 */
import { isConstantDefault } from '../default-constant';
import { readName, readNameList, type NameRef } from './names';
import { closingParen, isPunct, isWord, type Token } from './tokens';

export interface ReferenceDef {
  table: NameRef;
  columns: string[];
  /** Lower-case action (`cascade`, `set null`, `no action` …), or null when the clause has none. */
  onDelete: string | null;
  onUpdate: string | null;
}

export interface ColumnDef {
  name: string;
  /** The declared type as written (`text`, `text(255)`, `text CHECK(…)` minus the CHECK), may be ''. */
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** The DEFAULT expression as written, or null. */
  default: string | null;
  /**
   * False for CURRENT_TIME/DATE/TIMESTAMP and a parenthesised expression that is not a literal (`(lower('X'))`,
   * `(1+1)`): SQLite refuses to ADD such a column to a table that has rows ("Cannot add a column with non-constant
   * default"). `(1)` or `('x')` is constant (see ../default-constant.ts).
   */
  defaultConstant: boolean;
  generated: 'virtual' | 'stored' | null;
  references: ReferenceDef | null;
}

const CONSTRAINT_START = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
]);

const ACTIONS = ['SET NULL', 'SET DEFAULT', 'CASCADE', 'RESTRICT', 'NO ACTION'];

/** Reads `ON DELETE|UPDATE <action>` pairs (and skips MATCH / DEFERRABLE) from `i`. */
function readActions(tokens: readonly Token[], i: number, ref: ReferenceDef): number {
  let j = i;
  for (;;) {
    if (isWord(tokens[j], 'ON') && (isWord(tokens[j + 1], 'DELETE') || isWord(tokens[j + 1], 'UPDATE'))) {
      const which = tokens[j + 1]?.value.toUpperCase();
      const two = `${tokens[j + 2]?.value ?? ''} ${tokens[j + 3]?.value ?? ''}`.toUpperCase();
      const action = ACTIONS.find((a) => a === two || a === tokens[j + 2]?.value.toUpperCase()) ?? '';
      const width = action.includes(' ') ? 2 : 1;
      if (which === 'DELETE') ref.onDelete = action.toLowerCase() || null;
      else ref.onUpdate = action.toLowerCase() || null;
      j += 2 + width;
    } else if (isWord(tokens[j], 'MATCH')) j += 2;
    else if (isWord(tokens[j], 'NOT') && isWord(tokens[j + 1], 'DEFERRABLE')) j += 2;
    else if (isWord(tokens[j], 'DEFERRABLE')) j += isWord(tokens[j + 1], 'INITIALLY') ? 3 : 1;
    else return j;
  }
}

/**
 * Reads `REFERENCES t [(cols)] [ON DELETE x] [ON UPDATE y]` where `tokens[i]` is the word REFERENCES.
 * @example readReference(tokenize('REFERENCES users(id)'), 0)?.ref.table.name // 'users'
 */
export function readReference(tokens: readonly Token[], i: number): { ref: ReferenceDef; next: number } | null {
  const table = readName(tokens, i + 1);
  if (!table) return null;
  const list = readNameList(tokens, table.next);
  const ref: ReferenceDef = { table, columns: list.names, onDelete: null, onUpdate: null };
  return { ref, next: readActions(tokens, list.next, ref) };
}

/** The source text covered by tokens `from..to` (inclusive), from the statement text. */
function textOf(sql: string, tokens: readonly Token[], from: number, to: number): string {
  const a = tokens[from];
  const b = tokens[to];
  return a && b ? sql.slice(a.start, b.end) : '';
}

/** Reads a DEFAULT value starting at token `i`; returns the text, constness and the next index. */
function readDefault(sql: string, tokens: readonly Token[], i: number) {
  const t = tokens[i];
  let last = i;
  if (isPunct(t, '(')) last = closingParen(tokens, i);
  // A signed number is two tokens; a blob literal X'00' is a word touching a string.
  else if ((isPunct(t, '-') || isPunct(t, '+')) && tokens[i + 1]) last = i + 1;
  else if (
    t?.kind === 'word' &&
    /^x$/i.test(t.value) &&
    tokens[i + 1]?.kind === 'string' &&
    tokens[i + 1]?.start === t.end
  )
    last = i + 1;
  const text = textOf(sql, tokens, i, last);
  return { text, constant: isConstantDefault(text), next: last + 1 };
}

/**
 * Parses a column definition from its tokens (those of one item of a CREATE TABLE body, or what follows
 * `ADD [COLUMN]`). `sql` is the text the token offsets point into.
 * @example parseColumnDef(sql, tokenize(sql)) // for sql = "`a` text DEFAULT 'x' NOT NULL" → { name: 'a', notNull: true, … }
 */
export function parseColumnDef(sql: string, tokens: readonly Token[]): ColumnDef | null {
  const name = readName(tokens, 0);
  if (!name) return null;
  const col: ColumnDef = {
    name: name.name,
    type: '',
    notNull: false,
    primaryKey: false,
    unique: false,
    default: null,
    defaultConstant: true,
    generated: null,
    references: null,
  };
  let i = name.next;
  const typeStart = i;
  while (i < tokens.length && !(tokens[i]?.kind === 'word' && CONSTRAINT_START.has(tokens[i]!.value.toUpperCase()))) {
    i = isPunct(tokens[i], '(') ? closingParen(tokens, i) + 1 : i + 1;
  }
  col.type = i > typeStart ? textOf(sql, tokens, typeStart, i - 1) : '';
  while (i < tokens.length) {
    const t = tokens[i];
    if (isWord(t, 'PRIMARY')) {
      col.primaryKey = true;
      i += 2;
    } else if (isWord(t, 'NOT') && isWord(tokens[i + 1], 'NULL')) {
      col.notNull = true;
      i += 2;
    } else if (isWord(t, 'UNIQUE')) {
      col.unique = true;
      i++;
    } else if (isWord(t, 'DEFAULT')) {
      const d = readDefault(sql, tokens, i + 1);
      col.default = d.text;
      col.defaultConstant = d.constant;
      i = d.next;
    } else if (isWord(t, 'REFERENCES')) {
      const r = readReference(tokens, i);
      if (!r) break;
      col.references = r.ref;
      i = r.next;
    } else if (isWord(t, 'AS') || isWord(t, 'GENERATED')) {
      let j = isWord(t, 'GENERATED') ? i + 3 : i + 1; // GENERATED ALWAYS AS (
      const close = closingParen(tokens, j);
      j = close + 1;
      col.generated = isWord(tokens[j], 'STORED') ? 'stored' : 'virtual';
      i = isWord(tokens[j], 'STORED') || isWord(tokens[j], 'VIRTUAL') ? j + 1 : j;
    } else if (isPunct(t, '(')) i = closingParen(tokens, i) + 1;
    else i++;
  }
  return col;
}
