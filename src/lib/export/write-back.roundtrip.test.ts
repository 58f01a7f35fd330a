/**
 * Writing back into a real module folder, end to end through the CLI, for every import fixture, every example
 * and the hand-written merge fixture. Each module gets a history made by the real drizzle-kit, then:
 *
 * 1. `import` the folder and `generate` into it again unchanged: no new migration and not one byte changed;
 * 2. add a column and `generate` again: one new migration; every name the models file exported is still
 *    exported; `tsc` passes where it passed before; and the real drizzle-kit, run in the folder afterwards, finds
 *    nothing to do — the migration and snapshot the studio wrote are exactly drizzle-kit's.
 */
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixtureNames, loadImportFixture } from '../../../fixtures/import/load';
import { run } from '../../cli/main';
import { exampleNames, loadExample } from '../../testing/examples';
import { STAND_IN_FILES, standInTsconfig } from '../../testing/host-stand-ins';
import { drizzleKitGenerate, removeDir, tempDir, typeCheck, writeFiles } from '../../testing/module-folder';
import { tableColumns } from '../core/design';
import { loadDesign, serializeDesign } from '../core/format';
import { applyOperation } from '../core/operations';
import { layoutPaths } from '../generate/layout-paths';
import { generateModuleFiles } from '../generate/module-files';
import { importTablesTs } from '../import/tables-ts/index';
import type { Layout } from '../core/design';

interface Module {
  name: string;
  layout: Layout;
  id: string;
  files: { path: string; content: string }[];
}

/** The modules: import fixtures (their own files) and examples (generated files), each with its module id. */
async function modules(): Promise<Module[]> {
  const out: Module[] = [];
  for (const name of importFixtureNames().filter((n) => n !== 'unsupported')) {
    const f = loadImportFixture(name);
    const read = importTablesTs({ tables: f.tables, models: f.models, others: f.others });
    if (!read.ok) throw new Error(`${name} does not import`);
    const files = [f.tables, ...(f.models ? [f.models] : []), ...f.others].map((s) => ({
      path: s.path,
      content: s.text,
    }));
    out.push({ name, layout: f.layout, id: read.design.module.id, files });
  }
  for (const name of exampleNames()) {
    const design = loadExample(name);
    const files = (await generateModuleFiles(design, { skipMigration: true })).filter(
      (f) => f.role === 'schema' || f.role === 'schema-index' || f.role === 'models',
    );
    out.push({ name: `example-${name}`, layout: design.module.layout, id: design.module.id, files });
  }
  const merge = join(import.meta.dirname, '../../../fixtures/merge/tabs-module');
  out.push({
    name: 'merge-tabs-module',
    layout: 'legacy',
    id: 'MoLOS-Planner',
    files: tree(merge).filter((f) => f.path.endsWith('.ts')),
  });
  return out;
}

/** Every file under `dir` (the drizzle-kit and tsc scaffolding included), by path. */
function tree(dir: string): { path: string; content: string }[] {
  const out: { path: string; content: string }[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: relative(dir, p).split('\\').join('/'), content: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** The names a file exports (declarations, `export { … }`, and the names of `export * from` files it is given). */
function exportedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(
    /export\s+(?:declare\s+)?(?:const|let|type|interface|function|class|enum)\s+([A-Za-z_$][\w$]*)/g,
  ))
    names.add(m[1] as string);
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const part of (m[1] as string).split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, '');
      if (name) names.add(name);
    }
  return [...names].sort();
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: '/' });
  return { code, out, err };
}

interface Result {
  module: Module;
  unchanged: { importCode: number; generateCode: number; out: string; changedFiles: string[] };
  edited: { generateCode: number; out: string; newFiles: string[]; lostExports: string[] };
  tscBefore: string;
  tscAfter: string;
  drizzleKitAfter: string;
}

const results: Result[] = [];
let sentinels: string[] = [];
let workspaceErrors = '';
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/**
 * Type-checks every module under `root/<side>/` in one tsc run (one run per module would take minutes), with the
 * host's aliases mapped to the stand-ins; returns the diagnostics per module folder name.
 */
async function typeCheckAll(root: string, side: string, mods: readonly Module[]): Promise<Map<string, string>> {
  const paths: Record<string, string[]> = {
    '$lib/server/db/utils': ['./.host/text-enum.ts'],
    '@molos/database/utils': ['./.host/text-enum.ts'],
    '$lib/config/types': ['./.host/config-types.ts'],
    'lucide-svelte': ['./.host/lucide.d.ts'],
  };
  for (const m of mods)
    if (m.layout === 'legacy')
      paths[`$lib/models/external_modules/${m.id}`] = [`./${side}/${m.name}/lib/models/index.ts`];
  const tsconfig = JSON.parse(standInTsconfig('MoLOS-X', 'current')) as { compilerOptions: Record<string, unknown> };
  const dir = join(root, `check-${side}`);
  writeFiles(dir, [
    ...STAND_IN_FILES,
    {
      path: 'tsconfig.json',
      content: JSON.stringify({
        compilerOptions: {
          ...tsconfig.compilerOptions,
          paths: Object.fromEntries(
            Object.entries(paths).map(([k, v]) => [
              k,
              v.map((p) => (p.startsWith(`./${side}/`) ? `../${p.slice(2)}` : p)),
            ]),
          ),
        },
        include: [`../${side}/*/lib/**/*.ts`, `../${side}/*/src/**/*.ts`],
      }),
    },
  ]);
  // A module with a known type error proves that the run really checked the modules' files.
  writeFiles(join(root, side), [
    { path: 'zz-sentinel/lib/server/db/schema/tables.ts', content: "export const n: number = 'text';\n" },
  ]);
  const out = await typeCheck(dir);
  const byModule = new Map<string, string>([...mods.map((m) => [m.name, ''] as const), ['zz-sentinel', '']]);
  // A line that names no module (a tsconfig problem, say) is the workspace's: the test requires none.
  for (const line of out.split('\n').filter((l) => /error TS\d+/.test(l))) {
    const name = new RegExp(`${side}/([^/]+)/`).exec(line)?.[1] ?? '(workspace)';
    byModule.set(name, `${byModule.get(name) ?? ''}${line}\n`);
  }
  return byModule;
}

beforeAll(async () => {
  const root = tempDir('write-back');
  dirs.push(root);
  const all = await modules();
  for (const m of all) {
    const original = join(root, 'orig', m.name);
    const paths = layoutPaths(m.layout);
    writeFiles(original, [
      ...m.files,
      { path: 'manifest.yaml', content: `id: ${m.id}\nname: ${m.name}\nversion: 1.0.0\n` },
      {
        path: 'drizzle.config.ts',
        content: `export default { schema: "./${paths.schemaFile}", out: "./drizzle", dialect: "sqlite" };\n`,
      },
      ...STAND_IN_FILES,
      { path: 'tsconfig.json', content: standInTsconfig(m.id, m.layout) },
    ]);
    // The module's history, as its author would have made it.
    await drizzleKitGenerate(original);
    const before = tree(original);

    const work = join(root, 'work', m.name);
    cpSync(original, work, { recursive: true });
    const designFile = join(root, `${m.name}.design.json`);
    const imported = await cli(['import', work, '--out', designFile]);
    const again = await cli(['generate', designFile, '--out', work]);
    const changedFiles = tree(work)
      .filter((f) => before.find((b) => b.path === f.path)?.content !== f.content)
      .map((f) => f.path);

    // One edit: a nullable column on the first table.
    const loaded = loadDesign(readFileSync(designFile, 'utf8'));
    if (!loaded.ok) throw new Error('the design file does not load');
    const design = loaded.design;
    const first = Object.values(design.tables)[0];
    if (!first) throw new Error(`${m.name} has no table`);
    const edited = applyOperation(design, {
      op: 'addColumn',
      args: {
        tableId: first.id,
        name: tableColumns(design, first).some((c) => c.name === 'rt_note') ? 'rt_note2' : 'rt_note',
      },
    });
    writeFileSync(designFile, serializeDesign(edited));
    const modelsBefore = before.find((f) => f.path === paths.modelsFile)?.content ?? '';
    const second = await cli(['generate', designFile, '--out', work]);
    const after = tree(work);
    const modelsAfter = after.find((f) => f.path === paths.modelsFile)?.content ?? '';
    const lostExports = exportedNames(modelsBefore).filter((n) => !exportedNames(modelsAfter).includes(n));
    const newFiles = after.filter((f) => !before.some((b) => b.path === f.path)).map((f) => f.path);
    results.push({
      module: m,
      unchanged: { importCode: imported.code, generateCode: again.code, out: again.out + again.err, changedFiles },
      edited: { generateCode: second.code, out: second.out + second.err, newFiles, lostExports },
      tscBefore: '',
      tscAfter: '',
      drizzleKitAfter: await drizzleKitGenerate(work),
    });
  }
  const [before, after] = await Promise.all([typeCheckAll(root, 'orig', all), typeCheckAll(root, 'work', all)]);
  for (const r of results) {
    r.tscBefore = before.get(r.module.name) ?? '';
    r.tscAfter = after.get(r.module.name) ?? '';
  }
  sentinels = [before.get('zz-sentinel') ?? '', after.get('zz-sentinel') ?? ''];
  workspaceErrors = (before.get('(workspace)') ?? '') + (after.get('(workspace)') ?? '');
}, 600_000);

describe('write back into a module with a drizzle-kit history', () => {
  it('covers every fixture and example', () => {
    expect(results.length).toBeGreaterThan(20);
  });

  it.each(['unchanged', 'edited'])('%s: runs', (_) => {
    for (const r of results) {
      expect(r.unchanged.importCode, `${r.module.name}: import`).toBe(0);
      expect(r.unchanged.generateCode, `${r.module.name}: ${r.unchanged.out}`).toBe(0);
      expect(r.edited.generateCode, `${r.module.name}: ${r.edited.out}`).toBe(0);
    }
  });

  it('an unchanged module gets no migration and not one changed byte', () => {
    for (const r of results) {
      expect(r.unchanged.out, r.module.name).toContain('No schema changes');
      expect(r.unchanged.changedFiles, r.module.name).toEqual([]);
    }
  });

  it('after an edit: one new migration and its snapshot, every export of the models file kept', () => {
    for (const r of results) {
      expect(
        r.edited.newFiles.filter((p) => p.endsWith('.sql')),
        r.module.name,
      ).toHaveLength(1);
      expect(
        r.edited.newFiles.filter((p) => p.endsWith('_snapshot.json')),
        r.module.name,
      ).toHaveLength(1);
      expect(r.edited.lostExports, r.module.name).toEqual([]);
    }
  });

  it('after an edit: tsc passes where it passed before', () => {
    expect(workspaceErrors).toBe('');
    for (const s of sentinels) expect(s).toMatch(/TS2322/);
    for (const r of results) if (r.tscBefore === '') expect(r.tscAfter, r.module.name).toBe('');
    expect(results.filter((r) => r.tscBefore === '').length).toBeGreaterThan(15);
  });

  it('after an edit: the real drizzle-kit finds nothing to do (our migration and snapshot are its own)', () => {
    for (const r of results) expect(r.drizzleKitAfter, r.module.name).toMatch(/No schema changes/);
  });
});
