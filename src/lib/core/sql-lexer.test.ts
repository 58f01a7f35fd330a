import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { skipSpaceAndComments, tokenize, tokenizeWithComments, type Token } from './sql-lexer';

/** A token as `[kind, value, start, end]`, plus the quote for identifiers and a mark when unterminated. */
function brief(t: Token): (string | number)[] {
  const out: (string | number)[] = [t.kind, t.value, t.start, t.end];
  if (t.quote) out.push(`quote ${t.quote}`);
  if (t.unterminated) out.push('unterminated');
  return out;
}
const lex = (sql: string) => tokenize(sql).map(brief);

describe('quoting forms', () => {
  it('reads the three identifier quotes and string literals, with their positions', () => {
    expect(lex('"a b" `c` [d e] \'f\'')).toEqual([
      ['ident', 'a b', 0, 5, 'quote "'],
      ['ident', 'c', 6, 9, 'quote `'],
      ['ident', 'd e', 10, 15, 'quote ['],
      ['string', 'f', 16, 19],
    ]);
  });

  it('undoes doubled quotes inside "…", `…` and \'…\', but not inside […] (which has no escape)', () => {
    expect(lex(`"a""b" \`c\`\`d\` 'it''s' [x""y]`)).toEqual([
      ['ident', 'a"b', 0, 6, 'quote "'],
      ['ident', 'c`d', 7, 13, 'quote `'],
      ['string', "it's", 14, 21],
      ['ident', 'x""y', 22, 28, 'quote ['],
    ]);
    // `[a]]` is the name `a` followed by a stray `]`.
    expect(lex('[a]]')).toEqual([
      ['ident', 'a', 0, 3, 'quote ['],
      ['punct', ']', 3, 4],
    ]);
  });

  it('keeps structure inside quotes as text: a ; a comment marker or a keyword is not SQL there', () => {
    expect(lex(`'a;--b' "/*c*/" [DROP TABLE x]`)).toEqual([
      ['string', 'a;--b', 0, 7],
      ['ident', '/*c*/', 8, 15, 'quote "'],
      ['ident', 'DROP TABLE x', 16, 30, 'quote ['],
    ]);
  });

  it('gives the names SQLite gives to quoted column names', () => {
    const names = ['"a""b"', '`c``d`', '[e f]', "'g''h'", '"x y"'];
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (${names.map((n) => `${n} int`).join(', ')})`);
    const pragma = (db.prepare('PRAGMA table_info(t)').all() as { name: string }[]).map((r) => r.name);
    db.close();
    expect(names.map((n) => tokenize(n)[0]?.value)).toEqual(pragma);
    expect(pragma).toEqual(['a"b', 'c`d', 'e f', "g'h", 'x y']);
  });

  it('marks a quote that runs to the end of the text as unterminated', () => {
    expect(lex("a 'b")).toEqual([
      ['word', 'a', 0, 1],
      ['string', 'b', 2, 4, 'unterminated'],
    ]);
    expect(lex('"x""')).toEqual([['ident', 'x"', 0, 4, 'quote "', 'unterminated']]);
    expect(lex('[x')).toEqual([['ident', 'x', 0, 2, 'quote [', 'unterminated']]);
    expect(lex('`')).toEqual([['ident', '', 0, 1, 'quote `', 'unterminated']]);
  });
});

describe('comments', () => {
  const sql = 'a -- one; two\n/* three; */ b /* open';

  it('drops -- and /* */ comments by default', () => {
    expect(lex(sql)).toEqual([
      ['word', 'a', 0, 1],
      ['word', 'b', 27, 28],
    ]);
  });

  it('keeps them as comment tokens when asked, markers included, the line comment with its newline', () => {
    expect(tokenizeWithComments(sql).map(brief)).toEqual([
      ['word', 'a', 0, 1],
      ['comment', '-- one; two\n', 2, 14],
      ['comment', '/* three; */', 14, 26],
      ['word', 'b', 27, 28],
      ['comment', '/* open', 29, 36, 'unterminated'],
    ]);
  });

  it('ends a -- comment at the end of the text when there is no newline', () => {
    expect(tokenizeWithComments('x --y').map(brief)).toEqual([
      ['word', 'x', 0, 1],
      ['comment', '--y', 2, 5],
    ]);
  });

  it('reads a lone - or / as punctuation, and comment markers inside quotes as text', () => {
    expect(lex("1-2 /3 '--'")).toEqual([
      ['number', '1', 0, 1],
      ['punct', '-', 1, 2],
      ['number', '2', 2, 3],
      ['punct', '/', 4, 5],
      ['number', '3', 5, 6],
      ['string', '--', 7, 11],
    ]);
  });

  it('finds where the next statement starts after space and comments', () => {
    expect(skipSpaceAndComments('  -- a\n /* b */\tCREATE')).toBe(16);
    expect(skipSpaceAndComments('x  y', 1)).toBe(3);
    expect(skipSpaceAndComments(' -- only a comment')).toBe(18);
    expect(skipSpaceAndComments('/* open')).toBe(7);
  });
});

describe('blobs and numbers', () => {
  it("reads X'..' as a word touching a string (both cases of x)", () => {
    expect(lex("X'00ff' x'AB'")).toEqual([
      ['word', 'X', 0, 1],
      ['string', '00ff', 1, 7],
      ['word', 'x', 8, 9],
      ['string', 'AB', 9, 13],
    ]);
  });

  it('reads hex, exponents, a leading or trailing dot and digit separators as one number each', () => {
    const literals = ['0x1F', '0XaB', '1e3', '1.5E-3', '2e+10', '.5', '1.', '1.e3', '3.14', '1_000', '0x1_F', '1e1_0'];
    expect(literals.map((l) => lex(l))).toEqual(literals.map((l) => [['number', l, 0, l.length]]));
  });

  it('reads each of those as SQLite does: one literal, the same value', () => {
    const literals = ['0x1F', '1e3', '1.5E-3', '.5', '1.', '1.e3', '1_000', '0x1_F', '1e1_0', '.5_5'];
    const db = new Database(':memory:');
    for (const l of literals) {
      const value = (db.prepare(`SELECT ${l} AS v`).get() as { v: number }).v;
      const [token, ...rest] = tokenize(l);
      expect(rest).toEqual([]);
      expect([token?.kind, Number(token?.value.replaceAll('_', ''))]).toEqual(['number', value]);
    }
    db.close();
  });

  it('ends a number where SQLite would not read on: a sign is an operator, a dot starts a number only before a digit', () => {
    expect(lex('-1 +2 a.b .x 1..2')).toEqual([
      ['punct', '-', 0, 1],
      ['number', '1', 1, 2],
      ['punct', '+', 3, 4],
      ['number', '2', 4, 5],
      ['word', 'a', 6, 7],
      ['punct', '.', 7, 8],
      ['word', 'b', 8, 9],
      ['punct', '.', 10, 11],
      ['word', 'x', 11, 12],
      ['number', '1.', 13, 15],
      ['number', '.2', 15, 17],
    ]);
  });

  it('does not take a separator that is not between two digits', () => {
    expect(lex('1_ 2__3')).toEqual([
      ['number', '1', 0, 1],
      ['word', '_', 1, 2],
      ['number', '2', 3, 4],
      ['word', '__3', 4, 7],
    ]);
  });
});

describe('words and positions', () => {
  it('reads bare words with _, $, digits and non-ASCII letters; offsets point into the text', () => {
    const sql = 'CREATE TABLE café_1 (a$b int);';
    const tokens = tokenize(sql);
    expect(tokens.map(brief)).toEqual([
      ['word', 'CREATE', 0, 6],
      ['word', 'TABLE', 7, 12],
      ['word', 'café_1', 13, 19],
      ['punct', '(', 20, 21],
      ['word', 'a$b', 21, 24],
      ['word', 'int', 25, 28],
      ['punct', ')', 28, 29],
      ['punct', ';', 29, 30],
    ]);
    expect(tokens.map((t) => sql.slice(t.start, t.end)).join(' ')).toBe('CREATE TABLE café_1 ( a$b int ) ;');
  });

  it('covers the whole text: every non-space character is inside exactly one token or comment', () => {
    const sql = `CREATE TABLE "t" (\n  [a] text DEFAULT 'x''y', -- note\n  b blob DEFAULT X'00' /* c */\n);`;
    const tokens = tokenizeWithComments(sql);
    let last = 0;
    for (const t of tokens) {
      expect(t.start).toBeGreaterThanOrEqual(last);
      expect(t.end).toBeGreaterThan(t.start);
      expect(sql.slice(last, t.start).trim()).toBe('');
      last = t.end;
    }
    expect(last).toBe(sql.length);
    expect(tokens.filter((t) => t.kind === 'comment').map((t) => t.value)).toEqual(['-- note\n', '/* c */']);
  });

  it('stays linear on long hostile text', () => {
    const sql = '1 '.repeat(100_000) + "'" + 'x'.repeat(100_000);
    const started = performance.now();
    const tokens = tokenize(sql);
    expect(tokens.length).toBe(100_001);
    expect(tokens[100_000]?.unterminated).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
