/**
 * The module folder on disk, through the File System Access API (Chromium browsers). Other browsers lack
 * `showDirectoryPicker`; the page hides "Write to folder…" there (`canPickFolders`).
 *
 * The API has no symbolic links (a handle is a file or a directory; the browser resolves links itself and never
 * hands out one that leaves the picked folder), so the link checks the CLI's folder makes (src/cli/node-folder.ts)
 * have nothing to check here. Files are read as strict UTF-8, as the CLI reads them.
 */
import type { FileWrite, FolderEntry, ModuleFolder } from './module-folder';
import { decodeUtf8 } from './utf8-text';

interface DirectoryPickerOptions {
  id?: string;
  mode?: 'read' | 'readwrite';
}

/** Not in TypeScript's DOM types yet. */
interface WindowWithPicker {
  showDirectoryPicker(options?: DirectoryPickerOptions): Promise<FileSystemDirectoryHandle>;
}

/**
 * TEST SEAM. Headless Chromium has no directory picker, so the end-to-end tests of "Write to folder…" start the
 * page with `?folderPicker=opfs`: the picker is then replaced by the origin private file system's root
 * (`navigator.storage.getDirectory()`), which the test fills before and reads back after. The flag is read once,
 * when the page starts; nothing else turns the seam on, and it only ever touches this origin's private storage.
 */
const OPFS_TEST_SEAM =
  typeof location !== 'undefined' && new URLSearchParams(location.search).get('folderPicker') === 'opfs';

export function canPickFolders(): boolean {
  return OPFS_TEST_SEAM || (typeof window !== 'undefined' && 'showDirectoryPicker' in window);
}

/** Asks the user for a folder (with write access); null when they cancel. */
export async function pickFolder(): Promise<ModuleFolder | null> {
  if (OPFS_TEST_SEAM) return handleFolder(await navigator.storage.getDirectory(), 'opfs');
  try {
    // The id makes the browser open the picker where the user picked last time.
    const handle = await (window as unknown as WindowWithPicker).showDirectoryPicker({
      id: 'molos-module',
      mode: 'readwrite',
    });
    return handleFolder(handle);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

/** Whether a lookup failed because the entry is missing (or is a file where a folder was expected). */
const isMissing = (e: unknown) =>
  e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

const parts = (path: string) => path.split('/').filter(Boolean);

export function handleFolder(root: FileSystemDirectoryHandle, name: string = root.name): ModuleFolder {
  async function directory(segments: string[], create: boolean): Promise<FileSystemDirectoryHandle | null> {
    let dir = root;
    try {
      for (const s of segments) dir = await dir.getDirectoryHandle(s, { create });
      return dir;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }
  // The browser writes a new file's text into a swap file and moves it into place on close(), so each file is
  // old or new; closing only after every text was written makes the write all-or-nothing up to the closes. A file
  // that had to be created for its swap file is removed again when the write is abandoned.
  //
  // It cannot be fully atomic: a browser has no rename to move a finished file into place,
  // `getFileHandle(name, { create: true })` makes an empty file at once, and the closes happen one by one. An
  // empty migration is the harm that matters most (the host applies every `drizzle/*.sql` file it finds and
  // records it as applied), so `.sql` files are created only after every other text is written, and closed only
  // after every other file is in place. That shortens, but cannot remove, the time an empty migration file exists
  // (from its creation to its close): a write cut short then (a crash, a closed tab) can still leave one, and a
  // write cut short during the closes leaves some files new and some old.
  async function writeAll(files: readonly FileWrite[]): Promise<void> {
    const isSql = (f: FileWrite) => f.path.endsWith('.sql');
    const ordered = [...files.filter((f) => !isSql(f)), ...files.filter(isSql)];
    /** Each file being written, in the order above; `created` when the write had to make the file. */
    const open: { writable: FileSystemWritableFileStream; created: (() => Promise<void>) | null }[] = [];
    /** Abandons the writes not closed yet: their swap files dropped, the files they created removed. */
    const abandon = async (from: number) => {
      const rest = open.slice(from);
      await Promise.allSettled(rest.map((o) => o.writable.abort()));
      await Promise.allSettled(rest.map((o) => o.created?.()));
    };
    try {
      for (const f of ordered) {
        const segments = parts(f.path);
        const file = segments.pop() ?? '';
        const dir = await directory(segments, true);
        if (!dir) throw new DOMException(`${f.path}: a file is in the way of a folder`, 'TypeMismatchError');
        let handle: FileSystemFileHandle;
        let created: (() => Promise<void>) | null = null;
        try {
          handle = await dir.getFileHandle(file);
        } catch (e) {
          if (!isMissing(e)) throw e;
          handle = await dir.getFileHandle(file, { create: true });
          created = () => dir.removeEntry(file);
        }
        try {
          open.push({ writable: await handle.createWritable(), created });
        } catch (e) {
          await created?.().catch(() => undefined);
          throw e;
        }
        await open.at(-1)!.writable.write(f.content);
      }
    } catch (e) {
      await abandon(0);
      throw e;
    }
    // In the same order: every other file first, the migrations last. A close that fails stops the rest, so a
    // migration is never put in place after a file it goes with failed.
    for (let i = 0; i < open.length; i++) {
      try {
        await open[i]!.writable.close();
      } catch (e) {
        await abandon(i);
        throw e;
      }
    }
  }

  return {
    name,
    async list(path) {
      const dir = await directory(parts(path), false);
      if (!dir) return null;
      const entries: FolderEntry[] = [];
      for await (const [entryName, handle] of dir.entries()) entries.push({ name: entryName, kind: handle.kind });
      return entries;
    },
    async readText(path) {
      const segments = parts(path);
      const file = segments.pop() ?? '';
      const dir = await directory(segments, false);
      let bytes: ArrayBuffer;
      try {
        if (!dir) return null;
        bytes = await (await (await dir.getFileHandle(file)).getFile()).arrayBuffer();
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
      // Strict: `File.text()` would put U+FFFD in place of a bad byte, and a merge would write that back.
      return decodeUtf8(new Uint8Array(bytes), `${name}/${path}`);
    },
    writeText: (path, content) => writeAll([{ path, content }]),
    writeAll,
  };
}
