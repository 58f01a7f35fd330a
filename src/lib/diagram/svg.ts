/**
 * The whole diagram of a design as one self-contained SVG document: every table card at its saved position,
 * laid out like the canvas cards (same sizes, header, one row per column with its markers), and every relation
 * as a line between the two column rows with its ON DELETE action (dashed when the relation is logical only).
 *
 * Pure and deterministic: the same design and options give the same bytes. Colours and fonts are written into
 * the elements (no CSS, no external fonts, no ids), and every name from the design is XML-escaped, so a table
 * named `<script>` stays text.
 */
import { type Column, type Design, type Table, relationEnds as resolveRelation, tableColumns } from '../core/design';
import { type Box, CARD, cardSize, relationCardinality, relationEnds, typeLabel } from './card-geometry';
import { type LabelSize, labelSize, placeLabel, roundedPath, routeRelation } from './edge-route';
import { DIAGRAM_COLOURS, DIAGRAM_FONTS, type DiagramColours, type DiagramTheme } from './theme';
import { diagramDecor } from './svg-decor';

export interface DiagramOptions {
  theme?: DiagramTheme;
  /** Empty space around the drawing, in pixels (default 32). */
  margin?: number;
  /** The picture's size over the drawing's (default 1): the SVG's width and height, its viewBox stays. */
  scale?: number;
}

export interface Diagram {
  svg: string;
  /** The picture's size in pixels at 1× (the `scale` option multiplies the SVG's own width and height). */
  width: number;
  height: number;
  /** The drawing's area in design coordinates (the SVG viewBox). */
  viewBox: Box;
  /** Each table's card box in design coordinates, by table id. */
  cards: Record<string, Box>;
}

/** How far a line leaves a card before it turns (as on the canvas). */
const OFFSET = 24;
const LABEL_FONT_SIZE = 10;

/** XML text and attribute escaping; characters XML 1.0 cannot hold at all become U+FFFD. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters to replace
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A coordinate as short, stable text. */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v as string)}"`)
    .join('');
}

/** The card boxes of every table, from the card sizes the canvas uses. */
export function cardBoxes(d: Design): Record<string, Box> {
  const boxes: Record<string, Box> = {};
  for (const t of Object.values(d.tables)) {
    const size = cardSize(d, t);
    boxes[t.id] = { x: t.position.x, y: t.position.y, width: size.width, height: size.height };
  }
  return boxes;
}

interface Point {
  x: number;
  y: number;
}

interface RelationShape {
  points: Point[];
  label: Point;
  labelSize: LabelSize;
  text: string | null;
  logical: boolean;
  oneToOne: boolean;
  /** The referencing column is nullable: "zero or one" at the referenced end. */
  optional: boolean;
  source: Point & { dir: 1 | -1 };
  target: Point & { dir: 1 | -1 };
}

/**
 * Each relation's line, routed around the cards (edge-route.ts, as on the canvas), and where its label sits:
 * on a piece of the line where it covers no card and no label placed before it.
 */
function relationShapes(d: Design, boxes: Record<string, Box>): RelationShape[] {
  const shapes: RelationShape[] = [];
  const cards = Object.values(boxes);
  const placed: Box[] = [];
  for (const r of Object.values(d.relations)) {
    const ends = resolveRelation(d, r);
    if (!ends) continue;
    const from = boxes[ends.from.table.id];
    const to = boxes[ends.to.table.id];
    if (!from || !to) continue;
    const fromRow = ends.from.table.columnIds.indexOf(ends.from.column.id);
    const toRow = ends.to.table.columnIds.indexOf(ends.to.column.id);
    const e = relationEnds(from, fromRow, to, toRow, OFFSET);
    const { points } = routeRelation(e, from, to, cards, { offset: OFFSET });
    const text = r.onDelete ?? null;
    const size = labelSize(text ?? '');
    const label = placeLabel(points, size, cards, placed);
    if (text) placed.push({ x: label.x - size.width / 2, y: label.y - size.height / 2, ...size });
    const { oneToOne, optional } = relationCardinality(d, ends.from.column);
    shapes.push({
      points,
      label,
      labelSize: size,
      text,
      logical: r.logical,
      oneToOne,
      optional,
      source: { x: e.sourceX, y: e.sourceY, dir: e.sourceSide === 'right' ? 1 : -1 },
      target: { x: e.targetX, y: e.targetY, dir: e.targetSide === 'right' ? 1 : -1 },
    });
  }
  return shapes;
}

/** How far an end mark reaches out of its card (the "zero or one" circle is the widest). */
const MARK_REACH = 18;

/**
 * The end of a relation at a card, as EdgeMarkers draws it: a crow's foot for "many", a bar for "one", and a
 * circle beyond the bar for "zero or one".
 */
function endMark(at: Point & { dir: 1 | -1 }, kind: 'one' | 'many' | 'zero-one'): string {
  const { x, y, dir } = at;
  if (kind === 'many') {
    const tip = x + dir * 12;
    return `M${n(tip)},${n(y)} L${n(x)},${n(y - 6)} M${n(tip)},${n(y)} L${n(x)},${n(y)} M${n(tip)},${n(y)} L${n(x)},${n(y + 6)}`;
  }
  return `M${n(x + dir * 7)},${n(y - 6)} L${n(x + dir * 7)},${n(y + 6)}`;
}

function renderRelation(shape: RelationShape, c: DiagramColours): string {
  const stroke = attrs({
    fill: 'none',
    stroke: c.line,
    'stroke-width': 1.5,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  });
  const dash = shape.logical ? attrs({ 'stroke-dasharray': '6 4' }) : '';
  const kind = shape.logical ? 'logical' : 'foreign-key';
  const sourceMark = shape.oneToOne ? 'one' : 'many';
  const targetMark = shape.optional ? 'zero-one' : 'one';
  const ends = `${endMark(shape.source, sourceMark)} ${endMark(shape.target, targetMark)}`;
  // The "zero or one" circle, filled with the background so the line does not show through it.
  const circle = shape.optional
    ? `<circle${attrs({ cx: shape.target.x + shape.target.dir * 14, cy: shape.target.y, r: 4, fill: c.bg, stroke: c.line, 'stroke-width': 1.5 })}/>`
    : '';
  return (
    `<g data-relation="${kind}" data-cardinality="${sourceMark}:${targetMark}">` +
    `<path d="${roundedPath(shape.points)}"${stroke}${dash}/>` +
    `<path d="${ends}"${stroke}/>` +
    circle +
    `</g>`
  );
}

function renderLabel(shape: RelationShape, c: DiagramColours): string {
  if (!shape.text) return '';
  const { width: w, height: h } = shape.labelSize;
  const { x, y } = shape.label;
  return (
    `<g data-on-delete="${escapeXml(shape.text)}">` +
    `<rect${attrs({ x: x - w / 2, y: y - h / 2, width: w, height: h, rx: 4, fill: c.panel, stroke: c.border })}/>` +
    `<text${attrs({ x, y: y + 3.5, 'font-family': DIAGRAM_FONTS.sans, 'font-size': LABEL_FONT_SIZE, fill: c.muted, 'text-anchor': 'middle' })}>${escapeXml(shape.text)}</text>` +
    `</g>`
  );
}

/** A row's marker, as the canvas shows it: PK, FK or UQ. */
function rowMark(c: Column, isFk: boolean): string {
  return c.primaryKey ? 'PK' : isFk ? 'FK' : c.unique ? 'UQ' : '';
}

function renderCard(d: Design, t: Table, box: Box, fkColumns: ReadonlySet<string>, c: DiagramColours): string {
  const { width, height } = box;
  const columns = tableColumns(d, t);
  const radius = 6;
  const top = CARD.border / 2;
  const sans = DIAGRAM_FONTS.sans;
  const mono = DIAGRAM_FONTS.mono;
  const parts: string[] = [];
  // The card's shape, its header band (rounded at the top only) and the line under the header.
  parts.push(
    `<rect${attrs({ x: 0.5, y: 0.5, width: width - 1, height: height - 1, rx: radius, fill: c.panel, stroke: c.border })}/>`,
    `<path d="M0.5,${n(top + CARD.header)} V${n(radius + 0.5)} Q0.5,0.5 ${n(radius + 0.5)},0.5 H${n(width - radius - 0.5)} Q${n(width - 0.5)},0.5 ${n(width - 0.5)},${n(radius + 0.5)} V${n(top + CARD.header)} Z"${attrs({ fill: c.header, stroke: c.border })}/>`,
  );
  // Header: the full table name (the module prefix muted), then the TypeScript export name.
  parts.push(
    `<text${attrs({ x: 10, y: top + 21, 'font-family': sans, 'font-size': 13, fill: c.fg })}>` +
      `<tspan${attrs({ fill: c.muted })}>${escapeXml(`${d.module.id}_`)}</tspan>` +
      `<tspan${attrs({ 'font-weight': 600 })}>${escapeXml(t.name)}</tspan></text>`,
    `<text${attrs({ x: 10, y: top + 39, 'font-family': mono, 'font-size': 11, fill: c.muted })}>${escapeXml(t.exportName)}</text>`,
  );
  columns.forEach((col, i) => {
    const rowTop = top + CARD.header + i * CARD.row;
    const baseline = rowTop + 15.5;
    if (i > 0) {
      parts.push(
        `<path d="M1,${n(rowTop)} H${n(width - 1)}"${attrs({ stroke: c.border, 'stroke-opacity': 0.5, fill: 'none' })}/>`,
      );
    }
    const mark = rowMark(col, fkColumns.has(col.id));
    if (mark) {
      const colour = mark === 'PK' ? c.key : mark === 'FK' ? c.accent : c.muted;
      parts.push(
        `<text${attrs({ x: 8, y: baseline - 1, 'font-family': sans, 'font-size': 9, 'font-weight': 700, fill: colour })}>${mark}</text>`,
      );
    }
    // A nullable column reads like an optional TypeScript field: `notes?`.
    const nullable = col.notNull ? '' : `<tspan${attrs({ fill: c.muted })}>?</tspan>`;
    parts.push(
      `<text${attrs({ x: 36, y: baseline, 'font-family': mono, 'font-size': 12, fill: c.fg, 'data-column': 'name' })}>${escapeXml(col.name)}${nullable}</text>`,
      `<text${attrs({ x: width - 12, y: baseline, 'font-family': mono, 'font-size': 12, fill: col.enumId ? c.accent : c.muted, 'text-anchor': 'end' })}>${escapeXml(typeLabel(d, col))}</text>`,
    );
  });
  if (columns.length === 0) {
    parts.push(
      `<text${attrs({ x: 10, y: top + CARD.header + 15.5, 'font-family': sans, 'font-size': 12, 'font-style': 'italic', fill: c.muted })}>No columns</text>`,
    );
  }
  // A nested <svg> clips what does not fit the card (as the canvas cuts long names off), without needing ids.
  return (
    `<svg${attrs({ x: box.x, y: box.y, width, height, overflow: 'hidden' })} data-table="${escapeXml(t.name)}">` +
    `<title>${escapeXml(`${d.module.id}_${t.name}`)}</title>` +
    parts.join('') +
    `</svg>`
  );
}

function grow(bounds: { x0: number; y0: number; x1: number; y1: number }, x: number, y: number): void {
  bounds.x0 = Math.min(bounds.x0, x);
  bounds.y0 = Math.min(bounds.y0, y);
  bounds.x1 = Math.max(bounds.x1, x);
  bounds.y1 = Math.max(bounds.y1, y);
}

/**
 * The diagram of a design as SVG text, covering every table card, relation line and label plus a margin.
 * @example renderDiagram(design, { theme: 'dark' }).svg // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function renderDiagram(d: Design, options: DiagramOptions = {}): Diagram {
  const theme = options.theme ?? 'light';
  const margin = options.margin ?? 32;
  const scale = options.scale ?? 1;
  const c = DIAGRAM_COLOURS[theme];
  // Areas, notes and table colours (svg-decor.ts).
  const decor = diagramDecor(d, theme, { attrs, escapeXml });
  const boxes = cardBoxes(d);
  const shapes = relationShapes(d, boxes);
  const fkColumns = new Set(
    Object.values(d.relations)
      .filter((r) => resolveRelation(d, r))
      .map((r) => r.fromColumnId),
  );

  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const box of [...Object.values(boxes), ...decor.boxes]) {
    grow(b, box.x, box.y);
    grow(b, box.x + box.width, box.y + box.height);
  }
  for (const s of shapes) {
    for (const p of s.points) grow(b, p.x, p.y);
    for (const end of [s.source, s.target]) grow(b, end.x + end.dir * MARK_REACH, end.y + 6);
    if (s.text) {
      const { width: w, height: h } = s.labelSize;
      grow(b, s.label.x - w / 2, s.label.y - h / 2);
      grow(b, s.label.x + w / 2, s.label.y + h / 2);
    }
  }
  const empty = !Number.isFinite(b.x0);
  const viewBox: Box = empty
    ? { x: 0, y: 0, width: 320, height: 120 }
    : {
        x: Math.floor(b.x0 - margin),
        y: Math.floor(b.y0 - margin),
        width: Math.ceil(b.x1 + margin) - Math.floor(b.x0 - margin),
        height: Math.ceil(b.y1 + margin) - Math.floor(b.y0 - margin),
      };

  const body: string[] = [];
  body.push(
    `<rect${attrs({ x: viewBox.x, y: viewBox.y, width: viewBox.width, height: viewBox.height, fill: c.bg })}/>`,
  );
  if (empty) {
    body.push(
      `<text${attrs({ x: 160, y: 64, 'font-family': DIAGRAM_FONTS.sans, 'font-size': 14, fill: c.muted, 'text-anchor': 'middle' })}>No tables</text>`,
    );
  }
  // Areas behind everything, lines under the cards, labels above them (as on the canvas), notes in front.
  body.push(decor.areas);
  for (const s of shapes) body.push(renderRelation(s, c));
  for (const t of Object.values(d.tables))
    body.push(renderCard(d, t, boxes[t.id]!, fkColumns, decor.cardColours(t, c)));
  for (const s of shapes) body.push(renderLabel(s, c));
  body.push(decor.notes);

  const title = `${d.module.id}: ${Object.keys(d.tables).length} tables`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      width: viewBox.width * scale,
      height: viewBox.height * scale,
      viewBox: `${n(viewBox.x)} ${n(viewBox.y)} ${n(viewBox.width)} ${n(viewBox.height)}`,
      role: 'img',
      'aria-label': title,
      'data-theme': theme,
    })}>` +
    `<title>${escapeXml(title)}</title>` +
    body.join('') +
    `</svg>\n`;
  return { svg, width: viewBox.width, height: viewBox.height, viewBox, cards: boxes };
}
