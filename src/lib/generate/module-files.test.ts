import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import { format } from 'prettier/standalone';
import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../core/design';
import { exampleNames, loadExample } from '../../testing/examples';
import { generateMergedModuleFiles, generateModuleFiles } from './module-files';

const NOW = 1767265435419;

describe.each(exampleNames())('example %s', (name) => {
  const design = loadExample(name);

  it.each(LAYOUTS)('matches the golden files in the %s layout', async (layout) => {
    const files = await generateModuleFiles(design, { layout, now: NOW });
    expect(files.map((f) => f.path)).toMatchSnapshot();
    for (const f of files) {
      await expect(f.content).toMatchFileSnapshot(`__golden__/${name}/${layout}/${f.path}`);
    }
  });

  it.each(LAYOUTS)('is deterministic and already formatted in the %s layout', async (layout) => {
    const a = await generateModuleFiles(design, { layout, now: NOW });
    const b = await generateModuleFiles(design, { layout, now: NOW });
    expect(b).toEqual(a);
    for (const f of a.filter((x) => x.path.endsWith('.ts'))) {
      const formatted = await format(f.content, { parser: 'typescript', plugins: [estree, typescript] });
      expect(formatted, f.path).toBe(f.content);
    }
  });
});

describe('tables.ts', () => {
  it('reproduces the MoLOS documentation example', async () => {
    const [schema] = await generateModuleFiles(loadExample('molos-example'), { layout: 'legacy', skipMigration: true });
    // The table definition of shared/seed/database-schema.md, with the default spelled through the enum.
    expect(schema?.content).toContain(`export const exampleItems = sqliteTable("MoLOS-Example_items", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  userId: text("user_id").notNull(),
  title: text("title").notNull(),
  description: text("description"),
  status: textEnum("status", ItemStatus).notNull().default(ItemStatus.PENDING),
  createdAt: integer("created_at")
    .notNull()
    .default(sql\`(strftime('%s','now'))\`),
  updatedAt: integer("updated_at")
    .notNull()
    .default(sql\`(strftime('%s','now'))\`),
});`);
    expect(
      schema?.content.startsWith(`import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { textEnum } from "$lib/server/db/utils";
import { ItemStatus } from "$lib/models/external_modules/MoLOS-Example";
`),
    ).toBe(true);
    expect(schema?.content).toMatch(/export \{ ItemStatus \};\n$/);
  });

  it('imports the models relatively and textEnum from @molos/database in the current layout', async () => {
    const files = await generateModuleFiles(loadExample('molos-example'), { layout: 'current', skipMigration: true });
    const schema = files.find((f) => f.role === 'schema');
    expect(schema?.path).toBe('src/server/db/schema/tables.ts');
    expect(schema?.content).toContain('import { textEnum } from "@molos/database/utils";');
    expect(schema?.content).toContain('import { ItemStatus } from "../../../models";');
    expect(files.map((f) => f.path)).toContain('src/config.ts');
  });
});

describe('generateMergedModuleFiles', () => {
  it('is the generated code (no migration) for a new module, and keeps a scaffold file that exists', async () => {
    const design = loadExample('molos-example');
    const generated = await generateModuleFiles(design, { layout: 'current', skipMigration: true });
    const fresh = await generateMergedModuleFiles(design, { layout: 'current', existing: new Map() });
    expect(fresh).toEqual({ files: generated, notes: [], code: null });
    const mine = 'id: MoLOS-Example\nname: Mine\n';
    const merged = await generateMergedModuleFiles(design, {
      layout: 'current',
      existing: new Map([['manifest.yaml', mine]]),
    });
    expect(merged.files.map((f) => f.path)).toEqual(generated.map((f) => f.path));
    expect(merged.files.find((f) => f.role === 'manifest')?.content).toBe(mine);
    expect(merged.files.find((f) => f.role === 'schema')?.content).toBe(generated[0]?.content);
  });
});
