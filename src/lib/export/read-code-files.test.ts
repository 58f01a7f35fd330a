import { describe, expect, it } from 'vitest';
import { memoryFolder } from './module-folder';
import { readCodeFiles } from './read-code-files';
import { readMigrationFiles } from './read-migrations';

describe('readCodeFiles', () => {
  it('reads every .ts file under the schema and models folders, and the scaffold files that exist', async () => {
    const folder = memoryFolder('m', {
      'lib/models/index.ts': 'export * from "./types";\n',
      'lib/models/types.ts': 'export type A = 1;\n',
      'lib/models/deep/more.ts': 'export {};\n',
      'lib/models/README.md': '# not code\n',
      'lib/models/node_modules/x/index.ts': 'never read\n',
      'lib/server/db/schema/tables.ts': '// tables\n',
      'lib/server/db/schema/index.ts': '// index\n',
      'lib/server/other.ts': 'not the schema folder\n',
      'manifest.yaml': 'id: m\n',
    });
    expect([...(await readCodeFiles(folder, 'legacy')).keys()]).toEqual([
      'lib/server/db/schema/index.ts',
      'lib/server/db/schema/tables.ts',
      'lib/models/deep/more.ts',
      'lib/models/index.ts',
      'lib/models/types.ts',
      'manifest.yaml',
    ]);
  });
});

describe('readMigrationFiles', () => {
  it('keeps each file’s text and gives the SQL files as the host gets them', async () => {
    const folder = memoryFolder('m', {
      'drizzle/0001_b.sql': 'B',
      'drizzle/0000_a.sql': 'A',
      'drizzle/notes.txt': 'x',
      'drizzle/backup/0002_old.sql': 'never',
      'drizzle/meta/_journal.json': '{"version":"7","dialect":"sqlite","entries":[]}',
    });
    const read = await readMigrationFiles(folder);
    expect(read.history).toEqual([
      { name: '0000_a.sql', sql: 'A' },
      { name: '0001_b.sql', sql: 'B' },
    ]);
    expect(read.folder.sqlFiles).toEqual(['0000_a.sql', '0001_b.sql']);
    expect([...read.texts.keys()]).toEqual(['drizzle/meta/_journal.json', 'drizzle/0000_a.sql', 'drizzle/0001_b.sql']);
    expect(await readMigrationFiles(memoryFolder('empty'))).toEqual({
      folder: { journal: null, snapshots: {}, sqlFiles: [] },
      texts: new Map(),
      history: [],
    });
  });
});
