/**
 * Code kept from imported modules: `$type<…>()`, `$defaultFn(<own function>)`, drizzle's `{ enum: [...] }` and
 * legacy table aliases. The generated files must type-check against the real drizzle-orm, drizzle-kit must write
 * exactly our SQL for them, and text that is not one type / one function never reaches the code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { updateColumn, updateTable } from '../core/operations';
import { IDS, exampleDesign } from '../core/test-fixtures';
import { drizzleKitGenerate, readText, removeDir, tempDir, typeCheck, writeModule } from '../../testing/module-folder';
import { generateModuleFiles } from './module-files';
import { isSingleFunction, isSingleType } from './tables-ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function withKeptCode(): Design {
  let d = exampleDesign();
  d = updateColumn(d, { columnId: IDS.tasksStatus, patch: { enumForm: 'values' } });
  d = updateColumn(d, { columnId: IDS.tasksTitle, patch: { tsType: '`task:${string}`' } });
  d = updateColumn(d, { columnId: IDS.projectsName, patch: { default: { kind: 'fn', code: '() => "Untitled"' } } });
  d = updateTable(d, { tableId: IDS.tasks, aliases: ['tasksAlias', 'class', 'exampleProjects'] });
  return d;
}

describe('kept code in tables.ts', () => {
  it('writes $type, the own $defaultFn, the { enum } form and the usable aliases', async () => {
    const files = await generateModuleFiles(withKeptCode(), { layout: 'legacy', skipMigration: true });
    const tables = files.find((f) => f.role === 'schema')?.content ?? '';
    expect(tables).toContain('text("title").$type<`task:${string}`>().notNull()');
    expect(tables).toContain('.$defaultFn(() => "Untitled")');
    expect(tables).toContain('status: text("status", { enum: ["to_do", "in_progress", "done"] })');
    expect(tables).toContain('export const tasksAlias = exampleTasks;');
    // `class` is a reserved word and `exampleProjects` is another table's binding: neither can be an alias.
    expect(tables).not.toContain('export const class');
    expect(tables).not.toMatch(/export const exampleProjects = exampleTasks/);
    // The { enum } column no longer uses the models object, so tables.ts neither imports nor re-exports it.
    expect(tables).not.toContain('TaskStatus');
  });

  it('type-checks against drizzle-orm, and drizzle-kit writes exactly our SQL (plain text, no CHECK)', async () => {
    const design = withKeptCode();
    const files = await generateModuleFiles(design, { layout: 'current', now: 1 });
    const dir = tempDir('kept');
    dirs.push(dir);
    writeModule(dir, files, design.module.id, 'current');
    expect(await typeCheck(dir)).toBe('');
    await drizzleKitGenerate(dir);
    const ours = files.find((f) => f.role === 'migration')?.content ?? '';
    expect(readText(dir, 'drizzle/0000_init.sql')).toBe(ours);
    expect(ours).toContain('`status` text DEFAULT');
    expect(ours).not.toContain('CHECK(status');
  });

  it('keeps out text that is not exactly one type or one function', async () => {
    let d = exampleDesign();
    d = updateColumn(d, { columnId: IDS.tasksTitle, patch: { tsType: 'string>(); import("x"); text<string' } });
    d = updateColumn(d, { columnId: IDS.projectsName, patch: { default: { kind: 'fn', code: '() => 1); evil(' } } });
    const files = await generateModuleFiles(d, { layout: 'legacy', skipMigration: true });
    const tables = files.find((f) => f.role === 'schema')?.content ?? '';
    expect(tables).not.toContain('import("x")');
    expect(tables).not.toContain('evil');
    expect(tables).toContain('title: text("title").notNull()');
  });
});

describe('isSingleType / isSingleFunction', () => {
  it.each([
    ['string[]', true],
    ['{ a: string; b: number }', true],
    ['Record<string, unknown>', true],
    ['string; let x = 1', false],
    ['', false],
    ['string>() ; x(<y>', false],
    // A comment would swallow the rest of the generated line.
    ['string // x', false],
    ['string /* x */', false],
  ])('type %j → %s', (text, ok) => expect(isSingleType(text)).toBe(ok));
  it.each([
    ['() => Date.now()', true],
    ['function () { return 1; }', true],
    ['async () => 1', true],
    ['Date.now', false],
    ['() => 1); evil(', false],
    ['() => 1, 2', false],
    ['() => 1 // x', false],
  ])('function %j → %s', (text, ok) => expect(isSingleFunction(text)).toBe(ok));
});
