import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../testing/module-folder';
import { nodeFolder } from './node-folder';

let dirs: string[] = [];
function scratch(): string {
  const d = tempDir('node-folder');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs) removeDir(d);
  dirs = [];
});

describe('nodeFolder', () => {
  it('lists, reads and writes files by module-relative paths, creating folders', async () => {
    const dir = scratch();
    const folder = nodeFolder(join(dir, 'mod'), 'mod');
    expect(await folder.list('')).toBeNull();
    await folder.writeAll([
      { path: 'drizzle/meta/_journal.json', content: '{}' },
      { path: 'manifest.yaml', content: 'id: MoLOS-X\n' },
    ]);
    expect(await folder.readText('manifest.yaml')).toBe('id: MoLOS-X\n');
    expect(await folder.readText('missing.txt')).toBeNull();
    expect((await folder.list(''))?.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'drizzle', kind: 'directory' },
      { name: 'manifest.yaml', kind: 'file' },
    ]);
    expect(await folder.list('drizzle/meta')).toEqual([{ name: '_journal.json', kind: 'file' }]);
  });

  it('writes nothing when one file of a write cannot be written, and leaves no temporary files', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'tables.ts'), 'old');
    writeFileSync(join(dir, 'drizzle'), 'a file where a folder is needed');
    const folder = nodeFolder(dir, 'mod');
    await expect(
      folder.writeAll([
        { path: 'tables.ts', content: 'new' },
        { path: 'drizzle/0001_x.sql', content: 'SELECT 1;' },
      ]),
    ).rejects.toThrow('drizzle is a file where drizzle/0001_x.sql needs a folder');
    expect(readFileSync(join(dir, 'tables.ts'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['drizzle', 'tables.ts']);
  });

  it('refuses paths outside the folder and writes through symbolic links', async () => {
    const dir = scratch();
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.ts'), 'precious');
    mkdirSync(join(dir, 'mod'));
    symlinkSync(join(outside, 'victim.ts'), join(dir, 'mod', 'tables.ts'));
    symlinkSync(outside, join(dir, 'mod', 'drizzle'));
    const folder = nodeFolder(join(dir, 'mod'), 'mod');
    await expect(folder.writeText('../outside/victim.ts', 'x')).rejects.toThrow(
      '../outside/victim.ts is outside the module folder mod; nothing was written',
    );
    await expect(folder.writeAll([{ path: 'tables.ts', content: 'x' }])).rejects.toThrow(
      'tables.ts is a symbolic link, so writing tables.ts could change a file outside the module folder mod',
    );
    await expect(folder.writeAll([{ path: 'drizzle/0000_init.sql', content: 'x' }])).rejects.toThrow(
      'drizzle is a symbolic link',
    );
    expect(readFileSync(join(outside, 'victim.ts'), 'utf8')).toBe('precious');
    expect(existsSync(join(outside, '0000_init.sql'))).toBe(false);
  });
});
