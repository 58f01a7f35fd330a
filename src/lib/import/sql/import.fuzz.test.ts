/**
 * Property tests of the SQL and snapshot importers: random valid designs round-trip through their SQL and their
 * snapshot; random and mutated SQL scripts and snapshot JSON never crash or hang an importer, and every failure
 * is `ok: false` with an error that says where.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesign } from '../../core/format';
import { initialMigrationSql } from '../../sql/migration-files';
import { buildSnapshot, snapshotText } from '../../sql/snapshot';
import { validDesign } from '../../../testing/arbitraries';
import { importSnapshot } from '../snapshot/index';
import type { ImportOutcome } from '../types';
import { importSql } from './index';
import { fuzzRuns } from '../../../testing/fuzz-runs';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});
const load = () => Promise.resolve(SQL);

const example = (() => {
  const r = loadDesign(readFileSync('static/examples/molos-tasks.json', 'utf8'));
  if (!r.ok) throw new Error('bad example');
  return { ...r.design, baseline: null };
})();
const EXAMPLE_SQL = initialMigrationSql(example);
const EXAMPLE_SNAPSHOT = snapshotText(buildSnapshot(example));

/** A failure must be an error naming the file, and a line (SQL) or a line or JSON path (snapshots). */
function expectLocated(outcome: ImportOutcome, file: string, json = false): void {
  if (outcome.ok) return;
  const error = outcome.messages.find((m) => m.severity === 'error');
  expect(error).toBeDefined();
  expect(error?.file).toBe(file);
  if (json) expect(error && (error.line > 0 || error.message.startsWith('$'))).toBe(true);
  else expect(error?.line).toBeGreaterThan(0);
}

/** Edits to a text: cut a slice, insert a piece, or repeat a slice. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        '(',
        ')',
        "'",
        '"',
        '`',
        ';',
        ',',
        '--',
        '/*',
        '*/',
        '--> statement-breakpoint',
        ' CHECK(x IN (',
        ' DEFAULT ',
        ' REFERENCES ',
        ' PRIMARY KEY',
        ' GENERATED ALWAYS AS (1)',
        'CREATE VIEW v AS SELECT 1;',
        'CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END;',
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;',
        '\u0000',
        '\n',
      ),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'cut') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + e.length) + out.slice(at);
  }
  return out;
}

describe('round trips of random valid designs', () => {
  it('0000 SQL → import → the same 0000 SQL; snapshot → import → the same SQL', async () => {
    await fc.assert(
      fc.asyncProperty(validDesign, async (design) => {
        const sql = initialMigrationSql(design);
        const fromSql = await importSql([{ path: 'drizzle/0000_init.sql', text: sql }], { loadSqlJs: load });
        if (!fromSql.ok) throw new Error(JSON.stringify(fromSql.messages));
        expect(initialMigrationSql(fromSql.design)).toBe(sql);
        const fromSnapshot = importSnapshot({ path: 's.json', text: snapshotText(buildSnapshot(design)) });
        if (!fromSnapshot.ok) throw new Error(JSON.stringify(fromSnapshot.messages));
        expect(initialMigrationSql(fromSnapshot.design)).toBe(sql);
      }),
      { numRuns: fuzzRuns(60) },
    );
  }, 120_000);
});

describe('hostile input never crashes or hangs the importers', () => {
  it('mutated generator SQL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (edits) => {
        const out = await importSql([{ path: 'drizzle/0000_x.sql', text: mutate(EXAMPLE_SQL, edits) }], {
          loadSqlJs: load,
        });
        expectLocated(out, 'drizzle/0000_x.sql');
      }),
      { numRuns: fuzzRuns(300) },
    );
  }, 120_000);

  it('random SQL-like text', async () => {
    const token = fc.constantFrom(
      'CREATE',
      'TABLE',
      'INDEX',
      'UNIQUE',
      'ON',
      'ALTER',
      'ADD',
      'DROP',
      'RENAME',
      'TO',
      'x',
      '`MoLOS-X_a`',
      '"b"',
      "'v'",
      '(',
      ')',
      ',',
      ';',
      'text',
      'integer',
      'CHECK',
      'IN',
      'NOT',
      'NULL',
      'DEFAULT',
      '0',
      'PRAGMA',
      'INSERT',
      'SELECT',
      '--> statement-breakpoint',
      '\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(token, fc.string({ maxLength: 5 })), { maxLength: 60 }), async (parts) => {
        const out = await importSql([{ path: 'r.sql', text: parts.join(' ') }], { loadSqlJs: load });
        expectLocated(out, 'r.sql');
      }),
      { numRuns: fuzzRuns(300) },
    );
  }, 120_000);

  it('mutated and random snapshot JSON', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        expectLocated(importSnapshot({ path: 's.json', text: mutate(EXAMPLE_SNAPSHOT, edits) }), 's.json', true);
      }),
      { numRuns: fuzzRuns(300) },
    );
    const base = JSON.parse(EXAMPLE_SNAPSHOT);
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      paths.push(p);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(base);
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path[path.length - 1] as string] = value;
        expectLocated(importSnapshot({ path: 's.json', text: JSON.stringify(copy) }), 's.json', true);
      }),
      { numRuns: fuzzRuns(400) },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectLocated(importSnapshot({ path: 's.json', text: JSON.stringify(value) }), 's.json', true);
      }),
      { numRuns: fuzzRuns(200) },
    );
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expectLocated(importSnapshot({ path: 's.json', text: deep }), 's.json', true);
  }, 120_000);
});
