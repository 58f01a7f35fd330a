/**
 * `molos-schema`: the studio's command line. Commands print their results to stdout, problems to stderr, and
 * exit non-zero on failure; user mistakes never show a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { check, generate, sql } from './commands';
import { CliError, type CliIo } from './io';

const HELP: Record<string, string> = {
  main: `molos-schema — MoLOS Schema Studio on the command line

Usage: molos-schema <command> [options]

Commands:
  generate <design.json> --out <module-dir> [--layout legacy|current]
                        write the module's schema, models, config and first migration
  sql <design.json>     print the first migration's SQL, exactly as drizzle-kit writes it
  check <design.json> [--module-id ID]
                        list MoLOS rule issues; exit 1 when there is an error

Run "molos-schema <command> --help" for a command's details.
`,
  generate: `Usage: molos-schema generate <design.json> --out <module-dir> [--layout legacy|current]

Writes the module's files into <module-dir> (created if needed):
  lib/server/db/schema/tables.ts + index.ts, lib/models/index.ts   (legacy layout, the documented one)
  src/server/db/schema/tables.ts + index.ts, src/models/index.ts, src/config.ts   (current layout)
  drizzle.config.ts, manifest.yaml, drizzle/0000_init.sql, drizzle/meta/0000_snapshot.json, drizzle/meta/_journal.json

Options:
  --out <dir>       the module's own folder
  --layout <name>   legacy or current; defaults to the design's layout

manifest.yaml, drizzle.config.ts and src/config.ts are created only when missing. A design that breaks a
MoLOS rule is refused (exit 1), and existing migrations are never overwritten.
`,
  sql: `Usage: molos-schema sql <design.json>

Prints the first migration (drizzle/0000_init.sql) to stdout, byte for byte what drizzle-kit generate writes for
the generated tables.ts, with nothing added.
`,
  check: `Usage: molos-schema check <design.json> [--module-id ID]

Prints one line per MoLOS rule issue — severity, code, the table/column/index/enum/relation it concerns, the
message and the available fix — then a summary. Exits 1 when any issue is an error.

Options:
  --module-id <ID>  check as if the module had this id (e.g. MoLOS-Tasks)
`,
};

const OPTIONS = {
  out: { type: 'string' },
  layout: { type: 'string' },
  'module-id': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ALLOWED: Record<string, readonly string[]> = {
  generate: ['out', 'layout', 'help'],
  sql: ['help'],
  check: ['module-id', 'help'],
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
      throw new CliError(`${command} needs exactly one design file, got ${positionals.length}\n\n${HELP[command]}`);
    }
    const file = positionals[0] as string;
    if (command === 'generate') return await generate(io, file, { out: values.out, layout: values.layout });
    if (command === 'sql') return sql(io, file);
    return check(io, file, { moduleId: values['module-id'] });
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

if (isEntry() || process.env.MOLOS_SCHEMA_CLI === '1') {
  const code = await run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
