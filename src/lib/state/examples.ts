/**
 * Loading an example design from `static/examples/` (the first-visit example, the gallery's "open", the viewer),
 * with one message for each way it can fail.
 */
import type { Design } from '$lib/core/design';
import { type FormatProblem, loadDesign } from '$lib/core/format';

/** An example module a new design can start from (files in static/examples/). */
export interface ExampleDesign {
  file: string;
  label: string;
  description: string;
}

export const EXAMPLES: readonly ExampleDesign[] = [
  { file: 'molos-example.json', label: 'MoLOS-Example', description: 'The items module of the MoLOS docs' },
  { file: 'molos-tasks.json', label: 'MoLOS-Tasks', description: 'Projects, tasks and areas, with enums' },
  { file: 'molos-knowledge.json', label: 'MoLOS-Knowledge', description: 'Documents with revisions, chunks and links' },
  { file: 'molos-llm-council.json', label: 'MoLOS-LLM-Council', description: 'Models answering, reviewing, deciding' },
];

/** The address of an example file next to another example's address. */
export function exampleHref(exampleUrl: string, file: string): string {
  return exampleUrl.replace(/[^/]*$/, file);
}

/** The file name in an example's address. */
export function exampleFileOf(exampleUrl: string): string {
  return exampleUrl.split('/').pop() || EXAMPLES[0]!.file;
}

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
