import { sveltekit } from '@sveltejs/kit/vite';
import { configDefaults, defineConfig } from 'vitest/config';

const TESTS = ['src/**/*.test.ts', 'bench/**/*.test.ts'];

/**
 * Test files that take more than a few seconds each (measured on a 2-core machine): the ones that run the real
 * drizzle-kit, `tsc` or `npm pack`, the property and fuzz tests, the round trips and the CLI runs. They make up the
 * `slow` project (`npm run test:slow`); everything else is `unit` and `unit-isolated` (`npm run test:unit`, about
 * half a minute), what to run on every save. `npm test` runs them all. A new file that takes longer than ~5 s
 * belongs here.
 */
const SLOW_TESTS = [
  '**/*.drizzle-kit.test.ts',
  '**/*.roundtrip.test.ts',
  '**/*.fuzz.test.ts',
  'src/lib/generate/property.test.ts',
  'src/lib/state/code-incremental.test.ts',
  'src/lib/generate/drizzle-kit.test.ts',
  'src/lib/generate/kept-code.test.ts',
  'src/lib/generate/table-memo.test.ts',
  'src/lib/core/rules/severity.test.ts',
  'src/lib/sql/safe-variant-hazards.test.ts',
  'src/lib/export/module-plan.test.ts',
  'src/lib/export/migration-hazards.test.ts',
  'src/lib/components/canvas/layout.test.ts',
  'src/cli/bounded-run.test.ts',
  'src/cli/cli.test.ts',
  'src/cli/edge-cases.test.ts',
  'src/cli/module-writes.test.ts',
  'src/cli/pack.test.ts',
];

/**
 * Fast test files that replace globals or modules (`vi.mock`, `vi.spyOn`, `vi.stubGlobal`, fake timers, rune
 * stores): each runs in a fresh module graph (`unit-isolated`). The other fast files share one module graph per
 * worker (`isolate: false`), which halves `npm run test:unit`: loading ts-morph, sql.js and the generators again
 * for each of ~100 files was most of its time. A new test file that stubs or mocks anything belongs here.
 */
const ISOLATED_TESTS = [
  '**/*.svelte.test.ts',
  'src/lib/state/**/*.test.ts',
  'src/lib/worker/**/*.test.ts',
  'src/lib/share/open-link.test.ts',
  'src/cli/node-folder.test.ts',
];

export default defineConfig({
  plugins: [sveltekit()],
  optimizeDeps: {
    // Vite's first scan starts at the routes and does not follow `new Worker(new URL(…))`: without the workers as
    // entries it found ts-morph and Prettier only when the Code tab first started the generator worker, then
    // re-optimised and reloaded the page, and a new user lost what they had just done (e2e/dev-start.spec.ts).
    entries: ['src/lib/**/*-worker.ts'],
    // The workers' heavy dependencies, named as well, so they are pre-bundled even if a worker moves; and elkjs,
    // so the first auto-layout in a fresh dev server does not hit an outdated optimized dependency.
    include: [
      'elkjs/lib/elk.bundled.js',
      'ts-morph',
      'prettier/standalone',
      'prettier/plugins/estree',
      'prettier/plugins/typescript',
      'prettier/plugins/babel',
      'sql.js',
    ],
  },
  // Test output and scratch files are not part of the app: writing them must not reload an open page.
  server: { watch: { ignored: ['**/.tmp/**', '**/e2e-output/**', '**/test-results/**', '**/playwright-report/**'] } },
  test: {
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two workers even on a 2-core machine: the slow files spend much of their time waiting on child processes
    // (drizzle-kit, tsc, npm pack), so two at a time take two thirds of the time (measured: 304 s → 201 s).
    maxWorkers: 2,
    // `extends: true`: every project takes the settings above (and the SvelteKit plugin). `include` is set only
    // here, per project: Vite merges arrays, so a root `include` would add every file to every project.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TESTS,
          exclude: [...configDefaults.exclude, ...SLOW_TESTS, ...ISOLATED_TESTS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: ISOLATED_TESTS, exclude: [...configDefaults.exclude, ...SLOW_TESTS] },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS } },
    ],
  },
});
