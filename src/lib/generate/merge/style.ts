/**
 * The code style of an existing file (tabs or spaces, quotes, trailing commas, line width, line endings), read
 * from its text, so code the studio adds to the file looks like the code around it.
 */
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import { format } from 'prettier/standalone';

export interface CodeStyle {
  useTabs: boolean;
  tabWidth: number;
  singleQuote: boolean;
  trailingComma: 'all' | 'none';
  printWidth: number;
  eol: '\n' | '\r\n';
}

/** The studio's own style (Prettier's defaults), for new files. */
export const DEFAULT_STYLE: CodeStyle = {
  useTabs: false,
  tabWidth: 2,
  singleQuote: false,
  trailingComma: 'all',
  printWidth: 80,
  eol: '\n',
};

/**
 * Reads a file's style from its text; what the text does not show stays as in {@link DEFAULT_STYLE}.
 * @example detectStyle("import { a } from 'x';\n\tconst b = 1;\n").useTabs // true
 */
export function detectStyle(text: string): CodeStyle {
  const lines = text.split(/\r?\n/);
  let tabs = 0;
  let spaces = 0;
  let smallest = Infinity;
  for (const l of lines) {
    if (l.startsWith('\t')) tabs++;
    else {
      const m = /^( +)\S/.exec(l);
      // A line starting with ` *` continues a block comment: it says nothing about indentation.
      if (m && !/^ +\*/.test(l)) {
        spaces++;
        smallest = Math.min(smallest, m[1]?.length ?? Infinity);
      }
    }
  }
  const useTabs = tabs > spaces;
  const tabWidth = !useTabs && (smallest === 4 || smallest === 8) ? 4 : 2;

  // Quote style: the string literals outside comments.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  let single = 0;
  let double = 0;
  for (const m of code.matchAll(/(['"])(?:\\.|(?!\1)[^\\\n])*\1/g)) {
    if (m[1] === "'") single++;
    else double++;
  }

  // Trailing commas: a comma, or none, at the end of the last line of a multi-line object, array or call.
  const withComma = (code.match(/,[ \t]*\r?\n[ \t]*[}\])]/g) ?? []).length;
  const without = (code.match(/[^,{[(\s][ \t]*\r?\n[ \t]*[}\]]/g) ?? []).length;

  const width = (l: string) => l.replace(/\t/g, ' '.repeat(tabWidth)).length;
  const longest = lines.reduce((n, l) => Math.max(n, width(l)), 0);
  return {
    useTabs,
    tabWidth,
    singleQuote: single > double,
    trailingComma: without > withComma ? 'none' : 'all',
    printWidth: longest <= 80 ? 80 : longest <= 100 ? 100 : 120,
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
  };
}

/**
 * The file's style with the quotes one statement uses: files that mix quote styles keep each table's own.
 * @example withQuotesOf(style, 'text("a")').singleQuote // false
 */
export function withQuotesOf(style: CodeStyle, statement: string): CodeStyle {
  let single = 0;
  let double = 0;
  const code = statement.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(/(['"])(?:\\.|(?!\1)[^\\\n])*\1/g)) {
    if (m[1] === "'") single++;
    else double++;
  }
  return single === double ? style : { ...style, singleQuote: single > double };
}

/** One level of indentation in a style. */
export function indentUnit(style: CodeStyle): string {
  return style.useTabs ? '\t' : ' '.repeat(style.tabWidth);
}

/**
 * Formats TypeScript in a style (line endings are `\n`; the caller converts them).
 * @example await formatInStyle('const a = {x:"1"}', { ...DEFAULT_STYLE, singleQuote: true }) // "const a = { x: '1' };\n"
 */
export async function formatInStyle(code: string, style: CodeStyle): Promise<string> {
  return format(code, {
    parser: 'babel-ts',
    plugins: [estree, babel],
    useTabs: style.useTabs,
    tabWidth: style.tabWidth,
    singleQuote: style.singleQuote,
    trailingComma: style.trailingComma,
    printWidth: style.printWidth,
  });
}

/**
 * Formats one object property (or, with `kind: 'item'`, one array item) in a style and indents it for its place: `indent` is the
 * indentation of the line the item starts on. The result has no trailing comma and no final line break.
 * @example await formatMember('title: text("title").notNull()', '\t', style) // "title: text('title').notNull()"
 */
export async function formatMember(
  code: string,
  indent: string,
  style: CodeStyle,
  kind: 'property' | 'item' = 'property',
): Promise<string> {
  const [open, close] = kind === 'property' ? ['{', '};'] : ['[', '];'];
  const formatted = await formatInStyle(`const __m = ${open}\n${code},\n${close}\n`, {
    ...style,
    // The member goes one level deeper than the probe's, so it gets the width it has there.
    printWidth: Math.max(
      40,
      style.printWidth - Math.max(0, indent.replace(/\t/g, ' '.repeat(style.tabWidth)).length - style.tabWidth),
    ),
  });
  const lines = formatted.split('\n');
  // Short enough for one line, Prettier writes `const __m = [x];` (arrays do not stay open like objects).
  const first = lines[0] ?? '';
  if (first.endsWith(close)) return first.slice(`const __m = ${open}`.length, -close.length).trim().replace(/,$/, '');
  const body = lines.slice(1, lines.lastIndexOf(close)).map((l) => l.replace(/^(\t| +)/, (m) => dedentOne(m, style)));
  const text = body.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
  return text.replace(/,$/, '');
}

function dedentOne(lead: string, style: CodeStyle): string {
  if (lead.startsWith('\t')) return lead.slice(1);
  return lead.slice(Math.min(lead.length, style.tabWidth));
}

/** A string literal in the style's quotes. */
export function quoted(value: string, style: CodeStyle): string {
  if (!style.singleQuote) return JSON.stringify(value);
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * A top-level statement after an edit, formatted as the file's own formatter would when the statement was
 * already in that form before (Prettier in the file's style leaves it unchanged); otherwise the edit as it is, so
 * a file that is not formatted that way keeps its own layout.
 * @example await settleStatement(before, after, style) // `after`, re-laid out by Prettier when `before` was
 */
export async function settleStatement(before: string, after: string, style: CodeStyle): Promise<string> {
  if (before === after) return after;
  const unify = (t: string) => t.replace(/\r\n/g, '\n');
  try {
    if ((await formatInStyle(unify(before), style)).trimEnd() !== unify(before).trimEnd()) return after;
    return (await formatInStyle(unify(after), style)).trimEnd().replace(/\n/g, style.eol);
  } catch {
    return after;
  }
}
