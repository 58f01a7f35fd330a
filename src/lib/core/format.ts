/**
 * The saved design file: `{ format, formatVersion, design }`, validated with valibot at every entry point
 * (files, saved state, CLI). A bad file yields errors naming the JSON path and what was expected; references to
 * missing elements are repaired (dropped) with a warning so a damaged file still opens.
 */
import * as v from 'valibot';
import {
  BASELINE_FILE_PATH,
  COLUMN_MODES,
  COLUMN_TYPES,
  DIAGRAM_COLORS,
  type Design,
  FK_ACTIONS,
  LAYOUTS,
  TARGET_HOSTS,
} from './design';

export const FORMAT_NAME = 'molos-schema-studio/design';
export const FORMAT_VERSION = 3;

/**
 * Upgrades from older file versions, applied in order to the raw `design` value before validation. Each entry
 * turns version N into N + 1; there is a test per entry.
 */
export const FILE_MIGRATIONS: Record<number, (design: Record<string, unknown>) => Record<string, unknown>> = {
  /** Version 2 added the migration baseline; a version 1 design has never been exported with one. */
  1: (design) => ({ ...design, baseline: null }),
  /**
   * Version 3 added table colours, sticky notes, named areas and the module's target host. A version 2 design has
   * none of them and targeted both hosts (the studio showed the older host's warnings always). The version number
   * changed so that an older studio refuses a version 3 file instead of silently dropping its notes and areas.
   */
  2: (design) => ({
    ...design,
    module:
      typeof design.module === 'object' && design.module !== null ? { ...design.module, host: 'older' } : design.module,
    notes: {},
    areas: {},
  }),
};

const name = v.string();

/** An object keyed by element id (an array is refused: ids are keys, never positions). */
function idMap<T extends v.GenericSchema>(item: T) {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
      'expected an object keyed by id',
    ),
    v.record(v.string(), item),
  );
}
const position = v.object({ x: v.pipe(v.number(), v.finite()), y: v.pipe(v.number(), v.finite()) });
const fkAction = v.nullable(v.picklist(FK_ACTIONS));
const color = v.optional(v.picklist(DIAGRAM_COLORS));
/** A card's size: positive and bounded, so a hostile file cannot ask the canvas for a billion-pixel note. */
const dimension = v.pipe(v.number(), v.finite(), v.minValue(16), v.maxValue(100_000));
const size = v.object({ width: dimension, height: dimension });

const columnDefault = v.nullable(
  v.variant('kind', [
    v.object({ kind: v.literal('literal'), value: v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean()]) }),
    v.object({ kind: v.literal('json'), json: v.string() }),
    v.object({ kind: v.literal('sql'), sql: v.string() }),
    v.object({ kind: v.literal('uuid') }),
    v.object({ kind: v.literal('fn'), code: v.string() }),
  ]),
);

/**
 * The schema of the `design` field. Its output type must equal {@link Design}: `format-schema.test.ts` checks that
 * at compile time, so a field added to one and not the other fails `npm run check`.
 * @example v.parse(designSchema, JSON.parse(text).design)
 */
export const designSchema = v.object({
  module: v.object({
    id: name,
    name: v.optional(v.string(), ''),
    description: v.optional(v.string(), ''),
    layout: v.optional(v.picklist(LAYOUTS), 'legacy'),
    host: v.optional(v.picklist(TARGET_HOSTS)),
  }),
  tables: idMap(
    v.object({
      id: v.string(),
      name,
      exportName: name,
      comment: v.optional(v.string(), ''),
      position: v.optional(position, { x: 0, y: 0 }),
      aliases: v.optional(v.array(v.string())),
      columnIds: v.array(v.string()),
      indexIds: v.optional(v.array(v.string()), []),
      keptChecks: v.optional(v.array(v.string())),
      color,
    }),
  ),
  columns: idMap(
    v.object({
      id: v.string(),
      tableId: v.string(),
      name,
      key: name,
      type: v.picklist(COLUMN_TYPES),
      mode: v.optional(v.nullable(v.picklist(COLUMN_MODES)), null),
      enumId: v.optional(v.nullable(v.string()), null),
      notNull: v.optional(v.boolean(), false),
      primaryKey: v.optional(v.boolean(), false),
      unique: v.optional(v.boolean(), false),
      default: v.optional(columnDefault, null),
      comment: v.optional(v.string(), ''),
      tsType: v.optional(v.string()),
      tsTypeImports: v.optional(
        v.array(
          v.object({
            name: v.custom<string>(
              (x) => typeof x === 'string' && /^[A-Za-z_$][\w$]*$/.test(x),
              'expected a TypeScript identifier',
            ),
            from: v.custom<string>(
              (x) => typeof x === 'string' && x !== '' && !/[\r\n\u2028\u2029]/.test(x),
              'expected a module specifier on one line',
            ),
          }),
        ),
      ),
      enumForm: v.optional(v.picklist(['textEnum', 'values'])),
    }),
  ),
  relations: v.optional(
    idMap(
      v.object({
        id: v.string(),
        fromColumnId: v.string(),
        toColumnId: v.string(),
        onDelete: v.optional(fkAction, null),
        onUpdate: v.optional(fkAction, null),
        logical: v.optional(v.boolean(), false),
      }),
    ),
    {},
  ),
  enums: v.optional(
    idMap(
      v.object({
        id: v.string(),
        name,
        comment: v.optional(v.string(), ''),
        members: v.array(v.object({ id: v.string(), key: v.string(), value: v.string() })),
      }),
    ),
    {},
  ),
  indexes: v.optional(
    idMap(
      v.object({
        id: v.string(),
        tableId: v.string(),
        name,
        columnIds: v.array(v.string()),
        unique: v.optional(v.boolean(), false),
      }),
    ),
    {},
  ),
  baseline: v.nullable(
    v.object({
      snapshotId: v.string(),
      tables: idMap(v.string()),
      columns: idMap(v.string()),
      snapshot: v.optional(v.unknown()),
      files: v.optional(
        v.array(
          v.object({
            path: v.pipe(
              v.string(),
              v.regex(BASELINE_FILE_PATH, 'expected a file directly in drizzle/ or drizzle/meta/'),
              v.check((p) => !p.includes('..'), 'expected a file directly in drizzle/ or drizzle/meta/'),
            ),
            text: v.string(),
          }),
        ),
      ),
    }),
  ),
  notes: v.optional(idMap(v.object({ id: v.string(), text: v.optional(v.string(), ''), position, size, color }))),
  areas: v.optional(idMap(v.object({ id: v.string(), name: v.optional(v.string(), ''), position, size, color }))),
});

const fileSchema = v.object({
  format: v.literal(FORMAT_NAME),
  formatVersion: v.number(),
  design: v.unknown(),
});

/** One problem found while reading a design file. `path` is a JSON path such as `$.design.tables.t_1.name`. */
export interface FormatProblem {
  path: string;
  message: string;
}

export type LoadResult =
  { ok: true; design: Design; warnings: FormatProblem[] } | { ok: false; errors: FormatProblem[] };

function pathOf(prefix: string, issue: v.BaseIssue<unknown>): string {
  const keys = issue.path?.map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)) ?? [];
  return prefix + keys.join('');
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'missing (this field is required)';
  if (issue.type === 'custom')
    return `${issue.message}, got ${issue.received === 'Array' ? 'an array' : issue.received}`;
  return `expected ${issue.expected ?? 'a valid value'}, got ${issue.received}`;
}

/**
 * Reads a design file's text (or already parsed JSON): checks the envelope, the version and every field, then
 * repairs dangling references.
 * @example const r = loadDesign(text); if (r.ok) use(r.design); else show(r.errors);
 */
export function loadDesign(input: string | unknown): LoadResult {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [{ path: '$', message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const envelope = v.safeParse(fileSchema, data);
  if (!envelope.success) {
    return {
      ok: false,
      errors: envelope.issues.map((i) => ({
        path: pathOf('$', i),
        message:
          i.path?.[0]?.key === 'format'
            ? `expected "${FORMAT_NAME}" (this is not a MoLOS Schema Studio design file), got ${i.received}`
            : describe(i),
      })),
    };
  }
  const version = envelope.output.formatVersion;
  if (version > FORMAT_VERSION || version < 1 || !Number.isInteger(version)) {
    return {
      ok: false,
      errors: [
        {
          path: '$.formatVersion',
          message: `version ${version} is not supported: this studio reads versions 1 to ${FORMAT_VERSION}`,
        },
      ],
    };
  }
  let raw = envelope.output.design;
  for (let from = version; from < FORMAT_VERSION; from++) {
    const upgrade = FILE_MIGRATIONS[from];
    if (upgrade && typeof raw === 'object' && raw !== null && !Array.isArray(raw))
      raw = upgrade(raw as Record<string, unknown>);
  }
  const parsed = v.safeParse(designSchema, raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.map((i) => ({ path: pathOf('$.design', i), message: describe(i) })) };
  }
  return repairDesign(parsed.output as Design);
}

/** Wraps a design in the versioned envelope as pretty-printed JSON (ends with a newline). */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify({ format: FORMAT_NAME, formatVersion: FORMAT_VERSION, design }, null, 2)}\n`;
}

/**
 * Checks the references inside a structurally valid design. Keys that disagree with ids are errors; references
 * to missing tables, columns or enums are dropped, each with a warning.
 */
export function repairDesign(input: Design): LoadResult {
  const errors: FormatProblem[] = [];
  const warnings: FormatProblem[] = [];
  for (const kind of ['tables', 'columns', 'relations', 'enums', 'indexes'] as const) {
    for (const [key, value] of Object.entries(input[kind])) {
      if (value.id !== key)
        errors.push({
          path: `$.design.${kind}.${key}.id`,
          message: `expected "${key}" (the key it is stored under), got "${value.id}"`,
        });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const d: Design = structuredClone(input);
  // Own keys only: a reference such as `"tableId": "constructor"` must not find `Object.prototype.constructor`.
  const get = <T>(map: Record<string, T>, id: string): T | undefined => (Object.hasOwn(map, id) ? map[id] : undefined);
  const drop = (path: string, what: string) => warnings.push({ path, message: `${what}; it was removed` });

  for (const [id, c] of Object.entries(d.columns)) {
    const t = get(d.tables, c.tableId);
    if (!t || !t.columnIds.includes(id)) {
      drop(`$.design.columns.${id}`, `column "${c.name}" belongs to no table`);
      delete d.columns[id];
    } else if (c.enumId !== null && !get(d.enums, c.enumId)) {
      drop(`$.design.columns.${id}.enumId`, `column "${c.name}" uses enum "${c.enumId}", which does not exist`);
      c.enumId = null;
    }
  }
  for (const t of Object.values(d.tables)) {
    const seen = new Set<string>();
    t.columnIds = t.columnIds.filter((cid, i) => {
      const ok = get(d.columns, cid)?.tableId === t.id && !seen.has(cid);
      if (!ok)
        drop(`$.design.tables.${t.id}.columnIds[${i}]`, `table "${t.name}" lists column "${cid}", which is missing`);
      seen.add(cid);
      return ok;
    });
    t.indexIds = t.indexIds.filter((iid, i) => {
      const ok = get(d.indexes, iid)?.tableId === t.id;
      if (!ok)
        drop(`$.design.tables.${t.id}.indexIds[${i}]`, `table "${t.name}" lists index "${iid}", which is missing`);
      return ok;
    });
  }
  for (const [id, ix] of Object.entries(d.indexes)) {
    const t = get(d.tables, ix.tableId);
    if (!t || !t.indexIds.includes(id)) {
      drop(`$.design.indexes.${id}`, `index "${ix.name}" belongs to no table`);
      delete d.indexes[id];
      continue;
    }
    ix.columnIds = ix.columnIds.filter((cid, i) => {
      const ok = get(d.columns, cid)?.tableId === ix.tableId;
      if (!ok)
        drop(
          `$.design.indexes.${id}.columnIds[${i}]`,
          `index "${ix.name}" lists column "${cid}", which is not in its table`,
        );
      return ok;
    });
  }
  const fromSeen = new Set<string>();
  for (const [id, r] of Object.entries(d.relations)) {
    if (!get(d.columns, r.fromColumnId) || !get(d.columns, r.toColumnId)) {
      drop(`$.design.relations.${id}`, `relation "${id}" points at a missing column`);
      delete d.relations[id];
    } else if (fromSeen.has(r.fromColumnId)) {
      drop(`$.design.relations.${id}`, `relation "${id}" starts at a column that already has a relation`);
      delete d.relations[id];
    } else {
      fromSeen.add(r.fromColumnId);
    }
  }
  return { ok: true, design: d, warnings };
}
