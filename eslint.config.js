import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The headless rings (document model, SQL, generators, importers, the write path, verify, share links, the diagram)
// run in Node, in a Web Worker and in the CLI alike, so they must not reach for the UI framework, the page or Node
// itself. README.md, "Project layout", lists them for readers; src/lint.test.ts proves these checks bite.
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

// The page's own folders: headless code must not reach up into them, by the alias or by a relative path.
const PAGE_IMPORTS = [
  {
    regex: '^(\\$lib/|(\\.\\./)+)(state|components|worker|styles|routes)(/|$)',
    message: 'Headless code must not import the page (state, components, worker, styles).',
  },
];

// The headless rings, lowest first, each with the rings it must not import: a ring imports only those below it
// (`export`, `verify` → `generate`, `import` → `sql` → `core`; `share` and `diagram` sit on `core` alone). Only
// forbidden names are listed, because subfolders repeat ring names (`import/sql/` is reached as `../sql/` from
// `import/schema/`) and must stay allowed.
const RINGS = {
  core: ['generate', 'sql', 'import', 'export', 'verify', 'share', 'diagram'],
  sql: ['generate', 'import', 'export', 'verify', 'share', 'diagram'],
  generate: ['export', 'verify', 'share', 'diagram'],
  import: ['export', 'verify', 'share', 'diagram'],
  export: ['verify', 'share', 'diagram'],
  verify: ['share', 'diagram'],
  share: ['generate', 'sql', 'import', 'export', 'verify', 'diagram'],
  diagram: ['generate', 'sql', 'import', 'export', 'verify', 'share'],
};
/** @param {keyof typeof RINGS} ring */
const ringImports = (ring) => [
  {
    regex: `^(\\.\\./)+(${RINGS[ring].join('|')})(/|$)`,
    message: `\`${ring}\` sits below these rings and must not import them (README.md, "Project layout").`,
  },
];

// The folders (and files) that run the same in the browser, in a worker and in the CLI.
const RING_NAMES = /** @type {(keyof typeof RINGS)[]} */ (Object.keys(RINGS));
const HEADLESS = RING_NAMES.map((ring) => `src/lib/${ring}/**`);
// Parts of those folders that belong to the page (the browser's folder picker, downloads, the share link's worker).
const PAGE_ONLY = [
  'src/lib/export/browser-folder.ts',
  'src/lib/export/download.ts',
  'src/lib/share/open-link.ts',
  'src/lib/share/open-link-worker.ts',
];
const TESTS = ['**/*.test.ts'];

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
  ...RING_NAMES.map((ring) => ({
    files: [`src/lib/${ring}/**`],
    ignores: [...PAGE_ONLY, ...TESTS],
    rules: {
      'no-restricted-imports': /** @type {import('eslint').Linter.RuleEntry} */ ([
        'error',
        { patterns: [...UI_IMPORTS, ...PAGE_IMPORTS, ...NODE_IMPORTS, ...ALIAS_IMPORTS, ...ringImports(ring)] },
      ]),
      'no-restricted-syntax': /** @type {import('eslint').Linter.RuleEntry} */ ([
        'error',
        ...FOCUSED_TESTS,
        ...DYNAMIC_UI_IMPORTS,
        ...DYNAMIC_NODE_IMPORTS,
      ]),
    },
  })),
  {
    // Tests of the headless rings may read fixtures and golden files from disk.
    files: HEADLESS.map((f) => `${f}/*.test.ts`),
    // A page-only file's test may use what that file uses (the share link's worker test uses a fake worker).
    ignores: PAGE_ONLY.map((f) => f.replace(/\.ts$/, '.test.ts')),
    rules: {
      'no-restricted-imports': ['error', { patterns: [...UI_IMPORTS, ...PAGE_IMPORTS] }],
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
  {
    // Import cycles make load order matter and tangle the rings; type-only imports count too, since a type cycle
    // is the same knot one edit away from a value cycle. Svelte components are leaves here (not parsed).
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    // Nothing imports a test, so no cycle runs through one: skipping them saves a third of the check's time.
    ignores: TESTS,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.json'],
          alias: { $lib: [fileURLToPath(new URL('./src/lib', import.meta.url))] },
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
