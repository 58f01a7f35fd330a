import type { Design } from '../design';
import type { Target } from './types';

/**
 * The table a target belongs to: the table itself, a column's or index's table, a relation's referencing table;
 * `null` for the module, an enum, or an element that no longer exists.
 * @example tableOfTarget(design, { kind: 'column', id: 'c_items_title' }) // 't_items'
 */
export function tableOfTarget(d: Design, target: Target): string | null {
  switch (target.kind) {
    case 'module':
    case 'enum':
      return null;
    case 'table':
      return Object.hasOwn(d.tables, target.id) ? target.id : null;
    case 'column':
      return (Object.hasOwn(d.columns, target.id) && d.columns[target.id]?.tableId) || null;
    case 'index':
      return (Object.hasOwn(d.indexes, target.id) && d.indexes[target.id]?.tableId) || null;
    case 'relation': {
      const r = Object.hasOwn(d.relations, target.id) ? d.relations[target.id] : undefined;
      return (r && d.columns[r.fromColumnId]?.tableId) || null;
    }
  }
}
