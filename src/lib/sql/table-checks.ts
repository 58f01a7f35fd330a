/**
 * The CHECK constraints of one `CREATE TABLE` statement, read from its text (SQLite keeps it verbatim in
 * `sqlite_master`; PRAGMA reports no CHECK). A table-level CHECK that names a single column counts as that
 * column's, so `role text CHECK(role IN (…))` and `…, CHECK (role IN (…))` at the end of the table compare equal.
 * The named table-level ones — drizzle's `check("name", sql`…`)`, which a snapshot keeps as `checkConstraints` —
 * are also listed with their names and their expressions as written.
 */
import { readName } from './safety/names';
import { closingParen, isPunct, isWord, splitTopLevel, tokenize, type Token } from './safety/tokens';

/** One CHECK constraint. */
export interface CheckConstraint {
  /** As written, e.g. `CHECK(role IN ('user', 'admin'))`. */
  text: string;
  /** The expression with spacing, quoting and letter case of names normalised, for comparing. */
  normalized: string;
  /** For `<column> IN ('a', 'b', …)`: the values, in order; else null. */
  values: string[] | null;
}

/** A table-level `CONSTRAINT "<name>" CHECK(<value>)`, as a drizzle snapshot holds it. */
export interface NamedCheck {
  name: string;
  /** The expression between the CHECK's parentheses, exactly as written. */
  value: string;
}

/** A table's CHECK constraints: per column (lower-case name), and those that name no or several columns. */
export interface TableChecks {
  columns: Map<string, CheckConstraint[]>;
  table: CheckConstraint[];
  /** The named table-level CHECKs, in order (each is also in `columns` or `table`). */
  named: NamedCheck[];
}

const TABLE_CONSTRAINT = new Set(['CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK']);

const isName = (t: Token | undefined) => t?.kind === 'word' || t?.kind === 'ident';
const isQualifierDot = (all: readonly Token[], i: number) =>
  isPunct(all[i], '.') && isName(all[i - 1]) && isName(all[i + 1]);

function normalizeToken(t: Token): string {
  if (t.kind === 'word' || t.kind === 'ident') return t.value.toLowerCase();
  if (t.kind === 'string') return `'${t.value.replaceAll("'", "''")}'`;
  return t.value.toLowerCase();
}

/** `x IN ('a', 'b')` (x a name) → the values, else null. */
function inListValues(expr: readonly Token[]): string[] | null {
  if (expr.length < 4 || !(expr[0]?.kind === 'word' || expr[0]?.kind === 'ident')) return null;
  if (!isWord(expr[1], 'IN') || !isPunct(expr[2], '(') || !isPunct(expr[expr.length - 1], ')')) return null;
  const items = splitTopLevel(expr.slice(3, -1));
  if (items.length === 0 || items.some((i) => i.length !== 1 || i[0]?.kind !== 'string')) return null;
  return items.map((i) => i[0]?.value ?? '');
}

/** A CHECK with the names its expression mentions (lower case), to tell which column it constrains. */
interface ReadCheck {
  check: CheckConstraint;
  names: Set<string>;
}

/** The CHECK whose keyword is at `at` in `tokens`, or null when no parenthesised expression follows. */
function readCheck(
  sql: string,
  tokens: readonly Token[],
  at: number,
): (ReadCheck & { end: number; value: string }) | null {
  const open = at + 1;
  if (!isPunct(tokens[open], '(')) return null;
  const close = closingParen(tokens, open);
  // `"posts"."title"` (drizzle-kit's form) and `title` name the same column.
  const expr = tokens
    .slice(open + 1, close)
    .filter((t, i, all) => !(isName(t) && isPunct(all[i + 1], '.') && isName(all[i + 2])) && !isQualifierDot(all, i));
  const first = tokens[at];
  const opening = tokens[open];
  const last = tokens[close];
  if (!first || !opening || !last) return null;
  return {
    check: {
      text: sql.slice(first.start, last.end),
      normalized: expr.map(normalizeToken).join(' '),
      values: inListValues(expr),
    },
    names: new Set(expr.filter((t) => t.kind === 'word' || t.kind === 'ident').map((t) => t.value.toLowerCase())),
    end: close,
    value: sql.slice(opening.end, last.start).trim(),
  };
}

/**
 * Every CHECK at the top level of one item of a table body (nested parentheses are the checks' own), with its
 * name when `CONSTRAINT <name>` comes right before it.
 */
function checksIn(sql: string, item: readonly Token[], from: number): (ReadCheck & { named?: NamedCheck })[] {
  const out: (ReadCheck & { named?: NamedCheck })[] = [];
  for (let i = from; i < item.length; i++) {
    if (isPunct(item[i], '(')) i = closingParen(item, i);
    else if (isWord(item[i], 'CHECK')) {
      const read = readCheck(sql, item, i);
      if (read) {
        const name = i >= 2 && isWord(item[i - 2], 'CONSTRAINT') && isName(item[i - 1]) ? item[i - 1] : undefined;
        out.push({
          check: read.check,
          names: read.names,
          ...(name ? { named: { name: name.value, value: read.value } } : {}),
        });
        i = read.end;
      }
    }
  }
  return out;
}

/**
 * The CHECK constraints of one `CREATE TABLE` statement.
 * @example parseTableChecks("CREATE TABLE t (role text CHECK(role IN ('a', 'b')))").columns.get('role')?.[0].values // ['a', 'b']
 */
export function parseTableChecks(sql: string): TableChecks {
  const result: TableChecks = { columns: new Map(), table: [], named: [] };
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isPunct(t, '('));
  if (open < 0) return result; // CREATE TABLE … AS SELECT: no constraints
  const items = splitTopLevel(tokens.slice(open + 1, closingParen(tokens, open)));
  const columnNames = new Set<string>();
  const tableLevel: (ReadCheck & { named?: NamedCheck })[] = [];
  for (const item of items) {
    const first = item[0];
    if (first?.kind === 'word' && TABLE_CONSTRAINT.has(first.value.toUpperCase())) {
      tableLevel.push(...checksIn(sql, item, 0));
      continue;
    }
    const name = readName(item, 0);
    if (!name) continue;
    const column = name.name.toLowerCase();
    columnNames.add(column);
    const checks = checksIn(sql, item, name.next);
    if (checks.length > 0)
      result.columns.set(
        column,
        checks.map((c) => c.check),
      );
  }
  for (const { check, names, named: n } of tableLevel) {
    if (n) result.named.push(n);
    const named = [...names].filter((x) => columnNames.has(x));
    const [only] = named;
    if (named.length === 1 && only) result.columns.set(only, [...(result.columns.get(only) ?? []), check]);
    else result.table.push(check);
  }
  return result;
}
