/**
 * The linear rules (one shared RuleContext per check) must find exactly what the old rules found: the same issues,
 * in the same order, with the same fixes. The old rules are kept frozen in ./reference; the designs here are
 * built directly (not through the operations) so they break every rule: names that collide in letter case,
 * prefixed and non-snake names, several or no primary keys, owner columns with foreign keys, relations to
 * non-key columns and to missing columns, misnamed indexes whose suggestions collide, enum values with
 * apostrophes, a baseline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column, ColumnDefault, Design, EnumDef, FkAction, Index, Relation, Table } from '../design';
import { UNIX_SECONDS_SQL } from '../design';
import { applyFix, checkDesign } from './index';
import { checkDesign as referenceCheck } from './reference';

const RUNS = Number(process.env.FUZZ_RUNS) || 300;

const MODULE_IDS = ['MoLOS-Tasks', 'MoLOS-AI-Notes', 'molos_tasks', 'MoLOS-A.b', 'MoLOS-X'];
const TABLE_NAMES = [
  'items',
  'Items',
  'ITEMS',
  'tasks',
  'task_list',
  'taskList',
  'TaskList',
  'MoLOS-Tasks_items',
  'molos_tasks_items',
  'molos-x_y',
  'MoLOS-A.b_c',
  'new_table',
  'a"b',
  ' ',
  'done_items',
  'doneItems',
];
const EXPORT_NAMES = ['tasksItems', 'items', 'Items', 'sql', 'class', '1x', 'tasks_items', 'Kind', 'text'];
const COLUMN_NAMES = ['id', 'user_id', 'created_at', 'updated_at', 'title', 'Title', 'doneAt', 'done_at', 'order'];
const COLUMN_KEYS = ['id', 'userId', 'createdAt', 'title', 'Title', 'done_at', 'doneAt', 'due-date'];
const INDEX_SUFFIXES = ['user_id_idx', 'title_uq', 'id_idx', 'x'];
const ENUM_NAMES = ['Kind', 'Status', 'status', 'text', 'class'];
const MEMBER_VALUES = ["it's", 'its', "'a'", 'a', 'done', "do'ne", 'done'];
const MEMBER_KEYS = ['ITS', 'A', '1ST', 'DONE', 'A'];
const ACTIONS: (FkAction | null)[] = [null, 'cascade', 'set null', 'set default', 'restrict', 'no action'];
const DEFAULTS: (ColumnDefault | null)[] = [
  null,
  { kind: 'uuid' },
  { kind: 'fn', code: '() => Date.now()' },
  { kind: 'sql', sql: UNIX_SECONDS_SQL },
  { kind: 'sql', sql: "( strftime('%s', 'now') )" },
  { kind: 'sql', sql: 'unixepoch()' },
  { kind: 'literal', value: 'done' },
  { kind: 'literal', value: "it's" },
  { kind: 'literal', value: 0 },
  { kind: 'literal', value: true },
  { kind: 'json', json: '[]' },
];

const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);

const columnSpec = fc.record({
  name: pick(COLUMN_NAMES),
  key: pick(COLUMN_KEYS),
  type: pick(['text', 'integer', 'real', 'blob', 'numeric'] as const),
  mode: pick([null, null, 'boolean', 'timestamp', 'json'] as const),
  enumPick: fc.option(fc.nat(), { nil: null }),
  notNull: fc.boolean(),
  primaryKey: fc.boolean(),
  unique: fc.boolean(),
  default: pick(DEFAULTS),
  tsType: fc.option(pick(['Kind', 'Status[]', 'string[]', 'Record<string, Kind>']), { nil: undefined }),
});

const indexSpec = fc.record({
  /** Named after the table (with a suffix), after another name, or like an index the rules would suggest. */
  prefixed: fc.boolean(),
  suffix: pick(INDEX_SUFFIXES),
  chain: fc.nat({ max: 3 }),
  picks: fc.array(fc.nat(), { maxLength: 3 }),
  unique: fc.boolean(),
});

const designSpec = fc.record({
  moduleId: pick(MODULE_IDS),
  tables: fc.array(
    fc.record({
      name: pick(TABLE_NAMES),
      exportName: pick(EXPORT_NAMES),
      columns: fc.array(columnSpec, { maxLength: 6 }),
      /** A column id the table lists but the design lacks. */
      dangling: fc.boolean(),
      indexes: fc.array(indexSpec, { maxLength: 3 }),
      inBaseline: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  enums: fc.array(
    fc.record({
      name: pick(ENUM_NAMES),
      members: fc.array(fc.record({ key: pick(MEMBER_KEYS), value: pick(MEMBER_VALUES), sameId: fc.boolean() }), {
        maxLength: 5,
      }),
    }),
    { maxLength: 3 },
  ),
  relations: fc.array(
    fc.record({
      from: fc.nat(),
      to: fc.nat(),
      toMissing: fc.boolean(),
      onDelete: pick(ACTIONS),
      onUpdate: pick(ACTIONS),
      logical: fc.boolean(),
    }),
    { maxLength: 10 },
  ),
  baseline: fc.boolean(),
  baselineColumns: fc.array(fc.nat(), { maxLength: 6 }),
});

type Spec = typeof designSpec extends fc.Arbitrary<infer T> ? T : never;

/** A design straight from the spec: ids are positions, every reference resolved by index into what exists. */
function build(spec: Spec): Design {
  const enums: Record<string, EnumDef> = {};
  spec.enums.forEach((e, i) => {
    const id = `e_${i}`;
    enums[id] = {
      id,
      name: e.name,
      comment: '',
      // Two members may share an id (a hand-edited file): the apostrophe fix tells them apart by id only.
      members: e.members.map((m, j) => ({ id: m.sameId ? `m_${i}` : `m_${i}_${j}`, key: m.key, value: m.value })),
    };
  });
  const enumIds = Object.keys(enums);
  const tables: Record<string, Table> = {};
  const columns: Record<string, Column> = {};
  const indexes: Record<string, Index> = {};
  spec.tables.forEach((t, i) => {
    const id = `t_${i}`;
    const columnIds: string[] = [];
    t.columns.forEach((c, j) => {
      const cid = `c_${i}_${j}`;
      columnIds.push(cid);
      columns[cid] = {
        id: cid,
        tableId: id,
        name: c.name,
        key: c.key,
        type: c.type,
        mode: c.mode,
        enumId: c.enumPick === null ? null : (enumIds[c.enumPick % (enumIds.length + 1)] ?? 'e_missing'),
        notNull: c.notNull,
        primaryKey: c.primaryKey,
        unique: c.unique,
        default: c.default,
        comment: '',
        ...(c.tsType === undefined ? {} : { tsType: c.tsType }),
      };
    });
    if (t.dangling) columnIds.push(`c_${i}_gone`);
    const indexIds: string[] = [];
    t.indexes.forEach((ix, k) => {
      const iid = `i_${i}_${k}`;
      indexIds.push(iid);
      const base = ix.prefixed ? `${spec.moduleId}_${t.name}_${ix.suffix}` : ix.suffix;
      indexes[iid] = {
        id: iid,
        tableId: id,
        name: ix.chain > 1 ? `${base}_${ix.chain}` : base,
        columnIds: [...new Set(ix.picks.map((p) => columnIds[p % Math.max(columnIds.length, 1)] ?? 'c_none'))],
        unique: ix.unique,
      };
    });
    tables[id] = {
      id,
      name: t.name,
      exportName: t.exportName,
      comment: '',
      position: { x: 0, y: 0 },
      columnIds,
      indexIds,
    };
  });
  const columnIds = Object.keys(columns);
  const relations: Record<string, Relation> = {};
  if (columnIds.length > 0) {
    spec.relations.forEach((r, k) => {
      const id = `r_${k}`;
      relations[id] = {
        id,
        fromColumnId: columnIds[r.from % columnIds.length] as string,
        toColumnId: r.toMissing ? 'c_missing' : (columnIds[r.to % columnIds.length] as string),
        onDelete: r.onDelete,
        onUpdate: r.onUpdate,
        logical: r.logical,
      };
    });
  }
  const baseline = spec.baseline
    ? {
        snapshotId: 's',
        tables: Object.fromEntries(
          spec.tables.flatMap((t, i) => (t.inBaseline ? [[`t_${i}`, `${spec.moduleId}_${t.name}`]] : [])),
        ),
        columns: Object.fromEntries(
          spec.baselineColumns.flatMap((p) => {
            const cid = columnIds[p % Math.max(columnIds.length, 1)];
            return cid ? [[cid, columns[cid]?.name ?? '']] : [];
          }),
        ),
      }
    : null;
  return {
    module: { id: spec.moduleId, name: '', description: '', layout: 'legacy' },
    tables,
    columns,
    relations,
    enums,
    indexes,
    baseline,
  };
}

describe('the linear rules', () => {
  it('find exactly what the old rules found, fixes included, on random broken designs', () => {
    fc.assert(
      fc.property(designSpec, (spec) => {
        const design = build(spec);
        expect(checkDesign(design)).toStrictEqual(referenceCheck(design));
      }),
      { numRuns: RUNS },
    );
  });

  it('serialize and apply their fixes as the old rules did (a fix made on demand reads like any other)', () => {
    fc.assert(
      fc.property(designSpec, (spec) => {
        const design = build(spec);
        const now = checkDesign(design);
        const before = referenceCheck(design);
        // JSON and structured cloning (a worker's message) read the calls as the app does.
        expect(JSON.parse(JSON.stringify(now))).toStrictEqual(JSON.parse(JSON.stringify(before)));
        expect(structuredClone(now)).toStrictEqual(structuredClone(before));
        now.forEach((issue, i) => {
          // Other fixes may make random ids (addColumn); these are the ones whose calls are made on demand.
          if (issue.code === 'enum-member-value-quote' && issue.fix)
            expect(applyFix(design, issue)).toStrictEqual(applyFix(design, before[i] as (typeof before)[number]));
        });
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('exercise the rules they changed (the random designs are not all clean)', () => {
    // Guards the generator: if it stopped making these cases, the comparison above would prove little.
    const codes = new Set<string>();
    fc.assert(
      fc.property(designSpec, (spec) => {
        for (const issue of checkDesign(build(spec))) codes.add(issue.code);
      }),
      { numRuns: 300, seed: 14 },
    );
    for (const code of [
      'table-name-duplicate',
      'table-name-has-prefix',
      'table-name-not-snake-case',
      'user-id-references',
      'pk-composite',
      'pk-missing',
      'fk-target-not-key',
      'fk-set-null-not-null',
      'index-name-prefix',
      'index-name-duplicate',
      'index-empty',
      'enum-member-value-quote',
      'enum-member-key-duplicate',
      'enum-unused',
      'name-collision',
      'column-add-not-null-no-default',
    ])
      expect(codes, code).toContain(code);
  });
});
