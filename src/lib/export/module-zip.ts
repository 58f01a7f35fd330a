/** The module as a zip: every generated file under one folder named after the module id. */
import { strToU8, zipSync } from 'fflate';

export interface ZipFile {
  path: string;
  content: string;
}

/**
 * Zips files under `folder/`. Entries are sorted so the same files give the same archive layout.
 * @example const bytes = moduleZip(files, 'MoLOS-Example');
 */
export function moduleZip(files: readonly ZipFile[], folder: string, mtime: Date = new Date()): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    entries[`${folder}/${f.path}`] = strToU8(f.content);
  }
  return zipSync(entries, { level: 6, mtime });
}
