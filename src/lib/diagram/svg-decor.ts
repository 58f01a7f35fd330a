/**
 * What the exported diagram shows besides tables and relations: named areas (drawn first, behind everything),
 * sticky notes (drawn last, in front) and the header tint of a coloured table card. svg.ts calls it and passes
 * in its markup helpers, so escaping and number formatting exist once.
 */
import type { Area, Design, Note, Table } from '../core/design';
import type { Box } from './card-geometry';
import {
  DEFAULT_AREA_COLOR,
  DEFAULT_NOTE_COLOR,
  DIAGRAM_COLOURS,
  DIAGRAM_FONTS,
  DIAGRAM_PALETTE,
  type DiagramColours,
  type DiagramTheme,
} from './theme';

/** svg.ts's own helpers: attributes (numbers rounded, text escaped) and XML text escaping. */
export interface Markup {
  attrs(values: Record<string, string | number | undefined>): string;
  escapeXml(text: string): string;
}

export interface Decor {
  /** The areas' markup, to go before the relations and the cards. */
  areas: string;
  /** The notes' markup, to go after everything else. */
  notes: string;
  /** The box of every area and note, for the drawing's bounds. */
  boxes: Box[];
  /** The colours to draw one table's card with: the theme's, with the header tinted when the table has a colour. */
  cardColours(t: Table, c: DiagramColours): DiagramColours;
}

/** Note text geometry: an estimate of the glyph width is enough to wrap, the note's box clips the rest. */
export const NOTE_TEXT = { fontSize: 13, lineHeight: 18, padding: 10, charWidth: 7 } as const;
export const AREA_TEXT = { fontSize: 14, padding: 14, baseline: 24 } as const;
const AREA_RADIUS = 12;

/**
 * A note's text as lines that fit its width: its own line breaks first, then words wrapped at the estimated
 * width (a word longer than a line is cut).
 * @example wrapNoteText('one two three', 100) // ['one two', 'three'] (with 11 characters a line)
 */
export function wrapNoteText(text: string, width: number): string[] {
  const perLine = Math.max(1, Math.floor((width - 2 * NOTE_TEXT.padding) / NOTE_TEXT.charWidth));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/)) {
      let rest = word;
      while (rest.length > perLine) {
        if (line) lines.push(line);
        lines.push(rest.slice(0, perLine));
        line = '';
        rest = rest.slice(perLine);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= perLine) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

function boxOf(item: Note | Area): Box {
  return { x: item.position.x, y: item.position.y, width: item.size.width, height: item.size.height };
}

function renderArea(a: Area, theme: DiagramTheme, c: DiagramColours, m: Markup): string {
  const shade = DIAGRAM_PALETTE[theme][a.color ?? DEFAULT_AREA_COLOR];
  const { x, y, width, height } = boxOf(a);
  return (
    `<g data-area="${m.escapeXml(a.name)}">` +
    `<rect${m.attrs({ x, y, width, height, rx: AREA_RADIUS, fill: shade.soft, 'fill-opacity': 0.7, stroke: shade.strong, 'stroke-width': 1.5 })}/>` +
    // The name in a nested <svg> so a long one is cut at the area's edge.
    `<svg${m.attrs({ x, y, width, height: AREA_TEXT.baseline + 10, overflow: 'hidden' })}>` +
    `<text${m.attrs({ x: AREA_TEXT.padding, y: AREA_TEXT.baseline, 'font-family': DIAGRAM_FONTS.sans, 'font-size': AREA_TEXT.fontSize, 'font-weight': 600, fill: c.fg })}>${m.escapeXml(a.name)}</text>` +
    `</svg></g>`
  );
}

function renderNote(note: Note, theme: DiagramTheme, c: DiagramColours, m: Markup): string {
  const shade = DIAGRAM_PALETTE[theme][note.color ?? DEFAULT_NOTE_COLOR];
  const { x, y, width, height } = boxOf(note);
  const lines = wrapNoteText(note.text, width);
  const tspans = lines
    .map(
      (line, i) =>
        `<tspan${m.attrs({ x: NOTE_TEXT.padding, y: NOTE_TEXT.padding + NOTE_TEXT.fontSize + i * NOTE_TEXT.lineHeight })}>${m.escapeXml(line)}</tspan>`,
    )
    .join('');
  return (
    `<svg${m.attrs({ x, y, width, height, overflow: 'hidden' })} data-note="">` +
    `<rect${m.attrs({ x: 0.5, y: 0.5, width: width - 1, height: height - 1, rx: 4, fill: shade.soft, stroke: shade.strong, 'stroke-opacity': 0.6 })}/>` +
    `<text${m.attrs({ 'font-family': DIAGRAM_FONTS.sans, 'font-size': NOTE_TEXT.fontSize, fill: c.fg, 'xml:space': 'preserve' })}>${tspans}</text>` +
    `</svg>`
  );
}

/**
 * The decorations of a design in one theme.
 * @example const decor = diagramDecor(design, 'light', { attrs, escapeXml }); body.push(decor.areas);
 */
export function diagramDecor(d: Design, theme: DiagramTheme, m: Markup): Decor {
  const palette = DIAGRAM_PALETTE[theme];
  const colours = DIAGRAM_COLOURS[theme];
  const areas = Object.values(d.areas ?? {});
  const notes = Object.values(d.notes ?? {});
  // Bigger areas first, so an area drawn inside another is not hidden behind it.
  const byArea = [...areas].sort((a, b) => b.size.width * b.size.height - a.size.width * a.size.height);
  return {
    areas: byArea.map((a) => renderArea(a, theme, colours, m)).join(''),
    notes: notes.map((n) => renderNote(n, theme, colours, m)).join(''),
    boxes: [...areas, ...notes].map(boxOf),
    cardColours: (t, colours) => (t.color ? { ...colours, header: palette[t.color].soft } : colours),
  };
}
