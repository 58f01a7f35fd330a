import { describe, expect, it } from 'vitest';
import { LAYOUTS, type Design } from '../core/design';
import { addArea, addNote, setTableColor } from '../core/operations';
import { exampleNames, loadExample } from '../../testing/examples';
import { ModuleGenerator } from './module-files';

const NOW = 1767265435419;

/** The same design with a note, an area over every table and a colour on each table. */
function decorated(d: Design): Design {
  let out = addNote(d, {
    id: 'n_1',
    text: 'export const x = 1; -- not code',
    position: { x: 0, y: -200 },
    color: 'pink',
  });
  out = addArea(out, {
    id: 'a_1',
    name: 'Everything',
    position: { x: -10_000, y: -10_000 },
    size: { width: 90_000, height: 90_000 },
  });
  const colors = ['red', 'teal', 'blue'] as const;
  Object.keys(out.tables).forEach((id, i) => {
    out = setTableColor(out, { tableIds: [id], color: colors[i % colors.length]! });
  });
  return out;
}

describe('the generators ignore notes, areas and table colours', () => {
  it.each(exampleNames())('%s: every module file is byte-identical with and without them', async (name) => {
    const plain = loadExample(name);
    const fancy = decorated(plain);
    expect(Object.values(fancy.tables).every((t) => t.color)).toBe(true);
    const generator = new ModuleGenerator();
    for (const layout of LAYOUTS) {
      const a = await generator.generate(plain, { layout, now: NOW });
      // A second generator: the first one's memo of printed tables must not hide a difference.
      const b = await new ModuleGenerator().generate(fancy, { layout, now: NOW });
      expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
      for (const [i, f] of a.entries()) expect(b[i]!.content, `${layout} ${f.path}`).toBe(f.content);
    }
  });
});
