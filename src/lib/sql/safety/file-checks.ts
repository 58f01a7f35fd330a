/** Checks on the file itself: its name and how it splits into chunks (one statement each, none empty). */
import type { MigrationChunk } from './split';
import type { SafetyFinding } from './types';

import { MIGRATION_NAME } from '../migration-text';

/** The host applies only files whose name matches this; others are skipped with a mere warning in its log. */
export const MIGRATION_FILE_NAME = MIGRATION_NAME;

/**
 * `file-name`: an error when the host would skip the file (so it never runs), an info for a `.down.sql` file
 * (never applied, by design).
 * @example checkFileName('drizzle/0001_Add-Tags.sql') // [{ code: 'file-name', severity: 'error', … }]
 */
export function checkFileName(path: string): SafetyFinding[] {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (MIGRATION_FILE_NAME.test(name)) return [];
  const down = /\.down\.sql$/i.test(name);
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
 * `trailing-breakpoint`, `empty-chunk` and `multiple-statements-in-chunk`: drizzle's migrator (which module
 * tests use) prepares each chunk as exactly one statement, so zero or two statements make it throw.
 * @example checkChunks(splitMigration('SELECT 1;--> statement-breakpoint\n')) // trailing-breakpoint
 */
export function checkChunks(chunks: readonly MigrationChunk[]): SafetyFinding[] {
  const out: SafetyFinding[] = [];
  const lastIndex = chunks.length - 1;
  for (const c of chunks) {
    if (c.content === 'empty' && c.index === lastIndex && c.index > 0) {
      out.push({ code: 'trailing-breakpoint', severity: 'error', chunk: c.index, statement: null, params: {} });
    } else if (c.content !== 'sql') {
      // A file with no SQL at all is one empty chunk: the same failure.
      out.push({
        code: 'empty-chunk',
        severity: 'error',
        chunk: c.index,
        statement: null,
        params: { kind: c.content },
      });
    } else if (c.statements.length > 1) {
      out.push({
        code: 'multiple-statements-in-chunk',
        severity: 'error',
        chunk: c.index,
        statement: c.raw.trim(),
        params: { count: c.statements.length },
      });
    }
  }
  return out;
}
