import { describe, expect, it } from 'vitest';
import { type Design, emptyDesign } from '../../core/design';
import { addColumn, addEnum, addTable, connectTables, updateColumn } from '../../core/operations';
import {
  type PaletteCommand,
  commandEntries,
  designEntries,
  filterTables,
  matchScore,
  searchPalette,
  tablesToReveal,
} from './palette-search';

function design(): Design {
  let d = emptyDesign({ id: 'MoLOS-Tasks', name: 'Tasks', layout: 'legacy' });
  d = addTable(d, { id: 't_p', name: 'projects' });
  d = addTable(d, { id: 't_t', name: 'tasks' });
  d = addTable(d, { id: 't_u', name: 'user_settings' });
  d = addEnum(d, { id: 'e_s', name: 'TaskStatus', members: [{ value: 'todo' }] });
  d = addColumn(d, { tableId: 't_t', id: 'c_status', name: 'status', enumId: 'e_s' });
  d = addColumn(d, { tableId: 't_p', id: 'c_owner', name: 'owner_user', type: 'text' });
  return connectTables(d, { fromTableId: 't_t', toTableId: 't_p', columnId: 'c_fk', relationId: 'r_1' });
}

const COMMANDS: PaletteCommand[] = [
  { id: 'add-table', label: 'Add table', kbd: 'Alt+T' },
  { id: 'share', label: 'Share…' },
  { id: 'fit-view', label: 'Fit view', kbd: 'Shift+1' },
];

const labels = (query: string, d = design()) =>
  searchPalette([...commandEntries(COMMANDS), ...designEntries(d)], query).map(
    (r) => `${r.entry.target.kind} ${r.entry.label}`,
  );

describe('designEntries', () => {
  it('lists every table, column as table.column, enum and relation as from → to, by label', () => {
    expect(designEntries(design()).map((e) => `${e.target.kind} ${e.label}`)).toEqual([
      'enum TaskStatus',
      'table projects',
      'column projects.created_at',
      'column projects.id',
      'column projects.owner_user',
      'column projects.updated_at',
      'column projects.user_id',
      'table tasks',
      'column tasks.created_at',
      'column tasks.id',
      'column tasks.project_id',
      'relation tasks.project_id → projects.id',
      'column tasks.status',
      'column tasks.updated_at',
      'column tasks.user_id',
      'table user_settings',
      'column user_settings.created_at',
      'column user_settings.id',
      'column user_settings.updated_at',
      'column user_settings.user_id',
    ]);
  });

  it('builds the index once per design object and again after an edit', () => {
    const d = design();
    expect(designEntries(d)).toBe(designEntries(d));
    const renamed = updateColumn(d, { columnId: 'c_status', patch: { name: 'state' } });
    expect(designEntries(renamed)).not.toBe(designEntries(d));
    expect(designEntries(renamed).map((e) => e.label)).toContain('tasks.state');
    expect(designEntries(renamed).map((e) => e.label)).not.toContain('tasks.status');
  });

  it('points each entry at its element, with the tables to bring into view', () => {
    const byLabel = new Map(designEntries(design()).map((e) => [e.label, e.target]));
    expect(byLabel.get('tasks.status')).toEqual({ kind: 'column', id: 'c_status', tableId: 't_t' });
    expect(byLabel.get('tasks.project_id → projects.id')).toEqual({
      kind: 'relation',
      id: 'r_1',
      tableIds: ['t_t', 't_p'],
    });
    expect(tablesToReveal(byLabel.get('tasks.status')!)).toEqual(['t_t']);
    expect(tablesToReveal(byLabel.get('tasks.project_id → projects.id')!)).toEqual(['t_t', 't_p']);
    expect(tablesToReveal(byLabel.get('projects')!)).toEqual(['t_p']);
    expect(tablesToReveal(byLabel.get('TaskStatus')!)).toEqual([]);
    expect(tablesToReveal({ kind: 'command', id: 'share' })).toEqual([]);
  });
});

describe('matchScore', () => {
  it('ranks exact, prefix, word start, substring and scattered letters in that order', () => {
    expect(matchScore('status', 'status')).toBe(0);
    expect(matchScore('status', 'stat')).toBe(1);
    expect(matchScore('tasks.status', 'stat')).toBe(2);
    expect(matchScore('tasks.user_id', 'id')).toBe(2);
    expect(matchScore('projects', 'ject')).toBe(3);
    const scattered = matchScore('tasks.project_id', 'tpid');
    expect(scattered).toBeGreaterThanOrEqual(4);
    expect(scattered).toBeLessThan(5);
    expect(matchScore('tasks', 'tz')).toBe(-1);
    expect(matchScore('tasks', 'skat')).toBe(-1);
  });

  it('prefers letters close together to letters spread out', () => {
    expect(matchScore('user_settings', 'uset')).toBeLessThan(matchScore('user_id_extra_settings', 'uset'));
  });

  it('finds a word start after an earlier plain occurrence', () => {
    // "id" first occurs inside "widget", then at the start of "id".
    expect(matchScore('widgets.id', 'id')).toBe(2);
  });
});

describe('searchPalette', () => {
  it('puts the exact column name first, then prefixes, then the rest', () => {
    expect(labels('status')).toEqual(['column tasks.status', 'enum TaskStatus']);
    // Equally good matches: the shorter label first. Scattered letters (u…s…e…r…_…i…d) come after.
    const entries = [...commandEntries(COMMANDS), ...designEntries(design())];
    const found = searchPalette(entries, 'user_id');
    expect(found.slice(0, 3).map((r) => [r.entry.label, r.score])).toEqual([
      ['tasks.user_id', 0],
      ['projects.user_id', 0],
      ['user_settings.user_id', 0],
    ]);
    expect(found.slice(3).every((r) => r.score >= 4)).toBe(true);
  });

  it('ranks a table whose name starts with the query above columns that only contain it', () => {
    const found = labels('user');
    // Then the columns named user…, then the columns of the user… table.
    expect(found.slice(0, 5)).toEqual([
      'table user_settings',
      'column tasks.user_id',
      'column projects.user_id',
      'column user_settings.user_id',
      'column user_settings.id',
    ]);
    // `owner_user` contains "user" at a word start: after every prefix match (the table and its four columns, and
    // two more user_id columns).
    expect(found.indexOf('column projects.owner_user')).toBe(7);
  });

  it('matches table.column and the relation arrow, typed as → or ->', () => {
    expect(labels('tasks.stat')).toEqual(['column tasks.status']);
    expect(labels('project_id -> proj')).toEqual(['relation tasks.project_id → projects.id']);
    expect(labels('→ projects')).toEqual(['relation tasks.project_id → projects.id']);
  });

  it('is case-insensitive and ignores surrounding spaces', () => {
    expect(labels('  TASKSTATUS ')).toEqual(['enum TaskStatus', 'column tasks.status']);
  });

  it('finds commands by label, without the trailing ellipsis mattering', () => {
    expect(labels('share')).toEqual(['command Share…']);
    expect(labels('fit')[0]).toBe('command Fit view');
    expect(labels('add t')[0]).toBe('command Add table');
  });

  it('finds letters typed with gaps, after every closer match', () => {
    const found = labels('tsks');
    expect(found[0]).toBe('table tasks');
    expect(found).toContain('column tasks.status');
  });

  it('lists commands, then tables, then the rest for an empty query, and stops at the limit', () => {
    const all = searchPalette([...commandEntries(COMMANDS), ...designEntries(design())], '', 5);
    expect(all.map((r) => r.entry.label)).toEqual(['Add table', 'Share…', 'Fit view', 'projects', 'tasks']);
  });

  it('returns nothing for a query nothing matches', () => {
    expect(labels('zzz')).toEqual([]);
  });
});

describe('filterTables', () => {
  const shown = (filter: string) => filterTables(design(), filter).map((m) => `${m.name}:${m.column ?? ''}`);

  it('keeps every table, in the design’s order, for an empty filter', () => {
    expect(shown('')).toEqual(['projects:', 'tasks:', 'user_settings:']);
    expect(shown('   ')).toEqual(['projects:', 'tasks:', 'user_settings:']);
  });
  it('matches table names, ignoring case', () => {
    expect(shown('TASK')).toEqual(['tasks:']);
    expect(shown('ject')).toEqual(['projects:', 'tasks:project_id']);
  });
  it('matches column names and says which column matched', () => {
    expect(shown('status')).toEqual(['tasks:status']);
    expect(shown('OWNER')).toEqual(['projects:owner_user']);
    // A table whose own name matches is listed without a column.
    expect(shown('user')).toEqual(['projects:user_id', 'tasks:user_id', 'user_settings:']);
  });
  it('keeps nothing when nothing matches', () => {
    expect(shown('zzz')).toEqual([]);
  });
});
