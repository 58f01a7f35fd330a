/**
 * How the MoLOS host reads a migration folder before running anything: which files count, in which order, how a
 * file is cut into the pieces it hands to SQLite, which errors it takes for "already applied", and how a file's
 * checksum is computed. Written from ../shared/molos-conventions.md §4, which describes the host's
 * `packages/database/src/migration-utils.ts` (`parseStatements`, `normalizeSql`, `validateMigrationName`) and
 * `migrate-improved.ts` (`loadMigrations`, `applyMigration`) of MoLOS-App/MoLOS. Reproduced quirks included,
 * because they decide what runs.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { BREAKPOINT_MARKER, MIGRATION_NAME } from './migration-text';

export { BREAKPOINT_MARKER, MIGRATION_NAME };

/** A migration file as the host sees it: its file name and its text. */
export interface MigrationFile {
  /** The file name only, e.g. `0003_add_steps.sql`. */
  name: string;
  sql: string;
}

/** Why the host does not run a file, before looking at the database. */
export type NameProblem = 'not-sql' | 'down-file' | 'invalid-name';

/**
 * Why a file name is not run, or `null` when the host would run it. The host lists only names ending in `.sql`
 * (case-sensitive), leaves out `.down.sql`, and skips with only a warning a name that does not match
 * {@link MIGRATION_NAME}.
 *
 * @example
 * nameProblem('0001_add_x.sql'); // null
 * nameProblem('0001_add_x.down.sql'); // 'down-file'
 * nameProblem('0001_Add-X.sql'); // 'invalid-name'
 * nameProblem('0001_add_x'); // 'not-sql' (the name would pass the pattern, but the host never lists the file)
 */
export function nameProblem(name: string): NameProblem | null {
  if (!name.endsWith('.sql')) return 'not-sql';
  if (name.endsWith('.down.sql')) return 'down-file';
  return MIGRATION_NAME.test(name) ? null : 'invalid-name';
}

/**
 * The numeric prefix of a file name (the host's "version"), or `null` when there is none.
 *
 * @example
 * migrationVersion('0012_rename.sql'); // 12
 */
export function migrationVersion(name: string): number | null {
  const m = /^(\d+)/.exec(name);
  return m ? Number.parseInt(m[1] ?? '', 10) : null;
}

/**
 * Files in the host's order: by file name (plain string order), then (stably) by numeric prefix. Two files with
 * the same number keep their name order, as in the host, which really has shipped two `0013_*.sql` files.
 *
 * @example
 * sortMigrationFiles([{ name: '10_b.sql', sql: '' }, { name: '9_a.sql', sql: '' }]).map((f) => f.name); // ['9_a.sql', '10_b.sql']
 */
export function sortMigrationFiles<T extends { name: string }>(files: readonly T[]): T[] {
  const byName = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return byName.sort((a, b) => (migrationVersion(a.name) ?? 0) - (migrationVersion(b.name) ?? 0));
}

/** Where a run of a piece's text comes from: `text[at…]` is `file[from…]` until the next span. */
export interface TextSpan {
  at: number;
  from: number;
}

/** One piece the host hands to `db.exec` (which runs every statement in it). */
export interface HostPiece {
  /** The text, exactly as the host passes it to SQLite. */
  text: string;
  /**
   * The chunk it comes from: its index in `sql.split('--> statement-breakpoint')`, which is how drizzle's
   * migrator and the safety findings number chunks. A file without breakpoints is one chunk (0) for drizzle,
   * whatever the host cuts it into.
   */
  chunk: number;
  /** Where its text is in the file (comment lines the host drops leave gaps); see {@link fileOffset}. */
  spans: TextSpan[];
}

/** How the host cuts one file. */
export interface HostStatements {
  /** `breakpoint` when the text contains `--> statement-breakpoint`, else the host's `;` fallback. */
  split: 'breakpoint' | 'semicolon';
  pieces: HostPiece[];
  /** The pieces' texts (what runs, in order). */
  statements: string[];
  /** Chunks (or `;` pieces) that held only `--` comment lines: the host drops them, nothing of them runs. */
  commentOnly: string[];
}

const isCommentLine = (line: string) => line.trim().startsWith('--');

/**
 * Cuts a file into the pieces the host runs, exactly as its `parseStatements` does.
 *
 * With a breakpoint: split on it, trim each chunk, drop empty chunks; in each chunk drop every line whose trimmed
 * text starts with `--` and holds no `;` (wherever the line is), re-join, trim, drop chunks that became empty. So a
 * chunk that merely starts with a comment runs its SQL, and a comment line holding `;` is sent to SQLite.
 *
 * Without one: split on `;` outside `'…'`/`"…"` (a quote right after a backslash does not count; comments are not
 * understood, so a `;` in a `--` comment or a trigger body splits there), strip each piece's leading `--` lines,
 * trim, drop empty pieces. Lines are cut on `\n` only (a `\r` stays and trimming removes it).
 *
 * @example
 * hostStatements('CREATE TABLE a (x int);--> statement-breakpoint\n\n-- tidy up\nDROP TABLE b;').statements;
 * // ['CREATE TABLE a (x int);', 'DROP TABLE b;']
 * hostStatements("INSERT INTO t VALUES ('a;b');\n-- done\nSELECT 1").statements;
 * // ["INSERT INTO t VALUES ('a;b')", 'SELECT 1']
 */
export function hostStatements(sql: string): HostStatements {
  const breakpoints = sql.includes(BREAKPOINT_MARKER);
  const pieces: HostPiece[] = [];
  const commentOnly: string[] = [];
  const keep = (piece: HostPiece | null, source: string) => {
    if (piece) pieces.push(piece);
    else if (source.trim() !== '') commentOnly.push(source.trim());
  };
  if (breakpoints) {
    let start = 0;
    sql.split(BREAKPOINT_MARKER).forEach((raw, chunk) => {
      keep(breakpointPiece(raw, start, chunk), raw);
      start += raw.length + BREAKPOINT_MARKER.length;
    });
  } else {
    for (const [start, end] of semicolonRanges(sql)) keep(fallbackPiece(sql, start, end), sql.slice(start, end));
  }
  return {
    split: breakpoints ? 'breakpoint' : 'semicolon',
    pieces,
    statements: pieces.map((p) => p.text),
    commentOnly,
  };
}

/**
 * The offset in the file of `offset` in a piece's text (for messages that point at a line and column).
 *
 * @example
 * const [piece] = hostStatements('SELECT 1;--> statement-breakpoint\n-- note\nSELECT 2;').pieces.slice(1);
 * fileOffset(piece, 0); // 42, where `SELECT 2;` starts in the file
 */
export function fileOffset(piece: HostPiece, offset: number): number {
  let span = piece.spans[0] ?? { at: 0, from: 0 };
  for (const s of piece.spans) {
    if (s.at > offset) break;
    span = s;
  }
  return span.from + (offset - span.at);
}

// One chunk of a file with breakpoints: `raw` starts at `start` in the file.
function breakpointPiece(raw: string, start: number, chunk: number): HostPiece | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  let lineStart = start + (raw.length - raw.trimStart().length);
  const kept: { text: string; from: number }[] = [];
  for (const line of trimmed.split('\n')) {
    if (!(isCommentLine(line) && !line.includes(';'))) kept.push({ text: line, from: lineStart });
    lineStart += line.length + 1;
  }
  const spans: TextSpan[] = [];
  let at = 0;
  for (const k of kept) {
    spans.push({ at, from: k.from });
    at += k.text.length + 1;
  }
  return trimmedPiece(kept.map((k) => k.text).join('\n'), spans, chunk);
}

// One `;` piece of a file without breakpoints: `sql.slice(start, end)`, the `;` itself left out.
function fallbackPiece(sql: string, start: number, end: number): HostPiece | null {
  const current = sql.slice(start, end);
  const trimmed = current.trim();
  if (trimmed === '') return null;
  // The host strips the leading comment lines of the trimmed piece, up to the first line that is not one (a
  // blank line counts as SQL there, so comments after it stay).
  let from = start + (current.length - current.trimStart().length);
  let rest = trimmed;
  while (rest !== '') {
    const nl = rest.indexOf('\n');
    const line = nl < 0 ? rest : rest.slice(0, nl);
    if (!isCommentLine(line)) break;
    rest = nl < 0 ? '' : rest.slice(nl + 1);
    from += nl < 0 ? line.length : nl + 1;
  }
  return trimmedPiece(rest, [{ at: 0, from }], 0);
}

// Trims a joined text and shifts its spans by what the trim removed; null when nothing is left.
function trimmedPiece(joined: string, spans: TextSpan[], chunk: number): HostPiece | null {
  const text = joined.trim();
  if (text === '') return null;
  const lead = joined.length - joined.trimStart().length;
  const shifted: TextSpan[] = [];
  for (const s of spans) {
    const at = s.at - lead;
    if (at <= 0) shifted.length = 0;
    shifted.push(at < 0 ? { at: 0, from: s.from - at } : { at, from: s.from });
  }
  return { text, chunk, spans: shifted.filter((s, i) => i === 0 || s.at > 0) };
}

// The host's fallback scan: the ranges between `;` outside quotes. It knows ' and " quotes (a quote right after
// a backslash does not count) but not comments, and leaves the `;` out.
function semicolonRanges(sql: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if ((ch === "'" || ch === '"') && (i === 0 || sql[i - 1] !== '\\')) {
      if (quote === '') quote = ch;
      else if (ch === quote) quote = '';
    }
    if (ch === ';' && quote === '') {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, sql.length]);
  return out;
}

/**
 * Whether the host takes an error for "already applied" and goes on with the next piece (`applyMigration` in
 * `migrate-improved.ts`): the message contains `already exists` or `duplicate column name`; or `no such column`
 * while the piece contains `RENAME COLUMN` or `DROP COLUMN`; or `no such table` while it contains `DROP TABLE`.
 * As in the host, the message is matched as it is (case-sensitive: SQLite writes these in lower case) and the
 * piece in upper case (`toUpperCase().includes(…)`, so `drop table` counts, `DROP  TABLE` with two spaces does not).
 *
 * @example
 * hostTolerates('table `a` already exists', 'CREATE TABLE `a` (x int);'); // true
 * hostTolerates('no such column: "b"', 'alter table t rename column b to c;'); // true
 * hostTolerates('no such table: t', 'INSERT INTO t VALUES (1);'); // false
 */
export function hostTolerates(message: string, piece: string): boolean {
  const upper = piece.toUpperCase();
  return (
    message.includes('already exists') ||
    message.includes('duplicate column name') ||
    (message.includes('no such column') && (upper.includes('RENAME COLUMN') || upper.includes('DROP COLUMN'))) ||
    (message.includes('no such table') && upper.includes('DROP TABLE'))
  );
}

/**
 * The host's text normalization before hashing: CRLF → LF, runs of spaces/tabs → one space, blank lines removed,
 * trimmed. So an edit that only changes whitespace is not detected as "edited after it was applied".
 *
 * @example
 * normalizeForChecksum('CREATE TABLE `a` (\r\n    `x`   int\r\n\r\n);'); // 'CREATE TABLE `a` (\n `x` int\n);'
 */
export function normalizeForChecksum(sql: string): string {
  return sql
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n/g, '\n')
    .trim();
}

/**
 * The checksum the host records in `molos_migrations.checksum`: SHA-256 (hex) of the normalized text.
 *
 * @example
 * hostChecksum('SELECT 1;'); // '17db4fd3…7d11a' (64 hex digits), the same as hostChecksum('  SELECT 1;\r\n')
 */
export function hostChecksum(sql: string): string {
  return bytesToHex(sha256(utf8ToBytes(normalizeForChecksum(sql))));
}
