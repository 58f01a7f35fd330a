/**
 * The history against its last snapshot: what the migrations build must be what `drizzle/meta`'s last snapshot
 * says, because drizzle-kit's next migration is the difference between the schema file and that snapshot. A
 * snapshot older than the last migration (hand-written migrations without snapshots) is said once, with what it
 * misses, instead of as a difference per column — as a warning: the host applies such a module as it is, and the
 * studio's next migration starts from the schema the migrations build (it replays them), so only someone who runs
 * `drizzle-kit generate` is misled, until a migration the studio writes adds a current snapshot.
 */
import { type SideNames, driftSentence, driftSubject } from './drift-text';
import type { Drift } from './schema-diff';
import type { VerifyFinding } from './types';

export interface SnapshotDriftInput {
  /** From `diffSchemas(history, snapshot)`. */
  drifts: Drift[];
  /** `drizzle/meta/0000_snapshot.json`. */
  file: string;
  /** The snapshot's number (`0000` → 0), or null when its name has none. */
  number: number | null;
  /** The last migration the host runs, with its number. */
  lastMigration: { name: string; version: number } | null;
}

/**
 * Findings for the snapshot comparison: `drift-<kind>` errors, or one `snapshot-outdated` / `snapshot-behind`.
 * @example snapshotDriftFindings({ drifts, file: 'drizzle/meta/0000_snapshot.json', number: 0, lastMigration })
 */
export function snapshotDriftFindings(input: SnapshotDriftInput): VerifyFinding[] {
  const { drifts, file, lastMigration } = input;
  const names: SideNames = { other: file, has: 'has', lacks: 'does not have' };
  const outdated = input.number !== null && lastMigration !== null && lastMigration.version > input.number;
  if (outdated) {
    const behind = `this is the last snapshot, but drizzle/ has migrations up to ${lastMigration.name} after it`;
    if (drifts.length === 0)
      return [
        {
          code: 'snapshot-behind',
          severity: 'info',
          stage: 'snapshot',
          file,
          message: `${behind}; they leave the schema as the snapshot says, so the next generated migration starts from the right schema`,
        },
      ];
    const wanted = `drizzle/meta/${String(lastMigration.version).padStart(4, '0')}_snapshot.json`;
    return [
      {
        code: 'snapshot-outdated',
        severity: 'warning',
        stage: 'snapshot',
        file,
        message:
          `${behind}, and the schema they build differs from it in ${drifts.length} place${drifts.length === 1 ? '' : 's'} (${summary(drifts)}). ` +
          `drizzle-kit generate starts from this snapshot, so it would repeat or undo those changes until there is a snapshot of the schema after ${lastMigration.name} (${wanted}). ` +
          "A warning, not an error: the host applies the migrations as they are, and the studio's next migration starts from the schema they build and writes a current snapshot",
        details: drifts.map((d) => `${d.table}: ${driftSentence(d, names)}`),
      },
    ];
  }
  return drifts.map((d) => {
    const f: VerifyFinding = {
      code: `drift-${d.kind}`,
      // The host runs the migrations as they are, and the studio's next migration starts from what they build: a
      // snapshot that says otherwise misleads only drizzle-kit generate.
      severity: 'warning',
      stage: 'snapshot',
      file,
      table: d.table,
      message: `${driftSentence(d, names)}; drizzle-kit generate starts from the snapshot, not from what the database holds (the studio's next migration starts from what the migrations build)`,
      sides: {
        ...(d.history ? { history: d.history.display } : {}),
        ...(d.other ? { snapshot: d.other.display } : {}),
      },
    };
    if (d.name !== undefined) f.name = d.name;
    return f;
  });
}

/** `MoLOS-X_pages (table), MoLOS-X_notebooks (column archived)`, at most six things. */
function summary(drifts: readonly Drift[]): string {
  const perTable = new Map<string, string[]>();
  for (const d of drifts) {
    const what = d.kind.endsWith('-table') ? 'table' : driftSubject(d);
    perTable.set(d.table, [...(perTable.get(d.table) ?? []), what]);
  }
  const parts = [...perTable].map(([table, what]) => `${table}: ${what.join(', ')}`);
  const shown = parts.slice(0, 6);
  return parts.length > 6 ? `${shown.join('; ')}; and ${parts.length - 6} more tables` : shown.join('; ');
}
