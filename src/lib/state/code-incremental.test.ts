import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Design } from '../core/design';
import { generateModuleFiles, type GeneratedFile } from '../generate/module-files';
import { importTablesTs } from '../import/tables-ts/index';
import { exampleNames, loadExample } from '../../testing/examples';
import { fuzzRuns } from '../../testing/fuzz-runs';
import { largeDesign } from '../../../bench/large-design';
import { editorImportInput } from './code-edit';
import { IncrementalTablesReader } from './code-incremental';
import { splitStatements } from './code-statements';

interface Case {
  name: string;
  design: Design;
  files: GeneratedFile[];
  text: string;
}

async function caseOf(name: string, design: Design): Promise<Case> {
  const files = await generateModuleFiles(design, { skipMigration: true });
  return { name, design, files, text: files.find((f) => f.role === 'schema')?.content ?? '' };
}

/** One edit of the text, as a user would type it, chosen by the random numbers given. */
type Edit = (text: string, pick: (n: number) => number, n: number) => string;

const COLUMN_LINE = /^( +)([\w$]+): (text|integer|real)\("([^"]+)"\)(\.notNull\(\))?(\.default\([^()]*\))?,\n/gm;

/** The table statements' spans in `text`. */
function tableSpans(text: string): { start: number; end: number; name: string }[] {
  return (splitStatements(text) ?? [])
    .filter((s) => s.kind === 'table')
    .map((s) => ({ start: s.start, end: s.start + s.text.length, name: s.name as string }));
}

/** Applies `f` to one single-line column of one table, or leaves the text as it is when the table has none. */
function editColumn(f: (m: RegExpExecArray) => string): Edit {
  return (text, pick) => {
    const spans = tableSpans(text);
    const span = spans[pick(spans.length)];
    if (!span) return text;
    const body = text.slice(span.start, span.end);
    const lines = [...body.matchAll(COLUMN_LINE)];
    const m = lines[pick(lines.length)];
    if (!m || m.index === undefined) return text;
    const at = span.start + m.index;
    return text.slice(0, at) + f(m as RegExpExecArray) + text.slice(at + m[0].length);
  };
}

const EDITS: Record<string, Edit> = {
  addColumn: (text, pick, n) => {
    const spans = tableSpans(text);
    const span = spans[pick(spans.length)];
    if (!span) return text;
    const open = text.indexOf('{\n', span.start) + 2;
    return `${text.slice(0, open)}  added${n}: text("added_${n}"),\n${text.slice(open)}`;
  },
  removeColumn: editColumn(() => ''),
  renameColumn: editColumn((m) => m[0].replace(`("${m[4]}")`, `("${m[4]}_r")`)),
  changeType: editColumn((m) => m[0].replace(`${m[3]}(`, m[3] === 'text' ? 'integer(' : 'text(')),
  toggleNotNull: editColumn((m) => (m[5] ? m[0].replace('.notNull()', '') : m[0].replace(/,\n$/, '.notNull(),\n'))),
  changeDefault: editColumn((m) =>
    m[6] ? m[0].replace(m[6], '') : m[0].replace(/,\n$/, m[3] === 'text' ? '.default("x"),\n' : '.default(3),\n'),
  ),
  addTable: (text, pick, n) => {
    const spans = tableSpans(text);
    const span = spans[pick(spans.length)];
    if (!span) return text;
    const prefix = /sqliteTable\(\s*"([^"]*_)/.exec(text.slice(span.start))?.[1] ?? 'm_';
    const target = spans[pick(spans.length)]?.name as string;
    const statement =
      `\nexport const addedTable${n} = sqliteTable("${prefix}added_${n}", {\n  id: text("id").primaryKey(),\n` +
      `  otherId: text("other_id").references(() => ${target}.id),\n});\n`;
    return text.slice(0, span.end) + statement + text.slice(span.end);
  },
  deleteTable: (text, pick) => {
    const spans = tableSpans(text);
    const span = spans[pick(spans.length)];
    return span ? text.slice(0, span.start) + text.slice(span.end) : text;
  },
};

/** Runs random edit sequences; each text is read incrementally and in full, and the two must agree. */
function checkEdits(c: Case, runs: number, steps: number): { incremental: number; reads: number } {
  const opts = { moduleId: c.design.module.id, layout: c.design.module.layout };
  let incremental = 0;
  let reads = 0;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.array(fc.nat(), { minLength: 4, maxLength: 4 })), {
        minLength: 1,
        maxLength: steps,
      }),
      (edits) => {
        const reader = new IncrementalTablesReader();
        let text = c.text;
        reader.read(editorImportInput(c.files, text), opts);
        edits.forEach(([kind, numbers], n) => {
          let k = 0;
          const pick = (size: number) => (size === 0 ? 0 : (numbers[k++ % numbers.length] as number) % size);
          text = (EDITS[kind] as Edit)(text, pick, n);
          const input = editorImportInput(c.files, text);
          const got = reader.read(input, opts);
          const want = importTablesTs(input, opts);
          reads++;
          if (reader.lastKind === 'incremental') incremental++;
          expect(got.ok, `${c.name} ${kind}`).toBe(want.ok);
          expect(got.messages, `${c.name} ${kind}`).toEqual(want.messages);
          if (got.ok && want.ok) {
            expect(got.design, `${c.name} ${kind}`).toEqual(want.design);
            expect(Object.keys(got.design.tables)).toEqual(Object.keys(want.design.tables));
          }
        });
      },
    ),
    { numRuns: runs },
  );
  return { incremental, reads };
}

describe('splitStatements', () => {
  it('splits imports, tables and other code, keeping comments with the statement below and covering the text', () => {
    const text =
      'import { a } from "b"; // why\n/** T. */\nexport const t = sqliteTable("t", { x: text("a;b") });\n\n' +
      'const s = `x${"}"}`;\nexport { c } from "./c";\n';
    const parts = splitStatements(text);
    expect(parts?.map((s) => [s.kind, s.name ?? '', s.line])).toEqual([
      ['import', '', 1],
      ['table', 't', 2],
      // The blank line above a statement is its own.
      ['other', '', 4],
      ['import', '', 6],
    ]);
    expect(parts?.map((s) => s.text).join('')).toBe(text);
    expect(parts?.[1]?.text).toBe('/** T. */\nexport const t = sqliteTable("t", { x: text("a;b") });\n');
  });

  it('gives null when a bracket, string or comment does not close', () => {
    expect(splitStatements('export const t = sqliteTable("t", {\n')).toBeNull();
    expect(splitStatements('const a = "x;\n')).toBeNull();
    expect(splitStatements('/* open')).toBeNull();
    expect(splitStatements('const a = 1);')).toBeNull();
  });
});

describe('IncrementalTablesReader', () => {
  const examples: Case[] = [];
  let large: Case;
  beforeAll(async () => {
    for (const name of exampleNames()) examples.push(await caseOf(name, loadExample(name)));
    large = await caseOf('300 tables', largeDesign(300));
  }, 120_000);

  it('reads every example edit as the full read does', () => {
    let incremental = 0;
    let reads = 0;
    for (const c of examples) {
      const r = checkEdits(c, fuzzRuns(6), 4);
      incremental += r.incremental;
      reads += r.reads;
    }
    // Most single-table edits must take the short path, or this test proves nothing about it.
    expect(incremental).toBeGreaterThan(reads / 2);
  }, 600_000);

  it('reads edits of a 300-table design as the full read does, and maps message lines back', () => {
    const r = checkEdits(large, fuzzRuns(3), 3);
    expect(r.incremental).toBeGreaterThan(r.reads / 2);
  }, 600_000);

  it('falls back to the full read when the imports change, and maps a broken table edit to the full error', () => {
    const c = examples[0] as Case;
    const opts = { moduleId: c.design.module.id, layout: c.design.module.layout };
    const reader = new IncrementalTablesReader();
    reader.read(editorImportInput(c.files, c.text), opts);
    const imports = c.text.replace('from "drizzle-orm";', 'from "drizzle-orm"; // x');
    reader.read(editorImportInput(c.files, imports), opts);
    expect(reader.lastKind).toBe('full');
    const span = tableSpans(imports)[0] as { start: number };
    const broken =
      imports.slice(0, span.start) +
      'export const zz = sqliteTable("x", { a: text("a") }, 3 +);\n' +
      imports.slice(span.start);
    const got = reader.read(editorImportInput(c.files, broken), opts);
    expect(got).toEqual(importTablesTs(editorImportInput(c.files, broken), opts));
    expect(got.ok).toBe(false);
  });
});
