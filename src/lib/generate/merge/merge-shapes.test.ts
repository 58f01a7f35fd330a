/**
 * Schema files in shapes the merge does not edit in place (tables declared together, `sqliteTable` imported under
 * another name, tables in other files of a split schema): kept byte for byte while the design leaves those tables
 * alone, never declared a second time, and a change to them is refused with its place.
 */
import { describe, expect, it } from 'vitest';
import { type Design, tableColumns } from '../../core/design';
import { applyOperation } from '../../core/operations';
import { importModuleFolder } from '../../import/module-folder/index';
import { generateModuleFiles } from '../module-files';
import { MergeError, mergeModuleFiles } from './index';

const SCHEMA = 'lib/server/db/schema/tables.ts';
const MANIFEST = 'id: MoLOS-Shapes\nname: Shapes\n';

async function read(files: Record<string, string>): Promise<Design> {
  const r = await importModuleFolder(Object.entries(files).map(([path, text]) => ({ path, text })));
  if (!r.ok) throw new Error(r.messages.map((m) => m.message).join('\n'));
  return r.design;
}

async function merge(design: Design, files: Record<string, string>) {
  const generated = await generateModuleFiles(design, { skipMigration: true });
  return mergeModuleFiles(design, design.module.layout, generated, new Map(Object.entries(files)));
}

function addColumnTo(d: Design, table: string): Design {
  const t = Object.values(d.tables).find((x) => x.name === table);
  if (!t) throw new Error(`no table ${table}`);
  return applyOperation(d, {
    op: 'addColumn',
    args: { tableId: t.id, name: 'extra', index: tableColumns(d, t).length },
  });
}

describe('tables declared together in one statement', () => {
  const files = {
    'manifest.yaml': MANIFEST,
    [SCHEMA]: `import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const a = sqliteTable('MoLOS-Shapes_a', { id: text('id').primaryKey() }),
  b = sqliteTable('MoLOS-Shapes_b', { id: text('id').primaryKey() });

export const c = sqliteTable('MoLOS-Shapes_c', { id: text('id').primaryKey() });
`,
  };

  it('come back byte for byte, not declared a second time', async () => {
    const d = await read(files);
    const out = await merge(d, files);
    expect(out.files.find((f) => f.path === SCHEMA)?.content).toBe(files[SCHEMA]);
  });

  it('a change to one of them is refused with its place; a change to another table is made', async () => {
    const d = await read(files);
    await expect(merge(addColumnTo(d, 'b'), files)).rejects.toThrow(MergeError);
    await expect(merge(addColumnTo(d, 'b'), files)).rejects.toThrow(
      `${SCHEMA}:3: MoLOS-Shapes_b is declared together with other tables in one statement`,
    );
    const out = await merge(addColumnTo(d, 'c'), files);
    // Laid out as the file's Prettier would (the statement was in that form): the object no longer fits a line.
    expect(out.files.find((f) => f.path === SCHEMA)?.content).toContain(
      "export const c = sqliteTable('MoLOS-Shapes_c', {\n  id: text('id').primaryKey(),\n  extra: text('extra'),\n});",
    );
  });
});

describe('sqliteTable imported under another name', () => {
  const files = {
    'manifest.yaml': MANIFEST,
    [SCHEMA]: `import { sqliteTable as table, text } from 'drizzle-orm/sqlite-core';

export const items = table('MoLOS-Shapes_items', {
  id: text('id').primaryKey(),
});
`,
  };

  it('is found: unchanged it comes back byte for byte, and an edit is made in place', async () => {
    const d = await read(files);
    expect((await merge(d, files)).files.find((f) => f.path === SCHEMA)?.content).toBe(files[SCHEMA]);
    const edited = (await merge(addColumnTo(d, 'items'), files)).files.find((f) => f.path === SCHEMA)?.content;
    expect(edited).toBe(`import { sqliteTable as table, text } from 'drizzle-orm/sqlite-core';

export const items = table('MoLOS-Shapes_items', {
  id: text('id').primaryKey(),
  extra: text('extra'),
});
`);
  });
});

describe('a schema split over several files', () => {
  const files = {
    'manifest.yaml': MANIFEST,
    'drizzle.config.ts': "export default { schema: './lib/server/db/schema', out: './drizzle', dialect: 'sqlite' };\n",
    'lib/server/db/schema/index.ts': "export * from './projects';\nexport * from './tasks';\n",
    'lib/server/db/schema/projects.ts': `import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const projects = sqliteTable('MoLOS-Shapes_projects', { id: text('id').primaryKey() });
`,
    'lib/server/db/schema/tasks.ts': `import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const tasks = sqliteTable('MoLOS-Shapes_tasks', { id: text('id').primaryKey() });
`,
  };

  it('unchanged: no file changes and no table is copied into the index', async () => {
    const d = await read(files);
    expect(Object.keys(d.tables)).toHaveLength(2);
    const out = await merge(d, files);
    for (const f of out.files) if (f.path in files) expect(f.content, f.path).toBe(files[f.path as keyof typeof files]);
    expect(out.files.filter((f) => f.path === 'lib/server/db/schema/index.ts')).toHaveLength(1);
  });

  it('a change to a table in another file is refused, naming the table', async () => {
    const d = await read(files);
    await expect(merge(addColumnTo(d, 'tasks'), files)).rejects.toThrow(
      'MoLOS-Shapes_tasks is not declared in this file as export const tasks = sqliteTable(…)',
    );
  });
});

describe('where a new enum goes', () => {
  const tables = `import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { textEnum } from '$lib/server/db/utils';

// Define enums locally to avoid import issues
export const Mood = { GREAT: 'great', OK: 'ok' } as const;

export const entries = sqliteTable('MoLOS-Shapes_entries', {
  id: text('id').primaryKey(),
  mood: textEnum('mood', Mood).notNull(),
  createdAt: integer('created_at').notNull(),
});
`;

  it('beside the module’s own enums in tables.ts, before the tables that use them', async () => {
    const files = {
      'manifest.yaml': MANIFEST,
      [SCHEMA]: tables,
      'lib/models/index.ts': 'export interface Entry {\n  id: string;\n}\n',
    };
    let d = await read(files);
    d = applyOperation(d, {
      op: 'addEnum',
      args: { id: 'e_energy', name: 'Energy', members: [{ key: 'LOW', value: 'low' }] },
    });
    const entries = Object.values(d.tables)[0]!;
    d = applyOperation(d, { op: 'addColumn', args: { tableId: entries.id, name: 'energy', enumId: 'e_energy' } });
    const out = await merge(d, files);
    const schema = out.files.find((f) => f.path === SCHEMA)?.content ?? '';
    expect(schema.indexOf('export const Energy = {')).toBeGreaterThan(schema.indexOf('export const Mood'));
    expect(schema.indexOf('export const Energy = {')).toBeLessThan(schema.indexOf('export const entries'));
    expect(schema).toContain("energy: textEnum('energy', Energy),");
    expect(out.files.find((f) => f.path === 'lib/models/index.ts')?.content).toBe(files['lib/models/index.ts']);
  });
});
