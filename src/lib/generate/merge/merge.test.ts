import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Design, tableColumns } from '../../core/design';
import { type OperationCall, applyOperation } from '../../core/operations';
import { importModuleFolder } from '../../import/module-folder/index';
import { generateModuleFiles } from '../module-files';
import { MergeError, mergeModuleFiles } from './index';

const FIXTURE = join(import.meta.dirname, '../../../../fixtures/merge/tabs-module');
const GOLDEN = join(import.meta.dirname, '__golden__/tabs-module');
const TABLES = 'lib/server/db/schema/tables.ts';
const MODELS = 'lib/models/index.ts';

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

let existing: Map<string, string>;
let imported: Design;
beforeAll(async () => {
  existing = readTree(FIXTURE);
  const r = await importModuleFolder([...existing].map(([path, text]) => ({ path, text })));
  if (!r.ok) throw new Error(r.messages.map((m) => m.message).join('\n'));
  imported = r.design;
});

function tableId(d: Design, name: string): string {
  const t = Object.values(d.tables).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t.id;
}
function columnId(d: Design, table: string, column: string): string {
  const t = d.tables[tableId(d, table)];
  const c = t && tableColumns(d, t).find((x) => x.name === column);
  if (!c) throw new Error(`no column ${table}.${column}`);
  return c.id;
}
function enumId(d: Design, name: string): string {
  const e = Object.values(d.enums).find((x) => x.name === name);
  if (!e) throw new Error(`no enum ${name}`);
  return e.id;
}

/** Applies edits to the imported design and merges the result into the fixture's files. */
async function mergeAfter(edit: (d: Design) => OperationCall[]) {
  let d = imported;
  for (const call of edit(imported)) d = applyOperation(d, call);
  const generated = await generateModuleFiles(d, { skipMigration: true });
  const out = await mergeModuleFiles(d, d.module.layout, generated, existing);
  const text = (path: string) => out.files.find((f) => f.path === path)?.content;
  return { ...out, design: d, tables: text(TABLES) as string, models: text(MODELS) as string };
}

/** Only the lines that changed, as `-`/`+` lines, so a test reads what the merge touched. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return [...a.slice(start, endA + 1).map((l) => `-${l}`), ...b.slice(start, endB + 1).map((l) => `+${l}`)];
}

describe('merging edits into a module written by hand (tabs, single quotes, no trailing commas)', () => {
  it('an unchanged design gives every file back byte for byte', async () => {
    const { files, notes } = await mergeAfter(() => []);
    for (const f of files) if (existing.has(f.path)) expect(f.content, f.path).toBe(existing.get(f.path));
    expect(files.map((f) => f.path).filter((p) => !existing.has(p))).toEqual([]);
    expect(notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('a new column is one new line, in the file’s style, before created_at', async () => {
    const r = await mergeAfter((d) => [
      {
        op: 'addColumn',
        args: { tableId: tableId(d, 'tasks'), name: 'estimate_minutes', type: 'integer', comment: 'Planned effort.' },
      },
    ]);
    expect(changedLines(existing.get(TABLES) as string, r.tables)).toEqual([
      '+\t\t/** Planned effort. */',
      "+\t\testimateMinutes: integer('estimate_minutes'),",
    ]);
    expect(r.models).toBe(existing.get(MODELS));
  });

  it('a removed column takes its own comment along, and leaves the commented-out line above it', async () => {
    const r = await mergeAfter((d) => [{ op: 'deleteColumn', args: { columnId: columnId(d, 'tasks', 'notes') } }]);
    expect(changedLines(existing.get(TABLES) as string, r.tables)).toEqual([
      '-\t\t/** Free text, markdown. */',
      "-\t\tnotes: text('notes'),",
    ]);
  });

  it('a changed column is rewritten alone; its comment and the other columns stay', async () => {
    const r = await mergeAfter((d) => [
      { op: 'updateColumn', args: { columnId: columnId(d, 'projects', 'name'), patch: { unique: true } } },
    ]);
    expect(changedLines(existing.get(TABLES) as string, r.tables)).toEqual([
      "-\tname: text('name').notNull(), // shown in the sidebar",
      "+\tname: text('name').notNull().unique(), // shown in the sidebar",
    ]);
  });

  it('a new enum value is added to the object in the models file; nothing else there changes', async () => {
    const r = await mergeAfter((d) => [
      { op: 'addEnumMember', args: { enumId: enumId(d, 'TaskStatus'), key: 'BLOCKED', value: 'blocked' } },
    ]);
    expect(r.tables).toBe(existing.get(TABLES));
    expect(changedLines(existing.get(MODELS) as string, r.models)).toEqual([
      "-\tDONE: 'done'",
      "+\tDONE: 'done',",
      "+\tBLOCKED: 'blocked'",
    ]);
  });

  it('a new table with a new enum: the table after its neighbour, the enum at the end of the models file, the import and re-export added', async () => {
    const r = await mergeAfter((d) => {
      const withEnum = applyOperation(d, {
        op: 'addEnum',
        args: {
          id: 'e_color',
          name: 'LabelColor',
          members: [
            { key: 'RED', value: 'red' },
            { key: 'BLUE', value: 'blue' },
          ],
        },
      });
      void withEnum;
      return [
        {
          op: 'addEnum',
          args: {
            id: 'e_color',
            name: 'LabelColor',
            members: [
              { key: 'RED', value: 'red' },
              { key: 'BLUE', value: 'blue' },
            ],
          },
        },
        { op: 'addTable', args: { id: 't_labels', name: 'labels' } },
        { op: 'addColumn', args: { tableId: 't_labels', name: 'color', enumId: 'e_color', notNull: true } },
      ];
    });
    await expect(r.tables).toMatchFileSnapshot(join(GOLDEN, 'new-table-and-enum.tables.ts'));
    await expect(r.models).toMatchFileSnapshot(join(GOLDEN, 'new-table-and-enum.models.ts'));
  });

  it('renamed and removed tables: the name literal changes in place, the removed table goes with its doc comment, the alias follows', async () => {
    const r = await mergeAfter((d) => [
      { op: 'renameTable', args: { tableId: tableId(d, 'tasks'), name: 'todos' } },
      { op: 'deleteTable', args: { tableId: tableId(d, 'projects') } },
    ]);
    await expect(r.tables).toMatchFileSnapshot(join(GOLDEN, 'rename-and-remove.tables.ts'));
    expect(r.notes.map((n) => n.message)).toContain(
      'removed table MoLOS-Planner_projects (plannerProjects), which the design no longer has',
    );
  });

  it('indexes: a new one is added to the array, a removed one taken out', async () => {
    const r = await mergeAfter((d) => {
      const ix = Object.values(d.indexes).find((i) => i.name === 'MoLOS-Planner_tasks_project_idx');
      return [
        { op: 'deleteIndex', args: { indexId: ix?.id ?? '' } },
        { op: 'addIndex', args: { tableId: tableId(d, 'tasks'), columnIds: [columnId(d, 'tasks', 'due_at')] } },
        { op: 'addIndex', args: { tableId: tableId(d, 'projects'), columnIds: [columnId(d, 'projects', 'user_id')] } },
      ];
    });
    await expect(r.tables).toMatchFileSnapshot(join(GOLDEN, 'indexes.tables.ts'));
  });

  it('a renamed enum is renamed where it is declared and where this code uses it', async () => {
    const r = await mergeAfter((d) => [
      { op: 'updateEnum', args: { enumId: enumId(d, 'TaskStatus'), name: 'TodoStatus' } },
    ]);
    await expect(r.tables).toMatchFileSnapshot(join(GOLDEN, 'enum-rename.tables.ts'));
    await expect(r.models).toMatchFileSnapshot(join(GOLDEN, 'enum-rename.models.ts'));
    expect(r.notes.filter((n) => n.severity === 'warning').map((n) => n.message)).toEqual([
      'renamed enum TaskStatus to TodoStatus: other code that uses TaskStatus must be changed',
    ]);
  });

  it('code of the author that used a removed table is reported, with its line', async () => {
    const r = await mergeAfter((d) => [{ op: 'deleteTable', args: { tableId: tableId(d, 'tasks') } }]);
    expect(r.tables).not.toContain("sqliteTable(\n\t'MoLOS-Planner_tasks'");
    expect(r.tables).toContain('export type Task = typeof plannerTasks.$inferSelect;');
    expect(r.notes.filter((n) => n.severity === 'warning')).toEqual([
      {
        severity: 'warning',
        file: TABLES,
        line: expect.any(Number),
        message: 'plannerTasks is still used here, but the design removed it: this code must be changed',
      },
    ]);
  });

  it('refuses a change it cannot make in place, naming the place', async () => {
    const shared = new Map(existing);
    shared.set(
      TABLES,
      (existing.get(TABLES) as string)
        .replace(
          "const nowSeconds = sql`(strftime('%s','now'))`;",
          "const nowSeconds = sql`(strftime('%s','now'))`;\nconst stamps = { createdAt: integer('created_at').notNull().default(nowSeconds) };",
        )
        .replace(
          "\tcreatedAt: integer('created_at').notNull().default(nowSeconds),\n\tupdatedAt",
          '\t...stamps,\n\tupdatedAt',
        ),
    );
    const r = await importModuleFolder([...shared].map(([path, text]) => ({ path, text })));
    if (!r.ok) throw new Error('fixture');
    const d = applyOperation(r.design, {
      op: 'updateColumn',
      args: { columnId: columnId(r.design, 'projects', 'created_at'), patch: { notNull: false } },
    });
    const generated = await generateModuleFiles(d, { skipMigration: true });
    await expect(mergeModuleFiles(d, 'legacy', generated, shared)).rejects.toThrow(MergeError);
    await expect(mergeModuleFiles(d, 'legacy', generated, shared)).rejects.toThrow(
      /lib\/server\/db\/schema\/tables\.ts:\d+: column createdAt of MoLOS-Planner_projects is not written as a property of the table/,
    );
  });
});
