/**
 * Where a module's code is ahead of its database: tables, columns and indexes the code declares that the
 * migrations never built (a column added to tables.ts by hand, with no migration yet). The app's queries need
 * them, and adding them loses nothing, so the next migration adds them even when it otherwise leaves the drift
 * between code and history as it is. Everything else the two disagree on (an index only the SQL has, NOT NULL on
 * one side) is left for the author to decide.
 */
import type { Snapshot, SnapshotTable } from './snapshot-types';

export interface CodeAhead {
  /** The code's schema without what the history lacks: the next migration, starting here, adds those. */
  before: Snapshot;
  /** What is added, in words (`tasks.estimate`, `table notes`, `index tasks_due_idx`). */
  added: string[];
}

const short = (name: string, moduleId: string) =>
  name.startsWith(`${moduleId}_`) ? name.slice(moduleId.length + 1) : name;

/**
 * The code's schema with the tables, columns and indexes the history does not have taken out.
 * @example codeAhead(code, history, 'MoLOS-Tasks').added // ['tasks.estimate']
 */
export function codeAhead(code: Snapshot, history: Snapshot, moduleId: string): CodeAhead {
  const added: string[] = [];
  const tables: Record<string, SnapshotTable> = {};
  for (const [name, table] of Object.entries(code.tables)) {
    const built = history.tables[name];
    if (!built) {
      added.push(`table ${short(name, moduleId)}`);
      continue;
    }
    const missing = Object.keys(table.columns).filter((c) => !built.columns[c]);
    const columns = Object.fromEntries(Object.entries(table.columns).filter(([c]) => !missing.includes(c)));
    const indexes = Object.fromEntries(
      Object.entries(table.indexes).filter(
        ([n, ix]) => built.indexes[n] !== undefined && !ix.columns.some((c) => missing.includes(c)),
      ),
    );
    const foreignKeys = Object.fromEntries(
      Object.entries(table.foreignKeys).filter(([, fk]) => !fk.columnsFrom.some((c) => missing.includes(c))),
    );
    for (const c of missing) added.push(`${short(name, moduleId)}.${c}`);
    for (const n of Object.keys(table.indexes))
      if (!(n in indexes) && built.indexes[n] === undefined) added.push(`index ${n}`);
    tables[name] = { ...table, columns, indexes, foreignKeys };
  }
  return { before: { ...code, tables }, added };
}
