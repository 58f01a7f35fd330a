/**
 * What the SQL preview worker computes for a design — the migration SQL (fresh `0000` and since the last
 * export), its MoLOS-safe variant and safety findings, the database the `0000` builds, and a dry run of the next
 * migration on sample data — as plain data the page renders without loading any of the SQL code itself.
 */
import type { Design, TargetHost } from '$lib/core/design';
import type { DryRun } from '$lib/sql/dry-run';
import type { SafetyCode, SafetySeverity } from '$lib/sql/safety/types';
import type { SchemaReport } from '$lib/sql/schema-report';

/** The SQL views; a request can ask for one, so an edit only waits for what is on screen. */
export type SqlView = 'sql' | 'since' | 'database';

export interface SqlPreviewRequest {
  type: 'sql-preview';
  design: Design;
  /** Show (and analyse, and dry-run) the MoLOS-safe variant instead of drizzle-kit's SQL. */
  safe: boolean;
  /** Compute only this view's part (the 0000 migration is always there); all of them when absent. */
  only?: SqlView;
}

/** A safety finding with its message already written (the page does not load the analyzer). */
export interface FindingView {
  code: SafetyCode;
  severity: SafetySeverity;
  message: string;
  /** 1-based statement chunk, or null for the file as a whole. */
  chunk: number | null;
  statement: string | null;
}

export interface MigrationPreview {
  /** `0000_init`, or the next migration's tag (its number is unknown without the module folder). */
  tag: string;
  /** The SQL shown: drizzle-kit's, or the MoLOS-safe variant when asked for. */
  sql: string;
  variant: 'drizzle' | 'safe';
  /** What the safe variant does differently (empty when both are the same). */
  differences: string[];
  findings: FindingView[];
  /** The host the findings were worked out for (the design's `module.host`, absent = current). */
  host: TargetHost;
  /** Things the author should know (e.g. renames could not be recognised). */
  notes: string[];
}

/** A table's CHECK constraints as written: per column (lower-case name), and those naming no or several columns. */
export interface TableChecksView {
  columns: Record<string, string[]>;
  table: string[];
}

/** The fresh `0000` run as the host runs it, and the schema SQLite then reports. */
export interface DatabasePreview {
  /** SQLite's message when the `0000` failed, with the statement that failed. */
  error: { message: string; statement: string } | null;
  schema: SchemaReport;
  /** The CHECKs of the schema's tables, by table name (read from the CREATE TABLE text; PRAGMA gives none). */
  checks: Record<string, TableChecksView>;
}

/** The migration since the last export, or why there is none. */
export type SincePreview =
  | { kind: 'no-baseline' }
  | { kind: 'unreadable-baseline' }
  | { kind: 'unchanged' }
  | { kind: 'changed'; migration: MigrationPreview; dryRun: DryRun };

export interface SqlPreview {
  initial: MigrationPreview;
  /** `null` when the request asked for another view only. */
  database: DatabasePreview | null;
  /** `null` when the request asked for another view only. */
  since: SincePreview | null;
}
