/**
 * The state of one tables.ts import, shared by the parts of the importer (symbols, enums, tables, columns, table
 * extras, relations). Each part is a set of functions that take this context; nothing else holds state, and a
 * fresh context is made per import.
 */
import type { CallExpression, Node, SourceFile as TsFile, VariableDeclaration, VariableStatement } from 'ts-morph';
import {
  type Column,
  type ColumnDefault,
  type ColumnMode,
  type ColumnType,
  type Design,
  type EnumDef,
  type FkAction,
  type Index,
  type Table,
  emptyDesign,
} from '../../core/design';
import { uniqueName } from '../../core/naming';
import type { ImportMessage, ImportOptions, SourceFile } from '../types';

export interface TablesTsInput {
  tables: SourceFile;
  models?: SourceFile;
  /** Other files of the module (schema files, files the models file re-exports), with paths from the module root. */
  others?: SourceFile[];
}

/** A top-level `const` of an input file. */
export interface ConstInfo {
  decl: VariableDeclaration;
  statement: VariableStatement;
  init: Node | undefined;
}

/** One name an input file imports. */
export interface ImportInfo {
  module: string;
  /** The imported name, or `*` for a namespace import. */
  name: string;
}

/**
 * What a file exports, by exported name: a declaration of its own (`local`), or a name re-exported from another
 * module (`export { A } from './a'`; `name` is `*` for `export * as ns from`). `stars` are the `export * from`
 * specifiers, in order.
 */
export interface FileExports {
  named: Map<string, { local: string } | { from: string; name: string }>;
  stars: string[];
}

/** A `sqliteTable(...)` declaration, with what was read of it so far. */
export interface TableInfo {
  table: Table;
  sf: TsFile;
  call: CallExpression;
  decl: VariableDeclaration;
  fullName: string;
  columns: Map<string, Column>;
  /** Column-level `.unique("name")` and table-level `unique().on()`, placed around the indexes as drizzle-kit orders them. */
  namedUniques: Index[];
  uniqueConstraints: Index[];
}

/** A `.references()` (or `foreignKey()`) waiting for every table to be read. */
export interface PendingRelation {
  table: TableInfo;
  column: Column;
  /** `other.id` (or `other["id"]`). */
  target: Node;
  onDelete: FkAction | null;
  onUpdate: FkAction | null;
  node: Node;
}

/** The note the generator writes on a logical relation's column, waiting for every table to be read. */
export interface LogicalNote {
  table: TableInfo;
  column: Column;
  target: string;
  targetColumn: string;
  onDelete: FkAction | null;
  onUpdate: FkAction | null;
  line: string;
}

/** What a column-builder expression says, before it is attached to a table. */
export interface ColumnParts {
  type: ColumnType;
  name: string | undefined;
  mode: ColumnMode | null;
  enumId: string | null;
  enumForm: 'values' | undefined;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  uniqueName: string | undefined;
  default: ColumnDefault | null;
  tsType: string | undefined;
  /** The imports the `.$type<…>()` type needs, with specifiers as tables.ts would write them. */
  tsTypeImports: { name: string; from: string }[];
  references: { target: Node; onDelete: FkAction | null; onUpdate: FkAction | null; node: Node } | undefined;
}

/** Nesting limit when following consts, spreads and re-exports (guards against cycles and deep chains). */
export const MAX_DEPTH = 8;

export class ImportContext {
  readonly messages: ImportMessage[] = [];
  readonly design: Design;
  /** Every parsed file, tables.ts first, then the models file, then the others in the order given. */
  readonly files: TsFile[] = [];
  readonly paths = new Map<TsFile, string>();
  readonly byPath = new Map<string, TsFile>();
  readonly consts = new Map<TsFile, Map<string, ConstInfo>>();
  readonly imports = new Map<TsFile, Map<string, ImportInfo>>();
  /** Local name → the names it is exported as (`export const a`, `export { a as b }`). */
  readonly exportedNames = new Map<TsFile, Map<string, string[]>>();
  readonly exportsOf = new Map<TsFile, FileExports>();
  /** The models file and the files it re-exports (`export * from './types'`): where the module's enums live. */
  readonly modelsFiles = new Set<TsFile>();
  readonly enumsByName = new Map<string, EnumDef>();
  readonly enumsByDecl = new Map<Node, EnumDef>();
  readonly usedConsts = new Set<VariableDeclaration>();
  readonly tables: TableInfo[] = [];
  readonly tablesByBinding = new Map<string, TableInfo>();
  readonly pending: PendingRelation[] = [];
  readonly logicalNotes: LogicalNote[] = [];
  readonly columnNodes = new Map<string, Node>();
  private readonly taken = new Set<string>();
  /**
   * The declaration being read, so that a failure nobody foresaw still names its line (set by the loops over
   * statements and tables).
   */
  at: Node | undefined;
  /** Set when the files are loaded. */
  tablesFile!: TsFile;
  modelsFile: TsFile | undefined;

  constructor(readonly opts: ImportOptions) {
    this.design = emptyDesign({ id: opts.moduleId ?? 'MoLOS-MyModule', layout: opts.layout ?? 'legacy' });
  }

  /** The file, line and column of a node, for a message. */
  place(node: Node): { file: string; line: number; column: number } {
    const sf = node.getSourceFile();
    const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
    return { file: this.paths.get(sf) ?? sf.getBaseName(), line, column };
  }

  report(severity: ImportMessage['severity'], code: string, node: Node, message: string, kept?: string): void {
    this.messages.push({ severity, code, ...this.place(node), message, ...(kept ? { kept } : {}) });
  }

  /** A design id from `base`, unique within this import. */
  newId(base: string): string {
    const id = uniqueName(base, (x) => this.taken.has(x));
    this.taken.add(id);
    return id;
  }

  pathOf(sf: TsFile): string {
    return this.paths.get(sf) ?? '';
  }
}
