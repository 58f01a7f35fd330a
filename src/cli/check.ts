/** `molos-schema check`: the MoLOS rules, one line per issue. */
import { setModule } from '../lib/core/operations';
import { checkDesign, hasErrors } from '../lib/core/rules';
import type { CliIo } from './io';
import { readDesign } from './load';
import { formatIssue, summary } from './report';

export function check(io: CliIo, file: string, opts: { moduleId?: string }): number {
  let design = readDesign(io, file);
  if (opts.moduleId !== undefined) design = setModule(design, { id: opts.moduleId });
  const issues = checkDesign(design);
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);
  io.stdout(`${design.module.id}: ${summary(issues)}\n`);
  return hasErrors(issues) ? 1 : 0;
}
