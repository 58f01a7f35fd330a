import { describe, expect, it } from 'vitest';
import type { DryRun } from '../lib/sql/dry-run';
import { dryRunLines } from './dry-run-report';

const run = (patch: Partial<DryRun>): DryRun => ({
  ok: true,
  rows: { tables: [], lost: 0, changed: 0 },
  drift: [],
  seeded: {
    rows: 6,
    tables: [
      { table: 'MoLOS-T_projects', rows: 3, enumColumns: [], referenceColumns: [] },
      { table: 'MoLOS-T_tasks', rows: 3, enumColumns: ['status'], referenceColumns: ['project_id'] },
    ],
  },
  ...patch,
});

describe('dryRunLines', () => {
  it('ends with one line of what was seeded, naming the columns the design decided', () => {
    expect(dryRunLines(run({}))).toEqual([
      'dry run on sample data: no rows lost or changed, schema as designed',
      'dry run: seeded 6 sample rows in 2 tables; from the design: enum values in MoLOS-T_tasks.status; references in MoLOS-T_tasks.project_id',
    ]);
  });

  it('says what the host skips as already applied, and a failure', () => {
    const lines = dryRunLines(
      run({
        ok: false,
        error: 'no such column: "b" - should this be a string literal in single-quotes?',
        tolerated: [{ index: 0, message: 'table `t` already exists', statement: 'CREATE TABLE `t` (x int);' }],
        seeded: { rows: 3, tables: [{ table: 't', rows: 3, enumColumns: [], referenceColumns: [] }] },
      }),
    );
    expect(lines).toEqual([
      'dry run: the migration fails on sample data: no such column: "b" - should this be a string literal in single-quotes?',
      'dry run: the host skips statement 1 as already applied (table `t` already exists)',
      'dry run: seeded 3 sample rows in 1 table',
    ]);
  });
});
