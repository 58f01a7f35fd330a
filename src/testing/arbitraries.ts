/**
 * Test support: fast-check arbitraries for random designs. A random *valid* design is a plan of MoLOS-style
 * names and column kinds, built through the real operations, so it exercises the same write path as the UI.
 */
import fc from 'fast-check';
import { type ColumnDefault, type Design, type FkAction, emptyDesign } from '../lib/core/design';
import { addColumn, addEnum, addIndex, addTable, connectTables, updateColumn } from '../lib/core/operations';
import { isSqlKeyword, toCamelCase } from '../lib/core/naming';

const RESERVED_COLUMNS = new Set(['id', 'user_id', 'created_at', 'updated_at']);

export const snakeName = fc
  .stringMatching(/^[a-z][a-z0-9]{0,7}(_[a-z0-9]{1,5}){0,2}$/)
  .filter((n) => !isSqlKeyword(n) && !RESERVED_COLUMNS.has(n) && !/_id$/.test(n) && !/^molos/.test(n));

const moduleId = fc.stringMatching(/^MoLOS-[A-Z][a-z]{1,8}(-[A-Z][a-z]{1,5})?$/);

const enumSpec = fc.record({
  name: fc.stringMatching(/^[A-Z][a-z]{2,8}([A-Z][a-z]{1,6})?$/),
  values: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 5 }),
});

type Kind = 'text' | 'int' | 'real' | 'numeric' | 'blob' | 'bool' | 'ts' | 'json' | 'enum';

const columnSpec = fc.record({
  name: snakeName,
  kind: fc.constantFrom<Kind>('text', 'int', 'real', 'numeric', 'blob', 'bool', 'ts', 'json', 'enum'),
  notNull: fc.boolean(),
  unique: fc.boolean(),
  withDefault: fc.boolean(),
  text: fc.string({ maxLength: 12 }),
  int: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  real: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((n) => !Object.is(n, -0)),
  bool: fc.boolean(),
  // JSON defaults MoLOS can use: objects, arrays and numbers (strings and booleans do not read back, and null is
  // two values: drizzle-kit writes the text 'null', drizzle-orm inserts SQL NULL).
  json: fc
    .jsonValue({ maxDepth: 2 })
    .filter((v) => v !== null && typeof v !== 'string' && typeof v !== 'boolean' && !JSON.stringify(v).includes("'")),
  pick: fc.nat(),
  comment: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type ColumnSpec = ValueOf<typeof columnSpec>;

const tableSpec = fc.record({
  name: snakeName,
  comment: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  columns: fc.uniqueArray(columnSpec, { maxLength: 6, selector: (c) => toCamelCase(c.name) }),
  index: fc.option(
    fc.record({ picks: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }), unique: fc.boolean() }),
    {
      nil: undefined,
    },
  ),
});

const relationSpec = fc.record({
  from: fc.nat(),
  to: fc.nat(),
  onDelete: fc.constantFrom<FkAction | null>(null, 'cascade', 'set null', 'restrict', 'no action'),
  notNull: fc.boolean(),
  logical: fc.boolean(),
});

export const designPlan = fc.record({
  moduleId,
  layout: fc.constantFrom('legacy' as const, 'current' as const),
  enums: fc.uniqueArray(enumSpec, { maxLength: 3, selector: (e) => e.name }),
  tables: fc.uniqueArray(tableSpec, { minLength: 1, maxLength: 5, selector: (t) => toCamelCase(t.name) }),
  relations: fc.array(relationSpec, { maxLength: 4 }),
});

function columnArgs(spec: ColumnSpec, enumIds: string[]) {
  const d = spec.withDefault;
  const lit = (value: string | number | boolean): ColumnDefault => ({ kind: 'literal', value });
  switch (spec.kind) {
    case 'text':
      return { type: 'text' as const, default: d ? lit(spec.text) : null };
    case 'int':
      return { type: 'integer' as const, default: d ? lit(spec.int) : null };
    case 'real':
      return { type: 'real' as const, default: d ? lit(spec.real) : null };
    case 'numeric':
      return { type: 'numeric' as const, default: d ? lit(spec.real.toFixed(2)) : null };
    case 'blob':
      return { type: 'blob' as const, default: null };
    case 'bool':
      return { type: 'integer' as const, mode: 'boolean' as const, default: d ? lit(spec.bool) : null };
    case 'ts':
      return {
        type: 'integer' as const,
        mode: spec.pick % 2 ? ('timestamp' as const) : ('timestamp_ms' as const),
        default: d ? ({ kind: 'sql', sql: '(unixepoch())' } as const) : null,
      };
    case 'json':
      return {
        type: 'text' as const,
        mode: 'json' as const,
        default: d ? ({ kind: 'json', json: JSON.stringify(spec.json) } as const) : null,
      };
    case 'enum':
      return enumIds.length
        ? { enumId: enumIds[spec.pick % enumIds.length] as string }
        : { type: 'text' as const, default: null };
  }
}

/** Builds a design from a plan through the real operations (ids are deterministic: derived from positions). */
export type DesignPlan = ValueOf<typeof designPlan>;

export function buildDesign(plan: DesignPlan): Design {
  let d = emptyDesign({ id: plan.moduleId, layout: plan.layout, name: '', description: '' });
  const enumIds = plan.enums.map((_, i) => `e_${i}`);
  plan.enums.forEach((e, i) => {
    d = addEnum(d, {
      id: enumIds[i],
      name: e.name,
      members: e.values.map((value, j) => ({ id: `m_${i}_${j}`, value })),
    });
  });
  const tableIds = plan.tables.map((_, i) => `t_${i}`);
  plan.tables.forEach((t, i) => {
    const tableId = tableIds[i] as string;
    d = addTable(d, {
      id: tableId,
      name: t.name,
      comment: t.comment,
      position: { x: i * 400, y: 0 },
      columnIds: {
        id: `c_${i}_id`,
        userId: `c_${i}_user_id`,
        createdAt: `c_${i}_created_at`,
        updatedAt: `c_${i}_updated_at`,
      },
    });
    t.columns.forEach((c, j) => {
      const args = columnArgs(c, enumIds);
      const enumId = 'enumId' in args ? args.enumId : undefined;
      let def: ColumnDefault | null = 'default' in args ? (args.default ?? null) : null;
      if (enumId && c.withDefault) {
        const e = d.enums[enumId];
        def = e?.members[c.pick % e.members.length]
          ? { kind: 'literal', value: (e.members[c.pick % e.members.length] as { value: string }).value }
          : null;
      }
      d = addColumn(d, {
        tableId,
        id: `c_${i}_${j}`,
        name: c.name,
        comment: c.comment,
        notNull: c.notNull,
        unique: c.unique,
        ...args,
        default: def,
      });
    });
    if (t.index) {
      const cols = d.tables[tableId]?.columnIds ?? [];
      const picked = [...new Set(t.index.picks.map((p) => cols[p % cols.length] as string))];
      d = addIndex(d, { tableId, id: `i_${i}`, columnIds: picked, unique: t.index.unique });
    }
  });
  plan.relations.forEach((r, k) => {
    const from = tableIds[r.from % tableIds.length] as string;
    const to = tableIds[r.to % tableIds.length] as string;
    d = connectTables(d, {
      fromTableId: from,
      toTableId: to,
      columnId: `c_rel_${k}`,
      relationId: `r_${k}`,
      onDelete: r.onDelete,
      logical: r.logical,
    });
    if (r.notNull && r.onDelete !== 'set null')
      d = updateColumn(d, { columnId: `c_rel_${k}`, patch: { notNull: true } });
  });
  return d;
}

export const validDesign = designPlan.map(buildDesign);
