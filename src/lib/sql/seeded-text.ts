/**
 * The words for what a dry run seeded, shared by the CLI and the page. Apart from dry-run.ts so the page can show
 * them without bundling the runner (which only runs in the SQL worker).
 */
import type { SeededSummary } from './dry-run';

/**
 * One short line saying what the dry run seeded, for the CLI and the page.
 * @example
 * seededText(run.seeded); // 'seeded 9 sample rows in 3 tables; from the design: enum values in tasks.status; references in tasks.project_id'
 */
export function seededText(seeded: SeededSummary | undefined): string | null {
  if (!seeded) return null;
  const n = seeded.tables.length;
  const head = `seeded ${seeded.rows} sample row${seeded.rows === 1 ? '' : 's'} in ${n} table${n === 1 ? '' : 's'}`;
  const list = (pick: (t: SeededSummary['tables'][number]) => string[]) =>
    seeded.tables.flatMap((t) => pick(t).map((c) => `${t.table}.${c}`)).join(', ');
  const parts = [
    list((t) => t.enumColumns) && `enum values in ${list((t) => t.enumColumns)}`,
    list((t) => t.referenceColumns) && `references in ${list((t) => t.referenceColumns)}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${head}; from the design: ${parts.join('; ')}` : head;
}
