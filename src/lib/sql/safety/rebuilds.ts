/**
 * Finds table rebuilds: `CREATE TABLE n` … `INSERT INTO n … SELECT … FROM t` … `DROP TABLE t` …
 * `ALTER TABLE n RENAME TO t`. drizzle-kit names the copy `__new_<t>`; hand-written rebuilds use other names,
 * so the pattern is matched on its shape, not on the name.
 */
import type { LocatedStatement } from './host-checks';

export interface Rebuild {
  /** The table being rebuilt (its name after the rebuild). */
  table: string;
  /** The copy that replaces it (`__new_<table>`). */
  copy: string;
  /** Statement indexes (into the file's statement list). */
  create: number;
  insert: number | null;
  drop: number;
  rename: number;
  /** False when `PRAGMA foreign_keys=OFF` was not in force at the CREATE (drizzle-kit's B15 dedupe). */
  pragmaOff: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The `foreign_keys` setting each statement runs under, as the file's PRAGMAs would leave it outside a transaction. */
function foreignKeyPragmaState(statements: readonly LocatedStatement[]): ('on' | 'off' | 'unset')[] {
  let state: 'on' | 'off' | 'unset' = 'unset';
  return statements.map((s) => {
    const current = state;
    if (s.info.kind === 'pragma' && s.info.name === 'foreign_keys') {
      const v = (s.info.value ?? '').toLowerCase();
      state = v === 'off' || v === '0' || v === 'false' || v === 'no' ? 'off' : 'on';
    }
    return current;
  });
}

/**
 * Every rebuild in the file, in order.
 * @example findRebuilds(statements).map((r) => r.table) // ['kids', 'pairs']
 */
export function findRebuilds(statements: readonly LocatedStatement[]): Rebuild[] {
  const fk = foreignKeyPragmaState(statements);
  const out: Rebuild[] = [];
  statements.forEach((s, rename) => {
    if (s.info.kind !== 'rename-table') return;
    const { table: copy, to: table } = s.info;
    let create = -1;
    for (let i = rename - 1; i >= 0 && create < 0; i--) {
      const x = statements[i]?.info;
      if (x?.kind === 'create-table' && same(x.table, copy)) create = i;
    }
    if (create < 0) return;
    let drop = -1;
    let insert: number | null = null;
    for (let i = create + 1; i < rename; i++) {
      const x = statements[i]?.info;
      if (x?.kind === 'drop-table' && same(x.table, table)) drop = i;
      if (x?.kind === 'insert' && same(x.table, copy) && x.from !== null && same(x.from, table)) insert = i;
    }
    if (drop < 0) return;
    out.push({ table, copy, create, insert, drop, rename, pragmaOff: fk[create] === 'off' });
  });
  return out;
}
