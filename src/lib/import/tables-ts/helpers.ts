/** Small helpers shared by the parts of the tables.ts importer. */
import type { Node } from 'ts-morph';
import { type FkAction, FK_ACTIONS } from '../../core/design';
import { toConstantCase, uniqueName } from '../../core/naming';

export function isFkAction(v: string): v is FkAction {
  return (FK_ACTIONS as readonly string[]).includes(v);
}

/** Enum members for drizzle's `{ enum: [...] }` values: UPPER_SNAKE keys, made unique. */
export function uniqueKeys(values: string[]): { key: string; value: string }[] {
  const seen = new Set<string>();
  return values.map((value) => {
    const key = uniqueName(toConstantCase(value) || 'VALUE', (k) => seen.has(k));
    seen.add(key);
    return { key, value };
  });
}

/** Removes the indentation the code had inside the file from its second line on. */
export function dedent(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return text;
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0)))].join(
    '\n',
  );
}

/** A statement in words for a message: `interface Task`, `expression statement foo()`. */
export function describeStatement(st: Node): string {
  const named = st as unknown as { getName?: () => string | undefined };
  const name = typeof named.getName === 'function' ? named.getName() : undefined;
  const kind = st
    .getKindName()
    .replace(/(Declaration|Statement)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return name ? `${kind} ${name}` : `${kind} ${st.getText().slice(0, 40).replace(/\s+/g, ' ')}`;
}
