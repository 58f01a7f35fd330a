/**
 * The CLI as a user gets it: the project packed with `npm pack`, the tarball installed into an empty folder with
 * `--omit=dev`, and the installed `molos-schema` run. It fails when the CLI loads a package that is only a
 * devDependency, when a file it needs is left out of the package, or when the bin link does not start.
 *
 * Slow (about 20 s: packing, installing from npm's cache, then one Node start per command). The install uses
 * `--prefer-offline`, so it needs no network when npm's cache holds the dependencies (as it does after `npm ci`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainHelp } from './command-table';
import { run } from './main';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * The environment for npm and the installed CLI: without the `npm_*` variables of an `npm test` that runs this
 * (they would point the inner npm at this project), and without MOLOS_SCHEMA_* settings of the developer.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !k.startsWith('MOLOS_SCHEMA_')),
  );
}

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

let work = '';
let installed = '';
let packed: string[] = [];
let bin = '';
let design = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'molos-pack-'));
  // --ignore-scripts: "prepare" only syncs SvelteKit's types, which the CLI does not use.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);

  installed = join(work, 'app');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{ "name": "molos-pack-test", "private": true }\n');
  const install = sh(
    'npm',
    ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(work, info!.filename)],
    installed,
  );
  if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
  bin = join(installed, 'node_modules/.bin/molos-schema');

  design = join(work, 'design.json');
  copyFileSync(join(REPO, 'static/examples/molos-example.json'), design);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed and installed CLI', () => {
  it('packs the CLI and the headless code, without tests or page components', () => {
    expect(packed).toContain('bin/molos-schema.js');
    expect(packed).toContain('src/cli/main.ts');
    expect(packed).toContain('src/cli/cli-thread.mjs');
    expect(packed).toContain('src/lib/core/design.ts');
    expect(packed.filter((p) => /\.test\.ts$|\.svelte$|__golden__|^src\/routes\/|^e2e\//.test(p))).toEqual([]);
  });

  it('installs the runtime dependencies only', () => {
    const modules = join(installed, 'node_modules');
    for (const name of Object.keys(PACKAGE.dependencies)) expect(existsSync(join(modules, name)), name).toBe(true);
    for (const name of ['elkjs', 'highlight.js', 'idb', 'fflate', 'svelte', 'better-sqlite3', 'drizzle-kit'])
      expect(existsSync(join(modules, name)), name).toBe(false);
  });

  it('prints its help, its version, and the help with exit 2 when no command is given', () => {
    expect(sh(bin, ['--help'], installed)).toEqual({ code: 0, stdout: mainHelp(), stderr: '' });
    expect(sh(bin, ['--version'], installed)).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    expect(sh(bin, [], installed)).toEqual({ code: 2, stdout: '', stderr: mainHelp() });
  });

  it('checks an example design as the project does (in a worker thread, under the time limit)', async () => {
    const r = sh(bin, ['check', design], installed);
    expect(r).toEqual({ code: 0, stdout: 'MoLOS-Example: 0 errors, 0 warnings, 0 notes\n', stderr: '' });
    expect(r).toEqual(await inProcess(['check', design], installed));
  }, 60_000);

  it("prints an example's first migration byte for byte as the project does", async () => {
    const r = sh(bin, ['sql', design], installed);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CREATE TABLE `MoLOS-Example_items` \(\n\t`id` text PRIMARY KEY NOT NULL,\n/);
    expect(r).toEqual(await inProcess(['sql', design], installed));
  }, 60_000);

  it('writes a module with generate and replays it with verify', () => {
    const generate = sh(bin, ['generate', design, '--out', 'module'], installed);
    expect(generate.stderr).toBe('');
    expect(generate.code).toBe(0);
    expect(readFileSync(join(installed, 'module/drizzle/0000_init.sql'), 'utf8')).toMatch(
      /^CREATE TABLE `MoLOS-Example_items`/,
    );
    const verify = sh(bin, ['verify', 'module'], installed);
    expect(verify).toEqual({
      code: 0,
      stdout: 'applied 0000_init.sql (1 statement)\nMoLOS-Example: 1 migration(s); 0 error(s), 0 warning(s)\n',
      stderr: '',
    });
  }, 60_000);
});
