import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LIMIT, highlight } from './highlight';

describe('highlight', () => {
  it('highlights TypeScript and SQL, escaping the text', async () => {
    const ts = await highlight('export const a = "<b>";', 'typescript');
    expect(ts).toContain('<span class="hljs-keyword">export</span>');
    expect(ts).toContain('&lt;b&gt;');
    const sql = await highlight('CREATE TABLE `t` (`id` text);', 'sql');
    expect(sql).toContain('<span class="hljs-keyword">CREATE TABLE</span>');
  });

  it('loads JSON and YAML on demand', async () => {
    expect(await highlight('{"a": 1}', 'json')).toContain('hljs-attr');
    expect(await highlight('name: x', 'yaml')).toContain('hljs-attr');
  });

  it('leaves very large texts plain', async () => {
    expect(await highlight('x'.repeat(HIGHLIGHT_LIMIT + 1), 'sql')).toBeNull();
  });
});
