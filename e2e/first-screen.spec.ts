/**
 * The first screen's JavaScript budget (issue: ≤ 300 KB gzip): the scripts the built index.html loads and their
 * static imports. The heavy parts (ts-morph, Prettier, the importers, sql.js, ELK) must stay behind dynamic
 * imports and workers; one stray static import pulls megabytes into the first screen, and this catches it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { firstScreenJs } from '../bench/first-screen';

const BUILD = resolve(import.meta.dirname, '../build');

test('the first screen loads at most 300 KB of gzip JavaScript', () => {
  expect(existsSync(resolve(BUILD, 'index.html')), 'run `npm run build` first').toBe(true);
  const { gzip, files } = firstScreenJs(BUILD);
  expect(files).toBeGreaterThan(1);
  expect(gzip, `first screen: ${(gzip / 1024).toFixed(0)} KiB gzip in ${files} files`).toBeLessThanOrEqual(300 * 1000);
});
