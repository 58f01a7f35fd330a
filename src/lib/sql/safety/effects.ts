/**
 * What dropping a table does to the tables that reference it when foreign keys are ON — which is always the case
 * in the MoLOS host, because it runs each file in a transaction where `PRAGMA foreign_keys=OFF` does nothing.
 * SQLite's DROP TABLE first deletes every row, and that delete fires each child's ON DELETE action.
 */
import type { SchemaModel } from './model';

export interface ChildEffect {
  /** The child table (for a rebuild, the `__new_t` copy itself when it references the old table). */
  table: string;
  columns: string[];
  /** `cascade`, `set null`, `set default`, `restrict` or `no action`. */
  action: string;
  /** For rows deleted by a chain of cascades: the table whose deletion reached this one. */
  via: string | null;
}

const key = (name: string) => name.toLowerCase();

/**
 * The ON DELETE effects of dropping `table`, direct children first, then tables reached through cascades.
 * Self-references of the dropped table are left out (its rows go anyway).
 * @example dropEffects(model, 'MoLOS-Tasks_projects') // [{ table: 'MoLOS-Tasks_tasks', action: 'cascade', … }]
 */
export function dropEffects(model: SchemaModel, table: string): ChildEffect[] {
  const out: ChildEffect[] = [];
  const seen = new Set([key(table)]);
  const queue: string[] = [table];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    const via = key(parent) === key(table) ? null : parent;
    const found: ChildEffect[] = [];
    for (const child of model.tables.values()) {
      // A table with no rows at this point loses nothing (the safe variant empties them on purpose).
      if (seen.has(key(child.name)) || model.emptied.has(key(child.name))) continue;
      for (const fk of child.foreignKeys) {
        if (key(fk.tableTo) === key(parent))
          found.push({ table: child.name, columns: fk.columns, action: fk.onDelete, via });
      }
    }
    for (const e of found) {
      // Only a cascade deletes the child's rows, and so reaches the child's own children.
      if (e.action === 'cascade' && !queue.includes(e.table)) queue.push(e.table);
      seen.add(key(e.table));
    }
    out.push(...found);
  }
  return out;
}

/**
 * The effects as finding params: `deleted`, `deletedVia`, `nulled`, `defaulted`, `blocked` (comma lists, only
 * the non-empty ones) and `children` (every direct child). `selfCopy` is the rebuild's `__new_t`, shown as
 * the rebuilt table's own copied rows.
 * @example effectParams(effects, 'users', '__new_users') // { children: 'projects, …', deleted: 'projects', … }
 */
export function effectParams(
  effects: readonly ChildEffect[],
  table: string,
  selfCopy: string | null = null,
): Record<string, string> {
  const name = (t: string) => (selfCopy && key(t) === key(selfCopy) ? `${table} (its own copied rows)` : t);
  const col = (e: ChildEffect) =>
    selfCopy && key(e.table) === key(selfCopy)
      ? `${table}.${e.columns.join('+')} (self-reference, in the copied rows)`
      : `${e.table}.${e.columns.join('+')}`;
  const uniq = (xs: string[]) => [...new Set(xs)].join(', ');
  const via = (e: ChildEffect) => (e.via === null ? '' : ` (via ${e.via})`);
  const direct = effects.filter((e) => e.via === null);
  const params: Record<string, string> = { children: uniq(direct.map((e) => name(e.table))) };
  const lists: Record<string, string> = {
    deleted: uniq(direct.filter((e) => e.action === 'cascade').map((e) => name(e.table))),
    deletedVia: uniq(effects.filter((e) => e.via !== null && e.action === 'cascade').map((e) => e.table + via(e))),
    nulled: uniq(effects.filter((e) => e.action === 'set null').map((e) => col(e) + via(e))),
    defaulted: uniq(effects.filter((e) => e.action === 'set default').map((e) => col(e) + via(e))),
    blocked: uniq(
      effects
        .filter((e) => e.action === 'no action' || e.action === 'restrict')
        .map((e) => `${name(e.table)} (${e.action}${e.via === null ? '' : `, via ${e.via}`})`),
    ),
  };
  for (const [k, v] of Object.entries(lists)) if (v) params[k] = v;
  return params;
}
