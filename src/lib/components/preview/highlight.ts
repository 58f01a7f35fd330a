/**
 * Syntax highlighting for the code previews: highlight.js core plus only the grammars the previews show, each
 * loaded on first use (none of it is on the first screen). Results are remembered per text, so switching views
 * or re-rendering never highlights the same block twice; an oversized text is left plain to stay responsive.
 */
import type { HLJSApi, LanguageFn } from 'highlight.js';

export type CodeLanguage = 'typescript' | 'sql' | 'json' | 'yaml';

/** Beyond this many characters a text is shown plain: highlighting it in one go would block typing. */
export const HIGHLIGHT_LIMIT = 100_000;

const GRAMMARS: Record<CodeLanguage, () => Promise<{ default: LanguageFn }>> = {
  typescript: () => import('highlight.js/lib/languages/typescript'),
  sql: () => import('highlight.js/lib/languages/sql'),
  json: () => import('highlight.js/lib/languages/json'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

let core: Promise<HLJSApi> | undefined;
const registered = new Map<CodeLanguage, Promise<void>>();

async function withLanguage(language: CodeLanguage): Promise<HLJSApi> {
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
  const hljs = await withLanguage(language);
  const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(key, html);
  return html;
}
