import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static single-page app: no server is needed to run the designer.
    adapter: adapter({ fallback: '200.html' }),
    typescript: {
      // Type-check the e2e specs and Playwright config too; golden files are generated module code, not ours.
      config(tsconfig) {
        tsconfig.include.push('../e2e/**/*.ts', '../playwright.config.ts', '../bench/**/*.ts', '../scripts/**/*.ts');
        tsconfig.exclude.push('../src/**/__golden__/**');
      },
    },
  },
};

export default config;
