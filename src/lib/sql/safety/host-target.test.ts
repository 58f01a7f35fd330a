/** The target host: the older host's statement-checker findings only for a module that must also run there. */
import { describe, expect, it } from 'vitest';
import { analyzeMigration } from './analyze';
import { safetyMessage } from './messages';
import { OLDER_HOST_CODES, SAFETY_CODES } from './types';

const BP = '--> statement-breakpoint\n';
const M = 'MoLOS-Tasks';

/** drizzle-kit's spelling of a table with a foreign key: `ON UPDATE no action` on every one. */
const WITH_FK =
  'CREATE TABLE `MoLOS-Tasks_tasks` (\n\t`id` text PRIMARY KEY NOT NULL,\n\t`project_id` text,\n' +
  '\tFOREIGN KEY (`project_id`) REFERENCES `MoLOS-Tasks_projects`(`id`) ON UPDATE no action ON DELETE cascade\n);\n';

describe('analyzeMigration: host', () => {
  it('the same ON UPDATE migration warns for the older host and not for the current one', () => {
    const input = { name: '0000_init.sql', sql: WITH_FK, moduleId: M };
    const older = analyzeMigration({ ...input, host: 'older' });
    expect(older.map((f) => [f.chunk, f.severity, f.code, f.params])).toEqual([
      [0, 'warning', 'on-update-clause', { count: 1, table: 'MoLOS-Tasks_tasks' }],
    ]);
    expect(safetyMessage(older[0]!)).toBe(
      'MoLOS-Tasks_tasks has an ON UPDATE clause: the current host runs it, but the older MoLOS host refuses it because it reads the word after UPDATE ("no", "cascade" …) as an unprefixed table name.',
    );
    expect(analyzeMigration({ ...input, host: 'current' })).toEqual([]);
    expect(analyzeMigration(input)).toEqual([]);
  });

  it('leaves out every older-host code for the current host and keeps the rest in order', () => {
    const sql = [
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE `plain` (\n\t`id` text PRIMARY KEY NOT NULL\n);\n',
      "INSERT INTO `MoLOS-Tasks_a`(`id`) VALUES ('x');",
      'CREATE VIEW `MoLOS-Tasks_v` AS SELECT 1;',
      'ALTER TABLE `MoLOS-Tasks_a` ADD `n` text NOT NULL;',
      'DROP TABLE `MoLOS-Tasks_b`;',
    ].join(BP);
    const input = { name: '0001_mixed.sql', sql, moduleId: M };
    const brief = (host?: 'current' | 'older') =>
      analyzeMigration({ ...input, host }).map((f) => `${f.chunk}:${f.severity}:${f.code}`);
    expect(brief('older')).toEqual([
      '0:warning:pragma-in-transaction',
      '1:warning:unprefixed-table',
      '2:warning:insert-statement',
      '3:warning:view-or-trigger',
      '4:error:add-not-null-without-default',
      '5:warning:drop-table',
    ]);
    expect(brief('current')).toEqual(['4:error:add-not-null-without-default', '5:warning:drop-table']);
    expect(brief()).toEqual(brief('current'));
  });

  it('OLDER_HOST_CODES are safety codes, and exactly the ones the older host checker raises', () => {
    for (const code of OLDER_HOST_CODES) expect(SAFETY_CODES).toContain(code);
    expect([...OLDER_HOST_CODES].sort()).toEqual([
      'insert-statement',
      'on-update-clause',
      'pragma-in-transaction',
      'unprefixed-table',
      'view-or-trigger',
    ]);
  });
});
