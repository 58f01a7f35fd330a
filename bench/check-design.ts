/**
 * `checkDesign` at scale: a design of 1,000 and 5,000 tables (the shape of large-design.ts, built directly because
 * building it through the operations copies the design per step), clean and with every table breaking rules.
 * The rules must stay linear in the design's size: a share link of 5,000 tables is under the link size limit.
 */
import { performance } from 'node:perf_hooks';
import type { Column, Design, Index, Relation, Table } from '../src/lib/core/design';
import { UNIX_SECONDS_SQL, emptyDesign } from '../src/lib/core/design';
import { rawColumn } from '../src/testing/raw-design';
import { checkDesign } from '../src/lib/core/rules';

const KINDS = ['draft', 'active', 'done', 'archived'];
const KEYS = ['DRAFT', 'ACTIVE', 'DONE', 'ARCHIVED'];

/** A bench column: `rawColumn` with its key given. */
const column = (id: string, tableId: string, name: string, key: string, rest: Partial<Column> = {}): Column =>
  rawColumn(id, tableId, name, { key, ...rest });

/**
 * The design `largeDesign(tables, columns)` builds through the operations (same ids, names, order), written
 * directly so 5,000 tables take milliseconds. `messy`: every table breaks rules too (a CamelCase name, no
 * key, a user_id that references another table, an index named after nothing), the worst case for the checks.
 */
export function scaledDesign(tables: number, columns = 12, messy = false): Design {
  const d: Design = emptyDesign({ id: 'MoLOS-Bench', name: 'Bench', layout: 'legacy' });
  for (let e = 0; e < 5; e++) {
    d.enums[`e_${e}`] = {
      id: `e_${e}`,
      name: `Kind${e}`,
      comment: '',
      members: KINDS.map((value, m) => ({ id: `m_${e}_${m}`, key: KEYS[m] as string, value })),
    };
  }
  const timestamp = { type: 'integer', notNull: true, default: { kind: 'sql', sql: UNIX_SECONDS_SQL } } as const;
  for (let t = 0; t < tables; t++) {
    const tableId = `t_${t}`;
    const name = messy ? `Entity${t}` : `entity_${t}`;
    const ids = { id: `c_${t}_id`, userId: `c_${t}_u`, createdAt: `c_${t}_c`, updatedAt: `c_${t}_up` };
    const cols: Column[] = [
      column(ids.id, tableId, 'id', 'id', { notNull: true, primaryKey: !messy, default: { kind: 'uuid' } }),
      column(ids.userId, tableId, 'user_id', 'userId', { notNull: true }),
      column(ids.createdAt, tableId, 'created_at', 'createdAt', timestamp),
      column(ids.updatedAt, tableId, 'updated_at', 'updatedAt', timestamp),
    ];
    const extra = columns - 4 - (t > 0 ? 1 : 0);
    for (let c = 0; c < extra; c++) {
      const kind = c % 6;
      const rest: Partial<Column> =
        kind === 0
          ? { notNull: true }
          : kind === 1
            ? { type: 'integer', default: { kind: 'literal', value: c } }
            : kind === 2
              ? { type: 'integer', mode: 'boolean', notNull: true, default: { kind: 'literal', value: false } }
              : kind === 3
                ? { enumId: `e_${t % 5}`, notNull: true, default: { kind: 'literal', value: 'draft' } }
                : kind === 4
                  ? { type: 'real' }
                  : { mode: 'json', default: { kind: 'json', json: '[]' } };
      cols.push(column(`c_${t}_${c}`, tableId, `field_${c}`, `field${c}`, rest));
    }
    if (t > 0) {
      const to = Math.floor(t / 2);
      cols.push(column(`c_${t}_fk`, tableId, `entity_${to}_id`, `entity${to}Id`));
      const rel: Relation = {
        id: `r_${t}`,
        fromColumnId: `c_${t}_fk`,
        toColumnId: `c_${to}_id`,
        onDelete: 'cascade',
        onUpdate: null,
        logical: false,
      };
      d.relations[rel.id] = rel;
    }
    if (messy) {
      // user_id pointing at another table's user_id: a foreign key on the owner, to a column that is no key.
      const rel: Relation = {
        id: `r_u_${t}`,
        fromColumnId: ids.userId,
        toColumnId: `c_${(t + 1) % tables}_u`,
        onDelete: 'set null',
        onUpdate: null,
        logical: false,
      };
      d.relations[rel.id] = rel;
    }
    for (const c of cols) d.columns[c.id] = c;
    const order = [ids.id, ids.userId, ...cols.slice(4).map((c) => c.id), ids.createdAt, ids.updatedAt];
    const index: Index = {
      id: `i_${t}`,
      tableId,
      name: messy ? `ix_${t % 100}` : `MoLOS-Bench_${name}_user_id${extra > 0 ? '_field_0' : ''}_idx`,
      // With no extra column (5 columns a table), the index is on the owner alone.
      columnIds: extra > 0 ? [ids.userId, `c_${t}_0`] : [ids.userId],
      unique: false,
    };
    d.indexes[index.id] = index;
    const table: Table = {
      id: tableId,
      name,
      exportName: `benchEntity${t}`,
      comment: '',
      position: { x: (t % 20) * 320, y: Math.floor(t / 20) * 400 },
      columnIds: order,
      indexIds: [index.id],
    };
    d.tables[tableId] = table;
  }
  return d;
}

function median(runs: number, fn: () => unknown): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] as number, min: times[0] as number, max: times.at(-1) as number };
}

/** Prints checkDesign's timing at 1,000 and 5,000 tables (12 columns each), clean and messy. */
export function checkDesignBench(
  row: (label: string, r: { median: number; min: number; max: number }) => void,
  sizes: readonly number[] = [1000, 5000],
): void {
  for (const tables of sizes) {
    for (const messy of [false, true]) {
      const design = scaledDesign(tables, 12, messy);
      const issues = checkDesign(design).length;
      const r = median(tables > 1000 ? 3 : 5, () => checkDesign(design));
      row(`  ${tables} tables${messy ? ', every table breaking rules' : ''} (${issues} issues)`, r);
    }
  }
}
