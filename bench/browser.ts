/**
 * The designer in a real Chromium (through Playwright) on a generated 300-table design, against the production
 * build (`npm run build` first when build/ is missing):
 *
 * - the canvas's scale choices (level of detail, visible-only rendering, hover handles; see
 *   src/lib/components/canvas/scale-options.ts) all on, each one off in turn, and all off: load to interactive,
 *   DOM nodes, and frame times (mean and p95) while panning, zoomed out to fit and zoomed in;
 * - auto-layout: how long the main thread is blocked (long tasks) while ELK lays out the design;
 * - edit-to-preview latency and JS heap.
 *
 * Run only this part with `npx tsx bench/browser.ts` (`BENCH_SKIP_CANVAS=1` leaves out the canvas table).
 * BENCH_APP_DIR serves another checkout's build/ (a private build that does not disturb build/), BENCH_PORT
 * another port than 4310.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serializeDesign } from '../src/lib/core/format';
import { firstScreenJs } from './first-screen';
import { largeDesign } from './large-design';
import { paletteBench } from './palette';
import { codeEditorBench } from './code-editor';

const ROOT = resolve(import.meta.dirname, '..');
const APP_DIR = resolve(process.env.BENCH_APP_DIR ?? ROOT);
const PORT = Number(process.env.BENCH_PORT ?? 4310);
const URL = `http://localhost:${PORT}/`;
const CHROMIUM =
  process.env.CHROMIUM_PATH ||
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** How long each pan lasts: long enough for a steady frame rate, short enough for the whole run. */
const PAN_MS = 2500;

/** The canvas configurations compared: the URL switches each one sets. */
const CONFIGS: { label: string; query: string }[] = [
  { label: 'all choices on', query: '' },
  { label: 'level of detail off', query: '?lod=0' },
  { label: 'visible-only off', query: '?visibleOnly=0' },
  { label: 'hover handles off', query: '?hoverHandles=0' },
  { label: 'all off (naive)', query: '?lod=0&visibleOnly=0&hoverHandles=0' },
];

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

interface FrameStats {
  fps: number;
  mean: number;
  p95: number;
  frames: number;
}

const stats = (xs: number[]): FrameStats => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { fps: 1000 / mean, mean, p95: s[Math.floor(s.length * 0.95)] ?? 0, frames: s.length };
};

/** Frame times (ms) while dragging the pane in circles for PAN_MS. */
async function panFrames(page: Page): Promise<FrameStats> {
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
  const end = Date.now() + PAN_MS;
  for (let i = 0; Date.now() < end; i++)
    await page.mouse.move(x + Math.sin(i / 6) * 300, y + Math.cos(i / 6) * 150, { steps: 2 });
  await page.mouse.up();
  return stats(await page.evaluate(`(() => { window.__recording = false; return window.__frames.slice(1); })()`));
}

const domNodes = (page: Page) => page.evaluate<number>(`document.querySelectorAll('*').length`);

/** Waits until the canvas shows the design and the toolbar answers; returns the time since `since`. */
async function interactive(page: Page, since: number): Promise<number> {
  await page.locator('.svelte-flow__node').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('cmd-add-table').waitFor({ state: 'visible' });
  // The page answers input again once a frame gets through.
  await page.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(r)))`);
  return Date.now() - since;
}

/** Waits for the cards to reach the level of detail the zoom asks for (they switch a few per frame). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await page.evaluate(
    `new Promise((r) => { let n = 0; const f = () => (++n > 60 ? r() : requestAnimationFrame(f)); f(); })`,
  );
}

interface ConfigResult {
  label: string;
  load: number;
  out: { nodes: number; dom: number; pan: FrameStats };
  in: { nodes: number; dom: number; pan: FrameStats };
}

async function measureConfig(page: Page, label: string, query: string, zoomClicks: number): Promise<ConfigResult> {
  const t0 = Date.now();
  await page.goto(URL + query);
  const load = await interactive(page, t0);
  await page.getByTestId('cmd-fit-view').click();
  await settle(page);
  const outNodes = await page.locator('.svelte-flow__node').count();
  const outDom = await domNodes(page);
  const outPan = await panFrames(page);
  for (let i = 0; i < zoomClicks; i++) await page.locator('.svelte-flow__controls-zoomin').click();
  await settle(page);
  const inNodes = await page.locator('.svelte-flow__node').count();
  const inDom = await domNodes(page);
  const inPan = await panFrames(page);
  return {
    label,
    load,
    out: { nodes: outNodes, dom: outDom, pan: outPan },
    in: { nodes: inNodes, dom: inDom, pan: inPan },
  };
}

function printTable(results: ConfigResult[]): void {
  const pan = (p: FrameStats) =>
    `${p.fps.toFixed(0).padStart(3)} fps ${p.mean.toFixed(1).padStart(5)}/${p.p95.toFixed(0).padStart(3)}`;
  console.log(
    `  ${'canvas (300 tables)'.padEnd(20)} ${'load'.padStart(7)} │ ${'zoomed out to fit: cards  DOM   pan mean/p95 ms'.padEnd(46)} │ zoomed in: cards  DOM   pan mean/p95 ms`,
  );
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(20)} ${`${r.load} ms`.padStart(7)} │ ${String(r.out.nodes).padStart(24)} ${String(r.out.dom).padStart(6)}  ${pan(r.out.pan)} │ ${String(r.in.nodes).padStart(16)} ${String(r.in.dom).padStart(5)}  ${pan(r.in.pan)}`,
    );
  }
}

/** Clicks Auto-layout and reports the main thread's long tasks until the layout is applied. */
async function autoLayoutBlocking(page: Page): Promise<{ total: number; longest: number; count: number; ms: number }> {
  await page.evaluate(`(() => {
    window.__long = [];
    window.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    });
    window.__longObserver.observe({ type: 'longtask' });
  })()`);
  const before = await page.evaluate<string>(
    `JSON.stringify([...document.querySelectorAll('.svelte-flow__node')].slice(0, 5).map((n) => n.style.transform))`,
  );
  const t0 = Date.now();
  await page.getByTestId('cmd-auto-layout').click();
  await page.waitForFunction(
    `document.querySelector('[data-testid=canvas]')?.getAttribute('aria-busy') !== 'true' &&
     JSON.stringify([...document.querySelectorAll('.svelte-flow__node')].slice(0, 5).map((n) => n.style.transform)) !== ${JSON.stringify(before)}`,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const ms = Date.now() - t0;
  await page.waitForTimeout(500); // the fit-view animation, and the observer's last entries
  const long = await page.evaluate<number[]>(`(() => { window.__longObserver.disconnect(); return window.__long; })()`);
  return { total: long.reduce((a, b) => a + b, 0), longest: Math.max(0, ...long), count: long.length, ms };
}

/**
 * Clicks "Add table" and resolves with the ms until a frame shows `expected`: `code:<text>` in the code view, or
 * `db:<table>` as a table of the database view.
 */
async function editLatency(page: Page, expected: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const expected = ${JSON.stringify(expected)};
    // tables.ts is an editor (CodeMirror draws only the lines in view: read its document); other files are text.
    const codeText = () => document.querySelector('[data-testid="code-editor-host"]')?.codeEditorView?.state.doc.toString()
      ?? document.querySelector('[data-testid="code"]')?.textContent ?? '';
    const shown = () => expected.startsWith('code:')
      ? codeText().includes(expected.slice(5))
      : document.querySelector('[data-testid="db-table-' + CSS.escape(expected.slice(3)) + '"]') !== null;
    const t0 = performance.now();
    document.querySelector('[data-testid="cmd-add-table"]').click();
    const check = () => {
      if (shown()) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 60000) reject(new Error('not shown: ' + expected));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

export async function browserBench(tables = 300, columns = 12): Promise<void> {
  if (!existsSync(join(APP_DIR, 'build/index.html'))) execSync('npm run build', { cwd: APP_DIR, stdio: 'ignore' });
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const first = firstScreenJs(join(APP_DIR, 'build'));
  console.log(
    `  first screen JavaScript: ${(first.gzip / 1024).toFixed(0)} KiB gzip (${(first.raw / 1024).toFixed(0)} KiB raw, ${first.files} files; target ≤ 300 KB gzip)`,
  );
  const file = join(ROOT, '.tmp', `bench-${tables}.json`);
  writeFileSync(file, serializeDesign(largeDesign(tables, columns)));
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    cwd: APP_DIR,
    stdio: 'ignore',
    detached: true, // its own process group, so the server npx starts ends with it
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
    await page.reload(); // warms the HTTP cache, so every configuration loads alike
    await interactive(page, Date.now());

    // "Zoomed in" is four zoom steps (×1.2 each, about ×2) past the first at which cards show their columns:
    // about zoom 1, where one edits. The same number of steps from fit for every run.
    await page.getByTestId('cmd-fit-view').click();
    await settle(page);
    let zoomClicks = 4;
    while ((await page.getByTestId('canvas').getAttribute('data-lod')) === 'true' && zoomClicks < 34) {
      await page.locator('.svelte-flow__controls-zoomin').click();
      await page.waitForTimeout(100);
      zoomClicks++;
    }
    // BENCH_SKIP_CANVAS=1 leaves out the canvas table (the longest part) when only the previews are of interest.
    if (!process.env.BENCH_SKIP_CANVAS) {
      const results: ConfigResult[] = [];
      for (const { label, query } of CONFIGS) results.push(await measureConfig(page, label, query, zoomClicks));
      printTable(results);
      console.log(
        '  (load: reload to interactive; cards: rendered table cards; pan: frame rate, mean and p95 frame time)',
      );
    }

    await page.goto(URL);
    await interactive(page, Date.now());
    const layout = await autoLayoutBlocking(page);
    console.log(
      `  auto-layout: applied after ${layout.ms} ms; main thread blocked ${layout.total.toFixed(0)} ms in ${layout.count} long tasks (longest ${layout.longest.toFixed(0)} ms)`,
    );

    await page.goto(URL);
    await interactive(page, Date.now());
    console.log('  command palette (goal ≤ 50 ms):');
    await paletteBench(page, (label, ms) =>
      console.log(`    ${label}: ${ms.map((m) => `${m.toFixed(0)} ms`).join(', ')}`),
    );

    // Edit → preview latency, measured in the page: from the click on "Add table" to the first animation frame
    // whose DOM shows the new table (Playwright's own polling would add its round trips).
    await page.getByTestId('tab-code').click();
    await page.getByTestId('code-editor-host').waitFor({ timeout: 60_000 });
    let added = 0;
    const nextName = () => (++added === 1 ? 'new_table' : `new_table_${added}`);
    const views = [
      { view: 'tables', label: 'tables.ts preview', shows: (n: string) => `code:_${n}"` },
      { view: 'sql', label: '0000 SQL preview', shows: (n: string) => `code:_${n}\`` },
      { view: 'database', label: 'database preview (sql.js)', shows: (n: string) => `db:MoLOS-Bench_${n}` },
    ] as const;
    for (const { view, label, shows } of views) {
      await page.getByTestId(`preview-tab-${view}`).click();
      await page.waitForTimeout(1500); // the view's first result
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push(await editLatency(page, shows(nextName())));
      console.log(`  edit → ${label} updated: ${times.map((l) => `${l.toFixed(0)} ms`).join(', ')}`);
    }
    const heap = await page.evaluate<number>(`performance.memory?.usedJSHeapSize ?? 0`);
    await page.goto(URL);
    await interactive(page, Date.now());
    console.log('  code editor (goal: keystroke → card updated ≤ 150 ms):');
    await codeEditorBench(page, (label, ms) =>
      console.log(`    ${label}: ${ms.map((t) => `${t.toFixed(0)} ms`).join(', ')}`),
    );
    console.log(`  JS heap used (page): ${(heap / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'browser.ts')) {
  console.log(`designer in Chromium (300 tables × 12 columns, production build in ${APP_DIR}):`);
  await browserBench(300, 12);
}
