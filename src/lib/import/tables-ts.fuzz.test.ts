/**
 * Random and broken input for the tables.ts importer (fast-check): hand-written-style schema files built from an
 * arbitrary import with the tables and columns they declare; random valid designs survive generate → import;
 * and mutated fixture text (truncated, characters deleted or inserted, tokens swapped) never throws or hangs —
 * every failure is `ok: false` with a message that has a line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { repairDesign } from '../core/format';
import { generateModuleFiles } from '../generate/module-files';
import { validDesign } from '../../testing/arbitraries';
import { importFixtureNames, loadImportFixture } from '../../../fixtures/import/load';
import { importTablesTs } from './tables-ts';
import type { ImportOutcome } from './types';
import { fuzzRuns } from '../../testing/fuzz-runs';

/** What must hold for any outcome: no internal failure, failures carry a place, designs are consistent. */
function checkOutcome(out: ImportOutcome): void {
  expect(out.messages.filter((m) => m.code === 'internal-error')).toEqual([]);
  if (!out.ok) {
    expect(out.messages.length).toBeGreaterThan(0);
    for (const m of out.messages.filter((x) => x.severity === 'error')) expect(m.line).toBeGreaterThan(0);
    return;
  }
  for (const m of out.messages) if (m.code !== 'no-tables') expect(m.line).toBeGreaterThan(0);
  // Every reference inside the design resolves: repairing it finds nothing to drop.
  const repaired = repairDesign(structuredClone(out.design));
  expect(repaired.ok && repaired.warnings).toEqual([]);
}

// ------------------------------------------------------------------ hand-written-style files

const quote = fc.constantFrom('"', "'", '`');
const q = (s: string, mark: string) => `${mark}${s}${mark}`;
const ident = fc
  .stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/)
  .filter((n) => !['in', 'do', 'if', 'for', 'new', 'var', 'let'].includes(n));

const columnArb = fc.record({
  key: ident,
  builder: fc.constantFrom('text', 'integer', 'real', 'blob', 'numeric', 'bool', 'json', 'values'),
  named: fc.boolean(),
  quote,
  notNull: fc.boolean(),
  unique: fc.boolean(),
  def: fc.option(fc.oneof(fc.integer({ min: -99, max: 99 }), fc.constantFrom('sql', 'str', 'now')), { nil: undefined }),
  type: fc.option(fc.constantFrom('string', 'string[]', '"a" | "b"'), { nil: undefined }),
  comment: fc.option(fc.constantFrom('// a note', '/** Foreign key to t0 */', '/* plain */'), { nil: undefined }),
});

const fileArb = fc.record({
  moduleId: fc.stringMatching(/^MoLOS-[A-Z][a-z]{1,6}$/),
  objectForm: fc.boolean(),
  tables: fc.uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
      quote,
      columns: fc.uniqueArray(columnArb, { minLength: 1, maxLength: 6, selector: (c) => c.key }),
      index: fc.boolean(),
      ref: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5, selector: (t) => t.name },
  ),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function printFile(spec: FileSpec): string {
  const out = [
    'import { index, integer, real, blob, numeric, sqliteTable, text } from "drizzle-orm/sqlite-core";',
    'import { sql } from "drizzle-orm";',
    'const now = sql`(unixepoch())`;',
  ];
  spec.tables.forEach((t, i) => {
    out.push(`export const t${i} = sqliteTable(${q(`${spec.moduleId}_${t.name}`, t.quote)}, {`);
    out.push(`  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),`);
    for (const c of t.columns) {
      if (c.key === 'id' || c.key === 'ref') continue;
      const name = c.named ? q(`${c.key}_col`, c.quote) : '';
      const sep = name ? ', ' : '';
      let code = {
        text: `text(${name})`,
        integer: `integer(${name})`,
        real: `real(${name})`,
        blob: `blob(${name})`,
        numeric: `numeric(${name})`,
        bool: `integer(${name}${sep}{ mode: "boolean" })`,
        json: `text(${name}${sep}{ mode: "json" })`,
        values: `text(${name}${sep}{ enum: ["a", "b"] })`,
      }[c.builder];
      if (c.type) code += `.$type<${c.type}>()`;
      if (c.notNull) code += '.notNull()';
      if (c.unique) code += '.unique()';
      if (c.def !== undefined)
        code +=
          c.def === 'sql'
            ? '.default(sql`0`)'
            : c.def === 'now'
              ? '.default(now)'
              : c.def === 'str'
                ? '.default("x")'
                : `.default(${c.def})`;
      if (c.comment) out.push(`  ${c.comment}`);
      out.push(`  ${c.key}: ${code},`);
    }
    if (t.ref && i > 0) out.push('  ref: text("ref").references(() => t0.id, { onDelete: "cascade" }),');
    out.push('}');
    if (t.index) {
      const on = `index(${q(`${t.name}_idx`, t.quote)}).on(x.id)`;
      out.push(spec.objectForm ? `, (x) => ({ byId: ${on} })` : `, (x) => [${on}]`);
    }
    out.push(');');
  });
  return out.join('\n');
}

describe('hand-written-style tables.ts from an arbitrary', () => {
  it('imports every table and column it declares', () => {
    fc.assert(
      fc.property(fileArb, (spec) => {
        const out = importTablesTs({ tables: { path: 'lib/server/db/schema/tables.ts', text: printFile(spec) } });
        checkOutcome(out);
        expect(out.ok).toBe(true);
        if (!out.ok) return;
        const d = out.design;
        expect(d.module.id).toBe(spec.moduleId);
        expect(Object.values(d.tables).map((t) => t.name)).toEqual(spec.tables.map((t) => t.name));
        spec.tables.forEach((t, i) => {
          const table = Object.values(d.tables)[i];
          const keys = table?.columnIds.map((id) => d.columns[id]?.key);
          const expected = ['id', ...t.columns.map((c) => c.key).filter((k) => k !== 'id' && k !== 'ref')];
          if (t.ref && i > 0) expected.push('ref');
          expect(keys).toEqual(expected);
          expect(table?.indexIds.length).toBe(t.index ? 1 : 0);
        });
        const refs = spec.tables.filter((t, i) => t.ref && i > 0).length;
        expect(Object.keys(d.relations)).toHaveLength(refs);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

describe('random valid designs', () => {
  it('generate → import keeps every table, column, enum, index and relation', async () => {
    await fc.assert(
      fc.asyncProperty(validDesign, async (design) => {
        const files = await generateModuleFiles(design, { skipMigration: true });
        const get = (role: string) => {
          const f = files.find((x) => x.role === role);
          return { path: f?.path ?? '', text: f?.content ?? '' };
        };
        const out = importTablesTs({ tables: get('schema'), models: get('models') });
        checkOutcome(out);
        expect(out.ok).toBe(true);
        if (out.ok) expect(shape(out.design)).toEqual(shape(design));
      }),
      { numRuns: fuzzRuns(25) },
    );
  }, 60_000);
});

/** Comment text as code can carry it (a JSDoc line keeps no outer spaces; an empty comment is no comment). */
const commentShape = (c: string | undefined) =>
  (c ?? '')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();

/** Names, structure and comments, without ids and positions. */
function shape(d: Design): unknown {
  const colName = (id: string) => d.columns[id]?.name;
  return {
    id: d.module.id,
    tables: Object.values(d.tables).map((t) => ({
      name: t.name,
      exportName: t.exportName,
      comment: commentShape(t.comment),
      columns: t.columnIds.map((id) => {
        const c = d.columns[id];
        return [
          c?.name,
          c?.key,
          c?.type,
          c?.mode,
          c?.notNull,
          c?.primaryKey,
          c?.unique,
          c?.default,
          c?.enumId ? d.enums[c.enumId]?.name : null,
          commentShape(c?.comment),
        ];
      }),
      indexes: t.indexIds.map((id) => [
        d.indexes[id]?.name,
        d.indexes[id]?.unique,
        d.indexes[id]?.columnIds.map(colName),
      ]),
    })),
    relations: Object.values(d.relations)
      // A logical relation's actions travel in its note comment, so they are compared too.
      .map((r) => [colName(r.fromColumnId), colName(r.toColumnId), r.onDelete, r.onUpdate, r.logical].join(' '))
      .sort(),
    enums: Object.values(d.enums).map((e) => [e.name, commentShape(e.comment), e.members.map((m) => [m.key, m.value])]),
  };
}

// ------------------------------------------------------------------ mutated fixtures

const TOKENS = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '.',
  '"',
  "'",
  '`',
  '/*',
  '*/',
  '//',
  '=>',
  '${',
  '\n',
  ' ',
  'sql',
  'as const',
  '<',
  '>',
];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
  }),
  fc.record({
    op: fc.constant('swap' as const),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const pos = (f: number) => Math.min(text.length, Math.floor(f * text.length));
  switch (m.op) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'delete':
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'swap': {
      // Swap two tokens (words or punctuation).
      const tokens = text.split(/(\w+|[^\w\s])/);
      const idx = tokens.map((t, i) => (t.trim() ? i : -1)).filter((i) => i >= 0);
      if (idx.length < 2) return text;
      const i = idx[Math.floor(m.a * (idx.length - 1))] as number;
      const j = idx[Math.floor(m.b * (idx.length - 1))] as number;
      [tokens[i], tokens[j]] = [tokens[j] as string, tokens[i] as string];
      return tokens.join('');
    }
  }
}

describe('mutated fixtures', () => {
  const fixtures = importFixtureNames().map(loadImportFixture);

  it('never throw or hang; a failure is ok:false with a located message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (fixture, mutations, inModels) => {
          let tables = fixture.tables.text;
          let models = fixture.models?.text;
          for (const m of mutations) {
            if (inModels && models !== undefined) models = mutate(models, m);
            else tables = mutate(tables, m);
          }
          const out = importTablesTs({
            tables: { ...fixture.tables, text: tables },
            ...(fixture.models && models !== undefined ? { models: { ...fixture.models, text: models } } : {}),
            others: fixture.others,
          });
          checkOutcome(out);
        },
      ),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('a failure is not silent: mutations that break the syntax are errors', () => {
    const f = loadImportFixture('realistic-current');
    const out = importTablesTs({
      tables: { ...f.tables, text: f.tables.text.replace('sqliteTable(', 'sqliteTable((') },
    });
    expect(out.ok).toBe(false);
    expect(out.messages[0]).toMatchObject({ code: 'syntax-error', line: expect.any(Number) });
  });
});
