/**
 * The commands of `molos-schema`, in one table: each command's usage, summary, help text, options and handler.
 * main.ts builds the main help, parses and checks the options and dispatches from it alone, so a command, an
 * option or its help is added in one place. Handlers load the commands lazily (commands.ts), so `--help` and the
 * main thread of a bounded command (bounded-run.ts) never load ts-morph, sql.js and the generators.
 */
import { READ_LIMIT_SECONDS } from '../lib/core/reading';
import type { CliIo } from './io';

/** Every option any command takes, with its type: one namespace, so `--out` means a path in every command. */
export const OPTION_TYPES = {
  out: 'string',
  layout: 'string',
  name: 'string',
  safe: 'boolean',
  exact: 'boolean',
  'dry-run': 'boolean',
  reconcile: 'boolean',
  'accept-loss': 'boolean',
  since: 'string',
  'module-id': 'string',
  timeout: 'string',
  host: 'string',
} as const;

/** The name of an option, without its leading `--`. */
export type OptionName = keyof typeof OPTION_TYPES;

/** The options as parsed: strings for string options, `true` for flags, nothing when not given. */
export type OptionValues = {
  [K in OptionName]?: (typeof OPTION_TYPES)[K] extends 'string' ? string : boolean;
};

/** One option of one command, as its help shows it. */
export interface CommandOption {
  name: OptionName;
  /** The value's placeholder in the help (`<dir>`), for string options. */
  value?: string;
  /** What it does; further lines are indented under the first. */
  help: string;
}

/** One command: everything main.ts needs to show, check and run it. */
export interface Command {
  name: string;
  /** The arguments after the command's name, one string per line of its help's usage. */
  usage: readonly string[];
  /** One line for the main help. */
  summary: string;
  /** What the one positional argument is called in "needs exactly one …". */
  operand: string;
  /** The help's text between the usage and the options. */
  description: string;
  options: readonly CommandOption[];
  /** The column the options' descriptions start at. */
  optionsColumn?: number;
  /** The help's text after the options. */
  epilogue?: string;
  /** Runs the command on its one positional argument; returns the exit code. */
  run: (io: CliIo, input: string, values: OptionValues) => Promise<number>;
}

const commands = () => import('./commands');

/** The default per-file limit, shown in the help (the page uses the same). */
const LIMIT = READ_LIMIT_SECONDS;

const TIMEOUT: CommandOption = {
  name: 'timeout',
  value: '<s>',
  help: `stop when one file takes longer than <s> seconds to read: exit 2, nothing written
(default ${LIMIT}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)`,
};

const MODULE_ID: CommandOption = {
  name: 'module-id',
  value: '<ID>',
  help: "the module id (otherwise from manifest.yaml or the tables' common <ModuleId>_ prefix)",
};

/** What `older` adds, in every command that analyses migrations. */
const OLDER_HOST_HELP = `current or older: the MoLOS host the module must also run on; older adds the older
host's warnings (ON UPDATE, PRAGMA, INSERT, views, table names without the prefix)`;

const HOST: CommandOption = {
  name: 'host',
  value: '<host>',
  help: `${OLDER_HOST_HELP}
(default: the design's setting, "Also runs on the older MoLOS host")`,
};

/** The commands, in the order the main help lists them. */
export const COMMANDS: readonly Command[] = [
  {
    name: 'generate',
    usage: [
      '<design.json> --out <module-dir> [--layout legacy|current] [--name NAME]',
      '[--exact|--safe] [--reconcile] [--accept-loss] [--dry-run] [--host current|older]',
    ],
    summary: "merge the module's code into the folder and add its next migration, all or nothing",
    operand: 'design file',
    description: `Plans the write into <module-dir> (created if needed), then writes every file or none:
  lib/server/db/schema/tables.ts + index.ts, lib/models/index.ts   (legacy layout, the documented one)
  src/server/db/schema/tables.ts + index.ts, src/models/index.ts, src/config.ts   (current layout)
  drizzle.config.ts, manifest.yaml
and the next migration: drizzle/NNNN_<name>.sql, its snapshot in drizzle/meta and a new journal entry — the
first one (0000_init) for a module without migrations. Without schema changes no migration is written.

The studio owns only what it generates: in tables.ts and the models file the declarations the design produces
are updated in place and everything else is kept (what it cannot place is reported). manifest.yaml,
drizzle.config.ts, the schema index and src/config.ts are created when missing and never rewritten. No file under
drizzle/ is rewritten except the journal.

The migration is chosen safe by default. Both variants — drizzle-kit's exact SQL and the MoLOS-safe variant —
are analysed and tried on sample data as the MoLOS host runs them (a dry run). drizzle-kit's SQL is written when
it has no host error and loses or changes no rows; otherwise the MoLOS-safe variant when it passes; otherwise
nothing. A migration that fails in the dry run, or whose chunks do not hold one statement each, is never written.

The migration holds the design's changes to the module's code as it is. Where that code and the module's
migrations already differ (drift: an index only the SQL has, a column NOT NULL in the SQL but nullable in
tables.ts), the database is left as it is and the differences are listed; --reconcile writes them into the
migration too, bringing the database to what the code says.

Nothing is written (exit 1) when the plan is refused: a design that would give broken code, a folder of another
module, a damaged journal or snapshot, a file in the way under drizzle/, a migration that fails, a migration that
drops tables or columns holding values (a rename the design has no record of looks like that) unless you accept
it with --accept-loss. The dry run seeds NULL into one row of every nullable column, so a column made NOT NULL over
NULLs shows its failure. Every reason is
printed. Renames are known from the design's stable ids: after a write, <design.json> records what was exported
(its "baseline", with the module's files as written).
`,
    options: [
      { name: 'out', value: '<dir>', help: "the module's own folder" },
      { name: 'layout', value: '<name>', help: "legacy or current; defaults to the design's layout" },
      {
        name: 'name',
        value: '<name>',
        help: "the migration's name after NNNN_ (default: made from the change, e.g. add_tasks_estimate)",
      },
      {
        name: 'exact',
        help: "write drizzle-kit's exact SQL, whatever its analysis says (exit 1 if it carries an error)",
      },
      { name: 'safe', help: 'write the MoLOS-safe variant' },
      { name: 'reconcile', help: 'also bring the database to the code where the two already differ' },
      {
        name: 'accept-loss',
        help: 'write a migration that drops tables or columns holding values (refused without it)',
      },
      {
        name: 'dry-run',
        help: `print the plan — each file with its action and diff, the merge notes, the migration variant
and why, its findings and dry run — and write nothing (not even <design.json>)`,
      },
      HOST,
      TIMEOUT,
    ],
    epilogue: `Exit codes: 0 written; 1 refused (nothing written), or written with a migration that carries a host error;
2 unusable input.
`,
    run: async (io, input, v) =>
      (await commands()).generate(io, input, {
        out: v.out,
        layout: v.layout,
        name: v.name,
        exact: v.exact,
        safe: v.safe,
        dryRun: v['dry-run'],
        reconcile: v.reconcile,
        acceptLoss: v['accept-loss'],
        host: v.host,
      }),
  },
  {
    name: 'sql',
    usage: ['<design.json> [--since <module-dir>] [--exact|--safe] [--reconcile]'],
    summary: "print a migration's SQL: the first one as drizzle-kit writes it, or the next one",
    operand: 'design file',
    description: `Prints a migration to stdout, with nothing added; nothing is written. Without --since: the first migration
(0000_init), byte for byte what drizzle-kit generate writes. With --since: the next migration of that module
folder in the variant "generate" would write (drizzle-kit's SQL when it passes, else the MoLOS-safe variant);
which one and why, the safe variant's changes and the dry run on sample data go to stderr. Exits 1 when generate
would refuse the migration (with --exact or --safe the variant is printed all the same).
`,
    options: [
      { name: 'since', value: '<dir>', help: 'the module folder whose drizzle/ holds the migrations so far' },
      { name: 'exact', help: "print drizzle-kit's exact SQL" },
      { name: 'safe', help: 'print the MoLOS-safe variant' },
      {
        name: 'reconcile',
        help: 'as generate --reconcile: also bring the database to the code where they already differ',
      },
      TIMEOUT,
    ],
    optionsColumn: 18,
    run: async (io, input, v) =>
      (await commands()).sql(io, input, { since: v.since, exact: v.exact, safe: v.safe, reconcile: v.reconcile }),
  },
  {
    name: 'check',
    usage: ['<design.json|tables.ts|module-dir|file.sql|snapshot.json> [--module-id ID]'],
    summary: 'list MoLOS rule issues (existing code is imported first); exit 1 when there is an error',
    operand: 'design file',
    description: `Prints one line per MoLOS rule issue — severity, code, the table/column/index/enum/relation it concerns, the
message and the available fix — then a summary. Exits 1 when any issue is an error.

Anything but a design file is imported first (as "molos-schema import" does; its messages are printed with
file:line), so existing code is checked as it is: a nullable user_id, a key without a UUID default, an index
name without the table name, … Exits 2 when the input cannot be imported.
`,
    options: [
      { name: 'module-id', value: '<ID>', help: 'check as if the module had this id (e.g. MoLOS-Tasks)' },
      TIMEOUT,
    ],
    run: async (io, input, v) => (await commands()).check(io, input, { moduleId: v['module-id'] }),
  },
  {
    name: 'import',
    usage: ['<tables.ts|module-dir|file.sql|snapshot.json> --out <design.json> [--module-id ID]'],
    summary: 'read an existing module, its SQL or a drizzle snapshot into a design file',
    operand: 'input',
    description: `Reads an existing module into a design file. The kind of input is told from its name:
  <module-dir>      a module folder: its schema file (lib/server/db/schema/tables.ts, src/server/db/schema/tables.ts
                    or drizzle.config.ts's schema), models, manifest.yaml (module id, name) and layout; the last
                    drizzle/meta snapshot becomes the design's baseline, so the next migration holds only changes
  <tables.ts>       a drizzle schema file (the module's models file is read too when it is in its usual place)
  <file.sql>        CREATE TABLE / CREATE INDEX statements, run on an in-memory SQLite and read back
  <snapshot.json>   a drizzle-kit snapshot (drizzle/meta/NNNN_snapshot.json), also kept as the baseline
Imported code is parsed, never run. Every message names the file and line it concerns; what the design cannot
hold is reported with what was kept instead; relations found only in comments are listed as suggestions.
`,
    options: [{ name: 'out', value: '<file>', help: 'the design file to write' }, MODULE_ID, TIMEOUT],
    epilogue: `Exits 2 when the input cannot be imported (nothing is written).
`,
    run: async (io, input, v) => (await commands()).importCommand(io, input, { out: v.out, moduleId: v['module-id'] }),
  },
  {
    name: 'verify',
    usage: ['<module-dir> [--module-id ID] [--host current|older]'],
    summary: "replay the module's migrations as the MoLOS host does and report problems; exit 1 on errors",
    operand: 'module folder',
    description: `Replays drizzle/*.sql on sql.js exactly as the MoLOS host does (file-name filter, numeric order, one transaction
per file, foreign keys on, statements split as the host splits them, "already applied" errors skipped as it skips
them, a molos_migrations record with each file's SHA-256), then reports:
  - journal problems (a missing file, a file without entry, "when" not increasing),
  - files that fail or are skipped, and statements the host would skip,
  - drift between the schema the migrations build and the schema tables.ts describes (read, never run), each
    difference with what each side says,
  - drift against the last snapshot, and a snapshot older than the migrations,
  - the safety findings of every migration.
Exits 1 when anything is an error.
`,
    options: [MODULE_ID, { name: 'host', value: '<host>', help: `${OLDER_HOST_HELP}\n(default current)` }, TIMEOUT],
    run: async (io, input, v) => (await commands()).verify(io, input, v['module-id'], v.host),
  },
];

/** The command called `name`, if there is one. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The column where the main help's command summaries start. */
const SUMMARY_COLUMN = 24;

/** Indents every line but the first by `column` spaces. */
function hang(text: string, column: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(column)}`);
}

/** The help of `molos-schema` itself: the commands' usages and summaries, then the time limit. */
export function mainHelp(): string {
  const lines = COMMANDS.map((c) => {
    const usage = `  ${c.name} ${c.usage.join(' ')}`;
    return usage.length + 2 <= SUMMARY_COLUMN
      ? `${usage.padEnd(SUMMARY_COLUMN)}${c.summary}`
      : `${usage}\n${' '.repeat(SUMMARY_COLUMN)}${c.summary}`;
  });
  return `molos-schema — MoLOS Schema Studio on the command line

Usage: molos-schema <command> [options]

Commands:
${lines.join('\n')}

Run "molos-schema <command> --help" for a command's details, "molos-schema --version" for the version.

Time limit: generate, sql --since, check, import and verify stop when one file takes longer than
${LIMIT} s to read (parse, replay or plan), print "<file> could not be read in N s" and exit 2; nothing is
written then, and a write that has begun is never cut off. Change the limit with --timeout <seconds> or the
environment variable MOLOS_SCHEMA_TIMEOUT (0: no limit).
`;
}

/** The help of one command: usage, description, options (each with its value and text), epilogue. */
export function commandHelp(c: Command): string {
  const prefix = `Usage: molos-schema ${c.name} `;
  const column = c.optionsColumn ?? 20;
  const options = c.options.map((o) => {
    const label = `  --${o.name}${o.value ? ` ${o.value}` : ''}`;
    return `${label.padEnd(column)}${hang(o.help, column)}`;
  });
  const parts = [
    `${prefix}${hang(c.usage.join('\n'), prefix.length)}`,
    c.description.trimEnd(),
    `Options:\n${options.join('\n')}`,
  ];
  if (c.epilogue) parts.push(c.epilogue.trimEnd());
  return `${parts.join('\n\n')}\n`;
}
