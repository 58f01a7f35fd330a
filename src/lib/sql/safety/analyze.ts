/**
 * The host-safety analyzer: checks a migration's SQL against how the MoLOS host applies it (the statements it
 * actually runs, cut as host-files.ts cuts them; one transaction per file with foreign keys ON; the older host's
 * statement checker), against drizzle's migrator that module tests use (one statement per chunk), and against
 * drizzle-kit's known hazards (see /work/shared/drizzle-kit-sqlite.md §12).
 */
import type { Snapshot } from '../snapshot-types';
import { checkAddColumn, checkDropColumn, checkDropTable } from './alter-checks';
import { classifyStatement } from './classify';
import { checkChunks, checkFileName } from './file-checks';
import { checkPrefixes, checkStatement, type LocatedStatement } from './host-checks';
import { applyStatement, createModel } from './model';
import { checkRebuildCopy, checkRebuildDrop, checkRebuildRename, checkRebuildStart } from './rebuild-checks';
import { findRebuilds, type Rebuild } from './rebuilds';
import { splitMigration, type MigrationChunk } from './split';
import { type MigrationInput, OLDER_HOST_CODES, type SafetyFinding } from './types';

/** Every statement of the file, classified, with its chunk. */
function locate(chunks: readonly MigrationChunk[]): LocatedStatement[] {
  return chunks.flatMap((c) =>
    c.statements.map((s) => ({
      chunk: c.index,
      text: s.text,
      tokens: s.tokens,
      info: classifyStatement(s.text, s.tokens),
    })),
  );
}

const isFkOff = (s: LocatedStatement) =>
  s.info.kind === 'pragma' && s.info.name === 'foreign_keys' && /^(off|0|false|no)$/i.test(s.info.value ?? '');

/** Walks the statements in order with the schema model, running the checks that depend on the schema. */
function schemaChecks(statements: readonly LocatedStatement[], before: Snapshot | undefined): SafetyFinding[] {
  const out: SafetyFinding[] = [];
  const model = createModel(before);
  const rebuilds = findRebuilds(statements);
  const role = new Map<number, { r: Rebuild; step: 'create' | 'insert' | 'drop' | 'rename' }>();
  for (const r of rebuilds) {
    role.set(r.create, { r, step: 'create' });
    if (r.insert !== null) role.set(r.insert, { r, step: 'insert' });
    role.set(r.drop, { r, step: 'drop' });
    role.set(r.rename, { r, step: 'rename' });
  }
  let fkOff = false;
  let pragmaRebuildSeen = false;
  statements.forEach((s, i) => {
    const step = role.get(i);
    const info = s.info;
    if (step?.step === 'create') {
      out.push(...checkRebuildStart(step.r, s, model, pragmaRebuildSeen));
      if (step.r.pragmaOff) pragmaRebuildSeen = true;
    } else if (step?.step === 'insert') out.push(...checkRebuildCopy(step.r, s, model));
    else if (step?.step === 'drop') out.push(...checkRebuildDrop(step.r, s, model));
    else if (step?.step === 'rename') out.push(...checkRebuildRename(step.r, s, model));
    else if (info.kind === 'drop-table') {
      const pragmaOffFollows = statements.slice(i + 1).some(isFkOff);
      out.push(...checkDropTable(s, model, pragmaOffFollows, fkOff));
    }
    // Tables with no rows at this point cannot hit the row-dependent ADD failures.
    if (info.kind === 'add-column') out.push(...checkAddColumn(s, model.empty.has(info.table.toLowerCase())));
    if (info.kind === 'drop-column') out.push(...checkDropColumn(s, model));

    if (info.kind === 'pragma' && info.name === 'foreign_keys') fkOff = isFkOff(s);
    applyStatement(model, info);
  });
  return out;
}

/**
 * Analyses one migration file. `before` is the drizzle snapshot of the schema before it (`meta/NNNN_snapshot.json`
 * of the previous migration), when known: it tells which tables reference a rebuilt or dropped table and which
 * columns existed. Without it, only what the file itself shows is checked. Findings are ordered by chunk.
 * The older host's statement-checker findings (an unprefixed table name, ON UPDATE, PRAGMA, INSERT, views and
 * triggers) are only reported with `host: 'older'`: the current host runs those statements.
 * @example
 * analyzeMigration({ name: '0001_add.sql', sql: 'ALTER TABLE `MoLOS-Tasks_tasks` ADD `x` text NOT NULL;', moduleId: 'MoLOS-Tasks' })
 * // [{ code: 'add-not-null-without-default', severity: 'error', chunk: 0, … }]
 * analyzeMigration({ name: '0000_init.sql', sql: 'CREATE TABLE `MoLOS-Tasks_a` (`b` text REFERENCES `MoLOS-Tasks_c`(`id`) ON UPDATE no action);', moduleId: 'MoLOS-Tasks', host: 'older' })
 * // [{ code: 'on-update-clause', severity: 'warning', chunk: 0, … }] — and [] without `host: 'older'`
 */
export function analyzeMigration(input: MigrationInput, before?: Snapshot): SafetyFinding[] {
  const chunks = splitMigration(input.sql);
  const statements = locate(chunks);
  const older = input.host === 'older';
  const found = [
    ...checkFileName(input.name),
    ...checkChunks(chunks),
    ...(older ? checkPrefixes(statements, input.moduleId) : []),
    ...statements.flatMap(checkStatement),
    ...schemaChecks(statements, before),
  ].filter((f) => older || !OLDER_HOST_CODES.has(f.code));
  // Stable sort: file-level findings first, then by chunk; inside a chunk, in the order the checks ran.
  return found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.chunk ?? -1) - (b.f.chunk ?? -1) || a.i - b.i)
    .map(({ f }) => f);
}
