/**
 * Compares two drizzle-kit snapshots and lists the json statements of the migration between them, in the order
 * drizzle-kit collects them (src/snapshotsDiffer.ts, `applySqliteSnapshotsDiff`). Renames are given, not asked:
 * the studio knows them from stable ids, where drizzle-kit has to prompt.
 */
import type { Snapshot, SnapshotColumn, SnapshotTable } from '../snapshot-types';
import { type DiffValue, changedEntries, entriesWith, objectDiff } from './object-diff';
import { squashForeignKey, squashIndex, unsquashForeignKey } from './squash';
import type { JsonStatement, SquashedTable } from './statements';

export interface Renames {
  /** Tables renamed in this migration (full SQL names). */
  tables: { from: string; to: string }[];
  /** Columns renamed in this migration; `table` is the table's new name. */
  columns: { table: string; from: string; to: string }[];
}

export const NO_RENAMES: Renames = { tables: [], columns: [] };

export function squashTable(t: SnapshotTable): SquashedTable {
  const map = <T>(o: Record<string, T>, f: (v: T) => string) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  return {
    name: t.name,
    columns: structuredClone(t.columns),
    indexes: map(t.indexes, squashIndex),
    foreignKeys: map(t.foreignKeys, squashForeignKey),
    compositePrimaryKeys: map(t.compositePrimaryKeys, (pk) => pk.columns.join(',')),
    uniqueConstraints: {},
    checkConstraints: map(t.checkConstraints, (c) => `${c.name};${c.value}`),
  };
}

export function squashTables(s: Snapshot): Record<string, SquashedTable> {
  return Object.fromEntries(Object.entries(s.tables).map(([k, t]) => [k, squashTable(t)]));
}

/** `CREATE TABLE` / rebuild payload of a squashed table. */
export function tablePayload(t: SquashedTable) {
  return {
    tableName: t.name,
    columns: Object.values(t.columns),
    referenceData: Object.values(t.foreignKeys).map(unsquashForeignKey),
    compositePKs: Object.values(t.compositePrimaryKeys).map((pk) => pk.split(',')),
    checkConstraints: Object.values(t.checkConstraints),
  };
}

type Altered = {
  name: string;
  columns: { name: string; diff: DiffValue }[];
  indexes: DiffValue | undefined;
  foreignKeys: DiffValue | undefined;
  compositePrimaryKeys: DiffValue | undefined;
  checkConstraints: DiffValue | undefined;
};

const oldNew = (v: unknown) => v as { __old: unknown; __new: unknown };

/** The column-level statements for one altered table (drizzle-kit's `prepareSqliteAlterColumns`). */
function alterColumns(
  table: string,
  altered: Altered['columns'],
  next: Record<string, SquashedTable>,
): JsonStatement[] {
  const dropPk: JsonStatement[] = [];
  const setPk: JsonStatement[] = [];
  const rest: JsonStatement[] = [];
  const target = next[table];
  for (const { name: columnName, diff } of altered) {
    const at = (type: Extract<JsonStatement, { columnName: string; tableName: string }>['type']) =>
      ({ type, tableName: table, columnName }) as JsonStatement;
    // A type that differs only by "text (255)" vs "text(255)" is not a change.
    if ('type' in diff) {
      const t = oldNew(diff.type);
      if (String(t.__old).replace(' (', '(') === String(t.__new).replace(' (', '(')) continue;
    }
    const autoincrement = 'autoincrement' in diff ? oldNew(diff.autoincrement) : undefined;
    if (autoincrement)
      rest.push(
        at(
          autoincrement.__new
            ? 'alter_table_alter_column_set_autoincrement'
            : 'alter_table_alter_column_drop_autoincrement',
        ),
      );
    if ('type' in diff) rest.push(at('alter_table_alter_column_set_type'));
    const pk = 'primaryKey' in diff ? oldNew(diff.primaryKey) : undefined;
    const compositePk = target?.compositePrimaryKeys[`${table}_${columnName}`];
    if (pk && !pk.__new && compositePk === undefined) dropPk.push(at('alter_table_alter_column_drop_pk'));
    if ('default__added' in diff || 'default' in diff) rest.push(at('alter_table_alter_column_set_default'));
    if ('default__deleted' in diff) rest.push(at('alter_table_alter_column_drop_default'));
    if ('notNull' in diff)
      rest.push(
        at(
          oldNew(diff.notNull).__new ? 'alter_table_alter_column_set_notnull' : 'alter_table_alter_column_drop_notnull',
        ),
      );
    // drizzle-kit skips set-pk once any column of the table set autoincrement; keep that.
    if (pk && pk.__new && !rest.some((x) => x.type === 'alter_table_alter_column_set_autoincrement')) {
      setPk.push(at('alter_table_alter_column_set_pk'));
    }
  }
  return [...dropPk, ...setPk, ...rest];
}

function resolve<T extends { name: string }>(added: T[], deleted: T[], renames: { from: string; to: string }[]) {
  const renamed: { from: T; to: T }[] = [];
  for (const to of added) {
    const r = renames.find((x) => x.to === to.name);
    const from = r && deleted.find((d) => d.name === r.from && !renamed.some((x) => x.from === d));
    if (from) renamed.push({ from, to });
  }
  return {
    renamed,
    created: added.filter((a) => !renamed.some((r) => r.to === a)),
    deleted: deleted.filter((d) => !renamed.some((r) => r.from === d)),
  };
}

export interface DiffResult {
  statements: JsonStatement[];
  renamedTables: { from: string; to: string }[];
  renamedColumns: { table: string; from: string; to: string }[];
}

/**
 * The json statements from `prev` to `next`, before combining.
 * @example diffSnapshots(before, after, { tables: [{ from: 'a', to: 'b' }], columns: [] })
 */
export function diffSnapshots(prev: Snapshot, next: Snapshot, renames: Renames = NO_RENAMES): DiffResult {
  const before = squashTables(prev);
  const after = squashTables(next);

  const tablesDiff = objectDiff(before, after);
  const tableRes = resolve(
    entriesWith(tablesDiff, '__added').map(([, v]) => v as SquashedTable),
    entriesWith(tablesDiff, '__deleted').map(([, v]) => v as SquashedTable),
    renames.tables,
  );
  // Re-key the old tables under their new names, keeping their positions.
  const patched: Record<string, SquashedTable> = {};
  for (const t of Object.values(before)) {
    const r = tableRes.renamed.find((x) => x.from.name === t.name);
    const name = r ? r.to.name : t.name;
    patched[name] = { ...structuredClone(t), name };
  }

  const columnRenames: { table: string; from: string; to: string }[] = [];
  const columnCreates: { table: string; columns: SnapshotColumn[] }[] = [];
  const columnDeletes: { table: string; columns: SnapshotColumn[] }[] = [];
  for (const [tableName, tableDiff] of changedEntries(objectDiff(patched, after))) {
    const columnsDiff = (tableDiff as DiffValue).columns as DiffValue | undefined;
    const res = resolve(
      entriesWith(columnsDiff, '__added').map(([, v]) => v as SnapshotColumn),
      entriesWith(columnsDiff, '__deleted').map(([, v]) => v as SnapshotColumn),
      renames.columns.filter((c) => c.table === tableName),
    );
    if (res.created.length) columnCreates.push({ table: tableName, columns: res.created });
    if (res.deleted.length) columnDeletes.push({ table: tableName, columns: res.deleted });
    for (const r of res.renamed) columnRenames.push({ table: tableName, from: r.from.name, to: r.to.name });
  }
  for (const t of Object.values(patched)) {
    const rens = columnRenames.filter((r) => r.table === t.name);
    if (rens.length === 0) continue;
    t.columns = Object.fromEntries(
      Object.entries(t.columns).map(([key, col]) => {
        const name = rens.find((r) => r.from === key)?.to ?? key;
        return [name, { ...col, name }];
      }),
    );
  }

  const altered: Altered[] = [];
  for (const [key, d] of changedEntries(objectDiff(patched, after))) {
    const diff = d as DiffValue;
    const columns = changedEntries(diff.columns as DiffValue | undefined).map(([name, cd]) => ({
      name,
      diff: cd as DiffValue,
    }));
    const entry: Altered = {
      name: (patched[key] as SquashedTable).name,
      columns,
      indexes: diff.indexes as DiffValue | undefined,
      foreignKeys: diff.foreignKeys as DiffValue | undefined,
      compositePrimaryKeys: diff.compositePrimaryKeys as DiffValue | undefined,
      checkConstraints: diff.checkConstraints as DiffValue | undefined,
    };
    const onlyColumnsAddedOrDropped = columns.length === 0 && Object.keys(diff).every((k) => k === 'columns');
    if (!onlyColumnsAddedOrDropped) altered.push(entry);
  }

  const s = (x: JsonStatement) => x;
  const createTables = tableRes.created.map((t) => s({ type: 'sqlite_create_table', ...tablePayload(t) }));
  const createIndexesOfNewTables = tableRes.created.flatMap((t) =>
    Object.values(t.indexes).map((data) => s({ type: 'create_index', tableName: t.name, data })),
  );
  const dropTables = tableRes.deleted.map((t) => s({ type: 'drop_table', tableName: t.name }));
  const renameTables = tableRes.renamed.map((r) =>
    s({ type: 'rename_table', tableNameFrom: r.from.name, tableNameTo: r.to.name }),
  );
  const renameColumns = columnRenames.map((r) =>
    s({ type: 'alter_table_rename_column', tableName: r.table, oldColumnName: r.from, newColumnName: r.to }),
  );
  const dropColumns = columnDeletes.flatMap((c) =>
    c.columns.map((col) => s({ type: 'alter_table_drop_column', tableName: c.table, columnName: col.name })),
  );
  const addColumns = columnCreates.flatMap((c) => {
    const alt = altered.find((a) => a.name === c.table);
    const addedFks = [...entriesWith(alt?.foreignKeys, '__added').map(([, v]) => String(v))].map(unsquashForeignKey);
    return c.columns.map((column) => {
      const ref = addedFks.find((fk) => fk.columnsFrom.includes(column.name));
      const st: JsonStatement = { type: 'sqlite_alter_table_add_column', tableName: c.table, column };
      if (ref) st.referenceData = squashForeignKey(ref);
      return st;
    });
  });

  const droppedChecks: JsonStatement[] = [];
  const createdChecks: JsonStatement[] = [];
  const deletedPks: JsonStatement[] = [];
  const addedPks: JsonStatement[] = [];
  const alteredPks: JsonStatement[] = [];
  const dropIndexes: JsonStatement[] = [];
  const createIndexes: JsonStatement[] = [];
  const alteredDropIndexes: JsonStatement[] = [];
  const alteredCreateIndexes: JsonStatement[] = [];
  const references: JsonStatement[] = [];
  const alterations: JsonStatement[] = [];
  for (const a of altered) {
    const t = a.name;
    const addedPk = entriesWith(a.compositePrimaryKeys, '__added');
    const deletedPk = entriesWith(a.compositePrimaryKeys, '__deleted');
    const last = (xs: [string, unknown][]) => (xs.length ? String(xs[xs.length - 1]?.[1]).split(',') : []);
    if (JSON.stringify(last(addedPk)) !== JSON.stringify(last(deletedPk))) {
      addedPks.push(...addedPk.map(([, v]) => s({ type: 'create_composite_pk', tableName: t, data: String(v) })));
      deletedPks.push(...deletedPk.map(([, v]) => s({ type: 'delete_composite_pk', tableName: t, data: String(v) })));
    }
    alteredPks.push(
      ...changedEntries(a.compositePrimaryKeys).map(([, v]) =>
        s({ type: 'alter_composite_pk', tableName: t, data: String(oldNew(v).__new) }),
      ),
    );

    createdChecks.push(
      ...entriesWith(a.checkConstraints, '__added').map(([, v]) =>
        s({ type: 'create_check_constraint', tableName: t, data: String(v) }),
      ),
    );
    droppedChecks.push(
      ...entriesWith(a.checkConstraints, '__deleted').map(([, v]) =>
        s({ type: 'delete_check_constraint', tableName: t, data: String(v) }),
      ),
    );
    for (const [, v] of changedEntries(a.checkConstraints)) {
      createdChecks.push(s({ type: 'create_check_constraint', tableName: t, data: String(oldNew(v).__new) }));
      droppedChecks.push(s({ type: 'delete_check_constraint', tableName: t, data: String(oldNew(v).__old) }));
    }

    alterations.push(...alterColumns(t, a.columns, after));
    createIndexes.push(
      ...entriesWith(a.indexes, '__added').map(([, v]) => s({ type: 'create_index', tableName: t, data: String(v) })),
    );
    dropIndexes.push(
      ...entriesWith(a.indexes, '__deleted').map(([, v]) => s({ type: 'drop_index', tableName: t, data: String(v) })),
    );
    for (const [, v] of changedEntries(a.indexes)) {
      alteredCreateIndexes.push(s({ type: 'create_index', tableName: t, data: String(oldNew(v).__new) }));
      alteredDropIndexes.push(s({ type: 'drop_index', tableName: t, data: String(oldNew(v).__old) }));
    }
    references.push(
      ...entriesWith(a.foreignKeys, '__added').map(([, v]) =>
        s({ type: 'create_reference', tableName: t, data: String(v) }),
      ),
      ...entriesWith(a.foreignKeys, '__deleted').map(([, v]) =>
        s({ type: 'delete_reference', tableName: t, data: String(v) }),
      ),
      ...changedEntries(a.foreignKeys).flatMap(([, v]) => [
        s({ type: 'delete_reference', tableName: t, data: String(oldNew(v).__old) }),
        s({ type: 'create_reference', tableName: t, data: String(oldNew(v).__new) }),
      ]),
    );
  }

  const statements: JsonStatement[] = [
    ...createTables,
    ...dropTables,
    ...renameTables,
    ...renameColumns,
    ...references.filter((x) => x.type === 'delete_reference'),
    ...droppedChecks,
    ...dropIndexes,
    ...alteredDropIndexes,
    ...deletedPks,
    ...alterations,
    ...addedPks,
    ...addColumns,
    ...createIndexesOfNewTables,
    ...createIndexes,
    ...alteredCreateIndexes,
    ...createdChecks,
    ...references.filter((x) => x.type === 'create_reference'),
    ...dropColumns,
    ...alteredPks,
  ];
  return {
    statements,
    renamedTables: tableRes.renamed.map((r) => ({ from: r.from.name, to: r.to.name })),
    renamedColumns: columnRenames,
  };
}
