import { describe, expect, it } from 'vitest';
import type { DryRun } from '$lib/sql/dry-run';
import type { TableRowsReport } from '$lib/sql/row-compare';
import type { ColumnReport } from '$lib/sql/schema-report';
import type { FindingView } from '$lib/worker/sql-preview-protocol';
import {
  columnFlags,
  dryRunVerdict,
  findingsSummary,
  foreignKeyText,
  indexText,
  notableTables,
  rowsText,
  sentence,
  sortFindings,
  splitPrefix,
  sqlValueText,
  statementHead,
} from './format';

const column = (patch: Partial<ColumnReport>): ColumnReport => ({
  name: 'id',
  type: 'TEXT',
  notNull: false,
  default: null,
  primaryKey: 0,
  generated: null,
  ...patch,
});
const finding = (severity: FindingView['severity'], message: string): FindingView => ({
  code: 'drop-table',
  severity,
  message,
  chunk: 1,
  statement: null,
});
const table = (patch: Partial<TableRowsReport>): TableRowsReport => ({
  table: 't',
  status: 'kept',
  before: 3,
  after: 3,
  lost: 0,
  added: 0,
  changed: 0,
  lostExamples: [],
  changedExamples: [],
  ...patch,
});
const run = (patch: Partial<DryRun>): DryRun => ({
  ok: true,
  rows: { tables: [], lost: 0, changed: 0 },
  drift: [],
  ...patch,
});

describe('preview formatting', () => {
  it('writes messages as sentences', () => {
    expect(sentence('the worker failed: boom')).toBe('The worker failed: boom.');
    expect(sentence('Done.')).toBe('Done.');
    expect(sentence('')).toBe('');
  });

  it('splits the module prefix off a table name', () => {
    expect(splitPrefix('MoLOS-Example_items', 'MoLOS-Example')).toEqual({ prefix: 'MoLOS-Example_', rest: 'items' });
    expect(splitPrefix('user', 'MoLOS-Example')).toEqual({ prefix: '', rest: 'user' });
  });

  it('lists column flags, numbering the parts of a composite key', () => {
    expect(columnFlags(column({ primaryKey: 1, notNull: true }), 1)).toEqual(['PK', 'NOT NULL']);
    expect(columnFlags(column({ primaryKey: 2 }), 2)).toEqual(['PK 2']);
    expect(columnFlags(column({ generated: 'stored' }), 0)).toEqual(['GENERATED STORED']);
    expect(columnFlags(column({}), 0)).toEqual([]);
  });

  it('describes indexes and foreign keys briefly', () => {
    expect(indexText({ name: 'i', unique: true, columns: ['a', 'b'], partial: false, where: null })).toBe(
      'UNIQUE (a, b)',
    );
    expect(indexText({ name: 'i', unique: false, columns: ['a'], partial: true, where: 'a > 0' })).toBe(
      '(a) WHERE a > 0',
    );
    const fk = { from: ['task_id'], table: 'T_tasks', to: ['id'], onUpdate: 'NO ACTION', onDelete: 'CASCADE' };
    expect(foreignKeyText(fk)).toBe('task_id → T_tasks(id) · on delete cascade');
    expect(foreignKeyText({ ...fk, onDelete: 'NO ACTION' })).toBe('task_id → T_tasks(id)');
  });

  it('orders and counts findings', () => {
    const list = [finding('info', 'i'), finding('warning', 'w'), finding('error', 'e1'), finding('error', 'e2')];
    expect(sortFindings(list).map((f) => f.message)).toEqual(['e1', 'e2', 'w', 'i']);
    expect(findingsSummary(list)).toBe('2 errors · 1 warning · 1 note');
    expect(findingsSummary([])).toBeNull();
  });

  it('shortens statements and writes sample values as SQL', () => {
    expect(statementHead('CREATE TABLE `x` (\n  `id` text\n);')).toBe('CREATE TABLE `x` (');
    expect(statementHead('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(sqlValueText("it's")).toBe("'it''s'");
    expect(sqlValueText(null)).toBe('NULL');
    expect(sqlValueText(undefined)).toBe('(new column)');
    expect(sqlValueText(new Uint8Array([10, 27]))).toBe("x'0a1b'");
    expect(sqlValueText(4.5)).toBe('4.5');
  });

  it('gives a dry run verdict', () => {
    expect(dryRunVerdict(run({})).severity).toBe('ok');
    expect(dryRunVerdict(run({ ok: false, error: 'NOT NULL constraint failed: t.x' }))).toEqual({
      severity: 'error',
      text: 'The migration fails on sample data: NOT NULL constraint failed: t.x',
    });
    expect(dryRunVerdict(run({ rows: { tables: [], lost: 3, changed: 1 } })).text).toBe(
      'On sample data: 3 rows lost, 1 row changed.',
    );
    expect(dryRunVerdict(run({ historyError: '0000_baseline.sql: boom' })).text).toContain('could not be tried');
  });

  it('keeps the tables worth mentioning and describes their rows', () => {
    const lost = table({ table: 'a', after: 0, lost: 3 });
    const changed = table({
      table: 'b',
      changed: 1,
      changedExamples: [{ key: '["b-1"]', column: 'status', before: 'a', after: 'b' }],
    });
    const quiet = table({ table: 'c' });
    const created = table({ table: 'd', status: 'new', before: 0 });
    expect(notableTables(run({ rows: { tables: [lost, changed, quiet, created], lost: 3, changed: 1 } }))).toEqual([
      lost,
      changed,
      created,
    ]);
    expect(rowsText(lost)).toBe('3 → 0 rows (3 lost)');
    expect(rowsText(changed)).toBe("3 → 3 rows (1 changed; e.g. status: 'a' → 'b')");
    expect(rowsText(quiet)).toBe('3 → 3 rows');
  });
});
