/**
 * Migration hazards the write path must not let through silently (issue 14): a column made NOT NULL over the
 * NULLs real rows hold (B17), and a migration that drops values — a deleted column or table, or a rename the
 * design has no record of (drop + add). Each runs through the same plan as the CLI, the page and the zip, on
 * seeded rows, and the migration written is replayed on better-sqlite3 (the host's engine) with rows in it.
 */
import Database from 'better-sqlite3';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { addColumn, deleteColumn, deleteTable, updateColumn } from '../core/operations';
import { checkDesign } from '../core/rules';
import { generateMergedModuleFiles } from '../generate/module-files';
import { splitStatements } from '../../testing/sqlite';
import { loadExample } from '../../testing/examples';
import { safetyMessage } from '../sql/safety';
import { memoryFolder } from './module-folder';
import { type MergeModuleFiles, planModuleWrite, resolveWrite, writeModulePlan } from './module-plan';
import { planModuleZip } from './module-zip';
import { planView } from './write-view';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });
type Folder = ReturnType<typeof memoryFolder>;
const T = (name: string) => `MoLOS-Tasks_${name}`;

const plan = (design: Design, folder: Folder, acceptLoss?: boolean) =>
  planModuleWrite({ design, folder, now: 2000, SQL, merge, acceptLoss });

/** The tasks example written into an empty folder; the design with its baseline. */
async function exported(): Promise<{ folder: Folder; design: Design }> {
  const folder = memoryFolder('MoLOS-Tasks');
  const design = loadExample('molos-tasks');
  const outcome = await writeModulePlan(folder, await plan(design, folder), 'auto');
  return { folder, design: { ...design, baseline: outcome.baseline } };
}

/** The folder's migrations in order, as the host would find them. */
const migrations = (folder: Folder) =>
  [...folder.files]
    .filter(([p]) => /^drizzle\/\d{4}_.*\.sql$/.test(p))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, sql]) => sql);

/** Runs one migration file on better-sqlite3 as the host does: one transaction, foreign keys on. */
function apply(db: Database.Database, sql: string): void {
  db.transaction(() => {
    for (const statement of splitStatements(sql)) db.prepare(statement).run();
  })();
}

describe('B17: a nullable column made NOT NULL', () => {
  // issue 14: without a default, the safe variant is drizzle-kit's SQL and fails on any NULL; the dry run used to
  // seed no NULL, said "fine", and `generate --safe` wrote it.
  it('without a default: the dry run meets the seeded NULL, nothing is written, and the finding gives both ways out', async () => {
    const { folder, design } = await exported();
    const before = new Map(folder.files);
    const tightened = updateColumn(design, { columnId: 'c_daily_log_mood', patch: { notNull: true } });
    const p = await plan(tightened, folder);
    const v = p.migration?.variants;
    expect(v?.safe.sql).toBe(v?.exact.sql);
    expect(v?.exact.dryRun.ok).toBe(false);
    expect(v?.exact.dryRun.error).toMatch(/NOT NULL constraint failed: __new_MoLOS-Tasks_daily_log\.mood/);
    for (const request of ['auto', 'safe', 'exact'] as const) {
      const set = resolveWrite(p, request);
      expect(set.choice?.variant ?? null).toBeNull();
      expect(set.refusals.join('\n')).toMatch(/fails in the dry run: NOT NULL constraint failed/);
    }
    const finding = v?.exact.findings.find((f) => f.code === 'rebuild-not-null-tightened');
    expect(finding?.severity).toBe('error');
    expect(safetyMessage(finding!)).toBe(
      `The rebuild makes ${T('daily_log')}.mood NOT NULL, and the column has no default: the NULLs that rows hold there (it allowed them until now) make the migration fail with "NOT NULL constraint failed", in the MoLOS-safe variant too. Either give mood a default (the MoLOS-safe variant then copies each NULL as that default), or fill the NULLs first, in a migration of your own before this one: UPDATE \`${T('daily_log')}\` SET \`mood\` = <value> WHERE \`mood\` IS NULL;`,
    );
    await expect(writeModulePlan(folder, p, 'safe')).rejects.toThrow(/Nothing was written/);
    expect(folder.files).toEqual(before);
  });

  // issue 14: with a default, COALESCE copies it: every row kept, each NULL (and only a NULL) becomes the default.
  it('with a default: the safe variant is written and, on better-sqlite3 with rows, keeps them all and fills the NULLs', async () => {
    const { folder, design } = await exported();
    const [init] = migrations(folder);
    const tightened = updateColumn(design, {
      columnId: 'c_daily_log_mood',
      patch: { notNull: true, default: { kind: 'literal', value: 3 } },
    });
    const p = await plan(tightened, folder);
    const set = resolveWrite(p, 'auto');
    expect(set.refusals).toEqual([]);
    expect(set.choice?.variant?.kind).toBe('safe');
    const daily = set.choice?.variant?.dryRun.rows.tables.find((t) => t.table === T('daily_log'));
    // The dry run's own NULL (one of its three rows) is filled, not reported as damage.
    expect(daily).toMatchObject({ before: 3, after: 3, lost: 0, changed: 0, filled: 1 });
    await writeModulePlan(folder, p, 'auto');
    const [, next] = migrations(folder);
    expect(next).toContain('COALESCE("mood", 3)');

    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    apply(db, init as string);
    const insert = db.prepare(`INSERT INTO \`${T('daily_log')}\` (id, user_id, day, mood) VALUES (?, 'u', ?, ?)`);
    insert.run('a', '2026-01-01', null);
    insert.run('b', '2026-01-02', 5);
    insert.run('c', '2026-01-03', null);
    apply(db, next as string);
    expect(db.prepare(`SELECT id, mood FROM \`${T('daily_log')}\` ORDER BY id`).all()).toEqual([
      { id: 'a', mood: 3 },
      { id: 'b', mood: 5 },
      { id: 'c', mood: 3 },
    ]);
    db.close();
  });

  // issue 14: the second way out — a backfill of the author's own, run before the new migration — must work too:
  // the dry run seeds its rows before the migrations written past the last snapshot, so the backfill fills them.
  it('without a default, after a backfill migration written by hand: the dry run passes and the write goes ahead', async () => {
    const { folder, design } = await exported();
    const backfill = `UPDATE \`${T('daily_log')}\` SET \`mood\` = 0 WHERE \`mood\` IS NULL;`;
    folder.files.set('drizzle/0001_backfill_mood.sql', backfill);
    const tightened = updateColumn(design, { columnId: 'c_daily_log_mood', patch: { notNull: true } });
    const p = await plan(tightened, folder);
    const set = resolveWrite(p, 'auto');
    expect(set.refusals).toEqual([]);
    expect(set.choice?.variant?.kind).toBe('exact');
    expect(set.choice?.variant?.dryRun.seeded?.tables.find((t) => t.table === T('daily_log'))?.nullColumns).toContain(
      'mood',
    );
    const finding = set.choice?.variant?.findings.find((f) => f.code === 'rebuild-not-null-tightened');
    expect(finding?.severity).toBe('warning');
    expect(safetyMessage(finding!)).toContain('it runs because the migrations before it fill the NULLs');
    await writeModulePlan(folder, p, 'auto');
    const [init, fill, next] = migrations(folder);
    expect(fill).toBe(backfill);
    // On better-sqlite3, rows with NULLs go through the backfill and the new migration, none lost.
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    apply(db, init as string);
    const insert = db.prepare(`INSERT INTO \`${T('daily_log')}\` (id, user_id, day, mood) VALUES (?, 'u', ?, ?)`);
    insert.run('a', '2026-01-01', null);
    insert.run('b', '2026-01-02', 5);
    apply(db, fill as string);
    apply(db, next as string);
    expect(db.prepare(`SELECT id, mood FROM \`${T('daily_log')}\` ORDER BY id`).all()).toEqual([
      { id: 'a', mood: 0 },
      { id: 'b', mood: 5 },
    ]);
    expect(() => insert.run('c', '2026-01-03', null)).toThrow(/NOT NULL constraint failed/);
    db.close();
  });
});

describe('the design rule and the plan agree on a NOT NULL column added without a value', () => {
  // issue 14: an SQL default of NULL is no value: the rule let it through while the plan refused the migration.
  it.each([
    ['no default', null, true],
    ['an SQL NULL', { kind: 'sql', sql: 'NULL' }, true],
    ['an SQL (NULL)', { kind: 'sql', sql: '( null )' }, true],
    ['a constant', { kind: 'literal', value: 0 }, false],
  ] as const)('%s', async (_, def, refused) => {
    const { folder, design } = await exported();
    const added = addColumn(design, {
      tableId: 't_tasks',
      name: 'score',
      type: 'integer',
      notNull: true,
      default: def,
    });
    const rule = checkDesign(added).filter((i) => i.code === 'column-add-not-null-no-default');
    expect(rule.map((i) => i.severity)).toEqual(refused ? ['error'] : []);
    if (refused) expect(rule[0]?.fix?.label).toBe('Add a default (0)');
    const set = resolveWrite(await plan(added, folder), 'auto');
    expect(set.refusals.length > 0).toBe(refused);
    if (refused) expect(set.choice?.variant ?? null).toBeNull();
  });
});

describe('values lost are the user’s call', () => {
  // issue 14: "column b was column a" is unknown without a baseline record, so the migration drops a and adds b.
  it('a rename the design has no record of is a drop + add: refused, naming the column and the values it held', async () => {
    const { folder, design } = await exported();
    const before = new Map(folder.files);
    const renamed = updateColumn(design, { columnId: 'c_tasks_notes', patch: { name: 'details', key: 'details' } });
    const columns = { ...renamed.baseline!.columns };
    delete columns.c_tasks_notes;
    const unrecorded = { ...renamed, baseline: { ...renamed.baseline!, columns } };
    const p = await plan(unrecorded, folder);
    expect(p.migration?.migration.sql).toContain(`ALTER TABLE \`${T('tasks')}\` DROP COLUMN \`notes\`;`);
    const set = resolveWrite(p, 'auto');
    expect(set.losses).toEqual([{ table: T('tasks'), column: 'notes', count: 2 }]);
    expect(set.refusals).toEqual([
      `drizzle/${p.migration?.migration.tag}.sql would drop ${T('tasks')}.notes (2 sample values): their values would be lost. ` +
        "To keep them, if you renamed a column or a table rather than deleting it, rename it in the designer (not delete and add), so the design's baseline knows its previous name and the migration renames it. " +
        'To drop them, confirm that you accept losing these values: `molos-schema generate --accept-loss`, or tick “Drop them: I accept losing these values” in the write dialog.',
    ]);
    await expect(writeModulePlan(folder, p, 'auto')).rejects.toThrow(/would drop MoLOS-Tasks_tasks\.notes/);
    expect(folder.files).toEqual(before);
    // Renamed in the designer (the baseline knows), the values stay: nothing to confirm.
    const kept = await plan(renamed, folder);
    expect(kept.migration?.migration.sql).toContain('RENAME COLUMN "notes" TO "details";');
    expect(resolveWrite(kept, 'auto')).toMatchObject({ refusals: [], losses: [] });
  });

  it('a deliberate drop is confirmed once: refused without consent, written with it', async () => {
    const { folder, design } = await exported();
    const dropped = deleteTable(deleteColumn(design, { columnId: 'c_tasks_notes' }), { tableId: 't_daily_log' });
    const refused = await plan(dropped, folder);
    expect(resolveWrite(refused, 'auto').losses).toEqual([
      { table: T('daily_log'), count: 3 },
      { table: T('tasks'), column: 'notes', count: 2 },
    ]);
    expect(resolveWrite(refused, 'auto').refusals[0]).toContain(
      `would drop the table ${T('daily_log')} (3 sample rows with their values), ${T('tasks')}.notes (2 sample values)`,
    );
    const accepted = await plan(dropped, folder, true);
    expect(resolveWrite(accepted, 'auto').refusals).toEqual([]);
    const outcome = await writeModulePlan(folder, accepted, 'auto');
    expect(outcome.files.find((f) => f.role === 'migration')?.content).toContain(`DROP TABLE \`${T('daily_log')}\`;`);
    // Written once: the next plan of the same design has nothing to drop, so nothing to confirm or write.
    const again = await plan({ ...dropped, baseline: outcome.baseline }, folder);
    expect(again.migration?.migration.kind).toBe('unchanged');
    expect(resolveWrite(again, 'auto')).toMatchObject({ refusals: [], losses: [] });
  });

  it('an added column drops nothing: nothing to confirm', async () => {
    const { folder, design } = await exported();
    const added = addColumn(design, { tableId: 't_tasks', name: 'estimate', type: 'integer' });
    const p = await plan(added, folder);
    expect(resolveWrite(p, 'auto')).toMatchObject({ refusals: [], losses: [] });
  });

  it('the zip refuses with the same message, and takes the same consent', async () => {
    const { design } = await exported();
    const dropped = deleteColumn(design, { columnId: 'c_tasks_notes' });
    const zip = await planModuleZip(dropped, { now: 2000, SQL, merge });
    expect(zip.kind).toBe('refused');
    // The page offers the consent only when the loss is the one reason.
    expect(zip.kind === 'refused' && zip.onlyLoss).toBe(true);
    const alsoBroken = await planModuleZip(
      updateColumn(dropped, { columnId: 'c_tasks_title', patch: { default: { kind: 'sql', sql: "('a' 'b')" } } }),
      { now: 2000, SQL, merge },
    );
    expect(alsoBroken.kind === 'refused' && alsoBroken.onlyLoss).toBe(false);
    const folderPlan = await plan(
      dropped,
      memoryFolder('MoLOS-Tasks', Object.fromEntries((design.baseline?.files ?? []).map((f) => [f.path, f.text]))),
    );
    expect(zip.kind === 'refused' && zip.refusals).toEqual(resolveWrite(folderPlan, 'auto').refusals);
    const accepted = await planModuleZip(dropped, { now: 2000, SQL, merge, acceptLoss: true });
    expect(accepted.kind).toBe('module');
    if (accepted.kind === 'module')
      expect(accepted.files.find((f) => /^drizzle\/0001_.*\.sql$/.test(f.path))?.content).toContain(
        `ALTER TABLE \`${T('tasks')}\` DROP COLUMN \`notes\`;`,
      );
  });

  it('the write dialog’s view: the refusal without consent, the write with it', async () => {
    const { folder, design } = await exported();
    const view = planView(await plan(deleteColumn(design, { columnId: 'c_tasks_notes' }), folder));
    expect(view.byRequest.auto.refusals[0]).toMatch(/would drop MoLOS-Tasks_tasks\.notes \(2 sample values\)/);
    expect(view.byRequest.auto.losses).toEqual([`${T('tasks')}.notes (2 sample values)`]);
    expect(view.accepted.auto.refusals).toEqual([]);
    expect(view.accepted.auto.writes).toBeGreaterThan(0);
  });
});
