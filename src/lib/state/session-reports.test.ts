import { describe, expect, it } from 'vitest';
import type { FolderPlan } from '$lib/export/folder-export';
import {
  damagedDesignReport,
  fileErrorReport,
  folderWrittenReport,
  repairedReport,
  saveFailedReport,
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

  it('lists what a folder export wrote and its findings, flagging an unsafe migration', () => {
    const plan = {
      folderName: 'MoLOS-Example',
      migration: { kind: 'next', tag: '0001_drop_x', notes: ['a note'] },
      plain: {
        sql: '',
        differences: [],
        findings: [
          { code: 'drop-table', severity: 'error', chunk: 0, statement: null, params: { table: 'MoLOS-Example_x' } },
        ],
      },
      safe: null,
    } as unknown as FolderPlan;
    const r = folderWrittenReport(
      plan,
      [
        { path: 'drizzle/0001_drop_x.sql', action: 'create' },
        { path: 'manifest.yaml', action: 'keep' },
      ],
      false,
    );
    expect(r.tone).toBe('warning');
    expect(r.title).toBe('Wrote MoLOS-Example; the migration is unsafe under the MoLOS host (1 problem)');
    expect(r.lines.map((l) => [l.path, l.text, l.tone])).toEqual([
      ['drizzle/0001_drop_x.sql', 'new migration', 'success'],
      ['manifest.yaml', 'kept (yours to edit)', 'info'],
      [undefined, 'a note', 'warning'],
      [undefined, 'Dropping MoLOS-Example_x deletes the table and all its rows.', 'error'],
    ]);
  });
});
