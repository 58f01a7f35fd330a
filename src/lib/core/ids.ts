/** Stable ids for design elements: a short kind prefix and 10 random base-36 characters. */
export function newId(prefix: 't' | 'c' | 'r' | 'e' | 'm' | 'i'): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return `${prefix}_${out}`;
}
