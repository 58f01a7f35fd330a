/**
 * Human messages for rule issues, rendered from the code and params (the UI and the CLI share them), and
 * a short description of an issue's target ("column MoLOS-Tasks_tasks.status").
 */
import { type Design, fullTableName, relationEnds } from '../design';
import type { Issue, RuleCode, Target } from './types';

type Params = Record<string, string | number>;

const MESSAGES: Record<RuleCode, (p: Params) => string> = {
  'module-id-invalid': (p) => `Module id "${p.id}" is not valid: ${p.reason}. Try "${p.suggestion}".`,
  'module-no-tables': () => 'The module has no tables yet.',
  'sql-name-unsafe': (p) => `The ${p.what} name ${JSON.stringify(p.name)} cannot be used in SQL: ${p.reason}.`,
  'sql-reserved-word': (p) =>
    `The ${p.what} name "${p.name}" is an SQLite keyword that SQLite refuses (or reads as something else) without quotes. The generated code and SQL quote it, but every hand-written query must write it as "${p.name}".`,
  'table-name-not-snake-case': (p) =>
    `Table name "${p.name}" is not snake_case. MoLOS convention: snake_case ("${p.suggestion}").`,
  'table-name-has-prefix': (p) =>
    `Table name "${p.name}" repeats a module prefix; the studio adds the prefix itself (the table is ${p.table}).`,
  'table-name-duplicate': (p) => `Another table is also named ${p.table} (SQLite names ignore case).`,
  'table-no-columns': (p) => `Table ${p.table} has no columns.`,
  'export-name-invalid': (p) => `Export name "${p.name}" is not a valid TypeScript identifier.`,
  'export-name-not-camel-case': (p) =>
    `Export name "${p.name}" is not camelCase. MoLOS convention: camelCase ("${p.suggestion}").`,
  'name-collision': (p) => `The name "${p.name}" is also used by ${p.with} in tables.ts.`,
  'pk-missing': (p) =>
    `Table ${p.table} has no primary key. MoLOS convention: id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()); without a key, rows can only be told apart by their values, and no relation can point at them.`,
  'pk-composite': (p) =>
    `Table ${p.table} marks several columns as primary key (${p.columns}); SQLite rejects two PRIMARY KEY columns.`,
  'pk-not-text': (p) =>
    `Primary key ${p.table}.${p.column} is ${p.type}. MoLOS convention: keys are text UUIDs, so ids made with crypto.randomUUID() fit and other code can treat every id as a string.`,
  'pk-no-uuid-default': (p) =>
    `Primary key ${p.table}.${p.column} has no $defaultFn(() => crypto.randomUUID()). MoLOS convention; without it, every insert must supply an id (fine when the app makes its own ids).`,
  'pk-not-id': (p) =>
    `Primary key ${p.table}.${p.column} is not named "id". MoLOS convention: the key is "id", which code that looks rows up by id expects.`,
  'settings-table': (p) =>
    `Table ${p.table} is keyed by user_id: a settings-style table, allowed as a deliberate exception (one row per user).`,
  'user-id-missing': (p) =>
    `Table ${p.table} has no user_id column. MoLOS convention: every table belongs to a user; without the column, the module cannot keep one user's rows from another's.`,
  'user-id-nullable': (p) =>
    `${p.table}.user_id is nullable. MoLOS convention: NOT NULL, so every row has an owner; a row without one belongs to no user.`,
  'user-id-not-text': (p) =>
    `${p.table}.user_id is ${p.type}. MoLOS convention: user ids are text, like the host's, so they compare with the signed-in user's id as they are.`,
  'user-id-references': (p) =>
    `${p.table}.user_id has a foreign key. MoLOS convention: user_id is a plain text column (users live in the host's core table, which a module does not reference).`,
  'timestamp-missing': (p) =>
    `Table ${p.table} has no ${p.column} column. MoLOS convention: created_at and updated_at, integer NOT NULL DEFAULT unix seconds (an append-only table may leave updated_at out on purpose).`,
  'timestamp-form': (p) =>
    `${p.table}.${p.column} is not integer NOT NULL DEFAULT (strftime('%s','now')). MoLOS convention: unix seconds in a plain integer (no timestamp mode, no milliseconds), so every module's timestamps read the same way.`,
  'column-name-not-snake-case': (p) =>
    `Column ${p.table}.${p.column} is not snake_case. MoLOS convention: snake_case SQL names ("${p.suggestion}").`,
  'column-name-duplicate': (p) => `Table ${p.table} has another column named "${p.column}" (SQLite names ignore case).`,
  'column-key-invalid': (p) =>
    `Column ${p.table}.${p.column} has the key "${p.key}", which is not a plain identifier: the code quotes it, so every use must be written table["${p.key}"]. MoLOS convention: camelCase keys.`,
  'column-key-not-camel-case': (p) =>
    `Column ${p.table}.${p.column} has the key "${p.key}". MoLOS convention: camelCase keys ("${p.suggestion}").`,
  'column-key-duplicate': (p) => `Table ${p.table} has another column with the key "${p.key}".`,
  'mode-type-mismatch': (p) =>
    `Column ${p.table}.${p.column} has mode "${p.mode}", which a ${p.type} column cannot have.`,
  'default-type-mismatch': (p) =>
    `Column ${p.table}.${p.column} has a ${p.kind} default, which does not fit a ${p.type} column.`,
  'default-sql-empty': (p) => `Column ${p.table}.${p.column} has an empty SQL default.`,
  'default-sql-unparenthesized': (p) =>
    `The SQL default of ${p.table}.${p.column} needs parentheses: SQLite rejects DEFAULT ${p.sql}.`,
  'default-sql-double-quoted': (p) =>
    `The SQL default of ${p.table}.${p.column} (${p.sql}) has "…" in an expression, which SQLite reads as a column name: it refuses the table ("default value is not constant"). Text takes single quotes.`,
  'default-sql-invalid': (p) =>
    `The SQL default of ${p.table}.${p.column} (${shortened(String(p.sql))}) is not one expression SQLite can take after DEFAULT: ${SQL_DEFAULT_REASONS[String(p.reason)] ?? p.reason}. Nothing is written while it stands, because the text would end up in the migration as it is.`,
  'sql-text-unsafe': (p) =>
    p.hazard === 'breakpoint'
      ? `The ${p.what} contains "--> statement-breakpoint": the MoLOS host splits migrations on that text wherever it appears, so the statement would be cut in two.`
      : `The ${p.what} has a line that starts with "--": the MoLOS host drops such lines from a migration before running it, so the statement would break.`,
  'default-json-null': (p) =>
    `The JSON default of ${p.table}.${p.column} is null: drizzle-kit writes it as the text 'null', while the app (drizzle-orm) inserts SQL NULL for a value left out, so rows hold either and WHERE … IS NULL finds only some. A NOT NULL column refuses every insert that leaves it out. Remove the default (an omitted value is NULL anyway), or use [] or {}.`,
  'default-json-invalid': (p) => `The JSON default of ${p.table}.${p.column} is not valid JSON: ${p.error}.`,
  'default-json-quote': (p) =>
    `The JSON default of ${p.table}.${p.column} contains an apostrophe, which drizzle-kit does not escape: the migration would not run.`,
  'default-json-scalar': (p) =>
    `The JSON default of ${p.table}.${p.column} is a ${p.kind}; drizzle-kit stores it as plain SQL, so reading the column as JSON gives back something else. Use an object or an array.`,
  'enum-column-not-text': (p) => `Column ${p.table}.${p.column} uses enum ${p.enum}, so it must be plain text.`,
  'enum-column-name-unquotable': (p) =>
    `Enum column ${p.table}.${p.column}: textEnum writes CHECK(${p.name} IN (...)) without quotes, which SQLite refuses or misreads; the name must be one plain word that SQLite accepts bare.`,
  'enum-values-form': (p) =>
    `Column ${p.table}.${p.column} lists the ${p.enum} values with drizzle's { enum: [...] }, so the database accepts any text. MoLOS convention: textEnum, which adds a CHECK (switching rebuilds the table in the next migration).`,
  'default-fn-custom': (p) =>
    `Column ${p.table}.${p.column} has its own default function, which the exported tables.ts will contain and your module will run on every insert: ${p.code}. Review it before exporting (the studio only copies it; it never runs it).`,
  'enum-default-not-member': (p) => `The default "${p.value}" of ${p.table}.${p.column} is not a value of ${p.enum}.`,
  'enum-name-invalid': (p) => `Enum name "${p.enum}" is not a valid TypeScript identifier.`,
  'enum-name-not-pascal-case': (p) =>
    `Enum name "${p.enum}" is not PascalCase. MoLOS convention: PascalCase ("${p.suggestion}").`,
  'enum-empty': (p) => `Enum ${p.enum} has no values.`,
  'enum-unused': (p) => `Enum ${p.enum} is not used by any column.`,
  'enum-member-key-invalid': (p) =>
    `Enum ${p.enum} has the key "${p.key}", which is not a plain identifier: the code quotes it, so every use must be written ${p.enum}["${p.key}"]. MoLOS convention: UPPER_SNAKE keys.`,
  'enum-member-key-duplicate': (p) => `Enum ${p.enum} has the key "${p.key}" more than once.`,
  'enum-member-value-duplicate': (p) =>
    `Enum ${p.enum} has the value "${p.value}" more than once: its keys store the same value, so a row read back cannot tell them apart.`,
  'enum-member-value-quote': (p) =>
    `Enum ${p.enum} value ${JSON.stringify(p.value)} contains an apostrophe; textEnum does not escape it, so the CHECK would break the migration.`,
  'fk-target-not-key': (p) => `Relation ${p.from} → ${p.to} must reference a primary key or unique column.`,
  'fk-type-mismatch': (p) => `Relation ${p.from} → ${p.to} links a ${p.fromType} column to a ${p.toType} key.`,
  'fk-set-null-not-null': (p) =>
    `Relation ${p.from} → ${p.to} sets NULL on a NOT NULL column, so deleting the target would fail.`,
  'fk-set-default-no-default': (p) =>
    `Relation ${p.from} → ${p.to} uses "set default" but ${p.from} has no default, so it sets NULL (which a NOT NULL column refuses: deleting the target would fail).`,
  'index-empty': (p) => `Index ${p.index} on ${p.table} has no columns.`,
  'index-name-prefix': (p) =>
    `Index ${p.index} does not start with its table name. MoLOS convention: "${p.table}_…", so it cannot collide with another module's index in the shared database ("${p.suggestion}").`,
  'index-name-duplicate': (p) =>
    `The name ${p.index} is already used by another index or a table; they share one namespace in the database.`,
  'column-not-null-tightened': (p) =>
    `Column ${p.table}.${p.column} becomes NOT NULL without an SQL default, but its table already exists in the module's migrations: rows that hold NULL make the migration fail. Give it a default (the MoLOS-safe variant copies each NULL as that default), or fill the NULLs first in a migration of your own: UPDATE \`${p.table}\` SET \`${p.column}\` = … WHERE \`${p.column}\` IS NULL;`,
  'column-add-not-null-no-default': (p) =>
    `Column ${p.table}.${p.column} is new, NOT NULL and has no SQL default, but its table already exists in the module's migrations: SQLite refuses to add such a column ("Cannot add a NOT NULL column with default value NULL"), so the migration could never run. Give it a default, or let it be NULL.`,
};

/** Hostile or long text, shown on one line and cut at 80 characters. */
function shortened(text: string): string {
  // Line breaks and other control characters are shown escaped (so the message stays one line); quotes as they are.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  const line = text.replace(/[\u0000-\u001f]/g, (ch) => JSON.stringify(ch).slice(1, -1));
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** Why an SQL default is refused, per `sqlDefaultProblem`'s answer. */
const SQL_DEFAULT_REASONS: Record<string, string> = {
  breakpoint: 'it contains "--> statement-breakpoint", where the MoLOS host cuts the migration\'s statement in two',
  'comment-line': 'a line of it starts with "--", and the MoLOS host drops such lines from a migration',
  comment: 'it holds a comment, which can hide where the expression really ends',
  unterminated: 'a quote or a bracket in it is never closed',
  semicolon: 'it holds a ";" outside quotes, which ends the statement',
  subquery: 'it holds a SELECT, and SQLite refuses a subquery in a default ("default value is not constant")',
  unbalanced: 'its parentheses do not pair up',
  'not-one-expression': "write a literal, or one expression inside one pair of parentheses, such as (lower('x'))",
};

/** The message for an issue. */
export function issueMessage(issue: Issue): string {
  return MESSAGES[issue.code](issue.params);
}

/** Names an issue's target the way a user sees it: `table X`, `column X.y`, `index n`, `enum E`. */
export function describeTarget(d: Design, target: Target): string {
  switch (target.kind) {
    case 'module':
      return `module ${d.module.id}`;
    case 'table': {
      const t = d.tables[target.id];
      return t ? `table ${fullTableName(d, t)}` : `table ${target.id}`;
    }
    case 'column': {
      const c = d.columns[target.id];
      const t = c && d.tables[c.tableId];
      return c && t ? `column ${fullTableName(d, t)}.${c.name}` : `column ${target.id}`;
    }
    case 'index': {
      const ix = d.indexes[target.id];
      return ix ? `index ${ix.name}` : `index ${target.id}`;
    }
    case 'enum': {
      const e = d.enums[target.id];
      return e ? `enum ${e.name}` : `enum ${target.id}`;
    }
    case 'relation': {
      const r = d.relations[target.id];
      const ends = r && relationEnds(d, r);
      return ends
        ? `relation ${fullTableName(d, ends.from.table)}.${ends.from.column.name} → ${fullTableName(d, ends.to.table)}.${ends.to.column.name}`
        : `relation ${target.id}`;
    }
  }
}
