import type { Database, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldMigrations, goldText, loadSqlJs } from '../../testing/gold-migrations';
import { createStatements, joinStatements } from './create-sql';
import { applyMigrations } from './host-runner';
import { type SchemaDrift, type SchemaMemo, compareSchemas, readSchema } from './schema-report';
import type { Snapshot } from './snapshot-types';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

/** A database built from the fresh `0000` of a gold evolve snapshot. */
function freshFromSnapshot(step: number): Database {
  const snapshot = JSON.parse(
    goldText(`evolve/drizzle/meta/${String(step).padStart(4, '0')}_snapshot.json`),
  ) as Snapshot;
  const result = applyMigrations(SQL, [{ name: '0000_init.sql', sql: joinStatements(createStatements(snapshot)) }]);
  expect(result.ok).toBe(true);
  return result.db;
}

function replayed(upTo: number): Database {
  // 0011 (drizzle-kit bug B11) fails on the host; these tests are about the schema, so read "…" as sql.js alone does.
  const result = applyMigrations(SQL, goldMigrations('evolve/drizzle').slice(0, upTo + 1), {
    doubleQuotedStrings: true,
  });
  expect(result.ok).toBe(true);
  return result.db;
}

function dbFrom(sql: string): Database {
  const db = new SQL.Database();
  db.exec(sql);
  return db;
}

describe('readSchema + compareSchemas on the gold evolve history', () => {
  it('replaying 0000–0013 gives the schema of the 0013 snapshot built fresh', () => {
    const expected = readSchema(freshFromSnapshot(13));
    const actual = readSchema(replayed(13));
    expect(compareSchemas(expected, actual)).toEqual([]);
    expect(actual).toEqual(expected);
    expect(actual.tables.map((t) => t.name)).toEqual([
      'MoLOS-Example_items',
      'project_members',
      'projects',
      'renamed_again',
      'users',
    ]);
    const users = actual.tables.find((t) => t.name === 'users');
    expect(users?.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id TEXT',
      'name TEXT',
      'email TEXT',
      'age REAL',
      'display_name TEXT',
      'created_at INTEGER',
      'bio TEXT',
      'score REAL',
      'manager_id TEXT',
      'is_verified INTEGER',
      'handle TEXT',
    ]);
    expect(users?.foreignKeys).toEqual([]);
  });

  it('finds B8 in steps 0001–0009: ADD COLUMN … REFERENCES dropped the ON DELETE action until 0010 rebuilt users', () => {
    const b8: SchemaDrift[] = [
      {
        table: 'users',
        kind: 'missing-foreign-key',
        name: '(manager_id) → users(id) ON UPDATE NO ACTION ON DELETE SET NULL',
        detail: 'foreign key (manager_id) → users(id) ON UPDATE NO ACTION ON DELETE SET NULL is missing',
      },
      {
        table: 'users',
        kind: 'extra-foreign-key',
        name: '(manager_id) → users(id) ON UPDATE NO ACTION ON DELETE NO ACTION',
        detail: 'foreign key (manager_id) → users(id) ON UPDATE NO ACTION ON DELETE NO ACTION is not expected',
      },
    ];
    for (let step = 0; step <= 13; step++) {
      const drift = compareSchemas(readSchema(freshFromSnapshot(step)), readSchema(replayed(step)));
      expect(drift, `step ${step}`).toEqual(step >= 1 && step <= 9 ? b8 : []);
    }
  });
});

describe('readSchema', () => {
  it('reports columns, normalized indexes and foreign keys, sorted and without bookkeeping tables', () => {
    const db = dbFrom(`
      CREATE TABLE "molos_migrations" (id integer);
      CREATE TABLE "__drizzle_migrations" (id integer PRIMARY KEY AUTOINCREMENT, hash text);
      CREATE TABLE \`users\` (
        \`id\` text PRIMARY KEY NOT NULL,
        \`email\` text NOT NULL UNIQUE,
        \`age\` integer DEFAULT 0,
        \`age2\` integer GENERATED ALWAYS AS (age * 2) VIRTUAL,
        \`boss\` text REFERENCES users,
        UNIQUE (\`age\`, \`boss\`)
      );
      CREATE INDEX \`users_lower_email\` ON \`users\` (lower("email"), \`age\`) WHERE "users"."age" > 18;
      CREATE TABLE \`a_pairs\` (\`x\` text NOT NULL, \`y\` integer NOT NULL, \`z\` real GENERATED ALWAYS AS (y + 0.5) STORED,
        PRIMARY KEY(\`y\`, \`x\`),
        FOREIGN KEY (\`x\`) REFERENCES \`users\`(\`id\`) ON UPDATE cascade ON DELETE set null);
    `);
    expect(readSchema(db)).toEqual({
      tables: [
        {
          name: 'a_pairs',
          columns: [
            { name: 'x', type: 'TEXT', notNull: true, default: null, primaryKey: 2, generated: null },
            { name: 'y', type: 'INTEGER', notNull: true, default: null, primaryKey: 1, generated: null },
            { name: 'z', type: 'REAL', notNull: false, default: null, primaryKey: 0, generated: 'stored' },
          ],
          indexes: [],
          foreignKeys: [{ from: ['x'], table: 'users', to: ['id'], onUpdate: 'CASCADE', onDelete: 'SET NULL' }],
        },
        {
          name: 'users',
          columns: [
            { name: 'id', type: 'TEXT', notNull: true, default: null, primaryKey: 1, generated: null },
            { name: 'email', type: 'TEXT', notNull: true, default: null, primaryKey: 0, generated: null },
            { name: 'age', type: 'INTEGER', notNull: false, default: '0', primaryKey: 0, generated: null },
            { name: 'age2', type: 'INTEGER', notNull: false, default: null, primaryKey: 0, generated: 'virtual' },
            { name: 'boss', type: 'TEXT', notNull: false, default: null, primaryKey: 0, generated: null },
          ],
          indexes: [
            { name: 'unique(age, boss)', unique: true, columns: ['age', 'boss'], partial: false, where: null },
            { name: 'unique(email)', unique: true, columns: ['email'], partial: false, where: null },
            {
              name: 'users_lower_email',
              unique: false,
              columns: ['lower("email")', 'age'],
              partial: true,
              where: '"users"."age" > 18',
            },
          ],
          foreignKeys: [{ from: ['boss'], table: 'users', to: ['id'], onUpdate: 'NO ACTION', onDelete: 'NO ACTION' }],
        },
      ],
    });
    db.close();
  });

  it('does not depend on creation order', () => {
    const a = dbFrom(
      'CREATE TABLE b (id int PRIMARY KEY, v text); CREATE INDEX b_v ON b (v); CREATE INDEX b_a ON b (id, v); CREATE TABLE a (x text UNIQUE, y text UNIQUE);',
    );
    const b = dbFrom(
      'CREATE TABLE a (y text UNIQUE, x text UNIQUE); CREATE TABLE b (id int PRIMARY KEY, v text); CREATE INDEX b_a ON b (id, v); CREATE INDEX b_v ON b (v);',
    );
    const [ra, rb] = [readSchema(a), readSchema(b)];
    // Column order is part of a table, so only a's columns differ; indexes and tables are sorted.
    expect(ra.tables.map((t) => t.name)).toEqual(['a', 'b']);
    expect(ra.tables[0]?.indexes).toEqual(rb.tables[0]?.indexes);
    expect(ra.tables[1]).toEqual(rb.tables[1]);
    expect(compareSchemas(ra, rb)).toEqual([]);
  });
});

describe('compareSchemas', () => {
  it('reports every kind of drift', () => {
    const expected = dbFrom(`
      CREATE TABLE p (id text PRIMARY KEY NOT NULL);
      CREATE TABLE gone (id int);
      CREATE TABLE t (
        id text PRIMARY KEY NOT NULL,
        a integer,
        b text NOT NULL,
        c text DEFAULT 'x',
        d text,
        lost text,
        p_id text REFERENCES p(id) ON DELETE CASCADE
      );
      CREATE INDEX t_a ON t (a);
      CREATE INDEX t_b ON t (b);
      CREATE UNIQUE INDEX t_c ON t (c);
    `);
    const actual = dbFrom(`
      CREATE TABLE p (id text PRIMARY KEY NOT NULL);
      CREATE TABLE surprise (id int);
      CREATE TABLE t (
        id text NOT NULL,
        a real,
        b text,
        c text DEFAULT 'y',
        d text PRIMARY KEY,
        more text,
        p_id text REFERENCES p(id) ON DELETE SET NULL
      );
      CREATE INDEX t_a ON t (a, b);
      CREATE UNIQUE INDEX t_c ON t (c) WHERE c IS NOT NULL;
      CREATE INDEX t_new ON t (d);
    `);
    const drift = compareSchemas(readSchema(expected), readSchema(actual));
    expect(drift.map((d) => [d.table, d.kind, d.name ?? '', d.expected ?? '', d.actual ?? ''])).toEqual([
      ['gone', 'missing-table', '', '', ''],
      ['surprise', 'extra-table', '', '', ''],
      ['t', 'column-primary-key', 'id', '1', '0'],
      ['t', 'column-type', 'a', 'INTEGER', 'REAL'],
      ['t', 'column-not-null', 'b', 'NOT NULL', 'NULL'],
      ['t', 'column-default', 'c', "'x'", "'y'"],
      ['t', 'column-primary-key', 'd', '0', '1'],
      ['t', 'missing-column', 'lost', '', ''],
      ['t', 'extra-column', 'more', '', ''],
      ['t', 'index-definition', 't_a', '(a)', '(a, b)'],
      ['t', 'missing-index', 't_b', '', ''],
      ['t', 'index-definition', 't_c', 'UNIQUE (c)', 'UNIQUE (c) WHERE c IS NOT NULL'],
      ['t', 'extra-index', 't_new', '', ''],
      ['t', 'missing-foreign-key', '(p_id) → p(id) ON UPDATE NO ACTION ON DELETE CASCADE', '', ''],
      ['t', 'extra-foreign-key', '(p_id) → p(id) ON UPDATE NO ACTION ON DELETE SET NULL', '', ''],
    ]);
    expect(drift.find((d) => d.kind === 'column-type')?.detail).toBe('column a: type INTEGER expected, REAL found');
    expect(drift.find((d) => d.kind === 'missing-table')?.detail).toBe('table gone is missing');
  });

  it('compares types case-insensitively and tells generated columns apart', () => {
    const a = readSchema(dbFrom('CREATE TABLE t (x text, y integer GENERATED ALWAYS AS (1) VIRTUAL)'));
    const b = readSchema(dbFrom('CREATE TABLE t (x TEXT, y integer GENERATED ALWAYS AS (1) STORED)'));
    expect(compareSchemas(a, b).map((d) => [d.kind, d.name, d.expected, d.actual])).toEqual([
      ['column-type', 'y', 'INTEGER GENERATED VIRTUAL', 'INTEGER GENERATED STORED'],
    ]);
  });
});

describe('readSchema with a memo', () => {
  it('gives exactly what a fresh read gives after each change, and reuses unchanged tables', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    const memo: SchemaMemo = new Map();
    const steps = [
      'CREATE TABLE a (id text PRIMARY KEY NOT NULL, name text)',
      'CREATE TABLE b (id text PRIMARY KEY NOT NULL, a_id text REFERENCES a ON DELETE cascade)',
      'CREATE UNIQUE INDEX b_a_idx ON b (a_id)',
      'ALTER TABLE a ADD COLUMN extra integer DEFAULT 1',
      'DROP INDEX b_a_idx',
      // b's implicit target (a's primary key) follows a change of a alone.
      'CREATE TABLE c (k integer PRIMARY KEY, x text)',
      'ALTER TABLE b RENAME TO b2',
      'DROP TABLE c',
    ];
    for (const sql of steps) {
      db.run(sql);
      const before = new Map(memo);
      const withMemo = readSchema(db, memo);
      expect(withMemo).toEqual(readSchema(db));
      if (sql.startsWith('ALTER TABLE a')) expect(memo.get('b')).toBe(before.get('b'));
    }
    expect([...memo.keys()].sort()).toEqual(['a', 'b2']);
    db.close();
  });
});
