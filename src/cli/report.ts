import type { Design } from '../lib/core/design';
import { type Issue, describeTarget, issueMessage } from '../lib/core/rules';

/** One line per issue: `error   pk-missing  table MoLOS-X_items: message (fix: …)`. */
export function formatIssue(design: Design, issue: Issue): string {
  const fix = issue.fix ? ` (fix: ${issue.fix.label})` : '';
  return `${issue.severity.padEnd(7)} ${issue.code.padEnd(28)} ${describeTarget(design, issue.target)}: ${issueMessage(issue)}${fix}`;
}

export function summary(issues: readonly Issue[]): string {
  const count = (s: Issue['severity']) => issues.filter((i) => i.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'note')}`;
}
