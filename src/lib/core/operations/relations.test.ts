import { describe, expect, it } from 'vitest';
import { type Design, type Relation } from '../design';
import { IDS, deepFreeze, exampleDesign, keyOrder, standardColumnIds } from '../test-fixtures';
import { addColumn, updateColumn } from './columns';
import { connect, connectTables, disconnect, singular, updateRelation } from './relations';
import { addTable } from './tables';
import { OperationError } from './util';

const frozen = () => deepFreeze(exampleDesign());

const relation = (r: Partial<Relation> & Pick<Relation, 'id' | 'fromColumnId' | 'toColumnId'>): Relation => ({
  onDelete: null,
  onUpdate: null,
  logical: false,
  ...r,
});

/** The example plus `tasks.owner_project` (text) with no relation yet. */
function withOwnerColumn(): Design {
  return deepFreeze(addColumn(exampleDesign(), { tableId: IDS.tasks, id: 'c_owner', name: 'owner_project' }));
}

describe('connect', () => {
  it('with toTableId references that table’s primary key', () => {
    const input = withOwnerColumn();
    const d = connect(input, { id: 'r_owner', fromColumnId: 'c_owner', toTableId: IDS.projects, onDelete: 'set null' });
    expect(d).toStrictEqual({
      ...input,
      relations: {
        ...input.relations,
        r_owner: relation({ id: 'r_owner', fromColumnId: 'c_owner', toColumnId: IDS.projectsId, onDelete: 'set null' }),
      },
    });
    expect(d.columns).toBe(input.columns);
    expect(d.tables).toBe(input.tables);
  });

  it('with toColumnId references that column (a self reference too), with every option kept', () => {
    const d = connect(withOwnerColumn(), {
      id: 'r_self',
      fromColumnId: 'c_owner',
      toColumnId: IDS.tasksId,
      onDelete: 'restrict',
      onUpdate: 'no action',
      logical: true,
    });
    expect(d.relations.r_self).toStrictEqual({
      id: 'r_self',
      fromColumnId: 'c_owner',
      toColumnId: IDS.tasksId,
      onDelete: 'restrict',
      onUpdate: 'no action',
      logical: true,
    });
  });

  it('makes a random r_ id when none is given and the column has no relation', () => {
    const d = connect(withOwnerColumn(), { fromColumnId: 'c_owner', toTableId: IDS.projects });
    const ids = Object.keys(d.relations);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toMatch(/^r_[0-9a-z]{10}$/);
    expect(d.relations[ids[1]!]).toStrictEqual(
      relation({ id: ids[1]!, fromColumnId: 'c_owner', toColumnId: IDS.projectsId }),
    );
  });

  it('replaces the relation from the same column, keeping its id and its place', () => {
    const input = deepFreeze(
      connect(withOwnerColumn(), { id: 'r_owner', fromColumnId: 'c_owner', toTableId: IDS.projects }),
    );
    expect(keyOrder(input).relations).toEqual([IDS.tasksProject, 'r_owner']);
    const d = connect(input, { fromColumnId: IDS.tasksProjectId, toColumnId: IDS.tasksId, onDelete: 'set null' });
    expect(d.relations).toStrictEqual({
      [IDS.tasksProject]: relation({
        id: IDS.tasksProject,
        fromColumnId: IDS.tasksProjectId,
        toColumnId: IDS.tasksId,
        onDelete: 'set null',
      }),
      r_owner: input.relations.r_owner,
    });
    expect(keyOrder(d).relations).toEqual([IDS.tasksProject, 'r_owner']);
  });

  it('replaces the relation from the same column under a new explicit id', () => {
    const d = connect(frozen(), { id: 'r_new', fromColumnId: IDS.tasksProjectId, toTableId: IDS.projects });
    expect(d.relations).toStrictEqual({
      r_new: relation({ id: 'r_new', fromColumnId: IDS.tasksProjectId, toColumnId: IDS.projectsId }),
    });
  });

  it('a replacing connect resets the options it is not given', () => {
    const d = connect(frozen(), { fromColumnId: IDS.tasksProjectId, toTableId: IDS.projects });
    expect(d.relations[IDS.tasksProject]).toStrictEqual(
      relation({ id: IDS.tasksProject, fromColumnId: IDS.tasksProjectId, toColumnId: IDS.projectsId }),
    );
  });

  it('throws OperationError for missing ids, a missing target, a target without a single key, a used id', () => {
    const d = withOwnerColumn();
    expect(() => connect(d, { fromColumnId: 'nope', toTableId: IDS.projects })).toThrow(
      new OperationError('No column with id "nope".'),
    );
    expect(() => connect(d, { fromColumnId: 'c_owner', toColumnId: 'nope' })).toThrow(
      new OperationError('No column with id "nope".'),
    );
    expect(() => connect(d, { fromColumnId: 'c_owner', toTableId: 'nope' })).toThrow(
      new OperationError('No table with id "nope".'),
    );
    expect(() => connect(d, { fromColumnId: 'c_owner' })).toThrow(
      new OperationError('A relation needs a target column or table.'),
    );
    const noKey = deepFreeze(updateColumn(d, { columnId: IDS.projectsId, patch: { primaryKey: false } }));
    expect(() => connect(noKey, { fromColumnId: 'c_owner', toTableId: IDS.projects })).toThrow(
      new OperationError('Table "projects" has no single-column primary key to reference.'),
    );
    const twoKeys = deepFreeze(updateColumn(d, { columnId: IDS.projectsName, patch: { primaryKey: true } }));
    expect(() => connect(twoKeys, { fromColumnId: 'c_owner', toTableId: IDS.projects })).toThrow(OperationError);
    expect(() => connect(d, { id: IDS.tasksProject, fromColumnId: 'c_owner', toTableId: IDS.projects })).toThrow(
      new OperationError(`The id "${IDS.tasksProject}" is already used by another relation.`),
    );
  });
});

describe('connectTables', () => {
  it('adds `<singular target>_id` of the key’s type before created_at and connects it (the fixture)', () => {
    const d = exampleDesign();
    expect(d.columns[IDS.tasksProjectId]).toStrictEqual({
      id: IDS.tasksProjectId,
      tableId: IDS.tasks,
      name: 'project_id',
      key: 'projectId',
      type: 'text',
      mode: null,
      enumId: null,
      notNull: false,
      primaryKey: false,
      unique: false,
      default: null,
      comment: '',
    });
    expect(d.tables[IDS.tasks]!.columnIds.slice(-3)).toEqual([
      IDS.tasksProjectId,
      IDS.tasksCreatedAt,
      IDS.tasksUpdatedAt,
    ]);
    expect(d.relations).toStrictEqual({
      [IDS.tasksProject]: relation({
        id: IDS.tasksProject,
        fromColumnId: IDS.tasksProjectId,
        toColumnId: IDS.projectsId,
        onDelete: 'cascade',
      }),
    });
  });

  it('makes the column name unique in the table and keeps the other relation', () => {
    const input = frozen();
    const d = connectTables(input, {
      fromTableId: IDS.tasks,
      toTableId: IDS.projects,
      columnId: 'c_p2',
      relationId: 'r_p2',
      logical: true,
    });
    expect(d.columns.c_p2).toMatchObject({ name: 'project_id_2', key: 'projectId2', type: 'text', notNull: false });
    expect(d.relations).toStrictEqual({
      ...input.relations,
      r_p2: relation({ id: 'r_p2', fromColumnId: 'c_p2', toColumnId: IDS.projectsId, logical: true }),
    });
  });

  it('uses the type of the target key', () => {
    let d0 = addTable(frozen(), { id: 't_counters', name: 'counters', columnIds: standardColumnIds('counters') });
    d0 = updateColumn(d0, { columnId: 'c_counters_id', patch: { type: 'integer' } });
    const d = connectTables(deepFreeze(d0), {
      fromTableId: IDS.tasks,
      toTableId: 't_counters',
      columnId: 'c_k',
      relationId: 'r_k',
    });
    expect(d.columns.c_k).toMatchObject({ name: 'counter_id', key: 'counterId', type: 'integer' });
    expect(d.relations.r_k).toMatchObject({ fromColumnId: 'c_k', toColumnId: 'c_counters_id' });
  });

  it('names a self reference parent_id, and honours an explicit name (made unique, not re-cased)', () => {
    const self = connectTables(frozen(), {
      fromTableId: IDS.tasks,
      toTableId: IDS.tasks,
      columnId: 'c_parent',
      relationId: 'r_parent',
    });
    expect(self.columns.c_parent).toMatchObject({ name: 'parent_id', key: 'parentId', tableId: IDS.tasks });
    expect(self.relations.r_parent).toMatchObject({ fromColumnId: 'c_parent', toColumnId: IDS.tasksId });

    const named = connectTables(frozen(), {
      fromTableId: IDS.tasks,
      toTableId: IDS.projects,
      columnId: 'c_home',
      relationId: 'r_home',
      name: 'home_project',
    });
    expect(named.columns.c_home).toMatchObject({ name: 'home_project', key: 'homeProject' });
    const taken = connectTables(frozen(), {
      fromTableId: IDS.tasks,
      toTableId: IDS.projects,
      columnId: 'c_t',
      relationId: 'r_t',
      name: 'title',
    });
    expect(taken.columns.c_t).toMatchObject({ name: 'title_2', key: 'title2' });
  });

  it('singularises the target table name', () => {
    const d0 = addTable(frozen(), { id: 't_cat', name: 'task_categories', columnIds: standardColumnIds('cat') });
    const d = connectTables(deepFreeze(d0), {
      fromTableId: IDS.tasks,
      toTableId: 't_cat',
      columnId: 'c_cat',
      relationId: 'r_cat',
    });
    expect(d.columns.c_cat).toMatchObject({ name: 'task_category_id', key: 'taskCategoryId' });
  });

  it('throws OperationError for missing tables or a target without a key, and changes nothing', () => {
    const d = frozen();
    expect(() => connectTables(d, { fromTableId: 'nope', toTableId: IDS.projects })).toThrow(
      new OperationError('No table with id "nope".'),
    );
    expect(() => connectTables(d, { fromTableId: IDS.tasks, toTableId: 'nope' })).toThrow(
      new OperationError('No table with id "nope".'),
    );
    const noKey = deepFreeze(updateColumn(d, { columnId: IDS.projectsId, patch: { primaryKey: false } }));
    expect(() => connectTables(noKey, { fromTableId: IDS.tasks, toTableId: IDS.projects })).toThrow(
      new OperationError('Table "projects" has no single-column primary key to reference.'),
    );
  });
});

describe('singular', () => {
  it.each([
    ['projects', 'project'],
    ['categories', 'category'],
    ['boxes', 'box'],
    ['matches', 'match'],
    ['wishes', 'wish'],
    ['status', 'status'],
    ['address', 'address'],
    ['daily_log', 'daily_log'],
    ['notes', 'note'],
  ])('%s → %s', (plural, expected) => {
    expect(singular(plural)).toBe(expected);
  });
});

describe('updateRelation', () => {
  it('changes only the given fields', () => {
    const input = frozen();
    const before = input.relations[IDS.tasksProject]!;
    const d1 = updateRelation(input, { relationId: IDS.tasksProject, onUpdate: 'cascade' });
    expect(d1.relations[IDS.tasksProject]).toStrictEqual({ ...before, onUpdate: 'cascade' });
    const d2 = updateRelation(deepFreeze(d1), { relationId: IDS.tasksProject, onDelete: null, logical: true });
    expect(d2.relations[IDS.tasksProject]).toStrictEqual({
      ...before,
      onUpdate: 'cascade',
      onDelete: null,
      logical: true,
    });
    expect(d2.columns).toBe(input.columns);
    expect(d2.tables).toBe(input.tables);
  });

  it('throws OperationError for a missing relation', () => {
    expect(() => updateRelation(frozen(), { relationId: 'nope', logical: true })).toThrow(
      new OperationError('No relation with id "nope".'),
    );
  });
});

describe('disconnect', () => {
  it('removes the relation and keeps the column', () => {
    const input = frozen();
    const d = disconnect(input, { relationId: IDS.tasksProject });
    expect(d).toStrictEqual({ ...input, relations: {} });
    expect(d.columns).toBe(input.columns);
  });

  it('throws OperationError for a missing relation', () => {
    expect(() => disconnect(frozen(), { relationId: 'nope' })).toThrow(
      new OperationError('No relation with id "nope".'),
    );
  });
});

describe('singular', () => {
  it.each([
    ['projects', 'project'],
    ['categories', 'category'],
    ['statuses', 'status'],
    ['boxes', 'box'],
    ['classes', 'class'],
    ['series', 'series'],
    ['status', 'status'],
    ['daily_log', 'daily_log'],
  ])('%s → %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });
});
