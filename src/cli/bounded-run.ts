/**
 * Runs a command that reads the user's files under a time limit. A parser can hang on hostile input (TypeScript's
 * scanner loops forever on the 7 bytes `/**S-xp`), and a synchronous loop cannot be interrupted from its own
 * thread, so the command runs in a worker thread (cli-thread.ts) and this, the main thread, keeps a watchdog.
 * The headless code announces each file or phase it reads (src/lib/core/reading.ts); every announcement restarts
 * the watchdog, so the limit is per file. When one file takes longer, the worker is terminated and the file is named.
 * Writing is never cut off: once the command says it writes, the watchdog stops.
 *
 * A worker thread rather than a child process: it shares the process (no second Node start-up) and its output
 * comes back over one ordered message channel that still carries what was printed before a hang.
 */
import { Worker } from 'node:worker_threads';
import { READ_LIMIT_SECONDS, couldNotRead } from '../lib/core/reading';
import { COMMANDS } from './command-table';
import { CliError, type CliIo } from './io';

/** The limit per file when neither `--timeout` nor `MOLOS_SCHEMA_TIMEOUT` says otherwise (the page's too). */
export const DEFAULT_TIMEOUT_SECONDS = READ_LIMIT_SECONDS;

/** Commands that read user files, and so run under the limit (`sql` only with `--since`): those taking --timeout. */
const BOUNDED = new Set(COMMANDS.filter((c) => c.options.some((o) => o.name === 'timeout')).map((c) => c.name));

/** What the worker thread posts to the main thread. */
export type ThreadMessage =
  | { type: 'stdout' | 'stderr'; text: string }
  | { type: 'reading'; file: string; doing: string }
  | { type: 'writing' }
  | { type: 'started' }
  | { type: 'done'; code: number };

/**
 * The limit in seconds (0: none) from `--timeout`'s value, else the environment's `MOLOS_SCHEMA_TIMEOUT`, else 30.
 * A value that is not a number of seconds is a CliError (exit 2).
 */
export function parseTimeout(flag: string | undefined, env: string | undefined): number {
  const from = (value: string, what: string) => {
    const seconds = Number(value);
    if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
      throw new CliError(`${what} must be a number of seconds (0 for no limit), got "${value}"`);
    return seconds;
  };
  if (flag !== undefined) return from(flag, '--timeout');
  if (env !== undefined && env !== '') return from(env, 'MOLOS_SCHEMA_TIMEOUT');
  return DEFAULT_TIMEOUT_SECONDS;
}

/** The value of `--timeout` in raw arguments (`--timeout 5` or `--timeout=5`), if given. */
function timeoutFlag(args: readonly string[]): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === '--timeout') value = args[i + 1] ?? '';
    else if (a.startsWith('--timeout=')) value = a.slice('--timeout='.length);
  });
  return value;
}

/**
 * The limit to run `argv` under in a worker thread, or null to run it in this thread: help, unknown commands and
 * bad options (the command itself then prints the error), `sql` without `--since`, or a limit of 0.
 */
export function boundedSeconds(argv: readonly string[], env: string | undefined): number | null {
  const [command, ...rest] = argv;
  if (command === undefined || !BOUNDED.has(command)) return null;
  if (rest.includes('--help') || rest.includes('-h')) return null;
  if (command === 'sql' && !rest.some((a) => a === '--since' || a.startsWith('--since='))) return null;
  try {
    const seconds = parseTimeout(timeoutFlag(rest), env);
    return seconds > 0 ? seconds : null;
  } catch {
    return null;
  }
}

/**
 * The message for a file that was not read in time, e.g.
 * `tables.ts could not be read in 2 s (parsing TypeScript); nothing was written`.
 */
export function timeoutMessage(file: string, doing: string, seconds: number): string {
  return `${couldNotRead(file, doing, seconds)}; nothing was written`;
}

/**
 * What a command does before it names a file: `generate` and `sql` read the design and print its code, the others
 * read their input as given.
 */
export function firstPhase(argv: readonly string[]): { file: string; doing: string } {
  const [command, input = ''] = argv;
  return command === 'generate' || command === 'sql'
    ? { file: input, doing: 'reading the design and generating its code' }
    : { file: input, doing: 'reading it' };
}

/**
 * Runs `argv` in a worker thread (`thread`: the entry that loads cli-thread.ts) and returns its exit code, or 2
 * when one file or phase takes longer than `seconds`, after terminating the worker.
 */
export function runInThread(argv: readonly string[], io: CliIo, seconds: number, thread: URL): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(thread, { workerData: { argv: [...argv], cwd: io.cwd } });
    let current = firstPhase(argv);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(code);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        io.stderr(`molos-schema: ${timeoutMessage(current.file, current.doing, seconds)}\n`);
        finish(2);
      }, seconds * 1000);
    };
    worker.on('message', (m: ThreadMessage) => {
      if (settled) return;
      if (m.type === 'stdout') io.stdout(m.text);
      else if (m.type === 'stderr') io.stderr(m.text);
      else if (m.type === 'started') arm();
      else if (m.type === 'reading') {
        current = { file: m.file, doing: m.doing };
        arm();
      } else if (m.type === 'writing') clearTimeout(timer);
      else if (m.type === 'done') finish(m.code);
    });
    worker.on('error', (e) => {
      if (settled) return;
      io.stderr(`molos-schema: internal error: ${e.message}\n`);
      finish(70);
    });
    worker.on('exit', () => {
      if (settled) return;
      io.stderr('molos-schema: internal error: the command stopped without an exit code\n');
      finish(70);
    });
  });
}

/**
 * How an announced file is shown: as the user named it. The headless code names files relative to the module
 * folder (`lib/server/db/schema/tables.ts`) or by the name they were given (`tables.ts`); `inputs` are the paths
 * on the command line (the input, `--out`, `--since`) with whether each is a folder.
 */
export function shownPath(
  file: string,
  inputs: readonly { given: string; isDir: boolean }[],
  memo: { root?: string },
): string {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return file;
  for (const input of inputs) {
    if (input.isDir) continue;
    const given = input.given.replace(/\\/g, '/');
    if (given === file || given.endsWith(`/${file}`)) {
      memo.root = given.slice(0, given.length - file.length);
      return input.given;
    }
  }
  if (memo.root !== undefined) return `${memo.root}${file}`;
  const dir = inputs.find((i) => i.isDir);
  return dir ? `${dir.given.replace(/\/+$/, '')}/${file}` : file;
}
