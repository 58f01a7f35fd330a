/**
 * A module's `drizzle/` history as importers see it (files handed over as text), and the baseline an imported
 * design gets from it: the design's ids mapped to the names in the last snapshot, so the next migration after an
 * import holds only what really changed — nothing, when nothing did.
 */
import type { Baseline, Design } from '../../core/design';
import { fullTableName } from '../../core/design';
import { MigrationFolderError, metaFile, parseJournal } from '../../sql/folder-format';
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

/**
 * The offset of the first JSON syntax error in `text` (JSON.parse's message does not always say), or null when
 * the text is valid JSON or too deeply nested to scan.
 * @example jsonErrorOffset('{"a": x}') // 6
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if ((text.charCodeAt(i) as number) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (ch === '{') {
          ws();
          str();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') return str();
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) fail();
    i += (lit as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    return typeof e === 'number' ? Math.min(e, text.length) : null;
  }
}

/** Where a JSON text is broken: its first syntax error's line and column (0, 0 when unknown). */
export function jsonErrorPlace(text: string): { line: number; column: number } {
  const at = jsonErrorOffset(text);
  return at === null ? { line: 0, column: 0 } : lineIndex(text)(at);
}

/** A snapshot or journal problem as an import message at the place JSON.parse gave, if any. */
export function folderErrorMessage(
  file: SourceFile,
  e: MigrationFolderError,
  severity: ImportMessage['severity'],
  kept?: string,
): ImportMessage {
  const text = e.message.startsWith(`${e.file}: `) ? e.message.slice(e.file.length + 2) : e.message;
  const { line, column } = text.startsWith('not valid JSON') ? jsonErrorPlace(file.text) : { line: 0, column: 0 };
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
 * Reads the drizzle files among `files`: `meta/_journal.json`, the snapshots in `meta/` and the `.sql` files.
 * A damaged journal or snapshot is reported (as `severity`) and left out. A file of `meta/` that is no snapshot
 * at all (`0001.json` with other data; see `metaFile`) is left out with an `info` note: the host never reads
 * `meta/`, and only drizzle-kit stops on it.
 */
export function readDrizzleHistory(files: readonly SourceFile[], severity: ImportMessage['severity']): DrizzleHistory {
  const folder: MigrationFolder = { journal: null, snapshots: {}, sqlFiles: [] };
  const messages: ImportMessage[] = [];
  const sqlFiles: SourceFile[] = [];
  for (const f of files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    try {
      if (isMetaJson(f.path)) {
        const meta = metaFile(f.path, f.text);
        if (meta.kind === 'journal') folder.journal = parseJournal(f.path, f.text);
        else if (meta.kind === 'snapshot') folder.snapshots[base] = meta.snapshot;
        else if (meta.kind === 'not-snapshot') {
          (folder.ignored ??= []).push({ file: f.path, reason: meta.reason });
          messages.push({
            severity: 'info',
            code: 'drizzle-meta-ignored',
            file: f.path,
            line: 0,
            column: 0,
            message:
              `not a snapshot: ${meta.reason}. The host never reads drizzle/meta; drizzle-kit generate reads every ` +
              'file there whose name does not start with "_" as a snapshot and stops on this one',
            kept: 'nothing: the file is left out',
          });
        }
      } else if (base.endsWith('.sql')) {
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
