/**
 * The sql.js host runner against an independent model of the host on better-sqlite3 (src/testing/host-reference.ts,
 * written from ../shared/molos-conventions.md §4; better-sqlite3 is built without double-quoted strings, like the
 * host's). Every case must end the same way in both: each file applied, tolerated or failed with the same message,
 * and the same schema and rows.
 */
import fc from 'fast-check';
import type { Database, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldMigrations, loadSqlJs } from '../../testing/gold-migrations';
import {
  type ReferenceFile,
  type ReferenceOutcome,
  referenceApply,
  referenceParse,
} from '../../testing/host-reference';
import { hostStatements } from './host-files';
import { type FileOutcome, applyMigrations } from './host-runner';
import { queryRows } from './sqljs-rows';
import { fuzzRuns } from '../../testing/fuzz-runs';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const BP = '--> statement-breakpoint\n';

/** Our outcome in the reference's shape (files the host never lists are left out, as it leaves them out). */
function asReference(o: FileOutcome): ReferenceOutcome | null {
  const tolerated = o.tolerated.map(({ index, message }) => ({ index, message }));
  if (o.status === 'skipped') {
    if (o.reason === 'not-sql' || o.reason === 'down-file') return null;
    return { name: o.name, status: 'skipped', reason: o.reason };
  }
  if (o.status === 'applied') return { name: o.name, status: 'applied', tolerated };
  const message = o.reason === 'checksum-mismatch' ? 'checksum mismatch' : o.message;
  return { name: o.name, status: 'failed', message, tolerated };
}

/** Name-skipped files first (by name), then the rest in the order they ran: the reference reports them so. */
function ordered(outcomes: ReferenceOutcome[]): ReferenceOutcome[] {
  const invalid = outcomes.filter((o) => o.status === 'skipped' && o.reason === 'invalid-name');
  const rest = outcomes.filter((o) => !(o.status === 'skipped' && o.reason === 'invalid-name'));
  return [...invalid.sort((a, b) => (a.name < b.name ? -1 : 1)), ...rest];
}

function state(db: Database) {
  const schema = queryRows(
    db,
    "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'molos_migrations'",
  )
    .map((r) => `${String(r.type)} ${String(r.name)} ${r.sql === null ? '' : String(r.sql)}`)
    .sort();
  const rows: Record<string, string[]> = {};
  const tables = queryRows(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'molos_migrations' ORDER BY name",
  );
  for (const { name } of tables) {
    rows[String(name)] = queryRows(db, `SELECT * FROM "${String(name).replaceAll('"', '""')}"`)
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return { schema, rows };
}

/** Runs the lists of files in turn through both, and returns both results. */
function both(runs: ReferenceFile[][]) {
  const db = new SQL.Database();
  try {
    const ours = runs.map((files) =>
      ordered(
        applyMigrations(db, files, { module: 'm' })
          .files.map(asReference)
          .filter((o): o is ReferenceOutcome => o !== null),
      ),
    );
    const reference = referenceApply(runs);
    return { ours: { runs: ours, ...state(db) }, reference: { ...reference, runs: reference.runs.map(ordered) } };
  } finally {
    db.close();
  }
}

const f = (name: string, ...chunks: string[]): ReferenceFile => ({ name, sql: chunks.join(BP) });

const PERSONAS = [
  f(
    '0000_init.sql',
    'CREATE TABLE `MoLOS-P_personas` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`name` text NOT NULL\n);\n',
    '\n-- Create the notes table\n-- (one per persona)\nCREATE TABLE `MoLOS-P_notes` (\n\t`id` text PRIMARY KEY NOT NULL,\n' +
      '\t-- which persona\n\t`persona_id` text NOT NULL REFERENCES `MoLOS-P_personas`(`id`) ON DELETE cascade\n);\n',
    "-- seed; two rows\nINSERT INTO `MoLOS-P_personas` VALUES ('p1', 'Ann'), ('p2', 'Bo');\n",
    "INSERT INTO `MoLOS-P_notes` VALUES ('n1', 'p1');\n",
    '-- only a note\n',
  ),
];

/** One case per behaviour of §4; each is a list of runs (each run: the files of the folder at that time). */
const CORPUS: Record<string, ReferenceFile[][]> = {
  'chunks that start with comments, comment lines inside a statement, a comment-only chunk': [PERSONAS],
  'a comment-looking line inside a string is dropped; one holding ; is kept': [
    [
      f(
        '0000_a.sql',
        'CREATE TABLE s (v text);',
        "INSERT INTO s VALUES ('a\n-- gone\nb');",
        "INSERT INTO s VALUES ('c\n-- kept; really\nd');",
      ),
    ],
  ],
  'several statements in one chunk all run': [
    [f('0000_a.sql', 'CREATE TABLE m1 (x int); CREATE TABLE m2 (y int);\nINSERT INTO m2 VALUES (1);')],
  ],
  'the ; fallback: quotes, leading comments, a ; in a -- comment': [
    [
      {
        name: '0000_a.sql',
        sql: "-- header\n-- more\nCREATE TABLE a (x text);\nINSERT INTO a VALUES ('1;2');\n-- trailing note;\n",
      },
      { name: '0001_b.sql', sql: 'CREATE TABLE b (x text); -- make c; later\nCREATE TABLE c (y text);' },
    ],
  ],
  'the ; fallback cuts a trigger body': [
    [
      {
        name: '0000_a.sql',
        sql: 'CREATE TABLE t (x int);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; END;',
      },
    ],
  ],
  'the ; fallback: a backslash before a quote does not count, and SQLite does not know it': [
    [{ name: '0000_a.sql', sql: "CREATE TABLE e (x text);\nINSERT INTO e VALUES ('it\\'s; fine');" }],
  ],
  'the ; fallback: a double-quoted string': [
    [{ name: '0000_a.sql', sql: 'CREATE TABLE q (x text);\nINSERT INTO q VALUES ("q;r");' }],
  ],
  'file filter and order': [
    [
      '0002_b.sql',
      '10_j.sql',
      '9_i.sql',
      '0002_a.sql',
      '0003_Bad.sql',
      '0004_x.down.sql',
      '0005_y',
      'notes.md',
      '0006_z.SQL',
      'abc.sql',
      '0007_w.sql.sql',
    ].map((name) => ({ name, sql: `CREATE TABLE "${name}" (x int);` })),
  ],
  'already applied: every tolerated error, and a piece stops at its tolerated error': [
    [
      f(
        '0000_a.sql',
        'CREATE TABLE t (a text, b text);',
        'CREATE INDEX t_a ON t (a);',
        "INSERT INTO t VALUES ('1', '2');",
      ),
      f(
        '0001_again.sql',
        'CREATE TABLE t (a text, b text);',
        'CREATE INDEX t_a ON t (a);',
        'ALTER TABLE t ADD b text;',
        'ALTER TABLE t RENAME COLUMN nope TO other;',
        'ALTER TABLE t DROP COLUMN nope;',
        'DROP TABLE gone;',
        'drop table `gone_too`;',
        "CREATE TABLE t (z int); INSERT INTO t VALUES ('never', 'runs');",
        'ALTER TABLE t RENAME COLUMN "nope" TO "x";',
        "INSERT INTO t VALUES ('3', '4');",
      ),
      f('0002_not_tolerated.sql', "INSERT INTO t VALUES ('5', '6');", 'INSERT INTO missing VALUES (1);'),
      f('0003_after.sql', 'DROP INDEX nope;', 'CREATE TABLE later (x int);'),
      f('0004_wording.sql', 'ALTER TABLE t RENAME  COLUMN nope TO other;'),
    ],
  ],
  'double-quoted strings are off: what fails, what still works': [
    [
      f(
        '0000_a.sql',
        'CREATE TABLE p (id text PRIMARY KEY NOT NULL, name text DEFAULT "abc")',
        'INSERT INTO p ("id") VALUES (\'p1\');',
        'CREATE INDEX p_name ON p ("name");',
      ),
      f('0001_check.sql', 'CREATE TABLE c (s text CHECK(s IN ("a", "b")));'),
      f('0002_check_ok.sql', "CREATE TABLE c2 (s text CHECK(s IN ('a', 'b')));"),
      f(
        '0003_rebuild.sql',
        'CREATE TABLE `__new_p` (id text PRIMARY KEY NOT NULL, name text, extra text);',
        'INSERT INTO `__new_p`("id", "name", "extra") SELECT "id", "name", "extra" FROM `p`;',
        'DROP TABLE `p`;',
        'ALTER TABLE `__new_p` RENAME TO `p`;',
      ),
      f('0004_where.sql', 'UPDATE p SET name = "x" WHERE "id" = \'p1\';'),
      f('0005_qualified.sql', 'SELECT "p"."nope" FROM p;'),
      f('0006_index.sql', 'CREATE INDEX p_nope ON p ("nope");'),
      f(
        '0007_ok.sql',
        'UPDATE "p" SET "name" = \'y\' WHERE "p"."id" = \'p1\';',
        'ALTER TABLE p ADD d text DEFAULT "z";',
      ),
    ],
  ],
  'a rebuild under foreign keys ON cascade-deletes child rows in both': [
    [
      f(
        '0000_a.sql',
        'CREATE TABLE `par` (`id` text PRIMARY KEY NOT NULL, `n` text);',
        'CREATE TABLE `kid` (`id` text PRIMARY KEY NOT NULL, `par_id` text REFERENCES `par`(`id`) ON DELETE cascade);',
        "INSERT INTO par VALUES ('a', '1'), ('b', '2');",
        "INSERT INTO kid VALUES ('k1', 'a'), ('k2', 'b'), ('k3', NULL);",
      ),
      f(
        '0001_rebuild.sql',
        'PRAGMA foreign_keys=OFF;',
        'CREATE TABLE `__new_par` (`id` text PRIMARY KEY NOT NULL, `n` text NOT NULL);',
        'INSERT INTO `__new_par`("id", "n") SELECT "id", "n" FROM `par`;',
        'DROP TABLE `par`;',
        'ALTER TABLE `__new_par` RENAME TO `par`;',
        'PRAGMA foreign_keys=ON;',
      ),
    ],
  ],
  'a deferred foreign key fails at COMMIT': [
    [
      f(
        '0000_a.sql',
        'CREATE TABLE dp (id text PRIMARY KEY);',
        'CREATE TABLE dc (pid text REFERENCES dp(id) DEFERRABLE INITIALLY DEFERRED);',
        "INSERT INTO dc VALUES ('x');",
      ),
    ],
  ],
  'a second run: applied files are skipped, an edited one fails, a whitespace-only edit does not count': [
    PERSONAS,
    [
      { ...PERSONAS[0]!, sql: PERSONAS[0]!.sql.replaceAll('\t', '    ').replaceAll('\n', '\r\n') },
      f('0001_more.sql', 'ALTER TABLE `MoLOS-P_personas` ADD `age` integer;'),
    ],
    [
      { ...PERSONAS[0]!, sql: `${PERSONAS[0]!.sql}${BP}SELECT 1;` },
      f('0001_more.sql', 'ALTER TABLE `MoLOS-P_personas` ADD `age` integer;'),
      f('0002_last.sql', 'ALTER TABLE `MoLOS-P_personas` ADD `size` integer;'),
    ],
  ],
  'the gold evolve history': [goldMigrations('evolve/drizzle')],
  'the gold a06 history (B10)': [goldMigrations('alter/a06_add_col_and_alter_other/drizzle')],
};

describe('the sql.js host runner ends every case as the host (better-sqlite3) does', () => {
  it.each(Object.entries(CORPUS))('%s', (_name, runs) => {
    const { ours, reference } = both(runs);
    expect(ours.runs).toEqual(reference.runs);
    expect(ours.schema).toEqual(reference.schema);
    expect(ours.rows).toEqual(reference.rows);
  });

  it('the corpus covers applied, tolerated and failed files, and double-quoted strings', () => {
    const all = Object.values(CORPUS).flatMap((runs) => referenceApply(runs).runs.flat());
    const tolerated = all.flatMap((o) => (o.status === 'skipped' ? [] : o.tolerated.map((t) => t.message)));
    expect(tolerated).toEqual(
      expect.arrayContaining([
        expect.stringContaining('already exists'),
        expect.stringContaining('duplicate column name'),
        expect.stringContaining('no such column'),
        expect.stringContaining('no such table'),
      ]),
    );
    const failures = all.flatMap((o) => (o.status === 'failed' ? [o.message] : []));
    expect(failures).toEqual(
      expect.arrayContaining([
        'no such column: "extra" - should this be a string literal in single-quotes?',
        'no such column: "a" - should this be a string literal in single-quotes?',
        'no such table: missing',
        'FOREIGN KEY constraint failed',
        'checksum mismatch',
      ]),
    );
    expect(all.filter((o) => o.status === 'applied').length).toBeGreaterThan(20);
  });

  it('the personas history runs every chunk: both tables, both rows, the note', () => {
    const { ours } = both([PERSONAS]);
    expect(ours.runs[0]).toEqual([{ name: '0000_init.sql', status: 'applied', tolerated: [] }]);
    expect(Object.keys(ours.rows)).toEqual(['MoLOS-P_notes', 'MoLOS-P_personas']);
    expect(ours.rows['MoLOS-P_notes']).toEqual(['{"id":"n1","persona_id":"p1"}']);
  });
});

describe('hostStatements cuts every text as the reference parser does', () => {
  const piece = fc.constantFrom(
    "'",
    '"',
    '\\',
    ';',
    '--',
    '-- note',
    '\n',
    '\r\n',
    ' ',
    '\t',
    'a',
    'SELECT 1',
    '--> statement-breakpoint',
    '/*',
    '*/',
    'BEGIN',
    'END',
  );
  it('on random texts made of quotes, ; , comments, line ends and breakpoints', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }), (parts) => {
        const sql = parts.join('');
        expect(hostStatements(sql).statements).toEqual(referenceParse(sql));
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });
});
