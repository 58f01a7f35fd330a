import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { addArea, addNote, setTableColor } from '../core/operations';
import { IDS, exampleDesign } from '../core/test-fixtures';
import { renderDiagram } from './svg';
import { wrapNoteText } from './svg-decor';
import { DIAGRAM_COLOURS, DIAGRAM_PALETTE } from './theme';
import { type XmlElement, allElements, parseXml, textContent } from './xml-test-support';

function decorated(): Design {
  let d = exampleDesign();
  d = addArea(d, {
    id: 'a_core',
    name: 'Core <tables> & "friends"',
    position: { x: -100, y: -100 },
    size: { width: 2000, height: 1200 },
    color: 'teal',
  });
  d = addArea(d, { id: 'a_small', name: 'Inner', position: { x: -60, y: -60 }, size: { width: 100, height: 80 } });
  d = addNote(d, { id: 'n_far', text: 'Remember the </svg> index\nsecond line', position: { x: 3000, y: 2500 } });
  d = setTableColor(d, { tableIds: [IDS.tasks], color: 'purple' });
  return d;
}

/** The document's top-level drawing elements in paint order (without the background and the title). */
function paintOrder(root: XmlElement): XmlElement[] {
  return root.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name !== 'title' && c.name !== 'rect');
}

describe('areas, notes and colours in the exported diagram', () => {
  it('draws areas first (the big one under the small one), cards next, notes last', () => {
    const root = parseXml(renderDiagram(decorated()).svg);
    const order = paintOrder(root).map(
      (e) =>
        (e.attrs['data-area'] !== undefined && `area:${e.attrs['data-area']}`) ||
        (e.attrs['data-table'] !== undefined && `table:${e.attrs['data-table']}`) ||
        (e.attrs['data-note'] !== undefined && 'note') ||
        e.name,
    );
    expect(order.filter((o) => o.startsWith('area:') || o.startsWith('table:') || o === 'note')).toEqual([
      'area:Core <tables> & "friends"',
      'area:Inner',
      'table:projects',
      'table:tasks',
      'note',
    ]);
  });

  it('shows the area name (escaped) and the note text as wrapped lines', () => {
    const root = parseXml(renderDiagram(decorated()).svg);
    const texts = allElements(root)
      .filter((e) => e.name === 'text')
      .map(textContent);
    expect(texts).toContain('Core <tables> & "friends"');
    const note = allElements(root).find((e) => e.attrs['data-note'] !== undefined)!;
    const lines = allElements(note)
      .filter((e) => e.name === 'tspan')
      .map(textContent);
    expect(lines).toEqual(['Remember the </svg> index', 'second line']);
  });

  it('the bounds hold every area and note, with the margin', () => {
    const { viewBox } = renderDiagram(decorated());
    expect(viewBox.x).toBe(-100 - 32);
    expect(viewBox.y).toBe(-100 - 32);
    expect(viewBox.x + viewBox.width).toBe(3000 + 200 + 32);
    expect(viewBox.y + viewBox.height).toBe(2500 + 120 + 32);
  });

  it.each(['light', 'dark'] as const)('uses the %s palette: tinted header, area and note fills', (theme) => {
    const root = parseXml(renderDiagram(decorated(), { theme }).svg);
    const card = (name: string) => allElements(root).find((e) => e.name === 'svg' && e.attrs['data-table'] === name)!;
    const headerFill = (name: string) => allElements(card(name)).find((e) => e.name === 'path')!.attrs.fill;
    expect(headerFill('tasks')).toBe(DIAGRAM_PALETTE[theme].purple.soft);
    expect(headerFill('projects')).toBe(DIAGRAM_COLOURS[theme].header);
    const area = allElements(root).find((e) => e.attrs['data-area'] === 'Inner')!;
    // An area without a colour is gray; a note without one is yellow.
    expect(allElements(area).find((e) => e.name === 'rect')!.attrs).toMatchObject({
      fill: DIAGRAM_PALETTE[theme].gray.soft,
      stroke: DIAGRAM_PALETTE[theme].gray.strong,
    });
    const core = allElements(root).find((e) => e.attrs['data-area']?.startsWith('Core'))!;
    expect(allElements(core).find((e) => e.name === 'rect')!.attrs.fill).toBe(DIAGRAM_PALETTE[theme].teal.soft);
    const note = allElements(root).find((e) => e.attrs['data-note'] !== undefined)!;
    expect(allElements(note).find((e) => e.name === 'rect')!.attrs.fill).toBe(DIAGRAM_PALETTE[theme].yellow.soft);
  });

  it('a design without decorations draws exactly as before (no area, note or tint markup)', () => {
    const svg = renderDiagram(exampleDesign()).svg;
    expect(svg).not.toContain('data-area');
    expect(svg).not.toContain('data-note');
    const withEmpty = { ...exampleDesign(), notes: {}, areas: {} };
    expect(renderDiagram(withEmpty).svg).toBe(svg);
  });
});

describe('wrapNoteText', () => {
  it('keeps line breaks, wraps words at the width and cuts words longer than a line', () => {
    // 100 px wide: (100 - 20) / 7 = 11 characters a line.
    expect(wrapNoteText('one two three', 100)).toEqual(['one two', 'three']);
    expect(wrapNoteText('a\n\nb', 100)).toEqual(['a', '', 'b']);
    expect(wrapNoteText('abcdefghijklmnopqrstuvwxyz end', 100)).toEqual(['abcdefghijk', 'lmnopqrstuv', 'wxyz end']);
    expect(wrapNoteText('', 100)).toEqual(['']);
  });
});
