/** Small helpers shared by the rule files, and the lookups every rule shares for one check. */
import {
  type Column,
  type Design,
  type EnumDef,
  type Relation,
  type Table,
  relationsByFromColumn,
  tableColumns,
} from '../design';
import { STATEMENT_BREAKPOINT } from '../sql-default';
import type { OperationCall } from '../operations';
import type { Fix, Issue, RuleCode, Severity, Target } from './types';

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

/**
 * Groups items by a key (SQL names are compared case-insensitively by the caller): the groups of more than one,
 * in the order of their first item, each in the items' order. Linear: 5,000 tables of one name are one group.
 * @example duplicates(['a', 'B', 'b'], (s) => s.toLowerCase()) // [['B', 'b']]
 */
export function duplicates<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * A fix whose calls are made only when they are read (then kept): for fixes that each carry a copy of something
 * that grows with the design (an enum's whole member list), so N such issues do not cost N² before anyone applies one.
 * @example lazyFix('Remove the apostrophes', () => [{ op: 'setEnumMembers', args: { enumId, members } }])
 */
export function lazyFix(label: string, calls: () => OperationCall[]): Fix {
  return {
    label,
    get calls(): OperationCall[] {
      const made = calls();
      Object.defineProperty(this, 'calls', { value: made, enumerable: true, writable: true, configurable: true });
      return made;
    },
  };
}

/**
 * Items' ids by a key, to ask "does an item other than this one have that key?" without scanning all items (a
 * rule asking it for every item would take time growing with the square of their number).
 * @example new IdsByKey(cols, (c) => c.name.toLowerCase()).hasOther('due_date', column.id)
 */
export class IdsByKey<T extends { id: string }> {
  #ids = new Map<string, Set<string>>();

  constructor(items: Iterable<T>, key: (item: T) => string) {
    for (const item of items) {
      const k = key(item);
      const ids = this.#ids.get(k);
      if (ids) ids.add(item.id);
      else this.#ids.set(k, new Set([item.id]));
    }
  }

  /** True when an item whose id is not `id` has exactly the key `key`. */
  hasOther(key: string, id: string): boolean {
    const ids = this.#ids.get(key);
    return ids !== undefined && (ids.size > 1 || !ids.has(id));
  }
}

/**
 * What the rules look up again and again, read once per `checkDesign` call: a design of 5,000 tables (a share
 * link may hold one) must be checked in time linear in its size, so no rule scans all tables, relations or
 * columns per table or per column. Each lookup is built on first use and answers exactly as the scan it replaces.
 * @example const ctx = new RuleContext(design); ctx.relationFrom(column.id)?.logical
 */
export class RuleContext {
  #columns = new Map<Table, Column[]>();
  #keys = new Map<Table, Column | undefined>();
  #uniqueIndexed = new Map<Table, Set<string>>();
  #relations: Map<string, Relation> | undefined;
  #tablesByLowerName: IdsByKey<Table> | undefined;
  #enumValues = new Map<EnumDef, Set<string>>();
  #allColumns: Column[] | undefined;

  constructor(readonly design: Design) {}

  /**
   * `Object.values(design.columns)`, made once: on a design of 60,000 columns one such call takes tens of
   * milliseconds (a map that large is kept in a slow dictionary form), so rules share it.
   */
  get allColumns(): readonly Column[] {
    this.#allColumns ??= Object.values(this.design.columns);
    return this.#allColumns;
  }

  /** The table's columns in declaration order (`tableColumns`), read once per table; callers must not change it. */
  columnsOf(t: Table): Column[] {
    let cols = this.#columns.get(t);
    if (!cols) {
      cols = tableColumns(this.design, t);
      this.#columns.set(t, cols);
    }
    return cols;
  }

  /** The relation starting at a column (the first one, as `relationFrom` finds it). */
  relationFrom(columnId: string): Relation | undefined {
    this.#relations ??= relationsByFromColumn(this.design);
    return this.#relations.get(columnId);
  }

  /** The table's primary-key column when it has exactly one (`primaryKeyColumn`). */
  primaryKeyOf(t: Table): Column | undefined {
    if (!this.#keys.has(t)) {
      const keys = this.columnsOf(t).filter((c) => c.primaryKey);
      this.#keys.set(t, keys.length === 1 ? keys[0] : undefined);
    }
    return this.#keys.get(t);
  }

  /** True when one of the table's own indexes is unique on exactly this one column. */
  uniqueIndexed(t: Table, columnId: string): boolean {
    let set = this.#uniqueIndexed.get(t);
    if (!set) {
      set = new Set();
      for (const id of t.indexIds) {
        const ix = this.design.indexes[id];
        if (ix?.unique === true && ix.columnIds.length === 1) set.add(ix.columnIds[0] as string);
      }
      this.#uniqueIndexed.set(t, set);
    }
    return set.has(columnId);
  }

  /** True when a table other than `t` (by id) has a name whose lower case is exactly `lowerName`. */
  otherTableNamed(t: Table, lowerName: string): boolean {
    this.#tablesByLowerName ??= new IdsByKey(Object.values(this.design.tables), (o) => o.name.toLowerCase());
    return this.#tablesByLowerName.hasOther(lowerName, t.id);
  }

  /** The enum's member values, read once per enum (a column's default must be one of them). */
  enumValues(e: EnumDef): ReadonlySet<string> {
    let values = this.#enumValues.get(e);
    if (!values) {
      values = new Set(e.members.map((m) => m.value));
      this.#enumValues.set(e, values);
    }
    return values;
  }
}

/** A rule: the issues of one concern. `ctx` holds the shared lookups (a rule may ignore it). */
export type Rule = (design: Design, ctx: RuleContext) => Issue[];
