import { describe, expect, it } from 'vitest';
import { type Design, fullTableName, tableColumns } from '$lib/core/design';
import { cardSize } from './card-geometry';
import { exampleDesign } from '$lib/core/test-fixtures';
import { addTable, connectTables, updateColumn } from '$lib/core/operations';
import { emptyDesign } from '$lib/core/design';
import { exampleNames, loadExample } from '../../testing/examples';
import { escapeXml, renderDiagram } from './svg';
import { DIAGRAM_COLOURS } from './theme';
import { type XmlElement, allElements, parseXml, textContent } from './xml-test-support';

function texts(root: XmlElement): string[] {
  return allElements(root)
    .filter((e) => e.name === 'text')
    .map(textContent);
}

function viewBoxOf(root: XmlElement) {
  const [x, y, width, height] = root.attrs.viewBox!.split(' ').map(Number) as [number, number, number, number];
  return { x, y, width, height };
}

/** Every coordinate pair in a path's `d` (M, L, Q, H and V commands). */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const m of d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) points.push([Number(m[1]), Number(m[2])]);
  return points;
}

/** A design whose names are made to break markup: tags, entities, quotes, and a character XML cannot hold. */
function hostileDesign(): Design {
  const d = structuredClone(exampleDesign());
  d.module.id = 'MoLOS-<M>&"x\'';
  const [projects, tasks] = Object.values(d.tables);
  projects!.name = '</text><script>alert(1)</script>';
  projects!.exportName = '"]]><!--';
  tasks!.name = 'a&amp;b <c> "d" \'e\'';
  const title = tableColumns(d, tasks!).find((c) => c.name === 'title')!;
  title.name = '<tspan fill="red">x</tspan>&lt;';
  Object.values(d.enums)[0]!.name = '<Enum & "Co">';
  tableColumns(d, projects!).find((c) => c.name === 'name')!.name = 'bell\u0007ring';
  return d;
}

describe('renderDiagram on the shipped examples', () => {
  it.each(exampleNames())('%s: every table (with its full name) and every column is in the picture', (name) => {
    const d = loadExample(name);
    const root = parseXml(renderDiagram(d).svg);
    const all = texts(root);
    expect(Object.keys(d.tables).length).toBeGreaterThan(0);
    for (const t of Object.values(d.tables)) {
      expect(all).toContain(fullTableName(d, t));
      expect(all).toContain(t.exportName);
      const card = allElements(root).find((e) => e.name === 'svg' && e.attrs['data-table'] === t.name)!;
      const names = allElements(card)
        .filter((e) => e.attrs['data-column'] === 'name')
        .map(textContent);
      expect(names).toEqual(tableColumns(d, t).map((c) => (c.notNull ? c.name : `${c.name}?`)));
    }
  });

  it.each(exampleNames())('%s: the viewBox holds every card and every line, with the margin', (name) => {
    const d = loadExample(name);
    const diagram = renderDiagram(d, { margin: 32 });
    const root = parseXml(diagram.svg);
    const vb = viewBoxOf(root);
    expect(vb).toEqual(diagram.viewBox);
    expect([Number(root.attrs.width), Number(root.attrs.height)]).toEqual([vb.width, vb.height]);
    for (const t of Object.values(d.tables)) {
      const size = cardSize(d, t);
      // The card is drawn at the saved position with the canvas card's size.
      const card = allElements(root).find((e) => e.name === 'svg' && e.attrs['data-table'] === t.name)!;
      expect(card.attrs).toMatchObject({
        x: String(t.position.x),
        y: String(t.position.y),
        width: String(size.width),
        height: String(size.height),
      });
      expect(t.position.x - vb.x).toBeGreaterThanOrEqual(32);
      expect(t.position.y - vb.y).toBeGreaterThanOrEqual(32);
      expect(vb.x + vb.width - (t.position.x + size.width)).toBeGreaterThanOrEqual(32);
      expect(vb.y + vb.height - (t.position.y + size.height)).toBeGreaterThanOrEqual(32);
    }
    const lines = allElements(root).filter((e) => e.attrs['data-relation']);
    for (const g of lines) {
      for (const p of allElements(g).filter((e) => e.name === 'path')) {
        for (const [x, y] of pathPoints(p.attrs.d!)) {
          expect(x).toBeGreaterThanOrEqual(vb.x);
          expect(x).toBeLessThanOrEqual(vb.x + vb.width);
          expect(y).toBeGreaterThanOrEqual(vb.y);
          expect(y).toBeLessThanOrEqual(vb.y + vb.height);
        }
      }
    }
  });

  it('draws each relation once, dashed only when it is logical, labelled with its ON DELETE action', () => {
    const d = loadExample('molos-tasks');
    const root = parseXml(renderDiagram(d).svg);
    const relations = Object.values(d.relations);
    const groups = allElements(root).filter((e) => e.attrs['data-relation']);
    expect(groups.map((g) => g.attrs['data-relation']).sort()).toEqual(
      relations.map((r) => (r.logical ? 'logical' : 'foreign-key')).sort(),
    );
    for (const g of groups) {
      const line = allElements(g).find((e) => e.name === 'path')!;
      expect(line.attrs['stroke-dasharray'] !== undefined).toBe(g.attrs['data-relation'] === 'logical');
    }
    expect(groups.some((g) => g.attrs['data-relation'] === 'logical')).toBe(true);
    const labels = allElements(root)
      .filter((e) => e.attrs['data-on-delete'])
      .map(textContent)
      .sort();
    expect(labels).toEqual(
      relations
        .map((r) => r.onDelete)
        .filter((a) => a !== null)
        .sort(),
    );
    expect(labels).toContain('set null');
  });

  it('marks keys, foreign keys and unique columns as the canvas does', () => {
    const d = loadExample('molos-tasks');
    const root = parseXml(renderDiagram(d).svg);
    const card = allElements(root).find((e) => e.attrs['data-table'] === 'tasks')!;
    const marks = allElements(card)
      .filter((e) => e.name === 'text' && ['PK', 'FK', 'UQ'].includes(textContent(e)))
      .map(textContent);
    expect(marks).toEqual(['PK', 'FK', 'FK']);
    const projects = allElements(root).find((e) => e.attrs['data-table'] === 'projects')!;
    expect(allElements(projects).filter((e) => textContent(e) === 'UQ' && e.name === 'text')).toHaveLength(1);
    expect(texts(card)).toContain('text · TaskStatus');
  });
});

describe('renderDiagram output', () => {
  it('keeps hostile names as text: the markup stays well formed and no element comes from a name', () => {
    const d = hostileDesign();
    const { svg } = renderDiagram(d);
    const root = parseXml(svg);
    const names = new Set(allElements(root).map((e) => e.name));
    // `circle`: the "zero or one" end of a relation from a nullable column.
    expect([...names].sort()).toEqual(['circle', 'g', 'path', 'rect', 'svg', 'text', 'title', 'tspan'].sort());
    const all = texts(root);
    for (const t of Object.values(d.tables)) expect(all).toContain(fullTableName(d, t));
    expect(all).toContain('"]]><!--');
    expect(all).toContain('<tspan fill="red">x</tspan>&lt;');
    expect(all).toContain('text · <Enum & "Co">');
    // A character XML 1.0 cannot hold is replaced, not written.
    expect(svg).not.toContain('\u0007');
    expect(all).toContain('bell\ufffdring');
    expect(svg).not.toContain('<script');
  });

  it('escapes the five XML specials and drops lone surrogates', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(escapeXml('a\ud800b')).toBe('a\ufffdb');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('is deterministic: the same design (or a copy of it) gives the same bytes', () => {
    const d = loadExample('molos-tasks');
    const a = renderDiagram(d, { theme: 'dark' }).svg;
    expect(renderDiagram(structuredClone(d), { theme: 'dark' }).svg).toBe(a);
    expect(renderDiagram(JSON.parse(JSON.stringify(d)), { theme: 'dark' }).svg).toBe(a);
  });

  it('the themes use their own colours, and only their own', () => {
    const d = loadExample('molos-tasks');
    const colours = (svg: string) => new Set([...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    const light = colours(renderDiagram(d, { theme: 'light' }).svg);
    const dark = colours(renderDiagram(d, { theme: 'dark' }).svg);
    const lightSet = new Set(Object.values(DIAGRAM_COLOURS.light));
    const darkSet = new Set(Object.values(DIAGRAM_COLOURS.dark));
    for (const c of light) expect(lightSet.has(c!)).toBe(true);
    for (const c of dark) expect(darkSet.has(c!)).toBe(true);
    expect([...light].filter((c) => dark.has(c))).toEqual([]);
    expect(light.has(DIAGRAM_COLOURS.light.bg)).toBe(true);
    expect(dark.has(DIAGRAM_COLOURS.dark.bg)).toBe(true);
    expect(light.has(DIAGRAM_COLOURS.light.panel)).toBe(true);
    expect(dark.has(DIAGRAM_COLOURS.dark.panel)).toBe(true);
  });

  it('a scale multiplies the picture size and keeps the drawing', () => {
    const d = loadExample('molos-tasks');
    const one = renderDiagram(d);
    const root = parseXml(renderDiagram(d, { scale: 2.5 }).svg);
    expect([Number(root.attrs.width), Number(root.attrs.height)]).toEqual([one.width * 2.5, one.height * 2.5]);
    expect(viewBoxOf(root)).toEqual(one.viewBox);
  });

  it('moving a table moves the viewBox with it', () => {
    const d = loadExample('molos-example');
    const before = renderDiagram(d).viewBox;
    const moved = structuredClone(d);
    const t = Object.values(moved.tables)[0]!;
    t.position = { x: t.position.x + 5000, y: t.position.y - 3000 };
    const after = renderDiagram(moved).viewBox;
    expect(after.x - before.x).toBe(5000);
    expect(after.y - before.y).toBe(-3000);
    expect([after.width, after.height]).toEqual([before.width, before.height]);
  });

  it('draws a design without tables as a small picture that says so', () => {
    const d = loadExample('molos-example');
    const empty: Design = { ...d, tables: {}, columns: {}, relations: {}, indexes: {} };
    const diagram = renderDiagram(empty);
    expect(texts(parseXml(diagram.svg))).toContain('No tables');
    expect([diagram.width, diagram.height]).toEqual([320, 120]);
  });
});

/** Three tables in a row, and a relation between the outer two: a straight line would cross the middle card. */
function rowOfThree(): Design {
  let d = emptyDesign({ id: 'MoLOS-Row', name: 'Row', layout: 'legacy' });
  d = addTable(d, { id: 't_a', name: 'alpha', position: { x: 0, y: 0 } });
  d = addTable(d, { id: 't_b', name: 'beta', position: { x: 400, y: 0 } });
  d = addTable(d, { id: 't_c', name: 'gamma', position: { x: 800, y: 0 } });
  d = connectTables(d, {
    fromTableId: 't_a',
    toTableId: 't_c',
    columnId: 'c_fk',
    relationId: 'r_ac',
    onDelete: 'cascade',
  });
  return d;
}

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('renderDiagram relations', () => {
  it('routes a line around a card in its way, keeping 12 px from it', () => {
    const d = rowOfThree();
    const diagram = renderDiagram(d);
    const middle = diagram.cards.t_b!;
    const line = allElements(parseXml(diagram.svg)).find((e) => e.attrs['data-relation'])!;
    const points = pathPoints(allElements(line).find((e) => e.name === 'path')!.attrs.d!);
    expect(points.length).toBeGreaterThan(4);
    for (const [x, y] of points) {
      const inside =
        x > middle.x - 12 && x < middle.x + middle.width + 12 && y > middle.y - 12 && y < middle.y + middle.height + 12;
      expect(inside, `${x},${y}`).toBe(false);
    }
  });

  it('shows the cardinality: many to one, one to one for a unique column, zero or one for a nullable one', () => {
    const d = rowOfThree();
    const cardinality = (design: Design) =>
      allElements(parseXml(renderDiagram(design).svg)).find((e) => e.attrs['data-relation'])!.attrs['data-cardinality'];
    const required = updateColumn(d, { columnId: 'c_fk', patch: { notNull: true } });
    expect(cardinality(required)).toBe('many:one');
    expect(cardinality(updateColumn(required, { columnId: 'c_fk', patch: { unique: true } }))).toBe('one:one');
    const nullable = updateColumn(d, { columnId: 'c_fk', patch: { notNull: false } });
    expect(cardinality(nullable)).toBe('many:zero-one');
    const g = allElements(parseXml(renderDiagram(nullable).svg)).find((e) => e.attrs['data-relation'])!;
    expect(allElements(g).filter((e) => e.name === 'circle')).toHaveLength(1);
  });

  it.each(exampleNames())('%s: no label lies on a card or on another label', (name) => {
    const d = loadExample(name);
    const diagram = renderDiagram(d);
    const labels = allElements(parseXml(diagram.svg))
      .filter((e) => e.attrs['data-on-delete'])
      .map((g) => {
        const r = allElements(g).find((e) => e.name === 'rect')!.attrs;
        return { x: Number(r.x), y: Number(r.y), width: Number(r.width), height: Number(r.height) };
      });
    expect(labels).toHaveLength(Object.values(d.relations).filter((r) => r.onDelete).length);
    for (const [i, label] of labels.entries()) {
      for (const card of Object.values(diagram.cards)) expect(boxesOverlap(label, card)).toBe(false);
      for (const other of labels.slice(i + 1)) expect(boxesOverlap(label, other)).toBe(false);
    }
  });

  it('a self relation is a loop right of its card with the label beside it, inside the picture', () => {
    let d = rowOfThree();
    d = connectTables(d, {
      fromTableId: 't_b',
      toTableId: 't_b',
      columnId: 'c_parent',
      relationId: 'r_self',
      onDelete: 'set null',
    });
    const diagram = renderDiagram(d);
    const card = diagram.cards.t_b!;
    const root = parseXml(diagram.svg);
    const label = allElements(root).find((e) => e.attrs['data-on-delete'] === 'set null')!;
    const r = allElements(label).find((e) => e.name === 'rect')!.attrs;
    expect(Number(r.x)).toBeGreaterThan(card.x + card.width);
    const vb = diagram.viewBox;
    expect(Number(r.x) + Number(r.width)).toBeLessThanOrEqual(vb.x + vb.width);
  });
});
