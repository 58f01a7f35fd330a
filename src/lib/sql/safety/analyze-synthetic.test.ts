/** The analyzer on small hand-written migrations: one behaviour per test. */
import { describe, expect, it } from 'vitest';
import { analyzeMigration } from './analyze';
import { safetyMessage } from './messages';
import { SAFETY_CODES, type SafetyFinding } from './types';

const BP = '--> statement-breakpoint\n';
const M = 'MoLOS-Tasks';
/** Every check, the older host's too (host-target.test.ts covers leaving those out for the current host). */
const analyze = (sql: string, name = '0001_change.sql') => analyzeMigration({ name, sql, moduleId: M, host: 'older' });
const brief = (fs: SafetyFinding[]) => fs.map((f) => `${f.chunk}:${f.severity}:${f.code}`);
const codes = (fs: SafetyFinding[]) => fs.map((f) => f.code);

const PROJECTS = 'CREATE TABLE `MoLOS-Tasks_projects` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`name` text\n);\n';
const TASKS =
  'CREATE TABLE `MoLOS-Tasks_tasks` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`project_id` text NOT NULL,\n' +
  '\tFOREIGN KEY (`project_id`) REFERENCES `MoLOS-Tasks_projects`(`id`) ON DELETE cascade\n);\n';
/** drizzle-kit's rebuild of MoLOS-Tasks_projects, made `name` NOT NULL. */
const REBUILD_PROJECTS = [
  'PRAGMA foreign_keys=OFF;',
  "CREATE TABLE `__new_MoLOS-Tasks_projects` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`name` text DEFAULT '' NOT NULL\n);\n",
  'INSERT INTO `__new_MoLOS-Tasks_projects`("id", "name") SELECT "id", "name" FROM `MoLOS-Tasks_projects`;',
  'DROP TABLE `MoLOS-Tasks_projects`;',
  'ALTER TABLE `__new_MoLOS-Tasks_projects` RENAME TO `MoLOS-Tasks_projects`;',
  'PRAGMA foreign_keys=ON;',
];

describe('file name', () => {
  it.each([
    ['0001_add_tags.sql', []],
    ['drizzle/0012_add_tags_2.sql', []],
    ['0001_Add-Tags.sql', ['error']],
    ['add_tags.sql', ['error']],
    ['0001_add tags.sql', ['error']],
    ['0001_add_tags.SQL', ['error']],
    ['0001_add_tags.down.sql', ['info']],
  ])('%s', (name, severities) => {
    const fs = analyze('DROP INDEX `MoLOS-Tasks_x_idx`;', name).filter((f) => f.code === 'file-name');
    expect(fs.map((f) => f.severity)).toEqual(severities);
    if (fs[0]) expect(fs[0].chunk).toBeNull();
  });
});

describe('chunks', () => {
  it('an empty chunk and a comment-only chunk in the middle', () => {
    const sql = `DROP INDEX \`a\`;${BP}\n${BP}-- just a note\n${BP}DROP INDEX \`b\`;`;
    const fs = analyze(sql);
    expect(brief(fs)).toEqual(['1:warning:empty-chunk', '2:warning:empty-chunk']);
    expect(fs.map((f) => f.params.kind)).toEqual(['empty', 'comment-only']);
  });

  it('a file with no SQL is one empty chunk', () => {
    expect(brief(analyze('\n'))).toEqual(['0:warning:empty-chunk']);
  });

  it('two statements in one chunk', () => {
    const fs = analyze(`DROP INDEX \`a\`;\nDROP INDEX \`b\`;${BP}DROP INDEX \`c\`;`);
    expect(brief(fs)).toEqual(['0:warning:multiple-statements-in-chunk']);
    expect(fs[0]?.params).toEqual({ count: 2 });
    expect(fs[0]?.statement).toBe('DROP INDEX `a`;\nDROP INDEX `b`;');
  });

  it('a trailing breakpoint is reported once, not also as an empty chunk', () => {
    expect(brief(analyze(`DROP INDEX \`a\`;${BP}DROP INDEX \`b\`;${BP}`))).toEqual(['2:warning:trailing-breakpoint']);
    expect(brief(analyze(`DROP INDEX \`a\`;--> statement-breakpoint`))).toEqual(['1:warning:trailing-breakpoint']);
  });

  it("says the host runs the file and only drizzle's migrator (module tests) fails", () => {
    const messages = [
      ...analyze(`DROP INDEX \`a\`;${BP}`),
      ...analyze(`DROP INDEX \`a\`;${BP}-- note\n${BP}DROP INDEX \`b\`;`),
      ...analyze('DROP INDEX `a`; DROP INDEX `b`;'),
    ].map(safetyMessage);
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).toMatch(/the host runs .*but drizzle's migrator, which module tests use, /);
  });

  it('a chunk that starts with comment lines is normal: never flagged, and its statement is analysed', () => {
    const sql = `DROP INDEX \`MoLOS-Tasks_a\`;${BP}\n-- Drop the old table\n-- (no longer used)\nDROP TABLE \`MoLOS-Tasks_old\`;`;
    const fs = analyze(sql);
    expect(brief(fs)).toEqual(['1:warning:drop-table']);
    expect(fs[0]?.statement).toBe('DROP TABLE `MoLOS-Tasks_old`;');
  });

  it('analyses what the host runs: comment lines inside the statement are gone', () => {
    const sql = `DROP INDEX \`MoLOS-Tasks_a\`;${BP}ALTER TABLE \`MoLOS-Tasks_tasks\` ADD \`x\` text\n  -- required\n  NOT NULL;`;
    expect(analyze(sql).map((f) => [f.chunk, f.code, f.statement])).toEqual([
      [1, 'add-not-null-without-default', 'ALTER TABLE `MoLOS-Tasks_tasks` ADD `x` text\n  NOT NULL;'],
    ]);
  });

  it('a file without breakpoints: every statement the ; fallback cuts is analysed, in chunk 0', () => {
    const fs = analyze('DROP TABLE `MoLOS-Tasks_a`;\n-- then\nDROP TABLE `MoLOS-Tasks_b`;');
    expect(brief(fs)).toEqual([
      '0:warning:multiple-statements-in-chunk',
      '0:warning:drop-table',
      '0:warning:drop-table',
    ]);
    expect(fs.slice(1).map((f) => f.statement)).toEqual(['DROP TABLE `MoLOS-Tasks_a`', 'DROP TABLE `MoLOS-Tasks_b`']);
  });

  it('; inside string literals, quoted names and CREATE TABLE bodies does not make two statements', () => {
    const sql =
      "ALTER TABLE `MoLOS-Tasks_tasks` ADD `note` text DEFAULT 'a; b';" +
      BP +
      "CREATE TABLE `MoLOS-Tasks_x;y` (\n\t`s` text DEFAULT ';' NOT NULL,\n\tCONSTRAINT \"c\" CHECK(`s` <> 'x;')\n);\n" +
      BP +
      'DROP INDEX `MoLOS-Tasks_i;j`;';
    expect(analyze(sql)).toEqual([]);
  });
});

describe("the older host's statement checker", () => {
  it('flags each unprefixed table once, counting its uses; REFERENCES targets and rebuild copies count', () => {
    const sql = [
      'CREATE TABLE `MoLOS-Tasks_a` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`u` text,\n\tFOREIGN KEY (`u`) REFERENCES `user`(`id`) ON DELETE cascade\n);\n',
      'CREATE TABLE `__new_MoLOS-Tasks_a` (\n\t`id` text PRIMARY KEY NOT NULL\n);\n',
      'INSERT INTO `__new_MoLOS-Tasks_a`("id") SELECT "id" FROM `MoLOS-Tasks_a`;',
    ].join(BP);
    const fs = analyze(sql).filter((f) => f.code === 'unprefixed-table');
    expect(fs.map((f) => [f.chunk, f.params])).toEqual([
      [0, { table: 'user', prefix: 'MoLOS-Tasks_', keyword: 'REFERENCES', count: 1 }],
      [
        1,
        {
          table: '__new_MoLOS-Tasks_a',
          prefix: 'MoLOS-Tasks_',
          keyword: 'TABLE',
          count: 2,
          rebuildOf: 'MoLOS-Tasks_a',
        },
      ],
    ]);
  });

  it('does not read keywords inside strings or quoted names', () => {
    const sql =
      'CREATE TABLE `MoLOS-Tasks_a` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t"from" text DEFAULT \'from somewhere\',\n\t`into` text\n);\n';
    expect(analyze(sql)).toEqual([]);
  });

  it('no prefix check without a module id', () => {
    expect(analyzeMigration({ name: '0001_a.sql', sql: 'DROP TABLE `x`;', moduleId: '' }).map((f) => f.code)).toEqual([
      'drop-table',
    ]);
  });

  it('ON UPDATE clauses, PRAGMA, INSERT, views and triggers', () => {
    const sql = [
      TASKS.replace('ON DELETE cascade', 'ON UPDATE cascade ON DELETE cascade'),
      'PRAGMA journal_mode=WAL;',
      "INSERT INTO `MoLOS-Tasks_projects` (`id`) VALUES ('p1');",
      'CREATE VIEW `MoLOS-Tasks_v` AS select "id" from `MoLOS-Tasks_tasks`;',
      'CREATE TRIGGER `MoLOS-Tasks_t` AFTER DELETE ON `MoLOS-Tasks_tasks` BEGIN DELETE FROM `MoLOS-Tasks_projects` WHERE 0; END;',
    ].join(BP);
    const fs = analyze(sql);
    expect(brief(fs)).toEqual([
      '0:warning:on-update-clause',
      '1:warning:pragma-in-transaction',
      '2:warning:insert-statement',
      '3:warning:view-or-trigger',
      '4:warning:view-or-trigger',
    ]);
    expect(fs.map((f) => f.params)).toEqual([
      { count: 1, table: 'MoLOS-Tasks_tasks' },
      { pragma: 'journal_mode', value: 'WAL' },
      { table: 'MoLOS-Tasks_projects' },
      { kind: 'view', action: 'create', name: 'MoLOS-Tasks_v' },
      { kind: 'trigger', action: 'create', name: 'MoLOS-Tasks_t' },
    ]);
  });
});

describe('ALTER TABLE … ADD', () => {
  const add = (col: string) => analyze(`ALTER TABLE \`MoLOS-Tasks_tasks\` ADD ${col};`);

  it.each([
    ["`d` text DEFAULT 'x' NOT NULL", []],
    ['`d` text NOT NULL', ['add-not-null-without-default']],
    ['`d` text DEFAULT NULL NOT NULL', ['add-not-null-without-default']],
    ["`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL", ['add-column-non-constant-default']],
    ['`d` text DEFAULT CURRENT_TIMESTAMP', ['add-column-non-constant-default']],
    [
      "`p` text DEFAULT 'p1' REFERENCES `MoLOS-Tasks_projects`(`id`) ON DELETE cascade",
      ['add-references-with-default'],
    ],
    ['`p` text REFERENCES `MoLOS-Tasks_projects`(`id`) ON DELETE set null', []],
    ['`p` text REFERENCES `MoLOS-Tasks_projects`(`id`)', []],
    ['`p` text REFERENCES MoLOS-Tasks_projects(id)', ['add-references-unquoted']],
    ['`d` text UNIQUE', ['add-column-unique-or-primary-key']],
    ['`d` integer PRIMARY KEY', ['add-column-unique-or-primary-key']],
  ])('ADD %s', (col, expected) => {
    expect(codes(add(col))).toEqual(expected);
  });

  it('row-dependent failures cannot happen on a table created earlier in the same file', () => {
    const sql = `${PROJECTS}${BP}ALTER TABLE \`MoLOS-Tasks_projects\` ADD \`d\` text NOT NULL;`;
    expect(analyze(sql)).toEqual([]);
  });
});

describe('drops', () => {
  it('dropping an indexed column fails; dropping the index first is fine', () => {
    const index = 'CREATE INDEX `MoLOS-Tasks_p_name_idx` ON `MoLOS-Tasks_projects` (`name`);';
    const drop = 'ALTER TABLE `MoLOS-Tasks_projects` DROP COLUMN `name`;';
    const bad = analyze([PROJECTS, index, drop].join(BP));
    expect(brief(bad)).toEqual(['2:warning:drop-column', '2:error:drop-column-indexed']);
    expect(bad[1]?.params).toEqual({ table: 'MoLOS-Tasks_projects', column: 'name', index: 'MoLOS-Tasks_p_name_idx' });
    const good = analyze([PROJECTS, index, 'DROP INDEX `MoLOS-Tasks_p_name_idx`;', drop].join(BP));
    expect(brief(good)).toEqual(['3:warning:drop-column']);
  });

  it('dropping a referenced table without PRAGMAs: children known from the same file', () => {
    const child = TASKS.replace('ON DELETE cascade', 'ON DELETE restrict');
    const fs = analyze([PROJECTS, child, 'DROP TABLE `MoLOS-Tasks_projects`;'].join(BP));
    expect(brief(fs)).toEqual(['2:warning:drop-table', '2:error:drop-referenced-table']);
    expect(fs[1]?.params).toEqual({
      table: 'MoLOS-Tasks_projects',
      schemaKnown: 0,
      children: 'MoLOS-Tasks_tasks',
      blocked: 'MoLOS-Tasks_tasks (restrict)',
    });
    expect(safetyMessage(fs[1]!)).toContain(
      'fails with "FOREIGN KEY constraint failed" if MoLOS-Tasks_tasks (restrict)',
    );
  });
});

describe('rebuilds without the schema before', () => {
  it('tracks tables created earlier in the same file: the cascade is named', () => {
    const fs = analyze([PROJECTS, TASKS, ...REBUILD_PROJECTS].join(BP));
    expect(brief(fs)).toEqual([
      '2:warning:pragma-in-transaction',
      '3:warning:unprefixed-table',
      '3:warning:table-rebuild',
      '4:warning:insert-statement',
      '4:error:rebuild-not-null-tightened',
      '5:error:rebuild-cascade',
      '7:warning:pragma-in-transaction',
    ]);
    const cascade = fs.find((f) => f.code === 'rebuild-cascade')!;
    expect(safetyMessage(cascade)).toBe(
      "Rebuilding MoLOS-Tasks_projects drops the old table inside the host's transaction with foreign keys on: " +
        'rows of MoLOS-Tasks_tasks that reference it are deleted (ON DELETE cascade) ' +
        '(other referencing tables are unknown without the schema before).',
    );
  });

  it('an INTEGER PRIMARY KEY (the rowid) is never NULL, so NOT NULL on it tightens nothing', () => {
    const sql = [
      'CREATE TABLE `MoLOS-Tasks_n` (\n\t`id` integer PRIMARY KEY,\n\t`v` text\n);\n',
      'CREATE TABLE `__new_MoLOS-Tasks_n` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`v` text NOT NULL\n);\n',
      'INSERT INTO `__new_MoLOS-Tasks_n`("id", "v") SELECT "id", "v" FROM `MoLOS-Tasks_n`;',
      'DROP TABLE `MoLOS-Tasks_n`;',
      'ALTER TABLE `__new_MoLOS-Tasks_n` RENAME TO `MoLOS-Tasks_n`;',
    ].join(BP);
    const tightened = analyze(sql).filter((f) => f.code === 'rebuild-not-null-tightened');
    expect(tightened.map((f) => f.params.column)).toEqual(['v']);
  });

  it('finds a hand-written rebuild whose copy is not called __new_', () => {
    const sql = [
      PROJECTS,
      TASKS,
      PROJECTS.replace('MoLOS-Tasks_projects', 'MoLOS-Tasks_projects_tmp'),
      'INSERT INTO `MoLOS-Tasks_projects_tmp` SELECT * FROM `MoLOS-Tasks_projects`;',
      'DROP TABLE `MoLOS-Tasks_projects`;',
      'ALTER TABLE `MoLOS-Tasks_projects_tmp` RENAME TO `MoLOS-Tasks_projects`;',
    ].join(BP);
    const fs = analyze(sql);
    expect(codes(fs)).toEqual(['table-rebuild', 'insert-statement', 'rebuild-cascade']);
    expect(fs[0]?.params).toEqual({ table: 'MoLOS-Tasks_projects', copy: 'MoLOS-Tasks_projects_tmp', schemaKnown: 0 });
  });
});

describe('messages', () => {
  it('every code has a message', () => {
    const sample = (code: string): SafetyFinding => ({
      code: code as SafetyFinding['code'],
      severity: 'warning',
      chunk: 0,
      statement: null,
      params: { table: 't', column: 'c', name: 'n', count: 2, pragma: 'foreign_keys', value: 'OFF' },
    });
    for (const code of SAFETY_CODES) expect(safetyMessage(sample(code)).length, code).toBeGreaterThan(20);
  });
});
