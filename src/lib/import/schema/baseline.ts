/**
 * A module's `drizzle/` history as importers see it (files handed over as text), and the baseline an imported
 * design gets from it: the design's ids mapped to the names in the last snapshot, so the next migration after an
 * import holds only what really changed — nothing, when nothing did.
 */
import type { Baseline, Design } from '../../core/design';
import { fullTableName } from '../../core/design';
import { MigrationFolderError, parseJournal, parseSnapshot } from '../../sql/folder-format';
import { type MigrationFolder, baselineOf, previousSnapshot } from '../../sql/next-migration';
import type { Snapshot } from '../../sql/snapshot-types';
import type { ImportMessage, SourceFile } from '../types';
import { lineIndex } from './ddl-text';

/**
 * The baseline of `design` against the snapshot its module's last migration left: every table and column whose
 * name is in that snapshot is mapped to it (the rest are new since). A table imported under another name (a
 * changed module id) keeps its imported name, so the next migration renames it.
 * @example nextMigration(design, folder, { now }).kind // 'unchanged' right after importing an unchanged module
 */
export function baselineFor(
  design: Design,
  snapshot: Snapshot,
  /** The name each table had in the imported input, by id, when it may differ from the design's name. */
  importedNames: Record<string, string> = {},
): Baseline {
  const all = baselineOf(design, snapshot);
  const tables: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const t of Object.values(design.tables)) {
    const name = importedNames[t.id] ?? fullTableName(design, t);
    const st = snapshot.tables[name];
    if (!st) continue;
    tables[t.id] = name;
    for (const id of t.columnIds) {
      const c = design.columns[id];
      if (c && st.columns[c.name]) columns[id] = c.name;
    }
  }
  return { ...all, tables, columns };
}

/** Where JSON.parse stopped, when its message says (`at position 12` or `line 2 column 3`). */
export function jsonErrorPlace(text: string, error: string): { line: number; column: number } {
  const pos = /position (\d+)/.exec(error);
  if (pos) return lineIndex(text)(Number(pos[1]));
  const lc = /line (\d+) column (\d+)/.exec(error);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  return { line: 0, column: 0 };
}

/** A snapshot or journal problem as an import message at the place JSON.parse gave, if any. */
export function folderErrorMessage(
  file: SourceFile,
  e: MigrationFolderError,
  severity: ImportMessage['severity'],
  kept?: string,
): ImportMessage {
  const text = e.message.startsWith(`${e.file}: `) ? e.message.slice(e.file.length + 2) : e.message;
  const { line, column } = jsonErrorPlace(file.text, text);
  const m: ImportMessage = { severity, code: 'drizzle-meta', file: file.path, line, column, message: text };
  if (kept) m.kept = kept;
  return m;
}

export interface DrizzleHistory {
  folder: MigrationFolder;
  /** The `.sql` files, with their paths as given. */
  sqlFiles: SourceFile[];
  /** Problems with journal or snapshot files (each such file is left out). */
  messages: ImportMessage[];
}

/** True for a path inside a `drizzle/meta/` folder (at any depth, e.g. `drizzle/meta/0000_snapshot.json`). */
export const isMetaJson = (path: string) => /(^|\/)meta\/[^/]+\.json$/.test(path);

/**
 * Reads the drizzle files among `files`: `meta/_journal.json`, `meta/*_snapshot.json` and the `.sql` files.
 * A damaged journal or snapshot is reported (as `severity`) and left out.
 */
export function readDrizzleHistory(files: readonly SourceFile[], severity: ImportMessage['severity']): DrizzleHistory {
  const folder: MigrationFolder = { journal: null, snapshots: {}, sqlFiles: [] };
  const messages: ImportMessage[] = [];
  const sqlFiles: SourceFile[] = [];
  for (const f of files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    try {
      if (isMetaJson(f.path) && base === '_journal.json') folder.journal = parseJournal(f.path, f.text);
      else if (isMetaJson(f.path) && !base.startsWith('_')) folder.snapshots[base] = parseSnapshot(f.path, f.text);
      else if (base.endsWith('.sql')) {
        sqlFiles.push(f);
        folder.sqlFiles.push(base);
      }
    } catch (e) {
      if (!(e instanceof MigrationFolderError)) throw e;
      messages.push(folderErrorMessage(f, e, severity, severity === 'error' ? undefined : 'the file is left out'));
    }
  }
  return { folder, sqlFiles, messages };
}

/** The last snapshot of the history (the one drizzle-kit diffs against), with its file. */
export function lastSnapshot(history: DrizzleHistory): { file: string; snapshot: Snapshot } | null {
  return previousSnapshot(history.folder);
}
