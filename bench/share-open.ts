/**
 * Opening a large share link in the viewer, in a real Chromium against a production build: how long the main
 * thread is blocked at a stretch (long tasks) from the navigation until the diagram is up. The link holds 5,000
 * tables of 5 columns (660,000 characters, under the 1 MiB link limit; the size issue 14 was reported with).
 *
 * `npx tsx bench/share-open.ts` (after `npm run build`); BENCH_APP_DIR serves another checkout's build/,
 * BENCH_PORT another port than 4311, BENCH_TABLES another table count.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { encodeDesign } from '../src/lib/share/share-link';
import { scaledDesign } from './check-design';

const ROOT = resolve(import.meta.dirname, '..');
const APP_DIR = resolve(process.env.BENCH_APP_DIR ?? ROOT);
const PORT = Number(process.env.BENCH_PORT ?? 4311);
const TABLES = Number(process.env.BENCH_TABLES ?? 5000);
const CHROMIUM =
  process.env.CHROMIUM_PATH ||
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export interface OpenTimings {
  /** Milliseconds from navigation until the page says it is opening the link (null: it never said so). */
  noteAt: number | null;
  /** Milliseconds from navigation until the diagram shows the design. */
  shownAt: number;
  /** The long tasks (over 50 ms) from navigation until two seconds after the diagram showed. */
  longTasks: number[];
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the preview server did not start');
}

/** Opens `/view#d=<data>` once and reports its timings. */
export async function openLinkOnce(baseUrl: string, data: string): Promise<OpenTimings> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Passed as text: the TypeScript runner would add helpers the page does not have.
    await page.addInitScript(`(() => {
      window.__long = [];
      window.__noteAt = null;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
      const seen = () => {
        if (window.__noteAt === null && document.querySelector('[data-testid="viewer-opening"]'))
          window.__noteAt = performance.now();
        if (window.__noteAt === null) requestAnimationFrame(seen);
      };
      requestAnimationFrame(seen);
    })()`);
    await page.goto(`${baseUrl}view#d=${data}`, { waitUntil: 'commit' });
    await page.locator('[data-testid="viewer"][data-state="design"] .svelte-flow__node').first().waitFor({
      timeout: 180_000,
    });
    const shownAt = (await page.evaluate('performance.now()')) as number;
    await page.waitForTimeout(2000);
    const longTasks = (await page.evaluate('window.__long')) as number[];
    const noteAt = (await page.evaluate('window.__noteAt')) as number | null;
    return { noteAt, shownAt, longTasks };
  } finally {
    await browser.close();
  }
}

/** Serves the build and opens a `tables`-table link `runs` times; prints one line per run. */
export async function shareOpenBench(tables = TABLES, runs = 3): Promise<void> {
  const { data, jsonBytes } = encodeDesign(scaledDesign(tables, 5));
  console.log(
    `  link: ${tables} tables × 5 columns, ${data.length.toLocaleString('en-US')} characters (${(jsonBytes / 1e6).toFixed(1)} MB of JSON)`,
  );
  let server: ChildProcess | undefined;
  const baseUrl = `http://localhost:${PORT}/`;
  try {
    server = spawn('npx', ['vite', 'preview', '--strictPort', '--port', String(PORT)], {
      cwd: APP_DIR,
      stdio: 'ignore',
      detached: true,
    });
    await waitForServer(baseUrl);
    for (let i = 0; i < runs; i++) {
      const t = await openLinkOnce(baseUrl, data);
      const longest = Math.max(0, ...t.longTasks);
      const total = t.longTasks.reduce((a, b) => a + b, 0);
      console.log(
        `  run ${i + 1}: note after ${t.noteAt === null ? '— (none)' : `${t.noteAt.toFixed(0)} ms`}, diagram after ${t.shownAt.toFixed(0)} ms; ` +
          `longest main-thread block ${longest.toFixed(0)} ms, ${t.longTasks.length} long tasks, ${total.toFixed(0)} ms blocked in all`,
      );
    }
  } finally {
    if (server?.pid) process.kill(-server.pid);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`opening a share link in the viewer (${APP_DIR}):`);
  await shareOpenBench();
}
