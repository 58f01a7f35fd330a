/**
 * The module folder a write goes into: which folder of the one the user picked, and whether it belongs to this
 * design's module. Planning and writing are in module-plan.ts.
 */
import { parse as parseYaml } from 'yaml';
import { type ModuleFolder, subfolder } from './module-folder';
import { safeFileStem } from './file-names';

/** A problem that stops an export; the message is for the user. */
export class ExportError extends Error {
  override name = 'ExportError';
}

/**
 * The module folder to write into, given the folder the user picked: the picked folder itself when it is the
 * module (named after it, holding a manifest or migrations) or empty; otherwise (a parent such as
 * `external_modules/`) the module's folder inside it, created when missing.
 * @example const folder = await chooseModuleFolder(picked, 'MoLOS-Tasks');
 */
export async function chooseModuleFolder(picked: ModuleFolder, moduleId: string): Promise<ModuleFolder> {
  const entries = (await picked.list('')) ?? [];
  const names = new Set(entries.map((e) => e.name));
  if (picked.name === moduleId || entries.length === 0 || names.has('manifest.yaml') || names.has('drizzle'))
    return picked;
  return subfolder(picked, safeFileStem(moduleId));
}

/**
 * Why the folder is not this module's (its manifest names another module), or null. Its migrations are then not
 * this design's to continue.
 * @example await manifestProblem(folder, 'MoLOS-Tasks') // null
 */
export async function manifestProblem(folder: ModuleFolder, moduleId: string): Promise<string | null> {
  const text = await folder.readText('manifest.yaml');
  if (text === null) return null;
  let id: unknown;
  try {
    id = (parseYaml(text) as { id?: unknown } | null)?.id;
  } catch {
    return null; // The author's file; a parse error there is not ours to judge.
  }
  if (typeof id === 'string' && id !== moduleId) {
    return `${folder.name}/manifest.yaml belongs to module "${id}", but this design is "${moduleId}". Pick the folder of "${moduleId}" (or an empty one).`;
  }
  return null;
}
