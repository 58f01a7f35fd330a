/**
 * The analyzer's claims, checked against the real engines: gold migrations applied the way the MoLOS host does
 * (split on the breakpoint, each chunk one prepared statement, one transaction, foreign keys on) in
 * better-sqlite3, and in sql.js where the two differ.
 */
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot-types';
import { analyzeMigration } from './analyze';
import { BREAKPOINT_MARKER } from './split';
import type { SafetyFinding } from './types';

const GOLD = resolve(import.meta.dirname, '../../../../fixtures/drizzle-kit-gold');
const read = (path: string) => readFileSync(join(GOLD, path), 'utf8');
type Db = Database.Database;

/** Runs a file like the host: one transaction, foreign keys on, each chunk prepared as one statement. */
function applyLikeHost(db: Db, sql: string): void {
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const chunk of sql.split(BREAKPOINT_MARKER)) db.prepare(chunk).run();
  })();
}

/** Sets a database up to a given state without foreign-key side effects (they are what we test later). */
function setUp(db: Db, sql: string): void {
  db.pragma('foreign_keys = OFF');
  db.exec(sql);
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

function alterCase(id: string) {
  const dir = readdirSync(join(GOLD, 'alter')).find((d) => d.startsWith(`${id}_`))!;
  const name = readdirSync(join(GOLD, 'alter', dir, 'drizzle')).find((f) => f.startsWith('0001_'))!;
  return {
    name,
    base: read(`alter/${dir}/drizzle/0000_base.sql`),
    sql: read(`alter/${dir}/drizzle/${name}`),
    before: JSON.parse(read(`alter/${dir}/drizzle/meta/0000_snapshot.json`)) as Snapshot,
  };
}

/** An alter case's base schema with the shared seed rows, in better-sqlite3. */
function seededAlterDb(c: { base: string }): Db {
  const db = new Database(':memory:');
  setUp(db, c.base);
  setUp(db, read('alter/seeds/0000_base.sql'));
  return db;
}

const errorsOf = (c: { name: string; sql: string; before: Snapshot }) =>
  analyzeMigration({ name: c.name, sql: c.sql, moduleId: 'MoLOS-Example', host: 'older' }, c.before).filter(
    (f) => f.severity === 'error',
  );
const the = (fs: SafetyFinding[], code: string) => fs.find((f) => f.code === code)!;

describe('the hazards really happen', () => {
  it('a01: a hyphenated unquoted REFERENCES target is a syntax error', () => {
    const c = alterCase('a01');
    expect(the(errorsOf(c), 'add-references-unquoted').params.char).toBe('-');
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow('near "-": syntax error');
  });

  it('a01b: the ON DELETE cascade the schema declares is lost', () => {
    const c = alterCase('a01b');
    expect(read('alter/a01b_add_fk_column_plain_target_cascade/v1.ts')).toContain("onDelete: 'cascade'");
    const db = seededAlterDb(c);
    applyLikeHost(db, c.sql);
    const fk = db.prepare("SELECT * FROM pragma_foreign_key_list('pairs')").all() as { on_delete: string }[];
    expect(fk.map((r) => r.on_delete)).toEqual(['NO ACTION']);
  });

  it('a02: NOT NULL without default fails on a table with rows', () => {
    const c = alterCase('a02');
    expect(the(errorsOf(c), 'add-not-null-without-default')).toBeDefined();
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow(
      'Cannot add a NOT NULL column with default value NULL',
    );
  });

  it('a06: a new column in the rebuild copy fails on better-sqlite3 and writes its name on sql.js', async () => {
    const c = alterCase('a06');
    expect(the(errorsOf(c), 'rebuild-selects-new-column').params.column).toBe('extra');
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow(/no such column: "?extra/);

    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec(c.base);
    db.exec(read('alter/seeds/0000_base.sql'));
    db.exec('PRAGMA foreign_keys = ON; BEGIN;');
    db.exec(c.sql);
    db.exec('COMMIT;');
    expect(db.exec('SELECT extra FROM pairs')[0]?.values).toEqual([['extra']]);
    db.close();
  });

  it('a05b: inserting into a generated column fails', () => {
    const c = alterCase('a05b');
    expect(the(errorsOf(c), 'rebuild-inserts-generated-column')).toBeDefined();
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow('cannot INSERT into generated column');
  });

  it('a25: a view over the rebuilt table makes the rename fail', () => {
    const c = alterCase('a25');
    expect(the(errorsOf(c), 'rebuild-table-used-by-view').params.view).toBe('v_kids');
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow('error in view v_kids');
  });

  it('a26: the backticked expression index fails with "no such column"', () => {
    const c = alterCase('a26');
    expect(the(errorsOf(c), 'index-expression-quoted')).toBeDefined();
    expect(() => applyLikeHost(seededAlterDb(c), c.sql)).toThrow('no such column');
  });

  it.each(['a18', 'a21', 'a13'])('%s: the children named by the analyzer lose their rows', (id) => {
    const c = alterCase(id);
    const f = errorsOf(c).find((x) => x.code === 'rebuild-cascade' || x.code === 'drop-parent-table-before-pragma')!;
    expect(f.params.deleted).toBe('kids');
    const db = seededAlterDb(c);
    expect(count(db, 'kids')).toBe(1);
    applyLikeHost(db, c.sql);
    expect(count(db, 'kids')).toBe(0);
  });

  it('evolve 0010: rebuilding users deletes the rows the analyzer names and nulls the self-reference', () => {
    const db = new Database(':memory:');
    const steps = readdirSync(join(GOLD, 'evolve/drizzle'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const step of steps.slice(0, 10)) {
      setUp(db, read(`evolve/drizzle/${step}`));
      if (step.startsWith('0000')) setUp(db, read('evolve/seeds/0000_init.sql'));
    }
    setUp(db, read('evolve/seeds/0009_new_table.sql'));
    db.prepare("UPDATE users SET manager_id = 'u1' WHERE id = 'u2'").run();

    const sql = read(`evolve/drizzle/${steps[10]}`);
    const before = JSON.parse(read('evolve/drizzle/meta/0009_snapshot.json')) as Snapshot;
    const f = analyzeMigration({ name: steps[10]!, sql, moduleId: 'MoLOS-Example', host: 'older' }, before).find(
      (x) => x.code === 'rebuild-cascade',
    )!;
    const deleted = ['project_members', 'projects', 'MoLOS-Example_items'];
    expect(`${f.params.deleted}, ${f.params.deletedVia}`).toBe(
      'project_members, projects, MoLOS-Example_items (via projects)',
    );
    for (const t of deleted) expect(count(db, t), t).toBeGreaterThan(0);

    applyLikeHost(db, sql);
    for (const t of deleted) expect(count(db, t), t).toBe(0);
    expect(count(db, 'users')).toBe(2);
    expect(db.prepare("SELECT manager_id FROM users WHERE id = 'u2'").get()).toEqual({ manager_id: null });
  });

  it('evolve 0004: NOT NULL on a column holding NULL fails', () => {
    const db = new Database(':memory:');
    for (const n of ['0000_init', '0001_add_columns', '0002_drop_column', '0003_rename_column']) {
      setUp(db, read(`evolve/drizzle/${n}.sql`));
    }
    db.prepare("INSERT INTO projects (id, owner_id, title, priority) VALUES ('p', 'u', 'P', NULL)").run();
    expect(() => applyLikeHost(db, read('evolve/drizzle/0004_alter_notnull_default.sql'))).toThrow(
      'NOT NULL constraint failed: __new_projects.priority',
    );
  });
});

describe('synthetic cases really happen', () => {
  const parentChild = (action: string) => {
    const db = new Database(':memory:');
    setUp(
      db,
      'CREATE TABLE `MoLOS-T_p` (`id` text PRIMARY KEY NOT NULL, `n` text);' +
        `CREATE TABLE \`MoLOS-T_c\` (\`id\` text PRIMARY KEY NOT NULL, \`p\` text REFERENCES \`MoLOS-T_p\`(\`id\`) ON DELETE ${action});` +
        "INSERT INTO `MoLOS-T_p` VALUES ('p1', NULL); INSERT INTO `MoLOS-T_c` VALUES ('c1', 'p1');",
    );
    return db;
  };
  const before = (action: string): Snapshot =>
    ({
      tables: {
        'MoLOS-T_p': {
          name: 'MoLOS-T_p',
          columns: {
            id: { name: 'id', type: 'text', primaryKey: true, notNull: true, autoincrement: false },
            n: { name: 'n', type: 'text', primaryKey: false, notNull: false, autoincrement: false },
          },
          indexes: {},
          foreignKeys: {},
        },
        'MoLOS-T_c': {
          name: 'MoLOS-T_c',
          columns: {},
          indexes: {},
          foreignKeys: {
            fk: {
              name: 'fk',
              tableFrom: 'MoLOS-T_c',
              tableTo: 'MoLOS-T_p',
              columnsFrom: ['p'],
              columnsTo: ['id'],
              onDelete: action,
              onUpdate: 'no action',
            },
          },
        },
      },
    }) as unknown as Snapshot;
  const rebuild = [
    'PRAGMA foreign_keys=OFF;',
    'CREATE TABLE `__new_MoLOS-T_p` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`n` integer\n);\n',
    'INSERT INTO `__new_MoLOS-T_p`("id", "n") SELECT "id", "n" FROM `MoLOS-T_p`;',
    'DROP TABLE `MoLOS-T_p`;',
    'ALTER TABLE `__new_MoLOS-T_p` RENAME TO `MoLOS-T_p`;',
    'PRAGMA foreign_keys=ON;',
  ].join('--> statement-breakpoint\n');
  const cascadeOf = (action: string) =>
    analyzeMigration({ name: '0001_type.sql', sql: rebuild, moduleId: 'MoLOS-T', host: 'older' }, before(action)).find(
      (f) => f.code === 'rebuild-cascade',
    )!.params;

  it('no action / restrict child: the migration fails', () => {
    for (const action of ['no action', 'restrict']) {
      expect(cascadeOf(action).blocked).toBe(`MoLOS-T_c (${action})`);
      expect(() => applyLikeHost(parentChild(action), rebuild)).toThrow('FOREIGN KEY constraint failed');
    }
  });

  it('set null child: the references are nulled', () => {
    expect(cascadeOf('set null').nulled).toBe('MoLOS-T_c.p');
    const db = parentChild('set null');
    applyLikeHost(db, rebuild);
    expect(db.prepare('SELECT p FROM `MoLOS-T_c`').all()).toEqual([{ p: null }]);
  });

  it('ADD with a non-constant default or a REFERENCES default fails on a table with rows', () => {
    const add = (col: string) => `ALTER TABLE \`MoLOS-T_c\` ADD ${col};`;
    const cases = [
      [
        add("`t` integer DEFAULT (strftime('%s','now')) NOT NULL"),
        'add-column-non-constant-default',
        'non-constant default',
      ],
      [add("`q` text DEFAULT 'p1' REFERENCES `MoLOS-T_p`(`id`)"), 'add-references-with-default', 'non-NULL default'],
      [add('`u` text UNIQUE'), 'add-column-unique-or-primary-key', 'Cannot add a UNIQUE column'],
    ] as const;
    for (const [sql, code, error] of cases) {
      const fs = analyzeMigration({ name: '0001_a.sql', sql, moduleId: 'MoLOS-T', host: 'older' });
      expect(fs.map((f) => `${f.severity}:${f.code}`)).toEqual([`error:${code}`]);
      expect(() => applyLikeHost(parentChild('cascade'), sql)).toThrow(error);
    }
  });

  it('a parenthesised literal default is constant: SQLite adds it to a table with rows, and no finding says otherwise', () => {
    for (const def of ['(1)', "('x')", '(-1)']) {
      const sql = `ALTER TABLE \`MoLOS-T_c\` ADD \`k\` integer DEFAULT ${def} NOT NULL;`;
      expect(analyzeMigration({ name: '0001_a.sql', sql, moduleId: 'MoLOS-T', host: 'older' })).toEqual([]);
      expect(() => applyLikeHost(parentChild('cascade'), sql)).not.toThrow();
    }
    const nullDefault = 'ALTER TABLE `MoLOS-T_c` ADD `k` integer DEFAULT (NULL) NOT NULL;';
    expect(
      analyzeMigration({ name: '0001_a.sql', sql: nullDefault, moduleId: 'MoLOS-T', host: 'older' }).map((f) => f.code),
    ).toEqual(['add-not-null-without-default']);
    expect(() => applyLikeHost(parentChild('cascade'), nullDefault)).toThrow(
      'Cannot add a NOT NULL column with default value NULL',
    );
  });

  it('a rebuild copy that gives a NOT NULL column without default no value fails on the first row', () => {
    const copyInto = (column: string) =>
      [
        `CREATE TABLE \`__new_MoLOS-T_c\` (\n\t\`id\` text PRIMARY KEY NOT NULL,\n\t\`p\` text,\n\t${column}\n);\n`,
        'INSERT INTO `__new_MoLOS-T_c`("id", "p") SELECT "id", "p" FROM `MoLOS-T_c`;',
        'DROP TABLE `MoLOS-T_c`;',
        'ALTER TABLE `__new_MoLOS-T_c` RENAME TO `MoLOS-T_c`;',
      ].join('--> statement-breakpoint\n');
    const codes = (sql: string) =>
      analyzeMigration({ name: '0001_a.sql', sql, moduleId: 'MoLOS-T', host: 'older' })
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.code}:${String(f.params.column)}`);
    const missing = copyInto('`score` integer NOT NULL');
    expect(codes(missing)).toEqual(['rebuild-copy-misses-not-null-column:score']);
    expect(() => applyLikeHost(parentChild('cascade'), missing)).toThrow(
      'NOT NULL constraint failed: __new_MoLOS-T_c.score',
    );
    // With a default, the column gets a value without one in the copy.
    for (const ok of ['`score` integer DEFAULT 0 NOT NULL', '`score` integer DEFAULT (1) NOT NULL']) {
      expect(codes(copyInto(ok))).toEqual([]);
      expect(() => applyLikeHost(parentChild('cascade'), copyInto(ok))).not.toThrow();
    }
  });

  it('empty, comment-only and two-statement chunks fail in a one-statement-per-chunk runner', () => {
    const cases = [
      ['DROP INDEX IF EXISTS a;--> statement-breakpoint\n', 'trailing-breakpoint', 'contains no statements'],
      ['DROP INDEX IF EXISTS a;--> statement-breakpoint\n-- note\n', 'empty-chunk', 'contains no statements'],
      ['DROP INDEX IF EXISTS a; DROP INDEX IF EXISTS b;', 'multiple-statements-in-chunk', 'more than one statement'],
    ] as const;
    for (const [sql, code, error] of cases) {
      expect(analyzeMigration({ name: '0001_a.sql', sql, moduleId: '', host: 'older' }).map((f) => f.code)).toEqual([
        code,
      ]);
      expect(() => applyLikeHost(new Database(':memory:'), sql)).toThrow(error);
    }
    // ; inside a string stays one statement for SQLite too.
    const one = "CREATE TABLE t (s text DEFAULT 'a;b');";
    expect(analyzeMigration({ name: '0001_a.sql', sql: one, moduleId: '', host: 'older' })).toEqual([]);
    expect(() => applyLikeHost(new Database(':memory:'), one)).not.toThrow();
  });
});
