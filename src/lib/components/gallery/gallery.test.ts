import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullTableName } from '$lib/core/design';
import { checkDesign } from '$lib/core/rules';
import { EXAMPLES } from '$lib/state/examples';
import { EXAMPLES_DIR, exampleNames, loadExample } from '../../../testing/examples';
import { galleryEntry, loadGalleryEntry } from './gallery';

describe('the example catalogue', () => {
  it('lists every design file in static/examples/, once', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
    expect(EXAMPLES.map((e) => e.file).sort()).toEqual(files.sort());
    expect(new Set(EXAMPLES.map((e) => e.file)).size).toBe(EXAMPLES.length);
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(exampleNames())('%s follows the MoLOS rules (no errors) and describes itself', (name) => {
    const d = loadExample(name);
    expect(checkDesign(d).filter((i) => i.severity === 'error')).toEqual([]);
    expect(d.module.description.trim()).not.toBe('');
    expect(Object.keys(d.tables).length).toBeGreaterThan(0);
  });

  it('has examples in both layouts, with relations', () => {
    const designs = exampleNames().map(loadExample);
    expect(new Set(designs.map((d) => d.module.layout))).toEqual(new Set(['legacy', 'current']));
    expect(designs.filter((d) => Object.keys(d.relations).length >= 5).length).toBeGreaterThanOrEqual(2);
  });
});

describe('galleryEntry', () => {
  it.each(EXAMPLES.map((e) => e.file))('%s: name, description, counts and a thumbnail of every table', (file) => {
    const d = loadExample(file.replace(/\.json$/, ''));
    const entry = galleryEntry(file, d, 'light');
    if (!entry.ok) throw new Error(entry.message);
    expect(entry).toMatchObject({
      moduleId: d.module.id,
      description: d.module.description,
      tables: Object.keys(d.tables).length,
      relations: Object.keys(d.relations).length,
      layout: d.module.layout,
    });
    expect(entry.thumbnail.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(entry.thumbnail.slice(entry.thumbnail.indexOf(',') + 1));
    for (const t of Object.values(d.tables)) expect(svg).toContain(`>${t.name}</tspan>`);
    expect(svg).toContain(`>${fullTableName(d, Object.values(d.tables)[0]!).split('_')[0]}_</tspan>`);
  });

  it('says which file is broken and why', async () => {
    const bad = await loadGalleryEntry(
      'broken.json',
      '/examples/broken.json',
      'dark',
      '',
      async () => new Response('{"format":"molos-schema-studio/design"'),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^The example broken\.json is not a valid design:\n\$: not valid JSON/);
  });

  it('draws a file the server gives as it is', async () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'molos-tasks.json'), 'utf8');
    const entry = await loadGalleryEntry('molos-tasks.json', '/x', 'light', '', async () => new Response(text));
    expect(entry).toEqual(galleryEntry('molos-tasks.json', loadExample('molos-tasks'), 'light'));
  });

  it('reports a file the server does not have', async () => {
    const missing = await loadGalleryEntry(
      'gone.json',
      '/examples/gone.json',
      'light',
      '',
      async () => new Response('not here', { status: 404, statusText: 'Not Found' }),
    );
    expect(missing).toEqual({
      ok: false,
      file: 'gone.json',
      message: 'The example gone.json could not be loaded: 404 Not Found',
    });
  });
});
