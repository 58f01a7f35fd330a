import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type LaunchOptions, type Page, chromium, expect, test } from '@playwright/test';

// issue 14: an edit survives the browser being killed (SIGKILL, no chance to run pagehide or flush) 0, 50, 100 and
// 250 ms after it. The profile is a real user data dir, so what survives is what reached IndexedDB on disk.

/** How long after the edit the browser is killed, in ms. */
const DELAYS = [0, 50, 100, 250];

/**
 * The edits: "Add table" and a table rename (Enter commits the field), through Playwright's input, which returns
 * once the page has handled the event; and "Add table" clicked from inside the page, so the kill comes as soon
 * as the click handler has returned, without Playwright's round trips in between.
 */
type Edit = 'add a table' | 'rename a table' | 'add a table, clicked from inside the page';

const CASES: { edit: Edit; delay: number }[] = [
  ...DELAYS.flatMap((delay) => (['add a table', 'rename a table'] as const).map((edit) => ({ edit, delay }))),
  { edit: 'add a table, clicked from inside the page', delay: 0 },
];

/** The module's tables as the inspector lists them (all of them, unlike the canvas, which draws what is in view). */
const tableLinks = (page: Page) => page.getByTestId('table-link');

interface Proc {
  pid: number;
  /** The process group (Playwright starts the browser in a group of its own). */
  group: number;
  args: string[];
}

/** The running processes: from /proc on Linux, else from `ps` (macOS). */
function processes(): Proc[] {
  if (!existsSync('/proc/self/stat')) {
    return execFileSync('ps', ['-A', '-ww', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ pid: Number(m[1]), group: Number(m[2]), args: m[3]!.split(' ') }));
  }
  const found: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      // "pid (comm) state ppid pgrp …": comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      found.push({ pid: Number(entry), group, args });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/**
 * The browser's main process: the one started with this user data dir and no `--type=` (renderers, the GPU and
 * utility processes carry one). Playwright gives no process for a persistent context, so it is looked up.
 */
function browserProcess(userDataDir: string): Proc {
  const found = processes().filter(
    (p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.some((a) => a.startsWith('--type=')),
  );
  if (found.length !== 1) throw new Error(`expected one browser process for ${userDataDir}, found ${found.length}`);
  return found[0]!;
}

async function launch(userDataDir: string, launchOptions: LaunchOptions, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...launchOptions, baseURL });
}

/** Opens the studio and waits until the stored design is on screen, with the module's tables listed. */
async function open(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('table-card').first()).toBeVisible();
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('crumb-module').click();
  await expect(tableLinks(page).first()).toBeVisible();
  return page;
}

/** The name "Add table" gives the next table: `new_table`, then `new_table_2`, … */
function freeTableName(names: string[]): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'new_table' : `new_table_${n}`;
    if (!names.includes(name)) return name;
  }
}

async function tableNames(page: Page): Promise<string[]> {
  const names = await tableLinks(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
  return names.sort();
}

/** Kills every process of the browser at once, like a crash, and waits until Playwright has noticed. */
async function crash(context: BrowserContext, browser: Proc): Promise<void> {
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  // The whole group when the browser leads one (its renderers and helpers die with it), else the browser alone.
  process.kill(browser.group === browser.pid ? -browser.pid : browser.pid, 'SIGKILL');
  await closed;
}

test('an edit survives the browser being killed 0, 50, 100 and 250 ms after it', async ({ baseURL, launchOptions }) => {
  test.setTimeout(90_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'studio-crash-'));
  let context: BrowserContext | null = null;
  try {
    context = await launch(userDataDir, launchOptions, baseURL!);
    let page = await open(context);
    // The first visit stores the example; wait for that, so each kill below can only lose the edit itself.
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    let expected = await tableNames(page);
    let renamed = 0;
    const lost: string[] = [];

    for (const { edit, delay } of CASES) {
      const browser = browserProcess(userDataDir);
      if (edit === 'add a table') {
        expected = [...expected, freeTableName(expected)].sort();
        await page.getByTestId('cmd-add-table').click();
      } else if (edit === 'add a table, clicked from inside the page') {
        expected = [...expected, freeTableName(expected)].sort();
        await page.getByTestId('cmd-add-table').evaluate((button: HTMLElement) => button.click());
      } else {
        const from = expected.find((n) => !n.startsWith('new_table'))!;
        const to = `renamed_${++renamed}`;
        await page.locator(`[data-testid="table-link"][data-name="${from}"]`).click();
        await expect(page.getByTestId('table-inspector')).toHaveAttribute('data-name', from);
        await page.getByTestId('table-name-input').fill(to);
        expected = expected.map((n) => (n === from ? to : n)).sort();
        // Enter commits the field: this is the edit.
        await page.getByTestId('table-name-input').press('Enter');
      }
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      await crash(context, browser);

      context = await launch(userDataDir, launchOptions, baseURL!);
      page = await open(context);
      const names = await tableNames(page);
      if (JSON.stringify(names) !== JSON.stringify(expected)) {
        lost.push(`${edit}, killed after ${delay} ms: found ${names.join(', ')}`);
        expected = names; // go on from what survived, so each later kill is judged on its own edit
      }
    }
    expect(lost).toEqual([]);
  } finally {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
