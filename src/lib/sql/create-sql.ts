/**
 * SQL for a fresh schema — the statements that build a snapshot's tables from nothing, in drizzle-kit's order
 * (per table its CREATE TABLE, then its indexes) — and the joining of statements into a migration file.
 */
import { migrationStatements } from './diff/index';
import { EMPTY_SNAPSHOT, type Snapshot } from './snapshot-types';

export const BREAKPOINT = '--> statement-breakpoint\n';

/** The statements that create a snapshot's schema from an empty database, exactly as drizzle-kit writes them. */
export function createStatements(snapshot: Snapshot): string[] {
  return migrationStatements(EMPTY_SNAPSHOT, snapshot).sql;
}

/** Joins statements into a migration file's text, as drizzle-kit does (no trailing breakpoint). */
export function joinStatements(statements: readonly string[], breakpoints = true): string {
  return statements.join(breakpoints ? BREAKPOINT : '\n');
}
