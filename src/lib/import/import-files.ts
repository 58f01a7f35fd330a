/**
 * One entry point for "import these files", shared by the CLI and the page's import worker: decides what the
 * files are — a module folder, SQL (a script or a migration history), a drizzle snapshot, or a tables.ts with
 * its models — and runs the matching importer.
 */
import { importModuleFolder, isModuleFile, relativeToRoot } from './module-folder/index';
import { FORMAT_NAME } from '../core/format';
import { readingFile } from '../core/reading';
import { isMetaJson } from './schema/baseline';
import { importSnapshot } from './snapshot/index';
import { type SqlImportOptions, importSql } from './sql/index';
import { importTablesTs } from './tables-ts/index';
import { isStackOverflow, nestingError } from './tables-ts/nesting';
import type { ImportMessage, ImportOutcome, SourceFile } from './types';

export type ImportKind = 'module-folder' | 'sql' | 'snapshot' | 'tables-ts';

const MODULE_FILES = /(^|\/)(manifest\.yaml|drizzle\.config\.ts|(lib|src)\/server\/db\/schema\/tables\.ts)$/;
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * What the files are, or an explanation when they are none of the kinds.
 * @example importKind([{ path: 'schema.sql', text }]) // { kind: 'sql' }
 */
export function importKind(files: readonly SourceFile[]): { kind: ImportKind } | { error: string } {
  const useful = files.filter((f) => isModuleFile(f.path));
  if (useful.length === 0) {
    const names = files.map((f) => baseName(f.path)).slice(0, 3);
    return {
      error:
        files.length === 0
          ? 'no files were given'
          : `${names.join(', ')}${files.length > 3 ? ', …' : ''}: not a file the studio imports (a module folder, tables.ts and its models, .sql, or drizzle/meta/NNNN_snapshot.json)`,
    };
  }
  if (useful.some((f) => MODULE_FILES.test(f.path))) return { kind: 'module-folder' };
  if (useful.some((f) => f.path.endsWith('.sql'))) return { kind: 'sql' };
  const json = useful.filter((f) => f.path.endsWith('.json'));
  const designFile = json.length === useful.length ? json.find((f) => isDesignFile(f.text)) : undefined;
  if (designFile) {
    // A saved design is opened, not imported: "Open design file…" keeps its layout, notes and areas.
    return {
      error: `${baseName(designFile.path)} is a MoLOS Schema Studio design file, not a module file: open it with Designs → Open design file…`,
    };
  }
  if (json.length > 0 && json.length === useful.length) {
    return json.length === 1 || json.some((f) => isMetaJson(f.path))
      ? { kind: 'snapshot' }
      : { error: 'several JSON files: give one drizzle snapshot (drizzle/meta/NNNN_snapshot.json)' };
  }
  if (useful.some((f) => /\.(ts|js|mjs)$/.test(f.path))) return { kind: 'tables-ts' };
  return { error: `${baseName(useful[0]?.path ?? '')}: not a file the studio imports` };
}

/** Whether a JSON file is the studio's own design file: its envelope names the format (a cheap look first). */
function isDesignFile(text: string): boolean {
  if (!text.slice(0, 300).includes(`"${FORMAT_NAME}"`)) return false;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === FORMAT_NAME;
  } catch {
    return false;
  }
}

/** The tables file among loose TypeScript files: `tables.ts`, else the one that calls `sqliteTable(`. */
function tablesAndModels(files: readonly SourceFile[]): {
  tables: SourceFile;
  models?: SourceFile;
  others: SourceFile[];
} {
  const ts = files.filter((f) => /\.(ts|js|mjs)$/.test(f.path));
  const tables =
    ts.find((f) => baseName(f.path) === 'tables.ts') ?? ts.find((f) => f.text.includes('sqliteTable(')) ?? ts[0];
  const rest = ts.filter((f) => f !== tables);
  const models =
    rest.find((f) => /(^|\/)models(\/index)?\.ts$/.test(f.path)) ?? rest.find((f) => /\bas const\b/.test(f.text));
  return { tables: tables as SourceFile, models, others: rest.filter((f) => f !== models) };
}

/**
 * Imports files of any supported kind.
 * @example await importFiles([{ path: 'tables.ts', text }, { path: 'models/index.ts', text: models }], {})
 */
export async function importFiles(files: SourceFile[], opts: SqlImportOptions = {}): Promise<ImportOutcome> {
  try {
    return refuseEmpty(await importOfKind(files, opts), files);
  } catch (e) {
    // A stack overflow in a reader the importers do not guard (drizzle.config.ts, manifest.yaml, a JSON file):
    // named at the place where brackets nest too deep.
    const deep = isStackOverflow(e) ? nestingError(files) : null;
    if (!deep) throw e;
    return { ok: false, messages: [deep] };
  }
}

async function importOfKind(files: SourceFile[], opts: SqlImportOptions): Promise<ImportOutcome> {
  const kind = importKind(files);
  if ('error' in kind) {
    return {
      ok: false,
      messages: [
        {
          severity: 'error',
          code: 'unknown-input',
          file: files[0]?.path ?? '',
          line: 0,
          column: 0,
          message: kind.error,
        },
      ],
    };
  }
  const useful = files.filter((f) => isModuleFile(f.path));
  switch (kind.kind) {
    case 'module-folder': {
      // The module folder reads drizzle.config.ts (parsed as TypeScript) and manifest.yaml first; the importers
      // it calls then announce each file they read.
      const config = useful.find((f) => /(^|\/)drizzle\.config\.ts$/.test(f.path));
      const first = config ?? useful.find((f) => baseName(f.path) === 'manifest.yaml') ?? useful[0];
      readingFile(first?.path ?? '', config ? 'parsing TypeScript' : 'reading the module folder');
      return importModuleFolder(useful, opts);
    }
    case 'sql':
      return importSql(
        relativeToRoot(useful).filter((f) => f.path.endsWith('.sql') || isMetaJson(f.path)),
        opts,
      );
    case 'snapshot': {
      const json = useful.filter((f) => f.path.endsWith('.json'));
      const snapshots = json
        .filter((f) => isMetaJson(f.path) && !baseName(f.path).startsWith('_'))
        .sort((a, b) => (a.path < b.path ? -1 : 1));
      return importSnapshot(snapshots[snapshots.length - 1] ?? (json[0] as SourceFile), opts);
    }
    case 'tables-ts':
      return importTablesTs(tablesAndModels(useful), opts);
  }
}

/**
 * An import that found no table is refused: opened, it would be an empty design with no clue why. The message
 * names the file the tables were looked for in (the importer's own "no tables" warning becomes this error).
 * @example refuseEmpty(await importOfKind(files, opts), files) // { ok: false, messages: [{ code: 'no-tables', … }] }
 */
export function refuseEmpty(outcome: ImportOutcome, files: readonly SourceFile[]): ImportOutcome {
  if (!outcome.ok || Object.keys(outcome.design.tables).length > 0) return outcome;
  const found = outcome.messages.find((m) => m.code === 'no-tables');
  const file = found?.file ?? files.find((f) => isModuleFile(f.path))?.path ?? files[0]?.path ?? '';
  const refusal: ImportMessage = {
    severity: 'error',
    code: 'no-tables',
    file,
    line: 0,
    column: 0,
    message: `no table was found in ${baseName(file) || 'the files'}, so nothing was opened (${whatWasLookedFor(file)})`,
  };
  return { ok: false, messages: [refusal, ...outcome.messages.filter((m) => m !== found)] };
}

/** What a file of this kind needs for the studio to find a table in it. */
function whatWasLookedFor(file: string): string {
  if (file.endsWith('.sql')) return 'the SQL has no CREATE TABLE statement';
  if (file.endsWith('.json')) return 'the snapshot lists no tables';
  if (/\.(ts|js|mjs)$/.test(file)) return 'it declares no sqliteTable(...)';
  return 'the module declares no sqliteTable(...)';
}
