/**
 * Messages between the page and the SQL worker. Each request builds its own in-memory database and closes it,
 * so the worker holds no state between requests; replies are plain data (structured-clone safe).
 */
import type { ApplyOptions, ApplyReport, MigrationFile } from '$lib/sql/host-runner';
import type { RowRenames, RowsReport } from '$lib/sql/row-compare';
import type { SeedReport } from '$lib/sql/sample-data';
import type { SchemaDrift, SchemaReport } from '$lib/sql/schema-report';

/** Options that can cross the boundary (a clock function cannot). */
export type SqlApplyOptions = Omit<ApplyOptions, 'now'>;

/** Apply migration files to an empty database, as the MoLOS host does. */
export interface ApplyRequest {
  id: number;
  type: 'apply';
  files: MigrationFile[];
  options?: SqlApplyOptions;
}

/** Apply files to an empty database and read the resulting schema; with `compareTo`, also list the drift. */
export interface SchemaRequest {
  id: number;
  type: 'schema';
  files: MigrationFile[];
  /** Files whose schema is the expected one (typically the fresh `0000` of the current design). */
  compareTo?: MigrationFile[];
  options?: SqlApplyOptions;
}

/** Apply `base`, seed sample rows, apply `base` + `migration`, and compare the rows. */
export interface RowsRequest {
  id: number;
  type: 'rows';
  base: MigrationFile[];
  migration: MigrationFile[];
  rowsPerTable?: number;
  renames?: RowRenames;
  options?: SqlApplyOptions;
}

export type SqlRequest = ApplyRequest | SchemaRequest | RowsRequest;

export interface SchemaResult {
  apply: ApplyReport;
  schema: SchemaReport;
  /** Present when the request had `compareTo`: expected = `compareTo`, actual = `files`. */
  drift?: SchemaDrift[];
}

export interface RowsResult {
  base: ApplyReport;
  seed: SeedReport;
  apply: ApplyReport;
  rows: RowsReport;
}

/** The result type of each request type. */
export interface SqlResults {
  apply: ApplyReport;
  schema: SchemaResult;
  rows: RowsResult;
}

export type SqlResponse =
  | { [K in keyof SqlResults]: { id: number; ok: true; type: K; result: SqlResults[K] } }[keyof SqlResults]
  | { id: number; ok: false; error: string };
