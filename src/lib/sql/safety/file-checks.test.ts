import { describe, expect, it } from 'vitest';
import { checkFileName, chunkProblems } from './file-checks';

describe('chunkProblems', () => {
  it('is empty when every chunk holds exactly one statement, comments before it included', () => {
    expect(chunkProblems('CREATE TABLE a (x int);--> statement-breakpoint\n-- then\nDROP TABLE b;')).toEqual([]);
    expect(chunkProblems("CREATE TABLE a (s text DEFAULT 'a;b');")).toEqual([]);
  });

  it('names each chunk that holds more than one statement, or none', () => {
    const problems = chunkProblems(
      'DROP TABLE a; DROP TABLE b;--> statement-breakpoint\n-- only a note\n--> statement-breakpoint\nSELECT 1;--> statement-breakpoint\n',
    );
    expect(problems).toEqual([
      'chunk 1: This chunk holds 2 statements: the host runs them all, but drizzle\'s migrator, which module tests use, runs each chunk as one prepared statement and fails ("contains more than one statement"). Put a --> statement-breakpoint between them.',
      'chunk 2: This chunk is only a comment: the host runs the file (it drops the chunk), but drizzle\'s migrator, which module tests use, fails on it ("The supplied SQL string contains no statements").',
      'chunk 4: The file ends with --> statement-breakpoint: the host runs the file (it drops the empty last chunk), but drizzle\'s migrator, which module tests use, fails on it ("The supplied SQL string contains no statements").',
    ]);
    expect(chunkProblems('')).toHaveLength(1);
  });
});

describe('checkFileName', () => {
  it.each([
    ['drizzle/0001_add.sql', []],
    ['0001_add', ['error']],
    ['0001_add.SQL', ['error']],
    ['0001_add.down.sql', ['info']],
    ['0001_Add.sql', ['error']],
  ])('%s', (path, severities) => {
    expect(checkFileName(path).map((f) => f.severity)).toEqual(severities);
  });
});
