/**
 * How the MoLOS host reads a migration folder before running anything: which files count, in which order, how a
 * file is cut into statements and how its checksum is computed. Mirrors `packages/database/src/migration-utils.ts`
 * and `loadMigrations` in `migrate-improved.ts` of MoLOS-App/MoLOS (read in 2026, not copied).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** A migration file as the host sees it: its file name and its text. */
export interface MigrationFile {
  /** The file name only, e.g. `0003_add_steps.sql`. */
  name: string;
  sql: string;
}

import { BREAKPOINT_MARKER, MIGRATION_NAME } from './migration-text';

export { BREAKPOINT_MARKER, MIGRATION_NAME };

/** Why the host does not run a file, before looking at the database. */
export type NameProblem = 'not-sql' | 'down-file' | 'invalid-name';

/**
 * Why a file name is not run, or `null` when the host would run it. `.down.sql` files are never applied; a
 * `.sql` file whose name does not match {@link MIGRATION_NAME} is skipped with only a warning.
 *
 * @example
 * nameProblem('0001_add_x.sql'); // null
 * nameProblem('0001_add_x.down.sql'); // 'down-file'
 * nameProblem('0001_Add-X.sql'); // 'invalid-name'
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
 * Files in the host's order: by file name, then (stably) by numeric prefix. Two files with the same number keep
 * their name order, as in the host, which really has shipped two `0013_*.sql` files.
 *
 * @example
 * sortMigrationFiles([{ name: '10_b.sql', sql: '' }, { name: '9_a.sql', sql: '' }]).map((f) => f.name); // ['9_a.sql', '10_b.sql']
 */
export function sortMigrationFiles<T extends { name: string }>(files: readonly T[]): T[] {
  const byName = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return byName.sort((a, b) => (migrationVersion(a.name) ?? 0) - (migrationVersion(b.name) ?? 0));
}

/** The statements the host runs for one file, and the chunks it silently drops. */
export interface HostStatements {
  statements: string[];
  /** Non-empty chunks that start with `--`: the host skips the whole chunk, even if SQL follows the comment. */
  ignored: string[];
}

/**
 * Cuts a file into statements like the host: on `--> statement-breakpoint` when the file has one (trimmed, empty
 * chunks dropped, chunks starting with `--` dropped whole), otherwise on `;` outside quotes.
 *
 * @example
 * hostStatements('CREATE TABLE a (x int);--> statement-breakpoint\n-- note\nDROP TABLE b;');
 * // { statements: ['CREATE TABLE a (x int);'], ignored: ['-- note\nDROP TABLE b;'] }
 */
export function hostStatements(sql: string): HostStatements {
  const pieces = sql.includes(BREAKPOINT_MARKER) ? sql.split(BREAKPOINT_MARKER) : splitOnSemicolons(sql);
  const statements: string[] = [];
  const ignored: string[] = [];
  for (const piece of pieces) {
    const s = piece.trim();
    if (s.length === 0) continue;
    (s.startsWith('--') ? ignored : statements).push(s);
  }
  return { statements, ignored };
}

// The host's fallback for files without breakpoints: a character scan that knows ' and " quotes (a quote
// preceded by a backslash does not count) but not comments, and drops the `;` itself. Reproduced, quirks included,
// because it decides what runs.
function splitOnSemicolons(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] ?? '';
    if ((ch === "'" || ch === '"') && (i === 0 || sql[i - 1] !== '\\')) {
      if (quote === '') quote = ch;
      else if (ch === quote) quote = '';
    }
    if (ch === ';' && quote === '') {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/**
 * The host's text normalization before hashing: CRLF → LF, runs of spaces/tabs → one space, blank lines removed,
 * trimmed. So an edit that only changes whitespace is not detected as "edited after it was applied".
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
