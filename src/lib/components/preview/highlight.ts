/**
 * Syntax highlighting for the code previews: highlight.js core plus only the grammars the previews show, each
 * loaded on first use (none of it is on the first screen). SQL is coloured from the project's SQLite lexer
 * instead, so quoting follows SQLite exactly: a `"` inside a backticked name, or a doubled `""` inside a
 * "…" name, never turns the rest of the text into a string. Results are remembered per text, so switching views
 * or re-rendering never highlights the same block twice; an oversized text is left plain to stay responsive.
 */
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { SQLITE_KEYWORDS } from '../../core/naming';
import { type Token, tokenizeWithComments } from '../../core/sql-lexer';

export type CodeLanguage = 'typescript' | 'sql' | 'json' | 'yaml';

/** Beyond this many characters a text is shown plain: highlighting it in one go would block typing. */
export const HIGHLIGHT_LIMIT = 100_000;

const GRAMMARS: Record<Exclude<CodeLanguage, 'sql'>, () => Promise<{ default: LanguageFn }>> = {
  typescript: () => import('highlight.js/lib/languages/typescript'),
  json: () => import('highlight.js/lib/languages/json'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

let core: Promise<HLJSApi> | undefined;
const registered = new Map<CodeLanguage, Promise<void>>();

async function withLanguage(language: Exclude<CodeLanguage, 'sql'>): Promise<HLJSApi> {
  core ??= import('highlight.js/lib/core').then((m) => m.default);
  const hljs = await core;
  let ready = registered.get(language);
  if (!ready) {
    ready = GRAMMARS[language]().then((grammar) => hljs.registerLanguage(language, grammar.default));
    registered.set(language, ready);
  }
  await ready;
  return hljs;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** Column types and literal words that are not SQLite keywords but read as such in a migration. */
const SQL_TYPES = new Set(['TEXT', 'INTEGER', 'INT', 'REAL', 'BLOB', 'NUMERIC']);
const SQL_LITERALS = new Set(['NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']);

/** The class of one token (the highlight.js names the code views' theme colours), or null to leave it plain. */
function tokenClass(t: Token): string | null {
  switch (t.kind) {
    case 'string':
      return 'hljs-string';
    case 'number':
      return 'hljs-number';
    case 'comment':
      return 'hljs-comment';
    case 'word': {
      const upper = t.value.toUpperCase();
      if (SQL_LITERALS.has(upper)) return 'hljs-literal';
      if (SQLITE_KEYWORDS.has(upper)) return 'hljs-keyword';
      return SQL_TYPES.has(upper) ? 'hljs-type' : null;
    }
    default:
      // Quoted names and punctuation stay in the text colour.
      return null;
  }
}

/**
 * SQL as HTML, coloured token by token with the SQLite lexer; everything else (spaces, names, punctuation) is
 * escaped text. Linear in the text's length.
 * @example highlightSql("DEFAULT 'a'") // '<span class="hljs-keyword">DEFAULT</span> <span class="hljs-string">&#x27;a&#x27;</span>'
 */
export function highlightSql(text: string): string {
  let html = '';
  let at = 0;
  for (const t of tokenizeWithComments(text)) {
    html += escapeHtml(text.slice(at, t.start));
    const raw = escapeHtml(text.slice(t.start, t.end));
    const cls = tokenClass(t);
    html += cls ? `<span class="${cls}">${raw}</span>` : raw;
    at = t.end;
  }
  return html + escapeHtml(text.slice(at));
}

// Recent results (blocks of the shown files), so flipping between views or editing one table re-highlights
// only what changed.
const recent = new Map<string, string>();
const RECENT_LIMIT = 500;

/**
 * The highlighted HTML of `text` (escaped by highlight.js), or null when the text is too large to highlight.
 * @example const html = await highlight('SELECT 1;', 'sql');
 */
export async function highlight(text: string, language: CodeLanguage): Promise<string | null> {
  if (text.length > HIGHLIGHT_LIMIT) return null;
  const key = `${language}\n${text}`;
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  if (language === 'sql') html = highlightSql(text);
  else {
    const hljs = await withLanguage(language);
    html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  }
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(key, html);
  return html;
}
