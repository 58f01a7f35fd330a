import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Playwright's own browser download is not always possible (CI images, offline machines), so a system Chromium
// is used when one is found. CHROMIUM_PATH (or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH) overrides the lookup; with
// neither set and no /usr/bin/chromium, Playwright falls back to the browser it installed itself.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath =
  process.env.CHROMIUM_PATH ||
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

const PORT = 4173;
// E2E_BASE_URL runs the specs against a server that is already up (e.g. `npm run dev -- --port 4201`).
const BASE_URL = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: true,
  fullyParallel: false,
  // One browser at a time: two saved a minute (7.7 → 6.7 min on 2 cores) but made the crash test's timings depend
  // on the other worker's load (an edit killed 0 ms after it was then sometimes lost before its write started).
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 30_000 },
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL ?? `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  // Tests run against the production build (`npm run build` comes first in `npm test`).
  webServer: BASE_URL
    ? undefined
    : {
        command: `npm run preview -- --strictPort --port ${PORT}`,
        url: `http://localhost:${PORT}`,
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
