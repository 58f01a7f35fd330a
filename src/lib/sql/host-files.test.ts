import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fileOffset,
  hostChecksum,
  hostStatements,
  hostTolerates,
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
    ['0001_x.sql.sql', 'invalid-name'],
    ['README.md', 'not-sql'],
    // Names the pattern would accept without `.sql`: the host never lists them.
    ['0001_add_x', 'not-sql'],
    ['0001_add_x.SQL', 'not-sql'],
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

describe('hostStatements with breakpoints', () => {
  const texts = (sql: string) => hostStatements(sql).statements;

  it('splits on the breakpoint, trims, and drops empty chunks and a trailing breakpoint', () => {
    const sql =
      'CREATE TABLE `a` (`x` int);--> statement-breakpoint\n\n--> statement-breakpoint\nCREATE INDEX `i` ON `a` (`x`);--> statement-breakpoint\n';
    expect(hostStatements(sql)).toMatchObject({
      split: 'breakpoint',
      statements: ['CREATE TABLE `a` (`x` int);', 'CREATE INDEX `i` ON `a` (`x`);'],
      commentOnly: [],
    });
    expect(hostStatements(sql).pieces.map((p) => p.chunk)).toEqual([0, 2]);
  });

  it('runs a chunk that starts with comment lines: only the comment lines are dropped', () => {
    const sql =
      'CREATE TABLE a (x int);--> statement-breakpoint\n\n-- Create personas table\n--\nCREATE TABLE b (y int);';
    expect(texts(sql)).toEqual(['CREATE TABLE a (x int);', 'CREATE TABLE b (y int);']);
  });

  it('drops comment lines wherever they are in the chunk, indented ones too', () => {
    const sql =
      'SELECT 1;--> statement-breakpoint\nCREATE TABLE b (\n  -- the key\n  id int,\n\t-- a note\n  v text\n);';
    expect(texts(sql)[1]).toBe('CREATE TABLE b (\n  id int,\n  v text\n);');
  });

  it('keeps a comment line that holds a ; and sends it to SQLite', () => {
    const sql = 'SELECT 1;--> statement-breakpoint\n-- first; then\nCREATE TABLE b (y int);\n-- done';
    expect(texts(sql)[1]).toBe('-- first; then\nCREATE TABLE b (y int);');
  });

  it('drops a chunk of comment lines only, and tells it apart', () => {
    const sql =
      'SELECT 1;--> statement-breakpoint\n-- just a note\n  -- and another\n--> statement-breakpoint\nSELECT 2;';
    expect(hostStatements(sql)).toMatchObject({
      statements: ['SELECT 1;', 'SELECT 2;'],
      commentOnly: ['-- just a note\n  -- and another'],
    });
    expect(hostStatements(sql).pieces.map((p) => p.chunk)).toEqual([0, 2]);
  });

  it('cuts lines on \\n only: a CRLF comment line is still a comment line (trim removes the \\r)', () => {
    const sql = 'SELECT 1;\r\n--> statement-breakpoint\r\n-- note\r\nSELECT 2;\r\n';
    expect(texts(sql)).toEqual(['SELECT 1;', 'SELECT 2;']);
  });

  it('drops a line inside a string literal when it looks like a comment, as the host does', () => {
    const sql = "SELECT 1;--> statement-breakpoint\nINSERT INTO t VALUES ('a\n-- b\nc');";
    expect(texts(sql)[1]).toBe("INSERT INTO t VALUES ('a\nc');");
  });

  it('maps every offset of a piece back to the file', () => {
    const sql = 'SELECT 1;--> statement-breakpoint\n\n-- note\nCREATE TABLE b (\n  -- key\n  id int\n);';
    const piece = hostStatements(sql).pieces[1];
    if (!piece) throw new Error('no piece');
    for (const word of ['CREATE', 'id int', ');']) {
      expect(sql.slice(fileOffset(piece, piece.text.indexOf(word))).startsWith(word)).toBe(true);
    }
    // Every character of the piece is the file's character at the mapped offset (the joins are the file's \\n).
    expect([...piece.text].every((ch, i) => sql[fileOffset(piece, i)] === ch)).toBe(true);
  });
});

describe('hostStatements without breakpoints (the ; fallback)', () => {
  const texts = (sql: string) => hostStatements(sql).statements;

  it('splits on ; outside single and double quotes, leaving the ; out', () => {
    const sql = 'INSERT INTO t VALUES (\'a;b\');\nUPDATE t SET v = "x;y";\nSELECT 1';
    expect(hostStatements(sql)).toMatchObject({
      split: 'semicolon',
      statements: ["INSERT INTO t VALUES ('a;b')", 'UPDATE t SET v = "x;y"', 'SELECT 1'],
    });
  });

  it('does not count a quote right after a backslash', () => {
    expect(texts("INSERT INTO t VALUES ('it\\'s; fine'); SELECT 2")).toEqual([
      "INSERT INTO t VALUES ('it\\'s; fine')",
      'SELECT 2',
    ]);
    // A doubled quote closes and reopens the string: the same effect.
    expect(texts("INSERT INTO t VALUES ('it''s; fine'); SELECT 2")).toHaveLength(2);
  });

  it('does not understand comments: a ; inside a -- comment splits there', () => {
    expect(texts('CREATE TABLE a (x int); -- make b; then c\nCREATE TABLE b (y int);')).toEqual([
      'CREATE TABLE a (x int)',
      'then c\nCREATE TABLE b (y int)',
    ]);
  });

  it('a quote inside a comment opens a string, so the ; after it do not split', () => {
    expect(texts("-- it's here\nSELECT 1; SELECT 2;")).toEqual(['SELECT 1; SELECT 2;']);
  });

  it('splits a trigger body at its inner ;', () => {
    expect(texts('CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;')).toEqual([
      'CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = 1',
      'END',
    ]);
  });

  it('strips only the leading -- lines of each piece; a blank line ends the stripping', () => {
    expect(texts('-- header\n-- more\nCREATE TABLE a (x int);\n-- only a note;\n')).toEqual(['CREATE TABLE a (x int)']);
    expect(hostStatements('-- header\n-- more\nCREATE TABLE a (x int);\n-- only a note;\n').commentOnly).toEqual([
      '-- only a note',
    ]);
    expect(texts('-- a\n\n-- b\nSELECT 1;')).toEqual(['-- b\nSELECT 1']);
    expect(texts('SELECT 1 -- trailing\n;')).toEqual(['SELECT 1 -- trailing']);
  });

  it('maps offsets of a stripped piece back to the file', () => {
    const sql = 'SELECT 1;\n  -- header\n  CREATE TABLE a (x int);';
    const piece = hostStatements(sql).pieces[1];
    if (!piece) throw new Error('no piece');
    expect(piece.text).toBe('CREATE TABLE a (x int)');
    expect(fileOffset(piece, 0)).toBe(sql.indexOf('CREATE'));
    expect(piece.chunk).toBe(0);
  });
});

describe('hostTolerates', () => {
  it.each([
    ['table `a` already exists', 'CREATE TABLE `a` (x int);', true],
    ['index i already exists', 'CREATE INDEX i ON a (x);', true],
    ['duplicate column name: x', 'ALTER TABLE a ADD x int;', true],
    ['no such column: "b"', 'ALTER TABLE a RENAME COLUMN b TO c;', true],
    ['no such column: "b"', 'alter table a rename column b to c;', true],
    ['no such column: "b"', 'ALTER TABLE a DROP COLUMN b;', true],
    ['no such column: b', 'ALTER TABLE a RENAME b TO c;', false],
    ['no such column: b', 'ALTER TABLE a RENAME  COLUMN b TO c;', false],
    ['no such table: b', 'DROP TABLE b;', true],
    ['no such table: b', 'drop table b;', true],
    ['no such table: b', 'INSERT INTO b VALUES (1);', false],
    ['no such column: b', 'INSERT INTO a (b) VALUES (1);', false],
    ['no such table: main.b', 'DROP INDEX x; DROP TABLE b;', true],
    ['FOREIGN KEY constraint failed', 'DROP TABLE a;', false],
    ['Table a Already Exists', 'CREATE TABLE a (x int);', false],
  ])('%s on %s → %s', (message, piece, tolerated) => {
    expect(hostTolerates(message, piece)).toBe(tolerated);
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
