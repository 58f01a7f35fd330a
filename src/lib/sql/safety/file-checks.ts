/** Checks on the file itself: its name and how it splits into chunks (one statement each, none empty). */
import { nameProblem } from '../host-files';
import { MIGRATION_NAME } from '../migration-text';
import { safetyMessage } from './messages';
import { type MigrationChunk, splitMigration } from './split';
import type { SafetyFinding } from './types';

/** The host applies only `.sql` files whose name matches this; others are skipped with a mere warning in its log. */
export const MIGRATION_FILE_NAME = MIGRATION_NAME;

/**
 * `file-name`: an error when the host would skip the file (so it never runs), an info for a `.down.sql` file
 * (never applied, by design).
 * @example checkFileName('drizzle/0001_Add-Tags.sql') // [{ code: 'file-name', severity: 'error', … }]
 */
export function checkFileName(path: string): SafetyFinding[] {
  const name = path.split(/[\\/]/).pop() ?? path;
  const problem = nameProblem(name);
  if (problem === null) return [];
  const down = problem === 'down-file';
  return [
    {
      code: 'file-name',
      severity: down ? 'info' : 'error',
      chunk: null,
      statement: null,
      params: { name, reason: down ? 'down' : 'pattern' },
    },
  ];
}

/**
 * `trailing-breakpoint`, `empty-chunk` and `multiple-statements-in-chunk`: warnings, because the host runs such a
 * file (it drops empty and comment-only chunks and runs every statement of a chunk), while drizzle's migrator —
 * which module tests use — prepares each chunk as exactly one statement, so zero or two make it throw. A chunk
 * that starts with comment lines before its statement is normal and never reported.
 * @example checkChunks(splitMigration('SELECT 1;--> statement-breakpoint\n')) // trailing-breakpoint
 */
export function checkChunks(chunks: readonly MigrationChunk[]): SafetyFinding[] {
  const out: SafetyFinding[] = [];
  const lastIndex = chunks.length - 1;
  for (const c of chunks) {
    if (c.content === 'empty' && c.index === lastIndex && c.index > 0) {
      out.push({ code: 'trailing-breakpoint', severity: 'warning', chunk: c.index, statement: null, params: {} });
    } else if (c.content !== 'sql') {
      // A file with no SQL at all is one empty chunk: the same failure.
      out.push({
        code: 'empty-chunk',
        severity: 'warning',
        chunk: c.index,
        statement: null,
        params: { kind: c.content },
      });
    } else if (c.drizzleStatements > 1) {
      out.push({
        code: 'multiple-statements-in-chunk',
        severity: 'warning',
        chunk: c.index,
        statement: c.raw.trim(),
        params: { count: c.drizzleStatements },
      });
    }
  }
  return out;
}

/**
 * Why a migration's text must not be written as it is: each chunk (the text between breakpoints) must hold exactly
 * one statement, or drizzle's migrator, which module tests use, fails on the file. Empty when every chunk holds
 * exactly one statement. For the write path, which refuses such a file.
 * @example
 * chunkProblems('CREATE TABLE a (x int);--> statement-breakpoint\nDROP TABLE b;'); // []
 * chunkProblems('DROP TABLE a; DROP TABLE b;');
 * // ['chunk 1: This chunk holds 2 statements: the host runs them all, but drizzle's migrator …']
 */
export function chunkProblems(sql: string): string[] {
  return checkChunks(splitMigration(sql)).map((f) => `chunk ${(f.chunk ?? 0) + 1}: ${safetyMessage(f)}`);
}
