/**
 * A module whose tables.ts declares `check()` constraints (fixtures/verify/kept-checks, made by the real
 * drizzle-kit): the design holds their names only, the merge keeps the code as written, and the next migration
 * carries their SQL over — so writing back never drops a CHECK from the database, a rebuild re-creates it, and the
 * real drizzle-kit, run in the folder afterwards, finds nothing to do. With and without the snapshot (then the
 * checks are read back from the replayed database).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Design, fullTableName } from '../core/design';
import { addColumn, addEnumMember, renameTable } from '../core/operations';
import { memoryFolder } from '../export/module-folder';
import { planModuleZip } from '../export/module-zip';
import { type MergeModuleFiles, type ModulePlan, planModuleWrite, writeModulePlan } from '../export/module-plan';
import { generateMergedModuleFiles } from '../generate/module-files';
import { importModuleFolder } from '../import/module-folder/index';
import { REPO, drizzleKitGenerate, removeDir, tempDir, writeFiles } from '../../testing/module-folder';
import { STAND_IN_FILES, standInTsconfig } from '../../testing/host-stand-ins';
import { applyMigrations } from './host-runner';
import { EMPTY_FOLDER, nextMigration } from './next-migration';
import type { Snapshot } from './snapshot-types';
import { queryRows } from './sqljs-rows';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const MODULE = 'MoLOS-Ledger';
const ENTRIES = 'MoLOS-Ledger_entries';
const TABLES_TS = 'lib/server/db/schema/tables.ts';
const AMOUNT_CHECK = 'CONSTRAINT "MoLOS-Ledger_entries_amount_positive" CHECK("MoLOS-Ledger_entries"."amount" > 0)';
const NOTE_CHECK = 'CONSTRAINT "MoLOS-Ledger_entries_note_short" CHECK(length("MoLOS-Ledger_entries"."note") <= 200)';

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });

function fixture(): Record<string, string> {
  const root = join(REPO, 'fixtures/verify/kept-checks');
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

async function imported(files: Record<string, string>): Promise<Design> {
  const outcome = await importModuleFolder(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { loadSqlJs: () => Promise.resolve(SQL) },
  );
  if (!outcome.ok) throw new Error(outcome.messages.map((m) => m.message).join('\n'));
  return outcome.design;
}

const tableId = (design: Design, table: string) =>
  Object.values(design.tables).find((x) => fullTableName(design, x) === table)?.id as string;

/** The CREATE TABLE text SQLite keeps for every table after the host ran the folder's migrations. */
function databaseAfter(folder: ReturnType<typeof memoryFolder>): { sql: Map<string, string>; files: string[] } {
  const history = [...folder.files]
    .filter(([path]) => /^drizzle\/[^/]+\.sql$/.test(path))
    .map(([path, sql]) => ({ name: path.slice('drizzle/'.length), sql }));
  const run = applyMigrations(SQL, history);
  try {
    const rows = queryRows(run.db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'");
    return {
      sql: new Map(rows.map((r) => [String(r.name), String(r.sql)])),
      files: run.files.map((f) => `${f.name} ${f.status}`),
    };
  } finally {
    run.db.close();
  }
}

/** The real drizzle-kit, run in the written folder (its own tables.ts, with the host's stand-ins). */
async function drizzleKitOn(folder: ReturnType<typeof memoryFolder>): Promise<string> {
  const dir = tempDir('kept-checks-dk');
  dirs.push(dir);
  writeFiles(dir, [
    ...[...folder.files].map(([path, content]) => ({ path, content })),
    ...STAND_IN_FILES,
    { path: 'tsconfig.json', content: standInTsconfig(MODULE, 'legacy') },
  ]);
  return drizzleKitGenerate(dir);
}

async function writeBack(design: Design, files: Record<string, string>) {
  const folder = memoryFolder(MODULE, files);
  const p: ModulePlan = await planModuleWrite({ design, folder, now: 5000, SQL, merge });
  expect(p.refusals).toEqual([]);
  const outcome = await writeModulePlan(folder, p, 'auto');
  return { folder, plan: p, outcome };
}

describe.each([
  ['with its snapshot', (files: Record<string, string>) => files],
  [
    'without a snapshot (the checks are read back from the replayed database)',
    (files: Record<string, string>) => {
      const { 'drizzle/meta/0000_snapshot.json': _dropped, ...rest } = files;
      return rest;
    },
  ],
])('check() constraints tables.ts keeps as written (fixtures/verify/kept-checks, %s)', (_, variant) => {
  const files = () => variant(fixture());

  it('imports their names, and writes back with no migration and tables.ts unchanged', async () => {
    const design = await imported(files());
    expect(design.tables[tableId(design, ENTRIES)]?.keptChecks).toEqual([
      'MoLOS-Ledger_entries_amount_positive',
      'MoLOS-Ledger_entries_note_short',
    ]);
    const { folder, plan } = await writeBack(design, files());
    expect(plan.migration?.migration.kind).toBe('unchanged');
    expect(plan.migrationFiles).toEqual([]);
    expect(folder.files.get(TABLES_TS)).toBe(files()[TABLES_TS]);
    expect(databaseAfter(folder).sql.get(ENTRIES)).toContain(AMOUNT_CHECK);
  });

  it('a new NOT NULL column with a default: one ALTER, the checks stay, and drizzle-kit agrees', async () => {
    const design = await imported(files());
    const edited = addColumn(design, {
      tableId: tableId(design, ENTRIES),
      name: 'currency',
      type: 'text',
      notNull: true,
      default: { kind: 'literal', value: 'EUR' },
    });
    const { folder, plan, outcome } = await writeBack(edited, files());
    const m = plan.migration?.migration;
    expect(m?.sql).toBe("ALTER TABLE `MoLOS-Ledger_entries` ADD `currency` text DEFAULT 'EUR' NOT NULL;");
    expect(outcome.choice?.variant?.kind).toBe('exact');
    expect(m?.after.tables[ENTRIES]?.checkConstraints).toEqual({
      'MoLOS-Ledger_entries_amount_positive': {
        name: 'MoLOS-Ledger_entries_amount_positive',
        value: '"MoLOS-Ledger_entries"."amount" > 0',
      },
      'MoLOS-Ledger_entries_note_short': {
        name: 'MoLOS-Ledger_entries_note_short',
        value: 'length("MoLOS-Ledger_entries"."note") <= 200',
      },
    });
    expect(folder.files.get(TABLES_TS)).toContain(
      'check("MoLOS-Ledger_entries_amount_positive", sql`${t.amount} > 0`),',
    );
    const db = databaseAfter(folder);
    expect(db.files.at(-1)).toBe(`${m?.tag}.sql applied`);
    expect(db.sql.get(ENTRIES)).toContain(AMOUNT_CHECK);
    expect(db.sql.get(ENTRIES)).toContain(NOTE_CHECK);
    expect(await drizzleKitOn(folder)).toContain('No schema changes, nothing to migrate');
  }, 60_000);

  it('a change that rebuilds the table (a new enum value) re-creates the checks, and drizzle-kit agrees', async () => {
    const design = await imported(files());
    const kind = Object.values(design.enums).find((e) => e.name === 'EntryKind');
    const edited = addEnumMember(design, { enumId: kind?.id ?? '', key: 'TRANSFER', value: 'transfer' });
    const { folder, plan, outcome } = await writeBack(edited, files());
    const m = plan.migration?.migration;
    // drizzle-kit's rebuild, with the checks naming the new table while it is built (SQLite renames them back).
    expect(m?.sql).toContain(
      '\tCONSTRAINT "MoLOS-Ledger_entries_amount_positive" CHECK("__new_MoLOS-Ledger_entries"."amount" > 0),\n' +
        '\tCONSTRAINT "MoLOS-Ledger_entries_note_short" CHECK(length("__new_MoLOS-Ledger_entries"."note") <= 200)\n);\n',
    );
    expect(outcome.choice?.variant).not.toBeNull();
    const db = databaseAfter(folder);
    expect(db.files.at(-1)).toBe(`${m?.tag}.sql applied`);
    expect(db.sql.get(ENTRIES)).toContain("CHECK(kind IN ('debit', 'credit', 'transfer'))");
    expect(db.sql.get(ENTRIES)).toContain(AMOUNT_CHECK);
    expect(db.sql.get(ENTRIES)).toContain(NOTE_CHECK);
    expect(await drizzleKitOn(folder)).toContain('No schema changes, nothing to migrate');
  }, 60_000);

  it('a renamed table: the checks follow it, as drizzle-orm prints them for the new name, and drizzle-kit agrees', async () => {
    const design = await imported(files());
    const edited = renameTable(design, { tableId: tableId(design, ENTRIES), name: 'postings' });
    const { folder, plan } = await writeBack(edited, files());
    const m = plan.migration?.migration;
    expect(m?.sql.startsWith('ALTER TABLE `MoLOS-Ledger_entries` RENAME TO `MoLOS-Ledger_postings`;')).toBe(true);
    expect(m?.after.tables['MoLOS-Ledger_postings']?.checkConstraints['MoLOS-Ledger_entries_amount_positive']).toEqual({
      name: 'MoLOS-Ledger_entries_amount_positive',
      value: '"MoLOS-Ledger_postings"."amount" > 0',
    });
    const db = databaseAfter(folder);
    expect(db.files.at(-1)).toBe(`${m?.tag}.sql applied`);
    expect(db.sql.get('MoLOS-Ledger_postings')).toContain(
      'CONSTRAINT "MoLOS-Ledger_entries_amount_positive" CHECK("MoLOS-Ledger_postings"."amount" > 0)',
    );
    expect(await drizzleKitOn(folder)).toContain('No schema changes, nothing to migrate');
  }, 60_000);
});

describe('the zip of an imported design with kept checks', () => {
  it("holds the module's 0000 untouched, the next migration with the checks, and tables.ts with its check()s", async () => {
    const design = await imported(fixture());
    const edited = addColumn(design, { tableId: tableId(design, ENTRIES), name: 'memo', type: 'text' });
    const zip = await planModuleZip(edited, { now: 5000, SQL, merge });
    if (zip.kind !== 'module') throw new Error(`expected a module zip, got ${zip.kind}`);
    const files = new Map(zip.files.map((f) => [f.path, f.content]));
    expect(files.get('drizzle/0000_init.sql')).toBe(fixture()['drizzle/0000_init.sql']);
    expect(files.get('drizzle/0001_add_entries_memo.sql')).toBe('ALTER TABLE `MoLOS-Ledger_entries` ADD `memo` text;');
    const snapshot = JSON.parse(files.get('drizzle/meta/0001_snapshot.json') ?? '{}') as Snapshot;
    expect(Object.keys(snapshot.tables[ENTRIES]?.checkConstraints ?? {})).toEqual([
      'MoLOS-Ledger_entries_amount_positive',
      'MoLOS-Ledger_entries_note_short',
    ]);
    expect(files.get(TABLES_TS)).toContain('check("MoLOS-Ledger_entries_note_short", sql`length(${t.note}) <= 200`),');
  });
});

describe('the first migration of a design with kept checks', () => {
  it('leaves them out and says so: the studio knows their names, not their SQL', async () => {
    const design = await imported(fixture());
    const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
    expect(first.kind).toBe('initial');
    expect(first.sql).not.toContain('CONSTRAINT');
    expect(first.after.tables[ENTRIES]?.checkConstraints).toEqual({});
    expect(first.notes).toEqual([
      'the code declares CHECK constraints MoLOS-Ledger_entries_amount_positive (MoLOS-Ledger_entries), ' +
        'MoLOS-Ledger_entries_note_short (MoLOS-Ledger_entries), which no earlier migration of the module has: the ' +
        'studio knows only their names, not their SQL, so this migration leaves them out (drizzle-kit generate would add them)',
    ]);
  });
});
