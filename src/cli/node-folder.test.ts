import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeDir, tempDir } from '../testing/module-folder';
import { CliError } from './io';
import { FolderWriteError, nodeFolder } from './node-folder';

/**
 * node:fs as it is, except that a test can make a rename or a link fail (running as root, permissions cannot make
 * a rename fail after the temporary files were written) and can watch the renames.
 */
const fsHooks = vi.hoisted(() => ({
  failRename: null as ((from: string, to: string) => boolean) | null,
  failLink: false,
  failWrite: false,
  renames: [] as { from: string; to: string }[],
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated failure`), { code });
  return {
    ...fs,
    renameSync(from: string, to: string) {
      if (fsHooks.failRename?.(from, to)) throw fail('EACCES');
      fsHooks.renames.push({ from, to });
      fs.renameSync(from, to);
    },
    writeSync(...args: Parameters<typeof fs.writeSync>) {
      if (fsHooks.failWrite) throw fail('ENOSPC');
      return fs.writeSync(...(args as [number, string]));
    },
    linkSync(from: string, to: string) {
      if (fsHooks.failLink) throw fail('EPERM');
      fs.linkSync(from, to);
    },
  };
});

let dirs: string[] = [];
function scratch(): string {
  const d = tempDir('node-folder');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs) removeDir(d);
  dirs = [];
  fsHooks.failRename = null;
  fsHooks.failLink = false;
  fsHooks.failWrite = false;
  fsHooks.renames = [];
});

/** Every file under `dir` with its text (folders as `path/`), sorted: the whole tree, to compare exactly. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      const rel = relative(dir, full).split('\\').join('/');
      if (entry.isDirectory()) {
        out[`${rel}/`] = '';
        walk(full);
      } else out[rel] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** A module folder with an existing migration, its journal and code. */
function existingModule(): { dir: string; before: Record<string, string> } {
  const dir = scratch();
  mkdirSync(join(dir, 'drizzle/meta'), { recursive: true });
  writeFileSync(join(dir, 'drizzle/0000_init.sql'), 'CREATE TABLE x (id text);');
  writeFileSync(join(dir, 'drizzle/meta/_journal.json'), 'journal 0');
  writeFileSync(join(dir, 'drizzle/meta/0000_snapshot.json'), 'snapshot 0');
  writeFileSync(join(dir, 'tables.ts'), 'old tables');
  return { dir, before: tree(dir) };
}

/** The next export of `existingModule`, in the order a caller might give it (the migration first). */
const NEXT: readonly { path: string; content: string }[] = [
  { path: 'drizzle/0001_add_y.sql', content: 'ALTER TABLE x ADD y text;' },
  { path: 'drizzle/meta/0001_snapshot.json', content: 'snapshot 1' },
  { path: 'drizzle/meta/_journal.json', content: 'journal 1' },
  { path: 'tables.ts', content: 'new tables' },
  { path: 'lib/models/index.ts', content: 'new models' },
];

/** How a rejected write failed: its class and message. */
async function refusal(write: Promise<void>): Promise<{ error: unknown; message: string }> {
  try {
    await write;
  } catch (error) {
    return { error, message: (error as Error).message };
  }
  throw new Error('expected the write to be refused');
}

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

  it('refuses a folder where a file goes before writing anything, naming it', async () => {
    const { dir, before } = existingModule();
    mkdirSync(join(dir, 'drizzle/meta/0001_snapshot.json'));
    const withFolder = tree(dir);
    const { error, message } = await refusal(nodeFolder(dir, 'mod').writeAll(NEXT));
    expect(error).toBeInstanceOf(FolderWriteError);
    expect(error).toBeInstanceOf(CliError);
    expect(message).toBe(
      'drizzle/meta/0001_snapshot.json in mod is a folder where a file must be written; nothing was written',
    );
    expect(tree(dir)).toEqual(withFolder);
    expect(withFolder).toEqual({ ...before, 'drizzle/meta/0001_snapshot.json/': '' });
  });

  it('moves the new files into place with .sql files last, replacing old ones and leaving no backups', async () => {
    const { dir, before } = existingModule();
    await nodeFolder(dir, 'mod').writeAll(NEXT);
    const placed = fsHooks.renames.filter((r) => r.from.endsWith('.molos-tmp')).map((r) => relative(dir, r.to));
    expect(placed).toEqual([
      'drizzle/meta/0001_snapshot.json',
      'drizzle/meta/_journal.json',
      'tables.ts',
      'lib/models/index.ts',
      'drizzle/0001_add_y.sql',
    ]);
    expect(tree(dir)).toEqual({
      ...before,
      'drizzle/0001_add_y.sql': 'ALTER TABLE x ADD y text;',
      'drizzle/meta/0001_snapshot.json': 'snapshot 1',
      'drizzle/meta/_journal.json': 'journal 1',
      'lib/': '',
      'lib/models/': '',
      'lib/models/index.ts': 'new models',
      'tables.ts': 'new tables',
    });
  });

  it('puts every moved file back when a later move fails, and removes the temporary files and new folders', async () => {
    const { dir, before } = existingModule();
    // The migration is moved last: every other file is already in place when it fails.
    fsHooks.failRename = (from, to) => from.endsWith('.molos-tmp') && to.endsWith('0001_add_y.sql');
    const { error, message } = await refusal(nodeFolder(dir, 'mod').writeAll(NEXT));
    expect(error).toBeInstanceOf(FolderWriteError);
    expect(message).toBe(
      'cannot write drizzle/0001_add_y.sql into mod: permission denied (EACCES); nothing was changed',
    );
    expect(tree(dir)).toEqual(before);

    // A move that fails onto a file still in place: its backup (a second link to it) is removed.
    fsHooks.failRename = (from, to) => from.endsWith('.molos-tmp') && to.endsWith('_journal.json');
    expect((await refusal(nodeFolder(dir, 'mod').writeAll(NEXT))).message).toBe(
      'cannot write drizzle/meta/_journal.json into mod: permission denied (EACCES); nothing was changed',
    );
    expect(tree(dir)).toEqual(before);
  });

  it('writes nothing when a temporary file cannot be written, and removes the folders it made', async () => {
    const { dir, before } = existingModule();
    fsHooks.failWrite = true;
    const { error, message } = await refusal(nodeFolder(dir, 'mod').writeAll(NEXT));
    expect(error).toBeInstanceOf(FolderWriteError);
    expect(message).toBe(
      'cannot write drizzle/0001_add_y.sql into mod: the disk is full (ENOSPC); nothing was written',
    );
    expect(tree(dir)).toEqual(before);
    // A module folder the write had to make is removed again, with the folders in it.
    const parent = scratch();
    await refusal(nodeFolder(join(parent, 'a/b'), 'a/b').writeAll([{ path: 'lib/models/x.ts', content: 'x' }]));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('puts files back from backups moved aside where hard links are not supported', async () => {
    const { dir, before } = existingModule();
    fsHooks.failLink = true;
    fsHooks.failRename = (from, to) => from.endsWith('.molos-tmp') && to.endsWith('tables.ts');
    const { message } = await refusal(nodeFolder(dir, 'mod').writeAll(NEXT));
    expect(message).toBe('cannot write tables.ts into mod: permission denied (EACCES); nothing was changed');
    expect(tree(dir)).toEqual(before);

    // And a write that succeeds that way leaves no backup behind.
    fsHooks.failRename = null;
    await nodeFolder(dir, 'mod').writeAll(NEXT.slice(0, 4));
    expect(Object.keys(tree(dir)).filter((p) => p.includes('.molos-'))).toEqual([]);
    expect(readFileSync(join(dir, 'tables.ts'), 'utf8')).toBe('new tables');
  });

  it('says where the old text is when a file cannot be put back', async () => {
    const { dir } = existingModule();
    fsHooks.failLink = true;
    fsHooks.failRename = (from, to) =>
      (from.endsWith('.molos-tmp') && to.endsWith('0001_add_y.sql')) ||
      (from.endsWith('.molos-bak') && to.endsWith('tables.ts'));
    const { message } = await refusal(nodeFolder(dir, 'mod').writeAll(NEXT));
    const backup = readdirSync(dir).find((n) => n.endsWith('.molos-bak'));
    expect(backup).toMatch(/^tables\.ts\.[0-9a-f]{12}\.molos-bak$/);
    expect(message).toBe(
      `cannot write drizzle/0001_add_y.sql into mod: permission denied (EACCES); the files written so far were put back, except:\n  tables.ts: its old text is in ${backup} (permission denied (EACCES))`,
    );
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('old tables');
    expect(readFileSync(join(dir, 'drizzle/meta/_journal.json'), 'utf8')).toBe('journal 0');
    expect(existsSync(join(dir, 'drizzle/0001_add_y.sql'))).toBe(false);
  });

  it('writes into a module folder that is itself a symbolic link, and still refuses links inside it', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'real/MoLOS-X'), { recursive: true });
    symlinkSync(join(dir, 'real/MoLOS-X'), join(dir, 'link'));
    const folder = nodeFolder(join(dir, 'link'), 'link');
    await folder.writeAll([{ path: 'drizzle/0000_init.sql', content: 'SELECT 1;' }]);
    expect(readFileSync(join(dir, 'real/MoLOS-X/drizzle/0000_init.sql'), 'utf8')).toBe('SELECT 1;');
    expect(await folder.readText('drizzle/0000_init.sql')).toBe('SELECT 1;');

    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(dir, 'real/MoLOS-X/lib'));
    expect((await refusal(folder.writeText('lib/models.ts', 'x'))).message).toBe(
      'lib is a symbolic link, so writing lib/models.ts could change a file outside the module folder link; nothing was written',
    );
    expect(readdirSync(join(dir, 'outside'))).toEqual([]);

    // A module folder not made yet, under a linked parent: its nearest existing parent is resolved.
    symlinkSync(join(dir, 'real'), join(dir, 'modules'));
    await nodeFolder(join(dir, 'modules/MoLOS-New'), 'modules/MoLOS-New').writeText('tables.ts', 'new');
    expect(readFileSync(join(dir, 'real/MoLOS-New/tables.ts'), 'utf8')).toBe('new');
  });
});
