import { describe, expect, it } from 'vitest';
import { memoryFolder, subfolder } from './module-folder';

describe('memoryFolder', () => {
  it('lists files and directories of a path, and null for a missing directory', async () => {
    const f = memoryFolder('m', { 'a.txt': '1', 'drizzle/meta/_journal.json': '{}', 'drizzle/0000_init.sql': '' });
    expect(await f.list('')).toEqual([
      { name: 'a.txt', kind: 'file' },
      { name: 'drizzle', kind: 'directory' },
    ]);
    expect(await f.list('drizzle')).toEqual([
      { name: 'meta', kind: 'directory' },
      { name: '0000_init.sql', kind: 'file' },
    ]);
    expect(await f.list('nope')).toBeNull();
    expect(await memoryFolder('empty').list('')).toEqual([]);
  });

  it('reads and writes through a subfolder', async () => {
    const f = memoryFolder('parent');
    const sub = subfolder(f, 'child');
    await sub.writeText('x/y.txt', 'hi');
    expect(sub.name).toBe('parent/child');
    expect(await sub.readText('x/y.txt')).toBe('hi');
    expect(await sub.readText('missing')).toBeNull();
    expect(await sub.list('x')).toEqual([{ name: 'y.txt', kind: 'file' }]);
    expect([...f.files.keys()]).toEqual(['child/x/y.txt']);
  });
});
