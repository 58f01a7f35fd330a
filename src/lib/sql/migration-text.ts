/** The two facts about migration files that the host runner, the safety analysis and the importers share. */

/** The host applies only files whose name matches this; others are skipped with a warning. */
export const MIGRATION_NAME = /^\d+_[a-z0-9_]+\.sql$/;

/** drizzle-kit's statement separator, which the host and drizzle's migrator split on. */
export const BREAKPOINT_MARKER = '--> statement-breakpoint';
