/**
 * Test support: writes generated modules to disk next to the host stand-ins, then runs the real tools on them
 * (drizzle-kit generate, tsc). Folders live under `.tmp/` in the repo so `drizzle-orm` and `drizzle-kit`
 * resolve from our node_modules.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Layout } from '../lib/core/design';
import type { GeneratedFile } from '../lib/generate/module-files';
import { STAND_IN_FILES, standInTsconfig } from './host-stand-ins';

const run = promisify(execFile);
export const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'node_modules/.bin');

/** A fresh empty folder under `.tmp/`. */
export function tempDir(prefix: string): string {
  mkdirSync(join(REPO, '.tmp'), { recursive: true });
  return mkdtempSync(join(REPO, '.tmp', `${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes files under `dir`, creating folders. */
export function writeFiles(dir: string, files: readonly { path: string; content: string }[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

/** Writes a generated module (optionally without its drizzle/ folder) plus the host stand-ins and a tsconfig. */
export function writeModule(
  dir: string,
  files: readonly GeneratedFile[],
  moduleId: string,
  layout: Layout,
  withMigrations = false,
): void {
  writeFiles(
    dir,
    files.filter((f) => withMigrations || !f.path.startsWith('drizzle/')),
  );
  writeFiles(dir, [...STAND_IN_FILES, { path: 'tsconfig.json', content: standInTsconfig(moduleId, layout) }]);
}

/** Runs the real `drizzle-kit generate --name init` in a module folder; returns its console output. */
export async function drizzleKitGenerate(dir: string): Promise<string> {
  const { stdout, stderr } = await run(join(BIN, 'drizzle-kit'), ['generate', '--name', 'init'], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return stdout + stderr;
}

/** Runs `tsc -p <dir>`; returns the compiler's diagnostics (empty when the module type-checks). */
export async function typeCheck(dir: string): Promise<string> {
  try {
    await run(join(BIN, 'tsc'), ['-p', dir, '--pretty', 'false']);
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    return (err.stdout ?? '') + (err.stderr ?? '') || err.message;
  }
}

export function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}
