/** Host-safety analysis of MoLOS migrations: `analyzeMigration` → structured findings → `safetyMessage`. */
export { analyzeMigration } from './analyze';
export { safetyMessage } from './messages';
export { classifyStatement, type StatementInfo } from './classify';
export { splitMigration, splitStatements, BREAKPOINT_MARKER, type MigrationChunk, type SqlStatement } from './split';
export { MIGRATION_FILE_NAME } from './file-checks';
export {
  OLDER_HOST_CODES,
  SAFETY_CODES,
  type MigrationInput,
  type SafetyCode,
  type SafetyFinding,
  type SafetySeverity,
} from './types';
