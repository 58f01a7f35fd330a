import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  SQLITE_KEYWORDS,
  SQLITE_REFUSED_COLUMN_NAMES,
  SQLITE_REFUSED_INDEX_NAMES,
  isBareSqlWord,
  isCamelCase,
  isIdentifier,
  isPascalCase,
  isRefusedColumnName,
  isRefusedIndexName,
  isSnakeCase,
  isSqlKeyword,
  toCamelCase,
  toConstantCase,
  toPascalCase,
  toSnakeCase,
  uniqueName,
  words,
} from './naming';

describe('words', () => {
  it.each([
    ['dueDate', ['due', 'date']],
    ['DueDate', ['due', 'date']],
    ['due-date', ['due', 'date']],
    ['Due Date', ['due', 'date']],
    ['DUE_DATE', ['due', 'date']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['userID', ['user', 'id']],
    ['version2Name', ['version2', 'name']],
    ['  --spaced__out--  ', ['spaced', 'out']],
    ['', []],
  ])('%j → %j', (input, expected) => {
    expect(words(input)).toEqual(expected);
  });
});

describe('toSnakeCase', () => {
  it.each([
    ['dueDate', 'due_date'],
    ['DueDate', 'due_date'],
    ['due-date', 'due_date'],
    ['Due Date', 'due_date'],
    ['DUE_DATE', 'due_date'],
    ['due_date', 'due_date'],
    ['userID', 'user_id'],
    ['XMLHttpRequest', 'xml_http_request'],
    ['HTMLParser', 'html_parser'],
    ['  spaced   out  ', 'spaced_out'],
    ['__private__', 'private'],
    ['version2Name', 'version2_name'],
    ['2fa code', 'n_2fa_code'],
    ['42', 'n_42'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});

describe('toCamelCase', () => {
  it.each([
    ['due_date', 'dueDate'],
    ['due-date', 'dueDate'],
    ['Due Date', 'dueDate'],
    ['DUE_DATE', 'dueDate'],
    ['dueDate', 'dueDate'],
    ['DueDate', 'dueDate'],
    ['user_id', 'userId'],
    ['userID', 'userId'],
    ['created_at', 'createdAt'],
    ['XMLHttpRequest', 'xmlHttpRequest'],
    ['Example items', 'exampleItems'],
    ['step_2_done', 'step2Done'],
    ['1st_place', 'n1stPlace'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toCamelCase(input)).toBe(expected);
  });
});

describe('toPascalCase', () => {
  it.each([
    ['task_status', 'TaskStatus'],
    ['task-status', 'TaskStatus'],
    ['taskStatus', 'TaskStatus'],
    ['Task Status', 'TaskStatus'],
    ['TASK_STATUS', 'TaskStatus'],
    ['HTTP status', 'HttpStatus'],
    ['3d model', 'N3dModel'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toPascalCase(input)).toBe(expected);
  });
});

describe('toConstantCase', () => {
  it.each([
    ['to do', 'TO_DO'],
    ['to_do', 'TO_DO'],
    ['in_progress', 'IN_PROGRESS'],
    ['inProgress', 'IN_PROGRESS'],
    ['on-hold', 'ON_HOLD'],
    ['HTTPError', 'HTTP_ERROR'],
    ['done', 'DONE'],
    ['2nd', 'V_2ND'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toConstantCase(input)).toBe(expected);
  });
});

describe('case predicates', () => {
  it('isSnakeCase', () => {
    expect(['due_date', 'a', 'v2', 'step_2'].map(isSnakeCase)).toEqual([true, true, true, true]);
    expect(['dueDate', 'Due_date', 'due__date', '_due', 'due_', '2due', ''].map(isSnakeCase)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('isCamelCase', () => {
    expect(['dueDate', 'a', 'userId2'].map(isCamelCase)).toEqual([true, true, true]);
    expect(['DueDate', 'due_date', '2due', ''].map(isCamelCase)).toEqual([false, false, false, false]);
  });

  it('isPascalCase', () => {
    expect(['TaskStatus', 'A', 'Http2'].map(isPascalCase)).toEqual([true, true, true]);
    expect(['taskStatus', 'Task_Status', '2Task', ''].map(isPascalCase)).toEqual([false, false, false, false]);
  });
});

describe('isSqlKeyword', () => {
  it.each(['select', 'SELECT', 'Select', 'order', 'ORDER', 'group', 'Index', 'references', 'current_timestamp'])(
    '%j is a keyword',
    (word) => {
      expect(isSqlKeyword(word)).toBe(true);
    },
  );

  it.each(['status', 'title', 'user', 'user_id', 'orders', 'selected', ''])('%j is not a keyword', (word) => {
    expect(isSqlKeyword(word)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Which keywords SQLite refuses as a bare name: every keyword, run through both engines in every place where our
// output (textEnum's CHECK) or a hand-written query writes a name without quotes.
// ---------------------------------------------------------------------------------------------------------------

/** One step of a probe: run a statement, expect it to fail, or expect a query to return exactly these rows. */
type Step = string | { fails: string } | { rows: string; expect: unknown[][] };

interface Engine {
  name: string;
  /** Runs the steps on a fresh database; false when a statement fails or a result differs. */
  accepts(steps: readonly Step[]): boolean;
}

function probe(run: (sql: string) => void, rows: (sql: string) => unknown[][], steps: readonly Step[]): boolean {
  try {
    for (const step of steps) {
      if (typeof step === 'string') run(step);
      else if ('fails' in step) {
        try {
          run(step.fails);
          return false;
        } catch {
          // expected: the CHECK refused the value
        }
      } else if (JSON.stringify(rows(step.rows)) !== JSON.stringify(step.expect)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

const betterSqlite: Engine = {
  name: 'better-sqlite3',
  accepts(steps) {
    const db = new Database(':memory:');
    try {
      return probe(
        (sql) => db.exec(sql),
        (sql) => db.prepare(sql).raw().all() as unknown[][],
        steps,
      );
    } finally {
      db.close();
    }
  },
};

async function sqlJsEngine(): Promise<Engine> {
  const SQL = await initSqlJs();
  return {
    name: 'sql.js',
    accepts(steps) {
      const db = new SQL.Database();
      try {
        return probe(
          (sql) => db.run(sql),
          (sql) => db.exec(sql)[0]?.values ?? [],
          steps,
        );
      } finally {
        db.close();
      }
    },
  };
}

/** The column `w` (created quoted, as drizzle-kit writes it) holding the rows 'a' and 'b'. */
const withRows = (w: string): Step[] => [
  `CREATE TABLE t(\`${w}\` text)`,
  "INSERT INTO t VALUES ('a')",
  "INSERT INTO t VALUES ('b')",
];

/** Where a column name is written bare; each place passes only when SQLite reads the name as the column. */
const COLUMN_PLACES: Record<string, (w: string) => Step[]> = {
  'column definition': (w) => [`CREATE TABLE t(${w} text)`],
  // What textEnum writes: the CHECK must hold 'a' and refuse 'b'.
  'textEnum CHECK': (w) => [
    `CREATE TABLE t(\`${w}\` text CHECK(${w} IN ('a')))`,
    "INSERT INTO t VALUES ('a')",
    { fails: "INSERT INTO t VALUES ('b')" },
  ],
  SELECT: (w) => [...withRows(w), { rows: `SELECT ${w} FROM t ORDER BY rowid`, expect: [['a'], ['b']] }],
  WHERE: (w) => [...withRows(w), { rows: `SELECT rowid FROM t WHERE ${w} = 'b'`, expect: [[2]] }],
  'ORDER BY': (w) => [...withRows(w), { rows: `SELECT rowid FROM t ORDER BY ${w} DESC`, expect: [[2], [1]] }],
  'INSERT column list': (w) => [`CREATE TABLE t(\`${w}\` text)`, `INSERT INTO t(${w}) VALUES ('a')`],
  'UPDATE SET': (w) => [...withRows(w), `UPDATE t SET ${w} = 'c'`],
  'index column': (w) => [`CREATE TABLE t(\`${w}\` text)`, `CREATE INDEX i ON t(${w})`],
};

const INDEX_PLACES: Record<string, (w: string) => Step[]> = {
  'CREATE INDEX': (w) => ['CREATE TABLE t(x text)', `CREATE INDEX ${w} ON t(x)`],
  'DROP INDEX': (w) => ['CREATE TABLE t(x text)', `CREATE INDEX \`${w}\` ON t(x)`, `DROP INDEX ${w}`],
};

const KEYWORDS = [...SQLITE_KEYWORDS].map((k) => k.toLowerCase()).sort();

function refusedIn(engine: Engine, place: (w: string) => Step[]): string[] {
  return KEYWORDS.filter((w) => !engine.accepts(place(w)));
}

describe('the keywords SQLite refuses as a bare name', () => {
  it.each([['better-sqlite3'], ['sql.js']])('%s refuses exactly the committed lists', async (name) => {
    const engine = name === 'sql.js' ? await sqlJsEngine() : betterSqlite;
    // The probes pass for a plain name, so a refusal below is the keyword's doing.
    for (const place of [...Object.values(COLUMN_PLACES), ...Object.values(INDEX_PLACES)])
      expect(engine.accepts(place('plain_name'))).toBe(true);

    const byPlace = Object.fromEntries(
      Object.entries(COLUMN_PLACES).map(([label, place]) => [label, refusedIn(engine, place)]),
    );
    const columns = [...new Set(Object.values(byPlace).flat())].sort();
    expect(columns).toEqual([...SQLITE_REFUSED_COLUMN_NAMES].sort());
    // textEnum's CHECK breaks for exactly these words, so enum-column-name-unquotable is exact.
    expect(byPlace['textEnum CHECK']).toEqual(columns);
    const indexes = [...new Set(Object.values(INDEX_PLACES).flatMap((place) => refusedIn(engine, place)))].sort();
    expect(indexes).toEqual([...SQLITE_REFUSED_INDEX_NAMES].sort());
  });

  it('are keywords, and far fewer than all of them', () => {
    for (const w of [...SQLITE_REFUSED_COLUMN_NAMES, ...SQLITE_REFUSED_INDEX_NAMES]) expect(isSqlKeyword(w)).toBe(true);
    expect(SQLITE_REFUSED_COLUMN_NAMES.size).toBeLessThan(SQLITE_KEYWORDS.size / 2);
  });

  it.each(['query', 'key', 'action', 'plan', 'row', 'temp', 'replace', 'left', 'full'])(
    '%j is a keyword SQLite accepts as a name',
    (w) => {
      expect(isSqlKeyword(w)).toBe(true);
      expect(isRefusedColumnName(w)).toBe(false);
      expect(isRefusedIndexName(w)).toBe(false);
    },
  );

  it('compare in any letter case', () => {
    expect(['order', 'ORDER', 'Order', 'current_date'].map(isRefusedColumnName)).toEqual([true, true, true, true]);
    expect(['IF', 'cast'].map(isRefusedIndexName)).toEqual([true, false]);
    expect(['if', 'orders', ''].map(isRefusedColumnName)).toEqual([false, false, false]);
  });
});

describe('isBareSqlWord', () => {
  it.each(['status', '_x', 'x1', 'a$b', 'café', '日本', 'Due_Date'])('%j is one bare word', (name) => {
    expect(isBareSqlWord(name)).toBe(true);
  });

  it.each(['1x', '$a', 'a-b', 'item status', '', 'a.b', 'a`b'])('%j is not', (name) => {
    expect(isBareSqlWord(name)).toBe(false);
  });

  it('agrees with SQLite on a textEnum CHECK', () => {
    const check = (w: string) =>
      betterSqlite.accepts([
        `CREATE TABLE t(\`${w}\` text CHECK(${w} IN ('a')))`,
        "INSERT INTO t VALUES ('a')",
        { fails: "INSERT INTO t VALUES ('b')" },
      ]);
    for (const w of ['status', '_x', 'x1', 'a$b', 'café', '日本', '1x', '$a', 'a-b', 'item status'])
      expect(check(w), w).toBe(isBareSqlWord(w));
  });
});

describe('isIdentifier', () => {
  it.each(['userId', '_private', '$store', 'a1', 'A', 'snake_case'])('%j is an identifier', (name) => {
    expect(isIdentifier(name)).toBe(true);
  });

  it.each(['1a', 'due-date', 'due date', '', 'café', 'a.b'])('%j is not an identifier', (name) => {
    expect(isIdentifier(name)).toBe(false);
  });
});

describe('uniqueName', () => {
  it('returns the base when it is free', () => {
    expect(uniqueName('column', () => false)).toBe('column');
  });

  it('appends the first free number from 2, joined by "_"', () => {
    const taken = new Set(['column', 'column_2', 'column_3']);
    expect(uniqueName('column', (n) => taken.has(n))).toBe('column_4');
  });

  it('skips only what is taken (a gap is reused)', () => {
    const taken = new Set(['column', 'column_3']);
    expect(uniqueName('column', (n) => taken.has(n))).toBe('column_2');
  });

  it('uses the given separator', () => {
    const taken = new Set(['NewEnum', 'NewEnum2']);
    expect(uniqueName('NewEnum', (n) => taken.has(n), '')).toBe('NewEnum3');
  });
});
