/**
 * Turns a schema read from SQL or a drizzle snapshot into a design: module id from the common `<ModuleId>_`
 * table prefix, camelCase keys and export names, enums from `CHECK(col IN (…))`, defaults, unique columns,
 * indexes and foreign keys as relations. What a design cannot hold (composite keys, CHECKs, expression or
 * partial indexes, generated columns, AUTOINCREMENT) is reported with what was kept instead.
 */
import {
  type Column,
  type ColumnDefault,
  type ColumnMode,
  type ColumnType,
  type Design,
  type EnumDef,
  FK_ACTIONS,
  type FkAction,
  type Index,
  type Layout,
  type Relation,
  type Table,
  emptyDesign,
} from '../../core/design';
import { toCamelCase, toConstantCase, toPascalCase, uniqueName } from '../../core/naming';
import { singular } from '../../core/operations/relations';
import { derivedExportName } from '../../core/operations/tables';
import type { ImportMessage } from '../types';
import { stableId } from './ids';
import type { Place, RawColumn, RawSchema, RawTable } from './raw-schema';

export interface DesignFromRawOptions {
  moduleId?: string;
  layout?: Layout;
  /** Where a module-wide message (e.g. "no module id") points. */
  file: string;
}

const DEFAULT_MODULE_ID = emptyDesign().module.id;

function message(
  severity: ImportMessage['severity'],
  code: string,
  place: Place,
  text: string,
  kept?: string,
): ImportMessage {
  const m: ImportMessage = { severity, code, file: place.file, line: place.line, column: place.column, message: text };
  if (kept !== undefined) m.kept = kept;
  return m;
}

/**
 * The module id the tables' names share: the part before the first `_` that most tables (preferably all) start
 * with, when it looks like a MoLOS id or every table has it.
 * @example inferModuleId(['MoLOS-Tasks_tasks', 'MoLOS-Tasks_tags']) // 'MoLOS-Tasks'
 */
export function inferModuleId(tableNames: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const name of tableNames) {
    const at = name.indexOf('_');
    if (at > 0) counts.set(name.slice(0, at), (counts.get(name.slice(0, at)) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const molos = ranked.find(([p]) => /^MoLOS-/i.test(p));
  if (molos) return molos[0];
  const first = ranked[0];
  return first && first[1] === tableNames.length && tableNames.length > 1 ? first[0] : null;
}

/** The design type for a declared SQL type: exact for the five drizzle types, otherwise by SQLite's affinity rules. */
export function columnTypeOf(declared: string): { type: ColumnType; mode: ColumnMode | null; exact: boolean } {
  const t = declared.trim().toLowerCase();
  if (t === 'text' || t === 'integer' || t === 'real' || t === 'blob' || t === 'numeric')
    return { type: t, mode: null, exact: true };
  if (t === 'boolean' || t === 'bool') return { type: 'integer', mode: 'boolean', exact: false };
  if (t.includes('int')) return { type: 'integer', mode: null, exact: false };
  if (t.includes('char') || t.includes('clob') || t.includes('text')) return { type: 'text', mode: null, exact: false };
  if (t === '' || t.includes('blob')) return { type: 'blob', mode: null, exact: false };
  if (t.includes('real') || t.includes('floa') || t.includes('doub')) return { type: 'real', mode: null, exact: false };
  return { type: 'numeric', mode: null, exact: false };
}

/** A stored default (snapshot form) as a design default; `null` for none or `NULL`. */
export function defaultOf(value: string | number | boolean | undefined): ColumnDefault | null {
  if (value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value };
  const quoted = /^'((?:[^']|'')*)'$/s.exec(value);
  if (quoted) return { kind: 'literal', value: (quoted[1] ?? '').replace(/''/g, "'") };
  if (/^null$/i.test(value.trim())) return null;
  return { kind: 'sql', sql: value };
}

function fkAction(text: string): FkAction | null {
  const a = text.trim().toLowerCase();
  return (FK_ACTIONS as readonly string[]).includes(a) && a !== 'no action' ? (a as FkAction) : null;
}

/**
 * Builds the design. Ids are derived from the names, so importing the same schema twice gives equal designs.
 * Tables are placed on a grid; the page lays them out after import.
 */
export function designFromRaw(
  schema: RawSchema,
  opts: DesignFromRawOptions,
): { design: Design; messages: ImportMessage[]; importedNames: Record<string, string> } {
  const messages: ImportMessage[] = [];
  const whole: Place = { file: opts.file, line: 0, column: 0 };
  let moduleId = opts.moduleId?.trim() || inferModuleId(schema.tables.map((t) => t.name));
  if (!moduleId) {
    moduleId = DEFAULT_MODULE_ID;
    if (schema.tables.length > 0)
      messages.push(
        message(
          'warning',
          'module-id',
          whole,
          'no module id could be inferred: the table names share no `<ModuleId>_` prefix',
          `module id ${moduleId}; give the real one with --module-id or in the module settings`,
        ),
      );
  }
  const design = emptyDesign({ id: moduleId, layout: opts.layout ?? 'legacy' });
  const prefix = `${moduleId}_`;

  // Tables first, so foreign keys can find their targets whatever the order.
  const usedIds = new Set<string>();
  const idOf = (kind: Parameters<typeof stableId>[0], key: string) => {
    const id = stableId(kind, key, (x) => usedIds.has(x));
    usedIds.add(id);
    return id;
  };
  const tableByName = new Map<string, { raw: RawTable; table: Table }>();
  const takenNames = new Set<string>();
  const takenExports = new Set<string>();
  // Tables named with another module id (the id was changed, or given by hand) keep their entity name.
  const inferred = inferModuleId(schema.tables.map((t) => t.name));
  const oldPrefix = inferred !== null && inferred !== moduleId ? `${inferred}_` : null;
  schema.tables.forEach((raw, i) => {
    let name = raw.name;
    if (raw.name.startsWith(prefix) && raw.name.length > prefix.length) {
      name = raw.name.slice(prefix.length);
    } else {
      if (oldPrefix && raw.name.startsWith(oldPrefix) && raw.name.length > oldPrefix.length)
        name = raw.name.slice(oldPrefix.length);
      messages.push(
        message(
          'warning',
          'table-prefix',
          raw.place,
          `table "${raw.name}" does not start with the module prefix "${prefix}"`,
          `table "${prefix}${name}" (the next migration renames it)`,
        ),
      );
    }
    name = uniqueName(name, (n) => takenNames.has(n));
    takenNames.add(name);
    const table: Table = {
      id: idOf('t', raw.name),
      name,
      exportName: uniqueName(derivedExportName(design, name), (n) => takenExports.has(n), ''),
      comment: '',
      position: { x: (i % 4) * 340, y: Math.floor(i / 4) * 420 },
      columnIds: [],
      indexIds: [],
    };
    takenExports.add(table.exportName);
    design.tables[table.id] = table;
    tableByName.set(raw.name, { raw, table });
  });

  const columnIdOf = (tableName: string, columnName: string): string | undefined => {
    const entry = tableByName.get(tableName);
    if (!entry) return undefined;
    return entry.table.columnIds.find((id) => design.columns[id]?.name === columnName);
  };

  for (const { raw, table } of tableByName.values()) {
    const keys = new Set<string>();
    const composite = raw.compositePrimaryKey && raw.compositePrimaryKey.length > 1;
    for (const rc of raw.columns) {
      const column = importColumn(design, raw, table, rc, keys, idOf, messages, !!composite);
      design.columns[column.id] = column;
      table.columnIds.push(column.id);
    }
    if (composite) {
      const cols = raw.compositePrimaryKey as string[];
      const ids = cols.map((c) => columnIdOf(raw.name, c));
      if (ids.every((id): id is string => id !== undefined)) {
        const ixName = `${raw.name}_${cols.join('_')}_pk`;
        const ix: Index = {
          id: idOf('i', `${raw.name}/${ixName}`),
          tableId: table.id,
          name: ixName,
          columnIds: ids,
          unique: true,
        };
        design.indexes[ix.id] = ix;
        table.indexIds.push(ix.id);
        messages.push(
          message(
            'warning',
            'composite-primary-key',
            raw.place,
            `table "${raw.name}" has a primary key over several columns (${cols.join(', ')}), which a design cannot hold`,
            `NOT NULL columns and a unique index "${ixName}"`,
          ),
        );
      }
    }
    for (const check of raw.checks) {
      messages.push(
        message(
          'warning',
          'check-constraint',
          raw.place,
          `table "${raw.name}" has a CHECK constraint the design cannot hold: CHECK(${check})`,
          'nothing (add the check back by hand if it matters)',
        ),
      );
    }
    importIndexes(design, raw, table, columnIdOf, idOf, messages);
  }

  // Foreign keys → relations.
  const related = new Set<string>();
  for (const { raw } of tableByName.values()) {
    for (const fk of raw.foreignKeys) {
      const place = raw.place;
      const target =
        tableByName.get(fk.tableTo) ??
        [...tableByName.values()].find((e) => e.raw.name.toLowerCase() === fk.tableTo.toLowerCase());
      const fromId = fk.columnsFrom.length === 1 ? columnIdOf(raw.name, fk.columnsFrom[0] as string) : undefined;
      const text = `(${fk.columnsFrom.join(', ')}) → ${fk.tableTo}(${fk.columnsTo.join(', ') || 'key'})`;
      if (fk.columnsFrom.length !== 1 || fk.columnsTo.length > 1) {
        messages.push(
          message(
            'warning',
            'composite-foreign-key',
            place,
            `table "${raw.name}" has a foreign key over several columns ${text}, which a design cannot hold`,
            'the columns, without the foreign key',
          ),
        );
        continue;
      }
      const from = fromId ? design.columns[fromId] : undefined;
      if (!from) continue;
      let toId: string | undefined;
      if (target) {
        toId =
          fk.columnsTo.length === 1
            ? columnIdOf(target.raw.name, fk.columnsTo[0] as string)
            : target.table.columnIds.find((id) => design.columns[id]?.primaryKey);
      }
      if (!target || !toId) {
        const note = `references ${fk.tableTo}(${fk.columnsTo.join(', ') || 'its key'})`;
        from.comment = from.comment ? `${from.comment}\n${note}` : note;
        messages.push(
          message(
            'warning',
            'foreign-key-target',
            place,
            `column "${raw.name}"."${from.name}" references ${fk.tableTo}(${fk.columnsTo.join(', ') || 'its key'}), which is not part of this schema`,
            `the column, with "${note}" as its comment`,
          ),
        );
        continue;
      }
      if (related.has(from.id)) {
        messages.push(
          message(
            'warning',
            'second-foreign-key',
            place,
            `column "${raw.name}"."${from.name}" has more than one foreign key; a column references one key`,
            'the first foreign key',
          ),
        );
        continue;
      }
      for (const [what, action] of [
        ['ON DELETE', fk.onDelete],
        ['ON UPDATE', fk.onUpdate],
      ] as const) {
        if (!(FK_ACTIONS as readonly string[]).includes(action.trim().toLowerCase()))
          messages.push(
            message(
              'warning',
              'foreign-key-action',
              place,
              `unknown ${what} action "${action}" on ${text}`,
              'no action',
            ),
          );
      }
      const relation: Relation = {
        id: idOf('r', `${raw.name}/${from.name}`),
        fromColumnId: from.id,
        toColumnId: toId,
        onDelete: fkAction(fk.onDelete),
        onUpdate: fkAction(fk.onUpdate),
        logical: false,
      };
      design.relations[relation.id] = relation;
      related.add(from.id);
    }
  }
  const importedNames = Object.fromEntries([...tableByName.values()].map((e) => [e.table.id, e.raw.name]));
  return { design, messages, importedNames };
}

function importColumn(
  design: Design,
  raw: RawTable,
  table: Table,
  rc: RawColumn,
  keys: Set<string>,
  idOf: (kind: 'c' | 'e' | 'm', key: string) => string,
  messages: ImportMessage[],
  compositeKey: boolean,
): Column {
  const at = rc.place;
  const where = `column "${raw.name}"."${rc.name}"`;
  const mapped = columnTypeOf(rc.type);
  let type = mapped.type;
  let mode = mapped.mode;
  if (!mapped.exact && !rc.enumValues) {
    messages.push(
      message(
        'warning',
        'column-type',
        at,
        `${where} has the type "${rc.type || '(none)'}", which drizzle does not write`,
        `${type}${mode ? ` with mode ${mode}` : ''} (SQLite's type affinity for it)`,
      ),
    );
  }
  let enumId: string | null = null;
  if (rc.enumValues) {
    if (type !== 'text') {
      messages.push(
        message(
          'warning',
          'enum-type',
          at,
          `${where} is a ${rc.type} with an enum CHECK; enums are text columns`,
          'a text enum column',
        ),
      );
      type = 'text';
      mode = null;
    }
    enumId = enumFor(design, table, rc, idOf);
  }
  for (const check of rc.otherChecks ?? []) {
    messages.push(
      message(
        'warning',
        'check-constraint',
        at,
        `${where} has a CHECK constraint the design cannot hold: CHECK(${check})`,
        'the column without the check',
      ),
    );
  }
  let def = defaultOf(rc.default);
  if (def?.kind === 'literal' && typeof def.value === 'boolean' && type === 'integer') mode = 'boolean';
  if (def?.kind === 'literal' && typeof def.value === 'boolean' && type !== 'integer') {
    def = { kind: 'sql', sql: String(def.value) };
  }
  if (rc.default !== undefined && def === null) {
    messages.push(message('info', 'default-null', at, `${where} has DEFAULT NULL, which is the same as no default`));
  }
  if (rc.generated) {
    messages.push(
      message(
        'warning',
        'generated-column',
        at,
        `${where} is generated (${rc.generated.type}, AS ${rc.generated.as}), which a design cannot hold`,
        'an ordinary column',
      ),
    );
  }
  if (rc.autoincrement) {
    messages.push(
      message(
        'warning',
        'autoincrement',
        at,
        `${where} is AUTOINCREMENT, which a design cannot hold`,
        'an INTEGER PRIMARY KEY without AUTOINCREMENT (SQLite may then reuse deleted ids)',
      ),
    );
  }
  if (rc.inlineUnique) {
    messages.push(
      message(
        'info',
        'inline-unique',
        at,
        `${where} is UNIQUE in its column definition; drizzle writes a unique index "${raw.name}_${rc.name}_unique" instead`,
      ),
    );
  }
  const key = uniqueName(toCamelCase(rc.name) || 'column', (k) => keys.has(k), '');
  keys.add(key);
  const primaryKey = rc.primaryKey && !compositeKey;
  return {
    id: idOf('c', `${raw.name}/${rc.name}`),
    tableId: table.id,
    name: rc.name,
    key,
    type,
    mode,
    enumId,
    notNull: rc.notNull || rc.primaryKey,
    primaryKey,
    unique: !!rc.inlineUnique,
    default: def,
    comment: '',
  };
}

/** The enums made so far, by name, per design being built. */
const enumNames = new WeakMap<Design, Map<string, EnumDef>>();

/** The enum of a `CHECK(col IN (…))` column: one named `<Singular table><Column>`, shared when the values match. */
function enumFor(design: Design, table: Table, rc: RawColumn, idOf: (kind: 'e' | 'm', key: string) => string): string {
  const values = rc.enumValues as string[];
  const base = toPascalCase(`${singular(table.name)} ${rc.name}`) || 'Values';
  const same = (e: EnumDef) => e.members.length === values.length && e.members.every((m, i) => m.value === values[i]);
  const byName = enumNames.get(design) ?? new Map<string, EnumDef>();
  enumNames.set(design, byName);
  const existing = byName.get(base);
  if (existing && same(existing)) return existing.id;
  const name = uniqueName(base, (n) => byName.has(n), '');
  const memberKeys = new Set<string>();
  const id = idOf('e', name);
  const def: EnumDef = {
    id,
    name,
    comment: '',
    members: values.map((value) => {
      const key = uniqueName(toConstantCase(value) || 'EMPTY', (k) => memberKeys.has(k));
      memberKeys.add(key);
      return { id: idOf('m', `${name}/${key}`), key, value };
    }),
  };
  design.enums[id] = def;
  byName.set(name, def);
  return id;
}

function importIndexes(
  design: Design,
  raw: RawTable,
  table: Table,
  columnIdOf: (table: string, column: string) => string | undefined,
  idOf: (kind: 'i', key: string) => string,
  messages: ImportMessage[],
): void {
  for (const ix of raw.indexes) {
    const at = ix.place;
    if (ix.expression) {
      messages.push(
        message(
          'warning',
          'expression-index',
          at,
          `index "${ix.name}" on ${raw.name} indexes an expression (${ix.columns.join(', ')}), which a design cannot hold`,
          'nothing: the index is left out',
        ),
      );
      continue;
    }
    const ids = ix.columns.map((c) => columnIdOf(raw.name, c));
    if (!ids.every((id): id is string => id !== undefined)) continue;
    if (ix.where) {
      messages.push(
        message(
          'warning',
          'partial-index',
          at,
          `index "${ix.name}" on ${raw.name} is partial (WHERE ${ix.where}), which a design cannot hold`,
          'the index over all rows',
        ),
      );
    }
    const single = ids.length === 1 ? design.columns[ids[0] as string] : undefined;
    if (ix.unique && single && !ix.where && (ix.constraint || ix.name === `${raw.name}_${single.name}_unique`)) {
      single.unique = true;
      if (ix.constraint)
        messages.push(
          message(
            'info',
            'inline-unique',
            at,
            `UNIQUE (${single.name}) on ${raw.name} becomes a unique index "${raw.name}_${single.name}_unique", as drizzle writes it`,
          ),
        );
      continue;
    }
    let name = ix.name;
    if (ix.constraint) {
      name = `${raw.name}_${ix.columns.join('_')}_unique`;
      messages.push(
        message(
          'info',
          'unique-constraint',
          at,
          `UNIQUE (${ix.columns.join(', ')}) on ${raw.name} becomes a unique index "${name}", as drizzle writes it`,
        ),
      );
    }
    const index: Index = {
      id: idOf('i', `${raw.name}/${name}`),
      tableId: table.id,
      name,
      columnIds: ids,
      unique: ix.unique,
    };
    design.indexes[index.id] = index;
    table.indexIds.push(index.id);
  }
}
