/** Messages between the page and the import worker. */
import type { ImportOptions, SourceFile } from '../import/types';

export interface ImportRequest {
  type: 'import';
  files: SourceFile[];
  options: ImportOptions;
}
