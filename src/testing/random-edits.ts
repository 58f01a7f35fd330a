/**
 * Test support: random single edits of a design, through the real operations — the kind of step between two
 * exports. Names are never changed (a rename makes drizzle-kit prompt, so renames are tested on the gold cases),
 * and one edit never both adds and removes columns of one table (that too makes drizzle-kit prompt).
 */
import type { ColumnType, Design, FkAction } from '../lib/core/design';
import {
  addColumn,
  addEnumMember,
  addIndex,
  addTable,
  connectTables,
  deleteColumn,
  deleteIndex,
  deleteTable,
  disconnect,
  updateColumn,
  updateRelation,
} from '../lib/core/operations';

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STANDARD = new Set(['id', 'user_id', 'created_at', 'updated_at']);

function pick<T>(r: () => number, items: readonly T[]): T | undefined {
  return items.length ? items[Math.floor(r() * items.length)] : undefined;
}

/** Applies one random edit; returns the new design and a label (the design is unchanged when none applied). */
export function randomEdit(d: Design, r: () => number, serial: number): { design: Design; label: string } {
  const tables = Object.values(d.tables);
  const table = pick(r, tables);
  const extra = Object.values(d.columns).filter((c) => !STANDARD.has(c.name) && !c.enumId);
  const column = pick(r, extra);
  const relation = pick(r, Object.values(d.relations));
  const index = pick(r, Object.values(d.indexes));
  const types: ColumnType[] = ['text', 'integer', 'real', 'numeric'];
  const actions: (FkAction | null)[] = [null, 'cascade', 'set null', 'restrict', 'no action'];
  const choice = Math.floor(r() * 12);
  switch (choice) {
    case 0:
      if (!table) break;
      return {
        design: addColumn(d, {
          tableId: table.id,
          name: `added_${serial}`,
          type: pick(r, types) as ColumnType,
          ...(r() < 0.5 ? { notNull: true, default: { kind: 'sql', sql: '0' } } : {}),
        }),
        label: `add column to ${table.name}`,
      };
    case 1:
      if (!column) break;
      return { design: deleteColumn(d, { columnId: column.id }), label: `delete column ${column.name}` };
    case 2:
      if (!column) break;
      return {
        design: updateColumn(d, { columnId: column.id, patch: { notNull: !column.notNull } }),
        label: `toggle not null ${column.name}`,
      };
    case 3:
      if (!column) break;
      return {
        design: updateColumn(d, {
          columnId: column.id,
          patch: { default: column.default ? null : { kind: 'sql', sql: '(1)' } },
        }),
        label: `change default ${column.name}`,
      };
    case 4:
      if (!column) break;
      return {
        design: updateColumn(d, {
          columnId: column.id,
          patch: {
            type: pick(
              r,
              types.filter((t) => t !== column.type),
            ) as ColumnType,
          },
        }),
        label: `change type ${column.name}`,
      };
    case 5:
      if (!column) break;
      return {
        design: updateColumn(d, { columnId: column.id, patch: { unique: !column.unique } }),
        label: `toggle unique ${column.name}`,
      };
    case 6:
      return { design: addTable(d, { id: `t_new_${serial}`, name: `new_${serial}` }), label: 'add table' };
    case 7:
      if (!table || tables.length < 2) break;
      return { design: deleteTable(d, { tableId: table.id }), label: `delete table ${table.name}` };
    case 8: {
      if (!table) break;
      const cols = table.columnIds.slice(0, 2);
      if (index && r() < 0.5)
        return { design: deleteIndex(d, { indexId: index.id }), label: `delete index ${index.name}` };
      return {
        design: addIndex(d, {
          tableId: table.id,
          columnIds: cols,
          unique: r() < 0.3,
          name: `${d.module.id}_${table.name}_ix_${serial}`,
        }),
        label: 'add index',
      };
    }
    case 9: {
      const to = pick(r, tables);
      if (!table || !to) break;
      return {
        design: connectTables(d, {
          fromTableId: table.id,
          toTableId: to.id,
          name: `ref_${serial}_id`,
          onDelete: pick(r, actions) ?? null,
        }),
        label: `connect ${table.name} → ${to.name}`,
      };
    }
    case 10:
      if (!relation) break;
      if (r() < 0.3) return { design: disconnect(d, { relationId: relation.id }), label: 'disconnect' };
      return {
        design: updateRelation(d, {
          relationId: relation.id,
          onDelete:
            pick(
              r,
              actions.filter((a) => a !== relation.onDelete),
            ) ?? null,
          logical: r() < 0.2 ? !relation.logical : relation.logical,
        }),
        label: 'change relation',
      };
    case 11: {
      const e = pick(r, Object.values(d.enums));
      if (!e) break;
      return { design: addEnumMember(d, { enumId: e.id, value: `v_${serial}` }), label: `add value to ${e.name}` };
    }
  }
  return { design: d, label: 'no edit' };
}
