/**
 * Which element of the design is which element of the existing code. The existing code is read back into a
 * design (the importer); its elements are paired with the design's by stable id first (a design imported from
 * this folder has the importer's ids), then by the name the element had at the last export (the baseline), then
 * by its current name, then by its TypeScript name. Each element is paired at most once.
 */
import { type Design, fullTableName, tableColumns, tableIndexes } from '../../core/design';

export interface Pairs {
  /** Design table id → existing table id. */
  tables: Map<string, string>;
  /** Design column id → existing column id (only within paired tables). */
  columns: Map<string, string>;
  /** Design index id → existing index id. */
  indexes: Map<string, string>;
  /** Design enum id → existing enum id. */
  enums: Map<string, string>;
}

function pairBy<A, B>(
  left: readonly A[],
  right: readonly B[],
  keys: ((a: A) => string | undefined)[],
  rightKeys: ((b: B) => string | undefined)[],
  idOf: (x: A) => string,
  rightId: (x: B) => string,
): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  keys.forEach((key, k) => {
    const rightKey = rightKeys[k] as (b: B) => string | undefined;
    const index = new Map<string, string>();
    for (const r of right) {
      const v = rightKey(r);
      if (v !== undefined && !index.has(v) && !taken.has(rightId(r))) index.set(v, rightId(r));
    }
    for (const l of left) {
      if (out.has(idOf(l))) continue;
      const v = key(l);
      const match = v === undefined ? undefined : index.get(v);
      if (match !== undefined && !taken.has(match)) {
        out.set(idOf(l), match);
        taken.add(match);
      }
    }
  });
  return out;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Pairs the elements of `design` with those of `existing` (the existing code read back).
 * @example pairElements(design, imported).tables.get('t_tasks') // 'tasks' (the id the importer gave it)
 */
export function pairElements(design: Design, existing: Design): Pairs {
  const base = design.baseline;
  const dTables = Object.values(design.tables);
  const eTables = Object.values(existing.tables);
  const tables = pairBy(
    dTables,
    eTables,
    [
      (t) => t.id,
      (t) => (base?.tables[t.id] ? lower(base.tables[t.id] as string) : undefined),
      (t) => lower(fullTableName(design, t)),
      (t) => t.exportName,
    ],
    [
      (t) => t.id,
      (t) => lower(fullTableName(existing, t)),
      (t) => lower(fullTableName(existing, t)),
      (t) => t.exportName,
    ],
    (t) => t.id,
    (t) => t.id,
  );
  const columns = new Map<string, string>();
  const indexes = new Map<string, string>();
  for (const [dId, eId] of tables) {
    const d = design.tables[dId];
    const e = existing.tables[eId];
    if (!d || !e) continue;
    const dc = tableColumns(design, d);
    const ec = tableColumns(existing, e);
    for (const [k, v] of pairBy(
      dc,
      ec,
      [
        (c) => c.id,
        (c) => (base?.columns[c.id] ? lower(base.columns[c.id] as string) : undefined),
        (c) => lower(c.name),
        (c) => c.key,
      ],
      [(c) => c.id, (c) => lower(c.name), (c) => lower(c.name), (c) => c.key],
      (c) => c.id,
      (c) => c.id,
    ))
      columns.set(k, v);
    for (const [k, v] of pairBy(
      tableIndexes(design, d),
      tableIndexes(existing, e),
      [(i) => i.id, (i) => lower(i.name)],
      [(i) => i.id, (i) => lower(i.name)],
      (i) => i.id,
      (i) => i.id,
    ))
      indexes.set(k, v);
  }
  const enums = pairBy(
    Object.values(design.enums),
    Object.values(existing.enums),
    [(e) => e.id, (e) => e.name],
    [(e) => e.id, (e) => e.name],
    (e) => e.id,
    (e) => e.id,
  );
  return { tables, columns, indexes, enums };
}

/** The inverse of a pairing: existing id → design id. */
export function inverse(map: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...map].map(([k, v]) => [v, k]));
}
