/** The structured findings of the migration safety analyzer. Messages are rendered from them (messages.ts). */
import type { TargetHost } from '../../core/design';

export type SafetySeverity = 'error' | 'warning' | 'info';

/**
 * Stable codes. Errors: the migration fails in the host, or silently loses or corrupts data. Warnings: it works
 * in the current host but is risky, or the older host refuses it. Info: notable.
 */
export const SAFETY_CODES = [
  // The file and its chunks (how the host splits and runs it).
  'file-name',
  'empty-chunk',
  'multiple-statements-in-chunk',
  'trailing-breakpoint',
  // What the older host's statement checker refuses.
  'unprefixed-table',
  'on-update-clause',
  'pragma-in-transaction',
  'insert-statement',
  'view-or-trigger',
  // drizzle-kit's table rebuild (copy into `__new_t`, drop, rename) under the host's transaction.
  'table-rebuild',
  'rebuild-cascade',
  'rebuild-selects-new-column',
  'rebuild-not-null-tightened',
  'rebuild-copy-misses-not-null-column',
  'rebuild-inserts-generated-column',
  'rebuild-table-used-by-view',
  'rebuild-without-pragma',
  // ALTER TABLE … ADD.
  'add-not-null-without-default',
  'add-references-unquoted',
  'add-references-with-default',
  'add-column-non-constant-default',
  'add-column-unique-or-primary-key',
  // Drops.
  'drop-table',
  'drop-column',
  'drop-column-indexed',
  'drop-parent-table-before-pragma',
  'drop-referenced-table',
  // Indexes.
  'index-expression-quoted',
] as const;

export type SafetyCode = (typeof SAFETY_CODES)[number];

/**
 * The codes only the older MoLOS host's statement checker raises: the current host runs these statements, so they
 * are reported only for a module that must also run on the older host (`host: 'older'`).
 */
export const OLDER_HOST_CODES: ReadonlySet<SafetyCode> = new Set<SafetyCode>([
  'unprefixed-table',
  'on-update-clause',
  'pragma-in-transaction',
  'insert-statement',
  'view-or-trigger',
]);

export interface SafetyFinding {
  code: SafetyCode;
  severity: SafetySeverity;
  /** 0-based index of the chunk (the text between breakpoints), or null for the file as a whole. */
  chunk: number | null;
  /** The statement concerned, trimmed, or null. */
  statement: string | null;
  params: Record<string, string | number>;
}

/** A migration to analyse: its file name (`0003_add_tags.sql`, a path is fine), its SQL and the module id. */
export interface MigrationInput {
  name: string;
  sql: string;
  /** `MoLOS-Tasks`: every table name must start with `MoLOS-Tasks_`. Empty = do not check prefixes. */
  moduleId: string;
  /**
   * The host the module must run on (the design's `module.host`). Absent or `current`: the older host's
   * statement-checker findings (OLDER_HOST_CODES) are left out; `older`: they are reported too.
   */
  host?: TargetHost;
}
