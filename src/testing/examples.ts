/** Test support: the example designs shipped in static/examples/, loaded through the real file format. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Design } from '../lib/core/design';
import { loadDesign } from '../lib/core/format';
import { REPO } from './module-folder';

export const EXAMPLES_DIR = join(REPO, 'static/examples');

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadExample(name: string): Design {
  const result = loadDesign(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
  if (!result.ok) throw new Error(`example ${name} does not load: ${JSON.stringify(result.errors)}`);
  return result.design;
}
