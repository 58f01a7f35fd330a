import { describe, expect, it } from 'vitest';
import { MigrationFolderError, metaFile } from './folder-format';
import { EMPTY_SNAPSHOT } from './snapshot-types';

const snapshotText = JSON.stringify({ ...EMPTY_SNAPSHOT, id: 'a', prevId: '00000000-0000-0000-0000-000000000000' });

describe('metaFile: what a file of drizzle/meta is, as drizzle-kit reads the folder', () => {
  it('reads the journal by its name and skips any other name drizzle-kit skips (a leading "_")', () => {
    expect(metaFile('drizzle/meta/_journal.json', '{}')).toEqual({ kind: 'journal' });
    expect(metaFile('drizzle/meta/_notes.json', 'not json at all')).toEqual({ kind: 'skipped' });
  });

  it('reads a file named as drizzle-kit names snapshots as a snapshot, whatever its prefix', () => {
    for (const name of ['0003_snapshot.json', '20240105120000_snapshot.json']) {
      const m = metaFile(`drizzle/meta/${name}`, snapshotText);
      expect(m.kind, name).toBe('snapshot');
      expect(m.kind === 'snapshot' && m.snapshot.id).toBe('a');
    }
  });

  it('reads a snapshot under another name as a snapshot too (drizzle-kit would use it)', () => {
    const m = metaFile('drizzle/meta/0001.json', snapshotText);
    expect(m.kind === 'snapshot' && m.snapshot.id).toBe('a');
  });

  it('leaves out what is no snapshot, saying why', () => {
    expect(metaFile('drizzle/meta/0001.json', '{"dialect":"sqlite","entries":[{"idx":0,"version":"0001"}]}')).toEqual({
      kind: 'not-snapshot',
      reason: 'it has no snapshot "id" and "tables", so it is not a drizzle-kit snapshot',
    });
    expect(metaFile('drizzle/meta/backup.json', '{"tables": ')).toEqual({
      kind: 'not-snapshot',
      reason: 'it is not valid JSON',
    });
    expect(metaFile('drizzle/meta/README.md', null)).toEqual({ kind: 'not-snapshot', reason: 'it is not a JSON file' });
    expect(metaFile('drizzle/meta/list.json', '[1, 2]')).toMatchObject({ kind: 'not-snapshot' });
  });

  it('keeps a damaged snapshot an error: by its name, or by a snapshot id and tables under another name', () => {
    expect(() => metaFile('drizzle/meta/0000_snapshot.json', '{"version": "6", "dialect": "sqlite"}')).toThrow(
      new MigrationFolderError('drizzle/meta/0000_snapshot.json', '$.id: missing (this field is required)'),
    );
    expect(() => metaFile('drizzle/meta/0000_snapshot.json', '{"version": ')).toThrow(/not valid JSON/);
    expect(() => metaFile('drizzle/meta/0001.json', '{"id": "x", "tables": {}}')).toThrow(
      'drizzle/meta/0001.json: $.version: missing (this field is required)',
    );
  });
});
