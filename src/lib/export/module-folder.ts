/**
 * A module folder as the export sees it: list, read and write text files by `/`-separated paths relative to the
 * folder. The page backs it with the File System Access API (browser-folder.ts); tests use `memoryFolder`.
 */

export interface FolderEntry {
  name: string;
  kind: 'file' | 'directory';
}

export interface ModuleFolder {
  /** What the user calls it: the picked folder's name, or `picked/MoLOS-Example`. */
  readonly name: string;
  /** The entries of a directory (`''` = the folder itself), or null when it does not exist. */
  list(dir: string): Promise<FolderEntry[] | null>;
  /** A file's text, or null when there is no such file. */
  readText(path: string): Promise<string | null>;
  /** Writes a file, creating missing directories. */
  writeText(path: string, content: string): Promise<void>;
  /**
   * Writes every file or none: each new text is stored beside its target first, and only when all of them are
   * stored are they put in place. An interrupted write leaves each file old or new, never half of one.
   */
  writeAll(files: readonly FileWrite[]): Promise<void>;
  /**
   * The error for something in the folder that makes it unusable as it is (`path` is a folder where a file must
   * be, a file where a folder must be): the CLI's folder gives its usage error (exit 2). Readers fall back to
   * their own error type when a folder has no such method.
   */
  unusable?(path: string, problem: string): Error;
}

/** One file to write, by its `/`-separated path relative to the folder. */
export interface FileWrite {
  path: string;
  content: string;
}

const join = (a: string, b: string) => (a && b ? `${a}/${b}` : a || b);

/** The folder `dir` inside `folder` (created by the first write into it). */
export function subfolder(folder: ModuleFolder, dir: string): ModuleFolder {
  return {
    name: `${folder.name}/${dir}`,
    list: (path) => folder.list(join(dir, path)),
    readText: (path) => folder.readText(join(dir, path)),
    writeText: (path, content) => folder.writeText(join(dir, path), content),
    writeAll: (files) => folder.writeAll(files.map((f) => ({ ...f, path: join(dir, f.path) }))),
    ...(folder.unusable ? { unusable: (path, problem) => folder.unusable!(join(dir, path), problem) } : {}),
  };
}

/** A folder held in memory, for tests: `files` maps paths to contents (directories follow from the paths). */
export function memoryFolder(
  name: string,
  initial: Record<string, string> = {},
): ModuleFolder & {
  files: Map<string, string>;
} {
  const files = new Map(Object.entries(initial));
  return {
    name,
    files,
    async list(dir) {
      const prefix = dir ? `${dir}/` : '';
      const entries = new Map<string, FolderEntry['kind']>();
      for (const path of files.keys()) {
        if (!path.startsWith(prefix)) continue;
        const [first, ...rest] = path.slice(prefix.length).split('/');
        if (first) entries.set(first, rest.length > 0 ? 'directory' : 'file');
      }
      if (entries.size === 0 && dir) return null;
      return [...entries].map(([entryName, kind]) => ({ name: entryName, kind }));
    },
    readText: async (path) => files.get(path) ?? null,
    writeText: async (path, content) => void files.set(path, content),
    writeAll: async (writes) => {
      for (const w of writes) files.set(w.path, w.content);
    },
  };
}
