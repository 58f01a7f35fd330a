/**
 * The CLI's one way to read a text file (a design, a module's code, its migrations, its manifest): regular files
 * only, up to a size, and strict UTF-8.
 *
 * - A named pipe would make the read wait forever for a writer, a device could stream without end: anything but a
 *   regular file is refused before it is opened, and checked again on the opened file (it may have been swapped).
 * - A byte that is not UTF-8 would be replaced by U+FFFD without a word, and a merge would then write the
 *   replacement back into the author's file: such a file is refused, naming the first bad byte's line and column.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats, statSync } from 'node:fs';
import { Utf8Error, decodeUtf8 } from '../lib/export/utf8-text';
import { CliError } from './io';

/** No design or module file comes near this; a bigger file is not read into memory. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** Why a file could not be read: `missing` and `folder` are what callers that probe for a file may treat as "none". */
export type ReadProblem = 'missing' | 'folder' | 'not-regular' | 'too-big' | 'not-utf8' | 'unreadable';

/** A file that cannot be read as text; exit 2 (unusable input), with a message naming the file. */
export class ReadTextError extends CliError {
  constructor(
    message: string,
    readonly problem: ReadProblem,
  ) {
    super(message, 2);
    this.name = 'ReadTextError';
  }
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** What a file that is not a regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function fromStats(st: Stats, shown: string, maxBytes: number): ReadTextError | null {
  if (st.isDirectory()) return new ReadTextError(`cannot read ${shown}: it is a folder, not a file`, 'folder');
  if (!st.isFile())
    return new ReadTextError(
      `cannot read ${shown}: it is ${kindOf(st)}, not a regular file; only regular files are read`,
      'not-regular',
    );
  if (st.size > maxBytes)
    return new ReadTextError(
      `cannot read ${shown}: it holds ${st.size} bytes, more than the ${maxBytes} a file may have here`,
      'too-big',
    );
  return null;
}

function fromErrno(e: unknown, shown: string): ReadTextError {
  const code = errno(e);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new ReadTextError(`cannot read ${shown}: no such file`, 'missing');
  if (code === 'EISDIR') return new ReadTextError(`cannot read ${shown}: it is a folder, not a file`, 'folder');
  if (code === 'ENXIO') return new ReadTextError(`cannot read ${shown}: it is not a regular file`, 'not-regular');
  if (code === 'EACCES' || code === 'EPERM')
    return new ReadTextError(`cannot read ${shown}: permission denied (${code})`, 'unreadable');
  return new ReadTextError(`cannot read ${shown}: ${(e as Error).message}`, 'unreadable');
}

/**
 * The text of the regular file at `full`; `shown` is how messages name it (the path as the user gave it).
 * Throws a `ReadTextError` (a `CliError`, exit 2) saying what is wrong: missing, a folder, a pipe, socket or
 * device, too big, or not UTF-8 (with the first bad byte's line, column and offset). Links are followed.
 * @example const text = readTextFile(resolve(io.cwd, file), file);
 */
export function readTextFile(full: string, shown: string, options: { maxBytes?: number } = {}): string {
  const maxBytes = options.maxBytes ?? MAX_TEXT_BYTES;
  let st: Stats;
  try {
    st = statSync(full);
  } catch (e) {
    throw fromErrno(e, shown);
  }
  const before = fromStats(st, shown, maxBytes);
  if (before) throw before;
  let bytes: Buffer;
  let fd: number;
  try {
    // Non-blocking: should a pipe have taken the file's place since the check, opening it does not wait.
    fd = openSync(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fromErrno(e, shown);
  }
  try {
    const problem = fromStats(fstatSync(fd), shown, maxBytes);
    if (problem) throw problem;
    bytes = readFileSync(fd);
  } catch (e) {
    if (e instanceof ReadTextError) throw e;
    throw fromErrno(e, shown);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > maxBytes)
    throw new ReadTextError(`cannot read ${shown}: it grew past ${maxBytes} bytes while it was read`, 'too-big');
  try {
    return decodeUtf8(bytes, shown);
  } catch (e) {
    if (e instanceof Utf8Error) throw new ReadTextError(e.message, 'not-utf8');
    throw e;
  }
}
