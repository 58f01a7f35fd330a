import { type Page, expect } from '@playwright/test';

/**
 * Runs a toolbar command by its id as a user would: clicks its `cmd-<id>` button, or, when the command lives in
 * a menu (Export…), opens that menu first. A menu button lists the ids of its entries in `data-menu-items`.
 */
export async function runCommand(page: Page, id: string): Promise<void> {
  const button = page.getByTestId(`cmd-${id}`);
  if ((await button.count()) === 0) {
    const menu = page.locator(`[data-menu-items~="${id}"]`);
    await expect(menu, `no button or menu runs the command "${id}"`).toHaveCount(1);
    await menu.click();
  }
  await button.click();
}
