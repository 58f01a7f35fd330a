import { describe, expect, it } from 'vitest';
import type { ModulePlan, WriteOutcome } from '$lib/export/module-plan';
import {
  damagedDesignReport,
  fileErrorReport,
  folderWrittenReport,
  repairedReport,
  saveFailedReport,
  zipReport,
} from './session-reports';

const problem = { path: '$.design.tables.t_1.name', message: 'expected string, got 42' };

describe('session reports', () => {
  it('names the damaged design and the JSON path of each problem', () => {
    const r = damagedDesignReport('Example', [problem]);
    expect(r.title).toBe('The saved design “Example” is damaged and could not be opened');
    expect(r.lines[0]).toEqual({ path: '$.design.tables.t_1.name', text: 'expected string, got 42', tone: 'error' });
    expect(r.lines.at(-1)?.text).toMatch(/left exactly as stored/);
  });

  it('counts repairs and says the stored version is untouched', () => {
    expect(repairedReport('x.json', [problem, problem]).title).toBe('“x.json” was opened with 2 repairs');
    expect(fileErrorReport('broken.json', [problem]).title).toBe('“broken.json” could not be opened');
  });

  it('offers a retry when a save fails and says what is kept', () => {
    let retried = false;
    const r = saveFailedReport('Example', 'the browser’s storage for this site is full', null, () => (retried = true));
    expect(r.lines.map((l) => l.text)).toEqual([
      'Autosave failed: the browser’s storage for this site is full.',
      'The last saved version is kept. Your changes are still here in this tab: use “Save design file” to keep a copy.',
    ]);
    r.action?.run();
    expect(retried).toBe(true);
  });

  it('lists what a folder write wrote, which variant and why, and flags an unsafe migration', () => {
    const finding = {
      code: 'drop-table',
      severity: 'error',
      chunk: 0,
      statement: null,
      params: { table: 'MoLOS-Example_x' },
    } as const;
    const variant = { kind: 'exact', sql: '', findings: [finding], differences: [], chunkProblems: [] };
    const plan = {
      folderName: 'MoLOS-Example',
      migration: { migration: { kind: 'next', tag: '0001_drop_x', notes: ['a note'] } },
      notes: [{ severity: 'warning', file: 'lib/models/index.ts', line: 12, message: 'kept: enum Old is unused' }],
    } as unknown as ModulePlan;
    const outcome = {
      files: [
        { path: 'drizzle/0001_drop_x.sql', action: 'create' },
        { path: 'manifest.yaml', action: 'keep' },
      ],
      choice: {
        request: 'exact',
        variant,
        reason: 'as asked',
        consequences: ['loses 3 of 3 rows of MoLOS-Example_y in the dry run'],
        refusals: [],
      },
    } as unknown as WriteOutcome;
    const r = folderWrittenReport(plan, outcome);
    expect(r.tone).toBe('warning');
    expect(r.title).toBe('Wrote MoLOS-Example; the migration is unsafe under the MoLOS host (1 problem)');
    expect(r.lines.map((l) => [l.path, l.text, l.tone])).toEqual([
      ['drizzle/0001_drop_x.sql', 'new migration: drizzle-kit’s exact SQL, as asked', 'success'],
      [undefined, 'It loses 3 of 3 rows of MoLOS-Example_y in the dry run.', 'error'],
      [undefined, 'a note', 'warning'],
      [undefined, 'Dropping MoLOS-Example_x deletes the table and all its rows.', 'error'],
      ['manifest.yaml', 'kept (yours to edit)', 'info'],
      ['lib/models/index.ts:12', 'kept: enum Old is unused', 'warning'],
    ]);
  });

  it('says why a zip holds no migration, and which variant a zip holds', () => {
    const plan = { folderName: 'MoLOS-Example', migration: null, notes: [] } as unknown as ModulePlan;
    const codeOnly = zipReport('MoLOS-Example.zip', { kind: 'code-only', plan, files: [], why: 'No history.' });
    expect(codeOnly.title).toBe('Downloaded MoLOS-Example.zip without a migration');
    expect(codeOnly.lines).toEqual([{ text: 'No history.', tone: 'warning' }]);
    const withMigration = {
      ...plan,
      migration: { migration: { kind: 'next', tag: '0001_alter_tasks', notes: [] } },
    } as unknown as ModulePlan;
    const variant = { kind: 'safe', findings: [] };
    const zip = zipReport('MoLOS-Example.zip', {
      kind: 'module',
      plan: withMigration,
      choice: {
        request: 'auto',
        variant,
        reason: 'because drizzle-kit’s SQL loses rows',
        consequences: [],
        refusals: [],
      },
      files: [{ path: 'a', content: '' }],
      baseline: {},
    } as unknown as Parameters<typeof zipReport>[1]);
    expect(zip.tone).toBe('success');
    expect(zip.lines.map((l) => l.text)).toEqual([
      'new migration: the MoLOS-safe variant, because drizzle-kit’s SQL loses rows',
      '1 file. The design now counts this download as its last export.',
    ]);
  });
});
