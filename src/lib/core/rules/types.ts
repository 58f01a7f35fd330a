import type { OperationCall } from '../operations';

export type Severity = 'error' | 'warning' | 'info';

/** What an issue is about; the UI selects it, the CLI names it. */
export type Target =
  | { kind: 'module' }
  | { kind: 'table'; id: string }
  | { kind: 'column'; id: string }
  | { kind: 'relation'; id: string }
  | { kind: 'enum'; id: string }
  | { kind: 'index'; id: string };

/** A fix is a list of operations applied together (one undo step in the UI). */
export interface Fix {
  label: string;
  calls: OperationCall[];
}

/** One rule finding. Messages are rendered from `code` + `params` (see messages.ts), never stored. */
export interface Issue {
  code: RuleCode;
  severity: Severity;
  target: Target;
  params: Record<string, string | number>;
  fix?: Fix;
}

export type RuleCode =
  | 'module-id-invalid'
  | 'module-no-tables'
  | 'sql-name-unsafe'
  | 'sql-reserved-word'
  | 'table-name-not-snake-case'
  | 'table-name-has-prefix'
  | 'table-name-duplicate'
  | 'table-no-columns'
  | 'export-name-invalid'
  | 'export-name-not-camel-case'
  | 'name-collision'
  | 'pk-missing'
  | 'pk-composite'
  | 'pk-not-text'
  | 'pk-no-uuid-default'
  | 'pk-not-id'
  | 'settings-table'
  | 'user-id-missing'
  | 'user-id-nullable'
  | 'user-id-not-text'
  | 'user-id-references'
  | 'timestamp-missing'
  | 'timestamp-form'
  | 'column-name-not-snake-case'
  | 'column-name-duplicate'
  | 'column-key-invalid'
  | 'column-key-not-camel-case'
  | 'column-key-duplicate'
  | 'mode-type-mismatch'
  | 'default-type-mismatch'
  | 'default-sql-empty'
  | 'default-sql-unparenthesized'
  | 'default-sql-double-quoted'
  | 'default-sql-invalid'
  | 'default-json-null'
  | 'sql-text-unsafe'
  | 'default-json-invalid'
  | 'default-json-quote'
  | 'default-json-scalar'
  | 'enum-column-not-text'
  | 'enum-column-name-unquotable'
  | 'enum-values-form'
  | 'default-fn-custom'
  | 'enum-default-not-member'
  | 'enum-name-invalid'
  | 'enum-name-not-pascal-case'
  | 'enum-empty'
  | 'enum-unused'
  | 'enum-member-key-invalid'
  | 'enum-member-key-duplicate'
  | 'enum-member-value-duplicate'
  | 'enum-member-value-quote'
  | 'fk-target-not-key'
  | 'fk-type-mismatch'
  | 'fk-set-null-not-null'
  | 'fk-set-default-no-default'
  | 'index-empty'
  | 'index-name-prefix'
  | 'index-name-duplicate'
  | 'column-add-not-null-no-default'
  | 'column-not-null-tightened';
