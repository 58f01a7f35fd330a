/**
 * A module folder on disk, for the CLI: the same `ModuleFolder` the page gets from the File System Access API, so
 * both read migrations and write exports with one policy (src/lib/export). Writes stay inside the folder: a path
 * that leaves it, or that goes through a symbolic link, is refused before anything is written.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { rmSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileWrite, FolderEntry, ModuleFolder } from '../lib/export/module-folder';
import { CliError } from './io';

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

/**
 * The module folder at `dir`; `name` is how messages call it (the path the user typed).
 * @example const folder = nodeFolder('/repo/modules/MoLOS-Tasks', 'modules/MoLOS-Tasks');
 */
export function nodeFolder(dir: string, name: string = dir): ModuleFolder {
  const root = resolve(dir);

  /** The absolute path of `path`, refusing one that is absolute or climbs out of the folder. */
  function target(path: string): string {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    const full = resolve(root, ...parts);
    const rel = relative(root, full);
    if (isAbsolute(path) || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw new FolderWriteError(`${path} is outside the module folder ${name}; nothing was written`);
    return full;
  }

  /** Refuses a write that would follow a symbolic link (the folder itself, a folder on the way, or the file). */
  function checkNoLinks(full: string, path: string): void {
    let at = root;
    const steps = ['', ...relative(root, full).split(sep)];
    for (const step of steps) {
      at = step ? join(at, step) : at;
      let st;
      try {
        st = lstatSync(at);
      } catch (e) {
        if (errno(e) === 'ENOENT') return; // created by the write, inside the folder
        throw e;
      }
      if (st.isSymbolicLink()) {
        const shown = step ? relative(root, at).split(sep).join('/') : name;
        throw new FolderWriteError(
          `${shown} is a symbolic link, so writing ${path} could change a file outside the module folder ${name}; nothing was written`,
        );
      }
      if (at !== full && !st.isDirectory())
        throw new FolderWriteError(`${relative(root, at).split(sep).join('/')} is a file where ${path} needs a folder`);
    }
  }

  function writeTemp(full: string, content: string): string {
    const temp = `${full}.${randomBytes(6).toString('hex')}.molos-tmp`;
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temp;
  }

  async function writeAll(files: readonly FileWrite[]): Promise<void> {
    const planned = files.map((f) => ({ path: f.path, full: target(f.path), content: f.content }));
    for (const p of planned) checkNoLinks(p.full, p.path);
    const temps: { temp: string; full: string }[] = [];
    try {
      for (const p of planned) {
        mkdirSync(resolve(p.full, '..'), { recursive: true });
        temps.push({ temp: writeTemp(p.full, p.content), full: p.full });
      }
    } catch (e) {
      for (const t of temps) rmSync(t.temp, { force: true });
      if (e instanceof CliError) throw e;
      throw new CliError(`cannot write into ${name}: ${(e as Error).message}; nothing was written`, 1);
    }
    // Every new text is on disk: moving them into place is one rename each (atomic on the same file system).
    for (const t of temps) renameSync(t.temp, t.full);
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
        return readFileSync(target(path), 'utf8');
      } catch (e) {
        if (errno(e) === 'ENOENT' || errno(e) === 'EISDIR' || errno(e) === 'ENOTDIR') return null;
        throw e;
      }
    },
    writeText: (path, content) => writeAll([{ path, content }]),
    writeAll,
  };
}
