import { describe, expect, it } from 'vitest';
import type { Issue } from '$lib/core/rules';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import {
  groupBySeverity,
  inspectorView,
  issueSummary,
  issuesAt,
  sameTarget,
  selectionFor,
  targetTableId,
  worstSeverity,
} from './targets';

const d = exampleDesign();
const issue = (severity: Issue['severity'], target: Issue['target']): Issue => ({
  code: 'enum-unused',
  severity,
  target,
  params: {},
});

describe('targetTableId', () => {
  it('finds the table of tables, columns, indexes and relations', () => {
    expect(targetTableId(d, { kind: 'table', id: IDS.tasks })).toBe(IDS.tasks);
    expect(targetTableId(d, { kind: 'column', id: IDS.projectsName })).toBe(IDS.projects);
    expect(targetTableId(d, { kind: 'index', id: IDS.tasksUserStatusIdx })).toBe(IDS.tasks);
    expect(targetTableId(d, { kind: 'relation', id: IDS.tasksProject })).toBe(IDS.tasks);
  });

  it('has none for the module, enums and missing elements', () => {
    expect(targetTableId(d, { kind: 'module' })).toBeNull();
    expect(targetTableId(d, { kind: 'enum', id: IDS.taskStatus })).toBeNull();
    expect(targetTableId(d, { kind: 'column', id: 'nope' })).toBeNull();
    expect(targetTableId(d, { kind: 'table', id: 'constructor' })).toBeNull();
  });
});

describe('selectionFor', () => {
  it('selects the table of a column and focuses the column', () => {
    expect(selectionFor(d, { kind: 'column', id: IDS.tasksUserId })).toEqual({
      tableIds: [IDS.tasks],
      relationIds: [],
      focus: { kind: 'column', id: IDS.tasksUserId },
    });
  });

  it('selects a relation as a relation and the module as nothing', () => {
    expect(selectionFor(d, { kind: 'relation', id: IDS.tasksProject })).toEqual({
      tableIds: [],
      relationIds: [IDS.tasksProject],
      focus: { kind: 'relation', id: IDS.tasksProject },
    });
    expect(selectionFor(d, { kind: 'module' })).toEqual({ tableIds: [], relationIds: [], focus: null });
    expect(selectionFor(d, { kind: 'enum', id: IDS.taskStatus }).tableIds).toEqual([]);
  });
});

describe('issues', () => {
  const issues = [
    issue('info', { kind: 'module' }),
    issue('error', { kind: 'column', id: IDS.tasksUserId }),
    issue('warning', { kind: 'table', id: IDS.tasks }),
    issue('error', { kind: 'table', id: IDS.tasks }),
  ];

  it('compares targets by kind and id', () => {
    expect(sameTarget({ kind: 'module' }, { kind: 'module' })).toBe(true);
    expect(sameTarget({ kind: 'table', id: 'a' }, { kind: 'column', id: 'a' })).toBe(false);
    expect(issuesAt(issues, { kind: 'table', id: IDS.tasks })).toHaveLength(2);
  });

  it('groups by severity, errors first, leaving out empty groups', () => {
    const groups = groupBySeverity(issues);
    expect(groups.map((g) => [g.severity, g.title, g.issues.length])).toEqual([
      ['error', 'Errors', 2],
      ['warning', 'Warnings', 1],
      ['info', 'Notes', 1],
    ]);
    expect(groupBySeverity([issues[0] as Issue]).map((g) => g.severity)).toEqual(['info']);
    expect(groupBySeverity([])).toEqual([]);
  });

  it('counts issues in words', () => {
    expect(issueSummary(issues)).toBe('2 errors, 1 warning, 1 note');
    expect(issueSummary(issues.slice(1, 2))).toBe('1 error');
    expect(issueSummary([])).toBe('');
  });

  it('names the worst severity', () => {
    expect(worstSeverity(issues)).toBe('error');
    expect(worstSeverity(issues.slice(0, 1))).toBe('info');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('inspectorView', () => {
  it('shows the module for no focus, the module focus or a missing element', () => {
    expect(inspectorView(d, null)).toEqual({ kind: 'module' });
    expect(inspectorView(d, { kind: 'module' })).toEqual({ kind: 'module' });
    expect(inspectorView(d, { kind: 'column', id: 'gone' })).toEqual({ kind: 'module' });
    expect(inspectorView(d, { kind: 'enum', id: 'gone' })).toEqual({ kind: 'module' });
  });

  it('shows a column or an index inside its table', () => {
    expect(inspectorView(d, { kind: 'column', id: IDS.tasksTitle })).toEqual({
      kind: 'table',
      tableId: IDS.tasks,
      columnId: IDS.tasksTitle,
      indexId: null,
    });
    expect(inspectorView(d, { kind: 'index', id: IDS.tasksUserStatusIdx })).toEqual({
      kind: 'table',
      tableId: IDS.tasks,
      columnId: null,
      indexId: IDS.tasksUserStatusIdx,
    });
  });

  it('shows relations and enums on their own', () => {
    expect(inspectorView(d, { kind: 'relation', id: IDS.tasksProject })).toEqual({
      kind: 'relation',
      relationId: IDS.tasksProject,
    });
    expect(inspectorView(d, { kind: 'enum', id: IDS.taskStatus })).toEqual({ kind: 'enum', enumId: IDS.taskStatus });
  });
});
