import { describe, expect, it } from 'vitest';
import type { Design } from '$lib/core/design';
import { addColumn, moveTables, setModule, updateColumn, updateEnum, updateTable } from '$lib/core/operations';
import { EMPTY_FOLDER, nextMigration } from '$lib/sql/next-migration';
import { loadExample } from '../../testing/examples';
import { PREVIEW_VIEWS, codeInputKey, sqlInputKey, stalePart, viewDef } from './preview-plan';

const tasks = loadExample('molos-tasks');
const enumId = Object.keys(tasks.enums)[0]!;

/** Edits the SQL key leaves out: none of them may change what the SQL previews compute. */
const sqlIrrelevant: [string, (d: Design) => Design][] = [
  ['a table moves', (d) => moveTables(d, { positions: { t_tasks: { x: 999, y: -5 } } })],
  ['a table comment', (d) => updateTable(d, { tableId: 't_tasks', comment: 'Work items.' })],
  ['a column comment', (d) => updateColumn(d, { columnId: 'c_tasks_notes', patch: { comment: 'Free text.' } })],
  ['an enum comment', (d) => updateEnum(d, { enumId, comment: 'Where a task stands.' })],
  ['the module name and description', (d) => setModule(d, { name: 'Tasks!', description: 'Other words.' })],
  ['the layout', (d) => setModule(d, { layout: d.module.layout === 'legacy' ? 'current' : 'legacy' })],
];

describe('sqlInputKey', () => {
  it.each(sqlIrrelevant)('ignores %s, which indeed never changes the migration', (_name, edit) => {
    const edited = edit(tasks);
    expect(sqlInputKey(edited, false)).toBe(sqlInputKey(tasks, false));
    const before = nextMigration(tasks, EMPTY_FOLDER, { now: 1 });
    const after = nextMigration(edited, EMPTY_FOLDER, { now: 1 });
    expect(after.sql).toBe(before.sql);
    expect(after.after).toEqual(before.after);
  });

  it('changes with the schema, the baseline and the variant', () => {
    const key = sqlInputKey(tasks, false);
    expect(sqlInputKey(addColumn(tasks, { tableId: 't_tasks', name: 'x', type: 'integer' }), false)).not.toBe(key);
    expect(sqlInputKey(updateTable(tasks, { tableId: 't_tasks', exportName: 'todo' }), false)).not.toBe(key);
    expect(sqlInputKey(setModule(tasks, { id: 'MoLOS-Other' }), false)).not.toBe(key);
    const exported = { ...tasks, baseline: nextMigration(tasks, EMPTY_FOLDER, { now: 1 }).baseline };
    expect(sqlInputKey(exported, false)).not.toBe(key);
    expect(sqlInputKey(tasks, true)).not.toBe(key);
  });

  it('changes with the target host (it decides which findings show), absent being the current host', () => {
    const current = setModule(tasks, { host: 'current' });
    const older = setModule(tasks, { host: 'older' });
    expect(sqlInputKey(older, false)).not.toBe(sqlInputKey(current, false));
    const { host: _dropped, ...module } = tasks.module;
    expect(sqlInputKey({ ...tasks, module }, false)).toBe(sqlInputKey(current, false));
  });
});

describe('codeInputKey', () => {
  it('ignores positions and the baseline, but not comments or the layout', () => {
    const key = codeInputKey(tasks);
    expect(codeInputKey(moveTables(tasks, { positions: { t_tasks: { x: 1, y: 2 } } }))).toBe(key);
    const exported = { ...tasks, baseline: nextMigration(tasks, EMPTY_FOLDER, { now: 1 }).baseline };
    expect(codeInputKey(exported)).toBe(key);
    expect(codeInputKey(updateTable(tasks, { tableId: 't_tasks', comment: 'x' }))).not.toBe(key);
    const other = tasks.module.layout === 'legacy' ? 'current' : 'legacy';
    expect(codeInputKey(setModule(tasks, { layout: other }))).not.toBe(key);
  });
});

describe('stalePart', () => {
  it('asks for the part the view shows when its input changed', () => {
    const none = { code: null, sql: null };
    expect(stalePart('tables', tasks, false, none)).toEqual({ part: 'code', key: codeInputKey(tasks) });
    const database = stalePart('database', tasks, false, none);
    expect(database).toEqual({ part: 'sql', key: `database ${sqlInputKey(tasks, false)}` });
    const done = { code: codeInputKey(tasks), sql: database!.key };
    for (const view of PREVIEW_VIEWS.filter((v) => v.part === 'code' || v.id === 'database'))
      expect(stalePart(view.id, tasks, false, done)).toBeNull();
    // Each SQL view computes only its own part, so another SQL view asks again — except the 0000 view, which
    // every SQL result holds.
    expect(stalePart('sql', tasks, false, done)).toBeNull();
    expect(stalePart('sql', tasks, true, done)?.part).toBe('sql');
    expect(stalePart('since', tasks, false, done)?.part).toBe('sql');
    expect(stalePart('since', tasks, true, done)?.part).toBe('sql');
    expect(stalePart('models', tasks, true, done)).toBeNull();
  });

  it('maps every code view to a generated file', () => {
    for (const view of PREVIEW_VIEWS) expect(view.part === 'code').toBe(viewDef(view.id).role !== undefined);
  });
});
