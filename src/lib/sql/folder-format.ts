/**
 * Validation of what a module's `drizzle/` folder holds — the journal and the snapshots, whether the studio or
 * drizzle-kit wrote them. They are untrusted input: a bad file gets an error naming the file and the JSON path.
 */
import * as v from 'valibot';
import type { Journal, Snapshot } from './snapshot-types';

const names = v.record(v.string(), v.string());

const column = v.object({
  name: v.string(),
  type: v.string(),
  primaryKey: v.boolean(),
  notNull: v.boolean(),
  autoincrement: v.optional(v.boolean(), false),
  default: v.optional(v.union([v.string(), v.number(), v.boolean()])),
  generated: v.optional(v.object({ as: v.string(), type: v.picklist(['virtual', 'stored']) })),
});

const table = v.object({
  name: v.string(),
  columns: v.record(v.string(), column),
  indexes: v.optional(
    v.record(
      v.string(),
      v.object({
        name: v.string(),
        columns: v.array(v.string()),
        isUnique: v.boolean(),
        where: v.optional(v.string()),
      }),
    ),
    {},
  ),
  foreignKeys: v.optional(
    v.record(
      v.string(),
      v.object({
        name: v.string(),
        tableFrom: v.string(),
        tableTo: v.string(),
        columnsFrom: v.array(v.string()),
        columnsTo: v.array(v.string()),
        onDelete: v.optional(v.string(), 'no action'),
        onUpdate: v.optional(v.string(), 'no action'),
      }),
    ),
    {},
  ),
  compositePrimaryKeys: v.optional(
    v.record(v.string(), v.object({ columns: v.array(v.string()), name: v.string() })),
    {},
  ),
  uniqueConstraints: v.optional(v.record(v.string(), v.never()), {}),
  checkConstraints: v.optional(v.record(v.string(), v.object({ name: v.string(), value: v.string() })), {}),
});

const snapshotSchema = v.object({
  version: v.literal('6'),
  dialect: v.literal('sqlite'),
  id: v.string(),
  prevId: v.string(),
  tables: v.record(v.string(), table),
  views: v.optional(v.record(v.string(), v.never()), {}),
  enums: v.optional(v.record(v.string(), v.never()), {}),
  _meta: v.optional(
    v.object({ schemas: v.optional(v.record(v.string(), v.never()), {}), tables: names, columns: names }),
    {
      schemas: {},
      tables: {},
      columns: {},
    },
  ),
  internal: v.optional(v.object({ indexes: v.optional(v.record(v.string(), v.unknown()), {}) }), { indexes: {} }),
});

const journalSchema = v.object({
  version: v.string(),
  dialect: v.literal('sqlite'),
  entries: v.array(
    v.object({
      idx: v.pipe(v.number(), v.integer()),
      version: v.string(),
      when: v.number(),
      tag: v.string(),
      breakpoints: v.boolean(),
    }),
  ),
});

/** A problem in a migration folder file. */
export class MigrationFolderError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'MigrationFolderError';
  }
}

function parse<T>(schema: v.GenericSchema, file: string, text: string): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new MigrationFolderError(file, `not valid JSON (${(e as Error).message})`);
  }
  const r = v.safeParse(schema, data);
  if (!r.success) {
    const issue = r.issues[0];
    const path =
      issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('') ?? '';
    const what =
      issue.received === 'undefined'
        ? 'missing (this field is required)'
        : `expected ${issue.expected ?? 'a valid value'}, got ${issue.received}`;
    throw new MigrationFolderError(file, `$${path}: ${what}`);
  }
  return r.output as T;
}

/** Parses a drizzle-kit SQLite snapshot file. */
export function parseSnapshot(file: string, text: string): Snapshot {
  return parse<Snapshot>(snapshotSchema, file, text);
}

/** Parses `meta/_journal.json`. */
export function parseJournal(file: string, text: string): Journal {
  return parse<Journal>(journalSchema, file, text);
}

/**
 * What a file of `drizzle/meta` is. drizzle-kit (0.31, `prepareOutFolder`) lists every entry of meta/ whose name
 * does not start with `_` and reads each one as a snapshot: the last by name is the previous snapshot, and one
 * that does not validate stops `drizzle-kit generate` ("… data is malformed"). The host never reads meta/.
 *
 * - `journal`: `_journal.json`;
 * - `skipped`: any other name starting with `_` (drizzle-kit skips it too);
 * - `snapshot`: a file named as drizzle-kit names snapshots (`<prefix>_snapshot.json`), or JSON that carries a
 *   snapshot's `id`/`prevId` and `tables` — a damaged one throws, as it stops drizzle-kit and is no one's stray;
 * - `not-snapshot`: anything else (`0001.json` with other data, a README, an editor's backup). The studio leaves
 *   it out; `reason` says why it is not a snapshot.
 */
export type MetaFile =
  | { kind: 'journal' }
  | { kind: 'skipped' }
  | { kind: 'snapshot'; snapshot: Snapshot }
  | { kind: 'not-snapshot'; reason: string };

/** drizzle-kit's snapshot file name: `${prefix}_snapshot.json`, the prefix being the migration's number or time. */
export const SNAPSHOT_FILE = /^[^_/]+_snapshot\.json$/;

/**
 * Tells what a `drizzle/meta` file is (see {@link MetaFile}); `text` may be null for a name that does not end in `.json` (it is not read).
 * Throws a `MigrationFolderError` for a damaged snapshot or journal.
 * @example metaFile('drizzle/meta/0001.json', '{"dialect":"sqlite","entries":[]}') // { kind: 'not-snapshot', reason: '…' }
 */
export function metaFile(path: string, text: string | null): MetaFile {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '_journal.json') return { kind: 'journal' };
  if (name.startsWith('_')) return { kind: 'skipped' };
  if (SNAPSHOT_FILE.test(name)) return { kind: 'snapshot', snapshot: parseSnapshot(path, text ?? '') };
  if (!name.endsWith('.json')) return { kind: 'not-snapshot', reason: 'it is not a JSON file' };
  let data: unknown;
  try {
    data = JSON.parse(text ?? '');
  } catch {
    return { kind: 'not-snapshot', reason: 'it is not valid JSON' };
  }
  const looksLikeSnapshot =
    data !== null && typeof data === 'object' && 'tables' in data && ('id' in data || 'prevId' in data);
  if (looksLikeSnapshot) return { kind: 'snapshot', snapshot: parseSnapshot(path, text ?? '') };
  return { kind: 'not-snapshot', reason: 'it has no snapshot "id" and "tables", so it is not a drizzle-kit snapshot' };
}
