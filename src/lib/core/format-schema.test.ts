/**
 * The design types (design.ts) and the valibot schema that reads design files (format.ts) describe one thing
 * twice; these tests keep them from drifting apart. The type-level checks fail `npm run check` and `tsc` (test
 * files are type-checked like the rest of the code); the round trip fails in vitest when the schema drops a field
 * the types have (valibot's `object` silently strips keys it does not know).
 */
import type * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  Area,
  Baseline,
  BaselineFile,
  Column,
  ColumnDefault,
  Design,
  EnumDef,
  EnumMember,
  Index,
  ModuleInfo,
  Note,
  Relation,
  Table,
} from './design';
import { designSchema, loadDesign, serializeDesign } from './format';

type Parsed = v.InferOutput<typeof designSchema>;
type Element<M> = M extends Record<string, infer T> ? T : never;

describe('the design types and the file schema', () => {
  it('read a file into exactly the Design type, element by element', () => {
    // Element by element first, so a drift names the element it is in.
    expectTypeOf<Parsed['module']>().toEqualTypeOf<ModuleInfo>();
    expectTypeOf<Element<Parsed['tables']>>().toEqualTypeOf<Table>();
    expectTypeOf<Element<Parsed['columns']>>().toEqualTypeOf<Column>();
    expectTypeOf<Element<Parsed['columns']>['default']>().toEqualTypeOf<ColumnDefault | null>();
    expectTypeOf<Element<Parsed['relations']>>().toEqualTypeOf<Relation>();
    expectTypeOf<Element<Parsed['enums']>>().toEqualTypeOf<EnumDef>();
    expectTypeOf<Element<Parsed['indexes']>>().toEqualTypeOf<Index>();
    expectTypeOf<Parsed['baseline']>().toEqualTypeOf<Baseline | null>();
    expectTypeOf<Element<NonNullable<Parsed['notes']>>>().toEqualTypeOf<Note>();
    expectTypeOf<Element<NonNullable<Parsed['areas']>>>().toEqualTypeOf<Area>();
    expectTypeOf<Parsed>().toEqualTypeOf<Design>();
  });

  it('keep every field of a design that sets every optional field', () => {
    // `Required<…>`: a field added to a type must be set here too, so the round trip below covers it.
    const module: Required<ModuleInfo> = {
      id: 'MoLOS-Full',
      name: 'Full',
      description: 'Every field set',
      layout: 'current',
      host: 'older',
    };
    const table: Required<Table> = {
      id: 't_items',
      name: 'items',
      exportName: 'fullItems',
      comment: 'Items',
      position: { x: 10, y: -20.5 },
      columnIds: ['c_id', 'c_status', 'c_parent', 'c_meta'],
      indexIds: ['i_status'],
      aliases: ['legacyItems'],
      keptChecks: ['items_status_check'],
      color: 'teal',
    };
    const base = {
      tableId: 't_items',
      mode: null,
      enumId: null,
      notNull: true,
      primaryKey: false,
      unique: false,
      comment: '',
      tsType: '',
      tsTypeImports: [],
      enumForm: 'textEnum',
    } satisfies Partial<Required<Column>>;
    const columns: Required<Column>[] = [
      { ...base, id: 'c_id', name: 'id', key: 'id', type: 'text', primaryKey: true, default: { kind: 'uuid' } },
      {
        ...base,
        id: 'c_status',
        name: 'status',
        key: 'status',
        type: 'text',
        enumId: 'e_status',
        enumForm: 'values',
        default: { kind: 'literal', value: 'open' },
      },
      {
        ...base,
        id: 'c_parent',
        name: 'parent_id',
        key: 'parentId',
        type: 'text',
        notNull: false,
        unique: true,
        comment: 'The parent item',
        default: { kind: 'sql', sql: "('x')" },
      },
      {
        ...base,
        id: 'c_meta',
        name: 'meta',
        key: 'meta',
        type: 'text',
        mode: 'json',
        default: { kind: 'json', json: '{"a":1}' },
        tsType: 'ItemMeta',
        tsTypeImports: [{ name: 'ItemMeta', from: '../../../models' }],
      },
    ];
    const relation: Required<Relation> = {
      id: 'r_parent',
      fromColumnId: 'c_parent',
      toColumnId: 'c_id',
      onDelete: 'cascade',
      onUpdate: 'no action',
      logical: true,
    };
    const member: Required<EnumMember> = { id: 'm_open', key: 'OPEN', value: 'open' };
    const enumDef: Required<EnumDef> = { id: 'e_status', name: 'ItemStatus', comment: 'Status', members: [member] };
    const index: Required<Index> = {
      id: 'i_status',
      tableId: 't_items',
      name: 'MoLOS-Full_items_status_idx',
      columnIds: ['c_status'],
      unique: true,
    };
    const file: Required<BaselineFile> = { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE x (a text);\n' };
    const baseline: Required<Baseline> = {
      snapshotId: 'snap-1',
      tables: { t_items: 'MoLOS-Full_items' },
      columns: { c_id: 'id' },
      snapshot: { version: '6', tables: {} },
      files: [file],
    };
    const design: Required<Design> = {
      module,
      tables: { [table.id]: table },
      columns: Object.fromEntries(columns.map((c) => [c.id, c])),
      relations: { [relation.id]: relation },
      enums: { [enumDef.id]: enumDef },
      indexes: { [index.id]: index },
      baseline,
      notes: {
        n_1: {
          id: 'n_1',
          text: 'Read me',
          position: { x: 1, y: 2 },
          size: { width: 200, height: 120 },
          color: 'yellow',
        },
      },
      areas: {
        a_1: {
          id: 'a_1',
          name: 'Core',
          position: { x: -50, y: -60 },
          size: { width: 800, height: 600 },
          color: 'blue',
        },
      },
    };

    const loaded = loadDesign(serializeDesign(design));
    expect(loaded).toStrictEqual({ ok: true, design, warnings: [] });
  });
});
