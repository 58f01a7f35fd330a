/** Messages between the page and the import worker. */
import type { TablesTsInput } from '../import/tables-ts/context';
import type { ImportOptions, SourceFile } from '../import/types';

/** "Import…": files of any kind the studio reads. */
export interface ImportFilesRequest {
  type: 'import';
  files: SourceFile[];
  options: ImportOptions;
}

/** The code editor: its tables.ts text (with the models file beside it), read by the tables.ts importer alone. */
export interface ParseTablesRequest {
  type: 'tables-ts';
  input: TablesTsInput;
  options: ImportOptions;
}

export type ImportRequest = ImportFilesRequest | ParseTablesRequest;
