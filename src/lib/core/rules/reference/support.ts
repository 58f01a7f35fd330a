/** Small helpers shared by the rule files. */
import type { Design } from '../../design';
import { STATEMENT_BREAKPOINT } from '../../sql-default';
import type { Fix, Issue, RuleCode, Severity, Target } from '../types';

/**
 * Characters that make some generated statement break (each is proved in severity.test.ts): a backtick ends
 * drizzle-kit's unescaped backtick quoting; `"` ends the double quotes of `RENAME COLUMN` and of a rebuild's
 * column list; `;` and `,` split drizzle-kit's squashed index and foreign-key strings; U+0000 ends the text SQLite
 * reads; a line feed lets the host drop the rest of a name as a `--` comment line. Other characters (`'`, `\`,
 * tabs…) are quoted safely by the backticks.
 */
// eslint-disable-next-line no-control-regex -- U+0000 and the line feed are exactly what must be caught here
const UNSAFE = /[`";,\x00\n]/;

export function isUnsafeSqlName(name: string): boolean {
  return name.trim() === '' || UNSAFE.test(name) || name.includes(STATEMENT_BREAKPOINT);
}

/** The characters that make a name unsafe, for the message. */
export function unsafeChars(name: string): string {
  if (name.trim() === '') return 'it is empty';
  // The host splits a migration on this text wherever it appears, so the statement would be cut in two.
  if (name.includes(STATEMENT_BREAKPOINT) && !UNSAFE.test(name)) return `it contains ${STATEMENT_BREAKPOINT}`;
  const found = [...new Set([...name].filter((ch) => UNSAFE.test(ch)))].map((ch) =>
    ch === '\n' ? '\\n' : ch === '\x00' ? 'U+0000' : ch,
  );
  return `it contains ${found.join(' ')}`;
}

export function issue(
  code: RuleCode,
  severity: Severity,
  target: Target,
  params: Record<string, string | number> = {},
  fix?: Fix,
): Issue {
  return fix ? { code, severity, target, params, fix } : { code, severity, target, params };
}

/** Groups items by a key (SQL names are compared case-insensitively by the caller). */
export function duplicates<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

export type Rule = (design: Design) => Issue[];
