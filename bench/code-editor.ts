/**
 * Code editor keystroke → canvas updated, on a page already showing a large design (bench/browser.ts loads the
 * 300-table design first). A visible card is selected at a zoom where cards show their columns; then a column
 * line is typed into its `sqliteTable(` statement in the tables.ts editor, and the time runs from the keystroke
 * to the first animation frame whose card shows the new column row. The keystroke is a CodeMirror user
 * transaction (`input.type`), exactly what typing makes, dispatched inside the page so Playwright's round trips
 * are not counted. Each run types a new column, so every run is a real design change.
 */
import type { Page } from '@playwright/test';
import { generateModuleFiles } from '../src/lib/generate/module-files';
import { importTablesTs } from '../src/lib/import/tables-ts/index';
import { editorImportInput, reconcileDesign } from '../src/lib/state/code-edit';
import { IncrementalTablesReader } from '../src/lib/state/code-incremental';
import { largeDesign } from './large-design';

/** Waits until the cards show their columns (zooming in from fit if needed); returns a visible card's name. */
async function visibleDetailedCard(page: Page): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const name = await page.evaluate<string | null>(`(() => {
      const box = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
      for (const card of document.querySelectorAll('[data-testid="table-card"]')) {
        const r = card.getBoundingClientRect();
        const inside = r.left > box.left + 20 && r.top > box.top + 20 && r.right < box.right - 20 && r.bottom < box.bottom - 20;
        if (inside && card.querySelector('[data-testid="column-row"]')) return card.getAttribute('data-table-name');
      }
      return null;
    })()`);
    if (name) return name;
    await page.locator('.svelte-flow__controls-zoomin').click();
    await page.waitForTimeout(150);
  }
  throw new Error('no table card shows its columns');
}

/** One keystroke: a column line typed into the table's statement; resolves with ms until its row is drawn. */
function typeColumn(page: Page, fullName: string, tableName: string, column: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const view = document.querySelector('[data-testid="code-editor-host"]').codeEditorView;
    const text = view.state.doc.toString();
    const at = text.indexOf(${JSON.stringify(JSON.stringify(fullName))});
    if (at < 0) return reject(new Error('no statement for ${fullName}'));
    const open = text.indexOf('{\\n', at) + 2;
    const line = '  ${column}: text("${column}"),\\n';
    const card = () => document.querySelector('[data-testid="table-card"][data-table-name="${tableName}"]');
    const shown = () => [...(card()?.querySelectorAll('[data-testid="column-row"]') ?? [])]
      .some((row) => row.textContent.includes('${column}'));
    const t0 = performance.now();
    view.dispatch({ changes: { from: open, insert: line }, selection: { anchor: open + line.length }, userEvent: 'input.type' });
    const check = () => {
      if (shown()) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 60000) reject(new Error('the card did not show ${column}'));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

/**
 * Measures code editor keystroke → canvas updated on the design the page shows, several runs, and prints them.
 * The editor reads at once when its worker is idle, so this is the worker's read plus applying it.
 */
export async function codeEditorBench(page: Page, print: (label: string, ms: number[]) => void): Promise<void> {
  const moduleId = (await page.getByTestId('module-id').textContent())?.trim() ?? '';
  await page.getByTestId('cmd-fit-view').click();
  await page.waitForTimeout(300);
  const table = await visibleDetailedCard(page);
  await page.locator(`[data-testid="table-card"][data-table-name="${table}"]`).click();
  await page.getByTestId('tab-code').click();
  await page.getByTestId('preview-tab-tables').click();
  await page.getByTestId('code-editor-host').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    `!!document.querySelector('[data-testid="code-editor-host"]')?.codeEditorView`,
    undefined,
    { timeout: 120_000 },
  );
  // A first read warms the worker (ts-morph loads on first use); not counted.
  await typeColumn(page, `${moduleId}_${table}`, table, 'bench_warm');
  await page.waitForTimeout(1500);

  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    times.push(await typeColumn(page, `${moduleId}_${table}`, table, `bench_col_${i}`));
    // Let the re-print of the code land before the next keystroke.
    await page.waitForTimeout(1500);
  }
  print('code editor keystroke → canvas updated', times);
}

/**
 * The editor's read in Node at 300 tables: a column typed into one table, read in full and incrementally (the
 * import worker's path), each followed by the reconcile with the open design. Several runs, each a new column.
 */
export async function codeEditParseBench(print: (label: string, ms: number[]) => void, runs = 7): Promise<void> {
  const design = largeDesign(300);
  const files = await generateModuleFiles(design, { skipMigration: true });
  const text = files.find((f) => f.role === 'schema')?.content ?? '';
  const opts = { moduleId: design.module.id, layout: design.module.layout };
  const reader = new IncrementalTablesReader();
  reader.read(editorImportInput(files, text), opts);
  const full: number[] = [];
  const incremental: number[] = [];
  const reconcile: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = text.indexOf('{\n', text.indexOf(`"${design.module.id}_entity_${(i * 37) % 300}"`)) + 2;
    const edited = `${text.slice(0, at)}  benchCol${i}: text("bench_col_${i}"),\n${text.slice(at)}`;
    const input = editorImportInput(files, edited);
    let t0 = performance.now();
    const whole = importTablesTs(input, opts);
    full.push(performance.now() - t0);
    t0 = performance.now();
    const part = reader.read(input, opts);
    incremental.push(performance.now() - t0);
    if (reader.lastKind !== 'incremental') throw new Error('the bench edit was read in full');
    if (!whole.ok || !part.ok) throw new Error('the bench edit did not read');
    t0 = performance.now();
    reconcileDesign(design, part.design);
    reconcile.push(performance.now() - t0);
  }
  print('code edit read, full (300 tables)', full);
  print('code edit read, incremental (300 tables)', incremental);
  print('code edit reconcile (300 tables)', reconcile);
}
