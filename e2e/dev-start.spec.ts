import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

// `npm start` on a fresh clone: the dev server has never optimised a dependency. The first visit must not blank
// the page when the Code tab opens and the generator worker (ts-morph, Prettier) loads: Vite reloads the page when
// it discovers a dependency it did not pre-bundle, and the user loses what they had done. This spec starts its own
// dev server (the other specs use the production build on 4173) with the project's vite.config.ts and two
// changes, written to a config file of its own: an empty dependency cache of its own (plus `--force`), so it sees
// what a new user sees without touching the cache of a running `npm start`; and no file watching (every path ignored), so a file
// written meanwhile (by an editor, `svelte-kit sync`, another run) cannot reload the page: the only reload left
// to catch is the dependency optimiser's.

const PORT = 4216;
const ORIGIN = `http://localhost:${PORT}`;
const ROOT = resolve('.');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
/** What Vite prints when it re-optimises after the page loaded (and then reloads the page). */
const RELOADED = /optimized dependencies changed|reloading|new dependencies optimized/i;

async function waitForServer(url: string, ms: number, log: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the dev server did not answer on ${url} within ${ms / 1000} s; its log:\n${log()}`);
}

/** Stops the server and everything it started (it runs in its own process group). */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise((r) => server.once('exit', r));
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

test('npm start from a clean cache: opening the Code tab keeps the page and its undo history', async ({
  page,
}, testInfo) => {
  // The first optimisation of every dependency on a 2-core machine takes a while.
  test.setTimeout(300_000);
  const temp = mkdtempSync(join(tmpdir(), 'molos-dev-start-'));
  const config = join(temp, 'vite.config.mjs');
  writeFileSync(
    config,
    [
      `import base from ${JSON.stringify(join(ROOT, 'vite.config.ts'))};`,
      `export default { ...base, cacheDir: ${JSON.stringify(join(temp, 'vite-cache'))}, server: { ...base.server, watch: { ignored: ['**'] } } };`,
      '',
    ].join('\n'),
  );
  let log = '';
  const args = [VITE, 'dev', '--config', config, '--port', String(PORT), '--strictPort', '--force'];
  const server = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitForServer(`${ORIGIN}/`, 120_000, () => log);

    let loads = 0;
    page.on('load', () => loads++);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/`, { timeout: 120_000 });
    await expect(page.getByTestId('module-id')).toHaveText('MoLOS-Example', { timeout: 120_000 });
    const loadsBefore = loads;

    // Something to lose: an edit (undoable) and a marker that only survives if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { devStartMarker: string }).devStartMarker = 'still here'));
    await page.getByTestId('cmd-add-table').click();
    await expect(page.getByTestId('cmd-undo')).toBeEnabled();

    await page.getByTestId('tab-code').click();
    // tables.ts, shown read-only or in the code editor: either way it comes from the generator worker.
    const code = page.getByTestId('code').or(page.getByTestId('code-editor'));
    await expect(code).toContainText('sqliteTable("MoLOS-Example_items"', { timeout: 120_000 });
    // A re-optimisation reloads the page only after its bundling ends: give a late one time to show.
    await page.waitForTimeout(3000);
    await page.screenshot({ path: testInfo.outputPath('dev-start-code.png') });

    expect(await page.evaluate(() => (window as unknown as { devStartMarker?: string }).devStartMarker)).toBe(
      'still here',
    );
    expect(loads).toBe(loadsBefore);
    await expect(page.getByTestId('cmd-undo')).toBeEnabled();
    await expect(page.locator('.svelte-flow__node', { hasText: 'MoLOS-Example_new_table' })).toHaveCount(1);
    expect(log.split('\n').filter((line) => RELOADED.test(line))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await stop(server);
    writeFileSync(testInfo.outputPath('vite.log'), log);
    await testInfo.attach('vite.log', { body: log, contentType: 'text/plain' });
    rmSync(temp, { recursive: true, force: true });
  }
});
