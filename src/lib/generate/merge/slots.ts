/**
 * Text surgery on lists of an existing file — the statements of a file, the properties of an object literal, the
 * items of an array, the names of an import — that keeps every byte the studio does not change. Each element
 * becomes a slot: the text before it (line breaks, indentation, comments), the element itself, its comma and
 * what follows the comma on the same line (a `// note`). Slots are kept, replaced, dropped or added, and the list
 * is written back with its commas set right.
 */
import { ts } from 'ts-morph';
import { isCodeLine, isSectionNote, type CommentTarget } from '../../import/tables-ts/comments';

export interface Slot {
  /** Text before the element: line break, indentation, comments. */
  lead: string;
  /** The element's own text. */
  node: string;
  /** Text between the element and its comma (usually empty). */
  gap: string;
  comma: boolean;
  /** After the comma, on the same line: spaces and a comment. */
  trail: string;
  /** The element in the parsed file (absent for an added slot). */
  element?: ts.Node;
  /** Where `lead` starts in the file. */
  start: number;
}

export interface SlotList {
  slots: Slot[];
  /** Text after the last slot up to the closing bracket (or the end of the file). */
  tail: string;
  /** Whether the last element had a comma after it. */
  trailingComma: boolean;
  /** Whether the list's elements are on lines of their own. */
  multiline: boolean;
  /** The indentation of the first element's line (or `''`). */
  indent: string;
}

/** The indentation of the line `pos` is on. */
export function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, pos))?.[0] ?? '';
}

/** Skips spaces, tabs and one-line block comments on the same line. */
function skipInline(text: string, pos: number, end: number): number {
  for (;;) {
    while (pos < end && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    if (text.startsWith('/*', pos)) {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0 || close >= end || text.slice(pos, close).includes('\n')) return pos;
      pos = close + 2;
    } else return pos;
  }
}

/**
 * Cuts a list into slots. `open` is where the first slot's text starts (just after `{`, `[` or the file start),
 * `close` where the list's text ends (the closing bracket, or the end of the file); `commas` whether elements are
 * separated by commas.
 */
export function readSlots(
  text: string,
  sf: ts.SourceFile,
  elements: readonly ts.Node[],
  open: number,
  close: number,
  commas: boolean,
): SlotList {
  const slots: Slot[] = [];
  let pos = open;
  let trailingComma = false;
  for (const e of elements) {
    const nodeStart = e.getStart(sf);
    const nodeEnd = e.getEnd();
    let at = skipInline(text, nodeEnd, close);
    let comma = false;
    let gap = '';
    if (commas && text[at] === ',') {
      gap = text.slice(nodeEnd, at);
      comma = true;
      at++;
    } else at = nodeEnd;
    // A comment after the element on the same line travels with it.
    let trailEnd = skipInline(text, at, close);
    if (text.startsWith('//', trailEnd)) {
      const nl = text.indexOf('\n', trailEnd);
      trailEnd = nl < 0 || nl > close ? close : nl;
      if (text[trailEnd - 1] === '\r') trailEnd--;
    } else trailEnd = at;
    slots.push({
      lead: text.slice(pos, nodeStart),
      node: text.slice(nodeStart, nodeEnd),
      gap,
      comma,
      trail: text.slice(at, trailEnd),
      element: e,
      start: pos,
    });
    trailingComma = comma;
    pos = trailEnd;
  }
  const first = elements[0];
  return {
    slots,
    tail: text.slice(pos, close),
    trailingComma,
    multiline: slots.some((s) => s.lead.includes('\n')),
    indent: first ? lineIndent(text, first.getStart(sf)) : '',
  };
}

/** Writes a list back; every slot but the last gets a comma, the last one keeps `trailingComma`. */
export function writeSlots(list: SlotList, commas: boolean): string {
  const last = list.slots.length - 1;
  return (
    list.slots
      .map((s, i) => {
        const comma = commas && (i < last || list.trailingComma);
        return s.lead + s.node + (comma ? (s.comma ? s.gap : '') + ',' : '') + s.trail;
      })
      .join('') + list.tail
  );
}

const DIRECTIVE = /^\s*\/\/\s*(eslint-|@ts-|prettier-ignore|biome-ignore)/;
const BLANK_LINE = /\n[ \t]*\r?\n/;

/**
 * Where, in a slot's `lead`, the comments that describe the element begin (a JSDoc, prose or a tool directive
 * directly above it, by the importer's rule in import/tables-ts/comments.ts): the line break before them, or
 * before the element's own line. What comes before — a file header, a commented-out line of code, a section
 * note — belongs to no element: it stays when the element is dropped or its comment replaced.
 * @example describedFrom('\n\t// old: text("old"),\n\t/** The title. *\/\n\t', 'column') // index of the second '\n'
 */
export function describedFrom(lead: string, target: CommentTarget): number {
  const ranges = ts.getLeadingCommentRanges(lead, 0) ?? [];
  let from = lead.length;
  let next = lead.length;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i] as ts.CommentRange;
    if (BLANK_LINE.test(lead.slice(r.end, next))) break;
    const raw = lead.slice(r.pos, r.end);
    const doc = raw.startsWith('/**') && !raw.startsWith('/**/');
    if (!doc && !DIRECTIVE.test(raw)) {
      const body = raw.startsWith('//') ? raw.slice(2) : raw.slice(2, -2);
      if (body.split('\n').some((l) => isCodeLine(l.replace(/^\s*\*/, '')))) break;
      if (isSectionNote(body.replace(/^\s*\*/gm, ''), target)) break;
    }
    from = r.pos;
    next = r.pos;
  }
  const nl = lead.lastIndexOf('\n', from - 1);
  return nl < 0 ? 0 : nl;
}

/** The lead without the comments that describe the element (see {@link describedFrom}). */
export function undescribedLead(lead: string, target: CommentTarget): string {
  return lead.slice(0, describedFrom(lead, target));
}

/**
 * What stays of a dropped element's lead: the comments that did not describe it (a file header, a section note, a
 * commented-out line); nothing when that is only blank space, so no empty lines pile up where it was.
 */
export function leftOfDropped(lead: string, target: CommentTarget): string {
  const kept = undescribedLead(lead, target);
  return kept.trim() === '' ? '' : kept;
}

/** A JSDoc block for `comment`, each line indented by `indent` (the first line too), ending with a line break. */
export function docBlock(comment: string, indent: string, eol: string): string {
  const lines = comment
    .replace(/\*\//g, '*\\/')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */${eol}`;
  return `${indent}/**${eol}${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join(eol)}${eol}${indent} */${eol}`;
}
