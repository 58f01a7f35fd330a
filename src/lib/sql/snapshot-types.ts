/** The parts of drizzle-kit's SQLite snapshot format (version "6") that the studio reads and writes. */

export interface SnapshotColumn {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  autoincrement: boolean;
  /** SQL text, or a raw number/boolean, exactly as drizzle-kit stores it. */
  default?: string | number | boolean;
  /** Generated columns (never produced by the studio; read from drizzle-kit snapshots). */
  generated?: { as: string; type: 'virtual' | 'stored' };
}

export interface SnapshotIndex {
  name: string;
  columns: string[];
  isUnique: boolean;
  where?: string;
}

export interface SnapshotForeignKey {
  name: string;
  tableFrom: string;
  tableTo: string;
  columnsFrom: string[];
  columnsTo: string[];
  onDelete: string;
  onUpdate: string;
}

export interface SnapshotTable {
  name: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, SnapshotIndex>;
  foreignKeys: Record<string, SnapshotForeignKey>;
  compositePrimaryKeys: Record<string, { columns: string[]; name: string }>;
  uniqueConstraints: Record<string, never>;
  checkConstraints: Record<string, { name: string; value: string }>;
}

export interface Snapshot {
  version: '6';
  dialect: 'sqlite';
  id: string;
  prevId: string;
  tables: Record<string, SnapshotTable>;
  views: Record<string, never>;
  enums: Record<string, never>;
  _meta: { schemas: Record<string, never>; tables: Record<string, string>; columns: Record<string, string> };
  internal: { indexes: Record<string, unknown> };
}

export interface JournalEntry {
  idx: number;
  version: '6';
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface Journal {
  version: '7';
  dialect: 'sqlite';
  entries: JournalEntry[];
}

/** The id drizzle-kit gives the empty schema before the first migration. */
export const EMPTY_SNAPSHOT_ID = '00000000-0000-0000-0000-000000000000';

/** The schema before the first migration. */
export const EMPTY_SNAPSHOT: Snapshot = {
  version: '6',
  dialect: 'sqlite',
  id: EMPTY_SNAPSHOT_ID,
  prevId: '',
  tables: {},
  views: {},
  enums: {},
  _meta: { schemas: {}, tables: {}, columns: {} },
  internal: { indexes: {} },
};
