/**
 * Turns what the user picked or dropped — files, or folders with everything in them — into the text files an
 * import needs. Dependencies and build output (node_modules, .git, …) are skipped without being read.
 */
import { isModuleFile } from '$lib/import/module-folder/module-files';
import type { SourceFile } from '$lib/import/types';
import { decodeUtf8 } from '$lib/export/utf8-text';

/**
 * The file's text. A file the importers read is refused with the first bad byte's place when it is not UTF-8
 * (never silently replaced); any other file is only named by the importer ("not a file the studio imports").
 */
async function textOf(file: File, path: string): Promise<string> {
  if (!isModuleFile(path)) return file.text();
  return decodeUtf8(new Uint8Array(await file.arrayBuffer()), path);
}

/** Files larger than this are not read (no schema file is). */
const MAX_BYTES = 20 * 1024 * 1024;

/** Picked files (a folder input gives `webkitRelativePath`, e.g. `MoLOS-Tasks/lib/…`). */
export async function readPickedFiles(files: Iterable<File>): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    // A single picked file is read whatever its name, so the importer can say what it is not.
    if ((file.webkitRelativePath && !isModuleFile(path)) || file.size > MAX_BYTES) continue;
    out.push({ path, text: await textOf(file, path) });
  }
  return out;
}

function entries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries gives at most ~100 entries per call; an empty batch means the end.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function walk(entry: FileSystemEntry, path: string, out: SourceFile[], single: boolean): Promise<void> {
  if (entry.isFile) {
    if (!single && !isModuleFile(path)) return;
    const file = await fileOf(entry as FileSystemFileEntry);
    if (file.size <= MAX_BYTES) out.push({ path, text: await textOf(file, path) });
  } else if (entry.isDirectory && isModuleFile(`${path}/x.ts`)) {
    for (const child of await entries(entry as FileSystemDirectoryEntry)) {
      await walk(child, `${path}/${child.name}`, out, false);
    }
  }
}

/** The files and folders dropped on the page (folders through DataTransferItem.webkitGetAsEntry). */
export async function readDroppedFiles(data: DataTransfer): Promise<SourceFile[]> {
  const items = [...data.items].filter((i) => i.kind === 'file');
  const roots = items.map((i) => i.webkitGetAsEntry?.() ?? null);
  if (roots.some((r) => r === null)) return readPickedFiles([...data.files]);
  const out: SourceFile[] = [];
  const single = roots.length === 1;
  for (const root of roots as FileSystemEntry[]) await walk(root, root.name, out, single && root.isFile);
  return out;
}
