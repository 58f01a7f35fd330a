import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { normalizeExpression, sameDefault, sameType, splitType, typeAffinity } from './same-schema';
import { queryRows } from './sqljs-rows';

describe('normalizeExpression / sameDefault', () => {
  it('ignores spacing, the letter case of words and the quotes of names, never the text of strings', () => {
    expect(normalizeExpression("(strftime('%s', 'now'))")).toBe(normalizeExpression("(STRFTIME('%s','now'))"));
    expect(normalizeExpression("'Now'")).not.toBe(normalizeExpression("'now'"));
    expect(normalizeExpression('"x" + 1')).toBe(normalizeExpression('X+1'));
  });

  it('takes raw snapshot values as SQL: false is 0, and (0) is the constant 0', () => {
    expect(sameDefault(false, '0')).toBe(true);
    expect(sameDefault(0, '(0)')).toBe(true);
    expect(sameDefault(true, 0)).toBe(false);
    expect(sameDefault("'grey'", "'grey'")).toBe(true);
    expect(sameDefault("'grey'", "'Grey'")).toBe(false);
    expect(sameDefault(undefined, undefined)).toBe(true);
    expect(sameDefault(undefined, "''")).toBe(false);
  });
});

describe('typeAffinity', () => {
  it('is the affinity SQLite itself gives each declared type', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const types = [
      'TEXT',
      'varchar(255)',
      'INTEGER',
      'bigint',
      'real',
      'DOUBLE PRECISION',
      'blob',
      '',
      'numeric',
      'boolean',
      'datetime',
      'floating point',
    ];
    db.run(`CREATE TABLE t (${types.map((t, i) => `c${i} ${t}`).join(', ')})`);
    // typeof() of a text '1.5' stored in each column shows its affinity: REAL/NUMERIC convert, TEXT/BLOB do not.
    db.run(`INSERT INTO t VALUES (${types.map(() => "'15'").join(', ')})`);
    const row = queryRows(db, `SELECT ${types.map((_, i) => `typeof(c${i}) AS c${i}`).join(', ')} FROM t`)[0] ?? {};
    db.close();
    const stored = { INTEGER: 'integer', TEXT: 'text', BLOB: 'text', REAL: 'real', NUMERIC: 'integer' } as const;
    types.forEach((t, i) => expect(row[`c${i}`], t).toBe(stored[typeAffinity(t)]));
    expect(types.map(typeAffinity)).toEqual([
      'TEXT',
      'TEXT',
      'INTEGER',
      'INTEGER',
      'REAL',
      'REAL',
      'BLOB',
      'BLOB',
      'NUMERIC',
      'NUMERIC',
      'NUMERIC',
      'INTEGER',
    ]);
  });
});

describe('splitType / sameType', () => {
  it('reads the enum CHECK MoLOS textEnum puts in the type', () => {
    expect(splitType("text CHECK(status IN ('a', 'b'))")).toEqual({ declared: 'text', values: ['a', 'b'] });
    expect(splitType('INTEGER')).toEqual({ declared: 'INTEGER', values: null });
  });

  it('is the same type for the same affinity and the same enum values in any order', () => {
    expect(sameType('TEXT', 'text')).toBe(true);
    expect(sameType('varchar(20)', 'text')).toBe(true);
    expect(sameType('integer', 'real')).toBe(false);
    expect(sameType("text CHECK(s IN ('a', 'b'))", "TEXT CHECK (\"s\" IN ('b','a'))")).toBe(true);
    expect(sameType("text CHECK(s IN ('a', 'b'))", "text CHECK(s IN ('a'))")).toBe(false);
    expect(sameType("text CHECK(s IN ('a', 'b'))", 'text')).toBe(false);
    expect(sameType('integer CHECK(n > 0)', 'integer')).toBe(false);
  });
});
