import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Design, type Table, emptyDesign } from './design';
import {
  FILE_MIGRATIONS,
  FORMAT_NAME,
  FORMAT_VERSION,
  type LoadResult,
  loadDesign,
  repairDesign,
  serializeDesign,
} from './format';
import { OperationError, applyOperation } from './operations';
import { IDS, type OpSeed, deepFreeze, exampleDesign, keyOrder, randomOperation } from './test-fixtures';
import { fuzzRuns } from '../../testing/fuzz-runs';

/** Lets a test write a value of the wrong type into a record, as a damaged file would hold. */
const loose = (record: object) => record as Record<string, unknown>;

/** The example as a parsed file, ready to be damaged by a test. */
function file(design: Design = exampleDesign()): { format: string; formatVersion: number; design: Design } {
  return JSON.parse(serializeDesign(design));
}

function loaded(result: LoadResult): Extract<LoadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a loaded design, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('serializeDesign', () => {
  it('writes the versioned envelope as pretty JSON ending with a newline', () => {
    const text = serializeDesign(emptyDesign({ id: 'MoLOS-Example' }));
    expect(text).toBe(
      [
        '{',
        '  "format": "molos-schema-studio/design",',
        '  "formatVersion": 3,',
        '  "design": {',
        '    "module": {',
        '      "id": "MoLOS-Example",',
        '      "name": "",',
        '      "description": "",',
        '      "layout": "legacy"',
        '    },',
        '    "tables": {},',
        '    "columns": {},',
        '    "relations": {},',
        '    "enums": {},',
        '    "indexes": {},',
        '    "baseline": null',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(FORMAT_NAME).toBe('molos-schema-studio/design');
    expect(FORMAT_VERSION).toBe(3);
  });
});

describe('loadDesign: round trip', () => {
  it('serialize → load is the identity (content, key order, no warnings) and re-serializes byte for byte', () => {
    const design = deepFreeze(exampleDesign());
    const text = serializeDesign(design);
    const result = loaded(loadDesign(text));
    expect(result.warnings).toEqual([]);
    expect(result.design).toStrictEqual(design);
    expect(keyOrder(result.design)).toEqual(keyOrder(design));
    expect(serializeDesign(result.design)).toBe(text);
  });

  it('keeps what imports bring: $type, the { enum } form, own default functions and table aliases', () => {
    const base = exampleDesign();
    const design: Design = {
      ...base,
      tables: { ...base.tables, [IDS.tasks]: { ...base.tables[IDS.tasks]!, aliases: ['tasks'] } },
      columns: {
        ...base.columns,
        [IDS.tasksTitle]: {
          ...base.columns[IDS.tasksTitle]!,
          tsType: 'string[]',
          default: { kind: 'fn', code: '() => []' },
        },
        [IDS.tasksStatus]: { ...base.columns[IDS.tasksStatus]!, enumForm: 'values' },
      },
    };
    const result = loaded(loadDesign(serializeDesign(design)));
    expect(result.warnings).toEqual([]);
    expect(result.design).toStrictEqual(design);
  });

  it('keeps the names of the CHECK constraints an imported table declares, as plain strings', () => {
    const base = exampleDesign();
    const withChecks = (keptChecks: unknown): Design => ({
      ...base,
      tables: { ...base.tables, [IDS.tasks]: { ...base.tables[IDS.tasks]!, keptChecks } as Table },
    });
    const good = withChecks(['MoLOS-Tasks_tasks_title_not_empty', 'a "quoted" name']);
    const result = loaded(loadDesign(serializeDesign(good)));
    expect(result.warnings).toEqual([]);
    expect(result.design).toStrictEqual(good);
    expect(result.design.tables[IDS.tasks]?.keptChecks).toEqual([
      'MoLOS-Tasks_tasks_title_not_empty',
      'a "quoted" name',
    ]);
    // A table without any keeps none (the field stays absent, so older files load unchanged).
    expect('keptChecks' in (result.design.tables[IDS.projects] ?? {})).toBe(false);
    const path = `$.design.tables.${IDS.tasks}.keptChecks`;
    expect(loadDesign(serializeDesign(withChecks(['ok', 3])))).toStrictEqual({
      ok: false,
      errors: [{ path: `${path}[1]`, message: 'expected string, got 3' }],
    });
    expect(loadDesign(serializeDesign(withChecks('one')))).toStrictEqual({
      ok: false,
      errors: [{ path, message: 'expected Array, got "one"' }],
    });
  });

  it('keeps the imports of a $type, and refuses a name that is not an identifier or a specifier with a newline', () => {
    const base = exampleDesign();
    const withImports = (tsTypeImports: { name: string; from: string }[]): Design => ({
      ...base,
      columns: {
        ...base.columns,
        [IDS.tasksTitle]: { ...base.columns[IDS.tasksTitle]!, tsType: 'Meta[]', tsTypeImports },
      },
    });
    const good = withImports([
      { name: 'Meta', from: '../../../models' },
      { name: '$Tag_2', from: '$lib/models/external_modules/MoLOS-Tasks' },
    ]);
    const result = loaded(loadDesign(serializeDesign(good)));
    expect(result.warnings).toEqual([]);
    expect(result.design).toStrictEqual(good);
    const path = `$.design.columns.${IDS.tasksTitle}.tsTypeImports`;
    expect(loadDesign(serializeDesign(withImports([{ name: 'Meta as M', from: './x' }])))).toStrictEqual({
      ok: false,
      errors: [{ path: `${path}[0].name`, message: 'expected a TypeScript identifier, got "Meta as M"' }],
    });
    expect(
      loadDesign(
        serializeDesign(
          withImports([
            { name: 'A', from: '' },
            { name: 'B', from: "./x';\nimport evil from 'y" },
          ]),
        ),
      ),
    ).toStrictEqual({
      ok: false,
      errors: [
        { path: `${path}[0].from`, message: 'expected a module specifier on one line, got ""' },
        {
          path: `${path}[1].from`,
          message: 'expected a module specifier on one line, got "./x\';\nimport evil from \'y"',
        },
      ],
    });
  });

  it('accepts already parsed JSON', () => {
    const result = loaded(loadDesign(file()));
    expect(result.design).toStrictEqual(exampleDesign());
  });

  it('holds for designs made by random operations (which never leave a dangling reference)', () => {
    const seedArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()) as fc.Arbitrary<OpSeed>;
    fc.assert(
      fc.property(fc.array(seedArb, { maxLength: 30 }), (seeds) => {
        let d = exampleDesign();
        seeds.forEach((seed, i) => {
          const call = randomOperation(d, seed, i);
          if (!call) return;
          try {
            d = applyOperation(d, call);
          } catch (e) {
            if (!(e instanceof OperationError)) throw e;
          }
        });
        const text = serializeDesign(d);
        const result = loaded(loadDesign(text));
        expect(result.warnings).toEqual([]);
        expect(result.design).toStrictEqual(d);
        expect(keyOrder(result.design)).toEqual(keyOrder(d));
        expect(serializeDesign(result.design)).toBe(text);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('fills optional fields with their defaults and drops unknown ones', () => {
    const result = loaded(
      loadDesign({
        format: FORMAT_NAME,
        formatVersion: 1,
        extra: true,
        design: {
          module: { id: 'MoLOS-Min' },
          tables: { t: { id: 't', name: 'items', exportName: 'minItems', columnIds: ['c'], colour: 'red' } },
          columns: { c: { id: 'c', tableId: 't', name: 'id', key: 'id', type: 'text' } },
        },
      }),
    );
    expect(result.warnings).toEqual([]);
    expect(result.design).toStrictEqual({
      // Version 2 designs showed the older host's warnings always: the upgrade to 3 keeps them targeting it.
      module: { id: 'MoLOS-Min', name: '', description: '', layout: 'legacy', host: 'older' },
      tables: {
        t: {
          id: 't',
          name: 'items',
          exportName: 'minItems',
          comment: '',
          position: { x: 0, y: 0 },
          columnIds: ['c'],
          indexIds: [],
        },
      },
      columns: {
        c: {
          id: 'c',
          tableId: 't',
          name: 'id',
          key: 'id',
          type: 'text',
          mode: null,
          enumId: null,
          notNull: false,
          primaryKey: false,
          unique: false,
          default: null,
          comment: '',
        },
      },
      relations: {},
      enums: {},
      indexes: {},
      // A version 1 file is upgraded: it was never exported with a migration baseline.
      baseline: null,
      notes: {},
      areas: {},
    });
  });

  it('upgrades a version 2 file: no notes or areas, and the older host stays targeted', () => {
    const v2 = {
      format: FORMAT_NAME,
      formatVersion: 2,
      design: {
        module: { id: 'MoLOS-Two', name: 'Two', description: '', layout: 'current' },
        tables: {},
        columns: {},
        baseline: null,
      },
    };
    const result = loaded(loadDesign(v2));
    expect(result.design.module).toStrictEqual({
      id: 'MoLOS-Two',
      name: 'Two',
      description: '',
      layout: 'current',
      host: 'older',
    });
    expect(result.design.notes).toStrictEqual({});
    expect(result.design.areas).toStrictEqual({});
    // Saved again, it is a version 3 file.
    expect(JSON.parse(serializeDesign(result.design)).formatVersion).toBe(3);
  });

  it('refuses a note whose size is not a positive, bounded number', () => {
    const base = file();
    const result = loadDesign({
      ...base,
      design: {
        ...base.design,
        notes: { n: { id: 'n', text: 'x', position: { x: 0, y: 0 }, size: { width: 1e12, height: 100 } } },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.path).toBe('$.design.notes.n.size.width');
  });
});

describe('loadDesign: errors name the JSON path and the expectation', () => {
  it('invalid JSON', () => {
    const result = loadDesign('{"format": ');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.path).toBe('$');
    expect(result.errors[0]!.message).toMatch(/^not valid JSON: .+/);
  });

  it('not an object at all', () => {
    expect(loadDesign('42')).toStrictEqual({ ok: false, errors: [{ path: '$', message: 'expected Object, got 42' }] });
  });

  it('a wrong or missing format', () => {
    expect(loadDesign({ ...file(), format: 'drawdb' })).toStrictEqual({
      ok: false,
      errors: [
        {
          path: '$.format',
          message:
            'expected "molos-schema-studio/design" (this is not a MoLOS Schema Studio design file), got "drawdb"',
        },
      ],
    });
    const { format: _, ...noFormat } = file();
    expect(loadDesign(noFormat)).toStrictEqual({
      ok: false,
      errors: [
        {
          path: '$.format',
          message:
            'expected "molos-schema-studio/design" (this is not a MoLOS Schema Studio design file), got undefined',
        },
      ],
    });
  });

  it('a future, zero, fractional or non-numeric formatVersion', () => {
    for (const version of [4, 0, 1.5]) {
      expect(loadDesign({ ...file(), formatVersion: version })).toStrictEqual({
        ok: false,
        errors: [
          {
            path: '$.formatVersion',
            message: `version ${version} is not supported: this studio reads versions 1 to 3`,
          },
        ],
      });
    }
    expect(loadDesign({ ...file(), formatVersion: '1' })).toStrictEqual({
      ok: false,
      errors: [{ path: '$.formatVersion', message: 'expected number, got "1"' }],
    });
  });

  it('a missing design', () => {
    const { design: _, ...noDesign } = file();
    expect(loadDesign(noDesign)).toStrictEqual({
      ok: false,
      errors: [{ path: '$.design', message: 'missing (this field is required)' }],
    });
  });

  it('a column of type "varchar"', () => {
    const f = file();
    loose(f.design.columns[IDS.tasksTitle]!).type = 'varchar';
    expect(loadDesign(JSON.stringify(f))).toStrictEqual({
      ok: false,
      errors: [
        {
          path: `$.design.columns.${IDS.tasksTitle}.type`,
          message: 'expected ("text" | "integer" | "real" | "blob" | "numeric"), got "varchar"',
        },
      ],
    });
  });

  it('a table without a name', () => {
    const f = file();
    delete loose(f.design.tables[IDS.projects]!).name;
    expect(loadDesign(f)).toStrictEqual({
      ok: false,
      errors: [{ path: `$.design.tables.${IDS.projects}.name`, message: 'missing (this field is required)' }],
    });
  });

  it('reports every problem, with array indexes in the path', () => {
    const f = file();
    loose(f.design.columns[IDS.tasksTitle]!).notNull = 'yes';
    loose(f.design.enums[IDS.taskStatus]!.members[1]!).value = 7;
    loose(f.design.relations[IDS.tasksProject]!).onDelete = 'CASCADE';
    loose(f.design.tables[IDS.tasks]!).position = { x: 1 };
    const result = loadDesign(f);
    expect(result).toStrictEqual({
      ok: false,
      errors: [
        { path: `$.design.tables.${IDS.tasks}.position.y`, message: 'missing (this field is required)' },
        { path: `$.design.columns.${IDS.tasksTitle}.notNull`, message: 'expected boolean, got "yes"' },
        {
          path: `$.design.relations.${IDS.tasksProject}.onDelete`,
          message: 'expected ("cascade" | "set null" | "restrict" | "set default" | "no action"), got "CASCADE"',
        },
        { path: `$.design.enums.${IDS.taskStatus}.members[1].value`, message: 'expected string, got 7' },
      ],
    });
  });
});

describe('repairDesign', () => {
  /** The example after `damage`, frozen, so the repair is shown not to mutate its input. */
  function damaged(damage: (d: Design) => void): Design {
    const d = structuredClone(exampleDesign());
    damage(d);
    return deepFreeze(d);
  }

  it('keeps a sound design as it is, without warnings, as a copy', () => {
    const input = deepFreeze(exampleDesign());
    const result = loaded(repairDesign(input));
    expect(result).toStrictEqual({ ok: true, design: exampleDesign(), warnings: [] });
    expect(result.design).not.toBe(input);
  });

  it('drops a relation to a missing column', () => {
    const input = damaged((d) => {
      d.relations[IDS.tasksProject]!.toColumnId = 'c_gone';
    });
    const result = loaded(repairDesign(input));
    expect(result.warnings).toStrictEqual([
      {
        path: `$.design.relations.${IDS.tasksProject}`,
        message: `relation "${IDS.tasksProject}" points at a missing column; it was removed`,
      },
    ]);
    expect(result.design).toStrictEqual({ ...exampleDesign(), relations: {} });
    expect(input.relations[IDS.tasksProject]!.toColumnId).toBe('c_gone');
  });

  it('drops an index column from another table', () => {
    const input = damaged((d) => {
      d.indexes[IDS.tasksUserStatusIdx]!.columnIds.push(IDS.projectsName);
    });
    const result = loaded(repairDesign(input));
    expect(result.warnings).toStrictEqual([
      {
        path: `$.design.indexes.${IDS.tasksUserStatusIdx}.columnIds[2]`,
        message: `index "MoLOS-Example_tasks_user_id_status_idx" lists column "${IDS.projectsName}", which is not in its table; it was removed`,
      },
    ]);
    expect(result.design).toStrictEqual(exampleDesign());
  });

  it('clears the enumId of a column whose enum is missing', () => {
    const result = loaded(
      repairDesign(
        damaged((d) => {
          delete d.enums[IDS.taskStatus];
        }),
      ),
    );
    expect(result.warnings).toStrictEqual([
      {
        path: `$.design.columns.${IDS.tasksStatus}.enumId`,
        message: `column "status" uses enum "${IDS.taskStatus}", which does not exist; it was removed`,
      },
    ]);
    const expected = structuredClone(exampleDesign());
    delete expected.enums[IDS.taskStatus];
    expected.columns[IDS.tasksStatus]!.enumId = null;
    expect(result.design).toStrictEqual(expected);
  });

  it('drops a missing column (and a duplicate) from a table', () => {
    const result = loaded(
      repairDesign(
        damaged((d) => {
          d.tables[IDS.projects]!.columnIds.splice(1, 0, 'c_gone');
          d.tables[IDS.projects]!.columnIds.push(IDS.projectsId);
        }),
      ),
    );
    expect(result.warnings).toStrictEqual([
      {
        path: `$.design.tables.${IDS.projects}.columnIds[1]`,
        message: 'table "projects" lists column "c_gone", which is missing; it was removed',
      },
      {
        path: `$.design.tables.${IDS.projects}.columnIds[6]`,
        message: `table "projects" lists column "${IDS.projectsId}", which is missing; it was removed`,
      },
    ]);
    expect(result.design).toStrictEqual(exampleDesign());
  });

  it('drops a column no table lists, with the relation from it and its place in an index', () => {
    const result = loaded(
      repairDesign(
        damaged((d) => {
          d.tables[IDS.tasks]!.columnIds = d.tables[IDS.tasks]!.columnIds.filter(
            (id) => id !== IDS.tasksProjectId && id !== IDS.tasksStatus,
          );
        }),
      ),
    );
    expect(result.warnings).toStrictEqual([
      { path: `$.design.columns.${IDS.tasksStatus}`, message: 'column "status" belongs to no table; it was removed' },
      {
        path: `$.design.columns.${IDS.tasksProjectId}`,
        message: 'column "project_id" belongs to no table; it was removed',
      },
      {
        path: `$.design.indexes.${IDS.tasksUserStatusIdx}.columnIds[1]`,
        message: `index "MoLOS-Example_tasks_user_id_status_idx" lists column "${IDS.tasksStatus}", which is not in its table; it was removed`,
      },
      {
        path: `$.design.relations.${IDS.tasksProject}`,
        message: `relation "${IDS.tasksProject}" points at a missing column; it was removed`,
      },
    ]);
    expect(Object.keys(result.design.columns)).not.toContain(IDS.tasksStatus);
    expect(result.design.indexes[IDS.tasksUserStatusIdx]!.columnIds).toEqual([IDS.tasksUserId]);
    expect(result.design.relations).toStrictEqual({});
  });

  it('drops an index no table lists, and a table’s listing of a missing index', () => {
    const result = loaded(
      repairDesign(
        damaged((d) => {
          d.tables[IDS.tasks]!.indexIds = ['i_gone'];
        }),
      ),
    );
    expect(result.warnings).toStrictEqual([
      {
        path: `$.design.tables.${IDS.tasks}.indexIds[0]`,
        message: 'table "tasks" lists index "i_gone", which is missing; it was removed',
      },
      {
        path: `$.design.indexes.${IDS.tasksUserStatusIdx}`,
        message: 'index "MoLOS-Example_tasks_user_id_status_idx" belongs to no table; it was removed',
      },
    ]);
    expect(result.design.indexes).toStrictEqual({});
    expect(result.design.tables[IDS.tasks]!.indexIds).toEqual([]);
  });

  it('keeps only the first relation from a column', () => {
    const result = loaded(
      repairDesign(
        damaged((d) => {
          d.relations.r_dup = { ...d.relations[IDS.tasksProject]!, id: 'r_dup', toColumnId: IDS.tasksId };
        }),
      ),
    );
    expect(result.warnings).toStrictEqual([
      {
        path: '$.design.relations.r_dup',
        message: 'relation "r_dup" starts at a column that already has a relation; it was removed',
      },
    ]);
    expect(result.design).toStrictEqual(exampleDesign());
  });

  it('errors (and repairs nothing) when a map key differs from the element’s id', () => {
    const input = damaged((d) => {
      d.tables[IDS.projects]!.id = 't_other';
      d.columns[IDS.tasksTitle]!.id = 'c_other';
      d.relations[IDS.tasksProject]!.toColumnId = 'c_gone';
    });
    expect(repairDesign(input)).toStrictEqual({
      ok: false,
      errors: [
        {
          path: `$.design.tables.${IDS.projects}.id`,
          message: `expected "${IDS.projects}" (the key it is stored under), got "t_other"`,
        },
        {
          path: `$.design.columns.${IDS.tasksTitle}.id`,
          message: `expected "${IDS.tasksTitle}" (the key it is stored under), got "c_other"`,
        },
      ],
    });
    const f = file();
    f.design.enums[IDS.taskStatus]!.id = 'e_x';
    expect(loadDesign(f)).toStrictEqual({
      ok: false,
      errors: [
        {
          path: `$.design.enums.${IDS.taskStatus}.id`,
          message: `expected "${IDS.taskStatus}" (the key it is stored under), got "e_x"`,
        },
      ],
    });
  });

  it('loadDesign repairs too, and references named like Object.prototype members are just missing', () => {
    const f = file();
    f.design.relations[IDS.tasksProject]!.toColumnId = 'c_gone';
    f.design.columns[IDS.tasksTitle]!.tableId = 'constructor';
    f.design.columns[IDS.tasksStatus]!.enumId = 'toString';
    f.design.tables[IDS.projects]!.columnIds.push('hasOwnProperty');
    const result = loaded(loadDesign(JSON.stringify(f)));
    expect(result.warnings.map((w) => w.path)).toEqual([
      `$.design.columns.${IDS.tasksTitle}`,
      `$.design.columns.${IDS.tasksStatus}.enumId`,
      `$.design.tables.${IDS.projects}.columnIds[5]`,
      `$.design.tables.${IDS.tasks}.columnIds[2]`,
      `$.design.relations.${IDS.tasksProject}`,
    ]);
    expect(result.design.columns[IDS.tasksTitle]).toBeUndefined();
    expect(result.design.columns[IDS.tasksStatus]!.enumId).toBeNull();
    expect(result.design.relations).toStrictEqual({});
    expect(result.design.tables[IDS.projects]!.columnIds).toEqual(exampleDesign().tables[IDS.projects]!.columnIds);
  });
});

describe('id-keyed maps', () => {
  it('refuses an array where an object keyed by id belongs', () => {
    const file = JSON.parse(serializeDesign(exampleDesign()));
    file.design.tables = [];
    expect(loadDesign(JSON.stringify(file))).toEqual({
      ok: false,
      errors: [{ path: '$.design.tables', message: 'expected an object keyed by id, got an array' }],
    });
  });
});

describe('file versions', () => {
  it('upgrades a version 1 file: no baseline yet', () => {
    const v1 = JSON.parse(serializeDesign(exampleDesign()));
    v1.formatVersion = 1;
    delete v1.design.baseline;
    const r = loadDesign(JSON.stringify(v1));
    const example = exampleDesign();
    expect(r.ok && r.design).toStrictEqual({
      ...example,
      module: { ...example.module, host: 'older' },
      notes: {},
      areas: {},
    });
    expect(FILE_MIGRATIONS[1]?.({ module: {} })).toEqual({ module: {}, baseline: null });
  });

  it('keeps a baseline and names the path of a bad one', () => {
    const file = JSON.parse(serializeDesign(exampleDesign()));
    file.design.baseline = { snapshotId: 'abc', tables: { [IDS.projects]: 'MoLOS-Example_projects' }, columns: {} };
    const r = loadDesign(JSON.stringify(file));
    expect(r.ok && r.design.baseline).toEqual(file.design.baseline);
    file.design.baseline.columns = [];
    expect(loadDesign(JSON.stringify(file))).toEqual({
      ok: false,
      errors: [{ path: '$.design.baseline.columns', message: 'expected an object keyed by id, got an array' }],
    });
  });

  it('every older version has an upgrade', () => {
    for (let v = 1; v < FORMAT_VERSION; v++) expect(FILE_MIGRATIONS[v], `upgrade from ${v}`).toBeTypeOf('function');
  });
});
