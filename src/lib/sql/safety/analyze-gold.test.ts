/**
 * The analyzer over real drizzle-kit output (fixtures/drizzle-kit-gold): each hazard of the spec's table §12 is
 * found where the gold file shows it, with the exact list of findings per file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot-types';
import { analyzeMigration } from './analyze';
import { safetyMessage } from './messages';
import type { SafetyFinding } from './types';

const GOLD = resolve(import.meta.dirname, '../../../../fixtures/drizzle-kit-gold');
const read = (path: string) => readFileSync(join(GOLD, path), 'utf8');
const snapshot = (path: string) => JSON.parse(read(path)) as Snapshot;

/** An `alter/aNN_*` case: its single-change migration and the snapshot before it. */
function alterCase(id: string) {
  const dir = readdirSync(join(GOLD, 'alter')).find((d) => d.startsWith(`${id}_`));
  if (!dir) throw new Error(`no gold case ${id}`);
  const name = readdirSync(join(GOLD, 'alter', dir, 'drizzle')).find((f) => f.startsWith('0001_'));
  if (!name) throw new Error(`no 0001 migration in ${dir}`);
  return {
    name,
    sql: read(`alter/${dir}/drizzle/${name}`),
    before: snapshot(`alter/${dir}/drizzle/meta/0000_snapshot.json`),
  };
}

/** Step `n` of the `evolve` history and the snapshot before it. */
function evolveStep(n: number) {
  const name = readdirSync(join(GOLD, 'evolve/drizzle')).find((f) => f.startsWith(`${String(n).padStart(4, '0')}_`));
  if (!name) throw new Error(`no evolve step ${n}`);
  const prev = `evolve/drizzle/meta/${String(n - 1).padStart(4, '0')}_snapshot.json`;
  return { name, sql: read(`evolve/drizzle/${name}`), before: n > 0 ? snapshot(prev) : undefined };
}

const run = (c: { name: string; sql: string; before?: Snapshot }, withBefore = true) =>
  analyzeMigration(
    { name: c.name, sql: c.sql, moduleId: 'MoLOS-Example', host: 'older' },
    withBefore ? c.before : undefined,
  );
const brief = (fs: SafetyFinding[]) => fs.map((f) => `${f.chunk}:${f.severity}:${f.code}`);
const only = (fs: SafetyFinding[], code: string) => {
  const hits = fs.filter((f) => f.code === code);
  expect(hits).toHaveLength(1);
  return hits[0]!;
};

/** The findings every drizzle-kit rebuild of a table without the prefix brings with it (chunks 0–5). */
const REBUILD_NOISE = [
  '0:warning:pragma-in-transaction',
  '1:warning:unprefixed-table',
  '1:warning:table-rebuild',
  '2:warning:unprefixed-table',
  '2:warning:insert-statement',
];

describe('ADD … REFERENCES (B8)', () => {
  it('a01: a hyphenated unquoted target is a syntax error', () => {
    const fs = run(alterCase('a01'));
    expect(brief(fs)).toEqual(['0:warning:unprefixed-table', '0:error:add-references-unquoted']);
    const f = only(fs, 'add-references-unquoted');
    expect(f.params).toEqual({ table: 'kids', column: 'other_parent_id', target: 'MoLOS-Example_parents', char: '-' });
    expect(safetyMessage(f)).toContain('near "-": syntax error');
  });

  it('a01b: a plain unquoted target works but loses the actions', () => {
    const fs = run(alterCase('a01b'));
    expect(brief(fs)).toEqual([
      '0:warning:unprefixed-table',
      '0:warning:unprefixed-table',
      '0:warning:add-references-unquoted',
    ]);
    expect(fs.map((f) => f.params.keyword)).toEqual(['TABLE', 'REFERENCES', undefined]);
    const f = only(fs, 'add-references-unquoted');
    expect(f.params).toEqual({ table: 'pairs', column: 'kid_id', target: 'kids' });
    expect(safetyMessage(f)).toMatch(/drops the actions.*NO ACTION/);
  });
});

describe('ADD of a NOT NULL column (B9)', () => {
  it('a02: NOT NULL without default fails on a table with rows', () => {
    const fs = run(alterCase('a02'));
    expect(brief(fs)).toEqual(['0:warning:unprefixed-table', '0:error:add-not-null-without-default']);
    expect(safetyMessage(only(fs, 'add-not-null-without-default'))).toContain(
      'Cannot add a NOT NULL column with default value NULL',
    );
  });

  it('a02b: NOT NULL with a default is fine', () => {
    expect(brief(run(alterCase('a02b')))).toEqual(['0:warning:unprefixed-table']);
  });
});

describe('rebuilds', () => {
  it('a06: the copy selects a column added in the same migration (B10), and tightens NOT NULL (B17)', () => {
    const fs = run(alterCase('a06'));
    expect(brief(fs)).toEqual([
      ...REBUILD_NOISE,
      '2:error:rebuild-not-null-tightened',
      '2:error:rebuild-selects-new-column',
      '5:warning:pragma-in-transaction',
    ]);
    expect(only(fs, 'rebuild-selects-new-column').params).toEqual({ table: 'pairs', column: 'extra', quoted: 1 });
    expect(only(fs, 'rebuild-not-null-tightened').params).toEqual({ table: 'pairs', column: 'note' });
    expect(safetyMessage(only(fs, 'rebuild-selects-new-column'))).toContain("writes the text 'extra' into every row");
  });

  it('a06 without the schema before: the new column cannot be seen', () => {
    const fs = run(alterCase('a06'), false);
    expect(fs.map((f) => f.code)).not.toContain('rebuild-selects-new-column');
    expect(only(fs, 'table-rebuild').params).toEqual({ table: 'pairs', copy: '__new_pairs', schemaKnown: 0 });
  });

  it('a12b: a new primary-key column inside the rebuild is B10 too', () => {
    expect(only(run(alterCase('a12b')), 'rebuild-selects-new-column').params).toEqual({
      table: 'pairs',
      column: 'c',
      quoted: 1,
    });
  });

  it('a05b: the copy inserts into a generated column (B12)', () => {
    const fs = run(alterCase('a05b'));
    expect(only(fs, 'rebuild-inserts-generated-column').params).toEqual({ table: 'gens', column: 'label_len' });
    // label was nullable in base.ts and is `DEFAULT '' NOT NULL` now.
    expect(only(fs, 'rebuild-not-null-tightened').params).toEqual({ table: 'gens', column: 'label' });
  });

  it('a22: the second rebuild has no PRAGMAs (B15)', () => {
    const fs = run(alterCase('a22'));
    expect(brief(fs)).toEqual([
      ...REBUILD_NOISE.slice(0, 2),
      '1:warning:on-update-clause',
      ...REBUILD_NOISE.slice(2),
      '5:warning:pragma-in-transaction',
      '7:warning:unprefixed-table',
      '7:warning:table-rebuild',
      '7:warning:rebuild-without-pragma',
      '8:warning:unprefixed-table',
      '8:warning:insert-statement',
    ]);
    expect(only(fs, 'rebuild-without-pragma').params).toEqual({ table: 'pairs' });
    // The same is visible without the schema.
    expect(brief(run(alterCase('a22'), false))).toEqual(brief(fs));
  });

  it('a13: a renamed parent is rebuilt and its children (renamed reference) lose their rows', () => {
    const fs = run(alterCase('a13'));
    expect(only(fs, 'rebuild-cascade')).toMatchObject({
      chunk: 4,
      severity: 'error',
      params: { table: 'MoLOS-Example_parents_v2', children: 'kids', deleted: 'kids', schemaKnown: 1 },
    });
    expect(only(fs, 'rebuild-without-pragma').params).toEqual({ table: 'kids' });
  });

  it('a25: a view over the rebuilt table makes the RENAME fail (B13)', () => {
    const fs = run(alterCase('a25'));
    expect(only(fs, 'rebuild-table-used-by-view')).toMatchObject({
      chunk: 4,
      params: { table: 'kids', view: 'v_kids' },
    });
  });

  it('a26: an expression index re-created with backticks (B6b)', () => {
    const f = only(run(alterCase('a26')), 'index-expression-quoted');
    expect(f).toMatchObject({
      chunk: 8,
      severity: 'error',
      params: { index: 'parents_lower_code_uq', item: '`lower("code")`' },
    });
  });
});

describe('drops', () => {
  it('a18: the referenced table is dropped before the PRAGMA (B16) and its children lose their rows', () => {
    const fs = run(alterCase('a18'));
    expect(brief(fs)).toEqual([
      '0:warning:drop-table',
      '0:error:drop-parent-table-before-pragma',
      '1:warning:pragma-in-transaction',
      '2:warning:unprefixed-table',
      '2:warning:table-rebuild',
      '3:warning:unprefixed-table',
      '3:warning:insert-statement',
      '6:warning:pragma-in-transaction',
    ]);
    const f = only(fs, 'drop-parent-table-before-pragma');
    expect(f.params).toEqual({ table: 'MoLOS-Example_parents', schemaKnown: 1, children: 'kids', deleted: 'kids' });
    expect(safetyMessage(f)).toContain('rows of kids that reference it are deleted (ON DELETE cascade)');
  });

  it('a18 without the schema before: still a warning, from the order of statements alone', () => {
    expect(only(run(alterCase('a18'), false), 'drop-parent-table-before-pragma')).toMatchObject({
      severity: 'warning',
      params: { table: 'MoLOS-Example_parents', schemaKnown: 0 },
    });
  });

  it('a07: dropping an indexed column after its index is fine', () => {
    expect(brief(run(alterCase('a07')))).toEqual(['1:warning:unprefixed-table', '1:warning:drop-column']);
  });
});

describe('evolve history', () => {
  it('0010: rebuilding users cascades to its children, through projects to items, and nulls its self-reference', () => {
    const fs = run(evolveStep(10));
    const f = only(fs, 'rebuild-cascade');
    expect(f).toMatchObject({ chunk: 3, severity: 'error', statement: 'DROP TABLE `users`;' });
    expect(f.params).toEqual({
      table: 'users',
      schemaKnown: 1,
      children: 'project_members, projects, users (its own copied rows)',
      deleted: 'project_members, projects',
      deletedVia: 'MoLOS-Example_items (via projects)',
      nulled: 'users.manager_id (self-reference, in the copied rows)',
    });
    expect(safetyMessage(f)).toBe(
      "Rebuilding users drops the old table inside the host's transaction with foreign keys on: rows of " +
        'project_members, projects that reference it are deleted (ON DELETE cascade), and with them rows of ' +
        'MoLOS-Example_items (via projects); users.manager_id (self-reference, in the copied rows) are set to NULL ' +
        '(ON DELETE set null).',
    );
  });

  it('0011: the renamed column is selected from the old table (B11)', () => {
    const fs = run(evolveStep(11));
    expect(only(fs, 'rebuild-selects-new-column').params).toEqual({
      table: 'MoLOS-Example_items',
      column: 'heading',
      quoted: 1,
    });
    expect(fs.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['rebuild-selects-new-column']);
  });

  it('0004: NOT NULL added to priority (B17) and items rows cascade-deleted', () => {
    const fs = run(evolveStep(4));
    expect(only(fs, 'rebuild-not-null-tightened').params).toEqual({ table: 'projects', column: 'priority' });
    expect(only(fs, 'rebuild-cascade').params).toMatchObject({ deleted: 'MoLOS-Example_items' });
  });

  it('plain steps have no errors', () => {
    for (const n of [0, 2, 3, 6, 7, 8, 9, 12]) {
      expect(
        run(evolveStep(n)).filter((f) => f.severity === 'error'),
        `step ${n}`,
      ).toEqual([]);
    }
  });
});

describe('clean files', () => {
  it('a 0000 migration whose tables all carry the MoLOS-Example_ prefix has no findings', () => {
    const name = '0000_q06_table_creator.sql';
    const sql = read(`quirks/q06_table_creator/drizzle/${name}`);
    expect(analyzeMigration({ name, sql, moduleId: 'MoLOS-Example', host: 'older' })).toEqual([]);
  });

  it('every gold migration analyses without throwing, and every finding has a complete message', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(join(GOLD, dir), { withFileTypes: true })) {
        const path = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.sql') && path.includes('/drizzle/')) files.push(path);
      }
    };
    for (const top of ['full', 'order', 'multifile', 'quirks', 'evolve', 'alter']) walk(top);
    expect(files.length).toBeGreaterThan(50);
    for (const path of files) {
      for (const f of analyzeMigration({ name: path, sql: read(path), moduleId: 'MoLOS-Example', host: 'older' })) {
        const message = safetyMessage(f);
        expect(message, `${path} ${f.code}`).not.toMatch(/undefined|NaN|\[object/);
        expect(message.length).toBeGreaterThan(20);
      }
    }
  });
});
