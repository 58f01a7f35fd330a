/** Reading object names (tables, columns, indexes) out of a token list. */
import { isPunct, type Token } from './tokens';

export interface NameRef {
  /** The name without quotes (or the glued raw text of an unquoted hyphenated name). */
  name: string;
  /** The quote that wrapped it (`` ` ``, `"`, `[`), or '' when bare. */
  quote: string;
  /** The name as written. */
  raw: string;
  /**
   * The first character that cannot appear in a bare SQLite name (`-` in `MoLOS-Tasks_x`), or ''. A bare name
   * with one is a syntax error, which is how drizzle-kit's unquoted `REFERENCES` target breaks (B8).
   */
  badChar: string;
  /** Index of the token after the name. */
  next: number;
}

/**
 * Tokens that touch each other without whitespace and would form one name if SQLite allowed it: the pieces of
 * `MoLOS-Example_parents` are `MoLOS`, `-`, `Example_parents`.
 */
function gluedEnd(tokens: readonly Token[], i: number): number {
  let j = i;
  while (j + 1 < tokens.length) {
    const cur = tokens[j];
    const nxt = tokens[j + 1];
    if (!cur || !nxt || nxt.start !== cur.end) break;
    const joinable = nxt.kind === 'word' || nxt.kind === 'number' || isPunct(nxt, '-');
    if (!joinable) break;
    j++;
  }
  return j;
}

/**
 * Reads the (optionally `schema.`-qualified) name starting at token `i`; `null` when there is no name there.
 * @example readName(tokenize('`MoLOS-Tasks_tasks` (id)'), 0)?.name // 'MoLOS-Tasks_tasks'
 */
export function readName(tokens: readonly Token[], i: number): NameRef | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'ident') {
    // `main`.`t` → skip the schema.
    if (isPunct(tokens[i + 1], '.') && tokens[i + 2]) return readName(tokens, i + 2);
    return { name: t.value, quote: t.quote, raw: `${t.quote}${t.value}${t.quote}`, badChar: '', next: i + 1 };
  }
  if (t.kind !== 'word') return null;
  if (isPunct(tokens[i + 1], '.') && tokens[i + 2]) return readName(tokens, i + 2);
  const end = gluedEnd(tokens, i);
  const pieces = tokens.slice(i, end + 1);
  const raw = pieces.map((p) => p.value).join('');
  const bad = pieces.find((p) => p.kind === 'punct');
  return { name: raw, quote: '', raw, badChar: bad ? bad.value : '', next: end + 1 };
}

/** Reads a parenthesised, comma-separated list of names starting at the `(` at `open`. */
export function readNameList(tokens: readonly Token[], open: number): { names: string[]; next: number } {
  const names: string[] = [];
  if (!isPunct(tokens[open], '(')) return { names, next: open };
  let i = open + 1;
  while (i < tokens.length && !isPunct(tokens[i], ')')) {
    const n = readName(tokens, i);
    if (n) {
      names.push(n.name);
      i = n.next;
    } else i++;
  }
  return { names, next: i + 1 };
}
