/**
 * The command palette at 300 tables (goal: ≤ 50 ms from key to painted results):
 *
 * - `paletteBench` (Chromium, on a page already showing the 300-table design): Ctrl+K → the palette painted with
 *   its results, and typing the last letter of a column's `table.column` → its results painted; both measured in
 *   the page, from the key event's time stamp to the frame after the DOM shows the result.
 * - `paletteSearchBench` (Node): building the search index of a 300 × 12 design and running typical queries.
 *
 * Run the Node part alone with `npx tsx bench/palette.ts`.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { COMMANDS } from '../src/lib/state/commands';
import { commandEntries, designEntries, searchPalette } from '../src/lib/components/palette/palette-search';
import { largeDesign } from './large-design';

const RUNS = 7;
/** A column of the bench design (bench/large-design.ts), typed as `table.column`. */
const COLUMN = 'entity_257.field_3';

/**
 * Resolves, in the page, once a key event matching `type` has arrived and `done()` holds in a painted frame, with the
 * milliseconds between the event and that frame. Passed as text: the TypeScript runner would add helpers the page
 * does not have.
 */
const armed = (type: 'keydown' | 'input', done: string) => `(() => {
  window.__paletteTiming = new Promise((resolve) => {
    window.addEventListener('${type}', (e) => {
      const t0 = e.timeStamp;
      const check = () => {
        if (${done}) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
        else requestAnimationFrame(check);
      };
      check();
    }, { once: true, capture: true });
  });
})()`;

/** Times the palette in Chromium; `print` gets a label and the timings (ms) of each run. */
export async function paletteBench(page: Page, print: (label: string, ms: number[]) => void): Promise<void> {
  const open: number[] = [];
  const typed: number[] = [];
  const pasted: number[] = [];
  const input = page.getByTestId('palette-input');
  const showsColumn = `document.querySelector('[data-testid="palette-option"]')?.getAttribute('data-label') === '${COLUMN}'`;
  for (let i = 0; i < RUNS; i++) {
    await page
      .locator('.svelte-flow__pane')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.evaluate(armed('keydown', `document.querySelector('[data-testid="palette-option"]')`));
    await page.keyboard.press('Control+k');
    open.push(await page.evaluate<number>('window.__paletteTiming'));

    // The whole name but its last letter first, then the last letter as a key press.
    await input.fill(COLUMN.slice(0, -1));
    await page.evaluate(armed('input', showsColumn));
    await page.keyboard.press(COLUMN.slice(-1));
    typed.push(await page.evaluate<number>('window.__paletteTiming'));

    // The whole name at once (a paste) after an empty query: the longest list to replace.
    await input.fill('');
    await page.evaluate(armed('input', showsColumn));
    await input.fill(COLUMN);
    pasted.push(await page.evaluate<number>('window.__paletteTiming'));

    await page.keyboard.press('Escape');
    await page.getByTestId('palette').waitFor({ state: 'detached' });
  }
  print('Ctrl+K → palette painted (goal ≤ 50 ms)', open);
  print(`last key of "${COLUMN}" → results painted (goal ≤ 50 ms)`, typed);
  print(`"${COLUMN}" pasted → results painted`, pasted);
}

/** Times the headless search at `tables` × `columns`: index build (a new design object each run) and queries. */
export function paletteSearchBench(
  print: (label: string, ms: number[]) => void,
  tables = 300,
  columns = 12,
): { entries: number } {
  const design = largeDesign(tables, columns);
  const build: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const copy = { ...design }; // a new object: the memo does not hold it
    const t0 = performance.now();
    designEntries(copy);
    build.push(performance.now() - t0);
  }
  const entries = [...commandEntries(COMMANDS), ...designEntries(design)];
  print(`palette index build (${entries.length} entries)`, build);
  for (const query of [COLUMN, 'field', 'e', 'ent257f3']) {
    const times: number[] = [];
    for (let i = 0; i < RUNS * 3; i++) {
      const t0 = performance.now();
      searchPalette(entries, query, 51);
      times.push(performance.now() - t0);
    }
    print(`palette query "${query}"`, times);
  }
  return { entries: entries.length };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'palette.ts')) {
  const fmt = (ms: number) => `${ms.toFixed(2).padStart(7)} ms`;
  console.log('command palette search (300 tables × 12 columns, Node):');
  paletteSearchBench((label, ms) => {
    const s = [...ms].sort((a, b) => a - b);
    console.log(`  ${label.padEnd(46)} median ${fmt(s[Math.floor(s.length / 2)]!)}   max ${fmt(s.at(-1)!)}`);
  });
}
