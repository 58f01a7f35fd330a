import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Design } from '../lib/core/design';
import { loadDesign } from '../lib/core/format';
import { CliError, type CliIo } from './io';

/** Reads and validates a design file; a bad file becomes a CliError naming each JSON path. */
export function readDesign(io: CliIo, file: string): Design {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a design file'
          : (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
  const result = loadDesign(text);
  if (!result.ok) {
    throw new CliError(
      `${file} is not a valid design:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  for (const w of result.warnings) io.stderr(`warning: ${file}: ${w.path}: ${w.message}\n`);
  return result.design;
}
