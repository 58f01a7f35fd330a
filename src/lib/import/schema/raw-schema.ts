/**
 * The schema as a database or a drizzle snapshot states it — names, declared types, defaults as SQL text,
 * indexes and foreign keys — before it becomes a design. The SQL importer (sql.js + PRAGMA) and the snapshot
 * importer both produce this; {@link designFromRaw} turns it into a design once, for both.
 */

/** Where something was declared in the input, for messages. `line` 0 = the whole file. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface RawColumn {
  name: string;
  /** The declared type as written (`text`, `VARCHAR(20)`, or a snapshot's `text CHECK(status IN ('a', 'b'))`). */
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  autoincrement: boolean;
  /** As drizzle-kit's snapshot stores it: SQL text (`'draft'`, `(strftime('%s','now'))`), or a number/boolean. */
  default?: string | number | boolean;
  /** The expression of a generated column. */
  generated?: { as: string; type: 'virtual' | 'stored' };
  /** Values of a `CHECK(<this column> IN ('a', 'b'))` on the column, when there is one. */
  enumValues?: string[];
  /** Column CHECK constraints other than the enum form (SQL text), which a design cannot hold. */
  otherChecks?: string[];
  /** An inline `UNIQUE` (SQL only; drizzle-kit writes unique indexes instead). */
  inlineUnique?: boolean;
  place: Place;
}

export interface RawIndex {
  name: string;
  /** Column names; an expression term is given as its SQL text with `expression` set. */
  columns: string[];
  unique: boolean;
  where?: string | null;
  expression?: boolean;
  /** A table-level `UNIQUE (a, b)` constraint rather than a named index. */
  constraint?: boolean;
  place: Place;
}

export interface RawForeignKey {
  columnsFrom: string[];
  tableTo: string;
  /** Empty when the target's key is implied (`REFERENCES t`). */
  columnsTo: string[];
  onDelete: string;
  onUpdate: string;
}

export interface RawTable {
  /** The full SQL name, e.g. `MoLOS-Tasks_tasks`. */
  name: string;
  columns: RawColumn[];
  indexes: RawIndex[];
  foreignKeys: RawForeignKey[];
  /** A primary key over more than one column. */
  compositePrimaryKey?: string[];
  /** Table CHECK constraints (SQL text). */
  checks: string[];
  place: Place;
}

export interface RawSchema {
  tables: RawTable[];
}
