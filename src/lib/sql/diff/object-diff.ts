/**
 * The structural diff drizzle-kit uses (the json-diff package's object mode), reduced to what snapshots need:
 * for two objects, keys only in the old one become `key__deleted`, keys only in the new one `key__added`, and
 * keys in both with different values either a nested diff (objects) or `{ __old, __new }` (everything else).
 * The result's key order matters downstream: deleted keys (old order), then added (new order), then changed
 * (old order).
 */
export type DiffValue = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  if (isObject(a) && isObject(b)) return objectDiff(a, b) === undefined;
  return false;
}

/** The diff of two objects, or `undefined` when they are equal. */
export function objectDiff(a: Record<string, unknown>, b: Record<string, unknown>): DiffValue | undefined {
  const out: DiffValue = {};
  let changed = false;
  for (const [key, value] of Object.entries(a)) {
    if (!Object.hasOwn(b, key)) {
      out[`${key}__deleted`] = value;
      changed = true;
    }
  }
  for (const [key, value] of Object.entries(b)) {
    if (!Object.hasOwn(a, key)) {
      out[`${key}__added`] = value;
      changed = true;
    }
  }
  for (const [key, before] of Object.entries(a)) {
    if (!Object.hasOwn(b, key)) continue;
    const after = b[key];
    if (isObject(before) && isObject(after)) {
      const nested = objectDiff(before, after);
      if (nested !== undefined) {
        out[key] = nested;
        changed = true;
      }
    } else if (!equalValues(before, after)) {
      out[key] = { __old: before, __new: after };
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/** Entries of a diff object whose key ends with `suffix`, with the suffix removed. */
export function entriesWith(diff: DiffValue | undefined, suffix: '__added' | '__deleted'): [string, unknown][] {
  return Object.entries(diff ?? {})
    .filter(([k]) => k.endsWith(suffix))
    .map(([k, v]) => [k.slice(0, -suffix.length), v]);
}

/** Entries of a diff object that are changes of keys present on both sides. */
export function changedEntries(diff: DiffValue | undefined): [string, unknown][] {
  return Object.entries(diff ?? {}).filter(([k]) => !k.endsWith('__added') && !k.endsWith('__deleted'));
}
