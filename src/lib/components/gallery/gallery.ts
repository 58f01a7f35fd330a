/**
 * What the example gallery shows for one example file: its module, description, table count and a thumbnail
 * drawn by the diagram renderer. A file that cannot be fetched or read becomes an entry that says why.
 */
import { type Design, moduleDisplayName } from '$lib/core/design';
import { renderDiagram } from '$lib/diagram/svg';
import type { DiagramTheme } from '$lib/diagram/theme';
import { fetchExample } from '$lib/state/examples';

export type GalleryEntry =
  | {
      ok: true;
      file: string;
      name: string;
      moduleId: string;
      description: string;
      tables: number;
      relations: number;
      layout: Design['module']['layout'];
      /** The whole diagram as a `data:` URL, for an `<img>` (an image cannot run anything). */
      thumbnail: string;
    }
  | { ok: false; file: string; message: string };

/** The gallery entry for an example design. */
export function galleryEntry(file: string, d: Design, theme: DiagramTheme, fallback = ''): GalleryEntry {
  const { svg } = renderDiagram(d, { theme, margin: 24 });
  return {
    ok: true,
    file,
    name: moduleDisplayName(d.module),
    moduleId: d.module.id,
    description: d.module.description.trim() || fallback,
    tables: Object.keys(d.tables).length,
    relations: Object.keys(d.relations).length,
    layout: d.module.layout,
    thumbnail: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  };
}

/** Fetches an example file and makes its gallery entry (or an entry that says why it cannot be shown). */
export async function loadGalleryEntry(
  file: string,
  href: string,
  theme: DiagramTheme,
  fallback = '',
  fetcher: typeof fetch = fetch,
): Promise<GalleryEntry> {
  const loaded = await fetchExample(href, file, fetcher);
  return loaded.ok ? galleryEntry(file, loaded.design, theme, fallback) : { ok: false, file, message: loaded.message };
}
