/**
 * The allowed values of `CHECK(col IN (…))` constraints, read from a table's CREATE statement. MoLOS's `textEnum`
 * puts such a CHECK inside the column type (`text CHECK(status IN ('to_do', 'done'))`), and PRAGMA table_info
 * reports only `TEXT`, so the values must come from the SQL that sqlite_master keeps verbatim.
 */

/** Allowed values per column name (the last part of a qualified name such as `"t"."status"`). */
export type EnumChecks = Map<string, (string | number)[]>;

const CHECK_IN =
  /CHECK\s*\(\s*((?:(?:`[^`]*`|"(?:[^"]|"")*"|\[[^\]]*\]|[\w$-]+)\s*\.\s*)?(?:`[^`]*`|"(?:[^"]|"")*"|\[[^\]]*\]|[\w$]+))\s+IN\s*\(((?:'(?:[^']|'')*'|[^)'])*)\)\s*\)/gi;

/**
 * Every `CHECK(<column> IN (<values>))` of a CREATE TABLE statement. String values are unescaped (`''` → `'`);
 * unquoted numbers become numbers. A column with several such checks keeps the values common to all of them.
 *
 * @example
 * enumChecks("CREATE TABLE t (`status` text CHECK(status IN ('to_do', 'done')) DEFAULT 'to_do' NOT NULL)");
 * // Map { 'status' => ['to_do', 'done'] }
 */
export function enumChecks(createSql: string): EnumChecks {
  const out: EnumChecks = new Map();
  for (const m of createSql.matchAll(CHECK_IN)) {
    const column = unquote(lastPart(m[1] ?? ''));
    const values = parseValues(m[2] ?? '');
    const previous = out.get(column);
    out.set(column, previous ? previous.filter((v) => values.includes(v)) : values);
  }
  return out;
}

function lastPart(qualified: string): string {
  // Split on a dot outside quotes: the table part of `"MoLOS-X_t"."status"` may itself contain dots only when quoted.
  let quote = '';
  let last = 0;
  for (let i = 0; i < qualified.length; i++) {
    const ch = qualified[i] ?? '';
    if (quote) {
      if (ch === quote || (quote === '[' && ch === ']')) quote = '';
    } else if (ch === '"' || ch === '`' || ch === '[') {
      quote = ch;
    } else if (ch === '.') {
      last = i + 1;
    }
  }
  return qualified.slice(last).trim();
}

function unquote(id: string): string {
  const first = id[0];
  if (first === '"') return id.slice(1, -1).replaceAll('""', '"');
  if (first === '`') return id.slice(1, -1);
  if (first === '[') return id.slice(1, -1);
  return id;
}

function parseValues(list: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of list.matchAll(/'((?:[^']|'')*)'|([+-]?\d+(?:\.\d+)?)/g)) {
    if (m[1] !== undefined) out.push(m[1].replaceAll("''", "'"));
    else if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return out;
}
