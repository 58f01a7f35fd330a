/**
 * drizzle-kit's statement combiner for SQLite (src/statementCombiner.ts): statements are grouped per table in
 * order of first appearance; a change SQLite cannot ALTER (or a new foreign key on an existing column) replaces
 * the table's statements with one rebuild — keeping only an earlier rename of that table — and later statements
 * for a rebuilt table are dropped. Finally table renames move to the front, then column renames.
 */
import { squashTable, tablePayload } from './differ';
import { unsquashForeignKey } from './squash';
import { type JsonStatement, REBUILD_TRIGGERS, type SquashedTable } from './statements';
import type { Snapshot } from '../snapshot-types';

/** The rebuild of a table to its new shape, followed by all its indexes (the DROP removed the old ones). */
export function rebuildStatements(table: SquashedTable): JsonStatement[] {
  return [
    { type: 'recreate_table', ...tablePayload(table) },
    ...Object.values(table.indexes).map((data): JsonStatement => ({
      type: 'create_index',
      tableName: table.name,
      data,
    })),
  ];
}

function tableOf(s: JsonStatement): string {
  return s.type === 'rename_table' ? s.tableNameTo : s.tableName;
}

export function combineStatements(statements: readonly JsonStatement[], next: Snapshot): JsonStatement[] {
  const buckets: Record<string, JsonStatement[]> = {};
  const order: string[] = [];
  const bucket = (name: string) => {
    if (!Object.hasOwn(buckets, name)) {
      buckets[name] = [];
      order.push(name);
    }
    return buckets[name] as JsonStatement[];
  };
  const rebuild = (name: string) => {
    const existing = Object.hasOwn(buckets, name) ? (buckets[name] as JsonStatement[]) : undefined;
    if (existing?.some((x) => x.type === 'recreate_table')) return;
    const target = next.tables[name];
    const prepared = target ? rebuildStatements(squashTable(target)) : [];
    if (existing?.some((x) => x.type === 'rename_table')) existing.push(...prepared);
    else {
      bucket(name);
      buckets[name] = prepared;
    }
  };

  for (const st of statements) {
    if (REBUILD_TRIGGERS.has(st.type) || (st.type === 'sqlite_alter_table_add_column' && st.column.primaryKey)) {
      rebuild(tableOf(st));
      continue;
    }
    if (st.type === 'create_reference') {
      const fk = unsquashForeignKey(st.data);
      const existing = Object.hasOwn(buckets, st.tableName) ? buckets[st.tableName] : undefined;
      const onNewColumn =
        existing !== undefined &&
        fk.columnsFrom.length === 1 &&
        existing.some((x) => x.type === 'sqlite_alter_table_add_column' && x.column.name === fk.columnsFrom[0]);
      // A foreign key on a column added in this migration is written into the ADD COLUMN itself.
      if (!onNewColumn) rebuild(st.tableName);
      continue;
    }
    const list = bucket(tableOf(st));
    if (!list.some((x) => x.type === 'recreate_table')) list.push(st);
  }
  const all = order.flatMap((name) => buckets[name] as JsonStatement[]);
  return [
    ...all.filter((x) => x.type === 'rename_table'),
    ...all.filter((x) => x.type === 'alter_table_rename_column'),
    ...all.filter((x) => x.type !== 'rename_table' && x.type !== 'alter_table_rename_column'),
  ];
}
