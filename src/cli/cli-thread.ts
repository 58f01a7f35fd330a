/**
 * The worker-thread side of a bounded command (bounded-run.ts): runs the command with its output, and every file
 * the headless code announces, posted to the main thread, which keeps the deadline.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { setReadingListener } from '../lib/core/reading';
import type { ThreadMessage } from './bounded-run';
import { shownPath } from './bounded-run';
// Loaded before "started" so that loading the commands (ts-morph, sql.js: about a second) is not counted against
// the limit of the first file.
import './commands';
import { run } from './main';

const { argv, cwd } = workerData as { argv: string[]; cwd: string };
const port = parentPort;
if (!port) throw new Error('cli-thread.ts runs only in a worker thread');
const post = (m: ThreadMessage) => port.postMessage(m);

/** The paths on the command line that announced files may be relative to: the input, --out and --since. */
function commandPaths(args: readonly string[]): { given: string; isDir: boolean }[] {
  const paths: string[] = [];
  if (args[1] !== undefined && !args[1].startsWith('-')) paths.push(args[1]);
  args.forEach((a, i) => {
    if ((a === '--out' || a === '--since') && args[i + 1] !== undefined) paths.push(args[i + 1] as string);
    else if (a.startsWith('--out=') || a.startsWith('--since=')) paths.push(a.slice(a.indexOf('=') + 1));
  });
  return paths.map((given) => {
    let isDir = false;
    try {
      isDir = statSync(resolve(cwd, given)).isDirectory();
    } catch {
      // Not there (yet): the command says so itself.
    }
    return { given, isDir };
  });
}

const inputs = commandPaths(argv);
const memo: { root?: string } = {};
setReadingListener((event) =>
  post(
    event.kind === 'writing'
      ? { type: 'writing' }
      : { type: 'reading', file: shownPath(event.file, inputs, memo), doing: event.doing },
  ),
);
post({ type: 'started' });
const code = await run(argv, {
  stdout: (text) => post({ type: 'stdout', text }),
  stderr: (text) => post({ type: 'stderr', text }),
  cwd,
});
post({ type: 'done', code });
