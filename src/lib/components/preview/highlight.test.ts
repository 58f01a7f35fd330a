import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LIMIT, highlight, highlightSql } from './highlight';

const kw = (w: string) => `<span class="hljs-keyword">${w}</span>`;
const str = (w: string) => `<span class="hljs-string">${w}</span>`;

describe('highlight', () => {
  it('highlights TypeScript and SQL, escaping the text', async () => {
    const ts = await highlight('export const a = "<b>";', 'typescript');
    expect(ts).toContain('<span class="hljs-keyword">export</span>');
    expect(ts).toContain('&lt;b&gt;');
    // SQL is coloured word by word by the SQLite lexer (highlight.js joined `CREATE TABLE` into one span).
    expect(await highlight('CREATE TABLE `t` (`id` text);', 'sql')).toBe(
      `${kw('CREATE')} ${kw('TABLE')} \`t\` (\`id\` <span class="hljs-type">text</span>);`,
    );
  });

  it('loads JSON and YAML on demand', async () => {
    expect(await highlight('{"a": 1}', 'json')).toContain('hljs-attr');
    expect(await highlight('name: x', 'yaml')).toContain('hljs-attr');
  });

  it('leaves very large texts plain', async () => {
    expect(await highlight('x'.repeat(HIGHLIGHT_LIMIT + 1), 'sql')).toBeNull();
  });
});

describe('highlightSql', () => {
  it('a " inside a backticked name does not start a string', () => {
    expect(highlightSql("CREATE TABLE `a\"b` (`c` text DEFAULT 'x');")).toBe(
      `${kw('CREATE')} ${kw('TABLE')} \`a&quot;b\` (\`c\` <span class="hljs-type">text</span> ${kw('DEFAULT')} ${str('&#x27;x&#x27;')});`,
    );
  });

  it('a doubled "" inside a "…" name stays part of the name', () => {
    expect(highlightSql('SELECT "a""b" FROM t WHERE x = \'y\';')).toBe(
      `${kw('SELECT')} &quot;a&quot;&quot;b&quot; ${kw('FROM')} t ${kw('WHERE')} x = ${str('&#x27;y&#x27;')};`,
    );
  });

  it("keeps a doubled '' inside a string, and a ' inside a name out of strings", () => {
    expect(highlightSql("INSERT INTO `it's` VALUES ('it''s', 1.5e3, NULL);")).toBe(
      `${kw('INSERT')} ${kw('INTO')} \`it&#x27;s\` ${kw('VALUES')} (${str('&#x27;it&#x27;&#x27;s&#x27;')}, ` +
        `<span class="hljs-number">1.5e3</span>, <span class="hljs-literal">NULL</span>);`,
    );
  });

  it('colours comments and the breakpoint marker, and escapes < and &', () => {
    expect(highlightSql('SELECT 1 < 2 & 3;\n--> statement-breakpoint\n/* x */')).toBe(
      `${kw('SELECT')} <span class="hljs-number">1</span> &lt; <span class="hljs-number">2</span> &amp; ` +
        `<span class="hljs-number">3</span>;\n<span class="hljs-comment">--&gt; statement-breakpoint\n</span>` +
        '<span class="hljs-comment">/* x */</span>',
    );
  });

  it('a [bracketed] name holding quotes stays plain, and the text is kept exactly', () => {
    const sql = 'CREATE INDEX [i"x\'] ON `t` (`a`);  ';
    const html = highlightSql(sql);
    expect(html).toBe(`${kw('CREATE')} ${kw('INDEX')} [i&quot;x&#x27;] ${kw('ON')} \`t\` (\`a\`);  `);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(text).toBe(sql);
  });
});
