/**
 * Turns the workers' reports (schema as SQLite reports it, safety findings, dry runs) into the short strings and
 * groupings the preview panel shows. Plain functions, so the wording is tested without a browser.
 */
import type { DryRun } from '$lib/sql/dry-run';
import type { RowChange, TableRowsReport } from '$lib/sql/row-compare';
import type { SafetySeverity } from '$lib/sql/safety/types';
import type { ColumnReport, ForeignKeyReport, IndexReport } from '$lib/sql/schema-report';
import type { FindingView } from '$lib/worker/sql-preview-protocol';

/** A message as a sentence: capital first letter, full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return t[0]!.toUpperCase() + t.slice(1) + (/[.!?)]$/.test(t) ? '' : '.');
}

/** `MoLOS-Example_items` → prefix `MoLOS-Example_` (shown quieter) and `items`. */
export function splitPrefix(table: string, moduleId: string): { prefix: string; rest: string } {
  const prefix = `${moduleId}_`;
  return table.startsWith(prefix) && table.length > prefix.length
    ? { prefix, rest: table.slice(prefix.length) }
    : { prefix: '', rest: table };
}

/** The badges of a column: `PK`, `NOT NULL`, `GENERATED …` (the type and default are shown apart). */
export function columnFlags(column: ColumnReport, primaryKeySize: number): string[] {
  const flags: string[] = [];
  if (column.primaryKey > 0) flags.push(primaryKeySize > 1 ? `PK ${column.primaryKey}` : 'PK');
  if (column.notNull) flags.push('NOT NULL');
  if (column.generated) flags.push(`GENERATED ${column.generated.toUpperCase()}`);
  return flags;
}

/** `UNIQUE (a, b)`, `(a) WHERE …`. */
export function indexText(index: IndexReport): string {
  const where = index.partial ? ` WHERE ${index.where ?? '…'}` : '';
  return `${index.unique ? 'UNIQUE ' : ''}(${index.columns.join(', ')})${where}`;
}

/** `task_id → MoLOS-Tasks_tasks(id)`, with the actions that are not the default `NO ACTION`. */
export function foreignKeyText(fk: ForeignKeyReport): string {
  const actions = [
    fk.onUpdate.toUpperCase() !== 'NO ACTION' ? `on update ${fk.onUpdate.toLowerCase()}` : '',
    fk.onDelete.toUpperCase() !== 'NO ACTION' ? `on delete ${fk.onDelete.toLowerCase()}` : '',
  ].filter(Boolean);
  const target = `${fk.table}(${fk.to.join(', ')})`;
  return `${fk.from.join(', ')} → ${target}${actions.length ? ` · ${actions.join(', ')}` : ''}`;
}

const SEVERITY_ORDER: Record<SafetySeverity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; the analyzer's order (by statement) inside each group. */
export function sortFindings(findings: readonly FindingView[]): FindingView[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** `2 errors · 1 warning`, or null when there is nothing. */
export function findingsSummary(findings: readonly FindingView[]): string | null {
  const count = (s: SafetySeverity) => findings.filter((f) => f.severity === s).length;
  const parts = [
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    plural(count('info'), 'note'),
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : null;
}

function plural(n: number, word: string): string | null {
  return n === 0 ? null : `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The first line of a statement, shortened: enough to recognise it next to a finding. */
export function statementHead(statement: string, max = 90): string {
  const line = statement.split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A sample value as SQL shows it: `'text'`, `42`, `NULL`, `x'0a1b'`. */
export function sqlValueText(value: RowChange['before']): string {
  if (value === undefined) return '(new column)';
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) return `x'${[...value].map((b) => b.toString(16).padStart(2, '0')).join('')}'`;
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return String(value);
}

/** The verdict line of a dry run, and whether it is bad news. */
export function dryRunVerdict(run: DryRun): { severity: 'ok' | 'error'; text: string } {
  if (run.historyError) {
    return {
      severity: 'error',
      text: `The exported schema does not build (${run.historyError}), so the migration could not be tried.`,
    };
  }
  if (!run.ok)
    return { severity: 'error', text: `The migration fails on sample data: ${run.error ?? 'unknown error'}` };
  const problems = [
    run.rows.lost ? plural(run.rows.lost, 'row') + ' lost' : null,
    run.rows.changed ? plural(run.rows.changed, 'row') + ' changed' : null,
    run.drift.length ? plural(run.drift.length, 'schema difference') : null,
  ].filter((p): p is string => p !== null);
  return problems.length
    ? { severity: 'error', text: `On sample data: ${problems.join(', ')}.` }
    : { severity: 'ok', text: 'On sample data: no rows lost or changed, and the schema matches a fresh 0000.' };
}

/** The tables a dry run has something to say about: lost or changed rows, dropped, new or renamed. */
export function notableTables(run: DryRun): TableRowsReport[] {
  return run.rows.tables.filter((t) => t.lost > 0 || t.changed > 0 || t.status !== 'kept' || t.renamedFrom);
}

/** `3 → 0 rows (3 lost)`, `3 → 3 rows (1 changed: status 'a' → 'b')`. */
export function rowsText(t: TableRowsReport): string {
  const counts = `${t.before} → ${t.after} rows`;
  const notes = [t.lost ? `${t.lost} lost` : '', t.changed ? `${t.changed} changed` : ''].filter(Boolean);
  const example = t.changedExamples[0];
  const change = example
    ? `; e.g. ${example.column}: ${sqlValueText(example.before)} → ${sqlValueText(example.after)}`
    : '';
  return `${counts}${notes.length ? ` (${notes.join(', ')}${change})` : ''}`;
}
