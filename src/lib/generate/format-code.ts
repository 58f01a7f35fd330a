/**
 * Formats generated TypeScript with Prettier's defaults (2 spaces, double quotes, trailing commas, 80 columns) —
 * the style of the MoLOS documentation — so every generated file is already formatted.
 */
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import { format } from 'prettier/standalone';

export async function formatTypeScript(code: string): Promise<string> {
  return format(code, { parser: 'typescript', plugins: [estree, typescript] });
}
