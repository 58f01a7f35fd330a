/** What the CLI prints about the dry run of a new migration. */
import type { DryRun } from '../lib/sql/dry-run';
import { seededText } from '../lib/sql/seeded-text';

/**
 * Lines describing a dry run: failures, drift, each table that lost or changed rows, what the host would skip as
 * "already applied", and last one line of what was seeded.
 */
export function dryRunLines(run: DryRun): string[] {
  if (run.historyError)
    return [`dry run: the existing migrations do not replay (${run.historyError}); the new one was not tried`];
  const lines: string[] = [];
  if (!run.ok) lines.push(`dry run: the migration fails on sample data: ${run.error}`);
  for (const t of run.tolerated ?? [])
    lines.push(`dry run: the host skips statement ${t.index + 1} as already applied (${t.message})`);
  for (const d of run.drift) lines.push(`dry run: schema drift in ${d.table}: ${d.detail}`);
  for (const t of run.rows.tables) {
    if (t.lost > 0) lines.push(`dry run: ${t.table} lost ${t.lost} of ${t.before} sample rows`);
    for (const c of t.droppedColumns ?? [])
      if (c.values > 0) lines.push(`dry run: ${t.table}.${c.column} is dropped with ${c.values} sample values`);
    if (t.changed > 0) {
      const ex = t.changedExamples[0];
      const example = ex
        ? ` (e.g. ${ex.column}: ${JSON.stringify(ex.before ?? null)} → ${JSON.stringify(ex.after)})`
        : '';
      lines.push(`dry run: ${t.table} had ${t.changed} sample rows changed${example}`);
    }
  }
  if (lines.length === 0) lines.push('dry run on sample data: no rows lost or changed, schema as designed');
  const filled = run.rows.tables.filter((t) => (t.filled ?? 0) > 0);
  for (const t of filled)
    lines.push(
      `dry run: ${t.table}: ${t.filled} sample row${t.filled === 1 ? '' : 's'} had NULL copied as the default`,
    );
  const seeded = seededText(run.seeded);
  if (seeded) lines.push(`dry run: ${seeded}`);
  return lines;
}
