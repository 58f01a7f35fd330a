import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The headless rings (document model, generators, SQL) run in Node, in a Web Worker and in the CLI alike, so they
// must not reach for the UI framework or for Node itself. README.md, "Project layout", lists them for readers.
const UI_IMPORTS = [
  { regex: '^svelte(/|$)', message: 'Headless code must not import Svelte; put UI state in a *.svelte.ts wrapper.' },
  { regex: '^\\$app/', message: 'Headless code must not import SvelteKit ($app/*).' },
  { regex: '^@xyflow/', message: 'Headless code must not import the canvas library.' },
  { regex: '(\\.svelte(\\.[jt]s)?|^\\$lib/worker(/.*)?)$', message: 'Headless code must not import UI modules.' },
];
// Exact names only: a relative `./util` or `./path` must stay allowed.
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const NODE_IMPORTS = [
  {
    regex: `^(node:.*|${NODE_BUILTINS.join('|')})$`,
    message: 'Headless code must not import Node built-ins (only tests and the CLI may).',
  },
];

// The CLI runs the headless rings through tsx, which does not resolve SvelteKit's `$lib` alias.
const ALIAS_IMPORTS = [
  { regex: '^\\$lib(/|$)', message: 'Headless code uses relative imports: the CLI loads it without the $lib alias.' },
];

// The folders (and files) that run the same in the browser, in a worker and in the CLI.
const HEADLESS = [
  'src/lib/core/**',
  'src/lib/generate/**',
  'src/lib/sql/**',
  'src/lib/import/**',
  'src/lib/verify/**',
  'src/lib/export/**',
];
// Parts of those folders that belong to the page (the browser's folder picker, downloads, rune stores).
const PAGE_ONLY = ['src/lib/export/browser-folder.ts', 'src/lib/export/download.ts', 'src/lib/export/*.svelte.ts'];

// `no-restricted-imports` does not see `import()`; catch the common cases of a lazily loaded forbidden module.
const DYNAMIC_UI_IMPORTS = [
  {
    selector: 'ImportExpression[source.value=/^(svelte|\\$app|@xyflow)([^a-z_-]|$)/]',
    message: 'Headless code must not import Svelte, SvelteKit or the canvas library.',
  },
];
const DYNAMIC_NODE_IMPORTS = [
  {
    selector: 'ImportExpression[source.value=/^(node:|(fs|path|os|child_process)([^a-z_]|$))/]',
    message: 'Headless code must not import Node built-ins (only tests and the CLI may).',
  },
];

// Focused tests silently skip the rest of the suite in CI.
const FOCUSED_TESTS = [
  {
    selector:
      "MemberExpression[property.name='only']:matches([object.name=/^(it|test|describe|suite|bench)$/], [object.object.name=/^(it|test|describe|suite|bench)$/])",
    message: 'Focused tests (.only) must not be committed.',
  },
];

export default defineConfig(
  globalIgnores([
    'build/',
    '.svelte-kit/',
    'node_modules/',
    'static/',
    '**/__golden__/',
    'test-results/',
    'playwright-report/',
    'e2e-output/',
    '.tmp/',
    'fixtures/',
  ]),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,
  {
    languageOptions: {
      parserOptions: { extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...FOCUSED_TESTS],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: HEADLESS,
    ignores: PAGE_ONLY,
    rules: {
      'no-restricted-imports': ['error', { patterns: [...UI_IMPORTS, ...NODE_IMPORTS, ...ALIAS_IMPORTS] }],
      'no-restricted-syntax': ['error', ...FOCUSED_TESTS, ...DYNAMIC_UI_IMPORTS, ...DYNAMIC_NODE_IMPORTS],
    },
  },
  {
    // Tests of the headless rings may read fixtures and golden files from disk.
    files: HEADLESS.map((f) => `${f}/*.test.ts`),
    rules: {
      'no-restricted-imports': ['error', { patterns: UI_IMPORTS }],
      'no-restricted-syntax': ['error', ...FOCUSED_TESTS, ...DYNAMIC_UI_IMPORTS],
    },
  },
  {
    // The CLI is a thin shell over the headless rings: Node is fine, the UI is not.
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: UI_IMPORTS }],
      'no-restricted-syntax': ['error', ...FOCUSED_TESTS, ...DYNAMIC_UI_IMPORTS],
    },
  },
);
