/** Whether a design may be exported at all; kept apart from the folder export so the page can ask cheaply. */
import type { Design } from '$lib/core/design';
import { checkDesign, hasErrors } from '$lib/core/rules';

/**
 * Why the design cannot be exported yet, or null. Like `molos-schema generate`, a design that breaks a MoLOS
 * rule is not written: the module would not load in the host.
 */
export function exportBlocker(design: Design): string | null {
  const issues = checkDesign(design);
  if (!hasErrors(issues)) return null;
  const n = issues.filter((i) => i.severity === 'error').length;
  return `The design breaks ${n} MoLOS rule${n === 1 ? '' : 's'}, so nothing was exported. Fix ${n === 1 ? 'it' : 'them'} first (see Problems).`;
}
