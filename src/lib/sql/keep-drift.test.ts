import { describe, expect, it } from 'vitest';
import { NO_RENAMES } from './diff/differ';
import { keepDrift } from './keep-drift';
import { EMPTY_SNAPSHOT, type Snapshot, type SnapshotColumn, type SnapshotTable } from './snapshot-types';

const col = (name: string, extra: Partial<SnapshotColumn> = {}): SnapshotColumn => ({
  name,
  type: 'text',
  primaryKey: false,
  notNull: false,
  autoincrement: false,
  ...extra,
});

function table(name: string, columns: SnapshotColumn[], extra: Partial<SnapshotTable> = {}): SnapshotTable {
  return {
    name,
    columns: Object.fromEntries(columns.map((c) => [c.name, c])),
    indexes: {},
    foreignKeys: {},
    compositePrimaryKeys: {},
    uniqueConstraints: {},
    checkConstraints: {},
    ...extra,
  };
}

const snap = (...tables: SnapshotTable[]): Snapshot => ({
  ...EMPTY_SNAPSHOT,
  tables: Object.fromEntries(tables.map((t) => [t.name, t])),
});

const idx = (name: string, columns: string[]) => ({ name, columns, isUnique: false });

describe('keepDrift', () => {
  // The database: notes NOT NULL, an index and a table the code never declared.
  const history = snap(
    table(
      'm_items',
      [
        col('id', { primaryKey: true, notNull: true }),
        col('notes', { notNull: true }),
        col('role', { type: "text CHECK(role IN ('a', 'b'))" }),
      ],
      {
        indexes: { m_items_notes_idx: idx('m_items_notes_idx', ['notes']) },
      },
    ),
    table('m_legacy', [col('id', { primaryKey: true, notNull: true })]),
  );
  // The code: notes nullable, no index, no legacy table; role in the { enum } form (plain text in drizzle).
  const code = snap(table('m_items', [col('id', { primaryKey: true, notNull: true }), col('notes'), col('role')]));

  it('keeps what the design did not change as the database has it, and what only the database has', () => {
    const design = snap(
      table('m_items', [col('id', { primaryKey: true, notNull: true }), col('notes'), col('role'), col('extra')]),
    );
    const out = keepDrift(history, code, design, NO_RENAMES);
    expect(out.tables.m_items?.columns.notes).toEqual(col('notes', { notNull: true }));
    expect(out.tables.m_items?.columns.role?.type).toBe("text CHECK(role IN ('a', 'b'))");
    expect(out.tables.m_items?.columns.extra).toEqual(col('extra'));
    expect(out.tables.m_items?.indexes).toEqual({ m_items_notes_idx: idx('m_items_notes_idx', ['notes']) });
    expect(Object.keys(out.tables).sort()).toEqual(['m_items', 'm_legacy']);
  });

  it('writes what the design changed, and drops what the design deleted from the code', () => {
    const design = snap(
      table('m_items', [col('id', { primaryKey: true, notNull: true }), col('notes', { default: "''" })]),
    );
    const out = keepDrift(history, code, design, NO_RENAMES);
    expect(out.tables.m_items?.columns.notes).toEqual(col('notes', { default: "''" }));
    expect(out.tables.m_items?.columns.role).toBeUndefined();
    // The index only the database has names notes, which is still there: it stays.
    expect(Object.keys(out.tables.m_items?.indexes ?? {})).toEqual(['m_items_notes_idx']);
  });

  it('gives a database CHECK of an { enum } column the design’s values', () => {
    const design = snap(table('m_items', [col('id', { primaryKey: true, notNull: true }), col('notes'), col('role')]));
    const values = new Map([['m_items', new Map([['role', ['a', 'b', "it's"]]])]]);
    const out = keepDrift(history, code, design, NO_RENAMES, values);
    expect(out.tables.m_items?.columns.role?.type).toBe("text CHECK(role IN ('a', 'b', 'it''s'))");
  });
});
