/**
 * Tells what one statement of a drizzle-kit style SQLite migration does. Only the shapes that matter for host
 * safety are parsed in detail; everything else is `other`.
 */
import { parseColumnDef, type ColumnDef } from './column-def';
import { parseTableBody, type ForeignKeyDef } from './create-table';
import { readName, readNameList, type NameRef } from './names';
import { closingParen, isPunct, isWord, splitTopLevel, tokenize, type Token } from './tokens';

/** One column of a `CREATE INDEX … (…)` list, as written. */
export interface IndexItem {
  raw: string;
  /** Set when the item is one quoted name: its unquoted text and quote. */
  name: string | null;
  quote: string;
}

/** A selected column of `INSERT … SELECT a, "b", … FROM t`. */
export interface SelectItem {
  raw: string;
  /** The column name when the item is a plain (possibly quoted) name, else null. */
  name: string | null;
  quote: string;
}

export type StatementInfo =
  | { kind: 'create-table'; table: string; columns: ColumnDef[]; foreignKeys: ForeignKeyDef[]; asSelect: boolean }
  | { kind: 'create-index'; name: string; table: string; unique: boolean; items: IndexItem[] }
  | { kind: 'drop-index'; name: string }
  | { kind: 'drop-table'; table: string }
  | { kind: 'rename-table'; table: string; to: string }
  | { kind: 'rename-column'; table: string; from: string; to: string }
  | { kind: 'add-column'; table: string; column: ColumnDef }
  | { kind: 'drop-column'; table: string; column: string }
  | { kind: 'insert'; table: string; columns: string[] | null; select: SelectItem[] | null; from: string | null }
  | { kind: 'delete'; table: string; where: boolean }
  | { kind: 'pragma'; name: string; value: string | null }
  | { kind: 'create-view'; name: string; body: string }
  | { kind: 'drop-view'; name: string }
  | { kind: 'create-trigger'; name: string }
  | { kind: 'drop-trigger'; name: string }
  | { kind: 'other'; verb: string };

/** Skips `IF [NOT] EXISTS` at `i`. */
function skipIfExists(tokens: readonly Token[], i: number): number {
  if (!isWord(tokens[i], 'IF')) return i;
  return isWord(tokens[i + 1], 'NOT') ? i + 3 : i + 2;
}

function nameAt(tokens: readonly Token[], i: number): NameRef {
  return readName(tokens, i) ?? { name: '', quote: '', raw: '', badChar: '', next: i + 1 };
}

function classifyCreate(sql: string, t: readonly Token[]): StatementInfo {
  let i = 1;
  const unique = isWord(t[i], 'UNIQUE');
  if (unique) i++;
  if (isWord(t[i], 'TEMP') || isWord(t[i], 'TEMPORARY')) i++;
  const what = t[i]?.value.toUpperCase() ?? '';
  const name = nameAt(t, skipIfExists(t, i + 1));
  if (what === 'TABLE') {
    const body = parseTableBody(sql, t, name.next);
    // `CREATE TABLE x AS SELECT …` copies rows (the safe variant saves rows this way).
    return { kind: 'create-table', table: name.name, ...body, asSelect: isWord(t[name.next], 'AS') };
  }
  if (what === 'INDEX' && isWord(t[name.next], 'ON')) {
    const table = nameAt(t, name.next + 1);
    const open = table.next;
    const inner = isPunct(t[open], '(') ? t.slice(open + 1, closingParen(t, open)) : [];
    const items = splitTopLevel(inner).map((item): IndexItem => {
      const first = item[0];
      const last = item[item.length - 1];
      const raw = first && last ? sql.slice(first.start, last.end) : '';
      const single = item.length === 1 && first?.kind === 'ident';
      return { raw, name: single ? first.value : null, quote: single ? first.quote : '' };
    });
    return { kind: 'create-index', name: name.name, table: table.name, unique, items };
  }
  if (what === 'VIEW') {
    const as = t.findIndex((x, k) => k >= name.next && isWord(x, 'AS'));
    const body = as >= 0 && t[as + 1] ? sql.slice(t[as + 1]!.start) : '';
    return { kind: 'create-view', name: name.name, body };
  }
  if (what === 'TRIGGER') return { kind: 'create-trigger', name: name.name };
  return { kind: 'other', verb: `CREATE ${what}` };
}

function classifyAlter(sql: string, t: readonly Token[]): StatementInfo {
  const table = nameAt(t, 2);
  const i = table.next;
  if (isWord(t[i], 'RENAME')) {
    if (isWord(t[i + 1], 'TO')) return { kind: 'rename-table', table: table.name, to: nameAt(t, i + 2).name };
    const from = nameAt(t, isWord(t[i + 1], 'COLUMN') ? i + 2 : i + 1);
    return { kind: 'rename-column', table: table.name, from: from.name, to: nameAt(t, from.next + 1).name };
  }
  if (isWord(t[i], 'ADD')) {
    const start = isWord(t[i + 1], 'COLUMN') ? i + 2 : i + 1;
    const column = parseColumnDef(sql, t.slice(start));
    if (column) return { kind: 'add-column', table: table.name, column };
  }
  if (isWord(t[i], 'DROP')) {
    const col = nameAt(t, isWord(t[i + 1], 'COLUMN') ? i + 2 : i + 1);
    return { kind: 'drop-column', table: table.name, column: col.name };
  }
  return { kind: 'other', verb: 'ALTER TABLE' };
}

function classifyInsert(sql: string, t: readonly Token[]): StatementInfo {
  const into = t.findIndex((x) => isWord(x, 'INTO'));
  const table = nameAt(t, into + 1);
  const list = isPunct(t[table.next], '(') ? readNameList(t, table.next) : null;
  const after = list ? list.next : table.next;
  if (!isWord(t[after], 'SELECT'))
    return { kind: 'insert', table: table.name, columns: list?.names ?? null, select: null, from: null };
  // The select list runs to the top-level FROM.
  let depth = 0;
  let from = -1;
  for (let k = after + 1; k < t.length; k++) {
    if (isPunct(t[k], '(')) depth++;
    else if (isPunct(t[k], ')')) depth--;
    else if (depth === 0 && isWord(t[k], 'FROM')) {
      from = k;
      break;
    }
  }
  const items = splitTopLevel(t.slice(after + 1, from < 0 ? t.length : from)).map((item): SelectItem => {
    const first = item[0];
    const last = item[item.length - 1];
    const raw = first && last ? sql.slice(first.start, last.end) : '';
    const single = item.length === 1 && (first?.kind === 'ident' || first?.kind === 'word');
    return { raw, name: single ? first.value : null, quote: single ? first.quote : '' };
  });
  const source = from < 0 ? null : nameAt(t, from + 1).name;
  return { kind: 'insert', table: table.name, columns: list?.names ?? null, select: items, from: source };
}

/**
 * Classifies one statement (its text, and its tokens when already known, as `splitStatements` gives them).
 * @example classifyStatement('DROP TABLE `kids`;') // { kind: 'drop-table', table: 'kids' }
 */
export function classifyStatement(sql: string, tokens: readonly Token[] = tokenize(sql)): StatementInfo {
  const verb = tokens[0]?.kind === 'word' ? tokens[0].value.toUpperCase() : '';
  if (verb === 'CREATE') return classifyCreate(sql, tokens);
  if (verb === 'ALTER' && isWord(tokens[1], 'TABLE')) return classifyAlter(sql, tokens);
  if (verb === 'INSERT' || verb === 'REPLACE') return classifyInsert(sql, tokens);
  if (verb === 'DELETE' && isWord(tokens[1], 'FROM')) {
    const name = nameAt(tokens, 2);
    return { kind: 'delete', table: name.name, where: tokens.slice(name.next).some((x) => isWord(x, 'WHERE')) };
  }
  if (verb === 'PRAGMA') {
    const name = nameAt(tokens, 1);
    const eq = isPunct(tokens[name.next], '=') ? name.next + 1 : isPunct(tokens[name.next], '(') ? name.next + 1 : -1;
    return { kind: 'pragma', name: name.name.toLowerCase(), value: eq >= 0 ? (tokens[eq]?.value ?? null) : null };
  }
  if (verb === 'DROP') {
    const what = tokens[1]?.value.toUpperCase() ?? '';
    const name = nameAt(tokens, skipIfExists(tokens, 2)).name;
    if (what === 'TABLE') return { kind: 'drop-table', table: name };
    if (what === 'INDEX') return { kind: 'drop-index', name };
    if (what === 'VIEW') return { kind: 'drop-view', name };
    if (what === 'TRIGGER') return { kind: 'drop-trigger', name };
    return { kind: 'other', verb: `DROP ${what}` };
  }
  return { kind: 'other', verb };
}
