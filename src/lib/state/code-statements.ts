/**
 * Splits `tables.ts` text into its top-level statements without parsing TypeScript, so the code editor can tell
 * which statements an edit touched and read only those. The splitter knows strings, template literals, comments
 * and brackets; a statement ends at a `;` outside every bracket (with a comment on the rest of its line). Each
 * statement carries the comments and blank lines above it, so a table's doc comment travels with its table.
 */

export type StatementKind = 'import' | 'table' | 'other';

export interface Statement {
  kind: StatementKind;
  /** The statement with the blank lines and comments above it. */
  text: string;
  /** Offset of `text` in the file, and its first line (1-based). */
  start: number;
  line: number;
  /** The exported name of a `sqliteTable(` statement. */
  name?: string;
}

const TABLE = /^export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*sqliteTable\s*\(/;
const IMPORT = /^(import\b|export\s*(\*|\{[^}]*\})\s*(as\s+[\w$]+\s*)?from\b)/;

/** Offset of the first character after the blank space and comments at `i`. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return text.length;
      i = close + 2;
    } else return i;
  }
}

function classify(text: string): { kind: StatementKind; name?: string } {
  const body = text.slice(skipTrivia(text, 0));
  const table = TABLE.exec(body);
  if (table) return { kind: 'table', name: table[1] };
  return { kind: IMPORT.test(body) ? 'import' : 'other' };
}

/** Where the statement that ends at `i` (just after its `;`) stops: after a same-line comment and the newline. */
function endOfLine(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text.startsWith('//', j)) {
    const nl = text.indexOf('\n', j);
    return nl < 0 ? text.length : nl + 1;
  }
  if (text[j] === '\r') j++;
  return text[j] === '\n' ? j + 1 : i;
}

/**
 * The top-level statements of `text`, covering it whole (their texts joined give `text` back), or null when the
 * brackets, strings or comments do not close (the full read then says what is wrong).
 * @example splitStatements('import { a } from "b";\nexport const t = sqliteTable("t", {});\n').map((s) => s.kind)
 * // ['import', 'table']
 */
export function splitStatements(text: string): Statement[] | null {
  const out: Statement[] = [];
  let start = 0;
  let line = 1;
  let depth = 0;
  // Template literals nest: each entry is the bracket depth at which a `${` returns to its template.
  const templates: number[] = [];
  let inTemplate = false;
  const push = (end: number) => {
    const chunk = text.slice(start, end);
    out.push({ ...classify(chunk), text: chunk, start, line });
    for (let k = start; k < end; k++) if (text.charCodeAt(k) === 10) line++;
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (inTemplate) {
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        inTemplate = false;
        i++;
      } else if (ch === '$' && text[i + 1] === '{') {
        templates.push(depth);
        depth++;
        inTemplate = false;
        i += 2;
      } else i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return null;
      i = close + 2;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (text[j] !== ch) return null;
      i = j + 1;
    } else if (ch === '`') {
      inTemplate = true;
      i++;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      i++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return null;
      if (ch === '}' && templates.at(-1) === depth) {
        templates.pop();
        inTemplate = true;
      }
      i++;
    } else if (ch === ';' && depth === 0) {
      push(endOfLine(text, i + 1));
      i = start;
    } else i++;
  }
  if (depth !== 0 || inTemplate) return null;
  if (start < text.length) {
    // What follows the last `;`: blank space joins the last statement, anything else is a statement of its own.
    const last = out.at(-1);
    if (last && text.slice(start).trim() === '') {
      last.text += text.slice(start);
      if (last.kind === 'table') Object.assign(last, classify(last.text));
    } else push(text.length);
  }
  return out;
}
