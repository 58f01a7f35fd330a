/**
 * `molos-schema import <tables.ts|module-dir|file.sql|snapshot.json> --out <design.json> [--module-id ID]`:
 * reads an existing module (or its SQL, or a drizzle snapshot) into a design file. Imported code is parsed,
 * never run; SQL runs only on an in-memory database.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Design } from '../lib/core/design';
import { serializeDesign } from '../lib/core/format';
import { importFiles } from '../lib/import/import-files';
import { writingFiles } from '../lib/core/reading';
import { LAYOUT_FILES, isModuleFile } from '../lib/import/module-folder/index';
import { type ImportOutcome, type SourceFile, formatImportMessage } from '../lib/import/types';
import { CliError, type CliIo } from './io';
import { readTextFile } from './read-text';

/** Files above this size are not read from a module folder (no schema file is that big). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * The module files under `root` (symbolic links are passed over; a pipe or device is refused); `shown` is how
 * messages name `root` (with a trailing `/`, or empty).
 */
function readTree(root: string, shown: string, dir = ''): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (isModuleFile(`${path}/x.ts`)) out.push(...readTree(root, shown, path));
    } else if (isModuleFile(path) && !entry.isSymbolicLink()) {
      if (entry.isFile() && statSync(join(root, path)).size > MAX_FILE_BYTES) continue;
      // A pipe or a device under a module file's name is refused (readTextFile says what it is), not passed over.
      out.push({ path, text: readTextFile(join(root, path), `${shown}${path}`) });
    }
  }
  return out;
}

/** The module folder a schema file sits in when it is at one of the layouts' places (`…/lib/server/db/schema/tables.ts`). */
function moduleRootOf(file: string): { root: string; layout: 'legacy' | 'current' } | null {
  const path = file.replace(/\\/g, '/');
  for (const layout of ['legacy', 'current'] as const) {
    const { tables } = LAYOUT_FILES[layout];
    if (path.endsWith(`/${tables}`)) return { root: file.slice(0, path.length - tables.length), layout };
  }
  return null;
}

/** The `.ts` files under `dir` of `root` (recursively, without dependencies or build output), relative to `root`. */
function tsFilesUnder(root: string, shown: string, dir: string): SourceFile[] {
  if (!existsSync(join(root, dir)) || !statSync(join(root, dir)).isDirectory()) return [];
  return readTree(join(root, dir), `${shown}${dir}/`)
    .filter((f) => f.path.endsWith('.ts'))
    .map((f) => ({ ...f, path: `${dir}/${f.path}` }));
}

/**
 * The files a schema file given alone brings, with paths relative to the folder they are read from, and that
 * folder as the message prefix. A tables.ts at its layout's place is read with its module's schema and models
 * folders (the models file and the files it re-exports), relative to the module folder — so an absolute path or
 * one through `..` reads exactly as from inside the module. Another file brings a models file next to it.
 */
function schemaFileInput(io: CliIo, input: string, full: string): { files: SourceFile[]; prefix: string } {
  const text = readTextFile(full, input);
  const asGiven = (dir: string) => {
    const shown = (isAbsolute(input) ? dir : relative(io.cwd, dir)).replace(/\\/g, '/').replace(/\/+$/, '');
    return shown === '' ? '' : `${shown}/`;
  };
  const inModule = moduleRootOf(full);
  if (inModule) {
    const { tables, models } = LAYOUT_FILES[inModule.layout];
    const folders = [tables, models].map((p) => p.slice(0, p.lastIndexOf('/')));
    const files: SourceFile[] = [{ path: tables, text }];
    const prefix = asGiven(inModule.root);
    for (const f of folders.flatMap((dir) => tsFilesUnder(inModule.root, prefix, dir)))
      if (!files.some((x) => x.path === f.path)) files.push(f);
    return { files, prefix };
  }
  const dir = dirname(full);
  const files: SourceFile[] = [{ path: basename(full), text }];
  const models = ['models.ts', 'models/index.ts'].find((p) => existsSync(join(dir, p)));
  const prefix = asGiven(dir);
  if (models) files.push({ path: models, text: readTextFile(join(dir, models), `${prefix}${models}`) });
  return { files, prefix };
}

export interface ImportedInput {
  outcome: ImportOutcome;
  /** Prefix for message paths (the module folder as given), so they can be opened from the terminal. */
  prefix: string;
}

/** Reads the input the user named and imports it. A missing or unreadable path is a CliError (exit 2). */
export async function importInput(io: CliIo, input: string, moduleId: string | undefined): Promise<ImportedInput> {
  const full = resolve(io.cwd, input);
  let isDir: boolean;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    throw new CliError(`cannot read ${input}: no such file or folder`);
  }
  let files: SourceFile[];
  let prefix = '';
  try {
    if (isDir) {
      prefix = `${input.replace(/\/+$/, '')}/`;
      files = readTree(full, prefix);
      if (files.length === 0) throw new CliError(`${input}: the folder holds no file the studio imports`);
    } else if (/\.(ts|js|mjs)$/.test(input)) {
      ({ files, prefix } = schemaFileInput(io, input, full));
    } else {
      files = [{ path: input, text: readTextFile(full, input) }];
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${input}: ${(e as Error).message}`);
  }
  const outcome = await importFiles(files, moduleId ? { moduleId } : {});
  return { outcome, prefix };
}

/** Prints the import's messages (file:line:column severity …) and suggested relations. */
export function printImportMessages(io: CliIo, imported: ImportedInput): void {
  const { outcome, prefix } = imported;
  for (const m of outcome.messages) {
    const line = formatImportMessage({ ...m, file: `${prefix}${m.file}` });
    if (m.severity === 'error') io.stderr(`${line}\n`);
    else io.stdout(`${line}\n`);
  }
  if (!outcome.ok) return;
  const d: Design = outcome.design;
  for (const s of outcome.suggestions) {
    const from = d.columns[s.fromColumnId];
    const to = d.columns[s.toColumnId];
    const fromTable = from && d.tables[from.tableId];
    const toTable = to && d.tables[to.tableId];
    if (!from || !to || !fromTable || !toTable) continue;
    const place = s.line > 0 ? `${prefix}${s.file}:${s.line}` : `${prefix}${s.file}`;
    io.stdout(
      `${place} suggestion: ${fromTable.name}.${from.name} → ${toTable.name}.${to.name} as a logical relation (${s.reason})\n`,
    );
  }
}

export async function importCommand(
  io: CliIo,
  input: string,
  opts: { out?: string; moduleId?: string },
): Promise<number> {
  if (!opts.out) throw new CliError('import needs --out <design.json>: the design file to write');
  const imported = await importInput(io, input, opts.moduleId);
  printImportMessages(io, imported);
  const { outcome } = imported;
  if (!outcome.ok) {
    io.stderr(`molos-schema: ${input} could not be imported; nothing was written\n`);
    return 2;
  }
  const outPath = resolve(io.cwd, opts.out);
  const existing = existsSync(outPath) ? statSync(outPath) : null;
  if (existing?.isDirectory())
    throw new CliError(`--out ${opts.out} is a folder; give the design file to write, e.g. ${opts.out}/design.json`);
  // Writing into a pipe would wait for a reader forever; a device is no design file either.
  if (existing && !existing.isFile())
    throw new CliError(`--out ${opts.out} is not a regular file; give the design file to write`);
  try {
    writingFiles();
    writeFileSync(outPath, serializeDesign(outcome.design));
  } catch (e) {
    throw new CliError(`cannot write ${opts.out}: ${(e as Error).message}`);
  }
  const d = outcome.design;
  const n = (map: object, word: string, plural = `${word}s`) => {
    const k = Object.keys(map).length;
    return `${k} ${k === 1 ? word : plural}`;
  };
  io.stdout(
    `wrote ${opts.out}: module ${d.module.id} (${d.module.layout} layout), ${n(d.tables, 'table')}, ` +
      `${n(d.relations, 'relation')}, ${n(d.enums, 'enum')}, ${n(d.indexes, 'index', 'indexes')}` +
      `${d.baseline ? ', with the last migration as its baseline' : ''}` +
      `${outcome.suggestions.length > 0 ? `; ${outcome.suggestions.length} suggested relation(s) listed above` : ''}\n`,
  );
  return 0;
}
