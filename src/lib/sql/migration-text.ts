/** The facts about migration files that the host runner, the safety analysis and the importers share. */

/**
 * The host's name check, exactly as it is written there (`validateMigrationName`): the host reads only `*.sql`
 * files (and never `*.down.sql`), then skips with a warning every name this does not match. The optional `.sql`
 * never matters in practice, because only `.sql` files get this far.
 */
export const MIGRATION_NAME = /^\d+_[a-z0-9_]+(\.sql)?$/;

/** drizzle-kit's statement separator, which the host and drizzle's migrator split on. */
export const BREAKPOINT_MARKER = '--> statement-breakpoint';
