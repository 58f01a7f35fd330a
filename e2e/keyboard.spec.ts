import { type Page, expect, test } from '@playwright/test';

// Keyboard access: the designs menu opens with Enter or Space, the arrow keys move through it, Escape closes it
// and gives the focus back; the modal keeps the focus inside; toolbar buttons have names, tooltips and arrow keys.

async function start(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('current-design')).not.toHaveText('Designs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
const focusInside = (page: Page, testId: string) =>
  page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testId);

test.beforeEach(async ({ page }) => start(page));

test('the designs menu opens with Enter and Space, and Escape returns the focus to it', async ({ page }) => {
  const trigger = page.getByTestId('designs-menu');
  const dialog = page.getByTestId('designs-dialog');
  for (const key of ['Enter', ' ']) {
    await trigger.focus();
    await page.keyboard.press(key);
    await expect(dialog).toBeVisible();
    await expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(await focusInside(page, 'designs-dialog')).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(await focusedTestId(page)).toBe('designs-menu');
  }
});

test('the arrow keys move through the saved designs', async ({ page }) => {
  // Two designs to move between.
  await page.getByTestId('designs-menu').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="design-row"]').first().getByTestId('design-duplicate').click();
  await expect(page.getByTestId('design-open')).toHaveCount(2);
  const names = await page.getByTestId('design-open').allInnerTexts();

  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('design-open').nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('design-open').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('design-open').nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('design-open').nth(1)).toBeFocused();
  // Enter opens the focused design.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-design')).toHaveText(names[1]!.split('\n')[0]!.trim());
});

test('the designs dialog keeps the focus inside while it is open', async ({ page }) => {
  await page.getByTestId('designs-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('designs-dialog')).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    // The browser's own chrome may take the focus between the last and first element; it never lands on the page.
    const outside = await page.evaluate(
      () => document.activeElement !== document.body && !document.activeElement?.closest('dialog[open]'),
    );
    expect(outside, `focus left the dialog after ${i + 1} presses`).toBe(false);
  }
});

test('every toolbar button has a name and a tooltip, and the arrow keys move along the toolbar', async ({ page }) => {
  const toolbar = page.getByRole('toolbar', { name: 'Designer actions' });
  const buttons = toolbar.getByRole('button');
  const count = await buttons.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const b = buttons.nth(i);
    expect((await b.getAttribute('title'))?.trim(), `title of button ${i}`).toBeTruthy();
    expect((await b.innerText()).trim() || (await b.getAttribute('aria-label')), `name of button ${i}`).toBeTruthy();
  }
  // The shortcut as this platform writes it (Ctrl+Z here; ⌘Z on a Mac). The older "Ctrl/⌘+Z" is accepted until the
  // toolbar uses formatKbd.
  await expect(page.getByTestId('cmd-undo')).toHaveAttribute('title', /Undo \((Ctrl\+Z|Ctrl\/⌘\+Z)\)/);

  const enabled = toolbar.locator('button:not(:disabled)');
  await enabled.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(enabled.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(enabled.first()).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(enabled.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(enabled.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(enabled.last()).toBeFocused();
});

test('keys pressed in an open dialog never reach the designer behind it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Select the table, then open the Share dialog: Delete, undo and "add table" there must do nothing.
  await page.locator('.svelte-flow__node').first().click();
  await page.getByTestId('cmd-share').click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await page.getByTestId('share-copy').focus();
  for (const key of ['Delete', 'Backspace', 'Control+z', 'Alt+t']) await page.keyboard.press(key);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toBeHidden();
  await expect(page.locator('.svelte-flow__node')).toHaveCount(1);
  await expect(page.getByTestId('cmd-undo')).toBeDisabled();
});

test('shortcuts follow the physical key when the layout or Option makes another character', async ({ page }) => {
  const cards = page.locator('.svelte-flow__node');
  await expect(cards).toHaveCount(1);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  // Alt+T on a Mac types "†": the key is still KeyT, so a table is added.
  const press = (init: { key: string; code: string; altKey?: boolean; ctrlKey?: boolean }) =>
    page.evaluate((i) => document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...i })), init);
  await press({ key: '†', code: 'KeyT', altKey: true });
  await expect(cards).toHaveCount(2);
  // A Russian layout's Ctrl+Z types "я" on the Z key: undo.
  await press({ key: 'я', code: 'KeyZ', ctrlKey: true });
  await expect(cards).toHaveCount(1);
  // Shift+1 is "!" on US and German layouts: fit view runs (Playwright sends key "!" with code Digit1).
  const viewport = page.locator('.svelte-flow__viewport');
  await page.locator('.svelte-flow__controls-zoomin').click();
  await page.locator('.svelte-flow__controls-zoomin').click();
  const zoomedIn = await viewport.getAttribute('style');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+Digit1');
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(zoomedIn);
});
