import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hostChecksum,
  hostStatements,
  migrationVersion,
  nameProblem,
  normalizeForChecksum,
  sortMigrationFiles,
} from './host-files';

describe('nameProblem', () => {
  it.each([
    ['0000_init.sql', null],
    ['0013_drop_fk_and_unique.sql', null],
    ['7_x.sql', null],
    ['0001_add_x.down.sql', 'down-file'],
    ['0001_Add_X.sql', 'invalid-name'],
    ['0001-add.sql', 'invalid-name'],
    ['add_x.sql', 'invalid-name'],
    ['0001_add x.sql', 'invalid-name'],
    ['0001_.sql', 'invalid-name'],
    ['README.md', 'not-sql'],
  ])('%s → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});

describe('migrationVersion and sortMigrationFiles', () => {
  it('reads the numeric prefix', () => {
    expect(migrationVersion('0012_x.sql')).toBe(12);
    expect(migrationVersion('x.sql')).toBeNull();
  });

  it('orders by number, then by name for equal numbers (the host shipped two 0013 files)', () => {
    const names = ['10_b.sql', '0013_public_wolverine.sql', '9_a.sql', '0013_add_error_build_status.sql', '0002_c.sql'];
    const sorted = sortMigrationFiles(names.map((name) => ({ name }))).map((f) => f.name);
    expect(sorted).toEqual([
      '0002_c.sql',
      '9_a.sql',
      '10_b.sql',
      '0013_add_error_build_status.sql',
      '0013_public_wolverine.sql',
    ]);
  });
});

describe('hostStatements', () => {
  it('splits on the breakpoint, trims, and drops empty chunks and a trailing breakpoint', () => {
    const sql =
      'CREATE TABLE `a` (`x` int);--> statement-breakpoint\nCREATE INDEX `i` ON `a` (`x`);--> statement-breakpoint\n';
    expect(hostStatements(sql)).toEqual({
      statements: ['CREATE TABLE `a` (`x` int);', 'CREATE INDEX `i` ON `a` (`x`);'],
      ignored: [],
    });
  });

  it('drops a whole chunk that starts with a comment, even when SQL follows it', () => {
    const sql = 'CREATE TABLE a (x int);--> statement-breakpoint\n-- tidy up\nDROP TABLE b;';
    expect(hostStatements(sql)).toEqual({
      statements: ['CREATE TABLE a (x int);'],
      ignored: ['-- tidy up\nDROP TABLE b;'],
    });
  });

  it('falls back to splitting on semicolons outside quotes when there is no breakpoint', () => {
    const sql = 'INSERT INTO t VALUES (\'a;b\');\nUPDATE t SET v = "x;y";\n-- done;\n';
    expect(hostStatements(sql)).toEqual({
      statements: ["INSERT INTO t VALUES ('a;b')", 'UPDATE t SET v = "x;y"'],
      ignored: ['-- done'],
    });
  });
});

describe('hostChecksum', () => {
  it('is the SHA-256 hex of the normalized text', () => {
    expect(hostChecksum('SELECT 1;')).toBe(createHash('sha256').update('SELECT 1;').digest('hex'));
    expect(hostChecksum('SELECT 1;')).toBe('17db4fd369edb9244b9f91d9aeed145c3d04ad8ba6e95d06247f07a63527d11a');
  });

  it('ignores whitespace-only edits, as the host does', () => {
    const a = 'CREATE TABLE `a` (\n\t`x` int\n);\n';
    const b = 'CREATE TABLE `a` (\r\n    `x`   int\r\n\r\n);';
    expect(normalizeForChecksum(b)).toBe('CREATE TABLE `a` (\n `x` int\n);');
    expect(hostChecksum(a)).toBe(hostChecksum(b));
    expect(hostChecksum(a)).not.toBe(hostChecksum('CREATE TABLE `a` (`x` integer);'));
  });
});
