import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample, exampleNames } from '../../testing/examples';
import { REPO } from '../../testing/module-folder';
import { memoryFolder } from '../export/module-folder';
import { generateModuleFiles } from '../generate/module-files';
import { importModuleFolder } from '../import/module-folder/index';
import { buildSnapshot, snapshotText } from '../sql/snapshot';
import type { Journal, JournalEntry, Snapshot, SnapshotColumn } from '../sql/snapshot-types';
import type { VerifyFinding, VerifyReport } from './types';
import { verifyModule } from './verify-module';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** A fixture module folder under fixtures/verify/, as path → text. */
function fixture(name: string): Record<string, string> {
  const root = join(REPO, 'fixtures/verify', name);
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

async function verify(files: Record<string, string>): Promise<VerifyReport> {
  const result = await verifyModule(memoryFolder('module', files), SQL);
  if (!result.usable) throw new Error(`not usable: ${result.file}: ${result.message}`);
  return result;
}

const brief = (f: VerifyFinding) => [f.severity, f.code, f.table, f.name].filter(Boolean).join(' ');
const ofStage = (r: VerifyReport, stage: VerifyFinding['stage']) => r.findings.filter((f) => f.stage === stage);

/** Edits a JSON file of the folder. */
function editJson<T>(files: Record<string, string>, path: string, edit: (json: T) => void): void {
  const json = JSON.parse(files[path] ?? '') as T;
  edit(json);
  files[path] = JSON.stringify(json, null, 2);
}

/** A snapshot column, which the test knows to exist. */
function column(s: Snapshot, table: string, name: string): SnapshotColumn {
  const c = s.tables[table]?.columns[name];
  if (!c) throw new Error(`no column ${table}.${name} in the fixture's snapshot`);
  return c;
}

/** Makes fixtures/verify/drift's snapshot say what its SQL builds (it says what tables.ts says). */
function snapshotLikeSql(files: Record<string, string>): void {
  editJson<Snapshot>(files, 'drizzle/meta/0000_snapshot.json', (s) => {
    column(s, 'MoLOS-Drift_members', 'notes').notNull = true;
    Object.assign(column(s, 'MoLOS-Drift_members', 'role'), {
      notNull: true,
      default: "'user'",
      type: "text CHECK(role IN ('user', 'admin'))",
    });
    column(s, 'MoLOS-Drift_members', 'status').type = "text CHECK(status IN ('open', 'closed'))";
    column(s, 'MoLOS-Drift_items', 'priority').default = 0;
  });
}

describe('drift between the code and the history (fixtures/verify/drift)', () => {
  it('names every difference with both sides and a severity from what breaks', async () => {
    const r = await verify(fixture('drift'));
    expect(r.replay).toEqual([{ name: '0000_init.sql', status: 'applied', statements: 3 }]);
    expect(ofStage(r, 'code').map(brief)).toEqual([
      'info code-not-held MoLOS-Drift_items',
      'warning code-drift-column-default MoLOS-Drift_items priority',
      'error code-drift-column-not-null MoLOS-Drift_members notes',
      'error code-drift-column-not-null MoLOS-Drift_members role',
      'warning code-drift-column-default MoLOS-Drift_members role',
      'error code-drift-column-check MoLOS-Drift_members role',
      'warning code-drift-column-check MoLOS-Drift_members status',
    ]);
    // tables.ts declares nothing the database lacks, and the studio's next migration leaves every other difference
    // as it is (the check() tables.ts keeps as written is carried over too), so for tables.ts as it is it holds nothing.
    expect(r.findings.find((f) => f.code === 'pending-changes')).toBeUndefined();
    const byKey = (code: string, name: string) =>
      ofStage(r, 'code').find((f) => f.code === code && f.name === name) as VerifyFinding;
    expect(byKey('code-drift-column-not-null', 'notes')).toMatchObject({
      file: 'lib/server/db/schema/tables.ts',
      message:
        'column notes: drizzle/ builds it NOT NULL; tables.ts says nullable — the app may write NULL, which the database refuses; the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.',
      sides: { history: 'NOT NULL', other: 'nullable', snapshot: 'nullable' },
    });
    expect(byKey('code-drift-column-check', 'role').message).toBe(
      `column role: drizzle/ builds CHECK(role IN ('user', 'admin')); tables.ts says no CHECK — the app may write values the database's CHECK refuses (its types allow any text); the studio's next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.`,
    );
    // tables.ts says { enum: ['open', 'closed'] }: the SQL's CHECK refuses nothing the app can write.
    expect(byKey('code-drift-column-check', 'status').message).toContain(
      "the database's CHECK allows every value the app's types allow",
    );
    expect(byKey('code-drift-column-default', 'priority').message).toBe(
      'column priority: drizzle/ builds DEFAULT 0; tables.ts says no default — an insert that leaves it out gets another value than the app expects; the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as tables.ts, so drizzle-kit generate would not change it.',
    );
  });

  it('compares a check() tables.ts keeps as written by its name: the same on both sides, so no drift', async () => {
    const r = await verify(fixture('drift'));
    const note = r.findings.find((f) => f.code === 'code-not-held') as VerifyFinding;
    expect(note).toMatchObject({
      severity: 'info',
      file: 'lib/server/db/schema/tables.ts',
      line: 28,
      message:
        'tables.ts holds something the studio keeps as written: check MoLOS-Drift_items_quantity_positive of table driftItems cannot be edited in the studio (kept: as written in the code, and in the migrations)',
    });
    expect(note.details).toBeUndefined();
    expect(r.findings.some((f) => f.name === 'quantity' || f.name === 'MoLOS-Drift_items_quantity_positive')).toBe(
      false,
    );
  });

  it('reports a check() the migrations do not build, and a check the code no longer declares, as drift', async () => {
    const files = fixture('drift');
    const tables = 'lib/server/db/schema/tables.ts';
    files[tables] = (files[tables] ?? '').replace(
      'check("MoLOS-Drift_items_quantity_positive", sql`${t.quantity} > 0`),',
      'check("MoLOS-Drift_items_priority_known", sql`${t.priority} >= 0`),',
    );
    const r = await verify(files);
    const code = ofStage(r, 'code');
    expect(code.filter((f) => f.table === 'MoLOS-Drift_items').map(brief)).toEqual([
      'info code-not-held MoLOS-Drift_items',
      'error code-drift-column-check MoLOS-Drift_items quantity',
      'warning code-drift-column-default MoLOS-Drift_items priority',
      'warning code-drift-table-check MoLOS-Drift_items MoLOS-Drift_items_priority_known',
    ]);
    expect(code.find((f) => f.name === 'quantity')?.message).toBe(
      `column quantity: drizzle/ builds CHECK("MoLOS-Drift_items"."quantity" > 0); tables.ts says no CHECK — the app may write values the database's CHECK refuses (its types allow any text); the studio's next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta/0000_snapshot.json says the same as drizzle/, so drizzle-kit generate would change it to what tables.ts says.`,
    );
    expect(code.find((f) => f.name === 'MoLOS-Drift_items_priority_known')).toMatchObject({
      file: tables,
      message:
        'CHECK MoLOS-Drift_items_priority_known: tables.ts declares it; drizzle/ does not build it — the database does not check what tables.ts declares; the studio knows only its name, so its migrations cannot add it (drizzle-kit generate would).',
      sides: { history: 'no CHECK', other: 'CHECK MoLOS-Drift_items_priority_known' },
    });
  });

  it('keeps the snapshot comparison, as warnings: only drizzle-kit starts from the snapshot', async () => {
    const r = await verify(fixture('drift'));
    expect(ofStage(r, 'snapshot').map(brief)).toEqual([
      'warning drift-column-default MoLOS-Drift_items priority',
      'warning drift-column-not-null MoLOS-Drift_members notes',
      'warning drift-column-not-null MoLOS-Drift_members role',
      'warning drift-column-default MoLOS-Drift_members role',
      'warning drift-column-check MoLOS-Drift_members role',
      'warning drift-column-check MoLOS-Drift_members status',
    ]);
    expect(r.findings.find((f) => f.code === 'drift-column-not-null')?.message).toBe(
      "column notes: drizzle/ builds it NOT NULL; drizzle/meta/0000_snapshot.json says nullable; drizzle-kit generate starts from the snapshot, not from what the database holds (the studio's next migration starts from what the migrations build)",
    );
    expect(r.errors).toBe(3);
  });

  it('when the snapshot matches the SQL, the differences are left as they are and nothing is pending; app-breaking ones stay errors', async () => {
    const files = fixture('drift');
    snapshotLikeSql(files);
    const r = await verify(files);
    expect(ofStage(r, 'snapshot')).toEqual([]);
    expect(ofStage(r, 'code').map(brief)).toEqual([
      'info code-not-held MoLOS-Drift_items',
      'warning code-drift-column-default MoLOS-Drift_items priority',
      'error code-drift-column-not-null MoLOS-Drift_members notes',
      'error code-drift-column-not-null MoLOS-Drift_members role',
      'warning code-drift-column-default MoLOS-Drift_members role',
      'error code-drift-column-check MoLOS-Drift_members role',
      'warning code-drift-column-check MoLOS-Drift_members status',
    ]);
    // The studio's next migration does not bring the database to tables.ts unless asked (generate --reconcile).
    expect(r.findings.find((f) => f.code === 'pending-changes')).toBeUndefined();
    expect(r.findings.find((f) => f.code === 'code-drift-column-default' && f.name === 'priority')?.message).toBe(
      'column priority: drizzle/ builds DEFAULT 0; tables.ts says no default — an insert that leaves it out gets another value than the app expects; ' +
        'the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); ' +
        'drizzle/meta/0000_snapshot.json says the same as drizzle/, so drizzle-kit generate would change it to what tables.ts says.',
    );
    expect(r.errors).toBe(3);
  });

  it.each([
    ['the snapshot says what tables.ts says', false, 'the schema the migrations build'],
    ['the snapshot matches the SQL', true, 'drizzle/meta/0000_snapshot.json'],
  ])(
    'what tables.ts declares and the database lacks is all that is pending; the rest of the drift is left (%s)',
    async (_, likeSql, since) => {
      const files = fixture('drift');
      if (likeSql) snapshotLikeSql(files);
      const tables = 'lib/server/db/schema/tables.ts';
      files[tables] = (files[tables] ?? '')
        .replace('  notes: text("notes"),', '  notes: text("notes"),\n  nickname: text("nickname"),')
        .replace(
          'index("MoLOS-Drift_items_member_idx").on(t.memberId),',
          'index("MoLOS-Drift_items_member_idx").on(t.memberId),\n    index("MoLOS-Drift_items_user_idx").on(t.userId),',
        )
        .concat(
          '\nexport const driftTags = sqliteTable("MoLOS-Drift_tags", {\n  id: text("id").primaryKey(),\n  label: text("label").notNull(),\n});\n',
        );
      const r = await verify(files);
      const code = ofStage(r, 'code');
      expect(code.map(brief)).toEqual([
        'info code-not-held MoLOS-Drift_items',
        'warning code-drift-column-default MoLOS-Drift_items priority',
        'warning code-drift-missing-index MoLOS-Drift_items MoLOS-Drift_items_user_idx',
        'error code-drift-column-not-null MoLOS-Drift_members notes',
        'error code-drift-column-not-null MoLOS-Drift_members role',
        'warning code-drift-column-default MoLOS-Drift_members role',
        'error code-drift-column-check MoLOS-Drift_members role',
        'warning code-drift-column-check MoLOS-Drift_members status',
        'error code-drift-missing-column MoLOS-Drift_members nickname',
        'error code-drift-missing-table MoLOS-Drift_tags',
        'info pending-changes',
      ]);
      // Only the additions: no rebuild of members or items to drop their NOT NULL, CHECK or DEFAULT.
      expect(code.find((f) => f.code === 'pending-changes')?.message).toBe(
        `tables.ts differs from ${since}: the next migration (0001_create_tags_and_more) will hold ` +
          'items: index MoLOS-Drift_items_user_idx (user_id) added; members.nickname: added (text); tags: new table (2 columns)',
      );
      expect(code.find((f) => f.name === 'nickname')?.message).toBe(
        "column nickname: tables.ts declares it (text); drizzle/ does not build it — the app's queries that read or write it fail (no such column); " +
          "the studio's next migration adds it; drizzle/meta/0000_snapshot.json does not have it either, so drizzle-kit generate would add it.",
      );
      expect(code.find((f) => f.name === 'MoLOS-Drift_items_user_idx')?.message).toBe(
        'index MoLOS-Drift_items_user_idx: tables.ts declares it (index MoLOS-Drift_items_user_idx (user_id)); drizzle/ does not build it — only the speed of queries differs; ' +
          "the studio's next migration adds it; drizzle/meta/0000_snapshot.json does not have it either, so drizzle-kit generate would add it.",
      );
    },
  );

  it('a snapshot that says neither side makes drizzle-kit generate start from a schema the database lacks: an error', async () => {
    const files = fixture('drift');
    editJson<Snapshot>(files, 'drizzle/meta/0000_snapshot.json', (s) => {
      column(s, 'MoLOS-Drift_items', 'priority').default = 5;
    });
    const r = await verify(files);
    const f = r.findings.find((x) => x.code === 'code-drift-column-default' && x.name === 'priority');
    expect(f?.severity).toBe('error');
    expect(f?.message).toBe(
      'column priority: drizzle/ builds DEFAULT 0; tables.ts says no default — an insert that leaves it out gets another value than the app expects; ' +
        'the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); ' +
        'drizzle/meta/0000_snapshot.json says DEFAULT 5, so drizzle-kit generate would start from a schema the database does not have.',
    );
  });
});

describe('a hand-written history (fixtures/verify/hand-written)', () => {
  it('is applied file by file as the host does: IF NOT EXISTS, chunks that start with comments', async () => {
    const r = await verify(fixture('hand-written'));
    expect(r.replay).toEqual([
      { name: '0000_init.sql', status: 'applied', statements: 1 },
      { name: '0001_add_pages.sql', status: 'applied', statements: 2 },
      { name: '0002_page_position.sql', status: 'applied', statements: 2 },
    ]);
    expect(ofStage(r, 'replay')).toEqual([]);
    expect(ofStage(r, 'journal')).toEqual([]);
    // tables.ts describes what the three files build.
    expect(ofStage(r, 'code')).toEqual([]);
  });

  it('says once that the last snapshot is older than the last migration, with what it misses', async () => {
    const r = await verify(fixture('hand-written'));
    const snapshot = ofStage(r, 'snapshot');
    // A warning: the host applies the module as it is, and the studio's next migration starts from the replay.
    expect(snapshot.map(brief)).toEqual(['warning snapshot-outdated']);
    expect(snapshot[0]?.message).toBe(
      'this is the last snapshot, but drizzle/ has migrations up to 0002_page_position.sql after it, and the schema they build differs from it in 2 places (MoLOS-Notebook_notebooks: column archived; MoLOS-Notebook_pages: table). ' +
        'drizzle-kit generate starts from this snapshot, so it would repeat or undo those changes until there is a snapshot of the schema after 0002_page_position.sql (drizzle/meta/0002_snapshot.json). ' +
        "A warning, not an error: the host applies the migrations as they are, and the studio's next migration starts from the schema they build and writes a current snapshot",
    );
    expect(r.errors).toBe(0);
    expect(snapshot[0]?.details).toEqual([
      'MoLOS-Notebook_notebooks: column archived: drizzle/ builds it (integer NOT NULL DEFAULT false); drizzle/meta/0000_snapshot.json does not have it',
      'MoLOS-Notebook_pages: drizzle/ builds table MoLOS-Notebook_pages; drizzle/meta/0000_snapshot.json does not have it',
    ]);
  });

  it('is clean once a snapshot of the schema after the last migration is added', async () => {
    const files = fixture('hand-written');
    const imported = await importModuleFolder(
      Object.entries(files)
        .filter(([path]) => !path.startsWith('drizzle/'))
        .map(([path, text]) => ({ path, text })),
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.messages));
    files['drizzle/meta/0002_snapshot.json'] = snapshotText(buildSnapshot(imported.design));
    const r = await verify(files);
    expect(r.findings.filter((f) => f.stage !== 'safety')).toEqual([]);
    expect(r.errors).toBe(0);
  });

  it('reports what the code names and the history does not build as errors: the app fails on them', async () => {
    const files = fixture('hand-written');
    delete files['drizzle/0002_page_position.sql'];
    editJson<Journal>(files, 'drizzle/meta/_journal.json', (j) => j.entries.pop());
    const r = await verify(files);
    expect(ofStage(r, 'code').map(brief)).toEqual([
      'error code-drift-missing-column MoLOS-Notebook_notebooks archived',
      'error code-drift-missing-column MoLOS-Notebook_pages position',
      'info pending-changes',
    ]);
    // 0001 has no snapshot: the studio's next migration starts from what the history builds, and adds both.
    expect(ofStage(r, 'code')[0]?.message).toBe(
      "column archived: tables.ts declares it (integer NOT NULL DEFAULT false); drizzle/ does not build it — the app's queries that read or write it fail (no such column); the studio's next migration adds it; drizzle/meta has no snapshot of the last migrations.",
    );
    expect(ofStage(r, 'code')[2]?.message).toBe(
      'tables.ts differs from the schema the migrations build: the next migration (0002_add_notebooks_archived_and_add_pages_position) will hold ' +
        'notebooks.archived: added (integer NOT NULL DEFAULT false); pages.position: added (integer NOT NULL DEFAULT 0)',
    );
  });
});

describe('what the code does not know', () => {
  it('tells columns and tables the code does not know from those that break its inserts, and leaves them', async () => {
    const files = fixture('hand-written');
    files['drizzle/0001_add_pages.sql'] = (files['drizzle/0001_add_pages.sql'] ?? '')
      .replace(
        '"title" TEXT NOT NULL,',
        '"title" TEXT NOT NULL,\n  "legacy" TEXT NOT NULL,\n  "old_flag" INTEGER DEFAULT 0 NOT NULL,',
      )
      .concat('--> statement-breakpoint\nCREATE TABLE "MoLOS-Notebook_trash" ("id" TEXT PRIMARY KEY NOT NULL);');
    const r = await verify(files);
    expect(ofStage(r, 'code').map(brief)).toEqual([
      'error code-drift-extra-column MoLOS-Notebook_pages legacy',
      'warning code-drift-extra-column MoLOS-Notebook_pages old_flag',
      'warning code-drift-extra-table MoLOS-Notebook_trash',
    ]);
    // The studio's next migration drops nothing the code does not know (only generate --reconcile would).
    expect(r.findings.find((f) => f.code === 'pending-changes')).toBeUndefined();
    expect(ofStage(r, 'code')[0]?.message).toBe(
      'column legacy: drizzle/ builds it (text NOT NULL); tables.ts does not declare it — it is NOT NULL without a default, so every insert by the app fails; ' +
        'the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta has no snapshot of the last migrations.',
    );
    expect(ofStage(r, 'code')[2]?.message).toBe(
      'drizzle/ builds table MoLOS-Notebook_trash; tables.ts does not declare it — the app does not use it; ' +
        'the studio\'s next migration leaves it as it is ("generate --reconcile" brings the database to tables.ts); drizzle/meta has no snapshot of the last migrations.',
    );
  });
});

describe('verifyModule', () => {
  it.each(exampleNames())('finds a module the studio generated (%s) clean', async (name) => {
    const files = await generateModuleFiles(loadExample(name), { now: 1 });
    const r = await verify(Object.fromEntries(files.map((f) => [f.path, f.content])));
    expect(r.findings.filter((f) => f.stage !== 'safety')).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.replay.map((f) => f.status)).toEqual(['applied']);
  });

  it('reports a failing migration and compares nothing after it', async () => {
    const files = fixture('hand-written');
    files['drizzle/0002_page_position.sql'] = 'ALTER TABLE "MoLOS-Notebook_pages" ADD "position" INTEGER NOT NULL;';
    files['drizzle/0001_add_pages.sql'] =
      'CREATE TABLE "MoLOS-Notebook_pages" (id text);\nINSERT INTO "MoLOS-Notebook_pages" VALUES (1);';
    const r = await verify(files);
    expect(r.findings.filter((f) => f.stage !== 'safety').map(brief)).toEqual([
      'error migration-failed',
      'info not-compared',
    ]);
    expect(r.findings[0]).toMatchObject({
      file: 'drizzle/0002_page_position.sql',
      message:
        'the host fails on it: Cannot add a NOT NULL column with default value NULL (statement: ALTER TABLE "MoLOS-Notebook_pages" ADD "position" INTEGER NOT NULL); the file is rolled back',
    });
  });

  it('says when there is no schema file to compare with', async () => {
    const files = Object.fromEntries(Object.entries(fixture('hand-written')).filter(([p]) => p.startsWith('drizzle/')));
    const r = await verify(files);
    expect(ofStage(r, 'code').map(brief)).toEqual(['info no-schema-file']);
    expect(r.moduleId).toBe('MoLOS-Notebook');
  });

  it('checks the journal against the files', async () => {
    const files = fixture('hand-written');
    files['drizzle/0003_orphan.sql'] = 'SELECT 1;';
    editJson<Journal>(files, 'drizzle/meta/_journal.json', (j) => {
      j.entries.push({ ...(j.entries[0] as JournalEntry), idx: 3, tag: '0004_missing', when: 1 });
    });
    const r = await verify(files);
    expect(ofStage(r, 'journal').map((f) => `${f.code} ${f.file}: ${f.message}`)).toEqual([
      'journal-missing-file drizzle/meta/_journal.json: entry 3 names 0004_missing.sql, which does not exist',
      'journal-order drizzle/meta/_journal.json: "when" of 0004_missing is not later than 0002_page_position\'s',
      'journal-no-entry drizzle/0003_orphan.sql: drizzle/0003_orphan.sql has no journal entry',
    ]);
  });

  it('gives back unusable input instead of throwing', async () => {
    const files = fixture('hand-written');
    files['drizzle/meta/0000_snapshot.json'] = '{"version": "6", ';
    expect(await verifyModule(memoryFolder('m', files), SQL)).toMatchObject({
      usable: false,
      file: 'drizzle/meta/0000_snapshot.json',
    });
    expect(await verifyModule(memoryFolder('m', { 'manifest.yaml': 'id: MoLOS-X\n' }), SQL)).toEqual({
      usable: false,
      file: 'drizzle/meta/_journal.json',
      message: 'there is no journal and no migration: nothing to verify',
    });
  });
});

describe('modules the host applies, whose snapshots are behind or beside the point', () => {
  it('a history past its last snapshot that tables.ts describes: no error, nothing pending (fixtures/verify/past-last-snapshot)', async () => {
    const r = await verify(fixture('past-last-snapshot'));
    expect(r.replay.map((f) => `${f.name} ${f.status}`)).toEqual([
      '0000_init.sql applied',
      '0001_add_books_rating.sql applied',
      '0002_add_quotes.sql applied',
    ]);
    expect(r.findings.filter((f) => f.stage !== 'safety').map(brief)).toEqual([
      'warning snapshot-outdated',
      // The hand-written UNIQUE constraint is the same as tables.ts's .unique() index.
      'info code-drift-unique-name MoLOS-Reading_quotes (share_code)',
    ]);
    expect(r.errors).toBe(0);
  });

  it('a history without any snapshot: a warning for drizzle-kit, no error', async () => {
    const files = fixture('past-last-snapshot');
    delete files['drizzle/meta/0000_snapshot.json'];
    const r = await verify(files);
    expect(r.findings.filter((f) => f.stage !== 'safety').map(brief)).toEqual([
      'warning no-snapshot',
      'info code-drift-unique-name MoLOS-Reading_quotes (share_code)',
    ]);
    expect(r.errors).toBe(0);
  });

  it.each([
    ['with its snapshot', false],
    ['without a snapshot', true],
  ])(
    'check() constraints tables.ts keeps as written are no drift and nothing pending (fixtures/verify/kept-checks, %s)',
    async (_, dropSnapshot) => {
      const files = fixture('kept-checks');
      if (dropSnapshot) delete files['drizzle/meta/0000_snapshot.json'];
      const r = await verify(files);
      expect(r.findings.filter((f) => f.stage !== 'safety').map(brief)).toEqual([
        ...(dropSnapshot ? ['warning no-snapshot'] : []),
        'info code-not-held MoLOS-Ledger_entries',
        'info code-not-held MoLOS-Ledger_entries',
      ]);
      expect(r.errors).toBe(0);
    },
  );

  it('a stray JSON file in drizzle/meta is a warning, and the module is verified (fixtures/verify/stray-meta)', async () => {
    const r = await verify(fixture('stray-meta'));
    expect(r.findings.map(brief)).toEqual(['warning meta-not-snapshot']);
    expect(r.findings[0]).toMatchObject({
      file: 'drizzle/meta/0001.json',
      message:
        'not a snapshot: it has no snapshot "id" and "tables", so it is not a drizzle-kit snapshot. The host never reads drizzle/meta and the studio leaves the file out, but drizzle-kit generate reads every file there whose name does not start with "_" as a snapshot and stops on it ("data is malformed"): move it out of drizzle/meta, or give it a name starting with "_", before running drizzle-kit',
    });
    expect(r.errors).toBe(0);
  });
});
