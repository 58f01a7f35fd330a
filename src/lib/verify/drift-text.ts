/** Sentences for schema differences, saying which side holds what: "drizzle/ builds X; tables.ts says Y". */
import type { Drift } from './schema-diff';

/** How the two sides are called: the history is always `drizzle/`; the other side is tables.ts or a snapshot. */
export interface SideNames {
  /** `tables.ts`, `drizzle/meta/0003_snapshot.json`, … */
  other: string;
  /** The other side having something: `declares` (code), `has` (snapshot). */
  has: string;
  /** And not having it: `does not declare`, `does not have`. */
  lacks: string;
}

export const HISTORY = 'drizzle/';

/**
 * What a drift is about, e.g. `column role`, `UNIQUE (email)`, `foreign key (owner_id) → users(id)`.
 * @example driftSubject({ kind: 'column-default', key: 'default|t|role', table: 't', name: 'role', columns: ['role'] }) // 'column role'
 */
export function driftSubject(d: Drift): string {
  switch (d.kind) {
    case 'extra-table':
    case 'missing-table':
      return `table ${d.table}`;
    case 'extra-unique':
    case 'missing-unique':
    case 'unique-name':
      return `UNIQUE ${d.name ?? ''}`;
    case 'extra-index':
    case 'missing-index':
    case 'index-definition':
      return `index ${d.name ?? ''}`;
    case 'index-name':
      return `index ${d.history?.name ?? ''}`;
    case 'extra-foreign-key':
    case 'missing-foreign-key':
    case 'foreign-key-actions':
      return `foreign key ${d.name ?? ''}`;
    case 'table-check':
      return 'table CHECK';
    default:
      return `column ${d.name ?? ''}`;
  }
}

/**
 * "<subject>: drizzle/ builds …; <other> says …" — the difference itself, without consequences.
 * @example driftSentence(d, { other: 'tables.ts', has: 'declares', lacks: 'does not declare' }) // "column role: drizzle/ builds it NOT NULL; tables.ts says nullable"
 */
export function driftSentence(d: Drift, names: SideNames): string {
  const subject = driftSubject(d);
  const h = d.history?.display ?? '';
  const o = d.other?.display ?? '';
  const { lacks } = names;
  switch (d.kind) {
    case 'extra-table':
      return `${HISTORY} builds ${subject}; ${names.other} ${lacks} it`;
    case 'missing-table':
      return `${names.other} ${names.has} ${subject}; ${HISTORY} does not build it`;
    case 'extra-column':
    case 'extra-index':
    case 'extra-unique':
    case 'extra-foreign-key':
      return `${subject}: ${HISTORY} builds it (${h}); ${names.other} ${lacks} it`;
    case 'missing-column':
    case 'missing-index':
    case 'missing-unique':
    case 'missing-foreign-key':
      return `${subject}: ${names.other} ${names.has} it (${o}); ${HISTORY} does not build it`;
    case 'column-not-null':
      return `${subject}: ${HISTORY} builds it ${h}; ${names.other} says ${o}`;
    case 'column-primary-key':
      return `${subject}: ${HISTORY} makes it ${h}; ${names.other} says ${o}`;
    case 'index-name':
      return `${subject}: ${HISTORY} builds it; ${names.other} ${names.has} the same index as ${d.other?.name ?? ''}`;
    case 'unique-name':
      return `${subject}: ${HISTORY} builds it as ${d.history?.value ?? ''}; ${names.other} says ${d.other?.value ?? ''}`;
    case 'foreign-key-actions':
      return `${subject}: ${HISTORY} builds it ${d.history?.value ?? ''}; ${names.other} says ${d.other?.value ?? ''}`;
    default:
      return `${subject}: ${HISTORY} builds ${h}; ${names.other} says ${o}`;
  }
}
