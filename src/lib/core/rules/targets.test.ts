import { describe, expect, it } from 'vitest';
import { IDS, exampleDesign } from '../test-fixtures';
import { tableOfTarget } from './targets';

describe('tableOfTarget', () => {
  const d = exampleDesign();
  it('finds the table of each kind of target', () => {
    expect(tableOfTarget(d, { kind: 'table', id: IDS.tasks })).toBe(IDS.tasks);
    expect(tableOfTarget(d, { kind: 'column', id: IDS.projectsName })).toBe(IDS.projects);
    expect(tableOfTarget(d, { kind: 'index', id: Object.keys(d.indexes)[0] as string })).toBe(IDS.tasks);
    expect(tableOfTarget(d, { kind: 'relation', id: Object.keys(d.relations)[0] as string })).toBe(IDS.tasks);
  });
  it('is null for the module, enums, missing ids and prototype keys', () => {
    expect(tableOfTarget(d, { kind: 'module' })).toBeNull();
    expect(tableOfTarget(d, { kind: 'enum', id: Object.keys(d.enums)[0] as string })).toBeNull();
    expect(tableOfTarget(d, { kind: 'column', id: 'nope' })).toBeNull();
    expect(tableOfTarget(d, { kind: 'table', id: 'constructor' })).toBeNull();
  });
});
