import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { parseTableChecks, readChecks } from './check-constraints';

describe('parseTableChecks', () => {
  it("reads a textEnum's column CHECK with its values", () => {
    const checks = parseTableChecks(
      "CREATE TABLE `t` (`id` text PRIMARY KEY, `status` text CHECK(status IN ('to_do', 'done')) DEFAULT 'to_do' NOT NULL)",
    );
    expect(checks.table).toEqual([]);
    expect(checks.columns.get('status')).toEqual([
      {
        text: "CHECK(status IN ('to_do', 'done'))",
        normalized: "status in ( 'to_do' , 'done' )",
        values: ['to_do', 'done'],
      },
    ]);
  });

  it('gives a table-level CHECK that names one column to that column, without its table qualifier', () => {
    const checks = parseTableChecks(
      'CREATE TABLE "items" ("id" text, "quantity" integer, "low" integer, "high" integer,\n' +
        '  CONSTRAINT "q" CHECK("items"."quantity" > 0),\n  CHECK (low <= high))',
    );
    expect(checks.columns.get('quantity')?.map((c) => c.normalized)).toEqual(['quantity > 0']);
    expect(checks.table.map((c) => c.text)).toEqual(['CHECK (low <= high)']);
  });

  it('compares quoting, spacing and letter case away, but not the values', () => {
    const a = parseTableChecks(`CREATE TABLE t ("Role" text CHECK ( "Role" in ('user','admin') ))`);
    const b = parseTableChecks("CREATE TABLE t (role TEXT CHECK(role IN ('user', 'admin')))");
    const c = parseTableChecks("CREATE TABLE t (role TEXT CHECK(role IN ('User', 'admin')))");
    expect(a.columns.get('role')?.[0]?.normalized).toBe(b.columns.get('role')?.[0]?.normalized);
    expect(c.columns.get('role')?.[0]?.normalized).not.toBe(b.columns.get('role')?.[0]?.normalized);
  });

  it('keeps a quote inside a value and gives no values for other expressions', () => {
    const checks = parseTableChecks("CREATE TABLE t (a text CHECK(a IN ('it''s', 'x')), b text CHECK(length(b) > 2))");
    expect(checks.columns.get('a')?.[0]?.values).toEqual(["it's", 'x']);
    expect(checks.columns.get('b')?.[0]?.values).toBeNull();
  });

  it('reads the checks SQLite keeps for every table', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE a (x text CHECK (x IN ('1'))); CREATE TABLE b AS SELECT 1 AS y;");
    const checks = readChecks(db);
    expect(checks.get('a')?.columns.get('x')?.[0]?.values).toEqual(['1']);
    expect(checks.get('b')).toEqual({ columns: new Map(), table: [], named: [] });
    db.close();
  });
});
