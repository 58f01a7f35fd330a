import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { parseTableChecks } from './table-checks';

describe('parseTableChecks: named table-level checks', () => {
  it('lists drizzle-kit\'s CONSTRAINT "name" CHECK(…) items with their expressions exactly as written, in order', () => {
    const sql =
      'CREATE TABLE `MoLOS-X_items` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`low` integer NOT NULL,\n\t`high` integer NOT NULL,\n' +
      "\t`kind` text CHECK(kind IN ('a', 'b')),\n" +
      '\tCONSTRAINT "MoLOS-X_items_order" CHECK("MoLOS-X_items"."low" <= "MoLOS-X_items"."high"),\n' +
      '\tCONSTRAINT "MoLOS-X_items_low" CHECK("MoLOS-X_items"."low" >= 0)\n);\n';
    const checks = parseTableChecks(sql);
    expect(checks.named).toEqual([
      { name: 'MoLOS-X_items_order', value: '"MoLOS-X_items"."low" <= "MoLOS-X_items"."high"' },
      { name: 'MoLOS-X_items_low', value: '"MoLOS-X_items"."low" >= 0' },
    ]);
    // They are still where the drift comparison looks for them: by column, or for the whole table.
    expect(checks.table.map((c) => c.normalized)).toEqual(['low < = high']);
    expect(checks.columns.get('low')?.map((c) => c.normalized)).toEqual(['low > = 0']);
    expect(checks.columns.get('kind')?.[0]?.values).toEqual(['a', 'b']);
  });

  it('reads hand-written spellings: bare, backticked or bracketed names, spaces, nested parentheses, comments', () => {
    const checks = parseTableChecks(
      'CREATE TABLE t (a integer, b text,\n' +
        '  constraint a_pos check ( a > 0 ),\n' +
        '  CONSTRAINT `b_len` CHECK (length(b) IN (1, 2)) -- a comment\n,' +
        "  CONSTRAINT [both] CHECK (a > 0 AND b <> 'x)'),\n" +
        '  CHECK (a < 100),\n' +
        '  CONSTRAINT pk PRIMARY KEY (a))',
    );
    expect(checks.named).toEqual([
      { name: 'a_pos', value: 'a > 0' },
      { name: 'b_len', value: 'length(b) IN (1, 2)' },
      { name: 'both', value: "a > 0 AND b <> 'x)'" },
    ]);
    expect(checks.table.map((c) => c.text)).toEqual(["CHECK (a > 0 AND b <> 'x)')"]);
  });

  it('leaves out unnamed checks and checks inside a column definition', () => {
    const checks = parseTableChecks(
      "CREATE TABLE t (a integer CONSTRAINT a_col CHECK (a > 0), b text CHECK (b <> ''), CHECK (a < 9))",
    );
    expect(checks.named).toEqual([]);
    expect(parseTableChecks('CREATE TABLE t AS SELECT 1 AS x').named).toEqual([]);
  });

  it('reads back what SQLite keeps after a rebuild renamed the table: the qualifier names the table again', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      'CREATE TABLE `__new_MoLOS-X_items` (`id` text, `q` integer, CONSTRAINT "q_pos" CHECK("__new_MoLOS-X_items"."q" > 0));' +
        'ALTER TABLE `__new_MoLOS-X_items` RENAME TO `MoLOS-X_items`;',
    );
    const row = db.exec("SELECT sql FROM sqlite_master WHERE name = 'MoLOS-X_items'")[0]?.values[0]?.[0];
    db.close();
    expect(parseTableChecks(String(row)).named).toEqual([{ name: 'q_pos', value: '"MoLOS-X_items"."q" > 0' }]);
  });
});
