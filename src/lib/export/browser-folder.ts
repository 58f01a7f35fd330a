/**
 * The module folder on disk, through the File System Access API (Chromium browsers). Other browsers lack
 * `showDirectoryPicker`; the page hides "Write to folder…" there (`canPickFolders`).
 */
import type { FolderEntry, ModuleFolder } from './module-folder';

interface DirectoryPickerOptions {
  id?: string;
  mode?: 'read' | 'readwrite';
}

/** Not in TypeScript's DOM types yet. */
interface WindowWithPicker {
  showDirectoryPicker(options?: DirectoryPickerOptions): Promise<FileSystemDirectoryHandle>;
}

export function canPickFolders(): boolean {
  return typeof window !== 'undefined' && 'showDirectoryPicker' in window;
}

/** Asks the user for a folder (with write access); null when they cancel. */
export async function pickFolder(): Promise<ModuleFolder | null> {
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
      try {
        return dir ? await (await (await dir.getFileHandle(file)).getFile()).text() : null;
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async writeText(path, content) {
      const segments = parts(path);
      const file = segments.pop() ?? '';
      const dir = await directory(segments, true);
      if (!dir) throw new DOMException(`${path}: a file is in the way of a folder`, 'TypeMismatchError');
      const writable = await (await dir.getFileHandle(file, { create: true })).createWritable();
      await writable.write(content);
      await writable.close();
    },
  };
}
