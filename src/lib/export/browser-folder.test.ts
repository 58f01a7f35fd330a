import { describe, expect, it } from 'vitest';
import { handleFolder } from './browser-folder';

/**
 * A stand-in for the File System Access API that logs every step that changes the disk, in the browser's terms:
 * a file is made (empty) by `getFileHandle(…, { create: true })`, a writable stores text aside, and `close()`
 * puts it in place. `failOn` makes one step throw.
 */
class FakeDisk {
  log: string[] = [];
  failOn: string | null = null;
  step(what: string) {
    this.log.push(what);
    if (this.failOn === what) throw new DOMException(`${what} failed`, 'QuotaExceededError');
  }
}

class FakeFile {
  readonly kind = 'file';
  constructor(
    readonly disk: FakeDisk,
    readonly path: string,
    public text = '',
  ) {}
  async createWritable() {
    let stored: string | null = null;
    return {
      write: async (text: string) => {
        this.disk.step(`write ${this.path}`);
        stored = text;
      },
      close: async () => {
        this.disk.step(`close ${this.path}`);
        this.text = stored ?? '';
      },
      abort: async () => {
        this.disk.log.push(`abort ${this.path}`);
      },
    };
  }
  /** The file's bytes when they are not the UTF-8 of `text` (a file saved in another encoding). */
  bytes: Uint8Array | null = null;
  async getFile() {
    const bytes = this.bytes ?? new TextEncoder().encode(this.text);
    return { text: async () => this.text, arrayBuffer: async () => bytes.slice().buffer };
  }
}

class FakeDir {
  readonly kind = 'directory';
  readonly children = new Map<string, FakeDir | FakeFile>();
  constructor(
    readonly disk: FakeDisk,
    readonly path: string,
  ) {}
  private at(name: string) {
    return this.path ? `${this.path}/${name}` : name;
  }
  async getDirectoryHandle(name: string, options?: { create?: boolean }) {
    const found = this.children.get(name);
    if (found instanceof FakeDir) return found;
    if (found) throw new DOMException(name, 'TypeMismatchError');
    if (!options?.create) throw new DOMException(name, 'NotFoundError');
    const dir = new FakeDir(this.disk, this.at(name));
    this.children.set(name, dir);
    return dir;
  }
  async getFileHandle(name: string, options?: { create?: boolean }) {
    const found = this.children.get(name);
    if (found instanceof FakeFile) return found;
    if (found) throw new DOMException(name, 'TypeMismatchError');
    if (!options?.create) throw new DOMException(name, 'NotFoundError');
    this.disk.step(`create ${this.at(name)}`);
    const file = new FakeFile(this.disk, this.at(name));
    this.children.set(name, file);
    return file;
  }
  async removeEntry(name: string) {
    this.disk.log.push(`remove ${this.at(name)}`);
    this.children.delete(name);
  }
  /** Every file below, by path, with its text. */
  files(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const child of this.children.values()) {
      if (child instanceof FakeFile) out[child.path] = child.text;
      else Object.assign(out, child.files());
    }
    return out;
  }
}

/** A module folder with its first migration, journal and code. */
function existingModule() {
  const disk = new FakeDisk();
  const root = new FakeDir(disk, '');
  const put = async (path: string, text: string) => {
    const segments = path.split('/');
    const name = segments.pop()!;
    let dir = root;
    for (const s of segments) dir = await dir.getDirectoryHandle(s, { create: true });
    dir.children.set(name, new FakeFile(disk, path, text));
  };
  return { disk, root, put };
}

/** The next export, in the order a caller might give it (the migration first). */
const NEXT = [
  { path: 'drizzle/0001_add_y.sql', content: 'ALTER TABLE x ADD y text;' },
  { path: 'drizzle/meta/0001_snapshot.json', content: 'snapshot 1' },
  { path: 'drizzle/meta/_journal.json', content: 'journal 1' },
  { path: 'tables.ts', content: 'new tables' },
];

async function setUp() {
  const m = existingModule();
  await m.put('drizzle/0000_init.sql', 'CREATE TABLE x (id text);');
  await m.put('drizzle/meta/_journal.json', 'journal 0');
  await m.put('tables.ts', 'old tables');
  const folder = handleFolder(m.root as unknown as FileSystemDirectoryHandle, 'mod');
  return { ...m, folder, before: m.root.files() };
}

describe('handleFolder writeAll', () => {
  it('creates the migration only after every other text is written, and closes it last', async () => {
    const { disk, root, folder } = await setUp();
    await folder.writeAll(NEXT);
    expect(disk.log).toEqual([
      'create drizzle/meta/0001_snapshot.json',
      'write drizzle/meta/0001_snapshot.json',
      'write drizzle/meta/_journal.json',
      'write tables.ts',
      'create drizzle/0001_add_y.sql',
      'write drizzle/0001_add_y.sql',
      'close drizzle/meta/0001_snapshot.json',
      'close drizzle/meta/_journal.json',
      'close tables.ts',
      'close drizzle/0001_add_y.sql',
    ]);
    expect(root.files()).toEqual({
      'drizzle/0000_init.sql': 'CREATE TABLE x (id text);',
      'drizzle/0001_add_y.sql': 'ALTER TABLE x ADD y text;',
      'drizzle/meta/0001_snapshot.json': 'snapshot 1',
      'drizzle/meta/_journal.json': 'journal 1',
      'tables.ts': 'new tables',
    });
  });

  it('puts no migration in place when a file before it fails to close', async () => {
    const { disk, root, folder, before } = await setUp();
    disk.failOn = 'close drizzle/meta/_journal.json';
    await expect(folder.writeAll(NEXT)).rejects.toThrow('close drizzle/meta/_journal.json failed');
    expect(disk.log.slice(-6)).toEqual([
      'close drizzle/meta/0001_snapshot.json',
      'close drizzle/meta/_journal.json',
      'abort drizzle/meta/_journal.json',
      'abort tables.ts',
      'abort drizzle/0001_add_y.sql',
      'remove drizzle/0001_add_y.sql',
    ]);
    // The snapshot was already in place (a browser cannot take a close back); the migration is not.
    expect(root.files()).toEqual({ ...before, 'drizzle/meta/0001_snapshot.json': 'snapshot 1' });
  });

  it('writes nothing when a text cannot be stored, removing the files it made', async () => {
    const { disk, root, folder, before } = await setUp();
    disk.failOn = 'write drizzle/0001_add_y.sql';
    await expect(folder.writeAll(NEXT)).rejects.toThrow('write drizzle/0001_add_y.sql failed');
    expect(disk.log.filter((l) => !l.startsWith('write') && !l.startsWith('create'))).toEqual([
      'abort drizzle/meta/0001_snapshot.json',
      'abort drizzle/meta/_journal.json',
      'abort tables.ts',
      'abort drizzle/0001_add_y.sql',
      'remove drizzle/meta/0001_snapshot.json',
      'remove drizzle/0001_add_y.sql',
    ]);
    expect(root.files()).toEqual(before);
  });
});

describe('handleFolder readText', () => {
  // issue 14: File.text() put U+FFFD in place of a bad byte, and a merge would have written it back
  it('reads UTF-8 as it is and refuses a file that is not, naming the first bad byte', async () => {
    const { root, folder } = await setUp();
    expect(await folder.readText('tables.ts')).toBe('old tables');
    expect(await folder.readText('drizzle/none.sql')).toBeNull();
    const file = root.children.get('tables.ts') as FakeFile;
    file.bytes = new Uint8Array([0x2f, 0x2f, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "//\ncaf\xE9\n", Latin-1
    await expect(folder.readText('tables.ts')).rejects.toThrow(
      'mod/tables.ts is not valid UTF-8: byte 0xE9 at line 2, column 4 (byte offset 6); save the file as UTF-8 and try again',
    );
  });
});
