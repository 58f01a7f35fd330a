/**
 * Our differ against the real drizzle-kit: every gold case (fixtures/drizzle-kit-gold, drizzle-kit 0.31.11
 * output) is replayed from its previous snapshot to its next one — renames taken from the next snapshot's
 * `_meta`, as drizzle-kit recorded the prompt answers — and the SQL must be byte-identical.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot-types';
import { type Renames, migrationStatements } from './index';

const GOLD = join(import.meta.dirname, '../../../../fixtures/drizzle-kit-gold');

/** Cases whose schemas use features the design model cannot express (so the studio never produces them). */
const NOT_EXPRESSIBLE: Record<string, string> = {
  a04_add_generated_columns: 'generated columns',
  a05_change_generated_expr: 'generated columns',
  a10_view_change: 'views',
  a10b_view_rename: 'views',
  a24_expression_index_in_recreate: 'expression indexes',
};

/** Cases where drizzle-kit itself wrote no migration file. */
const NO_MIGRATION: Record<string, string> = {
  a07b_drop_column_still_used_by_index: 'drizzle-kit crashes (B19): an index still uses the dropped column',
  a09_enum_and_defaultfn_only: 'enum options and $defaultFn leave no trace in SQL',
};

function renamesOf(s: Snapshot): Renames {
  const bare = (x: string) => x.replace(/^"|"$/g, '');
  return {
    tables: Object.entries(s._meta.tables).map(([from, to]) => ({ from: bare(from), to: bare(to) })),
    columns: Object.entries(s._meta.columns).map(([from, to]) => {
      const [, fromColumn = ''] = from.split('"."');
      const [table = '', toColumn = ''] = to.split('"."');
      return { table: bare(table), from: bare(fromColumn), to: bare(toColumn) };
    }),
  };
}

function read<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(GOLD, ...path), 'utf8')) as T;
}

const EMPTY = { tables: {} } as Snapshot;

function replay(dir: string, prevTag: string | null, tag: string): { ours: string; gold: string } {
  const next = read<Snapshot>(dir, 'meta', `${tag.slice(0, 4)}_snapshot.json`);
  const prev = prevTag ? read<Snapshot>(dir, 'meta', `${prevTag.slice(0, 4)}_snapshot.json`) : EMPTY;
  const ours = migrationStatements(prev, next, renamesOf(next)).sql.join('--> statement-breakpoint\n');
  return { ours, gold: readFileSync(join(GOLD, dir, `${tag}.sql`), 'utf8') };
}

const tagsIn = (dir: string) =>
  readdirSync(join(GOLD, dir))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();

const alterCases = readdirSync(join(GOLD, 'alter')).filter(
  (d) => /^a\d/.test(d) && existsSync(join(GOLD, 'alter', d, 'drizzle')),
);

describe('drizzle-kit gold: alter cases', () => {
  it('knows every case', () => {
    const expressible = alterCases.filter((c) => !(c in NOT_EXPRESSIBLE) && !(c in NO_MIGRATION));
    expect(alterCases).toHaveLength(31);
    expect(expressible).toHaveLength(24);
  });

  for (const c of alterCases) {
    const dir = join('alter', c, 'drizzle');
    if (c in NO_MIGRATION) {
      it(`${c}: no migration (${NO_MIGRATION[c]})`, () => {
        const tags = tagsIn(dir);
        expect(tags).toEqual(['0000_base']);
        if (c === 'a09_enum_and_defaultfn_only') {
          // drizzle-kit wrote nothing because nothing changed in SQL terms; we agree.
          const base = read<Snapshot>(dir, 'meta', '0000_snapshot.json');
          expect(migrationStatements(base, base).sql).toEqual([]);
        }
      });
    } else if (c in NOT_EXPRESSIBLE) {
      it(`${c}: not expressible in a design (${NOT_EXPRESSIBLE[c]}), and our SQL differs`, () => {
        const [prev, tag] = tagsIn(dir);
        const { ours, gold } = replay(dir, prev as string, tag as string);
        expect(ours).not.toBe(gold);
      });
    } else {
      it(`${c}: byte-identical`, () => {
        const [prev, tag] = tagsIn(dir);
        const { ours, gold } = replay(dir, prev as string, tag as string);
        expect(ours).toBe(gold);
      });
    }
  }
});

describe('drizzle-kit gold: the 14-step evolve history', () => {
  const tags = tagsIn('evolve/drizzle');
  it('has 14 steps', () => expect(tags).toHaveLength(14));
  tags.forEach((tag, i) => {
    it(`${tag}: byte-identical`, () => {
      const { ours, gold } = replay('evolve/drizzle', i === 0 ? null : (tags[i - 1] as string), tag);
      expect(ours).toBe(gold);
    });
  });
});
