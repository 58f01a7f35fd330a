/**
 * Designs written directly, without the operations (which copy the design per step): for the scale tests and the
 * bench, where 5,000 tables must take milliseconds to build.
 */
import type { Column } from '../lib/core/design';

/**
 * A plain nullable text column; `rest` sets anything else (the key is the name unless given).
 * @example rawColumn('c1', 't1', 'id', { primaryKey: true })
 */
export function rawColumn(id: string, tableId: string, name: string, rest: Partial<Column> = {}): Column {
  return {
    id,
    tableId,
    name,
    key: name,
    type: 'text',
    mode: null,
    enumId: null,
    notNull: false,
    primaryKey: false,
    unique: false,
    default: null,
    comment: '',
    ...rest,
  };
}
