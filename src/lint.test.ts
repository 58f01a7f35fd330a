/**
 * Proof that `npm run lint` guards the rings: the project's own eslint.config.js, run through ESLint's Node API on
 * snippets placed in each headless folder, must reject an import of the page, of Svelte or of a ring above, and
 * must reject an import cycle — and must accept the imports the rings really use, so the checks are not simply
 * failing everything.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../eslint.config.js', import.meta.url));
const HEADLESS = ['core', 'generate', 'sql', 'import', 'export', 'verify', 'share', 'diagram'];

// The snippets live in a scratch folder laid out like the project (src/lib/<ring>/…), so the config's file globs
// match them while the real source tree is left alone.
let root: string;
let eslint: ESLint;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-rings-'));
  eslint = new ESLint({ cwd: root, overrideConfigFile: CONFIG });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The rule ids and messages ESLint reports for `code` saved as `file` (relative to the scratch root). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

interface Resolver {
  resolve(source: string, file: string): { found: boolean; path?: string | null };
}

function write(file: string, code: string): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
}

describe('the import-direction lint', () => {
  it.each(HEADLESS)('refuses Svelte, the page and the $lib alias in src/lib/%s', async (ring) => {
    const messages = await lint(
      `src/lib/${ring}/wrong.ts`,
      [
        "import { mount } from 'svelte';",
        "import { Editor } from '../state/editor.svelte';",
        "import { CARD } from '../components/canvas/card-model';",
        "import { serveRequests } from '../worker/worker-client';",
        "import { readFileSync } from 'node:fs';",
        "import { type Design } from '$lib/core/design';",
        'export const all = [mount, Editor, CARD, serveRequests, readFileSync] as unknown as Design;',
        '',
      ].join('\n'),
    );
    const restricted = messages.filter((m) => m.startsWith('no-restricted-imports:'));
    expect(restricted.some((m) => m.includes("'svelte'") && m.includes('must not import Svelte'))).toBe(true);
    for (const page of ['../state/editor.svelte', '../components/canvas/card-model', '../worker/worker-client']) {
      expect(restricted.some((m) => m.includes(`'${page}'`) && m.includes('must not import the page'))).toBe(true);
    }
    expect(restricted.some((m) => m.includes("'node:fs'") && m.includes('Node built-ins'))).toBe(true);
    expect(restricted.some((m) => m.includes("'$lib/core/design'") && m.includes('relative imports'))).toBe(true);
  });

  it('refuses a lower ring importing a higher one, from a nested folder too', async () => {
    const core = await lint(
      'src/lib/core/rules/wrong.ts',
      "export { nextMigration } from '../../sql/next-migration';\n",
    );
    expect(core).toEqual([
      'no-restricted-imports: \'../../sql/next-migration\' import is restricted from being used by a pattern. `core` sits below these rings and must not import them (README.md, "Project layout").',
    ]);
    const sql = await lint('src/lib/sql/wrong.ts', "export { moduleFiles } from '../generate/module-files';\n");
    expect(sql).toHaveLength(1);
    expect(sql[0]).toContain('`sql` sits below these rings');
  });

  it('accepts the imports the rings are meant to use', async () => {
    expect(await lint('src/lib/sql/fine.ts', "export { type Design } from '../core/design';\n")).toEqual([]);
    expect(await lint('src/lib/diagram/fine.ts', "export { CARD } from './card-geometry';\n")).toEqual([]);
    expect(await lint('src/lib/import/sql/fine.ts', "export { readSchema } from '../../sql/schema-report';\n")).toEqual(
      [],
    );
    // The page may import anything headless, by the alias too.
    expect(await lint('src/lib/state/fine.ts', "export { CARD } from '$lib/diagram/card-geometry';\n")).toEqual([]);
  });

  it('lets tests of the headless rings read files, but not import the page', async () => {
    expect(await lint('src/lib/core/x.test.ts', "export { readFileSync } from 'node:fs';\n")).toEqual([]);
    const page = await lint('src/lib/core/x.test.ts', "export { Editor } from '../state/editor.svelte';\n");
    expect(page.join('\n')).toContain('must not import');
  });
});

describe('the cycle check', () => {
  it('refuses two modules that import each other, and passes once the knot is cut', async () => {
    write('src/lib/sql/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = () => b;\n");
    write('src/lib/sql/cycle-b.ts', "import { a } from './cycle-a';\nexport const b = () => a;\n");
    const results = await eslint.lintFiles(['src/lib/sql/cycle-a.ts', 'src/lib/sql/cycle-b.ts']);
    for (const result of results) {
      expect(result.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
    }

    write('src/lib/sql/cycle-b.ts', 'export const b = () => 1;\n');
    const [after] = await eslint.lintFiles(['src/lib/sql/cycle-a.ts']);
    expect(after!.messages).toEqual([]);
  });

  it('follows a longer loop, up and down folders', async () => {
    write('src/lib/state/one.ts', "import { two } from '../export/two';\nexport const one = () => two;\n");
    write('src/lib/export/two.ts', "import { three } from './three';\nexport const two = () => three;\n");
    write('src/lib/export/three.ts', "import { one } from '../state/one';\nexport const three = () => one;\n");
    const [result] = await eslint.lintFiles(['src/lib/state/one.ts']);
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['import-x/no-cycle']);
  });

  it('resolves the $lib alias and extensionless TypeScript paths, so cycles through them are seen', async () => {
    const configs = (await import('../eslint.config.js')).default as { settings?: Record<string, unknown> }[];
    const resolvers = configs.flatMap((c) => (c.settings?.['import-x/resolver-next'] as Resolver[] | undefined) ?? []);
    expect(resolvers).toHaveLength(1);
    const from = fileURLToPath(new URL('./lib/state/session.svelte.ts', import.meta.url));
    const lib = fileURLToPath(new URL('./lib/', import.meta.url));
    expect(resolvers[0]!.resolve('$lib/core/design', from)).toEqual({ found: true, path: join(lib, 'core/design.ts') });
    expect(resolvers[0]!.resolve('./editor.svelte', from)).toEqual({
      found: true,
      path: join(lib, 'state/editor.svelte.ts'),
    });
  });
});
