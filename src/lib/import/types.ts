/**
 * What every importer returns. Importers only ever parse: imported code and SQL are read, never run as code
 * (SQL scripts are run on an in-memory sql.js database, which is how their schema is read back).
 */
import type { Design, FkAction, Layout } from '../core/design';

/** One file handed to an importer. `path` is relative to the module root when a folder is imported. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * One thing an importer has to say, pointing at the place in the input:
 * - `error`: the input cannot be imported (the outcome is then not ok);
 * - `warning`: something the design cannot represent; `kept` says what was kept instead (never silently dropped);
 * - `info`: a change that does not alter the SQL (e.g. an index written in the deprecated object form).
 */
export interface ImportMessage {
  severity: 'error' | 'warning' | 'info';
  /** A stable code, e.g. `composite-primary-key`, for tests and filtering. */
  code: string;
  file: string;
  /** 1-based line and column of the construct in `file` (0 when the message is about the whole file). */
  line: number;
  column: number;
  message: string;
  /** What was kept instead, when something could not be represented exactly. */
  kept?: string;
}

/**
 * A relation a module keeps only in a comment ("Foreign key to tasks"): offered to the user, who can accept it
 * as a logical relation (drawn, not emitted as `.references()`).
 */
export interface SuggestedRelation {
  fromColumnId: string;
  toColumnId: string;
  onDelete: FkAction | null;
  /** Why it was suggested, e.g. the comment text, with its place. */
  reason: string;
  file: string;
  line: number;
}

export type ImportOutcome =
  | { ok: true; design: Design; messages: ImportMessage[]; suggestions: SuggestedRelation[] }
  | { ok: false; messages: ImportMessage[] };

export interface ImportOptions {
  /** Overrides the module id found in `manifest.yaml` or inferred from the table prefix. */
  moduleId?: string;
  /** Overrides the layout found from the file paths. */
  layout?: Layout;
}

/** `file:line:column severity message` — how the CLI and the page print a message. */
export function formatImportMessage(m: ImportMessage): string {
  const place = m.line > 0 ? `${m.file}:${m.line}:${m.column}` : m.file;
  const kept = m.kept ? ` (kept: ${m.kept})` : '';
  return `${place} ${m.severity}: ${m.message}${kept}`;
}
