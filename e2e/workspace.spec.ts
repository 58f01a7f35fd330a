import { type Page, type TestInfo, expect, test } from '@playwright/test';

// The workspace: one header row of grouped icon buttons with tooltips, menus that work from the keyboard, a side
// panel resized by its edge (remembered across reloads), the code beside the inspector, and the side tabs as a
// keyboard tab list.

async function start(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('table-card')).toHaveCount(1);
}

const panelWidth = (page: Page) =>
  page.getByTestId('side-panel').evaluate((el) => Math.round(el.getBoundingClientRect().width));

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/** Every visible header button: the header is one row when they all share one line and none wraps its label. */
async function headerRows(page: Page) {
  return page
    .locator('header')
    .first()
    .evaluate((header) => {
      const box = header.getBoundingClientRect();
      const buttons = [...header.querySelectorAll<HTMLElement>('button')].filter((b) => b.offsetParent !== null);
      return {
        height: Math.round(box.height),
        buttons: buttons.map((b) => {
          const r = b.getBoundingClientRect();
          return { id: b.dataset.testid ?? b.textContent?.trim(), middle: r.top + r.height / 2, height: r.height };
        }),
      };
    });
}

for (const width of [1280, 1024]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`at ${width} px (${scheme}) the header is one row of buttons`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await start(page);
      const { height, buttons } = await headerRows(page);
      expect(height).toBeLessThanOrEqual(50);
      expect(buttons.length).toBeGreaterThan(8);
      const middle = buttons[0]!.middle;
      for (const b of buttons) {
        expect(Math.abs(b.middle - middle), `${b.id} sits on the header's line`).toBeLessThanOrEqual(1);
        expect(b.height, `${b.id} does not wrap`).toBeLessThanOrEqual(32);
      }
      if (width === 1280) {
        // At 1280 everything fits: nothing scrolls out of view.
        const overflow = await page
          .locator('header')
          .first()
          .evaluate((h) => h.scrollWidth - h.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      await shot(page, testInfo, `workspace-${width}-${scheme}`);
    });
  }
}

test('the toolbar buttons have tooltips and names with their shortcuts, grouped by purpose', async ({ page }) => {
  await start(page);
  const toolbar = page.getByRole('toolbar', { name: 'Designer actions' });
  for (const group of ['File', 'Edit', 'View', 'Export']) {
    await expect(toolbar.getByRole('group', { name: group })).toBeVisible();
  }
  await expect(page.getByTestId('cmd-undo')).toHaveAttribute('aria-label', 'Undo (Ctrl+Z)');
  await expect(page.getByTestId('cmd-undo')).toHaveAttribute('aria-keyshortcuts', 'Control+Z');
  await expect(page.getByTestId('cmd-add-table')).toHaveAttribute('title', 'Add table (Alt+T)');
  await expect(toolbar.getByRole('group', { name: 'Edit' }).getByTestId('cmd-add-table')).toBeVisible();
  await expect(toolbar.getByRole('group', { name: 'File' }).getByTestId('import-button')).toBeVisible();
  await expect(toolbar.getByRole('group', { name: 'View' }).getByTestId('cmd-fit-view')).toBeVisible();
  await expect(toolbar.getByRole('group', { name: 'Export' }).getByTestId('cmd-share')).toBeVisible();
  // Every header button looks the same: same height, same corner radius.
  const looks = await page
    .locator('header')
    .first()
    .evaluate((h) =>
      [...h.querySelectorAll<HTMLElement>('button')]
        .filter((b) => b.offsetParent !== null)
        .map((b) => {
          const s = getComputedStyle(b);
          return `${Math.round(b.getBoundingClientRect().height)} ${s.borderRadius}`;
        }),
    );
  expect(new Set(looks)).toEqual(new Set(['30 6px']));
});

test('the Export menu works by keyboard and by mouse', async ({ page }, testInfo) => {
  await start(page);
  const trigger = page.getByTestId('menu-export');
  await expect(trigger).toHaveAttribute('aria-haspopup', 'menu');
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await expect(items.first()).toHaveText('Download module (.zip)');
  await expect(menu.getByTestId('cmd-save-json')).toBeVisible();
  await expect(menu.getByTestId('cmd-export-image')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await shot(page, testInfo, 'workspace-export-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();

  // ArrowDown on the button opens it too; a click elsewhere closes it without running anything.
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.locator('.svelte-flow__pane').click({ position: { x: 40, y: 300 } });
  await expect(menu).toBeHidden();

  // Choosing an entry runs its command: the image export dialog opens.
  await trigger.click();
  await menu.getByTestId('cmd-export-image').click();
  await expect(page.getByTestId('export-image-dialog')).toBeVisible();
  await expect(menu).toBeHidden();
});

test('the side panel is resized by dragging its edge and by the keyboard, and keeps its width', async ({ page }) => {
  await start(page);
  const resizer = page.getByTestId('panel-resizer');
  await expect(resizer).toHaveAttribute('role', 'separator');
  await expect(resizer).toHaveAttribute('aria-orientation', 'vertical');
  expect(await panelWidth(page)).toBe(420);
  await expect(resizer).toHaveAttribute('aria-valuenow', '420');

  const box = (await resizer.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 200;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 100, y, { steps: 5 });
  await page.mouse.move(x - 150, y, { steps: 5 });
  await page.mouse.up();
  expect(await panelWidth(page)).toBe(570);
  await expect(resizer).toHaveAttribute('aria-valuenow', '570');

  await resizer.focus();
  await page.keyboard.press('ArrowRight');
  expect(await panelWidth(page)).toBe(554);
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await panelWidth(page)).toBe(618);
  // Dragging far right stops at the minimum; far left leaves the canvas its room.
  await page.keyboard.press('Home');
  expect(await panelWidth(page)).toBe(300);
  await page.keyboard.press('End');
  const viewport = page.viewportSize()!.width;
  expect(await panelWidth(page)).toBe(viewport - 360);
  await page.keyboard.press('Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  expect(await panelWidth(page)).toBe(460);

  await page.reload();
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  expect(await panelWidth(page)).toBe(460);

  // A corrupted stored width falls back to the default.
  await page.evaluate(() => localStorage.setItem('molos-studio:panel-width', 'very wide'));
  await page.reload();
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  expect(await panelWidth(page)).toBe(420);
});

test('the code shows beside the inspector, and the choice is remembered', async ({ page }, testInfo) => {
  await start(page);
  const toggle = page.getByTestId('toggle-code-beside');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('code-beside')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('code-beside').getByTestId('preview')).toContainText(
    'sqliteTable("MoLOS-Example_items"',
    { timeout: 120_000 },
  );
  // The code has left the tabs; both show side by side (the panel widened to its "beside" width).
  await expect(page.getByTestId('tab-code')).toHaveCount(0);
  const inspector = (await page.getByTestId('inspector').boundingBox())!;
  const code = (await page.getByTestId('code-beside').boundingBox())!;
  expect(code.x).toBeGreaterThanOrEqual(inspector.x + inspector.width - 1);
  expect(Math.abs(code.y - inspector.y)).toBeLessThan(60);
  await shot(page, testInfo, 'workspace-code-beside');

  // A narrow panel stacks them.
  await page.getByTestId('panel-resizer').focus();
  await page.keyboard.press('Home');
  const stackedCode = (await page.getByTestId('code-beside').boundingBox())!;
  const stackedInspector = (await page.getByTestId('inspector').boundingBox())!;
  expect(stackedCode.y).toBeGreaterThan(stackedInspector.y + 40);
  await shot(page, testInfo, 'workspace-code-stacked');
  await page.keyboard.press('End');

  await page.reload();
  await expect(page.getByTestId('table-card')).toHaveCount(1);
  await expect(page.getByTestId('code-beside')).toBeVisible();
  await expect(page.getByTestId('toggle-code-beside')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('toggle-code-beside').click();
  await expect(page.getByTestId('code-beside')).toHaveCount(0);
  await page.getByTestId('tab-code').click();
  await expect(page.getByTestId('preview')).toBeVisible();
});

test('the side tabs are a tab list the keyboard moves through', async ({ page }) => {
  await start(page);
  const tablist = page.getByRole('tablist', { name: 'Side panel views' });
  const tabs = tablist.getByRole('tab');
  await expect(tabs).toHaveText(['Inspector', 'Problems', 'Code']);
  for (const id of ['inspector', 'problems', 'code']) {
    const tab = page.getByTestId(`tab-${id}`);
    const panel = await tab.getAttribute('aria-controls');
    expect(panel).toBe(`side-panel-${id}`);
    await expect(page.locator(`#${panel}`)).toHaveAttribute('role', 'tabpanel');
    await expect(page.locator(`#${panel}`)).toHaveAttribute('aria-labelledby', `side-tab-${id}`);
  }
  // One Tab stop: only the selected tab is in the Tab order.
  await expect(page.getByTestId('tab-inspector')).toHaveAttribute('tabindex', '0');
  await expect(page.getByTestId('tab-problems')).toHaveAttribute('tabindex', '-1');

  await page.getByTestId('tab-inspector').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-problems')).toBeFocused();
  await expect(page.getByTestId('tab-problems')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#side-panel-problems')).toBeVisible();
  await expect(page.locator('#side-panel-inspector')).toBeHidden();
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-code')).toBeFocused();
  await expect(page.getByTestId('tab-code')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-inspector')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-code')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tab-inspector')).toBeFocused();
  await expect(page.getByTestId('inspector')).toBeVisible();
  // Tab leaves the tab list for the panel.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]')?.id)).toBe(
    'side-panel-inspector',
  );
});
