/**
 * The generated module, checked by the real tools: drizzle-kit writes exactly our 0000 migration and snapshot
 * and then finds nothing to do; tsc type-checks the files against the real drizzle-orm (host aliases mapped to
 * stand-ins); sql.js and better-sqlite3 both run the SQL and report the same schema.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Column, LAYOUTS } from '../core/design';
import { addColumn } from '../core/operations';
import { exampleNames, loadExample } from '../../testing/examples';
import {
  drizzleKitGenerate,
  readText,
  removeDir,
  tempDir,
  typeCheck,
  writeFiles,
  writeModule,
} from '../../testing/module-folder';
import { TEXT_ENUM_STAND_IN } from '../../testing/host-stand-ins';
import { applyWithBetterSqlite, applyWithSqlJs } from '../../testing/sqlite';
import { generateModuleFiles } from './module-files';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function withoutId(snapshot: string): unknown {
  const { id: _id, ...rest } = JSON.parse(snapshot) as Record<string, unknown>;
  return rest;
}

describe.each(exampleNames().flatMap((name) => LAYOUTS.map((layout) => [name, layout] as const)))(
  '%s (%s layout)',
  (name, layout) => {
    const design = loadExample(name);

    it('drizzle-kit writes exactly our 0000 SQL and snapshot, then finds no changes', async () => {
      const files = await generateModuleFiles(design, { layout, now: 1 });
      const ours = (role: string) => files.find((f) => f.role === role)?.content ?? '';
      const dir = tempDir('dk');
      dirs.push(dir);
      writeModule(dir, files, design.module.id, layout);
      const log = await drizzleKitGenerate(dir);
      expect(log).toContain('Your SQL migration file');
      expect(readText(dir, 'drizzle/0000_init.sql')).toBe(ours('migration'));
      expect(withoutId(readText(dir, 'drizzle/meta/0000_snapshot.json'))).toEqual(withoutId(ours('snapshot')));
      const journal = JSON.parse(readText(dir, 'drizzle/meta/_journal.json'));
      expect({ ...journal, entries: journal.entries.map((e: object) => ({ ...e, when: 1 })) }).toEqual(
        JSON.parse(ours('journal')),
      );

      // With our own drizzle/ folder in place, drizzle-kit must have nothing left to do.
      const again = tempDir('dk-again');
      dirs.push(again);
      writeModule(again, files, design.module.id, layout, true);
      const second = await drizzleKitGenerate(again);
      expect(second).toContain('No schema changes');
      expect(readdirSync(join(again, 'drizzle')).filter((f) => f.endsWith('.sql'))).toEqual(['0000_init.sql']);
    });

    it('type-checks with tsc against the real drizzle-orm', async () => {
      const files = await generateModuleFiles(design, { layout, skipMigration: true });
      const dir = tempDir('tsc');
      dirs.push(dir);
      writeModule(dir, files, design.module.id, layout);
      expect(await typeCheck(dir)).toBe('');
    });

    it('runs in sql.js and better-sqlite3 with the same resulting schema', async () => {
      const files = await generateModuleFiles(design, { layout, now: 1 });
      const sql = files.find((f) => f.role === 'migration')?.content ?? '';
      const viaSqlJs = await applyWithSqlJs([sql]);
      const viaBetter = applyWithBetterSqlite([sql]);
      expect(viaSqlJs).toEqual(viaBetter);
      expect(Object.keys(viaBetter.tables).sort()).toEqual(
        Object.values(design.tables)
          .map((t) => `${design.module.id}_${t.name}`)
          .sort(),
      );
    });
  },
);

it('tsc rejects a broken module (the type-check can fail)', async () => {
  const design = loadExample('molos-example');
  const files = await generateModuleFiles(design, { layout: 'legacy', skipMigration: true });
  const dir = tempDir('tsc-broken');
  dirs.push(dir);
  const broken = files.map((f) =>
    f.role === 'schema' ? { ...f, content: f.content.replace('ItemStatus.PENDING', 'ItemStatus.NOPE') } : f,
  );
  writeModule(dir, broken, design.module.id, 'legacy');
  expect(await typeCheck(dir)).toMatch(/NOPE/);
});

it('every kind of default matches drizzle-kit, including values the rules warn about', async () => {
  let design = loadExample('molos-example');
  const defaults: [string, Partial<Column>][] = [
    ['j_string', { mode: 'json', default: { kind: 'json', json: '"it\'s"' } }],
    ['j_number', { mode: 'json', default: { kind: 'json', json: '5.5' } }],
    ['j_true', { mode: 'json', default: { kind: 'json', json: 'true' } }],
    ['j_null', { mode: 'json', default: { kind: 'json', json: 'null' } }],
    ['j_array', { mode: 'json', default: { kind: 'json', json: '[1, "a", {"b": null}]' } }],
    ['j_object', { mode: 'json', default: { kind: 'json', json: '{"theme": "dark", "n": 1e21}' } }],
    ['t_quote', { default: { kind: 'literal', value: 'it\'s a "quoted" `value`\n\\ ${x} */' } }],
    ['t_empty', { default: { kind: 'literal', value: '' } }],
    ['n_text', { type: 'numeric', default: { kind: 'literal', value: '10.50' } }],
    ['r_small', { type: 'real', default: { kind: 'literal', value: 1e-7 } }],
    ['i_negative', { type: 'integer', default: { kind: 'literal', value: -42 } }],
    ['b_false', { type: 'integer', mode: 'boolean', default: { kind: 'literal', value: false } }],
    ['s_current', { type: 'text', default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' } }],
    ['s_backtick', { type: 'text', default: { kind: 'sql', sql: "('a`b' || '${c}')" } }],
  ];
  for (const [name, patch] of defaults) design = addColumn(design, { tableId: 't_items', name, ...patch });
  const files = await generateModuleFiles(design, { layout: 'legacy', now: 1 });
  const dir = tempDir('dk-defaults');
  dirs.push(dir);
  writeModule(dir, files, design.module.id, 'legacy');
  await drizzleKitGenerate(dir);
  expect(readText(dir, 'drizzle/0000_init.sql')).toBe(files.find((f) => f.role === 'migration')?.content);
  expect(withoutId(readText(dir, 'drizzle/meta/0000_snapshot.json'))).toEqual(
    withoutId(files.find((f) => f.role === 'snapshot')?.content ?? ''),
  );
});

it('in the current layout the schema and models type-check with only textEnum mapped', async () => {
  const design = loadExample('molos-tasks');
  const files = await generateModuleFiles(design, { layout: 'current', skipMigration: true });
  const dir = tempDir('tsc-text-enum-only');
  dirs.push(dir);
  writeFiles(dir, [
    ...files.filter((f) => f.role === 'schema' || f.role === 'schema-index' || f.role === 'models'),
    { path: 'utils.ts', content: TEXT_ENUM_STAND_IN },
    {
      path: 'tsconfig.json',
      content: JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'ESNext',
          moduleResolution: 'bundler',
          target: 'ES2022',
          skipLibCheck: true,
          types: [],
          lib: ['ES2022', 'DOM'],
          paths: { '@molos/database/utils': ['./utils.ts'] },
        },
        include: ['src/**/*.ts'],
      }),
    },
  ]);
  expect(await typeCheck(dir)).toBe('');
});
