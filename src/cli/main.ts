/**
 * `molos-schema`: the studio's command line. Commands print their results to stdout, problems to stderr, and
 * exit non-zero on failure; user mistakes never show a stack trace.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { boundedSeconds, parseTimeout, runInThread } from './bounded-run';
import { type OptionName, type OptionValues, OPTION_TYPES, commandHelp, findCommand, mainHelp } from './command-table';
import { CliError, type CliIo } from './io';

/** The options parseArgs knows: every command's, so an option of another command gets a precise message. */
const PARSE_OPTIONS = {
  ...Object.fromEntries(Object.entries(OPTION_TYPES).map(([name, type]) => [name, { type }])),
  help: { type: 'boolean', short: 'h' },
} as Record<OptionName | 'help', { type: 'string' | 'boolean'; short?: string }>;

/** The version in package.json, read when asked for only. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      // A bare `molos-schema` is a usage error: the help goes to stderr and the exit code says so.
      io.stderr(mainHelp());
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = name === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
      if (name === 'help' && rest[0] !== undefined && !about)
        throw new CliError(`unknown command "${rest[0]}"\n\n${mainHelp()}`);
      io.stdout(about ? commandHelp(about) : mainHelp());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    const command = findCommand(name);
    if (!command) throw new CliError(`unknown command "${name}"\n\n${mainHelp()}`);
    const help = commandHelp(command);
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: PARSE_OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message.replace(/\. To specify.*$/s, '')}\n\n${help}`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(help);
      return 0;
    }
    const takes = new Set<string>(command.options.map((o) => o.name));
    const bad = Object.keys(values).filter((k) => !takes.has(k));
    if (bad.length > 0) throw new CliError(`${name} does not take --${bad.join(', --')}\n\n${help}`);
    if (positionals.length !== 1)
      throw new CliError(`${name} needs exactly one ${command.operand}, got ${positionals.length}\n\n${help}`);
    // The limit itself is kept by the main thread (bounded-run.ts); here a bad value is reported like any option.
    parseTimeout(values.timeout as string | undefined, process.env.MOLOS_SCHEMA_TIMEOUT);
    return await command.run(io, positionals[0] as string, values as OptionValues);
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
