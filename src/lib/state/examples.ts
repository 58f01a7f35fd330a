/**
 * Loading an example design from `static/examples/` (the first-visit example, the gallery's "open", the viewer),
 * with one message for each way it can fail.
 */
import type { Design } from '$lib/core/design';
import { type FormatProblem, loadDesign } from '$lib/core/format';

export type ExampleLoad = { ok: true; design: Design; warnings: FormatProblem[] } | { ok: false; message: string };

/**
 * Fetches and reads an example file.
 * @example const loaded = await fetchExample('/examples/molos-tasks.json', 'molos-tasks.json');
 */
export async function fetchExample(url: string, file: string, fetcher: typeof fetch = fetch): Promise<ExampleLoad> {
  let text: string;
  try {
    const response = await fetcher(url);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } catch (e) {
    return { ok: false, message: `The example ${file} could not be loaded: ${(e as Error).message}` };
  }
  const loaded = loadDesign(text);
  if (!loaded.ok) {
    const detail = loaded.errors.map((p) => `${p.path}: ${p.message}`).join('\n');
    return { ok: false, message: `The example ${file} is not a valid design:\n${detail}` };
  }
  return { ok: true, design: loaded.design, warnings: loaded.warnings };
}
