/**
 * A large, realistic design for benchmarks: `tables` tables of `columns` columns each (the four standard
 * columns plus a mix of types, enums and defaults), a foreign key to an earlier table and an index per table.
 */
import { type Design, emptyDesign } from '../src/lib/core/design';
import { addColumn, addEnum, addIndex, addTable, connectTables } from '../src/lib/core/operations';

export function largeDesign(tables = 300, columns = 12): Design {
  let d = emptyDesign({ id: 'MoLOS-Bench', name: 'Bench', layout: 'legacy' });
  for (let e = 0; e < 5; e++) {
    d = addEnum(d, {
      id: `e_${e}`,
      name: `Kind${e}`,
      members: ['draft', 'active', 'done', 'archived'].map((value, m) => ({ id: `m_${e}_${m}`, value })),
    });
  }
  for (let t = 0; t < tables; t++) {
    const tableId = `t_${t}`;
    d = addTable(d, {
      id: tableId,
      name: `entity_${t}`,
      position: { x: (t % 20) * 320, y: Math.floor(t / 20) * 400 },
      columnIds: { id: `c_${t}_id`, userId: `c_${t}_u`, createdAt: `c_${t}_c`, updatedAt: `c_${t}_up` },
    });
    const extra = columns - 4 - (t > 0 ? 1 : 0);
    for (let c = 0; c < extra; c++) {
      const kind = c % 6;
      d = addColumn(d, {
        tableId,
        id: `c_${t}_${c}`,
        name: `field_${c}`,
        ...(kind === 0 ? { type: 'text', notNull: true } : {}),
        ...(kind === 1 ? { type: 'integer', default: { kind: 'literal', value: c } } : {}),
        ...(kind === 2
          ? { type: 'integer', mode: 'boolean', notNull: true, default: { kind: 'literal', value: false } }
          : {}),
        ...(kind === 3 ? { enumId: `e_${t % 5}`, notNull: true, default: { kind: 'literal', value: 'draft' } } : {}),
        ...(kind === 4 ? { type: 'real' } : {}),
        ...(kind === 5 ? { type: 'text', mode: 'json', default: { kind: 'json', json: '[]' } } : {}),
      } as Parameters<typeof addColumn>[1]);
    }
    if (t > 0)
      d = connectTables(d, {
        fromTableId: tableId,
        toTableId: `t_${Math.floor(t / 2)}`,
        columnId: `c_${t}_fk`,
        relationId: `r_${t}`,
        onDelete: 'cascade',
      });
    d = addIndex(d, { tableId, id: `i_${t}`, columnIds: [`c_${t}_u`, `c_${t}_0`] });
  }
  return d;
}
