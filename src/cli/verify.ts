/**
 * `molos-schema verify <module-dir>`: replays the module's migrations on sql.js exactly as the MoLOS host does,
 * checks the journal against the files, compares the resulting schema with a fresh database built from the last
 * snapshot, and runs the safety analysis on every migration. Exit 1 when anything is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { parse as parseYaml } from 'yaml';
import { createStatements, joinStatements } from '../lib/sql/create-sql';
import { applyMigrations } from '../lib/sql/host-runner';
import { previousSnapshot } from '../lib/sql/next-migration';
import { analyzeMigration } from '../lib/sql/safety';
import { compareSchemas, readSchema } from '../lib/sql/schema-report';
import type { Snapshot } from '../lib/sql/snapshot-types';
import { CliError, type CliIo } from './io';
import { readMigrationFolder, readSqlFiles } from './module-folder';
import { formatFinding } from './safety-report';

function moduleIdOf(dir: string, last: Snapshot | undefined): string {
  const manifest = join(dir, 'manifest.yaml');
  if (existsSync(manifest)) {
    try {
      const id = (parseYaml(readFileSync(manifest, 'utf8')) as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id) return id;
    } catch {
      // A broken manifest is not this command's business; fall back to the table prefix.
    }
  }
  const first = Object.keys(last?.tables ?? {})[0];
  return first?.includes('_') ? first.slice(0, first.indexOf('_')) : '';
}

export async function verify(io: CliIo, moduleDir: string): Promise<number> {
  const dir = resolve(io.cwd, moduleDir);
  if (!existsSync(dir)) throw new CliError(`cannot read ${moduleDir}: no such folder`);
  const folder = readMigrationFolder(dir);
  if (!folder.journal)
    throw new CliError(`${moduleDir} has no drizzle/meta/_journal.json: there are no migrations to verify`);
  const last = previousSnapshot(folder);
  const moduleId = moduleIdOf(dir, last?.snapshot);
  let errors = 0;
  let warnings = 0;
  const error = (text: string) => {
    errors++;
    io.stdout(`error   ${text}\n`);
  };

  // The journal and the files must agree: the host applies files, drizzle's migrator follows the journal.
  const entries = folder.journal.entries;
  const tags = new Set(entries.map((e) => e.tag));
  entries.forEach((e, i) => {
    if (!folder.sqlFiles.includes(`${e.tag}.sql`))
      error(
        `journal                      drizzle/meta/_journal.json: entry ${e.idx} names ${e.tag}.sql, which does not exist`,
      );
    const prev = entries[i - 1];
    if (prev && e.when <= prev.when)
      error(
        `journal                      drizzle/meta/_journal.json: "when" of ${e.tag} is not later than ${prev.tag}'s`,
      );
  });
  for (const f of folder.sqlFiles.filter((x) => !x.endsWith('.down.sql'))) {
    if (!tags.has(f.slice(0, -4))) error(`journal                      drizzle/${f} has no journal entry`);
  }

  // Replay as the host does.
  const SQL = await initSqlJs();
  const files = readSqlFiles(dir, folder.sqlFiles);
  const result = applyMigrations(SQL, files, { module: moduleId || 'module' });
  for (const f of result.files) {
    if (f.status === 'applied')
      io.stdout(`applied ${f.name} (${f.statements} statement${f.statements === 1 ? '' : 's'})\n`);
    else if (f.status === 'skipped') {
      warnings++;
      io.stdout(`warning skipped                      ${f.name}: ${f.message}\n`);
    } else error(`${'failed'.padEnd(28)} ${f.name}: ${f.message}`);
  }

  // Drift: what the migrations build must equal a fresh database of the last snapshot.
  if (result.ok && last) {
    const expected = new SQL.Database();
    applyMigrations(expected, [{ name: '0000_expected.sql', sql: joinStatements(createStatements(last.snapshot)) }]);
    for (const d of compareSchemas(readSchema(expected), readSchema(result.db))) {
      error(`${`drift-${d.kind}`.padEnd(28)} ${d.table}: ${d.detail}`);
    }
    expected.close();
  }
  result.db.close();

  // Safety of each migration, knowing the schema before it.
  for (const e of entries) {
    const file = files.find((f) => f.name === `${e.tag}.sql`);
    if (!file) continue;
    const before = folder.snapshots[`${String(e.idx - 1).padStart(4, '0')}_snapshot.json`];
    for (const finding of analyzeMigration({ name: file.name, sql: file.sql, moduleId }, before)) {
      if (finding.severity === 'error') errors++;
      if (finding.severity === 'warning') warnings++;
      io.stdout(`${formatFinding(`drizzle/${file.name}`, finding)}\n`);
    }
  }
  io.stdout(`${moduleId || moduleDir}: ${entries.length} migration(s); ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}
