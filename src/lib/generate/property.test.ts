/**
 * Property tests: random valid designs pass every rule and give files that parse, type-check, match
 * drizzle-kit and run in SQLite; random hostile names are caught by the rules and never break the code.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { JS_RESERVED_WORDS, isIdentifier } from '../core/naming';
import { checkDesign, hasErrors, issueMessage } from '../core/rules';
import { MODULE_ID_PATTERN } from '../core/rules/module-rules';
import { designPlan, buildDesign, validDesign } from '../../testing/arbitraries';
import { loadExample } from '../../testing/examples';
import { drizzleKitGenerate, readText, removeDir, tempDir, typeCheck, writeModule } from '../../testing/module-folder';
import { applyWithBetterSqlite, applyWithSqlJs } from '../../testing/sqlite';
import { generateModuleFiles } from './module-files';
import { STAND_IN_FILES, standInTsconfig } from '../../testing/host-stand-ins';
import { writeFiles } from '../../testing/module-folder';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Syntax errors of a TypeScript file (an empty list means it parses). */
function syntaxErrors(path: string, text: string): string[] {
  const out = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => `${path}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

async function parseAll(design: Design): Promise<string[]> {
  const files = await generateModuleFiles(design, { now: 1 });
  const errors = files.filter((f) => f.path.endsWith('.ts')).flatMap((f) => syntaxErrors(f.path, f.content));
  const manifest = parseYaml(files.find((f) => f.role === 'manifest')?.content ?? '') as { id?: unknown };
  if (manifest.id !== design.module.id) errors.push(`manifest.yaml id is ${String(manifest.id)}`);
  return errors;
}

describe('random valid designs', () => {
  it('pass every rule, parse, and run in sql.js and better-sqlite3 alike', async () => {
    await fc.assert(
      fc.asyncProperty(validDesign, async (design) => {
        const errors = checkDesign(design).filter((i) => i.severity === 'error');
        expect(errors.map(issueMessage)).toEqual([]);
        expect(await parseAll(design)).toEqual([]);
        const sql = (await generateModuleFiles(design, { now: 1 })).find((f) => f.role === 'migration')?.content ?? '';
        const better = applyWithBetterSqlite([sql]);
        expect(Object.keys(better.tables)).toHaveLength(Object.keys(design.tables).length);
        expect(await applyWithSqlJs([sql])).toEqual(better);
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });

  it('type-check with tsc together (current layout)', async () => {
    const designs = fc
      .sample(designPlan, { numRuns: 12, seed: 7 })
      .map((p) => buildDesign({ ...p, layout: 'current' }));
    const root = tempDir('prop-tsc');
    dirs.push(root);
    for (const [i, d] of designs.entries()) {
      const files = await generateModuleFiles(d, { skipMigration: true });
      writeFiles(join(root, `m${i}`), files);
    }
    writeFiles(root, [
      ...STAND_IN_FILES,
      {
        path: 'tsconfig.json',
        content: standInTsconfig(
          '',
          'current',
          designs.map((_, i) => `m${i}`),
        ),
      },
    ]);
    expect(await typeCheck(root)).toBe('');
  });

  it('get exactly drizzle-kit’s SQL', async () => {
    const designs = fc.sample(validDesign, { numRuns: 4, seed: 99 });
    for (const design of designs) {
      const files = await generateModuleFiles(design, { now: 1 });
      const dir = tempDir('prop-dk');
      dirs.push(dir);
      writeModule(dir, files, design.module.id, design.module.layout);
      await drizzleKitGenerate(dir);
      expect(readText(dir, 'drizzle/0000_init.sql')).toBe(files.find((f) => f.role === 'migration')?.content);
    }
  });
});

/** Text meant to break generated code or SQL. */
const hostile = fc.oneof(
  fc.constantFrom(
    '`',
    '"',
    "'",
    '\\',
    '${x}',
    '*/',
    '\n',
    '\r\n',
    '/*',
    '//',
    '</script>',
    "'); DROP TABLE x; --",
    '\u2028',
    '\0',
    ';',
    ',',
    ' ',
    '',
  ),
  fc.string({
    unit: fc.constantFrom('a', '_', '`', '"', "'", '\\', '$', '{', '}', '*', '/', '\n', ';', ',', '-', ' ', 'é', '1'),
    maxLength: 8,
  }),
);

type Slot = { name: string; apply: (d: Design, v: string) => Design; mustFlag: (v: string) => boolean };

// An independent statement of what breaks drizzle-kit's SQL, on purpose not the rule's own helper: a backtick or
// a double quote ends the quoted name, `;` and `,` are where drizzle-kit and the host cut statements and column
// lists, a line feed or U+0000 ends the text early. (An apostrophe, a backslash or a tab inside a backticked name
// is fine: the SQL run below proves it for every value the rules let through.)
// eslint-disable-next-line no-control-regex -- control characters are part of the oracle
const UNSAFE_SQL = (v: string) => v.trim() === '' || /[`";,\x00\n]/.test(v);
const NOT_IDENT = (v: string) => !isIdentifier(v) || JS_RESERVED_WORDS.has(v);

const SLOTS: Slot[] = [
  {
    name: 'module id',
    apply: (d, v) => ({ ...d, module: { ...d.module, id: v } }),
    mustFlag: (v) => !MODULE_ID_PATTERN.test(v),
  },
  {
    name: 'module name',
    apply: (d, v) => ({ ...d, module: { ...d.module, name: v, description: v } }),
    mustFlag: () => false,
  },
  { name: 'table name', apply: (d, v) => setTable(d, { name: v }), mustFlag: UNSAFE_SQL },
  { name: 'export name', apply: (d, v) => setTable(d, { exportName: v }), mustFlag: NOT_IDENT },
  { name: 'table comment', apply: (d, v) => setTable(d, { comment: v }), mustFlag: () => false },
  { name: 'column name', apply: (d, v) => setColumn(d, { name: v }), mustFlag: UNSAFE_SQL },
  // Keys that are not identifiers are quoted by the generator (`"my key": text(…)`), which TypeScript accepts.
  { name: 'column key', apply: (d, v) => setColumn(d, { key: v }), mustFlag: () => false },
  { name: 'column comment', apply: (d, v) => setColumn(d, { comment: v }), mustFlag: () => false },
  {
    name: 'text default',
    apply: (d, v) => setColumn(d, { default: { kind: 'literal', value: v } }),
    mustFlag: () => false,
  },
  { name: 'enum name', apply: (d, v) => setEnum(d, (e) => ({ ...e, name: v })), mustFlag: NOT_IDENT },
  {
    name: 'member key',
    apply: (d, v) => setEnum(d, (e) => ({ ...e, members: e.members.map((m, i) => (i === 0 ? { ...m, key: v } : m)) })),
    mustFlag: () => false,
  },
  {
    name: 'member value',
    apply: (d, v) =>
      setEnum(d, (e) => ({ ...e, members: e.members.map((m, i) => (i === 0 ? { ...m, value: v } : m)) })),
    mustFlag: (v) => v.includes("'"),
  },
  {
    name: 'index name',
    apply: (d, v) => ({
      ...d,
      indexes: {
        ...d.indexes,
        i_tasks_user_status: { ...(d.indexes.i_tasks_user_status as Design['indexes'][string]), name: v },
      },
    }),
    mustFlag: UNSAFE_SQL,
  },
];

function setTable(d: Design, patch: Partial<Design['tables'][string]>): Design {
  return { ...d, tables: { ...d.tables, t_tasks: { ...(d.tables.t_tasks as Design['tables'][string]), ...patch } } };
}
function setColumn(d: Design, patch: Partial<Design['columns'][string]>): Design {
  return {
    ...d,
    columns: { ...d.columns, c_tasks_title: { ...(d.columns.c_tasks_title as Design['columns'][string]), ...patch } },
  };
}
function setEnum(d: Design, fn: (e: Design['enums'][string]) => Design['enums'][string]): Design {
  return { ...d, enums: { ...d.enums, e_task_status: fn(d.enums.e_task_status as Design['enums'][string]) } };
}

describe('hostile names', () => {
  const base = loadExample('molos-tasks');

  it.each(SLOTS.map((s) => [s.name, s] as const))(
    'in the %s never break the generated code, and unsafe ones are errors',
    async (_, slot) => {
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const design = slot.apply(base, value);
          expect(await parseAll(design)).toEqual([]);
          const issues = checkDesign(design);
          if (slot.mustFlag(value)) expect(hasErrors(issues), `${slot.name} ${JSON.stringify(value)}`).toBe(true);
          if (!hasErrors(issues)) {
            // No rule error means the SQL must run.
            const sql =
              (await generateModuleFiles(design, { now: 1 })).find((f) => f.role === 'migration')?.content ?? '';
            expect(() => applyWithBetterSqlite([sql]), `${slot.name} ${JSON.stringify(value)}`).not.toThrow();
          }
        }),
        { numRuns: 40, seed: 424242 },
      );
    },
  );
});
