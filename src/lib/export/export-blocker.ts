/** Whether a design may be exported at all; kept apart from the folder export so the page can ask cheaply. */
import type { Design } from '../core/design';
import { brokenOutputLines, checkDesign } from '../core/rules';

/**
 * The errors that stop an export, one line each (`<target>: <message>`); empty when the design may be written.
 * Only errors count — a design whose code or SQL would be broken. MoLOS conventions (warnings) never stop it.
 * @example exportBlockerLines(design) // ['column MoLOS-Example_items.order: Enum column …']
 */
export function exportBlockerLines(design: Design): string[] {
  return brokenOutputLines(design, checkDesign(design));
}

/**
 * Why the design cannot be exported yet, or null: a design that would produce broken code or SQL is not written
 * (by the zip, "Write to folder…" or `molos-schema generate`). The message lists those errors, one per line;
 * MoLOS conventions are never a reason.
 * @example exportBlocker(design) // 'The design would produce broken code or SQL (1 error):\n- column …'
 */
export function exportBlocker(design: Design): string | null {
  const lines = exportBlockerLines(design);
  if (lines.length === 0) return null;
  const n = lines.length;
  const it = n === 1 ? 'it' : 'them';
  return [
    `The design would produce broken code or SQL (${n} error${n === 1 ? '' : 's'}):`,
    ...lines.map((line) => `- ${line}`),
    `Fix ${it} first (Problems lists ${it}, as does "molos-schema check").`,
  ].join('\n');
}
