/**
 * Splits a migration into chunks as drizzle's migrator sees them (the text between `--> statement-breakpoint`
 * markers, each prepared as exactly one statement) and finds in each the statements the MoLOS host actually runs
 * from it (host-files.ts: comment lines dropped, or the `;` fallback for a file without breakpoints), so that the
 * analysis looks at what runs and a chunk holding zero or two statements can be reported.
 */
import { hostStatements } from '../host-files';
import { BREAKPOINT_MARKER } from '../migration-text';
import { isWord, tokenize, type Token } from './tokens';

export { BREAKPOINT_MARKER };

export interface SqlStatement {
  /** The statement text, trimmed, with its final `;` when it had one. */
  text: string;
  /** Its tokens (offsets relative to `text`). */
  tokens: Token[];
}

export interface MigrationChunk {
  /** 0-based position in the file: the index of the part of `sql.split(marker)`, as drizzle's migrator numbers it. */
  index: number;
  /** The raw chunk text (what drizzle's migrator prepares as one statement). */
  raw: string;
  /**
   * The statements the host runs from this chunk, in order: cut from the text it hands to SQLite (comment lines
   * dropped; for a file without breakpoints, the pieces of its `;` fallback). Empty for a chunk the host drops.
   */
  statements: SqlStatement[];
  /** How many statements SQLite finds in the raw chunk; drizzle's migrator needs exactly one. */
  drizzleStatements: number;
  /** `empty` = only whitespace; `comment-only` = only comments; else `sql` (judged on the raw chunk). */
  content: 'empty' | 'comment-only' | 'sql';
}

/**
 * `CREATE [TEMP] TRIGGER … BEGIN …; …; END` holds `;` that do not end the statement: true when the tokens so far
 * open a trigger body that has not reached its `END` yet.
 */
function insideTriggerBody(tokens: readonly Token[]): boolean {
  const create = tokens.findIndex((t) => t.kind === 'word');
  if (!isWord(tokens[create], 'CREATE')) return false;
  const kind = isWord(tokens[create + 1], 'TEMP') || isWord(tokens[create + 1], 'TEMPORARY') ? 2 : 1;
  if (!isWord(tokens[create + kind], 'TRIGGER')) return false;
  let depth = 0;
  for (const t of tokens) {
    // CASE … END nests inside a trigger body and closes with the same keyword.
    if (isWord(t, 'BEGIN') || isWord(t, 'CASE')) depth++;
    else if (isWord(t, 'END')) depth--;
  }
  return depth > 0 || !tokens.some((t) => isWord(t, 'BEGIN'));
}

/**
 * The statements of one piece of SQL, cut at top-level `;` (never inside strings, quoted names, comments,
 * parentheses or a trigger body).
 * @example splitStatements("INSERT INTO t VALUES ('a;b'); SELECT 1").length // 2
 */
export function splitStatements(sql: string): SqlStatement[] {
  const tokens = tokenize(sql);
  const out: SqlStatement[] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = (endOffset: number) => {
    const first = current[0];
    if (first) {
      const text = sql.slice(first.start, endOffset);
      out.push({ text, tokens: tokenize(text) });
    }
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'punct' && t.value === '(') depth++;
    if (t.kind === 'punct' && t.value === ')') depth = Math.max(0, depth - 1);
    if (t.kind === 'punct' && t.value === ';' && depth === 0 && !insideTriggerBody(current)) {
      flush(t.end);
      continue;
    }
    current.push(t);
  }
  const last = current[current.length - 1];
  if (last) flush(last.end);
  return out;
}

/**
 * Splits a migration file into drizzle's chunks, each with the statements the host runs from it.
 * @example splitMigration('CREATE TABLE a (x);--> statement-breakpoint\n-- note\nDROP TABLE b;').map((c) => c.statements.length) // [1, 1]
 */
export function splitMigration(sql: string): MigrationChunk[] {
  const host = hostStatements(sql);
  return sql.split(BREAKPOINT_MARKER).map((raw, index) => {
    const drizzleStatements = splitStatements(raw).length;
    const content = drizzleStatements > 0 ? 'sql' : raw.trim() === '' ? 'empty' : 'comment-only';
    const statements = host.pieces.filter((p) => p.chunk === index).flatMap((p) => splitStatements(p.text));
    return { index, raw, statements, drizzleStatements, content };
  });
}
