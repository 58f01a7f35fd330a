/**
 * Comments kept from imported code: the comment block directly above a declaration (JSDoc or `//` lines, with
 * no blank line between them and the declaration) and a `//` comment after it on the same line. A file header
 * separated from the first table by a blank line is not that table's comment.
 */
import { type Node, ts } from 'ts-morph';

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

const BLANK_LINE = /\n[ \t]*\r?\n/;

/** The comments attached to `node`: the block directly above it, without a blank line in between. */
export function leadingComment(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getPos()) ?? [];
  const kept: string[] = [];
  let next = node.getStart();
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i] as ts.CommentRange;
    if (BLANK_LINE.test(text.slice(r.end, next))) break;
    kept.unshift(commentText(text.slice(r.pos, r.end)));
    next = r.pos;
  }
  return kept.filter((c) => c !== '').join('\n');
}

/** A `// comment` on the same line after `node` (and an optional comma). */
export function trailingComment(node: Node): string {
  const text = node.getSourceFile().getFullText();
  let pos = node.getEnd();
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  if (text[pos] === ',') pos++;
  const ranges = ts.getTrailingCommentRanges(text, pos) ?? [];
  return ranges
    .filter((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia)
    .map((r) => commentText(text.slice(r.pos, r.end)))
    .filter((c) => c !== '')
    .join('\n');
}
