/**
 * Hostile or odd input on the command line (issue 14, item 4): each case gets a clear message and exit 2, never
 * "internal error" (70), a hang, or text read with its bad bytes replaced.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
function scratch(prefix: string): string {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

async function cli(args: string[], cwd = REPO) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

const EXAMPLE = join(REPO, 'static/examples/molos-example.json');

/** A design file (a copy of the example) and the module generated from it, in a fresh folder. */
async function generatedModule(prefix: string): Promise<{ dir: string; design: string; out: string }> {
  const dir = scratch(prefix);
  const design = join(dir, 'design.json');
  writeFileSync(design, readFileSync(EXAMPLE));
  const out = join(dir, 'MoLOS-Example');
  const r = await cli(['generate', design, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return { dir, design, out };
}

/** Every file under `dir` with its bytes (hex), so a test can tell that nothing changed. */
function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) out[path] = readFileSync(join(dir, path)).toString('hex');
      else out[path] = 'special';
    }
  };
  walk('');
  return out;
}

describe('generate --out and the shape of drizzle/', () => {
  // issue 14: --out naming a file is a usage error (2), not a refusal to write into it
  it('refuses --out that is a file, and leaves the file as it was', async () => {
    const dir = scratch('edge-out-file');
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'mine');
    const r = await cli(['generate', EXAMPLE, '--out', file]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `molos-schema: ${file} is a file, not a module folder; give the module's folder\n`,
    });
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const since = await cli(['sql', EXAMPLE, '--since', file]);
    expect(since.code).toBe(2);
    expect(since.stderr).toBe(`molos-schema: ${file} is a file, not a module folder; give the module's folder\n`);
  });

  const cases: { what: string; make: (out: string) => void; path: string; problem: string }[] = [
    {
      what: 'drizzle is a file',
      make: (out) => {
        rmSync(join(out, 'drizzle'), { recursive: true });
        writeFileSync(join(out, 'drizzle'), 'x');
      },
      path: 'drizzle',
      problem: "it is a file, not a folder: the module's migrations belong in the folder drizzle/",
    },
    {
      what: 'drizzle/meta is a file',
      make: (out) => {
        rmSync(join(out, 'drizzle/meta'), { recursive: true });
        writeFileSync(join(out, 'drizzle/meta'), 'x');
      },
      path: 'drizzle/meta',
      problem: 'it is a file, not a folder: the journal and the snapshots belong in the folder drizzle/meta',
    },
    {
      what: 'the journal is a folder',
      make: (out) => {
        rmSync(join(out, 'drizzle/meta/_journal.json'));
        mkdirSync(join(out, 'drizzle/meta/_journal.json'));
      },
      path: 'drizzle/meta/_journal.json',
      problem: 'it is a folder, not a file: the journal must be a file',
    },
    {
      what: 'a snapshot is a folder',
      make: (out) => mkdirSync(join(out, 'drizzle/meta/0001_snapshot.json')),
      path: 'drizzle/meta/0001_snapshot.json',
      problem:
        'it is a folder, not a file: drizzle-kit reads every entry of drizzle/meta whose name does not start with "_" as a snapshot file',
    },
    {
      what: 'a migration is a folder',
      make: (out) => mkdirSync(join(out, 'drizzle/0001_later.sql')),
      path: 'drizzle/0001_later.sql',
      problem:
        'it is a folder, not a file: the host runs every drizzle/*.sql file as a migration, and cannot read a folder',
    },
  ];
  for (const c of cases) {
    // issue 14: a folder where a file must be (or a file where a folder must be) under drizzle/ is exit 2, never 70
    it(`${c.what}: generate, sql --since and verify say so and exit 2; nothing is written`, async () => {
      const { design, out } = await generatedModule('edge-shape');
      c.make(out);
      const before = snapshotTree(out);
      const designBefore = readFileSync(design, 'utf8');
      const expected = `molos-schema: ${out}/${c.path}: ${c.problem}\n`;
      for (const args of [
        ['generate', design, '--out', out],
        ['generate', design, '--out', out, '--dry-run'],
        ['sql', design, '--since', out],
        ['verify', out],
      ]) {
        const r = await cli(args);
        expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: expected });
      }
      expect(snapshotTree(out)).toEqual(before);
      expect(readFileSync(design, 'utf8')).toBe(designBefore);
    });
  }
});

describe('sql --since', () => {
  // issue 14: a mistyped folder used to print the 0000 migration and exit 0
  it('refuses a folder that does not exist', async () => {
    const r = await cli(['sql', EXAMPLE, '--since', 'no/such/module']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'molos-schema: cannot read --since no/such/module: no such folder\n',
    });
  });
});

/** Inserts a Latin-1 "é" (0xE9, not UTF-8) on a new second line, at column 3: `line one\nab\xE9c\n…`. */
function corrupt(file: string): void {
  const bytes = readFileSync(file);
  writeFileSync(file, Buffer.concat([Buffer.from('line one\nab'), Buffer.from([0xe9]), Buffer.from('c\n'), bytes]));
}
const notUtf8 = (shown: string) =>
  `molos-schema: ${shown} is not valid UTF-8: byte 0xE9 at line 2, column 3 (byte offset 11); save the file as UTF-8 and try again\n`;

describe('invalid UTF-8', () => {
  // issue 14: a design file with a Latin-1 byte was read with U+FFFD in its place
  it('in the design file: every command names the byte, and exits 2', async () => {
    const dir = scratch('edge-utf8-design');
    const design = join(dir, 'design.json');
    writeFileSync(design, readFileSync(EXAMPLE));
    corrupt(design);
    for (const args of [
      ['check', design],
      ['sql', design],
      ['generate', design, '--out', join(dir, 'out')],
    ]) {
      const r = await cli(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: notUtf8(design) });
    }
    expect(readdirSync(dir)).toEqual(['design.json']);
  });

  const moduleFiles = [
    'lib/server/db/schema/tables.ts',
    'lib/models/index.ts',
    'manifest.yaml',
    'drizzle/0000_init.sql',
    'drizzle/meta/_journal.json',
    'drizzle/meta/0000_snapshot.json',
  ];
  for (const path of moduleFiles) {
    // issue 14: a module file with a bad byte would be merged and written back with U+FFFD in it
    it(`in ${path}: generate refuses, naming the file and the byte, and writes nothing`, async () => {
      const { design, out } = await generatedModule('edge-utf8-module');
      corrupt(join(out, path));
      const before = snapshotTree(out);
      const r = await cli(['generate', design, '--out', out]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: notUtf8(`${out}/${path}`) });
      expect(snapshotTree(out)).toEqual(before);
    });
  }

  // issue 14: import read every module file leniently
  it('in a module file, import and check name it and exit 2', async () => {
    const { dir, out } = await generatedModule('edge-utf8-import');
    corrupt(join(out, 'lib/models/index.ts'));
    const target = join(dir, 'imported.json');
    for (const input of [out, join(out, 'lib/server/db/schema/tables.ts')]) {
      const r = await cli(['import', input, '--out', target]);
      expect({ input, code: r.code, stderr: r.stderr }).toEqual({
        input,
        code: 2,
        stderr: notUtf8(`${out}/lib/models/index.ts`),
      });
      const c = await cli(['check', input]);
      expect({ input, code: c.code, stderr: c.stderr }).toEqual({
        input,
        code: 2,
        stderr: notUtf8(`${out}/lib/models/index.ts`),
      });
    }
    const sqlFile = join(dir, 'schema.sql');
    writeFileSync(sqlFile, 'CREATE TABLE t (id text);');
    corrupt(sqlFile);
    const r = await cli(['import', sqlFile, '--out', target]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: notUtf8(sqlFile) });
    expect(readdirSync(dir).sort()).toEqual(['MoLOS-Example', 'design.json', 'schema.sql']);
  });
});

describe('special files', () => {
  const execCli = promisify(execFile);
  /**
   * The CLI in a child process, killed after `ms`: reading a pipe blocks the thread it runs on, so an in-process
   * run of a regression would hang the whole test run instead of failing this test.
   */
  async function cliProcess(args: string[], ms = 60_000) {
    try {
      const r = await execCli(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'src/cli/main.ts'), ...args], {
        cwd: REPO,
        timeout: ms,
        killSignal: 'SIGKILL',
        env: { ...process.env, MOLOS_SCHEMA_TIMEOUT: '0' },
      });
      return { code: 0, stderr: r.stderr, killed: false };
    } catch (e) {
      const err = e as { code?: number; killed?: boolean; stderr?: string };
      return { code: err.code ?? null, stderr: err.stderr ?? '', killed: err.killed ?? false };
    }
  }

  // issue 14: importing a named pipe waited forever for a writer; a pipe anywhere the CLI reads is refused at once
  it('refuses a named pipe as input, design, --out, or file of a module, without waiting', async () => {
    const { dir, design, out } = await generatedModule('edge-fifo');
    const fifo = (path: string) => execFileSync('mkfifo', [path]);
    const pipeSql = join(dir, 'pipe.sql');
    const pipeJson = join(dir, 'pipe.json');
    const pipeOut = join(dir, 'out.json');
    for (const p of [pipeSql, pipeJson, pipeOut]) fifo(p);
    // A module whose models file is a pipe: generate reads it to merge into it.
    const models = join(out, 'lib/models/index.ts');
    rmSync(models);
    fifo(models);
    const pipe = (p: string) =>
      `molos-schema: cannot read ${p}: it is a named pipe (FIFO), not a regular file; only regular files are read\n`;
    const runs = await Promise.all([
      cliProcess(['import', pipeSql, '--out', join(dir, 'x.json')]),
      cliProcess(['generate', pipeJson, '--out', join(dir, 'gen')]),
      cliProcess(['generate', design, '--out', out]),
      cliProcess(['import', join(out, 'lib/server/db/schema/tables.ts'), '--out', join(dir, 'x.json')]),
      cliProcess(['import', join(out, 'drizzle/0000_init.sql'), '--out', pipeOut]),
    ]);
    expect(runs.map((r) => ({ code: r.code, stderr: r.stderr, killed: r.killed }))).toEqual([
      { code: 2, stderr: pipe(pipeSql), killed: false },
      { code: 2, stderr: pipe(pipeJson), killed: false },
      { code: 2, stderr: pipe(`${out}/lib/models/index.ts`), killed: false },
      { code: 2, stderr: pipe(`${out}/lib/models/index.ts`), killed: false },
      {
        code: 2,
        stderr: `molos-schema: --out ${pipeOut} is not a regular file; give the design file to write\n`,
        killed: false,
      },
    ]);
  }, 120_000);
});
