import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../core/design';
import { loadDesign } from '../../core/format';
import { generateModuleFiles } from '../../generate/module-files';
import { nextMigration } from '../../sql/next-migration';
import type { ImportOutcome } from '../types';
import { importSnapshot } from './index';

function example(name: string): Design {
  const r = loadDesign(readFileSync(`static/examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`bad example ${name}`);
  return { ...r.design, baseline: null };
}

function ok(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.messages.map((m) => `${m.file}:${m.line} ${m.message}`).join('\n'));
  return outcome;
}

async function generated(name: string) {
  const files = await generateModuleFiles(example(name));
  const pick = (role: string) => files.find((f) => f.role === role)?.content ?? '';
  return { sql: pick('migration'), snapshot: pick('snapshot'), journal: pick('journal') };
}

const PATH = 'drizzle/meta/0000_snapshot.json';

describe('snapshots written by the generator', () => {
  for (const name of ['molos-example', 'molos-tasks']) {
    it(`${name}: regenerates the same 0000 SQL, and the next migration against it is empty`, async () => {
      const g = await generated(name);
      const out = ok(importSnapshot({ path: PATH, text: g.snapshot }));
      expect(out.messages).toEqual([]);
      const again = await generateModuleFiles({ ...out.design, baseline: null });
      expect(again.find((f) => f.role === 'migration')?.content).toBe(g.sql);
      const folder = {
        journal: JSON.parse(g.journal),
        snapshots: { '0000_snapshot.json': JSON.parse(g.snapshot) },
        sqlFiles: ['0000_init.sql'],
      };
      expect(nextMigration(out.design, folder, { now: 1 }).kind).toBe('unchanged');
    });
  }

  it('with another module id, the baseline keeps the old names, so the next migration renames the tables', async () => {
    const g = await generated('molos-example');
    const out = ok(importSnapshot({ path: PATH, text: g.snapshot }, { moduleId: 'MoLOS-Other' }));
    expect(out.messages.map((m) => [m.code, m.line])).toEqual([['table-prefix', 7]]);
    const folder = {
      journal: JSON.parse(g.journal),
      snapshots: { '0000_snapshot.json': JSON.parse(g.snapshot) },
      sqlFiles: [],
    };
    const next = nextMigration(out.design, folder, { now: 1 });
    // The entity name stays: only the prefix changes with the module id.
    expect(next.sql).toContain('ALTER TABLE `MoLOS-Example_items` RENAME TO `MoLOS-Other_items`;');
  });
});

describe('what a design cannot hold, and broken files', () => {
  const snapshot = (tables: unknown) =>
    JSON.stringify({ version: '6', dialect: 'sqlite', id: 'x', prevId: 'y', tables }, null, 2);

  it('composite keys, CHECKs, partial and expression indexes, generated columns are reported at their JSON key', () => {
    const text = snapshot({
      'MoLOS-X_a': {
        name: 'MoLOS-X_a',
        columns: {
          a: { name: 'a', type: 'text', primaryKey: false, notNull: true },
          b: { name: 'b', type: 'integer', primaryKey: false, notNull: true, generated: { as: '(1)', type: 'stored' } },
        },
        indexes: {
          p: { name: 'p', columns: ['a'], isUnique: false, where: 'a > 1' },
          e: { name: 'e', columns: ['lower(a)'], isUnique: false },
        },
        compositePrimaryKeys: { pk: { name: 'pk', columns: ['a', 'b'] } },
        checkConstraints: { c: { name: 'c', value: 'b > 0' } },
      },
    });
    const out = ok(importSnapshot({ path: PATH, text }));
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    expect(out.messages.map((m) => [m.code, m.line])).toEqual([
      ['generated-column', lineOf('"b": {')],
      ['composite-primary-key', lineOf('"MoLOS-X_a": {')],
      ['check-constraint', lineOf('"MoLOS-X_a": {')],
      ['partial-index', lineOf('"p": {')],
      ['expression-index', lineOf('"e": {')],
    ]);
  });

  it('a field of the wrong type names its JSON path; a syntax error its line', () => {
    const wrong = importSnapshot({
      path: PATH,
      text: snapshot({
        t: { name: 't', columns: { id: { name: 'id', type: 'text', primaryKey: 'yes', notNull: true } } },
      }),
    });
    expect(wrong.ok).toBe(false);
    expect(wrong.messages[0]).toMatchObject({ severity: 'error', file: PATH });
    expect(wrong.messages[0]?.message).toContain('$.tables.t.columns.id.primaryKey');
    const broken = importSnapshot({ path: PATH, text: '{\n  "version": "6",\n  "dialect": sqlite\n}' });
    expect(broken).toMatchObject({ ok: false, messages: [{ file: PATH, line: 3 }] });
    const other = importSnapshot({ path: PATH, text: JSON.stringify({ version: '5', dialect: 'postgresql' }) });
    expect(other.messages[0]?.message).toContain('$.version');
  });
});
