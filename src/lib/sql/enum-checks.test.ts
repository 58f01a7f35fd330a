import { describe, expect, it } from 'vitest';
import { enumChecks } from './enum-checks';

describe('enumChecks', () => {
  it('reads textEnum CHECKs written inside the column type', () => {
    const sql = `CREATE TABLE \`MoLOS-Tasks_tasks\` (
	\`status\` text CHECK(status IN ('to_do', 'in_progress', 'done')) DEFAULT 'to_do' NOT NULL,
	\`priority\` text CHECK(priority IN ('low', 'medium', 'high')) DEFAULT 'medium' NOT NULL
)`;
    expect([...enumChecks(sql)]).toEqual([
      ['status', ['to_do', 'in_progress', 'done']],
      ['priority', ['low', 'medium', 'high']],
    ]);
  });

  it('handles quoted and qualified names, escaped quotes, parentheses in values and numbers', () => {
    const sql = `CREATE TABLE t (
      a text, b text, c integer, d text,
      CONSTRAINT "a_in" CHECK("MoLOS-X_t"."a" IN ('it''s', 'x)y')),
      CHECK (\`b\` in ('p'))
    , CHECK([c] IN (1, -2, 3.5)), CHECK(d IN ('u', 'v')), CHECK(d IN ('v', 'w')))`;
    expect([...enumChecks(sql)]).toEqual([
      ['a', ["it's", 'x)y']],
      ['b', ['p']],
      ['c', [1, -2, 3.5]],
      ['d', ['v']],
    ]);
  });

  it('ignores other CHECKs', () => {
    expect(enumChecks('CREATE TABLE t (a int, CHECK(length("t"."a") > 0), CHECK(a >= 0))').size).toBe(0);
  });
});

describe('enumChecks on hostile text', () => {
  // issue 14: a CHECK with many quote pairs, in a history or a share link's baseline, once jammed every SQL preview.
  it('reads 30 quote pairs in one pass (a regular expression backtracked exponentially here)', () => {
    const pairs = "''".repeat(30);
    const sql = `CREATE TABLE t (x text CHECK(x IN ('${pairs}') AND 1), y text CHECK(y IN ('${pairs}')))`;
    expect([...enumChecks(sql)]).toEqual([['y', ["'".repeat(30)]]]);
  });

  it('reads unquoted hyphenated table parts, signs, and refuses what is not a list of constants', () => {
    const sql = `CREATE TABLE t (
      a text CHECK(MoLOS-X_t.a IN ('p', 'q')),
      b integer CHECK(b IN (+1, - 2)),
      c text CHECK(c IN (lower('x'))),
      d text CHECK(d NOT IN ('z')),
      e text CHECK(e IN ('u') OR e IS NULL),
      f text check ( f in ( 'v' ) )
    )`;
    expect([...enumChecks(sql)]).toEqual([
      ['a', ['p', 'q']],
      ['b', [1, -2]],
      ['f', ['v']],
    ]);
  });
});
