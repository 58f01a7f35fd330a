/**
 * Parses the body of a `CREATE TABLE t ( … )`: its columns, its foreign keys (column-level and table-level) and
 * its CHECK constraints. The one reader of table bodies: the migration safety analysis and the SQL importer
 * (import/schema/ddl-text.ts) both build on {@link readTableBody}.
 */
import { parseColumnDef, readReference, type ColumnDef } from './column-def';
import { readNameList } from './names';
import { isPunct, isWord, splitTopLevel, type Token } from './tokens';

export interface ForeignKeyDef {
  columns: string[];
  table: string;
  /** Lower-case action, or `no action` when the clause has none (SQLite's default). */
  onDelete: string;
  onUpdate: string;
}

export interface TableBody {
  columns: ColumnDef[];
  foreignKeys: ForeignKeyDef[];
}

/** One column definition of a table body, with what only its text says. */
export interface BodyColumn {
  def: ColumnDef;
  /** Offset of the column definition (its name) in the statement. */
  start: number;
  /** The expressions of the column's CHECK constraints, as written (without `CHECK(` and `)`). */
  checks: string[];
  autoincrement: boolean;
}

/** A table body read item by item: its columns and its table constraints, in order. */
export interface TableBodyItems {
  columns: BodyColumn[];
  /** The expressions of the table-level CHECK constraints, as written. */
  checks: string[];
  /** Every foreign key, column-level and table-level, in the order the body states them. */
  foreignKeys: ForeignKeyDef[];
}

const TABLE_CONSTRAINT = new Set(['CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK']);

/** Index of the `)` matching the `(` at `open`, or the token count when it is missing (the rest is inside). */
function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}

/** A table-level `[CONSTRAINT n] FOREIGN KEY (cols) REFERENCES …`, or null for other table constraints. */
function tableForeignKey(item: readonly Token[]): ForeignKeyDef | null {
  const fk = item.findIndex((t) => isWord(t, 'FOREIGN'));
  if (fk < 0 || !isWord(item[fk + 1], 'KEY')) return null;
  const cols = readNameList(item, fk + 2);
  if (!isWord(item[cols.next], 'REFERENCES')) return null;
  const r = readReference(item, cols.next);
  if (!r) return null;
  return {
    columns: cols.names,
    table: r.ref.table.name,
    onDelete: r.ref.onDelete ?? 'no action',
    onUpdate: r.ref.onUpdate ?? 'no action',
  };
}

/**
 * The expressions of the `CHECK ( … )` constraints in a run of tokens, as text of `sql` (the text the token
 * offsets point into).
 * @example checkExpressions(sql, tokenize(sql)) // for sql = "a int CHECK (a > 0)" → ['a > 0']
 */
export function checkExpressions(sql: string, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isWord(tokens[i], 'CHECK') && isPunct(tokens[i + 1], '(')) {
      const close = matchingParen(tokens, i + 1);
      const inner = tokens.slice(i + 2, close);
      const first = inner[0];
      const last = inner[inner.length - 1];
      if (first && last) out.push(sql.slice(first.start, last.end));
      i = close;
    }
  }
  return out;
}

/**
 * SQLite takes a string literal where it expects a name (`CREATE TABLE t ('a' text)` makes a column `a`); the
 * name reader only knows identifiers, so such a head is read as the quoted name it stands for.
 */
function nameHead(item: readonly Token[]): readonly Token[] {
  const first = item[0];
  return first?.kind === 'string' ? [{ ...first, kind: 'ident', quote: "'" }, ...item.slice(1)] : item;
}

/**
 * Reads the parenthesised body that starts at token `open` of a CREATE TABLE statement, item by item.
 * @example readTableBody(sql, tokens, openIndex).columns.map((c) => c.def.name) // ['id', 'title']
 */
export function readTableBody(sql: string, tokens: readonly Token[], open: number): TableBodyItems {
  const body: TableBodyItems = { columns: [], checks: [], foreignKeys: [] };
  if (!isPunct(tokens[open], '(')) return body;
  const inner = tokens.slice(open + 1, matchingParen(tokens, open));
  for (const item of splitTopLevel(inner)) {
    const first = item[0];
    if (first?.kind === 'word' && TABLE_CONSTRAINT.has(first.value.toUpperCase())) {
      body.checks.push(...checkExpressions(sql, item));
      const fk = tableForeignKey(item);
      if (fk) body.foreignKeys.push(fk);
      continue;
    }
    const def = parseColumnDef(sql, nameHead(item));
    if (!def || !first) continue;
    body.columns.push({
      def,
      start: first.start,
      checks: checkExpressions(sql, item.slice(1)),
      autoincrement: item.some((t) => isWord(t, 'AUTOINCREMENT')),
    });
    if (def.references) {
      body.foreignKeys.push({
        columns: [def.name],
        table: def.references.table.name,
        onDelete: def.references.onDelete ?? 'no action',
        onUpdate: def.references.onUpdate ?? 'no action',
      });
    }
  }
  return body;
}

/**
 * Parses the parenthesised body that starts at token `open` of a CREATE TABLE statement.
 * @example parseTableBody(sql, tokens, openIndex).columns.map((c) => c.name) // ['id', 'title']
 */
export function parseTableBody(sql: string, tokens: readonly Token[], open: number): TableBody {
  const { columns, foreignKeys } = readTableBody(sql, tokens, open);
  return { columns: columns.map((c) => c.def), foreignKeys };
}
