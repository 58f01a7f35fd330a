/**
 * Comments kept from imported code: only a comment that describes the declaration it sits on becomes that
 * declaration's comment in the design. The rule:
 *
 * 1. It sits directly above the declaration (no blank line in between), or after it on the same line (`//`). A
 *    file header or a note separated by a blank line belongs to no declaration.
 * 2. A JSDoc block (`/** … *\/`) directly above always describes the declaration.
 * 3. Other comments (`//` lines, `/* … *\/` blocks) are read upward from the declaration and count while they are
 *    prose. A line of code (a commented-out column such as `// testColumn: text("test_column"),`, a closing
 *    `// }),`, a statement ending in `;`) ends the run: it and everything above it belong to that code, not to the
 *    declaration below. A block comment holding code is not a description. Tool directives
 *    (`// eslint-disable-next-line`, `// @ts-expect-error`, `// prettier-ignore`) are skipped.
 * 4. A section note is not a description: a heading framed with `---`, `===`, `***` or `###` (or `#region`,
 *    `MARK:`), a short heading naming a group (`// Timestamps`, `// Audit columns`), and, on a table or an enum, a
 *    note about the tables or enums as a group (`// Define enums locally to avoid import issues`).
 *
 * What is not kept as a comment stays in the file when the studio writes back into it; it only does not travel
 * with the declaration in the design.
 */
import { type Node, ts } from 'ts-morph';

/** What a comment sits on, for the section-note rule. */
export type CommentTarget = 'table' | 'enum' | 'column';

/** The text of one comment without its markers: `/** a *\/` → `a`, `// a` → `a`. */
export function commentText(raw: string): string {
  let lines: string[];
  if (raw.startsWith('//')) {
    lines = [raw.replace(/^\/\/\/?\s?/, '')];
  } else {
    const body = raw.replace(/^\/\*\*?/, '').replace(/\*\/$/, '');
    lines = body.split(/\r\n|\r|\n/).map((l, i) => {
      // The first line follows the opening marker directly; later lines usually start with ` * `.
      const stripped = i === 0 ? l : l.replace(/^\s*\*(?!\/)/, '');
      return stripped.replace(/^ /, '');
    });
  }
  lines = lines.map((l) => l.trimEnd().replace(/\*\\\//g, '*/'));
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  // A one-line JSDoc keeps no leading space: `/** a */` → `a`.
  return lines.map((l, i) => (i === 0 ? l.trimStart() : l)).join('\n');
}

/** Lines that read as TypeScript rather than prose. Each pattern is narrow enough to leave sentences alone. */
const CODE_LINE: RegExp[] = [
  // `key: builder(…)` and `key: value,` — a commented-out property.
  /^[\w$]+\??\s*:\s*[a-z_$][\w$.]*\s*(<.*>)?\s*\(/,
  /^[\w$]+\??\s*:\s*\S.*,$/,
  // `.notNull()` — a chained call on its own line; `name(…)` / `name(…),` — a call.
  /^\.[\w$]+\s*(<.*>)?\s*\(/,
  /^[\w$.]+\s*(<.*>)?\s*\(.*\)\s*[,;]?$/,
  // Declarations and imports.
  /^(export\s+)?(const|let|var)\s+[\w${[]/,
  /^(export\s+)?(type|interface|enum|class)\s+[A-Za-z_$][\w$]*\s*(<[^>]*>)?\s*(=|\{|extends\b)/,
  /^(export\s+)?(async\s+)?function\b\s*[\w$]*\s*\(/,
  /^import\s.*\bfrom\s*['"]/,
  /^(export|import)\s*\{/,
  /^return\b.*;$/,
  // A statement's end, an opened block, closing brackets, an arrow function.
  /;$/,
  /\{$/,
  /^[)\]}]+[\s,;)]*$/,
  /\)\s*(:\s*[\w$<>[\]]+\s*)?=>/,
];

/** Comments addressed to tools, not readers. */
const DIRECTIVE = /^(eslint-|@ts-|prettier-ignore|istanbul\s|c8\s|biome-ignore|#\s*(region|endregion)\b)/;

/**
 * True for a comment line that reads as TypeScript (commented-out code) rather than prose.
 * @example isCodeLine('testColumn: text("test_column"),') // true; isCodeLine('Unix seconds (UTC)') // false
 */
export function isCodeLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && CODE_LINE.some((re) => re.test(t));
}

const FRAMED = /^([-=*#~/_]{3,}|MARK:)|[-=*#~/_]{3,}$/;
const GROUP_WORDS =
  /\b(columns|fields|timestamps|tables|enums|enumerations|indexes|indices|relations|aliases|types|constants|helpers|exports)\b/i;
const GROUP_OF: Record<CommentTarget, RegExp> = {
  table: /\b(tables|schemas?|aliases)\b/i,
  enum: /\b(enums|enumerations|constants)\b/i,
  column: /(?!)/,
};

/**
 * True for a comment that heads a section of the file instead of describing the declaration below it.
 * @example isSectionNote('Define enums locally to avoid import issues', 'enum') // true
 */
export function isSectionNote(text: string, target: CommentTarget): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return false;
  if (lines.some((l) => FRAMED.test(l))) return true;
  const words = lines.join(' ').split(/\s+/);
  if (words.length <= 4 && !/[.:;?!]$/.test(lines.join(' ')) && GROUP_WORDS.test(lines.join(' '))) return true;
  return GROUP_OF[target].test(lines.join(' '));
}

const BLANK_LINE = /\n[ \t]*\r?\n/;

/**
 * The comment that describes `node`, by the rule at the top of this file; `''` when there is none.
 * @example leadingComment(columnProperty, 'column') // 'Shown in lists.' for `// Shown in lists.\ntitle: text("title")`
 */
export function leadingComment(node: Node, target: CommentTarget = 'column'): string {
  const text = node.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getPos()) ?? [];
  // Each comment directly above, nearest first, until a blank line.
  const above: ts.CommentRange[] = [];
  let next = node.getStart();
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i] as ts.CommentRange;
    if (BLANK_LINE.test(text.slice(r.end, next))) break;
    above.push(r);
    next = r.pos;
  }
  const kept: { text: string; doc: boolean }[] = [];
  for (const r of above) {
    const raw = text.slice(r.pos, r.end);
    const body = commentText(raw);
    const doc = raw.startsWith('/**') && !raw.startsWith('/**/');
    if (!doc) {
      if (DIRECTIVE.test(body.trim())) continue;
      if (body.split('\n').some(isCodeLine)) break;
    }
    kept.unshift({ text: body, doc });
  }
  // Section notes: the prose run nearest the declaration decides (a JSDoc is never one).
  const prose = kept.filter((k) => !k.doc).map((k) => k.text);
  if (prose.length > 0 && isSectionNote(prose.join('\n'), target)) {
    return kept
      .filter((k) => k.doc)
      .map((k) => k.text)
      .filter((c) => c !== '')
      .join('\n');
  }
  return kept
    .map((k) => k.text)
    .filter((c) => c !== '')
    .join('\n');
}

/** A `// comment` on the same line after `node` (and an optional comma), unless it is commented-out code. */
export function trailingComment(node: Node): string {
  const text = node.getSourceFile().getFullText();
  let pos = node.getEnd();
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  if (text[pos] === ',') pos++;
  const ranges = ts.getTrailingCommentRanges(text, pos) ?? [];
  return ranges
    .filter((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia)
    .map((r) => commentText(text.slice(r.pos, r.end)))
    .filter((c) => c !== '' && !isCodeLine(c) && !DIRECTIVE.test(c.trim()))
    .join('\n');
}
