/**
 * Migration SQL between two drizzle-kit snapshots, the way `drizzle-kit generate` writes it: diff → combine →
 * print. Renames come from the caller (the studio knows them from stable ids).
 * @example migrationStatements(before, after).sql.join('--> statement-breakpoint\n')
 */
import type { Snapshot } from '../snapshot-types';
import { combineStatements } from './combine';
import { statementsSql } from './convert';
import { type Renames, NO_RENAMES, diffSnapshots } from './differ';
import type { JsonStatement } from './statements';

export interface MigrationStatements {
  /** The combined json statements (what the SQL was printed from). */
  statements: JsonStatement[];
  sql: string[];
  renamedTables: { from: string; to: string }[];
  renamedColumns: { table: string; from: string; to: string }[];
}

export function migrationStatements(
  prev: Snapshot,
  next: Snapshot,
  renames: Renames = NO_RENAMES,
): MigrationStatements {
  const diff = diffSnapshots(prev, next, renames);
  const statements = combineStatements(diff.statements, next);
  return {
    statements,
    sql: statementsSql(statements),
    renamedTables: diff.renamedTables,
    renamedColumns: diff.renamedColumns,
  };
}

export type { Renames } from './differ';
export type { JsonStatement } from './statements';
