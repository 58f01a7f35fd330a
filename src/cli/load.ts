import { resolve } from 'node:path';
import type { Design } from '../lib/core/design';
import { loadDesign } from '../lib/core/format';
import { CliError, type CliIo } from './io';
import { readTextFile } from './read-text';

/** Reads and validates a design file; a bad file becomes a CliError naming each JSON path. */
export function readDesign(io: CliIo, file: string): Design {
  const text = readTextFile(resolve(io.cwd, file), file);
  const result = loadDesign(text);
  if (!result.ok) {
    throw new CliError(
      `${file} is not a valid design:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  for (const w of result.warnings) io.stderr(`warning: ${file}: ${w.path}: ${w.message}\n`);
  return result.design;
}
