/**
 * Migration benchmarks on a 300-table design: 20 successive migrations (random single edits, each one the
 * module's next migration), then the whole history replayed on sql.js the way the MoLOS host runs it.
 */
import { performance } from 'node:perf_hooks';
import initSqlJs from 'sql.js';
import type { Design } from '../src/lib/core/design';
import { parseJournal, parseSnapshot } from '../src/lib/sql/folder-format';
import { applyMigrations } from '../src/lib/sql/host-runner';
import { EMPTY_FOLDER, type MigrationFolder, nextMigration } from '../src/lib/sql/next-migration';
import { safeVariant } from '../src/lib/sql/safe-variant';
import { analyzeMigration } from '../src/lib/sql/safety';
import { randomEdit, rng } from '../src/testing/random-edits';

function addFiles(folder: MigrationFolder, files: { path: string; content: string }[]): MigrationFolder {
  const next: MigrationFolder = {
    journal: folder.journal,
    snapshots: { ...folder.snapshots },
    sqlFiles: [...folder.sqlFiles],
  };
  for (const f of files) {
    if (f.path.endsWith('_journal.json')) next.journal = parseJournal(f.path, f.content);
    else if (f.path.endsWith('.json'))
      next.snapshots[f.path.slice('drizzle/meta/'.length)] = parseSnapshot(f.path, f.content);
    else next.sqlFiles.push(f.path.slice('drizzle/'.length));
  }
  return next;
}

export async function migrationBench(design0: Design, row: (label: string, ms: number[]) => void): Promise<void> {
  let folder = EMPTY_FOLDER;
  const files: { name: string; sql: string }[] = [];
  const r = rng(42);
  let design = design0;
  const nextTimes: number[] = [];
  const safeTimes: number[] = [];
  const analyzeTimes: number[] = [];
  let serial = 0;
  while (files.length < 21) {
    const edited = files.length === 0 ? design : randomEdit(design, r, ++serial).design;
    const t0 = performance.now();
    const m = nextMigration(edited, folder, { now: files.length + 1 });
    const t1 = performance.now();
    if (m.kind === 'unchanged') continue;
    nextTimes.push(t1 - t0);
    const s0 = performance.now();
    const safe = safeVariant(m);
    safeTimes.push(performance.now() - s0);
    const a0 = performance.now();
    analyzeMigration({ name: `${m.tag}.sql`, sql: m.sql, moduleId: design.module.id }, m.before);
    analyzeTimes.push(performance.now() - a0);
    folder = addFiles(folder, m.files);
    // Replay what an author would ship: drizzle-kit's own SQL fails on hyphenated ADD … REFERENCES (B8).
    files.push({ name: `${m.tag}.sql`, sql: safe.sql });
    design = { ...edited, baseline: m.baseline };
  }
  row('first migration (0000, 300 tables)', nextTimes.slice(0, 1));
  row('next migration (each of 20)', nextTimes.slice(1));
  row('MoLOS-safe variant (each of 20)', safeTimes.slice(1));
  row('safety analysis (each of 20)', analyzeTimes.slice(1));
  const SQL = await initSqlJs();
  const replays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const result = applyMigrations(SQL, files);
    replays.push(performance.now() - t0);
    if (!result.ok)
      throw new Error(`replay failed: ${JSON.stringify(result.files.find((f) => f.status === 'failed'))}`);
    result.db.close();
  }
  row('sql.js replay of 21 migrations (safe variants, host mode)', replays);
}
