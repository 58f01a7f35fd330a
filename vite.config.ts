import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // Pre-bundled so the first auto-layout in a fresh dev server does not hit an outdated optimized dependency.
  optimizeDeps: { include: ['elkjs/lib/elk.bundled.js'] },
  // Test output and scratch files are not part of the app: writing them must not reload an open page.
  server: { watch: { ignored: ['**/.tmp/**', '**/e2e-output/**', '**/test-results/**', '**/playwright-report/**'] } },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
