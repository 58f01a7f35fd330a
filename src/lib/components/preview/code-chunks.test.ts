import { describe, expect, it } from 'vitest';
import { splitCode } from './code-chunks';

const ts = ['import x;', '', 'const a = 1;', 'const b = 2;', '', 'const c = 3;', ''].join('\n');
const sql = [
  'CREATE TABLE a (',
  '  id text',
  ');',
  '--> statement-breakpoint',
  'CREATE INDEX i ON a (id);--> statement-breakpoint',
  'CREATE TABLE b (id text);',
].join('\n');

describe('splitCode', () => {
  it('cuts TypeScript before blank lines once a block is long enough', () => {
    expect(splitCode(ts, 'typescript', 1)).toEqual(['import x;', '\nconst a = 1;\nconst b = 2;', '\nconst c = 3;\n']);
    expect(splitCode(ts, 'typescript', 3)).toEqual(['import x;\n\nconst a = 1;\nconst b = 2;', '\nconst c = 3;\n']);
  });

  it('cuts SQL after statement breakpoints', () => {
    expect(splitCode(sql, 'sql', 1)).toEqual([
      'CREATE TABLE a (\n  id text\n);\n--> statement-breakpoint',
      'CREATE INDEX i ON a (id);--> statement-breakpoint',
      'CREATE TABLE b (id text);',
    ]);
  });

  it('keeps small files, JSON and YAML whole', () => {
    expect(splitCode(ts, 'typescript')).toEqual([ts]);
    expect(splitCode('{\n\n"a": 1\n}\n', 'json', 1)).toEqual(['{\n\n"a": 1\n}\n']);
    expect(splitCode('', 'sql')).toEqual(['']);
  });

  it('always gives the text back when the blocks are joined with newlines', () => {
    const big = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? '' : `line ${i}`)).join('\n') + '\n';
    for (const min of [1, 5, 80, 1000]) {
      const blocks = splitCode(big, 'typescript', min);
      expect(blocks.join('\n')).toBe(big);
      expect(blocks.slice(0, -1).every((b) => b.split('\n').length >= min)).toBe(true);
    }
    expect(splitCode(sql, 'sql', 1).join('\n')).toBe(sql);
  });
});
