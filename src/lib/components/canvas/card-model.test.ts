import { describe, expect, it } from 'vitest';
import { applyOperation } from '$lib/core/operations';
import { checkDesign } from '$lib/core/rules';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { CARD, buildCards, cardOf, cardSize } from './card-model';

describe('buildCards', () => {
  it('describes a table: prefixed name, export name and one row per column with markers', () => {
    const d = exampleDesign();
    const tasks = buildCards(d, checkDesign(d)).get(IDS.tasks)!;
    expect(tasks).toMatchObject({ prefix: 'MoLOS-Example_', name: 'tasks', exportName: 'exampleTasks' });
    expect(tasks.columns.map((r) => r.name)).toEqual([
      'id',
      'user_id',
      'title',
      'status',
      'project_id',
      'created_at',
      'updated_at',
    ]);
    const row = (id: string) => tasks.columns.find((r) => r.id === id)!;
    expect(row(IDS.tasksId)).toMatchObject({ pk: true, fk: null, nullable: false });
    expect(row(IDS.tasksStatus)).toMatchObject({ type: 'text · TaskStatus', enumName: 'TaskStatus' });
    expect(row(IDS.tasksProjectId)).toMatchObject({ fk: 'MoLOS-Example_projects.id', nullable: true });
    expect(row(IDS.tasksProjectId).title).toContain('references MoLOS-Example_projects.id');
  });

  it('shows a column mode next to the type', () => {
    const d = applyOperation(exampleDesign(), {
      op: 'addColumn',
      args: { tableId: IDS.projects, id: 'c_done', name: 'done', type: 'integer', mode: 'boolean' },
    });
    expect(
      buildCards(d, [])
        .get(IDS.projects)!
        .columns.find((r) => r.id === 'c_done')?.type,
    ).toBe('integer · boolean');
  });

  it('counts the issues of the table and its columns, worst first', () => {
    // A nullable user_id is a MoLOS convention (a warning); a second column named user_id breaks the table (the
    // operations refuse duplicate names, so the column is renamed directly, as a damaged file could have it).
    let d = applyOperation(exampleDesign(), {
      op: 'updateColumn',
      args: { columnId: IDS.tasksUserId, patch: { notNull: false } },
    });
    d = { ...d, columns: { ...d.columns, [IDS.tasksTitle]: { ...d.columns[IDS.tasksTitle]!, name: 'user_id' } } };
    const issues = checkDesign(d);
    const tasks = buildCards(d, issues).get(IDS.tasks)!;
    expect(tasks.issueCount).toBeGreaterThan(1);
    expect(tasks.worst).toBe('error');
    expect(tasks.issueText).toContain('user_id is nullable');
    expect(tasks.columns.find((r) => r.id === IDS.tasksTitle)?.issue).toBe('error');
    expect(buildCards(d, issues).get(IDS.projects)!.issueCount).toBe(0);
  });

  it('reuses the cards and rows an edit did not touch', () => {
    const d = exampleDesign();
    const first = buildCards(d, checkDesign(d));
    const same = buildCards(d, checkDesign(d), first);
    expect(same.get(IDS.tasks)).toBe(first.get(IDS.tasks));
    const renamed = applyOperation(d, {
      op: 'updateColumn',
      args: { columnId: IDS.tasksTitle, patch: { name: 'heading' } },
    });
    const next = buildCards(renamed, checkDesign(renamed), first);
    expect(next.get(IDS.projects)).toBe(first.get(IDS.projects));
    const tasks = next.get(IDS.tasks)!;
    expect(tasks).not.toBe(first.get(IDS.tasks));
    expect(tasks.columns[0]).toBe(first.get(IDS.tasks)!.columns[0]);
    expect(tasks.columns.find((r) => r.id === IDS.tasksTitle)?.name).toBe('heading');
  });
});

describe('cardSize', () => {
  it('is one header and one row per column high, and grows wider with long names within the limits', () => {
    const d = exampleDesign();
    expect(cardSize(d, d.tables[IDS.tasks]!).height).toBe(CARD.border + CARD.header + 7 * CARD.row);
    expect(cardSize(d, d.tables[IDS.projects]!).width).toBeGreaterThanOrEqual(CARD.minWidth);
    const long = applyOperation(d, {
      op: 'updateColumn',
      args: { columnId: IDS.tasksTitle, patch: { name: 'a_very_long_column_name_that_goes_on' } },
    });
    expect(cardSize(long, long.tables[IDS.tasks]!).width).toBeGreaterThan(cardSize(d, d.tables[IDS.tasks]!).width);
    const huge = applyOperation(d, {
      op: 'updateColumn',
      args: { columnId: IDS.tasksTitle, patch: { name: 'x'.repeat(200) } },
    });
    expect(cardSize(huge, huge.tables[IDS.tasks]!).width).toBe(CARD.maxWidth);
  });
});

describe('cardOf', () => {
  it('names the card an element is drawn on', () => {
    const d = exampleDesign();
    expect(cardOf(d, { kind: 'table', id: IDS.tasks })).toBe(IDS.tasks);
    expect(cardOf(d, { kind: 'column', id: IDS.projectsName })).toBe(IDS.projects);
    expect(cardOf(d, { kind: 'index', id: IDS.tasksUserStatusIdx })).toBe(IDS.tasks);
    expect(cardOf(d, { kind: 'relation', id: IDS.tasksProject })).toBe(IDS.tasks);
    expect(cardOf(d, { kind: 'enum', id: IDS.taskStatus })).toBe(undefined);
    expect(cardOf(d, { kind: 'module' })).toBe(undefined);
    expect(cardOf(d, { kind: 'column', id: 'nope' })).toBe(undefined);
  });
});
