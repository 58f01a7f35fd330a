/**
 * CHECK constraints the module's code declares and the design cannot hold (`Table.keptChecks`): the design knows
 * their names only, the code keeps them as written, and their SQL is carried over from the schema the module's
 * migrations left (the last snapshot, or what the replayed migrations build) — so the next migration keeps them
 * in the database, re-creates them when it rebuilds the table, and its snapshot holds what drizzle-kit would
 * compute from the code. A check the code no longer declares is not carried, so the migration drops it, as
 * drizzle-kit's would.
 */
import { type Design, fullTableName } from '../core/design';
import type { Renames } from './diff/index';
import { type Token, isPunct, tokenize } from './safety/tokens';
import type { Snapshot, SnapshotTable } from './snapshot-types';

type Checks = SnapshotTable['checkConstraints'];

const NO_RENAMES: Renames = { tables: [], columns: [] };

/** The kept checks of a design, with their SQL from the schema a migration starts from. */
export interface KeptChecks {
  /**
   * By the table's SQL name in the design: its kept checks in the code's order, as the new snapshot holds them
   * (a table renamed since renames the `"table".` qualifiers in them, as drizzle-orm prints `${t.column}`).
   */
  after: Map<string, Checks>;
  /** By the table's name in the source schema: the same checks, as the source spells them. */
  before: Map<string, Checks>;
  /** Kept checks the source schema does not have: the studio knows only their names, so it cannot write them. */
  missing: { table: string; name: string }[];
}

const quoted = (name: string, quote: string): string => {
  if (quote === '`') return `\`${name.replaceAll('`', '``')}\``;
  if (quote === '[') return `[${name}]`;
  return `"${name.replaceAll('"', '""')}"`;
};

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'ident');

/**
 * A check's SQL after its table and columns were renamed: qualified references (`"old"."amount"`, what drizzle-orm
 * prints for `${t.amount}`) name the table's and the columns' new names, in the same quotes. Unqualified names are
 * left as written: they come from the code's own text, which a rename does not change.
 * @example renamedCheckValue('"a"."n" > 0', 'a', 'b', [{ from: 'n', to: 'm' }]) // '"b"."m" > 0'
 */
export function renamedCheckValue(
  value: string,
  fromTable: string,
  toTable: string,
  columns: readonly { from: string; to: string }[],
): string {
  if (fromTable === toTable && columns.length === 0) return value;
  const tokens = tokenize(value);
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const table = tokens[i] as Token;
    const column = tokens[i + 2] as Token;
    if (!isName(table) || !isPunct(tokens[i + 1], '.') || !isName(column)) continue;
    if (isPunct(tokens[i - 1], '.')) continue; // `schema.table.column`: not drizzle's form
    if (table.value !== fromTable && table.value !== toTable) continue;
    if (table.value !== toTable) edits.push({ start: table.start, end: table.end, text: quoted(toTable, table.quote) });
    const renamed = columns.find((c) => c.from === column.value);
    if (renamed) edits.push({ start: column.start, end: column.end, text: quoted(renamed.to, column.quote) });
    i += 2;
  }
  let out = value;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Where kept checks' SQL comes from: a snapshot, or only the named checks of a database's tables. */
export interface CheckSource {
  tables: Record<string, Pick<SnapshotTable, 'checkConstraints'>>;
}

/**
 * The design's kept checks with their SQL taken from `source` (the schema the migration starts from); a table is
 * looked up under its name before `renames`.
 * @example buildSnapshot(design, prevId, keptChecks(design, previous, renames).after)
 */
export function keptChecks(design: Design, source: CheckSource, renames: Renames = NO_RENAMES): KeptChecks {
  const out: KeptChecks = { after: new Map(), before: new Map(), missing: [] };
  for (const table of Object.values(design.tables)) {
    if (!table.keptChecks?.length) continue;
    const name = fullTableName(design, table);
    const from = renames.tables.find((r) => r.to === name)?.from ?? name;
    const columns = renames.columns.filter((c) => c.table === name);
    const had = Object.hasOwn(source.tables, from) ? source.tables[from]?.checkConstraints : undefined;
    const after: Checks = {};
    const before: Checks = {};
    for (const check of table.keptChecks) {
      const c = had && Object.hasOwn(had, check) ? had[check] : undefined;
      if (!c) {
        out.missing.push({ table: name, name: check });
        continue;
      }
      before[check] = { name: check, value: c.value };
      after[check] = { name: check, value: renamedCheckValue(c.value, from, name, columns) };
    }
    if (Object.keys(after).length > 0) {
      out.after.set(name, after);
      out.before.set(from, before);
    }
  }
  return out;
}

/**
 * `snapshot` (the schema a module's code describes, built from its design, which cannot hold checks) with the
 * kept checks added, as the source spells them.
 * @example withKeptChecks(codeSnapshot, keptChecks(design, previous, renames).before)
 */
export function withKeptChecks(snapshot: Snapshot, checks: ReadonlyMap<string, Checks>): Snapshot {
  const tables = { ...snapshot.tables };
  for (const [name, kept] of checks) {
    const t = Object.hasOwn(tables, name) ? tables[name] : undefined;
    if (t) tables[name] = { ...t, checkConstraints: { ...t.checkConstraints, ...structuredClone(kept) } };
  }
  return { ...snapshot, tables };
}
