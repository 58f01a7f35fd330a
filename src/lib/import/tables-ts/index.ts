/** The tables.ts importer: an existing module's drizzle schema (and models file) read into a design. */
export { importTablesTs, sortMessages, type TablesTsInput } from './importer';
// The code editor's incremental read (src/lib/state/code-incremental.ts) splices tables in as a full read would.
export { importedTablePosition } from './declarations';
