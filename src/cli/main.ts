/**
 * `molos-schema`: the studio's command line. Commands print their results to stdout, problems to stderr, and
 * exit non-zero on failure; user mistakes never show a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { DEFAULT_TIMEOUT_SECONDS, boundedSeconds, parseTimeout, runInThread } from './bounded-run';
import { CliError, type CliIo } from './io';

const HELP: Record<string, string> = {
  main: `molos-schema — MoLOS Schema Studio on the command line

Usage: molos-schema <command> [options]

Commands:
  generate <design.json> --out <module-dir> [--layout legacy|current] [--name NAME] [--exact|--safe] [--reconcile] [--accept-loss] [--dry-run]
                        merge the module's code into the folder and add its next migration, all or nothing
  sql <design.json> [--since <module-dir>] [--exact|--safe] [--reconcile]
                        print a migration's SQL: the first one as drizzle-kit writes it, or the next one
  check <design.json|tables.ts|module-dir|file.sql|snapshot.json> [--module-id ID]
                        list MoLOS rule issues (existing code is imported first); exit 1 when there is an error
  import <tables.ts|module-dir|file.sql|snapshot.json> --out <design.json> [--module-id ID]
                        read an existing module, its SQL or a drizzle snapshot into a design file
  verify <module-dir>   replay the module's migrations as the MoLOS host does and report problems; exit 1 on errors

Run "molos-schema <command> --help" for a command's details.

Time limit: generate, sql --since, check, import and verify stop when one file takes longer than
${DEFAULT_TIMEOUT_SECONDS} s to read (parse, replay or plan), print "<file> could not be read in N s" and exit 2; nothing is
written then, and a write that has begun is never cut off. Change the limit with --timeout <seconds> or the
environment variable MOLOS_SCHEMA_TIMEOUT (0: no limit).
`,
  generate: `Usage: molos-schema generate <design.json> --out <module-dir> [--layout legacy|current] [--name NAME]
                             [--exact|--safe] [--reconcile] [--accept-loss] [--dry-run]

Plans the write into <module-dir> (created if needed), then writes every file or none:
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

Options:
  --out <dir>       the module's own folder
  --layout <name>   legacy or current; defaults to the design's layout
  --name <name>     the migration's name after NNNN_ (default: made from the change, e.g. add_tasks_estimate)
  --exact           write drizzle-kit's exact SQL, whatever its analysis says (exit 1 if it carries an error)
  --safe            write the MoLOS-safe variant
  --reconcile       also bring the database to the code where the two already differ
  --accept-loss     write a migration that drops tables or columns holding values (refused without it)
  --dry-run         print the plan — each file with its action and diff, the merge notes, the migration variant
                    and why, its findings and dry run — and write nothing (not even <design.json>)
  --timeout <s>     stop when one file takes longer than <s> seconds to read: exit 2, nothing written
                    (default ${DEFAULT_TIMEOUT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)

Exit codes: 0 written; 1 refused (nothing written), or written with a migration that carries a host error;
2 unusable input.
`,
  sql: `Usage: molos-schema sql <design.json> [--since <module-dir>] [--exact|--safe] [--reconcile]

Prints a migration to stdout, with nothing added; nothing is written. Without --since: the first migration
(0000_init), byte for byte what drizzle-kit generate writes. With --since: the next migration of that module
folder in the variant "generate" would write (drizzle-kit's SQL when it passes, else the MoLOS-safe variant);
which one and why, the safe variant's changes and the dry run on sample data go to stderr. Exits 1 when generate
would refuse the migration (with --exact or --safe the variant is printed all the same).

Options:
  --since <dir>   the module folder whose drizzle/ holds the migrations so far
  --exact         print drizzle-kit's exact SQL
  --safe          print the MoLOS-safe variant
  --reconcile     as generate --reconcile: also bring the database to the code where they already differ
  --timeout <s>   stop when one file takes longer than <s> seconds to read: exit 2, nothing written
                  (default ${DEFAULT_TIMEOUT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)
`,
  check: `Usage: molos-schema check <design.json|tables.ts|module-dir|file.sql|snapshot.json> [--module-id ID]

Prints one line per MoLOS rule issue — severity, code, the table/column/index/enum/relation it concerns, the
message and the available fix — then a summary. Exits 1 when any issue is an error.

Anything but a design file is imported first (as "molos-schema import" does; its messages are printed with
file:line), so existing code is checked as it is: a nullable user_id, a key without a UUID default, an index
name without the table name, … Exits 2 when the input cannot be imported.

Options:
  --module-id <ID>  check as if the module had this id (e.g. MoLOS-Tasks)
  --timeout <s>     stop when one file takes longer than <s> seconds to read: exit 2, nothing written
                    (default ${DEFAULT_TIMEOUT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)
`,
  import: `Usage: molos-schema import <tables.ts|module-dir|file.sql|snapshot.json> --out <design.json> [--module-id ID]

Reads an existing module into a design file. The kind of input is told from its name:
  <module-dir>      a module folder: its schema file (lib/server/db/schema/tables.ts, src/server/db/schema/tables.ts
                    or drizzle.config.ts's schema), models, manifest.yaml (module id, name) and layout; the last
                    drizzle/meta snapshot becomes the design's baseline, so the next migration holds only changes
  <tables.ts>       a drizzle schema file (the module's models file is read too when it is in its usual place)
  <file.sql>        CREATE TABLE / CREATE INDEX statements, run on an in-memory SQLite and read back
  <snapshot.json>   a drizzle-kit snapshot (drizzle/meta/NNNN_snapshot.json), also kept as the baseline
Imported code is parsed, never run. Every message names the file and line it concerns; what the design cannot
hold is reported with what was kept instead; relations found only in comments are listed as suggestions.

Options:
  --out <file>      the design file to write
  --module-id <ID>  the module id (otherwise from manifest.yaml or the tables' common <ModuleId>_ prefix)
  --timeout <s>     stop when one file takes longer than <s> seconds to read: exit 2, nothing written
                    (default ${DEFAULT_TIMEOUT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)

Exits 2 when the input cannot be imported (nothing is written).
`,
  verify: `Usage: molos-schema verify <module-dir> [--module-id ID]

Replays drizzle/*.sql on sql.js exactly as the MoLOS host does (file-name filter, numeric order, one transaction
per file, foreign keys on, statements split as the host splits them, "already applied" errors skipped as it skips
them, a molos_migrations record with each file's SHA-256), then reports:
  - journal problems (a missing file, a file without entry, "when" not increasing),
  - files that fail or are skipped, and statements the host would skip,
  - drift between the schema the migrations build and the schema tables.ts describes (read, never run), each
    difference with what each side says,
  - drift against the last snapshot, and a snapshot older than the migrations,
  - the safety findings of every migration.
Exits 1 when anything is an error.

Options:
  --module-id <ID>  the module id (otherwise from manifest.yaml or the tables' common <ModuleId>_ prefix)
  --timeout <s>     stop when one file takes longer than <s> seconds to read: exit 2, nothing written
                    (default ${DEFAULT_TIMEOUT_SECONDS}, or MOLOS_SCHEMA_TIMEOUT; 0: no limit)
`,
};

const OPTIONS = {
  out: { type: 'string' },
  layout: { type: 'string' },
  name: { type: 'string' },
  safe: { type: 'boolean' },
  exact: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  reconcile: { type: 'boolean' },
  'accept-loss': { type: 'boolean' },
  since: { type: 'string' },
  'module-id': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ALLOWED: Record<string, readonly string[]> = {
  generate: ['out', 'layout', 'name', 'exact', 'safe', 'reconcile', 'accept-loss', 'dry-run', 'timeout', 'help'],
  sql: ['since', 'exact', 'safe', 'reconcile', 'timeout', 'help'],
  check: ['module-id', 'timeout', 'help'],
  import: ['out', 'module-id', 'timeout', 'help'],
  verify: ['module-id', 'timeout', 'help'],
};

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP.main as string);
      return command === undefined ? 2 : 0;
    }
    if (!(command in ALLOWED)) throw new CliError(`unknown command "${command}"\n\n${HELP.main}`);
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message.replace(/\. To specify.*$/s, '')}\n\n${HELP[command]}`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(HELP[command] as string);
      return 0;
    }
    const bad = Object.keys(values).filter((k) => !(ALLOWED[command] as readonly string[]).includes(k));
    if (bad.length > 0) throw new CliError(`${command} does not take --${bad.join(', --')}\n\n${HELP[command]}`);
    if (positionals.length !== 1) {
      const what = command === 'verify' ? 'module folder' : command === 'import' ? 'input' : 'design file';
      throw new CliError(`${command} needs exactly one ${what}, got ${positionals.length}\n\n${HELP[command]}`);
    }
    const file = positionals[0] as string;
    // The limit itself is kept by the main thread (bounded-run.ts); here a bad value is reported like any option.
    parseTimeout(values.timeout, process.env.MOLOS_SCHEMA_TIMEOUT);
    const { check, generate, importCommand, sql, verify } = await import('./commands');
    if (command === 'generate') {
      return await generate(io, file, {
        out: values.out,
        layout: values.layout,
        name: values.name,
        exact: values.exact,
        safe: values.safe,
        dryRun: values['dry-run'],
        reconcile: values.reconcile,
        acceptLoss: values['accept-loss'],
      });
    }
    if (command === 'sql')
      return await sql(io, file, {
        since: values.since,
        exact: values.exact,
        safe: values.safe,
        reconcile: values.reconcile,
      });
    if (command === 'verify') return await verify(io, file, values['module-id']);
    if (command === 'import') return await importCommand(io, file, { out: values.out, moduleId: values['module-id'] });
    return await check(io, file, { moduleId: values['module-id'] });
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`molos-schema: ${e.message.trimEnd()}\n`);
      return e.exitCode;
    }
    io.stderr(`molos-schema: internal error: ${(e as Error).message}\n`);
    if (process.env.MOLOS_SCHEMA_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 70;
  }
}

function isEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Only the process's main thread: the worker thread of a bounded command imports this file for `run` alone.
if (isMainThread && (isEntry() || process.env.MOLOS_SCHEMA_CLI === '1')) {
  const argv = process.argv.slice(2);
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  };
  // Commands that read user files run in a worker thread the main thread can stop (bounded-run.ts).
  const seconds = boundedSeconds(argv, process.env.MOLOS_SCHEMA_TIMEOUT);
  process.exitCode =
    seconds === null
      ? await run(argv, io)
      : await runInThread(argv, io, seconds, new URL('./cli-thread.mjs', import.meta.url));
}
