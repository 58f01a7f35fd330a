/**
 * Import of a whole module folder: finds the schema file in either layout (or where `drizzle.config.ts` says),
 * the models file and the files it re-exports, `manifest.yaml` and `src/config.ts` (module id, name,
 * description), the layout, and the `drizzle/` history, whose last snapshot becomes the design's baseline — so
 * the next migration after an import holds only real changes. When migrations go past the last snapshot (written
 * by hand, without snapshots), the baseline is the schema they build, replayed as the host runs them. The
 * baseline keeps the module's migrations and the code files the studio merges into, so a later download can hold
 * them.
 */
import { type Document, parseDocument } from 'yaml';
import { BASELINE_FILE_PATH, type BaselineFile, type Layout } from '../../core/design';
import type { SqlJsStatic } from 'sql.js';
import { MigrationFolderError } from '../../sql/folder-format';
import { pendingChanges } from '../../sql/migration-changes';
import { buildSnapshot } from '../../sql/snapshot';
import { codeAhead } from '../../sql/code-ahead';
import { type MigrationFolder, driftSentence, nextMigration } from '../../sql/next-migration';
import { withReplayedHistory } from '../../sql/replay-history';
import { migrationsPastSnapshot } from '../../sql/replayed-schema';
import { baselineFor, lastSnapshot, readDrizzleHistory } from '../schema/baseline';
import { lineIndex } from '../schema/ddl-text';
import { importSnapshot } from '../snapshot/index';
import { type SqlImportOptions, importSql } from '../sql/index';
import { normalizePath } from '../tables-ts/specifiers';
import { importTablesTs } from '../tables-ts/index';
import type { ImportMessage, ImportOutcome, SourceFile } from '../types';
import { MODULE_CONFIG_PATHS, type ModuleConfigValues, readModuleConfig } from './module-config';
import { configSchemaPaths } from '../../generate/merge/paths';
import { isModuleFile } from './module-files';

export { configSchemaPaths, isModuleFile };

/** Where each layout keeps its schema and models. */
export const LAYOUT_FILES: Record<Layout, { tables: string; models: string }> = {
  legacy: { tables: 'lib/server/db/schema/tables.ts', models: 'lib/models/index.ts' },
  current: { tables: 'src/server/db/schema/tables.ts', models: 'src/models/index.ts' },
};

const ROOT_MARKERS = new Set(['manifest.yaml', 'drizzle.config.ts', 'package.json', 'lib', 'src', 'drizzle']);
/**
 * The files with paths relative to the module root: a leading folder shared by every file (the picked folder's
 * own name, as a directory input gives it) is removed until a module file is at the top.
 */
export function relativeToRoot(files: readonly SourceFile[]): SourceFile[] {
  let out = files.map((f) => ({ ...f, path: f.path.replace(/^\.?\/+/, '').replace(/\\/g, '/') }));
  for (let depth = 0; depth < 4; depth++) {
    if (out.some((f) => ROOT_MARKERS.has(f.path.split('/')[0] ?? ''))) break;
    const first = out[0]?.path.split('/')[0];
    if (!first || !out.every((f) => f.path.startsWith(`${first}/`))) break;
    out = out.map((f) => ({ ...f, path: f.path.slice(first.length + 1) }));
  }
  return out;
}

interface Manifest {
  id?: string;
  name?: string;
  description?: string;
}

function readManifest(file: SourceFile, messages: ImportMessage[]): Manifest {
  let doc: Document;
  try {
    doc = parseDocument(file.text, { prettyErrors: false });
  } catch (e) {
    messages.push({
      severity: 'warning',
      code: 'manifest',
      file: file.path,
      line: 0,
      column: 0,
      message: `cannot read the manifest: ${(e as Error).message}`,
    });
    return {};
  }
  const at = lineIndex(file.text);
  for (const err of doc.errors) {
    const { line, column } = at(err.pos[0]);
    messages.push({
      severity: 'warning',
      code: 'manifest',
      file: file.path,
      line,
      column,
      message: `manifest.yaml is not valid YAML: ${err.message.split('\n')[0]}`,
      kept: 'the module id from the table names',
    });
  }
  if (doc.errors.length > 0) return {};
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const id = str(d.id);
  if (d.id !== undefined && !id) {
    messages.push({
      severity: 'warning',
      code: 'manifest',
      file: file.path,
      line: 0,
      column: 0,
      message: 'manifest.yaml has an `id` that is not a text',
      kept: 'the module id from the table names',
    });
  }
  return { id, name: str(d.name), description: str(d.description) };
}

function findSchema(
  byPath: Map<string, SourceFile>,
  messages: ImportMessage[],
): { tables: SourceFile; layout: Layout | null } | null {
  for (const layout of ['legacy', 'current'] as const) {
    const f = byPath.get(LAYOUT_FILES[layout].tables);
    if (f) return { tables: f, layout };
  }
  const config = byPath.get('drizzle.config.ts');
  if (!config) return null;
  for (const p of configSchemaPaths(config.text)) {
    const dir = p.replace(/\/?(index|tables)?\.ts$/, '');
    const candidates = p.endsWith('.ts') ? [p, `${dir}/tables.ts`] : [`${dir}/tables.ts`, `${dir}/index.ts`];
    for (const c of candidates) {
      const f = byPath.get(c.replace(/^\/+/, ''));
      if (f) {
        messages.push({
          severity: 'info',
          code: 'schema-from-config',
          file: config.path,
          line: 0,
          column: 0,
          message: `the schema file is not in either module layout; using ${f.path}, which drizzle.config.ts names`,
        });
        return {
          tables: f,
          layout: f.path.startsWith('src/') ? 'current' : f.path.startsWith('lib/') ? 'legacy' : null,
        };
      }
    }
  }
  return null;
}

/** Migrations as the host reads them: `.sql` files directly in drizzle/, snapshots and the journal in drizzle/meta/. */
const HISTORY_FILE = /^drizzle\/([^/]+\.sql|meta\/[^/]+\.json)$/;

/** Relative module specifiers in a file's imports and re-exports (read as text: only used to pick files). */
const RELATIVE_SPECIFIER = /\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"\n]*)['"]/g;

/**
 * The `.ts` files the schema and models files reach through relative imports and re-exports
 * (`export * from './types'`), transitively; each file once, so import cycles end.
 */
function reachableFiles(start: readonly SourceFile[], byPath: ReadonlyMap<string, SourceFile>): SourceFile[] {
  const seen = new Set(start.map((f) => f.path));
  const out: SourceFile[] = [];
  const queue = [...start];
  for (let f = queue.shift(); f; f = queue.shift()) {
    const dir = f.path.slice(0, f.path.lastIndexOf('/') + 1);
    for (const m of f.text.matchAll(RELATIVE_SPECIFIER)) {
      const base = normalizePath(`${dir}${m[1] ?? ''}`);
      if (base === undefined) continue;
      const stem = base.replace(/\.(ts|js|mjs)$/, '');
      const next = [base, `${stem}.ts`, `${stem}/index.ts`]
        .map((p) => byPath.get(p))
        .find((x) => x?.path.endsWith('.ts'));
      if (!next || seen.has(next.path)) continue;
      seen.add(next.path);
      out.push(next);
      queue.push(next);
    }
  }
  return out;
}

/** The module's id, name and description: manifest.yaml wins over src/config.ts; differing ids are reported. */
function moduleInfo(
  manifest: Manifest,
  config: ModuleConfigValues,
  configPath: string,
  messages: ImportMessage[],
): Manifest {
  if (manifest.id && config.id && manifest.id !== config.id)
    messages.push({
      severity: 'warning',
      code: 'module-id-conflict',
      file: configPath,
      line: config.idLine ?? 0,
      column: config.idLine ? 3 : 0,
      message: `${configPath} gives the module id "${config.id}", manifest.yaml "${manifest.id}"; the host needs them to agree`,
      kept: `"${manifest.id}" from manifest.yaml`,
    });
  return {
    id: manifest.id ?? config.id,
    name: manifest.name ?? config.name,
    description: manifest.description ?? config.description,
  };
}

/**
 * The files a baseline keeps: the migrations and the `.ts` files under the schema's and the models' folders,
 * sorted by path (only paths a baseline may hold).
 */
function baselineFiles(all: readonly SourceFile[], folders: readonly string[]): BaselineFile[] {
  return all
    .filter(
      (f) =>
        HISTORY_FILE.test(f.path) ||
        // It may name the schema file, which a later zip then merges into.
        f.path === 'drizzle.config.ts' ||
        (f.path.endsWith('.ts') && folders.some((dir) => dir !== '' && f.path.startsWith(dir))),
    )
    .filter((f) => BASELINE_FILE_PATH.test(f.path) && !f.path.includes('..'))
    .map((f) => ({ path: f.path, text: f.text }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function defaultSqlJs(): Promise<SqlJsStatic> {
  const mod = await import('sql.js');
  return mod.default();
}

/**
 * The history with the schema its migrations build, when they go past the last snapshot (replayed as the host
 * runs them); as it is otherwise. A migration that fails under the host leaves the schema unknown: reported.
 */
async function replayedHistory(
  history: ReturnType<typeof readDrizzleHistory>,
  opts: SqlImportOptions,
  messages: ImportMessage[],
): Promise<MigrationFolder> {
  const last = lastSnapshot(history);
  if (migrationsPastSnapshot(last?.file ?? null, history.folder.sqlFiles).length === 0) return history.folder;
  const SQL = await (opts.loadSqlJs ?? defaultSqlJs)();
  const files = history.sqlFiles.map((f) => ({ name: f.path.slice(f.path.lastIndexOf('/') + 1), sql: f.text }));
  try {
    return withReplayedHistory(SQL, history.folder, files);
  } catch (e) {
    if (!(e instanceof MigrationFolderError)) throw e;
    messages.push({
      severity: 'warning',
      code: 'drizzle-replay',
      file: e.file,
      line: 0,
      column: 0,
      message: e.message,
    });
    return history.folder;
  }
}

/**
 * Imports a module folder; `files` are its files with paths relative to the module root (or under one shared
 * folder, which is removed). Layout and module id come from the files unless `opts` gives them.
 * @example await importModuleFolder([{ path: 'manifest.yaml', text }, { path: 'lib/server/db/schema/tables.ts', text }, …])
 */
export async function importModuleFolder(files: SourceFile[], opts: SqlImportOptions = {}): Promise<ImportOutcome> {
  const all = relativeToRoot(files.filter((f) => isModuleFile(f.path)));
  const byPath = new Map(all.map((f) => [f.path, f]));
  const messages: ImportMessage[] = [];
  const manifestFile = byPath.get('manifest.yaml');
  const configFile = MODULE_CONFIG_PATHS.map((p) => byPath.get(p)).find((f) => f !== undefined);
  const manifest = moduleInfo(
    manifestFile ? readManifest(manifestFile, messages) : {},
    configFile ? readModuleConfig(configFile, messages) : {},
    configFile?.path ?? '',
    messages,
  );
  const moduleId = opts.moduleId ?? manifest.id;
  const history = readDrizzleHistory(
    all.filter((f) => HISTORY_FILE.test(f.path)),
    'warning',
  );
  messages.push(...history.messages);
  const last = lastSnapshot(history);
  const folder = await replayedHistory(history, opts, messages);
  // The schema the migrations build, when the last snapshot does not hold it.
  const replayed = folder.replayed && !folder.replayed.matchesSnapshot ? folder.replayed : null;

  const schema = findSchema(byPath, messages);
  const layout: Layout =
    opts.layout ??
    schema?.layout ??
    (byPath.has('src/config.ts') || all.some((f) => f.path.startsWith('src/')) ? 'current' : 'legacy');
  const models =
    byPath.get(LAYOUT_FILES[layout].models) ??
    byPath.get(LAYOUT_FILES.legacy.models) ??
    byPath.get(LAYOUT_FILES.current.models);
  const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  // The folders whose code the baseline keeps (the studio merges into these files).
  const codeFolders = [
    folderOf(schema?.tables.path ?? LAYOUT_FILES[layout].tables),
    folderOf(models?.path ?? LAYOUT_FILES[layout].models),
  ];
  let outcome: ImportOutcome;
  let schemaFile: string;
  if (schema) {
    const dir = folderOf(schema.tables.path);
    const near = all.filter(
      (f) =>
        f !== schema.tables &&
        f !== models &&
        f.path.endsWith('.ts') &&
        (f.path.startsWith(dir) || /^(lib|src)\/models\//.test(f.path)),
    );
    // Files outside those folders that the schema or models files import or re-export (`export * from '../shared'`).
    const reached = reachableFiles([schema.tables, ...(models ? [models] : []), ...near], byPath).filter(
      (f) => f !== schema.tables && f !== models && !near.includes(f),
    );
    outcome = importTablesTs({ tables: schema.tables, models, others: [...near, ...reached] }, { moduleId, layout });
    schemaFile = schema.tables.path;
  } else if (last && !replayed) {
    const file = all.find((f) => f.path === `drizzle/meta/${last.file}`) as SourceFile;
    messages.push({
      severity: 'warning',
      code: 'no-schema-file',
      file: file.path,
      line: 0,
      column: 0,
      message: `no schema file found (${LAYOUT_FILES.legacy.tables}, ${LAYOUT_FILES.current.tables} or drizzle.config.ts's schema)`,
      kept: `the schema of the last snapshot, ${file.path}`,
    });
    outcome = importSnapshot(file, { moduleId, layout });
    schemaFile = file.path;
  } else if (history.sqlFiles.length > 0) {
    messages.push({
      severity: 'warning',
      code: 'no-schema-file',
      file: 'drizzle',
      line: 0,
      column: 0,
      message: `no schema file${last ? '' : ' and no snapshot'} found; reading the schema from the migrations in drizzle/`,
      kept: 'the schema the migrations build',
    });
    outcome = await importSql(history.sqlFiles, { ...opts, moduleId, layout });
    schemaFile = 'drizzle';
  } else {
    return {
      ok: false,
      messages: [
        ...messages,
        {
          severity: 'error',
          code: 'no-schema',
          file: all[0]?.path.split('/')[0] ?? '.',
          line: 0,
          column: 0,
          message: `this does not look like a MoLOS module: there is no ${LAYOUT_FILES.legacy.tables}, ${LAYOUT_FILES.current.tables}, schema named by drizzle.config.ts, or drizzle/ migrations`,
        },
      ],
    };
  }
  if (!outcome.ok) return { ok: false, messages: [...messages, ...outcome.messages] };

  const design = outcome.design;
  design.module = {
    ...design.module,
    layout,
    ...(moduleId ? { id: moduleId } : {}),
    ...(manifest.name ? { name: manifest.name } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
  };
  const base = replayed?.snapshot ?? last?.snapshot ?? null;
  if (base) {
    // A snapshot or SQL import already mapped the names it read (a changed module id stays a rename); a tables.ts
    // import maps the design's own names. Against a replayed history, the SQL import's names are the database's.
    if (replayed && design.baseline) design.baseline = baselineFor(design, base, design.baseline.tables);
    design.baseline ??= baselineFor(design, base);
    design.baseline.files = baselineFiles(all, codeFolders);
    if (replayed)
      messages.push({
        severity: 'info',
        code: 'replayed-history',
        file: 'drizzle',
        line: 0,
        column: 0,
        message: `${replayed.migrations.join(', ')} ${replayed.migrations.length === 1 ? 'comes' : 'come'} ${last ? `after the last snapshot (drizzle/meta/${last.file})` : 'without a snapshot'}: the baseline is the schema the migrations build, replayed as the host runs them`,
      });
    try {
      const next = nextMigration(design, folder, { now: 0 });
      // The baseline keeps the schema the next migration starts from, in the design's spelling (see nextMigration).
      if (replayed) design.baseline.snapshot = next.before;
      if (next.kind !== 'unchanged') {
        // The code and the history already differ. A write starts from the code as it is: it adds what the code
        // has and the database lacks, and leaves the rest unless asked (see nextMigration's `code`). The baseline
        // is that starting point, so the page's "since the last export" shows what the next write will hold.
        const fromCode = nextMigration(design, { ...folder, code: buildSnapshot(design) }, { now: 0 });
        const code = { ...buildSnapshot(design), id: fromCode.before.id, prevId: fromCode.before.prevId };
        design.baseline.snapshot = codeAhead(code, fromCode.before, design.module.id).before;
        if (fromCode.drift && fromCode.drift.length > 0)
          messages.push({
            severity: 'warning',
            code: 'code-and-history-differ',
            file: schemaFile,
            line: 0,
            column: 0,
            message: `${driftSentence(fromCode.drift)}. Writing this design back leaves them as they are; "generate --reconcile" (on the page: "Also bring the database to the code") writes them into the next migration, and "molos-schema verify" lists them`,
          });
        if (fromCode.kind !== 'unchanged')
          messages.push({
            severity: 'info',
            code: 'pending-changes',
            file: schemaFile,
            line: 0,
            column: 0,
            message: `the code has what its migrations never built: ${pendingChanges(fromCode, design.module.id)}`,
          });
      }
    } catch (e) {
      if (!(e instanceof MigrationFolderError)) throw e;
      messages.push({
        severity: 'warning',
        code: 'drizzle-meta',
        file: e.file,
        line: 0,
        column: 0,
        message: e.message,
      });
    }
  } else if (history.sqlFiles.length > 0) {
    messages.push({
      severity: 'warning',
      code: 'no-snapshot',
      file: 'drizzle/meta',
      line: 0,
      column: 0,
      message:
        'drizzle/ has migrations but no snapshot, and they could not be replayed, so the schema they left is not known',
      kept: 'the design without a baseline: check the first export against the existing migrations (molos-schema verify)',
    });
  }
  return { ok: true, design, messages: [...messages, ...outcome.messages], suggestions: outcome.suggestions };
}
