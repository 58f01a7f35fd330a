/**
 * The designer in a real Chromium (through Playwright) on a generated 300-table design: load to interactive,
 * frame times while panning (at full detail and zoomed out, where cards show names only), edit-to-preview
 * latency, and JS heap. Runs against the production build (`npm run build` first when build/ is missing).
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serializeDesign } from '../src/lib/core/format';
import { largeDesign } from './large-design';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = 4310;
const URL = `http://localhost:${PORT}/`;
const CHROMIUM =
  process.env.CHROMIUM_PATH ||
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the preview server did not start');
}

/** Frame times (ms) while dragging the pane across the canvas. */
async function panFrames(page: Page): Promise<number[]> {
  const pane = page.locator('.svelte-flow__pane').first();
  const box = await pane.boundingBox();
  if (!box) throw new Error('no canvas pane');
  // Passed as text: the TypeScript runner would add helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);

  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; i++)
    await page.mouse.move(x + Math.sin(i / 6) * 300, y + Math.cos(i / 6) * 150, { steps: 2 });
  await page.mouse.up();
  return page.evaluate(`(() => { window.__recording = false; return window.__frames.slice(1); })()`);
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { fps: 1000 / mean, p95: s[Math.floor(s.length * 0.95)] ?? 0, frames: s.length };
};

export async function browserBench(tables = 300, columns = 12): Promise<void> {
  if (!existsSync(join(ROOT, 'build/index.html'))) execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const file = join(ROOT, '.tmp', `bench-${tables}.json`);
  writeFileSync(file, serializeDesign(largeDesign(tables, columns)));
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    await waitForServer();
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await page.goto(URL);
    await page.getByTestId('cmd-open-json').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('cmd-open-json').click();
    await (await chooser).setFiles(file);
    await page.locator('.svelte-flow__node').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500); // let autosave store it as the current design

    const t0 = Date.now();
    await page.reload();
    await page.locator('.svelte-flow__node').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('cmd-add-table').waitFor({ state: 'visible' });
    const load = Date.now() - t0;
    console.log(`  load to interactive (${tables} tables, reload)        ${String(load).padStart(6)} ms`);
    console.log(
      `  rendered table cards at first view                    ${String(await page.locator('.svelte-flow__node').count()).padStart(6)}`,
    );

    await page.getByTestId('cmd-fit-view').click();
    await page.waitForTimeout(500);
    const zoomedOut = stats(await panFrames(page));
    console.log(
      `  pan, zoomed out to fit (names only)   ${zoomedOut.fps.toFixed(1).padStart(6)} fps   p95 ${zoomedOut.p95.toFixed(1)} ms`,
    );
    await page.locator('.svelte-flow__controls-zoomin').click();
    for (let i = 0; i < 4; i++) await page.locator('.svelte-flow__controls-zoomin').click();
    await page.waitForTimeout(500);
    const detailed = stats(await panFrames(page));
    console.log(
      `  pan, zoomed in (full cards)           ${detailed.fps.toFixed(1).padStart(6)} fps   p95 ${detailed.p95.toFixed(1)} ms`,
    );
    console.log(
      `  DOM nodes while zoomed in                             ${String(await page.evaluate(() => document.querySelectorAll('*').length)).padStart(6)}`,
    );

    await page.getByTestId('tab-code').click();
    await page.getByTestId('code').waitFor({ timeout: 60_000 });
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      await page.getByTestId('cmd-add-table').click();
      const name = i === 0 ? 'new_table' : `new_table_${i + 1}`;
      await page
        .getByTestId('code')
        .filter({ hasText: `_${name}"` })
        .waitFor({ timeout: 30_000 });
      latencies.push(Date.now() - before);
    }
    console.log(`  edit → tables.ts preview updated      ${latencies.map((l) => `${l} ms`).join(', ')}`);
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    console.log(`  JS heap used (page)                   ${(heap / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await browser.close();
    server.kill();
  }
}
