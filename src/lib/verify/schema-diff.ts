/**
 * The differences between the schema a module's migrations build (the history) and another description of it
 * (tables.ts, the last snapshot), fact by fact. Kinds are named from the history's side: `extra-column` is a
 * column the history builds and the other side lacks, `missing-column` one the other side has and the history
 * does not build. Inside a missing table or column nothing more is reported.
 */
import { compareCodeUnits } from '../sql/snapshot';
import type { Fact, FactKind, SchemaFacts } from './schema-facts';

export type DriftKind =
  | 'extra-table'
  | 'missing-table'
  | 'extra-column'
  | 'missing-column'
  | 'column-type'
  | 'column-not-null'
  | 'column-default'
  | 'column-check'
  | 'column-primary-key'
  | 'extra-unique'
  | 'missing-unique'
  | 'unique-name'
  | 'extra-index'
  | 'missing-index'
  | 'index-definition'
  | 'index-name'
  | 'extra-foreign-key'
  | 'missing-foreign-key'
  | 'foreign-key-actions'
  | 'table-check';

/** One difference; `history` / `other` are the facts on each side (absent where the thing does not exist). */
export interface Drift {
  kind: DriftKind;
  /** The fact key on both sides (for `index-name`, the history's). */
  key: string;
  table: string;
  /** The column, index or foreign key concerned. */
  name?: string;
  /** The columns it concerns. */
  columns: string[];
  history?: Fact;
  other?: Fact;
}

const PRESENCE: Partial<Record<FactKind, [DriftKind, DriftKind]>> = {
  table: ['extra-table', 'missing-table'],
  column: ['extra-column', 'missing-column'],
  unique: ['extra-unique', 'missing-unique'],
  index: ['extra-index', 'missing-index'],
  'foreign-key': ['extra-foreign-key', 'missing-foreign-key'],
};

const CHANGE: Partial<Record<FactKind, DriftKind>> = {
  type: 'column-type',
  'not-null': 'column-not-null',
  default: 'column-default',
  check: 'column-check',
  'primary-key': 'column-primary-key',
  unique: 'unique-name',
  index: 'index-definition',
  'foreign-key': 'foreign-key-actions',
  'table-check': 'table-check',
};

/** Within a table: the table itself, its columns (in the history's order), then uniques, indexes, keys, checks. */
const GROUP: Record<FactKind, number> = {
  table: 0,
  column: 1,
  type: 1,
  'not-null': 1,
  default: 1,
  check: 1,
  'primary-key': 1,
  unique: 2,
  index: 3,
  'foreign-key': 4,
  'table-check': 5,
};

function drift(kind: DriftKind, f: Fact, history?: Fact, other?: Fact): Drift {
  const d: Drift = { kind, key: f.key, table: f.table, columns: f.columns };
  if (f.name !== undefined) d.name = f.name;
  if (history) d.history = history;
  if (other) d.other = other;
  return d;
}

/**
 * Every difference between the history's facts and the other side's, table by table.
 * @example diffSchemas(schemaFacts(replayed), schemaFacts(fromTablesTs)).map((d) => d.kind) // ['column-not-null']
 */
export function diffSchemas(history: SchemaFacts, other: SchemaFacts): Drift[] {
  const out: Drift[] = [];
  const keys = [...new Set([...history.keys(), ...other.keys()])];
  for (const key of keys) {
    const h = history.get(key);
    const o = other.get(key);
    const f = (h ?? o) as Fact;
    // Inside something only one side has, the thing itself is the difference.
    if (f.parent && !(history.has(f.parent) && other.has(f.parent))) continue;
    const presence = PRESENCE[f.kind];
    if (h && !o) {
      if (presence) out.push(drift(presence[0], f, h));
    } else if (!h && o) {
      if (presence) out.push(drift(presence[1], f, undefined, o));
    } else if (h && o && h.value !== o.value) {
      const change = CHANGE[f.kind];
      if (change) out.push(drift(change, f, h, o));
    }
  }
  return sortDrifts(pairRenamedIndexes(out));
}

/** An index only on each side with the same definition is one index under two names. */
function pairRenamedIndexes(drifts: Drift[]): Drift[] {
  const extra = drifts.filter((d) => d.kind === 'extra-index');
  const missing = drifts.filter((d) => d.kind === 'missing-index');
  const paired = new Set<Drift>();
  const renamed: Drift[] = [];
  for (const e of extra) {
    const m = missing.find((x) => !paired.has(x) && x.table === e.table && x.other?.value === e.history?.value);
    if (!m) continue;
    paired.add(e).add(m);
    renamed.push({ ...e, kind: 'index-name', other: m.other as Fact });
  }
  return [...drifts.filter((d) => !paired.has(d)), ...renamed];
}

// Facts come in table order, each column followed by its properties; a stable sort keeps that within a group.
function sortDrifts(drifts: Drift[]): Drift[] {
  const group = (d: Drift) => GROUP[(d.history ?? d.other)?.kind ?? 'table'];
  return drifts.sort((a, b) => compareCodeUnits(a.table, b.table) || group(a) - group(b));
}
