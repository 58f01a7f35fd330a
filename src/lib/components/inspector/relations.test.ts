import { describe, expect, it } from 'vitest';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { FK_ACTION_OPTIONS, fkActionFromSelect, relationEnds, tableRelations } from './relations';

const d = exampleDesign();

describe('tableRelations', () => {
  it('lists relations leaving and entering a table', () => {
    const tasks = tableRelations(d, IDS.tasks);
    expect(tasks.outgoing.map((e) => [e.from.column.name, e.to.table.name, e.to.column.name])).toEqual([
      ['project_id', 'projects', 'id'],
    ]);
    expect(tasks.incoming).toEqual([]);
    const projects = tableRelations(d, IDS.projects);
    expect(projects.outgoing).toEqual([]);
    expect(projects.incoming.map((e) => e.relation.id)).toEqual([IDS.tasksProject]);
  });

  it('resolves nothing for a relation with a missing end', () => {
    expect(relationEnds(d, { ...d.relations[IDS.tasksProject]!, toColumnId: 'gone' })).toBeNull();
  });
});

describe('FK actions', () => {
  it('maps the select values, with "none" as null', () => {
    expect(FK_ACTION_OPTIONS[0]).toEqual({ value: '', label: 'none' });
    expect(FK_ACTION_OPTIONS.map((o) => o.value)).toContain('set null');
    expect(fkActionFromSelect('cascade')).toBe('cascade');
    expect(fkActionFromSelect('')).toBeNull();
    expect(fkActionFromSelect('drop everything')).toBeNull();
  });
});
