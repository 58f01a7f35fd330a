import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY, driftSentence } from './drift-text';
import { diffSchemas } from './schema-diff';
import { schemaFacts } from './schema-facts';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function facts(sql: string) {
  const db = new SQL.Database();
  db.exec(sql);
  const out = schemaFacts(db);
  db.close();
  return out;
}

const names = { other: 'tables.ts', has: 'declares', lacks: 'does not declare' };
const diff = (history: string, other: string) =>
  diffSchemas(facts(history), facts(other)).map((d) => `${d.kind} ${d.table}: ${driftSentence(d, names)}`);

describe('diffSchemas', () => {
  it('names each difference of a column with both sides, in the order of the columns', () => {
    expect(
      diff(
        "CREATE TABLE t (id text PRIMARY KEY, role text DEFAULT 'user' NOT NULL CHECK(role IN ('user', 'admin')), n integer);",
        'CREATE TABLE t (id text PRIMARY KEY, role text, n text);',
      ),
    ).toEqual([
      `column-not-null t: column role: ${HISTORY} builds it NOT NULL; tables.ts says nullable`,
      `column-default t: column role: ${HISTORY} builds DEFAULT 'user'; tables.ts says no default`,
      `column-check t: column role: ${HISTORY} builds CHECK(role IN ('user', 'admin')); tables.ts says no CHECK`,
      `column-type t: column n: ${HISTORY} builds type INTEGER; tables.ts says type TEXT`,
    ]);
  });

  it('reports a missing table or column once, not everything inside it', () => {
    expect(
      diff(
        'CREATE TABLE a (id text PRIMARY KEY, x text NOT NULL); CREATE INDEX a_x ON a (x);',
        'CREATE TABLE a (id text PRIMARY KEY); CREATE TABLE b (id text);',
      ),
    ).toEqual([
      `extra-column a: column x: ${HISTORY} builds it (text NOT NULL); tables.ts does not declare it`,
      `extra-index a: index a_x: ${HISTORY} builds it (index a_x (x)); tables.ts does not declare it`,
      `missing-table b: tables.ts declares table b; ${HISTORY} does not build it`,
    ]);
  });

  it('sees no difference in spelling (type case, equal defaults); a UNIQUE constraint and a unique index differ in name only', () => {
    expect(
      diff(
        "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, email text UNIQUE, on_ integer DEFAULT (0), at integer DEFAULT (strftime('%s', 'now')), b integer DEFAULT false);",
        "CREATE TABLE t (id text PRIMARY KEY NOT NULL, email text, on_ integer DEFAULT 0, at integer DEFAULT (strftime('%s','now')), b integer DEFAULT 0); CREATE UNIQUE INDEX t_email_unique ON t (email);",
      ),
    ).toEqual([
      `unique-name t: UNIQUE (email): ${HISTORY} builds it as a UNIQUE constraint; tables.ts says unique index t_email_unique`,
    ]);
  });

  it('tells a renamed index from a different one, and compares foreign key actions', () => {
    expect(
      diff(
        'CREATE TABLE p (id text PRIMARY KEY); CREATE TABLE c (id text, p_id text REFERENCES p(id) ON DELETE CASCADE); CREATE INDEX c_p ON c (p_id);',
        'CREATE TABLE p (id text PRIMARY KEY); CREATE TABLE c (id text, p_id text REFERENCES p(id)); CREATE INDEX c_p_idx ON c (p_id);',
      ),
    ).toEqual([
      `index-name c: index c_p: ${HISTORY} builds it; tables.ts declares the same index as c_p_idx`,
      `foreign-key-actions c: foreign key (p_id) → p(id): ${HISTORY} builds it ON UPDATE no action ON DELETE cascade; tables.ts says ON UPDATE no action ON DELETE no action`,
    ]);
  });
});
