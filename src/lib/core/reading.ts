/**
 * Which file the headless code is reading, announced to whoever bounds it in time. A parser can hang on hostile
 * input (TypeScript's scanner loops forever on a 7-byte `/**S-xp`), and a hung synchronous loop cannot be stopped
 * from inside its own thread: the CLI and the page run the work in a worker and stop it from outside when one
 * file takes too long. They need to know which file that was and what was being done with it, so the importers,
 * the migration replay and the merge call {@link readingFile} before each file or phase. Each announcement
 * restarts the deadline, so the limit holds per file, not for the whole folder.
 *
 * One listener per thread (a worker runs one command or one import at a time); without one the calls cost nothing.
 */

/** What the headless code says it is doing. */
export type ReadingEvent =
  | { kind: 'reading'; file: string; doing: string }
  /** Files are being written from here on: the deadline no longer applies, so a write is never cut off mid-way. */
  | { kind: 'writing' };

export type ReadingListener = (event: ReadingEvent) => void;

let listener: ReadingListener | null = null;

/** How long one file may take to read (parse, replay, plan) before the CLI or the page stops it, in seconds. */
export const READ_LIMIT_SECONDS = 30;

/** "2 s", "0.5 s", "1 min 30 s" */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/**
 * What the CLI and the page say when a file was not read in time.
 * @example couldNotRead('tables.ts', 'parsing TypeScript', 30) // 'tables.ts could not be read in 30 s (parsing TypeScript)'
 */
export function couldNotRead(file: string, doing: string, seconds: number): string {
  return `${file} could not be read in ${duration(seconds)} (${doing})`;
}

/**
 * Sets (or clears, with `null`) the thread's listener.
 * @example setReadingListener((e) => parentPort.postMessage(e));
 */
export function setReadingListener(fn: ReadingListener | null): void {
  listener = fn;
}

/**
 * Announces that `file` (as the user named it, or relative to the module folder) is read now, doing `doing`
 * ("parsing TypeScript", "running its SQL on an in-memory SQLite", …).
 * @example readingFile('lib/server/db/schema/tables.ts', 'parsing TypeScript');
 */
export function readingFile(file: string, doing: string): void {
  listener?.({ kind: 'reading', file, doing });
}

/**
 * Announces that reading and planning are over and files are being written: a write must never be stopped half-way.
 * @example writingFiles(); await writeAll(files);
 */
export function writingFiles(): void {
  listener?.({ kind: 'writing' });
}
