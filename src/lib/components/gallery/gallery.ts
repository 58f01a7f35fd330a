/**
 * What the example gallery shows for one example file: its module, description, table count and a thumbnail
 * drawn by the diagram renderer. A file that cannot be fetched or read becomes an entry that says why.
 */
import { type Design, moduleDisplayName } from '$lib/core/design';
import { loadDesign } from '$lib/core/format';
import { renderDiagram } from '$lib/diagram/svg';
import type { DiagramTheme } from '$lib/diagram/theme';

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

/** The gallery entry for an example file's text. */
export function galleryEntry(file: string, text: string, theme: DiagramTheme, fallback = ''): GalleryEntry {
  const loaded = loadDesign(text);
  if (!loaded.ok) {
    const first = loaded.errors[0];
    return {
      ok: false,
      file,
      message: `${file} is not a valid design${first ? ` (${first.path}: ${first.message})` : ''}.`,
    };
  }
  const d = loaded.design;
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

/** Fetches an example file and makes its gallery entry. */
export async function loadGalleryEntry(
  file: string,
  href: string,
  theme: DiagramTheme,
  fallback = '',
  fetcher: typeof fetch = fetch,
): Promise<GalleryEntry> {
  try {
    const response = await fetcher(href);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
    return galleryEntry(file, await response.text(), theme, fallback);
  } catch (e) {
    return { ok: false, file, message: `${file} could not be loaded: ${e instanceof Error ? e.message : String(e)}` };
  }
}
