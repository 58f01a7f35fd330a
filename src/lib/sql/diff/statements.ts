/**
 * The intermediate "json statements" of a migration, named as drizzle-kit names them. The differ emits them in
 * drizzle-kit's order, the combiner turns some into table rebuilds, and converters print SQL. Keeping them
 * structured is what lets the safety analysis and the MoLOS-safe variant reason about a migration.
 */
import type { SnapshotColumn, SnapshotForeignKey } from '../snapshot-types';

/** A table as the combiner and converters see it: squashed indexes and foreign keys, like drizzle-kit. */
export interface SquashedTable {
  name: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, string>;
  foreignKeys: Record<string, string>;
  compositePrimaryKeys: Record<string, string>;
  uniqueConstraints: Record<string, string>;
  checkConstraints: Record<string, string>;
}

export type JsonStatement =
  | {
      type: 'sqlite_create_table';
      tableName: string;
      columns: SnapshotColumn[];
      referenceData: SnapshotForeignKey[];
      compositePKs: string[][];
      checkConstraints: string[];
    }
  | { type: 'drop_table'; tableName: string }
  | { type: 'rename_table'; tableNameFrom: string; tableNameTo: string }
  | { type: 'alter_table_rename_column'; tableName: string; oldColumnName: string; newColumnName: string }
  | { type: 'alter_table_drop_column'; tableName: string; columnName: string }
  | { type: 'sqlite_alter_table_add_column'; tableName: string; column: SnapshotColumn; referenceData?: string }
  | { type: 'create_index'; tableName: string; data: string }
  | { type: 'drop_index'; tableName: string; data: string }
  | { type: 'create_reference'; tableName: string; data: string }
  | { type: 'delete_reference'; tableName: string; data: string }
  | { type: 'create_check_constraint' | 'delete_check_constraint'; tableName: string; data: string }
  | { type: 'create_composite_pk' | 'delete_composite_pk' | 'alter_composite_pk'; tableName: string; data: string }
  | {
      type:
        | 'alter_table_alter_column_set_type'
        | 'alter_table_alter_column_set_default'
        | 'alter_table_alter_column_drop_default'
        | 'alter_table_alter_column_set_notnull'
        | 'alter_table_alter_column_drop_notnull'
        | 'alter_table_alter_column_set_autoincrement'
        | 'alter_table_alter_column_drop_autoincrement'
        | 'alter_table_alter_column_set_pk'
        | 'alter_table_alter_column_drop_pk';
      tableName: string;
      columnName: string;
    }
  | {
      type: 'recreate_table';
      tableName: string;
      columns: SnapshotColumn[];
      referenceData: SnapshotForeignKey[];
      compositePKs: string[][];
      checkConstraints: string[];
    };

export type StatementType = JsonStatement['type'];

/** Column and constraint changes SQLite cannot ALTER: drizzle-kit rebuilds the table for each of them. */
export const REBUILD_TRIGGERS: ReadonlySet<StatementType> = new Set<StatementType>([
  'alter_table_alter_column_set_type',
  'alter_table_alter_column_set_default',
  'alter_table_alter_column_drop_default',
  'alter_table_alter_column_set_notnull',
  'alter_table_alter_column_drop_notnull',
  'alter_table_alter_column_drop_autoincrement',
  'alter_table_alter_column_set_autoincrement',
  'alter_table_alter_column_drop_pk',
  'alter_table_alter_column_set_pk',
  'delete_reference',
  'alter_composite_pk',
  'create_composite_pk',
  'delete_composite_pk',
  'create_check_constraint',
  'delete_check_constraint',
]);
