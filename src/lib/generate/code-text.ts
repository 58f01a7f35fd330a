/**
 * Safe spelling of user text inside generated TypeScript: string literals, property keys, member access,
 * JSDoc comments and `sql` template bodies. Whatever a name contains, the generated code still parses and
 * means what the design says.
 */
import { isIdentifier } from '../core/naming';

export { bindingName } from '../core/naming';

/** A double-quoted string literal (JSON escaping is valid JavaScript). */
export function str(value: string): string {
  return JSON.stringify(value);
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return isIdentifier(key) ? key : str(key);
}

/** Member access `obj.key`, or `obj["key"]` when the key is not an identifier. */
export function member(obj: string, key: string): string {
  return isIdentifier(key) ? `${obj}.${key}` : `${obj}[${str(key)}]`;
}

/** The body of a tagged template, escaped so the cooked string equals `text`. */
export function templateBody(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** JSDoc lines for a comment: `*\/` cannot close the comment early. */
export function docLines(comment: string): string[] {
  return comment
    .replace(/\*\//g, '*\\/')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd());
}

/** A JSDoc block (for writers that print raw text). */
export function jsDoc(comment: string, indent = ''): string {
  const lines = docLines(comment);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A number as JavaScript source (finite numbers only; negative numbers included). */
export function numberLiteral(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}
