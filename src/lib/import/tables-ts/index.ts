/** The tables.ts importer: an existing module's drizzle schema (and models file) read into a design. */
export { importTablesTs, type TablesTsInput } from './importer';
