/**
 * Ids for imported elements, derived from their names: importing the same schema twice gives the same ids, so
 * the two designs compare equal. They have the shape of `newId` (a kind prefix and 10 base-36 characters).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export type IdKind = 't' | 'c' | 'r' | 'e' | 'm' | 'i';

/**
 * A stable id for `key` (e.g. `MoLOS-Tasks_tasks/status`); `taken` ids get a counter mixed in until one is free.
 * @example stableId('t', 'MoLOS-Tasks_tasks', () => false) // 't_…' (always the same)
 */
export function stableId(kind: IdKind, key: string, taken: (id: string) => boolean): string {
  for (let n = 0; ; n++) {
    const bytes = sha256(utf8ToBytes(n === 0 ? `${kind}:${key}` : `${kind}:${key}#${n}`));
    let out = '';
    for (const b of bytes.slice(0, 10)) out += (b % 36).toString(36);
    const id = `${kind}_${out}`;
    if (!taken(id)) return id;
  }
}
