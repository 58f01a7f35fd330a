/**
 * A module folder on disk, for the CLI: the same `ModuleFolder` the page gets from the File System Access API, so
 * both read migrations and write exports with one policy (src/lib/export). Writes stay inside the folder: a path
 * that leaves it, or that goes through a symbolic link below the folder, is refused before anything is written.
 * The folder itself may be a link (module repos are often linked into a host checkout): it is resolved once.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { realpathSync, renameSync, rmSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileWrite, FolderEntry, ModuleFolder } from '../lib/export/module-folder';
import { CliError } from './io';
import { ReadTextError, readTextFile } from './read-text';

/** Why a write target is refused; the message names the path as the user gave the folder. */
export class FolderWriteError extends CliError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'FolderWriteError';
  }
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** What went wrong, in words: the system's error codes people meet most, else the error's own message. */
function message(e: unknown): string {
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the file system is read-only',
    EISDIR: 'a folder is in the way',
    ENOTDIR: 'a file is in the way of a folder',
    EBUSY: 'the file is in use',
  };
  const code = errno(e);
  if (code && words[code]) return `${words[code]} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** Whether something (anything, a link too) is at `full`. */
function exists(full: string): boolean {
  try {
    lstatSync(full);
    return true;
  } catch (e) {
    if (errno(e) === 'ENOENT') return false;
    throw e;
  }
}

/**
 * The real path of `dir`: links on the way to it (the folder itself included) resolved. A folder that does not
 * exist yet is its nearest existing parent, resolved, plus the missing names.
 */
function realRoot(dir: string): string {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch (e) {
      const parent = dirname(at);
      // Unreadable, or no existing parent at all: the plain path; the write then says what is wrong with it.
      if ((errno(e) !== 'ENOENT' && errno(e) !== 'ENOTDIR') || parent === at) return resolve(dir);
      missing.push(basename(at));
      at = parent;
    }
  }
}

/** One file of a write: its path as the caller gave it, where it goes, and its new text. */
interface Planned {
  path: string;
  full: string;
  content: string;
}

/**
 * Files ending in `.sql` go last, each group in the caller's order: the host applies any `drizzle/*.sql` file it
 * finds, so a migration must never be in place before its snapshot, journal and code are.
 */
function moveOrder(planned: readonly Planned[]): Planned[] {
  const sql = (p: Planned) => p.path.endsWith('.sql');
  return [...planned.filter((p) => !sql(p)), ...planned.filter(sql)];
}

/** A name beside `full` that no file has: `<file>.<random>.<suffix>`, so the host never picks it up as SQL. */
const besideName = (full: string, suffix: string) => `${full}.${randomBytes(6).toString('hex')}.${suffix}`;

/**
 * The module folder at `dir`; `name` is how messages call it (the path the user typed).
 * @example const folder = nodeFolder('/repo/modules/MoLOS-Tasks', 'modules/MoLOS-Tasks');
 */
export function nodeFolder(dir: string, name: string = dir): ModuleFolder {
  const root = realRoot(dir);
  let rootStats;
  try {
    rootStats = statSync(root);
  } catch {
    rootStats = null; // Missing: a write creates it; reads find nothing.
  }
  if (rootStats && !rootStats.isDirectory())
    throw new CliError(`${name} is a file, not a module folder; give the module's folder`);
  const shown = (full: string) => relative(root, full).split(sep).join('/') || name;

  /** The absolute path of `path`, refusing one that is absolute or climbs out of the folder. */
  function target(path: string): string {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    const full = resolve(root, ...parts);
    const rel = relative(root, full);
    if (isAbsolute(path) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw new FolderWriteError(`${path} is outside the module folder ${name}; nothing was written`);
    return full;
  }

  /**
   * Refuses a write that would follow a symbolic link (the resolved folder, a folder on the way, or the file), go
   * through a file where a folder is needed, or replace something that is not a plain file.
   */
  function checkTarget(full: string, path: string): void {
    let at = root;
    const steps = ['', ...relative(root, full).split(sep)];
    for (const step of steps) {
      at = step ? join(at, step) : at;
      let st;
      try {
        st = lstatSync(at);
      } catch (e) {
        if (errno(e) === 'ENOENT') return; // created by the write, inside the folder
        throw new FolderWriteError(`cannot write ${path} into ${name}: ${message(e)}; nothing was written`);
      }
      if (st.isSymbolicLink()) {
        throw new FolderWriteError(
          `${shown(at)} is a symbolic link, so writing ${path} could change a file outside the module folder ${name}; nothing was written`,
        );
      }
      if (at !== full && !st.isDirectory())
        throw new FolderWriteError(`${shown(at)} is a file where ${path} needs a folder; nothing was written`);
      if (at === full && !st.isFile()) {
        const what = st.isDirectory() ? 'a folder' : 'a special file';
        throw new FolderWriteError(`${path} in ${name} is ${what} where a file must be written; nothing was written`);
      }
    }
  }

  /** Creates the folders `full` needs; returns those it created, deepest first, so a rollback can remove them. */
  function makeParents(full: string): string[] {
    const first = mkdirSync(dirname(full), { recursive: true });
    if (first === undefined) return [];
    const made: string[] = [];
    for (let at = dirname(full); ; at = dirname(at)) {
      made.push(at);
      if (at === first || dirname(at) === at) return made;
    }
  }

  function writeTemp(full: string, content: string): string {
    const temp = besideName(full, 'molos-tmp');
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw e;
    }
    closeSync(fd);
    return temp;
  }

  /**
   * Keeps the current file at a backup name beside it. A hard link keeps the file in place meanwhile (the new
   * text then replaces it in one rename); where links are not supported the file is moved aside instead.
   */
  function keepAside(full: string): string {
    const backup = besideName(full, 'molos-bak');
    try {
      linkSync(full, backup);
    } catch {
      renameSync(full, backup);
    }
    return backup;
  }

  /**
   * All or nothing: every target is checked before anything is written, every new text is written to a
   * temporary file beside its target, and only then are they moved into place, `.sql` files last. A failure
   * while moving puts back every file moved so far (from its backup) and removes the temporary files.
   */
  async function writeAll(files: readonly FileWrite[]): Promise<void> {
    // The same file twice: the last text wins (as with separate writes), in the place of the first.
    const byTarget = new Map<string, Planned>();
    for (const f of files) {
      const full = target(f.path);
      byTarget.set(full, { path: byTarget.get(full)?.path ?? f.path, full, content: f.content });
    }
    const planned = [...byTarget.values()];
    if (planned.length === 0) return;
    for (const p of planned) checkTarget(p.full, p.path);

    const temps = new Map<string, string>();
    const madeDirs: string[] = [];
    const removeTemps = () => {
      for (const temp of temps.values()) rmSync(temp, { force: true });
    };
    const removeMadeDirs = () => {
      // Deepest first, so a folder is empty by the time it is removed.
      for (const d of [...madeDirs].sort((a, b) => b.length - a.length)) {
        try {
          rmdirSync(d);
        } catch {
          // Not empty (something else is in it now) or already gone: leave it.
        }
      }
    };
    let writing = planned[0]!;
    try {
      for (const p of planned) {
        writing = p;
        madeDirs.push(...makeParents(p.full));
        temps.set(p.full, writeTemp(p.full, p.content));
      }
    } catch (e) {
      removeTemps();
      removeMadeDirs();
      throw new FolderWriteError(`cannot write ${writing.path} into ${name}: ${message(e)}; nothing was written`);
    }

    // Every new text is on disk. Each move is one rename (atomic on the same file system); the backups make the
    // moves as a whole undoable.
    const moved: { p: Planned; backup: string | null }[] = [];
    try {
      for (const p of moveOrder(planned)) {
        writing = p;
        // Checked again: something may have appeared since the first check.
        checkTarget(p.full, p.path);
        const backup = exists(p.full) ? keepAside(p.full) : null;
        moved.push({ p, backup });
        renameSync(temps.get(p.full)!, p.full);
        temps.delete(p.full);
      }
    } catch (e) {
      const stuck = undoMoves(moved, temps);
      removeTemps();
      if (stuck.length === 0) removeMadeDirs();
      const why = e instanceof FolderWriteError ? e.message.replace(/; nothing was written$/, '') : message(e);
      if (stuck.length === 0)
        throw new FolderWriteError(`cannot write ${writing.path} into ${name}: ${why}; nothing was changed`);
      throw new FolderWriteError(
        `cannot write ${writing.path} into ${name}: ${why}; the files written so far were put back, except:\n  ${stuck.join('\n  ')}`,
      );
    }
    for (const m of moved) if (m.backup) rmSync(m.backup, { force: true });
  }

  /**
   * Puts back what the moves changed, last move first: a replaced file from its backup, a new file removed.
   * Returns a line for each file that could not be put back, saying where its old text is.
   */
  function undoMoves(moved: readonly { p: Planned; backup: string | null }[], temps: Map<string, string>): string[] {
    const stuck: string[] = [];
    for (const { p, backup } of [...moved].reverse()) {
      try {
        if (backup && temps.has(p.full) && exists(p.full)) {
          // The new text never arrived and the old file is still in place (the backup is a second link to it;
          // renaming one link of a file onto another does nothing, so the backup is removed instead).
          rmSync(backup);
        } else if (backup) {
          renameSync(backup, p.full);
        } else if (!temps.has(p.full)) {
          rmSync(p.full, { force: true });
        }
      } catch (e) {
        stuck.push(
          backup
            ? `${p.path}: its old text is in ${shown(backup)} (${message(e)})`
            : `${p.path}: the new file could not be removed (${message(e)})`,
        );
      }
    }
    return stuck;
  }

  return {
    name,
    async list(path) {
      const full = target(path);
      let names: string[];
      try {
        names = readdirSync(full);
      } catch (e) {
        if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return null;
        throw e;
      }
      const entries: FolderEntry[] = [];
      for (const entry of names) {
        try {
          entries.push({ name: entry, kind: statSync(join(full, entry)).isDirectory() ? 'directory' : 'file' });
        } catch {
          // A dangling link or an entry removed meanwhile: nothing to read there.
        }
      }
      return entries;
    },
    async readText(path) {
      try {
        return readTextFile(target(path), `${name.replace(/\/+$/, '')}/${path}`);
      } catch (e) {
        // No file there (a folder where a file could be counts as none: a write then says what is in the way).
        if (e instanceof ReadTextError && (e.problem === 'missing' || e.problem === 'folder')) return null;
        throw e;
      }
    },
    writeText: (path, content) => writeAll([{ path, content }]),
    writeAll,
    unusable: (path, problem) => new CliError(`${name.replace(/\/+$/, '')}/${path}: ${problem}`, 2),
  };
}
