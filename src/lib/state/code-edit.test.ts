import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { Design } from '../core/design';
import { diffDesigns } from '../core/history';
import { generateModuleFiles, type GeneratedFile } from '../generate/module-files';
import { importTablesTs } from '../import/tables-ts/index';
import { importSql } from '../import/sql/index';
import { exampleNames, loadExample } from '../../testing/examples';
import { addImportedTables, editorImportInput, reconcileDesign, tableStatementOffset } from './code-edit';

async function filesOf(design: Design): Promise<GeneratedFile[]> {
  return generateModuleFiles(design, { skipMigration: true });
}

function parse(design: Design, files: GeneratedFile[], text: string): Design {
  const out = importTablesTs(editorImportInput(files, text), {
    moduleId: design.module.id,
    layout: design.module.layout,
  });
  if (!out.ok) throw new Error(JSON.stringify(out.messages));
  return out.design;
}

const schemaText = (files: GeneratedFile[]) => files.find((f) => f.role === 'schema')?.content ?? '';

describe('reconcileDesign', () => {
  const cases: { name: string; design: Design; files: GeneratedFile[] }[] = [];
  beforeAll(async () => {
    for (const name of exampleNames()) {
      const design = loadExample(name);
      cases.push({ name, design, files: await filesOf(design) });
    }
  }, 60_000);

  it('gives a design equal to the open one when the code is the generated code (every example)', () => {
    expect(cases.length).toBeGreaterThan(2);
    for (const { name, design, files } of cases) {
      const next = reconcileDesign(design, parse(design, files, schemaText(files)));
      expect(diffDesigns(design, next), name).toBeNull();
    }
  });

  it('adds a typed column with ids of everything else kept, and keeps diagram-only parts', () => {
    const { design: base, files } = cases.find((c) => c.name === 'molos-tasks') ?? (cases[0] as (typeof cases)[0]);
    const first = Object.values(base.tables)[0];
    if (!first) throw new Error('example without tables');
    const design: Design = {
      ...base,
      module: { ...base.module, host: 'older' },
      tables: { ...base.tables, [first.id]: { ...first, color: 'teal', position: { x: 1234, y: 567 } } },
      notes: { n1: { id: 'n1', text: 'hello', position: { x: 1, y: 2 }, size: { width: 100, height: 80 } } },
      areas: { a1: { id: 'a1', name: 'Core', position: { x: 0, y: 0 }, size: { width: 900, height: 600 } } },
    };
    const text = schemaText(files);
    const at = tableStatementOffset(text, `${design.module.id}_${first.name}`);
    expect(at).toBeGreaterThanOrEqual(0);
    // Insert a column after the table's first column line.
    const bodyStart = text.indexOf('{\n', at) + 2;
    const edited = `${text.slice(0, bodyStart)}  extraNote: text("extra_note"),\n${text.slice(bodyStart)}`;
    const next = reconcileDesign(design, parse(design, files, edited));
    const diff = diffDesigns(design, next);
    expect(diff?.module).toBeUndefined();
    expect(Object.keys(diff?.maps ?? {}).sort()).toEqual(['columns', 'tables']);
    const added = Object.values(next.columns).filter((c) => !design.columns[c.id]);
    expect(added.map((c) => [c.name, c.key, c.tableId, c.type, c.notNull])).toEqual([
      ['extra_note', 'extraNote', first.id, 'text', false],
    ]);
    const table = next.tables[first.id];
    expect(table?.columnIds).toEqual([added[0]?.id, ...first.columnIds]);
    expect(table?.position).toEqual({ x: 1234, y: 567 });
    expect(table?.color).toBe('teal');
    expect(next.notes).toBe(design.notes);
    expect(next.areas).toBe(design.areas);
    expect(next.baseline).toBe(design.baseline);
    expect(next.module).toBe(design.module);
    // Only the edited table's record changed.
    expect(Object.keys(diff?.maps.tables?.changed ?? {})).toEqual([first.id]);
  });

  it('keeps a table id when its SQL name changes in the code (paired by export name)', () => {
    const { design, files } = cases.find((c) => c.name === 'molos-tasks') ?? (cases[0] as (typeof cases)[0]);
    const first = Object.values(design.tables)[0] as Design['tables'][string];
    const full = `${design.module.id}_${first.name}`;
    const edited = schemaText(files).replace(JSON.stringify(full), JSON.stringify(`${design.module.id}_renamed`));
    const next = reconcileDesign(design, parse(design, files, edited));
    expect(next.tables[first.id]?.name).toBe('renamed');
    expect(Object.keys(next.tables)).toEqual(Object.keys(design.tables));
    expect(next.tables[first.id]?.columnIds).toEqual(first.columnIds);
  });

  it('places a new table to the right of the existing cards, with fresh ids', () => {
    const { design, files } = cases.find((c) => c.name === 'molos-tasks') ?? (cases[0] as (typeof cases)[0]);
    const edited = `${schemaText(files)}\nexport const tasksLabels = sqliteTable("${design.module.id}_labels", {\n  id: text("id").primaryKey(),\n  title: text("title").notNull(),\n});\n`;
    const next = reconcileDesign(design, parse(design, files, edited));
    const added = Object.values(next.tables).filter((t) => !design.tables[t.id]);
    expect(added.map((t) => t.name)).toEqual(['labels']);
    const right = Math.max(...Object.values(design.tables).map((t) => t.position.x));
    expect(added[0]?.position.x).toBeGreaterThan(right + 200);
    const cols = added[0]?.columnIds.map((id) => next.columns[id]?.name);
    expect(cols).toEqual(['id', 'title']);
    for (const id of added[0]?.columnIds ?? []) expect(design.columns[id]).toBeUndefined();
  });

  it('drops a table deleted from the code, with its columns and relations', () => {
    const { design, files } = cases.find((c) => c.name === 'molos-tasks') ?? (cases[0] as (typeof cases)[0]);
    // The last table: nothing later in the file references it.
    const last = Object.values(design.tables).at(-1) as Design['tables'][string];
    const text = schemaText(files);
    const start = tableStatementOffset(text, `${design.module.id}_${last.name}`);
    const end = text.indexOf('\n);\n', start) === -1 ? -1 : text.indexOf('\n);\n', start) + 4;
    const end2 = text.indexOf('\n});\n', start) + 5;
    const stop = end !== -1 && (end2 < 5 || end < end2) ? end : end2;
    const edited = text.slice(0, start) + text.slice(stop);
    const next = reconcileDesign(design, parse(design, files, edited));
    expect(next.tables[last.id]).toBeUndefined();
    for (const id of last.columnIds) expect(next.columns[id]).toBeUndefined();
    expect(Object.keys(next.tables)).toEqual(Object.keys(design.tables).filter((id) => id !== last.id));
    for (const r of Object.values(next.relations)) {
      expect(next.columns[r.fromColumnId]).toBeDefined();
      expect(next.columns[r.toColumnId]).toBeDefined();
    }
  });
});

describe('addImportedTables', () => {
  it('adds new tables and replaces a same-named one in place, keeping its id and position', async () => {
    const design = loadExample('molos-tasks');
    const first = Object.values(design.tables)[0] as Design['tables'][string];
    const SQL = await initSqlJs();
    const sql = `CREATE TABLE "${design.module.id}_${first.name}" (id text PRIMARY KEY NOT NULL, label text);
CREATE TABLE "${design.module.id}_stickers" (id text PRIMARY KEY NOT NULL, name text NOT NULL);
CREATE INDEX "${design.module.id}_stickers_name_idx" ON "${design.module.id}_stickers" (name);`;
    const out = await importSql([{ path: 'pasted.sql', text: sql }], {
      moduleId: design.module.id,
      loadSqlJs: async () => SQL,
    });
    if (!out.ok) throw new Error(JSON.stringify(out.messages));
    const next = addImportedTables(design, out.design);
    expect(Object.keys(next.tables).slice(0, -1)).toEqual(Object.keys(design.tables));
    const replaced = next.tables[first.id];
    expect(replaced?.position).toEqual(first.position);
    expect(replaced?.columnIds.map((id) => next.columns[id]?.name)).toEqual(['id', 'label']);
    // The id column kept its id; the dropped columns are gone.
    expect(replaced?.columnIds[0]).toBe(first.columnIds[0]);
    const stickers = Object.values(next.tables).at(-1);
    expect(stickers?.name).toBe('stickers');
    expect(stickers?.indexIds.map((id) => next.indexes[id]?.name)).toEqual([`${design.module.id}_stickers_name_idx`]);
    // Every relation still has both ends.
    for (const r of Object.values(next.relations)) {
      expect(next.columns[r.fromColumnId]).toBeDefined();
      expect(next.columns[r.toColumnId]).toBeDefined();
    }
    // Relations to the replaced table's id column (kept by name) survive.
    const intoFirst = Object.values(design.relations).filter(
      (r) => design.columns[r.toColumnId]?.tableId === first.id && design.columns[r.fromColumnId]?.tableId !== first.id,
    );
    for (const r of intoFirst) expect(next.relations[r.id]?.toColumnId).toBe(r.toColumnId);
  });
});

describe('tableStatementOffset', () => {
  it('finds the line of a table statement in either print form, else -1', () => {
    const text =
      'import x;\n\nexport const a = sqliteTable("M_a", {\n});\nexport const b = sqliteTable(\n  "M_b",\n  {});\n';
    expect(tableStatementOffset(text, 'M_a')).toBe(text.indexOf('export const a'));
    expect(tableStatementOffset(text, 'M_b')).toBe(text.indexOf('export const b'));
    expect(tableStatementOffset(text, 'M_c')).toBe(-1);
  });
});
