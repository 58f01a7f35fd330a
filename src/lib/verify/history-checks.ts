/**
 * Checks of the history on its own: the journal against the files (the host applies files, drizzle's migrator
 * follows the journal), the host's replay of each file, and the safety analysis of each migration.
 */
import type { TargetHost } from '../core/design';
import type { ApplyResult, MigrationFile } from '../sql/host-runner';
import { migrationVersion, nameProblem } from '../sql/host-files';
import type { MigrationFolder } from '../sql/next-migration';
import { analyzeMigration, safetyMessage } from '../sql/safety';
import type { VerifyFinding } from './types';

const JOURNAL = 'drizzle/meta/_journal.json';

/**
 * Journal problems: an entry without its file, a file without entry, `when` not increasing, no journal at all.
 * @example journalFindings(folder) // [{ code: 'journal-no-entry', file: 'drizzle/0001_orphan.sql', … }]
 */
export function journalFindings(folder: MigrationFolder): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  const error = (code: string, file: string, message: string) =>
    out.push({ code, severity: 'error', stage: 'journal', file, message });
  if (!folder.journal) {
    error(
      'journal-missing',
      JOURNAL,
      `drizzle/ has ${folder.sqlFiles.length} migration(s) but no journal: drizzle's migrator and drizzle-kit need one entry per file`,
    );
    return out;
  }
  const entries = folder.journal.entries;
  entries.forEach((e, i) => {
    if (!folder.sqlFiles.includes(`${e.tag}.sql`))
      error('journal-missing-file', JOURNAL, `entry ${e.idx} names ${e.tag}.sql, which does not exist`);
    const prev = entries[i - 1];
    if (prev && e.when <= prev.when)
      error('journal-order', JOURNAL, `"when" of ${e.tag} is not later than ${prev.tag}'s`);
  });
  const tags = new Set(entries.map((e) => e.tag));
  for (const f of folder.sqlFiles.filter((x) => !x.endsWith('.down.sql'))) {
    if (!tags.has(f.slice(0, -4))) error('journal-no-entry', `drizzle/${f}`, `drizzle/${f} has no journal entry`);
  }
  return out;
}

/**
 * What the host's replay says about each file: failures (errors), skipped files and statements it skipped as
 * "already applied" (warnings: on a fresh database they mean the history does something twice).
 * @example replayFindings(applyMigrations(SQL, files)) // [{ code: 'migration-failed', file: 'drizzle/0002_x.sql', … }]
 */
export function replayFindings(result: Omit<ApplyResult, 'db'>): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  for (const f of result.files) {
    const file = `drizzle/${f.name}`;
    if (f.status === 'skipped') {
      out.push({ code: 'migration-skipped', severity: 'warning', stage: 'replay', file, message: f.message });
    } else if (f.status === 'failed') {
      const finding: VerifyFinding = {
        code: 'migration-failed',
        severity: 'error',
        stage: 'replay',
        file,
        message: f.message,
      };
      if (f.reason === 'sql-error') {
        finding.message = `the host fails on it: ${f.message} (statement: ${oneLine(f.statement)}); the file is rolled back`;
      }
      out.push(finding);
    }
    for (const t of f.tolerated) {
      out.push({
        code: 'statement-tolerated',
        severity: 'warning',
        stage: 'replay',
        file,
        message: `statement ${t.index + 1} fails on a fresh database (${t.message}); the host takes that for "already applied" and goes on (statement: ${oneLine(t.statement)})`,
      });
    }
  }
  return out;
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * The safety analysis of every migration the host runs, knowing the snapshot before it when there is one.
 * `host` is the host the module must run on (the older host's checker findings only for `older`).
 * @example safetyFindings(history, folder, 'MoLOS-Tasks', 'older')
 */
export function safetyFindings(
  history: readonly MigrationFile[],
  folder: MigrationFolder,
  moduleId: string,
  host?: TargetHost,
): VerifyFinding[] {
  const out: VerifyFinding[] = [];
  const byName = new Map(history.map((f) => [f.name, f]));
  // In journal order, as drizzle-kit wrote them; files without an entry follow in name order.
  const names = [
    ...(folder.journal?.entries ?? []).map((e) => `${e.tag}.sql`).filter((n) => byName.has(n)),
    ...history.map((f) => f.name).filter((n) => !folder.journal?.entries.some((e) => `${e.tag}.sql` === n)),
  ];
  for (const name of names) {
    const file = byName.get(name);
    if (!file || nameProblem(name) === 'down-file') continue;
    const version = migrationVersion(name);
    const before =
      version === null ? undefined : folder.snapshots[`${String(version - 1).padStart(4, '0')}_snapshot.json`];
    for (const finding of analyzeMigration({ name, sql: file.sql, moduleId, host }, before)) {
      const f: VerifyFinding = {
        code: finding.code,
        severity: finding.severity,
        stage: 'safety',
        file: `drizzle/${name}`,
        message: safetyMessage(finding),
      };
      if (finding.chunk !== null) f.chunk = finding.chunk;
      out.push(f);
    }
  }
  return out;
}
