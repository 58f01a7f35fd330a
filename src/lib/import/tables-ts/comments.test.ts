/**
 * Which comment lines read as code and which comments are section notes: the prose a real module writes above
 * its columns must stay a comment, commented-out code and group headings must not.
 */
import { describe, expect, it } from 'vitest';
import { isCodeLine, isSectionNote } from './comments';

describe('isCodeLine', () => {
  it('commented-out code of a schema file', () => {
    for (const line of [
      'testColumn: text("test_column"),',
      'status: textEnum("status", TaskStatus).notNull(),',
      'legacy: integer("legacy")',
      '.notNull()',
      '.references(() => tasks.id, { onDelete: "cascade" }),',
      'index("tasks_user_idx").on(t.userId),',
      '}),',
      ']',
      'export const tasks = tasksTasks;',
      "const nowSeconds = sql`(strftime('%s','now'))`",
      'import { sql } from "drizzle-orm";',
      'export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];',
      'export { TaskStatus };',
      'priority: 3,',
      '(t) => [',
    ])
      expect(isCodeLine(line), line).toBe(true);
  });

  it('prose, including prose with code-like bits', () => {
    for (const line of [
      'Unix seconds (UTC)',
      'ISO date, e.g. 2026-01-31.',
      'Type of the entry (json)',
      'JSON object, defaults to {}',
      'FK to companies.id',
      'References tasks_projects(id)',
      'Foreign key to projects (soft, no constraint)',
      'Logical relation to MoLOS-Tasks_projects.id (no foreign key).',
      'Note: optional, see the docs',
      'Default: sql`0` for false',
      '-> tags',
      '=> tasks',
      'type of the entry',
      '@deprecated Use tasksTasks instead',
      'The id of the user who owns the row; never null.',
    ])
      expect(isCodeLine(line), line).toBe(false);
  });
});

describe('isSectionNote', () => {
  it('headings and notes about a group', () => {
    expect(isSectionNote('Define enums locally to avoid import issues', 'enum')).toBe(true);
    expect(isSectionNote('---------------- tables', 'table')).toBe(true);
    expect(isSectionNote('=== Settings ===', 'table')).toBe(true);
    expect(isSectionNote('MARK: tasks', 'table')).toBe(true);
    expect(isSectionNote('Timestamps', 'column')).toBe(true);
    expect(isSectionNote('Audit columns', 'column')).toBe(true);
    expect(isSectionNote('Legacy aliases kept for old imports', 'table')).toBe(true);
  });

  it('descriptions, even when they mention a group word', () => {
    expect(isSectionNote('Status of a task.', 'enum')).toBe(false);
    expect(isSectionNote('Journal entries, one per day and user.', 'table')).toBe(false);
    expect(isSectionNote('Which columns the board shows, as a JSON list of keys.', 'column')).toBe(false);
    expect(isSectionNote('Created at, in unix seconds.', 'column')).toBe(false);
    expect(isSectionNote('Foreign key to projects', 'column')).toBe(false);
  });
});
