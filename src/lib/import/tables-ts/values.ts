/**
 * Reading values out of code without running it: literals, `as const` objects, JSON-like arrays and objects.
 * Anything that is not written out literally is `undefined` here; callers report it.
 */
import { Node, SyntaxKind } from 'ts-morph';

/** Strips parentheses, `as`/`satisfies`/`!` and type assertions: `({ a: 1 } as const)` → `{ a: 1 }`. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(n) ||
      Node.isAsExpression(n) ||
      Node.isSatisfiesExpression(n) ||
      Node.isNonNullExpression(n) ||
      Node.isTypeAssertion(n)
    )
      n = n.getExpression();
    else return n;
  }
}

/** True for `{ ... } as const` (possibly parenthesized). */
export function isAsConst(node: Node): boolean {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
  return Node.isAsExpression(n) && n.getTypeNode()?.getText() === 'const';
}

/** A string written literally: `"a"`, `'a'`, `` `a` `` (no substitutions). */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
  return undefined;
}

/** A number written literally, including a leading minus or plus. */
export function numberValue(node: Node): number | undefined {
  const n = unwrap(node);
  // The compiler's own reading of the literal (ts-morph's getLiteralValue drops exponents).
  if (Node.isNumericLiteral(n)) return Number(n.compilerNode.text);
  if (Node.isPrefixUnaryExpression(n)) {
    const op = n.getOperatorToken();
    const inner = numberValue(n.getOperand());
    if (inner === undefined) return undefined;
    if (op === SyntaxKind.MinusToken) return -inner;
    if (op === SyntaxKind.PlusToken) return inner;
  }
  return undefined;
}

/** The name of an object literal property: identifier, string or number; undefined for computed names. */
export function propertyName(node: Node): string | undefined {
  if (Node.isIdentifier(node) || Node.isPrivateIdentifier(node)) return node.getText();
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNumericLiteral(node)) return String(Number(node.compilerNode.text));
  return undefined;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON-like value written literally (strings, numbers, booleans, null, arrays and objects of them). */
export function jsonValue(node: Node, depth = 0): { value: JsonValue } | undefined {
  if (depth > 64) return undefined;
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return { value: s };
  const num = numberValue(n);
  if (num !== undefined) return Number.isFinite(num) ? { value: num } : undefined;
  if (Node.isTrueLiteral(n)) return { value: true };
  if (Node.isFalseLiteral(n)) return { value: false };
  if (Node.isNullLiteral(n)) return { value: null };
  if (Node.isArrayLiteralExpression(n)) {
    const out: JsonValue[] = [];
    for (const e of n.getElements()) {
      const v = jsonValue(e, depth + 1);
      if (!v) return undefined;
      out.push(v.value);
    }
    return { value: out };
  }
  if (Node.isObjectLiteralExpression(n)) {
    const out: { [key: string]: JsonValue } = {};
    for (const p of n.getProperties()) {
      if (!Node.isPropertyAssignment(p)) return undefined;
      const key = propertyName(p.getNameNode());
      const init = p.getInitializer();
      if (key === undefined || !init) return undefined;
      const v = jsonValue(init, depth + 1);
      if (!v) return undefined;
      Object.defineProperty(out, key, { value: v.value, enumerable: true, writable: true, configurable: true });
    }
    return { value: out };
  }
  return undefined;
}

/** `{ KEY: "value", ... }` with only string values, in order; undefined otherwise. */
export function stringRecord(node: Node): { key: string; value: string; node: Node }[] | undefined {
  const n = unwrap(node);
  if (!Node.isObjectLiteralExpression(n)) return undefined;
  const out: { key: string; value: string; node: Node }[] = [];
  for (const p of n.getProperties()) {
    if (!Node.isPropertyAssignment(p)) return undefined;
    const key = propertyName(p.getNameNode());
    const value = stringValue(p.getInitializer());
    if (key === undefined || value === undefined) return undefined;
    out.push({ key, value, node: p });
  }
  return out;
}
