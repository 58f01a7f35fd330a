import { describe, expect, it } from 'vitest';
import { UNIX_SECONDS_SQL, type Column, type Design } from '../design';
import { IDS, deepFreeze, exampleDesign, keyOrder } from '../test-fixtures';
import { addColumn, defaultFits, deleteColumn, modesFor, moveColumn, updateColumn } from './columns';
import { checkDesign } from '../rules';
import { OperationError } from './util';

const frozen = () => deepFreeze(exampleDesign());

/** The example with one column replaced by `patch` applied to it. */
function withColumn(id: string, patch: Partial<Column>): Design {
  const d = structuredClone(exampleDesign());
  d.columns[id] = { ...d.columns[id]!, ...patch };
  return d;
}

/** Applies `updateColumn` to a frozen example and checks that nothing but that column changed. */
function update(columnId: string, patch: Parameters<typeof updateColumn>[1]['patch'], base: Design = frozen()): Column {
  const input = deepFreeze(base);
  const d = updateColumn(input, { columnId, patch });
  for (const [id, c] of Object.entries(d.columns)) if (id !== columnId) expect(c).toBe(input.columns[id]);
  expect(d.tables).toBe(input.tables);
  expect(keyOrder(d)).toEqual(keyOrder(input));
  return d.columns[columnId]!;
}

describe('modesFor / defaultFits', () => {
  it('lists the modes of each type', () => {
    expect(modesFor('integer')).toEqual(['boolean', 'timestamp', 'timestamp_ms']);
    expect(modesFor('text')).toEqual(['json']);
    expect(modesFor('blob')).toEqual(['json']);
    expect(modesFor('real')).toEqual([]);
    expect(modesFor('numeric')).toEqual([]);
  });

  it.each([
    [{ kind: 'sql', sql: 'x' }, 'blob', null, true],
    [{ kind: 'uuid' }, 'text', null, true],
    [{ kind: 'uuid' }, 'text', 'json', false],
    [{ kind: 'uuid' }, 'integer', null, false],
    [{ kind: 'json', json: '[]' }, 'text', 'json', true],
    [{ kind: 'json', json: '[]' }, 'text', null, false],
    [{ kind: 'literal', value: true }, 'integer', 'boolean', true],
    [{ kind: 'literal', value: true }, 'integer', null, false],
    [{ kind: 'literal', value: 3 }, 'integer', null, true],
    [{ kind: 'literal', value: 3 }, 'real', null, true],
    [{ kind: 'literal', value: 3 }, 'integer', 'boolean', false],
    [{ kind: 'literal', value: 3 }, 'text', null, false],
    [{ kind: 'literal', value: 'a' }, 'text', null, true],
    [{ kind: 'literal', value: 'a' }, 'numeric', null, true],
    [{ kind: 'literal', value: 'a' }, 'integer', null, false],
    [{ kind: 'literal', value: 'a' }, 'text', 'json', false],
  ] as const)('%j fits %s/%s: %s', (def, type, mode, fits) => {
    expect(defaultFits(def, type, mode)).toBe(fits);
  });
});

describe('addColumn', () => {
  it('inserts before created_at by default, with nullable text and a camelCase key', () => {
    const input = frozen();
    const d = addColumn(input, { tableId: IDS.projects, id: 'c_desc', name: 'long_description' });
    const expected = structuredClone(exampleDesign());
    expected.tables[IDS.projects]!.columnIds = [
      IDS.projectsId,
      IDS.projectsUserId,
      IDS.projectsName,
      'c_desc',
      IDS.projectsCreatedAt,
      IDS.projectsUpdatedAt,
    ];
    expected.columns.c_desc = {
      id: 'c_desc',
      tableId: IDS.projects,
      name: 'long_description',
      key: 'longDescription',
      type: 'text',
      mode: null,
      enumId: null,
      notNull: false,
      primaryKey: false,
      unique: false,
      default: null,
      comment: '',
    };
    expect(d).toStrictEqual(expected);
    expect(keyOrder(d).columns.at(-1)).toBe('c_desc');
    expect(d.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
  });

  it('appends when the table has no created_at', () => {
    const d0 = deleteColumn(frozen(), { columnId: IDS.projectsCreatedAt });
    const d = addColumn(deepFreeze(d0), { tableId: IDS.projects, id: 'c_x', name: 'x' });
    expect(d.tables[IDS.projects]!.columnIds).toEqual([
      IDS.projectsId,
      IDS.projectsUserId,
      IDS.projectsName,
      IDS.projectsUpdatedAt,
      'c_x',
    ]);
  });

  it('honours an explicit index, clamped to the table', () => {
    const at = (index: number) =>
      addColumn(frozen(), { tableId: IDS.projects, id: 'c_x', name: 'x', index }).tables[
        IDS.projects
      ]!.columnIds.indexOf('c_x');
    expect(at(0)).toBe(0);
    expect(at(1)).toBe(1);
    expect(at(5)).toBe(5);
    expect(at(99)).toBe(5);
    expect(at(-3)).toBe(0);
  });

  it('picks a free name new_column, new_column_2 … when none is given', () => {
    let d = addColumn(frozen(), { tableId: IDS.projects, id: 'c_a' });
    d = addColumn(d, { tableId: IDS.projects, id: 'c_b' });
    expect([d.columns.c_a!.name, d.columns.c_a!.key, d.columns.c_b!.name, d.columns.c_b!.key]).toEqual([
      'new_column',
      'newColumn',
      'new_column_2',
      'newColumn2',
    ]);
    // names are per table: tasks can have its own `new_column`
    const d2 = addColumn(d, { tableId: IDS.tasks, id: 'c_c' });
    expect(d2.columns.c_c!.name).toBe('new_column');
  });

  it('skips a default name whose key another column already has', () => {
    // `new_column2` owns the key `newColumn2`, which `new_column_2` would derive too.
    let d = addColumn(frozen(), { tableId: IDS.projects, id: 'c_a' });
    d = addColumn(d, { tableId: IDS.projects, id: 'c_b', name: 'new_column2' });
    d = addColumn(d, { tableId: IDS.projects, id: 'c_c' });
    expect([d.columns.c_c!.name, d.columns.c_c!.key]).toEqual(['new_column_3', 'newColumn3']);
  });

  it('gives new columns names that raise no rule finding', () => {
    const before = checkDesign(frozen());
    let d: Design = frozen();
    for (const id of ['c_a', 'c_b', 'c_c']) d = addColumn(d, { tableId: IDS.projects, id });
    const about = (issues: ReturnType<typeof checkDesign>) =>
      issues.filter((i) => i.target.kind === 'column' && ['c_a', 'c_b', 'c_c'].includes(i.target.id));
    expect(about(checkDesign(d))).toEqual([]);
    // Nothing else changed either: the design has exactly the findings it had before.
    expect(checkDesign(d).map((i) => i.code)).toEqual(before.map((i) => i.code));
  });

  it('keeps every given field and forces NOT NULL on a primary key', () => {
    const d = addColumn(frozen(), {
      tableId: IDS.projects,
      id: 'c_n',
      name: 'done',
      key: 'isDone',
      type: 'integer',
      mode: 'boolean',
      notNull: false,
      primaryKey: true,
      unique: true,
      default: { kind: 'literal', value: false },
      comment: 'finished?',
    });
    expect(d.columns.c_n).toStrictEqual({
      id: 'c_n',
      tableId: IDS.projects,
      name: 'done',
      key: 'isDone',
      type: 'integer',
      mode: 'boolean',
      enumId: null,
      notNull: true,
      primaryKey: true,
      unique: true,
      default: { kind: 'literal', value: false },
      comment: 'finished?',
    });
  });

  it('an enum column is plain text without a mode', () => {
    const d = addColumn(frozen(), {
      tableId: IDS.projects,
      id: 'c_s',
      name: 'state',
      type: 'integer',
      mode: 'boolean',
      enumId: IDS.taskStatus,
    });
    expect(d.columns.c_s).toMatchObject({ type: 'text', mode: null, enumId: IDS.taskStatus });
  });

  it('makes a random c_ id when none is given', () => {
    const d = addColumn(frozen(), { tableId: IDS.projects, name: 'x' });
    const id = d.tables[IDS.projects]!.columnIds[3]!;
    expect(id).toMatch(/^c_[0-9a-z]{10}$/);
    expect(d.columns[id]!.name).toBe('x');
  });

  it('throws OperationError for a missing table, a missing enum or a used id', () => {
    const d = frozen();
    expect(() => addColumn(d, { tableId: 'nope' })).toThrow(new OperationError('No table with id "nope".'));
    expect(() => addColumn(d, { tableId: IDS.tasks, enumId: 'e_nope' })).toThrow(
      new OperationError('No enum with id "e_nope".'),
    );
    expect(() => addColumn(d, { tableId: IDS.projects, id: IDS.tasksTitle })).toThrow(
      new OperationError(`The id "${IDS.tasksTitle}" is already used by another column.`),
    );
  });
});

describe('updateColumn', () => {
  it('a derived key follows the new name', () => {
    expect(update(IDS.tasksTitle, { name: 'short_title' })).toStrictEqual({
      ...exampleDesign().columns[IDS.tasksTitle],
      name: 'short_title',
      key: 'shortTitle',
    });
  });

  it('a custom key stays when the name changes; an explicit key wins', () => {
    const custom = updateColumn(frozen(), { columnId: IDS.tasksTitle, patch: { key: 'heading' } });
    expect(update(IDS.tasksTitle, { name: 'short_title' }, custom)).toMatchObject({
      name: 'short_title',
      key: 'heading',
    });
    expect(update(IDS.tasksTitle, { name: 'short_title', key: 'label' })).toMatchObject({
      name: 'short_title',
      key: 'label',
    });
  });

  it('choosing an enum makes the column plain text without a mode and keeps a fitting default', () => {
    const base = withColumn(IDS.tasksTitle, {
      type: 'integer',
      mode: 'boolean',
      default: { kind: 'literal', value: true },
    });
    expect(update(IDS.tasksTitle, { enumId: IDS.taskStatus }, base)).toStrictEqual({
      ...base.columns[IDS.tasksTitle],
      enumId: IDS.taskStatus,
      type: 'text',
      mode: null,
      default: null,
    });
    expect(update(IDS.tasksTitle, { enumId: IDS.taskStatus, type: 'real' })).toMatchObject({
      enumId: IDS.taskStatus,
      type: 'text',
      mode: null,
    });
    expect(
      update(IDS.tasksTitle, { enumId: IDS.taskStatus, default: { kind: 'literal', value: 'done' } }),
    ).toMatchObject({
      default: { kind: 'literal', value: 'done' },
    });
  });

  it('an enum column cannot get a mode', () => {
    expect(update(IDS.tasksStatus, { mode: 'json' })).toStrictEqual(exampleDesign().columns[IDS.tasksStatus]);
  });

  it('a type change drops the enum and a default that no longer fits', () => {
    expect(update(IDS.tasksStatus, { type: 'integer' })).toStrictEqual({
      ...exampleDesign().columns[IDS.tasksStatus],
      type: 'integer',
      enumId: null,
      default: null,
    });
    // removing the enum on its own keeps the text default
    expect(update(IDS.tasksStatus, { enumId: null })).toStrictEqual({
      ...exampleDesign().columns[IDS.tasksStatus],
      enumId: null,
    });
  });

  it('a type change drops a mode the new type does not have, and its default', () => {
    const bool = withColumn(IDS.tasksTitle, {
      type: 'integer',
      mode: 'boolean',
      default: { kind: 'literal', value: false },
    });
    expect(update(IDS.tasksTitle, { type: 'text' }, bool)).toMatchObject({ type: 'text', mode: null, default: null });
    expect(update(IDS.tasksTitle, { type: 'real' }, bool)).toMatchObject({ type: 'real', mode: null, default: null });

    const json = withColumn(IDS.tasksTitle, { mode: 'json', default: { kind: 'json', json: '[]' } });
    expect(update(IDS.tasksTitle, { type: 'blob' }, json)).toMatchObject({
      type: 'blob',
      mode: 'json',
      default: { kind: 'json', json: '[]' },
    });
    expect(update(IDS.tasksTitle, { type: 'integer' }, json)).toMatchObject({
      type: 'integer',
      mode: null,
      default: null,
    });
  });

  it('keeps defaults that still fit: sql always, numbers between integer and real', () => {
    expect(update(IDS.tasksCreatedAt, { type: 'text' })).toMatchObject({
      type: 'text',
      default: { kind: 'sql', sql: UNIX_SECONDS_SQL },
    });
    const num = withColumn(IDS.tasksTitle, { type: 'integer', default: { kind: 'literal', value: 5 } });
    expect(update(IDS.tasksTitle, { type: 'real' }, num)).toMatchObject({
      type: 'real',
      default: { kind: 'literal', value: 5 },
    });
    expect(update(IDS.tasksTitle, { type: 'text' }, num)).toMatchObject({ type: 'text', default: null });
  });

  it('drops the uuid default when the key stops being plain text, and a PK stays NOT NULL', () => {
    expect(update(IDS.tasksId, { type: 'integer' })).toStrictEqual({
      ...exampleDesign().columns[IDS.tasksId],
      type: 'integer',
      default: null,
    });
    expect(update(IDS.tasksId, { notNull: false })).toStrictEqual(exampleDesign().columns[IDS.tasksId]);
  });

  it('making a column the primary key makes it NOT NULL', () => {
    expect(update(IDS.tasksProjectId, { primaryKey: true })).toMatchObject({ primaryKey: true, notNull: true });
    expect(update(IDS.tasksProjectId, { primaryKey: true, notNull: false })).toMatchObject({
      primaryKey: true,
      notNull: true,
    });
    expect(update(IDS.tasksId, { primaryKey: false, notNull: false })).toMatchObject({
      primaryKey: false,
      notNull: false,
    });
  });

  it('treats undefined fields as unchanged', () => {
    expect(
      update(IDS.tasksStatus, { name: undefined, default: undefined, enumId: undefined, type: undefined }),
    ).toStrictEqual(exampleDesign().columns[IDS.tasksStatus]);
  });

  it('throws OperationError for a missing column or enum', () => {
    expect(() => updateColumn(frozen(), { columnId: 'nope', patch: {} })).toThrow(
      new OperationError('No column with id "nope".'),
    );
    expect(() => updateColumn(frozen(), { columnId: IDS.tasksTitle, patch: { enumId: 'e_nope' } })).toThrow(
      new OperationError('No enum with id "e_nope".'),
    );
  });
});

describe('moveColumn', () => {
  const order = (d: Design) => d.tables[IDS.tasks]!.columnIds;

  it('moves within the table, clamping the target index', () => {
    const input = frozen();
    expect(order(moveColumn(input, { columnId: IDS.tasksStatus, toIndex: 0 }))).toEqual([
      IDS.tasksStatus,
      IDS.tasksId,
      IDS.tasksUserId,
      IDS.tasksTitle,
      IDS.tasksProjectId,
      IDS.tasksCreatedAt,
      IDS.tasksUpdatedAt,
    ]);
    expect(order(moveColumn(input, { columnId: IDS.tasksId, toIndex: 2 }))).toEqual([
      IDS.tasksUserId,
      IDS.tasksTitle,
      IDS.tasksId,
      IDS.tasksStatus,
      IDS.tasksProjectId,
      IDS.tasksCreatedAt,
      IDS.tasksUpdatedAt,
    ]);
    expect(order(moveColumn(input, { columnId: IDS.tasksTitle, toIndex: 100 }))).toEqual([
      IDS.tasksId,
      IDS.tasksUserId,
      IDS.tasksStatus,
      IDS.tasksProjectId,
      IDS.tasksCreatedAt,
      IDS.tasksUpdatedAt,
      IDS.tasksTitle,
    ]);
    const d = moveColumn(input, { columnId: IDS.tasksTitle, toIndex: 100 });
    expect(d.columns).toBe(input.columns);
    expect(d.tables[IDS.projects]).toBe(input.tables[IDS.projects]);
  });

  it('throws OperationError for a missing column or one its table does not list', () => {
    expect(() => moveColumn(frozen(), { columnId: 'nope', toIndex: 0 })).toThrow(
      new OperationError('No column with id "nope".'),
    );
    const broken = structuredClone(exampleDesign());
    broken.tables[IDS.tasks]!.columnIds = broken.tables[IDS.tasks]!.columnIds.filter((id) => id !== IDS.tasksTitle);
    expect(() => moveColumn(deepFreeze(broken), { columnId: IDS.tasksTitle, toIndex: 0 })).toThrow(
      new OperationError('Column "title" is not listed in its table.'),
    );
  });
});

describe('deleteColumn', () => {
  it('removes the column and strips it from indexes', () => {
    const input = frozen();
    const d = deleteColumn(input, { columnId: IDS.tasksUserId });
    const expected = structuredClone(exampleDesign());
    delete expected.columns[IDS.tasksUserId];
    expected.tables[IDS.tasks]!.columnIds = expected.tables[IDS.tasks]!.columnIds.filter(
      (id) => id !== IDS.tasksUserId,
    );
    expected.indexes[IDS.tasksUserStatusIdx]!.columnIds = [IDS.tasksStatus];
    expect(d).toStrictEqual(expected);
    expect(d.relations).toBe(input.relations);
  });

  it('deletes an index it empties, and its id from the table', () => {
    const d1 = deleteColumn(frozen(), { columnId: IDS.tasksUserId });
    const d = deleteColumn(deepFreeze(d1), { columnId: IDS.tasksStatus });
    expect(d.indexes).toStrictEqual({});
    expect(d.tables[IDS.tasks]!.indexIds).toEqual([]);
    expect(d.tables[IDS.tasks]!.columnIds).toEqual([
      IDS.tasksId,
      IDS.tasksTitle,
      IDS.tasksProjectId,
      IDS.tasksCreatedAt,
      IDS.tasksUpdatedAt,
    ]);
  });

  it('removes the relation from the column', () => {
    const d = deleteColumn(frozen(), { columnId: IDS.tasksProjectId });
    expect(d.relations).toStrictEqual({});
    expect(d.columns[IDS.tasksProjectId]).toBeUndefined();
    expect(d.indexes).toStrictEqual(exampleDesign().indexes);
  });

  it('removes relations to the column but keeps the referencing column', () => {
    const input = frozen();
    const d = deleteColumn(input, { columnId: IDS.projectsId });
    expect(d.relations).toStrictEqual({});
    expect(d.columns[IDS.tasksProjectId]).toBe(input.columns[IDS.tasksProjectId]);
    expect(d.tables[IDS.projects]!.columnIds).toEqual([
      IDS.projectsUserId,
      IDS.projectsName,
      IDS.projectsCreatedAt,
      IDS.projectsUpdatedAt,
    ]);
    expect(d.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
  });

  it('throws OperationError for a missing column', () => {
    expect(() => deleteColumn(frozen(), { columnId: 'nope' })).toThrow(new OperationError('No column with id "nope".'));
  });
});
