/** Plain-words messages for safety findings: what will happen when the host applies the migration. */
import type { SafetyCode, SafetyFinding } from './types';

type Params = SafetyFinding['params'];
const HOST_TX = "inside the host's transaction with foreign keys on";
const OLDER = 'the older MoLOS host refuses';
const OLDER_START = 'The older MoLOS host refuses';

/** "what happens to the rows of the tables that reference it", from the effect params (see effects.ts). */
function effectsText(p: Params): string {
  const parts: string[] = [];
  if (p.deleted) {
    parts.push(
      `rows of ${p.deleted} that reference it are deleted (ON DELETE cascade)` +
        (p.deletedVia ? `, and with them rows of ${p.deletedVia}` : ''),
    );
  } else if (p.deletedVia) parts.push(`rows of ${p.deletedVia} are deleted (ON DELETE cascade)`);
  if (p.nulled) parts.push(`${p.nulled} are set to NULL (ON DELETE set null)`);
  if (p.defaulted) parts.push(`${p.defaulted} are set to their default, NULL if none (ON DELETE set default)`);
  if (p.blocked) {
    parts.push(`the migration fails with "FOREIGN KEY constraint failed" if ${p.blocked} has rows that reference it`);
  }
  const unknown = p.schemaKnown === 0 ? ' (other referencing tables are unknown without the schema before)' : '';
  return parts.join('; ') + unknown;
}

const MESSAGES: Record<SafetyCode, (p: Params) => string> = {
  'file-name': (p) =>
    p.reason === 'down'
      ? `${p.name} is a down migration: the host never applies it.`
      : `${p.name} does not match NNNN_name.sql (digits, underscore, lower-case letters, digits and underscores): the host skips it with only a warning, so it never runs.`,
  'empty-chunk': (p) =>
    `This chunk is ${p.kind === 'comment-only' ? 'only a comment' : 'empty'}: the host runs the file (it drops the chunk), but drizzle's migrator, which module tests use, fails on it ("The supplied SQL string contains no statements").`,
  'multiple-statements-in-chunk': (p) =>
    `This chunk holds ${p.count} statements: the host runs them all, but drizzle's migrator, which module tests use, runs each chunk as one prepared statement and fails ("contains more than one statement"). Put a --> statement-breakpoint between them.`,
  'trailing-breakpoint': () =>
    'The file ends with --> statement-breakpoint: the host runs the file (it drops the empty last chunk), but drizzle\'s migrator, which module tests use, fails on it ("The supplied SQL string contains no statements").',
  'unprefixed-table': (p) =>
    p.rebuildOf
      ? `${p.table} (the rebuild copy of ${p.rebuildOf}) has no ${p.prefix} prefix: ${OLDER} any statement naming it after ${p.keyword}.`
      : `${p.table} is not prefixed with ${p.prefix}: ${OLDER} the statement (it checks the name after ${p.keyword}), and MoLOS module tables must carry the module prefix.`,
  'on-update-clause': (p) =>
    `${p.table ? `${p.table} has` : 'This statement has'} ${p.count === 1 ? 'an ON UPDATE clause' : `${p.count} ON UPDATE clauses`}: the current host runs it, but ${OLDER} it because it reads the word after UPDATE ("no", "cascade" …) as an unprefixed table name.`,
  'pragma-in-transaction': (p) =>
    p.pragma !== 'foreign_keys'
      ? `PRAGMA ${p.pragma}: ${OLDER} PRAGMA statements, and some pragmas do nothing inside the host's transaction.`
      : /^(off|0|false|no)$/i.test(String(p.value))
        ? `PRAGMA foreign_keys=${p.value} does nothing here: the host runs the whole file in one transaction with foreign keys on, so the statements after it still enforce foreign keys and fire ON DELETE actions. ${OLDER_START} PRAGMA statements.`
        : `PRAGMA foreign_keys=${p.value} does nothing inside the host's transaction (foreign keys are already on there). ${OLDER_START} PRAGMA statements.`,
  'insert-statement': (p) => `INSERT into ${p.table}: ${OLDER} INSERT statements (the current host runs them).`,
  'view-or-trigger': (p) =>
    `${p.action === 'drop' ? 'Dropping' : 'Creating'} the ${p.kind} ${p.name}: ${OLDER} views and triggers.`,
  'table-rebuild': (p) =>
    `${p.table} is rebuilt (copied into ${p.copy}, dropped, renamed back). This runs ${HOST_TX}, so dropping the old table fires the ON DELETE actions of every table that references it` +
    (p.schemaKnown ? '' : ' (which tables do is unknown without the schema before this migration)') +
    `; indexes are recreated; ${OLDER} the pattern (PRAGMA, INSERT, unprefixed ${p.copy}). Prefer additive changes.`,
  'rebuild-cascade': (p) => `Rebuilding ${p.table} drops the old table ${HOST_TX}: ${effectsText(p)}.`,
  'rebuild-selects-new-column': (p) =>
    `The copy of ${p.table} selects column ${p.column}, which the old table does not have (an added or renamed column inside a rebuild): better-sqlite3 fails with "no such column: ${p.column}"` +
    (p.quoted ? `, and sql.js (double-quoted strings allowed) writes the text '${p.column}' into every row.` : '.'),
  'rebuild-not-null-tightened': (p) =>
    p.filledBefore
      ? `The rebuild makes ${p.table}.${p.column} NOT NULL, and the column has no default: it runs because the migrations before it fill the NULLs (in the dry run, the NULL seeded there was gone when it ran). A NULL written in between would still make it fail.`
      : p.noDefault
        ? `The rebuild makes ${p.table}.${p.column} NOT NULL, and the column has no default: the NULLs that rows hold there (it allowed them until now) make the migration fail with "NOT NULL constraint failed", in the MoLOS-safe variant too. Either give ${p.column} a default (the MoLOS-safe variant then copies each NULL as that default), or fill the NULLs first, in a migration of your own before this one: UPDATE \`${p.table}\` SET \`${p.column}\` = <value> WHERE \`${p.column}\` IS NULL;`
        : `The rebuild makes ${p.table}.${p.column} NOT NULL, but copies the old values as they are (the default is not applied to copied NULLs): the migration fails with "NOT NULL constraint failed" if any row holds NULL.`,
  'rebuild-copy-misses-not-null-column': (p) =>
    `The copy of ${p.table} gives no value to ${p.column}, which is NOT NULL without a default: every copied row fails with "NOT NULL constraint failed". Give ${p.column} a default.`,
  'rebuild-inserts-generated-column': (p) =>
    `The copy of ${p.table} inserts into the generated column ${p.column}: SQLite fails with "cannot INSERT into generated column".`,
  'rebuild-table-used-by-view': (p) =>
    `The view ${p.view} reads ${p.table}: renaming the copy back fails with "error in view ${p.view}: no such table: main.${p.table}", and the migration fails.`,
  'rebuild-without-pragma': (p) =>
    `The rebuild of ${p.table} has no PRAGMA foreign_keys=OFF (drizzle-kit dedupes the PRAGMAs of later rebuilds): even a runner that honours the PRAGMA runs it with foreign keys on.`,
  'add-not-null-without-default': (p) =>
    `Adding ${p.table}.${p.column} as NOT NULL without a default fails with "Cannot add a NOT NULL column with default value NULL" as soon as ${p.table} has rows. Give it a default.`,
  'add-references-unquoted': (p) =>
    p.char
      ? `The REFERENCES target ${p.target} is not quoted: SQLite fails with 'near "${p.char}": syntax error' (drizzle-kit leaves the target of ADD … REFERENCES unquoted).`
      : `ADD … REFERENCES ${p.target} has no ON DELETE / ON UPDATE: drizzle-kit drops the actions the schema declares, so ${p.table}.${p.column} gets NO ACTION (deleting a referenced row fails instead of cascading or nulling).`,
  'add-references-with-default': (p) =>
    `${p.table}.${p.column} references another table and has the default ${p.default}: with foreign keys on, adding it fails with "Cannot add a REFERENCES column with non-NULL default value" if ${p.table} has rows.`,
  'add-column-non-constant-default': (p) =>
    `${p.table}.${p.column} has the non-constant default ${p.default}: adding it fails with "Cannot add a column with non-constant default" on any table with rows. Rebuilding the table instead (the MoLOS-safe variant does) gives each row the default.`,
  'add-column-unique-or-primary-key': (p) =>
    `${p.table}.${p.column} is added as ${p.constraint}: SQLite fails with "Cannot add a ${p.constraint} column". Add the column, then a unique index.`,
  'drop-table': (p) => `Dropping ${p.table} deletes the table and all its rows.`,
  'drop-column': (p) => `Dropping ${p.table}.${p.column} deletes that column's data in every row.`,
  'drop-column-indexed': (p) =>
    `The index ${p.index} still uses ${p.table}.${p.column}: dropping the column fails ("error in index ${p.index} after drop column"). Drop the index first.`,
  'drop-parent-table-before-pragma': (p) =>
    p.children
      ? `${p.table} is dropped before the PRAGMA foreign_keys=OFF that follows (and in the host that PRAGMA does nothing anyway): ${effectsText(p)}.`
      : `${p.table} is dropped before the PRAGMA foreign_keys=OFF that follows: if other tables reference it, their ON DELETE actions fire (rows deleted, values nulled, or the migration fails). Which tables do is unknown without the schema before this migration.`,
  'drop-referenced-table': (p) =>
    `Dropping ${p.table} ${HOST_TX} fires the ON DELETE actions of the tables that reference it: ${effectsText(p)}.`,
  'index-expression-quoted': (p) =>
    `The index ${p.index} lists ${p.item}, an expression written as a quoted column name: SQLite fails with "no such column".`,
};

/**
 * What will happen, in plain words.
 * @example safetyMessage({ code: 'drop-table', severity: 'warning', chunk: 0, statement: null, params: { table: 'x' } })
 * // 'Dropping x deletes the table and all its rows.'
 */
export function safetyMessage(finding: SafetyFinding): string {
  return MESSAGES[finding.code](finding.params);
}
