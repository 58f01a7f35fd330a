import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { boundedSeconds, firstPhase, parseTimeout, shownPath, timeoutMessage } from './bounded-run';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function temp(): string {
  const dir = tempDir('cli-bounded');
  dirs.push(dir);
  return dir;
}

/** Seven bytes on which TypeScript's scanner loops forever. */
const HANGS = '/**S-xp';

/** The real CLI process, as `npm run cli` starts it (tsx), with its output, exit code and run time. */
function cliProcess(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    const child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, MOLOS_SCHEMA_TIMEOUT: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang would otherwise outlive the test: stop it well after any limit used here.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

describe('the time limit of the real CLI process', () => {
  // issue 14: the 7-byte tables.ts that made `import` hang forever is stopped at the limit, named, exit 2
  it('stops an import that hangs in the TypeScript parser after --timeout seconds and names the file', async () => {
    const dir = relative(REPO, temp());
    writeFileSync(join(REPO, dir, 'tables.ts'), HANGS);
    const r = await cliProcess(['import', `${dir}/tables.ts`, '--out', `${dir}/d.json`, '--timeout', '2']);
    expect(r.stderr).toBe(
      `molos-schema: ${dir}/tables.ts could not be read in 2 s (parsing TypeScript); nothing was written\n`,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(join(REPO, dir, 'd.json'))).toBe(false);
    // The start-up (about 2–4 s on a busy machine) plus the 2 s limit: far from "never".
    expect(r.ms).toBeLessThan(30_000);
  });

  // issue 14: `check` of a module folder and `generate`'s merge (which re-reads the module's tables.ts) are
  // bounded the same way, by MOLOS_SCHEMA_TIMEOUT, and name the file inside the folder
  it('bounds check of a module folder (MOLOS_SCHEMA_TIMEOUT) and generate into it', async () => {
    const dir = relative(REPO, temp());
    mkdirSync(join(REPO, dir, 'm/lib/server/db/schema'), { recursive: true });
    writeFileSync(join(REPO, dir, 'm/lib/server/db/schema/tables.ts'), HANGS);
    writeFileSync(join(REPO, dir, 'm/manifest.yaml'), 'id: MoLOS-Tasks\nname: Tasks\n');
    const check = await cliProcess(['check', `${dir}/m`], { MOLOS_SCHEMA_TIMEOUT: '1.5' });
    expect(check.stderr).toBe(
      `molos-schema: ${dir}/m/lib/server/db/schema/tables.ts could not be read in 1.5 s (parsing TypeScript); nothing was written\n`,
    );
    expect(check.code).toBe(2);

    const design = readFileSync(join(REPO, 'static/examples/molos-tasks.json'), 'utf8');
    writeFileSync(join(REPO, dir, 'design.json'), design);
    const generate = await cliProcess([
      'generate',
      `${dir}/design.json`,
      '--out',
      `${dir}/m`,
      '--layout',
      'legacy',
      '--timeout',
      '6',
    ]);
    expect(generate.stderr).toBe(
      `molos-schema: ${dir}/m/lib/server/db/schema/tables.ts could not be read in 6 s (parsing TypeScript); nothing was written\n`,
    );
    expect(generate.code).toBe(2);
    expect(readFileSync(join(REPO, dir, 'm/lib/server/db/schema/tables.ts'), 'utf8')).toBe(HANGS);
    expect(existsSync(join(REPO, dir, 'm/drizzle'))).toBe(false);
  });

  it('runs a command that finishes in time as before: its output and exit code pass through the thread', async () => {
    const inThread = await cliProcess(['check', 'fixtures/import/q04-app-ids']);
    const inProcess = await cli(['check', 'fixtures/import/q04-app-ids']);
    expect(inThread.stdout).toBe(inProcess.stdout);
    expect(inThread.stderr).toBe(inProcess.stderr);
    expect(inThread.code).toBe(inProcess.code);
    expect(inThread.stdout).toMatch(/^MoLOS-QAppIds: \d+ errors?, \d+ warnings?, \d+ notes?$/m);
  });
});

describe('--timeout and MOLOS_SCHEMA_TIMEOUT', () => {
  it('reads seconds from the flag, else the environment, else 30; 0 is no limit', () => {
    expect(parseTimeout('5', '9')).toBe(5);
    expect(parseTimeout(undefined, '0.5')).toBe(0.5);
    expect(parseTimeout(undefined, undefined)).toBe(30);
    expect(parseTimeout(undefined, '')).toBe(30);
    expect(parseTimeout('0', undefined)).toBe(0);
    expect(() => parseTimeout('soon', undefined)).toThrow(
      '--timeout must be a number of seconds (0 for no limit), got "soon"',
    );
    expect(() => parseTimeout(undefined, '-1')).toThrow(
      'MOLOS_SCHEMA_TIMEOUT must be a number of seconds (0 for no limit), got "-1"',
    );
  });

  it('runs in a worker thread only the commands that read user files, under their limit', () => {
    expect(boundedSeconds(['import', 'x.ts', '--out', 'd.json'], undefined)).toBe(30);
    expect(boundedSeconds(['check', 'x', '--timeout', '4'], '9')).toBe(4);
    expect(boundedSeconds(['verify', 'm', '--timeout=2'], undefined)).toBe(2);
    expect(boundedSeconds(['generate', 'd.json', '--out', 'm'], '7')).toBe(7);
    expect(boundedSeconds(['sql', 'd.json', '--since', 'm'], undefined)).toBe(30);
    // Reads only the design: nothing to bound.
    expect(boundedSeconds(['sql', 'd.json'], undefined)).toBeNull();
    expect(boundedSeconds(['import', '--help'], undefined)).toBeNull();
    expect(boundedSeconds(['check', 'x', '--timeout', '0'], undefined)).toBeNull();
    // A bad value is reported by the command itself, in this thread.
    expect(boundedSeconds(['check', 'x', '--timeout', 'soon'], undefined)).toBeNull();
    expect(boundedSeconds(['frobnicate'], undefined)).toBeNull();
    expect(boundedSeconds([], undefined)).toBeNull();
  });

  it('reports a bad --timeout like any bad option (exit 2)', async () => {
    const r = await cli(['check', 'fixtures/import/q04-app-ids', '--timeout', 'soon']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'molos-schema: --timeout must be a number of seconds (0 for no limit), got "soon"\n',
    });
  });

  it('is documented in the help', async () => {
    const main = await cli(['--help']);
    expect(main.stdout).toContain('MOLOS_SCHEMA_TIMEOUT');
    for (const command of ['generate', 'sql', 'check', 'import', 'verify']) {
      const r = await cli([command, '--help']);
      expect(r.stdout).toContain('--timeout <s>');
    }
  });
});

describe('timeoutMessage and shownPath', () => {
  it('says which file, how long and what was being done', () => {
    expect(timeoutMessage('x/tables.ts', 'parsing TypeScript', 2)).toBe(
      'x/tables.ts could not be read in 2 s (parsing TypeScript); nothing was written',
    );
    expect(timeoutMessage('a.sql', 'running its SQL on an in-memory SQLite', 90)).toBe(
      'a.sql could not be read in 1 min 30 s (running its SQL on an in-memory SQLite); nothing was written',
    );
  });

  it('names the input until the command names a file', () => {
    expect(firstPhase(['generate', 'd.json', '--out', 'm'])).toEqual({
      file: 'd.json',
      doing: 'reading the design and generating its code',
    });
    expect(firstPhase(['import', 'm/', '--out', 'd.json'])).toEqual({ file: 'm/', doing: 'reading it' });
  });

  it('shows announced files as the user named them', () => {
    const file = [{ given: '../m/lib/server/db/schema/tables.ts', isDir: false }];
    const memo = {};
    expect(shownPath('lib/server/db/schema/tables.ts', file, memo)).toBe('../m/lib/server/db/schema/tables.ts');
    expect(shownPath('lib/models/index.ts', file, memo)).toBe('../m/lib/models/index.ts');
    expect(shownPath('tables.ts', [{ given: 'x/tables.ts', isDir: false }], {})).toBe('x/tables.ts');
    const generate = [
      { given: 'design.json', isDir: false },
      { given: 'mod/', isDir: true },
    ];
    expect(shownPath('drizzle/0001_x.sql', generate, {})).toBe('mod/drizzle/0001_x.sql');
    expect(shownPath('/abs/tables.ts', generate, {})).toBe('/abs/tables.ts');
    expect(shownPath('schema.sql', [], {})).toBe('schema.sql');
  });
});
