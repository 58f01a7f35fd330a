import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { renameTable, updateColumn } from '../core/operations';
import { loadExample } from '../../testing/examples';
import { keptChecks, renamedCheckValue, withKeptChecks } from './kept-checks';
import { EMPTY_FOLDER, type MigrationFolder, migrationSinceBaseline, nextMigration } from './next-migration';
import { buildSnapshot } from './snapshot';
import type { Snapshot } from './snapshot-types';

const TASKS = 'MoLOS-Tasks_tasks';
const TITLE_CHECK = { name: 'tasks_title_len', value: 'length("MoLOS-Tasks_tasks"."title") > 0' };
const POSITION_CHECK = { name: 'tasks_position_pos', value: '"MoLOS-Tasks_tasks"."position" >= 0' };

/** The example with `keptChecks` on its tasks table, as the importer leaves a table whose code has check()s. */
function keeping(design: Design, names: string[]): Design {
  const t = design.tables.t_tasks;
  if (!t) throw new Error('no tasks table');
  return { ...design, tables: { ...design.tables, t_tasks: { ...t, keptChecks: names } } };
}

/** The example's snapshot as drizzle-kit wrote it from code that declares both checks on tasks. */
function withChecks(s: Snapshot): Snapshot {
  const out = structuredClone(s);
  const t = out.tables[TASKS];
  if (t) t.checkConstraints = { [TITLE_CHECK.name]: TITLE_CHECK, [POSITION_CHECK.name]: POSITION_CHECK };
  return out;
}

/** A module folder whose only migration left `snapshot`, and a design whose baseline is that snapshot. */
function exported(design: Design, snapshot: Snapshot): { design: Design; folder: MigrationFolder } {
  const folder: MigrationFolder = {
    journal: {
      version: '7',
      dialect: 'sqlite',
      entries: [{ idx: 0, version: '6', when: 1, tag: '0000_init', breakpoints: true }],
    },
    snapshots: { '0000_snapshot.json': snapshot },
    sqlFiles: ['0000_init.sql'],
  };
  const base = nextMigration(design, folder, { now: 2 }).baseline;
  return { design: { ...design, baseline: { ...base, snapshotId: snapshot.id, snapshot } }, folder };
}

describe('renamedCheckValue', () => {
  it("renames drizzle's qualified references to the table and its renamed columns, in their own quotes", () => {
    expect(renamedCheckValue('"a"."n" > 0 AND `a`.`m` < "a"."n"', 'a', 'b', [{ from: 'n', to: 'k' }])).toBe(
      '"b"."k" > 0 AND `b`.`m` < "b"."k"',
    );
    // After a table rename, the column's qualifier may already be the new name.
    expect(renamedCheckValue('"b"."n" > 0', 'a', 'b', [{ from: 'n', to: 'k' }])).toBe('"b"."k" > 0');
    expect(renamedCheckValue('"x""y"."n" > 0', 'x"y', 'z"w', [])).toBe('"z""w"."n" > 0');
  });

  it('leaves alone what the code wrote itself: unqualified names, other tables, strings and function names', () => {
    const value = `n > 0 AND "other"."n" > 0 AND "a"."n" <> '"a".n' AND n(1) = 1 AND "main"."a"."n" > 0`;
    expect(renamedCheckValue(value, 'a', 'a', [{ from: 'n', to: 'k' }])).toBe(
      `n > 0 AND "other"."n" > 0 AND "a"."k" <> '"a".n' AND n(1) = 1 AND "main"."a"."n" > 0`,
    );
    expect(renamedCheckValue('"a"."n" > 0', 'a', 'a', [])).toBe('"a"."n" > 0');
  });
});

describe('keptChecks', () => {
  const design = keeping(loadExample('molos-tasks'), [POSITION_CHECK.name, TITLE_CHECK.name, 'tasks_gone']);
  const source = withChecks(buildSnapshot(loadExample('molos-tasks')));

  it("takes the kept checks' SQL from the source, in the code's order, and lists those it lacks", () => {
    const kept = keptChecks(design, source, { tables: [], columns: [] });
    expect([...kept.after]).toEqual([
      [TASKS, { [POSITION_CHECK.name]: POSITION_CHECK, [TITLE_CHECK.name]: TITLE_CHECK }],
    ]);
    expect(Object.keys(kept.after.get(TASKS) ?? {})).toEqual([POSITION_CHECK.name, TITLE_CHECK.name]);
    expect(kept.before).toEqual(kept.after);
    expect(kept.missing).toEqual([{ table: TASKS, name: 'tasks_gone' }]);
    // The snapshot of the design holds them, and its id depends on them.
    const snapshot = buildSnapshot(design, 'p', kept.after);
    expect(snapshot.tables[TASKS]?.checkConstraints).toEqual({
      [POSITION_CHECK.name]: POSITION_CHECK,
      [TITLE_CHECK.name]: TITLE_CHECK,
    });
    expect(snapshot.id).not.toBe(buildSnapshot(design, 'p').id);
  });

  it('finds a renamed table under its old name and renames what the checks say', () => {
    const renamed = renameTable(design, { tableId: 't_tasks', name: 'todos' });
    const kept = keptChecks(renamed, source, {
      tables: [{ from: TASKS, to: 'MoLOS-Tasks_todos' }],
      columns: [{ table: 'MoLOS-Tasks_todos', from: 'title', to: 'headline' }],
    });
    expect(kept.after.get('MoLOS-Tasks_todos')?.[TITLE_CHECK.name]?.value).toBe(
      'length("MoLOS-Tasks_todos"."headline") > 0',
    );
    expect(kept.before.get(TASKS)?.[TITLE_CHECK.name]).toEqual(TITLE_CHECK);
    // Without the rename, the new name has no checks in the source.
    expect(keptChecks(renamed, source).missing.map((m) => m.name)).toEqual([
      POSITION_CHECK.name,
      TITLE_CHECK.name,
      'tasks_gone',
    ]);
  });

  it('withKeptChecks adds them to a snapshot of the code, leaving the input as it was', () => {
    const code = buildSnapshot(loadExample('molos-tasks'));
    const out = withKeptChecks(code, keptChecks(design, source).before);
    expect(Object.keys(out.tables[TASKS]?.checkConstraints ?? {})).toEqual([POSITION_CHECK.name, TITLE_CHECK.name]);
    expect(code.tables[TASKS]?.checkConstraints).toEqual({});
  });
});

describe('nextMigration with kept checks', () => {
  const plain = loadExample('molos-tasks');
  const previous = withChecks(buildSnapshot(plain));

  it('keeps both checks when the code keeps both: nothing to migrate', () => {
    const { design, folder } = exported(keeping(plain, [TITLE_CHECK.name, POSITION_CHECK.name]), previous);
    const m = nextMigration(design, folder, { now: 3 });
    expect(m.kind).toBe('unchanged');
    expect(m.notes).toEqual([]);
    // The page's preview (the stored baseline instead of the folder) agrees.
    expect(migrationSinceBaseline(design)?.kind).toBe('unchanged');
  });

  it('drops a check the code no longer declares, as drizzle-kit would: a rebuild that re-creates the other', async () => {
    const { design, folder } = exported(keeping(plain, [TITLE_CHECK.name]), previous);
    const m = nextMigration(design, folder, { now: 3 });
    expect(m.tag).toBe('0001_alter_tasks');
    expect(m.sql).toContain(
      '\tCONSTRAINT "tasks_title_len" CHECK(length("__new_MoLOS-Tasks_tasks"."title") > 0)\n);\n',
    );
    expect(m.sql).not.toContain('tasks_position_pos');
    expect(Object.keys(m.after.tables[TASKS]?.checkConstraints ?? {})).toEqual([TITLE_CHECK.name]);
    // SQLite takes it, and keeps the check under the table's own name.
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    try {
      const fresh = nextMigration(plain, EMPTY_FOLDER, { now: 1 }).sql;
      db.run(fresh.replaceAll('--> statement-breakpoint', ''));
      db.run(m.sql.replaceAll('--> statement-breakpoint', ''));
      const sql = String(db.exec(`SELECT sql FROM sqlite_master WHERE name = '${TASKS}'`)[0]?.values[0]?.[0]);
      expect(sql).toContain('CONSTRAINT "tasks_title_len" CHECK(length("MoLOS-Tasks_tasks"."title") > 0)');
    } finally {
      db.close();
    }
  });

  it('keeps the checks through a column change that rebuilds the table', () => {
    const { design, folder } = exported(keeping(plain, [TITLE_CHECK.name, POSITION_CHECK.name]), previous);
    const notes = Object.values(design.columns).find((c) => c.tableId === 't_tasks' && c.name === 'notes');
    const edited = updateColumn(design, {
      columnId: notes?.id ?? '',
      patch: { default: { kind: 'literal', value: '' } },
    });
    const m = nextMigration(edited, folder, { now: 3 });
    expect(m.sql).toContain(
      '\tCONSTRAINT "tasks_title_len" CHECK(length("__new_MoLOS-Tasks_tasks"."title") > 0),\n' +
        '\tCONSTRAINT "tasks_position_pos" CHECK("__new_MoLOS-Tasks_tasks"."position" >= 0)\n);\n',
    );
  });

  it('says when the code declares a check the migrations never made', () => {
    const { design, folder } = exported(keeping(plain, ['tasks_new_rule']), buildSnapshot(plain));
    const m = nextMigration(design, folder, { now: 3 });
    expect(m.kind).toBe('unchanged');
    expect(m.notes).toEqual([
      'the code declares CHECK constraint tasks_new_rule (MoLOS-Tasks_tasks), which neither the last snapshot nor ' +
        'the schema the migrations build has: the studio knows only their names, not their SQL, so this migration ' +
        'leaves them out (drizzle-kit generate would add them)',
    ]);
  });
});
