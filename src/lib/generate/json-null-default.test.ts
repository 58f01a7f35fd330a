/**
 * A JSON default of `null` (`{ kind: 'json', json: 'null' }`): what we write, and why it cannot be "fixed" in the
 * SQL. The real drizzle-kit writes `.default(null)` on `text(…, { mode: 'json' })` as `DEFAULT 'null'` — the text
 * "null", not SQL NULL (`j_null` in drizzle-kit.test.ts proves our SQL and snapshot are byte for byte its own, and
 * writing anything else would make drizzle-kit find a change on its next run). drizzle-orm, however, sends SQL NULL
 * for a column left out of an insert whose `.default` is null. So the same design gives rows NULL (inserted by the
 * app) and rows 'null' (added by the migration, or inserted in SQL) — and on a NOT NULL column, every insert by the
 * app that leaves the column out fails. The design rule must warn (nullable) or refuse (NOT NULL) instead.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { addColumn } from '../core/operations';
import { initialMigrationSql } from '../sql/migration-files';
import { loadExample } from '../../testing/examples';
import { generateModuleFiles } from './module-files';

const ITEMS = 'MoLOS-Example_items';

describe('a JSON default of null', () => {
  // issue 14: the default is written as the string 'null' — as drizzle-kit writes it, so ours stays its bytes.
  it("is written as drizzle-kit writes it, DEFAULT 'null', and `.default(null)` in the code", async () => {
    const design = addColumn(loadExample('molos-example'), {
      tableId: 't_items',
      name: 'extra',
      type: 'text',
      mode: 'json',
      default: { kind: 'json', json: 'null' },
    });
    expect(initialMigrationSql(design)).toContain("`extra` text DEFAULT 'null'");
    const files = await generateModuleFiles(design, { layout: 'legacy', skipMigration: true });
    expect(files.find((f) => f.role === 'schema')?.content).toMatch(
      /extra: text\("extra", \{ mode: "json" \}\)[^,]*\.default\(null\)/,
    );
  });

  // issue 14: why the rule, not the SQL, must answer it — drizzle-orm and drizzle-kit disagree on what it means.
  it('gives NULL to rows the app inserts and the text null to rows SQL inserts; NOT NULL makes every app insert fail', () => {
    const db = new Database(':memory:');
    db.exec(
      `CREATE TABLE \`${ITEMS}\` (\`id\` text PRIMARY KEY NOT NULL, \`extra\` text DEFAULT 'null', \`must\` text DEFAULT 'null' NOT NULL)`,
    );
    const items = sqliteTable(ITEMS, {
      id: text('id').primaryKey(),
      extra: text('extra', { mode: 'json' }).default(null),
      must: text('must', { mode: 'json' }).notNull().default(null),
    });
    const orm = drizzle(db);
    expect(orm.insert(items).values({ id: 'app' }).toSQL().sql).toBe(
      `insert into "${ITEMS}" ("id", "extra", "must") values (?, null, null)`,
    );
    expect(() => orm.insert(items).values({ id: 'app' }).run()).toThrow(/NOT NULL constraint failed/);
    db.exec(`INSERT INTO \`${ITEMS}\` (id) VALUES ('sql');`);
    orm.insert(items).values({ id: 'app', must: [] }).run();
    expect(db.prepare(`SELECT id, extra, typeof(extra) AS t FROM \`${ITEMS}\` ORDER BY id`).all()).toEqual([
      { id: 'app', extra: null, t: 'null' },
      { id: 'sql', extra: 'null', t: 'text' },
    ]);
    // Read through drizzle both look alike, while `WHERE extra IS NULL` finds one of them.
    expect(orm.select({ id: items.id, extra: items.extra }).from(items).all()).toEqual([
      { id: 'sql', extra: null },
      { id: 'app', extra: null },
    ]);
    db.close();
  });
});
