/**
 * The shape of a schema report: what `readSchema` (schema-report.ts) reads from SQLite and what `compareSchemas`
 * (schema-compare.ts) compares. Kept apart so the reader and the comparison each import it, not each other.
 */
export interface ColumnReport {
  name: string;
  /** The declared type as SQLite reports it (upper case, e.g. `TEXT`; a textEnum's CHECK is not part of it). */
  type: string;
  notNull: boolean;
  /** The DEFAULT clause's text (`'draft'`, `(strftime('%s','now'))`), or `null`. */
  default: string | null;
  /** Position in the primary key (1-based), 0 when not part of it. */
  primaryKey: number;
  generated: 'virtual' | 'stored' | null;
}

export interface IndexReport {
  /** The index name; a UNIQUE constraint's automatic index is named `unique(<columns>)` instead of `sqlite_autoindex_*`. */
  name: string;
  unique: boolean;
  /** Column names in order; an expression appears as its SQL text. */
  columns: string[];
  partial: boolean;
  /** The WHERE clause of a partial index. */
  where: string | null;
}

export interface ForeignKeyReport {
  from: string[];
  table: string;
  /** Target columns; an implicit target (`REFERENCES t`) is resolved to the target's primary key. */
  to: string[];
  onUpdate: string;
  onDelete: string;
}

export interface TableReport {
  name: string;
  /** In table order. */
  columns: ColumnReport[];
  /** Sorted by name. */
  indexes: IndexReport[];
  /** Sorted by their text. */
  foreignKeys: ForeignKeyReport[];
}

export interface SchemaReport {
  /** Sorted by name; `sqlite_*` and {@link IGNORED_TABLES} left out. */
  tables: TableReport[];
}
