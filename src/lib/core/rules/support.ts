/** Small helpers shared by the rule files. */
import type { Design } from '../design';
import type { Fix, Issue, RuleCode, Severity, Target } from './types';

/** Characters that break drizzle-kit's SQL (backtick quoting without escaping; `;`/`,` in squashed names). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be caught here
const UNSAFE = /[`"'\\;,\x00-\x1f\x7f]/;

export function isUnsafeSqlName(name: string): boolean {
  return name.trim() === '' || UNSAFE.test(name);
}

/** The characters that make a name unsafe, for the message. */
export function unsafeChars(name: string): string {
  if (name.trim() === '') return 'it is empty';
  const found = [...new Set([...name].filter((ch) => UNSAFE.test(ch)))].map((ch) =>
    ch === '\n'
      ? '\\n'
      : ch === '\t'
        ? '\\t'
        : ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f
          ? `U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
          : ch,
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
