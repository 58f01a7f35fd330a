/**
 * Round trips through the real drizzle-kit: every import fixture (and every example design, generated first) is
 * imported, generated again and imported again. drizzle-kit must write byte-identical SQL for the original
 * schema files and for the regenerated ones (and that SQL must be ours), and the second import must give the
 * same design as the first.
 *
 * All modules have their own module id, so one drizzle-kit run covers all originals and one all regenerated
 * modules (drizzle-kit takes several schema files); the SQL is then split per module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Design, Layout } from '../core/design';
import { generateModuleFiles, type GeneratedFile } from '../generate/module-files';
import { layoutPaths } from '../generate/layout-paths';
import { exampleNames, loadExample } from '../../testing/examples';
import { drizzleKitGenerate, readText, removeDir, tempDir, writeFiles } from '../../testing/module-folder';
import { STAND_IN_FILES } from '../../testing/host-stand-ins';
import { importFixtureNames, loadImportFixture } from '../../../fixtures/import/load';
import { importTablesTs } from './tables-ts';
import type { ImportOutcome, SourceFile } from './types';

/** The fixtures whose SQL the design can hold exactly (`unsupported` is about messages). */
const FIXTURES = importFixtureNames().filter((n) => n !== 'unsupported');

interface Case {
  name: string;
  layout: Layout;
  tables: SourceFile;
  models?: SourceFile;
  /** Other files of the schema and models folders (files the models file re-exports). */
  others: SourceFile[];
  first: Design;
  second: ImportOutcome;
  regenerated: GeneratedFile[];
  /** The design the case started from (examples only). */
  example?: Design;
}

function designOf(outcome: ImportOutcome, name: string): Design {
  if (!outcome.ok) throw new Error(`${name} does not import: ${JSON.stringify(outcome.messages)}`);
  return outcome.design;
}

const file = (files: GeneratedFile[], role: string): SourceFile => {
  const f = files.find((x) => x.role === role);
  if (!f) throw new Error(`no ${role} file`);
  return { path: f.path, text: f.content };
};

async function buildCase(
  name: string,
  layout: Layout,
  tables: SourceFile,
  models: SourceFile | undefined,
  others: SourceFile[],
  example?: Design,
): Promise<Case> {
  const first = designOf(importTablesTs({ tables, models, others }), name);
  const regenerated = await generateModuleFiles(first, { layout, now: 1 });
  const second = importTablesTs({ tables: file(regenerated, 'schema'), models: file(regenerated, 'models') });
  return { name, layout, tables, models, others, first, second, regenerated, ...(example ? { example } : {}) };
}

/** Writes every module under `dir/<name>/`, the host stand-ins, one tsconfig and one drizzle.config.ts. */
function writeWorkspace(dir: string, modules: { name: string; id: string; layout: Layout; files: SourceFile[] }[]) {
  const paths: Record<string, string[]> = {
    '$lib/server/db/utils': ['./.host/text-enum.ts'],
    '@molos/database/utils': ['./.host/text-enum.ts'],
  };
  const schemas: string[] = [];
  for (const m of modules) {
    writeFiles(
      dir,
      m.files.map((f) => ({ path: `${m.name}/${f.path}`, content: f.text })),
    );
    const lp = layoutPaths(m.layout);
    if (m.layout === 'legacy') paths[`$lib/models/external_modules/${m.id}`] = [`./${m.name}/${lp.modelsFile}`];
    schemas.push(`./${m.name}/${lp.schemaFile}`);
  }
  const tsconfig = {
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, paths },
  };
  writeFiles(dir, [
    ...STAND_IN_FILES,
    { path: 'tsconfig.json', content: JSON.stringify(tsconfig, null, 2) },
    {
      path: 'drizzle.config.ts',
      content: `export default { schema: ${JSON.stringify(schemas)}, out: "./drizzle", dialect: "sqlite" };\n`,
    },
  ]);
}

/** The statements of a migration that concern one module (every statement names a table `<id>_…`). */
function statementsOf(sql: string, moduleId: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.includes(`\`${moduleId}_`));
}

const cases: Case[] = [];
let originalSql = '';
let regeneratedSql = '';
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

beforeAll(async () => {
  for (const name of FIXTURES) {
    const f = loadImportFixture(name);
    cases.push(await buildCase(name, f.layout, f.tables, f.models, f.others));
  }
  for (const name of exampleNames()) {
    const example = loadExample(name);
    const layout = example.module.layout;
    const files = await generateModuleFiles(example, { layout, skipMigration: true });
    cases.push(await buildCase(`example ${name}`, layout, file(files, 'schema'), file(files, 'models'), [], example));
  }
  const folder = (c: Case) => c.name.replace(/\W+/g, '-');
  const original = tempDir('import-rt-original');
  const again = tempDir('import-rt-regenerated');
  dirs.push(original, again);
  writeWorkspace(
    original,
    cases.map((c) => ({
      name: folder(c),
      id: c.first.module.id,
      layout: c.layout,
      files: [c.tables, ...(c.models ? [c.models] : []), ...c.others],
    })),
  );
  writeWorkspace(
    again,
    cases.map((c) => ({
      name: folder(c),
      id: c.first.module.id,
      layout: c.layout,
      files: [file(c.regenerated, 'schema'), file(c.regenerated, 'models'), file(c.regenerated, 'schema-index')],
    })),
  );
  await Promise.all([drizzleKitGenerate(original), drizzleKitGenerate(again)]);
  originalSql = readText(original, 'drizzle/0000_init.sql');
  regeneratedSql = readText(again, 'drizzle/0000_init.sql');
}, 120_000);

it('drizzle-kit writes byte-identical SQL for all original and all regenerated modules', () => {
  expect(originalSql.length).toBeGreaterThan(1000);
  expect(regeneratedSql).toBe(originalSql);
});

describe.each([...FIXTURES, ...exampleNames().map((n) => `example ${n}`)])('%s', (name) => {
  const get = () => {
    const c = cases.find((x) => x.name === name);
    if (!c) throw new Error(`case ${name} was not built`);
    return c;
  };

  it('drizzle-kit writes the same statements for the original and the regenerated module, and they are ours', () => {
    const c = get();
    const id = c.first.module.id;
    const fromOriginal = statementsOf(originalSql, id);
    expect(fromOriginal.length).toBeGreaterThan(0);
    expect(statementsOf(regeneratedSql, id)).toEqual(fromOriginal);
    expect(statementsOf(file(c.regenerated, 'migration').text, id)).toEqual(fromOriginal);
  });

  it('import → generate → import gives the same design', () => {
    const c = get();
    expect(c.second.ok).toBe(true);
    if (c.second.ok) expect(c.second.design).toEqual(c.first);
  });

  it('an example comes back as the design it was generated from (names, types, defaults, relations)', () => {
    const c = get();
    if (!c.example) return;
    expect(describeDesign(c.first)).toEqual(describeDesign(c.example));
  });
});

/** A design spelled by names instead of ids, without positions or module name/description. */
function describeDesign(d: Design): unknown {
  const col = (id: string) => {
    const c = d.columns[id];
    const t = c && d.tables[c.tableId];
    return `${t?.name}.${c?.name}`;
  };
  return {
    module: { id: d.module.id, layout: d.module.layout },
    tables: Object.values(d.tables).map((t) => ({
      name: t.name,
      exportName: t.exportName,
      comment: t.comment,
      aliases: t.aliases ?? [],
      columns: t.columnIds.map((id) => {
        const { id: _id, tableId: _t, enumId, ...rest } = d.columns[id] as Design['columns'][string];
        return { ...rest, enum: enumId ? d.enums[enumId]?.name : null };
      }),
      indexes: t.indexIds.map((id) => {
        const ix = d.indexes[id];
        return { name: ix?.name, unique: ix?.unique, columns: ix?.columnIds.map(col) };
      }),
    })),
    relations: Object.values(d.relations)
      .map((r) => ({
        from: col(r.fromColumnId),
        to: col(r.toColumnId),
        del: r.onDelete,
        upd: r.onUpdate,
        logical: r.logical,
      }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    enums: Object.values(d.enums).map((e) => ({
      name: e.name,
      comment: e.comment,
      members: e.members.map((m) => [m.key, m.value]),
    })),
  };
}
