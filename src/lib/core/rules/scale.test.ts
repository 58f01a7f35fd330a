/**
 * The rules at scale: a share link may carry 5,000 tables, so checking a design must take time linear in its
 * size. Each shape below made the old rules scan the whole design (or a whole group) once per element.
 */
import { describe, expect, it } from 'vitest';
import { rawColumn } from '../../../testing/raw-design';
import { type Column, type Design, emptyDesign } from '../design';
import { checkDesign } from './index';

const emptyModule = (): Design => emptyDesign({ id: 'MoLOS-Scale', layout: 'legacy' });
const col = rawColumn;

function addTable(d: Design, id: string, name: string, cols: Column[], indexIds: string[] = []): void {
  for (const c of cols) d.columns[c.id] = c;
  d.tables[id] = {
    id,
    name,
    exportName: `x${id}`,
    comment: '',
    position: { x: 0, y: 0 },
    columnIds: cols.map((c) => c.id),
    indexIds,
  };
}

/** `n` tables of one non-snake name, each with an owner column that references the next table's. */
function sameNamedTables(n: number): Design {
  const d = emptyModule();
  for (let i = 0; i < n; i++) {
    addTable(d, `t${i}`, 'Items', [
      col(`c${i}`, `t${i}`, 'id', { primaryKey: true }),
      col(`u${i}`, `t${i}`, 'user_id'),
    ]);
    d.relations[`r${i}`] = {
      id: `r${i}`,
      fromColumnId: `u${i}`,
      toColumnId: `u${(i + 1) % n}`,
      onDelete: null,
      onUpdate: null,
      logical: false,
    };
  }
  return d;
}

/** One table with `n` misnamed indexes and the `n` names the rules would suggest for them already taken. */
function misnamedIndexes(n: number): Design {
  const d = emptyModule();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    d.indexes[`a${i}`] = { id: `a${i}`, tableId: 't', name: 'x', columnIds: ['c'], unique: false };
    const name = i === 0 ? 'MoLOS-Scale_t_c_idx' : `MoLOS-Scale_t_c_idx_${i + 1}`;
    d.indexes[`b${i}`] = { id: `b${i}`, tableId: 't', name, columnIds: ['c'], unique: false };
    ids.push(`a${i}`, `b${i}`);
  }
  addTable(d, 't', 't', [col('c', 't', 'c')], ids);
  return d;
}

/** An enum of `n` values that each hold an apostrophe (each issue's fix carries the whole member list). */
function quotedEnum(n: number): Design {
  const d = emptyModule();
  d.enums.e = {
    id: 'e',
    name: 'Kind',
    comment: '',
    members: Array.from({ length: n }, (_, i) => ({ id: `m${i}`, key: `K${i}`, value: `v'${i}` })),
  };
  return d;
}

/** `n` relations to a non-key column of a table with `n` columns, each under a one-column unique index. */
function relationsToWideTable(n: number): Design {
  const d = emptyModule();
  const cols = [col('p', 'p', 'id', { primaryKey: true }), col('target', 'p', 'code')];
  const indexIds: string[] = [];
  for (let i = 0; i < n; i++) {
    cols.push(col(`p${i}`, 'p', `f${i}`));
    d.indexes[`u${i}`] = {
      id: `u${i}`,
      tableId: 'p',
      name: `MoLOS-Scale_p_f${i}_uq`,
      columnIds: [`p${i}`],
      unique: true,
    };
    indexIds.push(`u${i}`);
  }
  addTable(d, 'p', 'p', cols, indexIds);
  const kids: Column[] = [];
  for (let i = 0; i < n; i++) {
    kids.push(col(`k${i}`, 'k', `r${i}`));
    d.relations[`r${i}`] = {
      id: `r${i}`,
      fromColumnId: `k${i}`,
      toColumnId: 'target',
      onDelete: null,
      onUpdate: null,
      logical: false,
    };
  }
  addTable(d, 'k', 'k', kids);
  return d;
}

/** Counts every read of the design's id-keyed maps (a scan of a map reads each of its entries). */
function countingReads(d: Design): { design: Design; reads: () => number } {
  let reads = 0;
  const count = <T extends object>(map: T): T =>
    new Proxy(map, {
      get: (t, k, r) => {
        reads++;
        return Reflect.get(t, k, r);
      },
      ownKeys: (t) => {
        const keys = Reflect.ownKeys(t);
        reads += keys.length;
        return keys;
      },
    });
  const design = {
    ...d,
    tables: count(d.tables),
    columns: count(d.columns),
    relations: count(d.relations),
    indexes: count(d.indexes),
    enums: count(d.enums),
  };
  return { design, reads: () => reads };
}

/** Milliseconds one check takes (the shapes are sized so the old rules took 10–40 s on the test machine). */
function checkTime(d: Design): { ms: number; issues: Record<string, number> } {
  const t0 = performance.now();
  const found = checkDesign(d);
  const ms = performance.now() - t0;
  const issues: Record<string, number> = {};
  for (const i of found) issues[i.code] = (issues[i.code] ?? 0) + 1;
  return { ms, issues };
}

describe('checkDesign at scale', () => {
  // issue 14: the checks read each table, column, relation and index a bounded number of times, however many there are
  it.each([
    ['tables of one name with owner references', sameNamedTables],
    ['misnamed indexes', misnamedIndexes],
    ['relations to a wide table', relationsToWideTable],
  ])('reads of the design grow linearly: %s', (_, shape) => {
    const small = countingReads(shape(250));
    checkDesign(small.design);
    const large = countingReads(shape(1000));
    checkDesign(large.design);
    // Four times the design, about four times the reads (the old rules read 13–16 times as much).
    expect(large.reads() / small.reads()).toBeLessThan(4.5);
  });

  // issue 14: 5,000 tables of one name (the old rules: 13 s) — duplicate groups and name suggestions are linear
  it('checks 5,000 same-named tables with owner references in well under the old time', () => {
    const { ms, issues } = checkTime(sameNamedTables(5000));
    expect(issues).toMatchObject({
      'table-name-duplicate': 4999,
      'table-name-not-snake-case': 5000,
      'user-id-references': 5000,
      'fk-target-not-key': 5000,
    });
    expect(ms).toBeLessThan(4000);
  });

  // issue 14: 8,000 misnamed indexes whose suggested names are all taken (the old rules: 14 s)
  it('suggests names for 8,000 misnamed indexes without walking the taken names again for each', () => {
    const d = misnamedIndexes(8000);
    const issues = checkDesign(d);
    const suggestions = new Set(issues.filter((i) => i.code === 'index-name-prefix').map((i) => i.params.suggestion));
    expect([...suggestions]).toEqual(['MoLOS-Scale_t_c_idx_8001']);
    expect(checkTime(d).ms).toBeLessThan(4000);
  });

  // issue 14: 20,000 enum values with apostrophes (the old rules: 16 s and 20,000 copies of the member list)
  it('reports 20,000 quoted enum values and makes a fix list only for the fix applied', () => {
    const d = quotedEnum(20_000);
    const { ms, issues } = checkTime(d);
    expect(issues).toEqual({ 'enum-member-value-quote': 20_000, 'enum-unused': 1, 'module-no-tables': 1 });
    expect(ms).toBeLessThan(4000);
    const first = checkDesign(d).find((i) => i.code === 'enum-member-value-quote');
    expect(first?.fix?.calls[0]).toMatchObject({ op: 'setEnumMembers', args: { enumId: 'e' } });
    const members = (first?.fix?.calls[0]?.args as { members: { value: string }[] }).members;
    expect(members.slice(0, 2).map((m) => m.value)).toEqual(['v0', "v'1"]);
  });

  // issue 14: 10,000 relations to a non-key column of a 10,000-column table (the old rules: 14 s)
  it('checks 10,000 relations to a wide table without scanning its indexes and columns per relation', () => {
    const { ms, issues } = checkTime(relationsToWideTable(10_000));
    // The target is no key and no single unique index covers it; the other 5,000 columns' indexes do not count.
    expect(issues['fk-target-not-key']).toBe(10_000);
    expect(ms).toBeLessThan(4000);
  });
});
