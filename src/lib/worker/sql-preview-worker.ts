/**
 * The Web Worker behind the SQL previews: the migration differ, the safety analyzer and SQLite (sql.js) run here,
 * off the main thread. SQLite's WebAssembly (≈ 650 KB) is fetched and compiled on the first request only.
 *
 * It answers whole-design requests (not migration files): the page would otherwise have to load the differ itself
 * to produce the files, and one round trip per edit keeps the previews consistent.
 */
import { loadSqlJs } from './sql-js';
import type { SchemaMemo } from '$lib/sql/schema-report';
import { sqlPreview } from './sql-preview';
import type { SqlPreviewRequest } from './sql-preview-protocol';
import { serveRequests } from './worker-client';

/** Tables SQLite already reported, so the database view after an edit reads back only the changed tables. */
const schemaMemo: SchemaMemo = new Map();

serveRequests(async (request: SqlPreviewRequest & { id: number }) =>
  sqlPreview(await loadSqlJs(), request.design, { safe: request.safe, schemaMemo, only: request.only }),
);
