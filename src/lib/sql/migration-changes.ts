/**
 * What a migration changes, in a few words per table — for messages such as an import's "the next migration will
 * hold …" and `verify`'s pending changes: `tasks.status: type text → text CHECK(status IN (…)) — rebuilds tasks`.
 * Read from the two snapshots (and the renames) rather than from the statements, which fold column changes into a
 * table rebuild; the statements only say which tables are rebuilt.
 */
import type { JsonStatement, Renames } from './diff/index';
import { splitType } from './same-schema';
import type { Snapshot, SnapshotColumn, SnapshotForeignKey, SnapshotIndex, SnapshotTable } from './snapshot-types';

export interface MigrationChangesInput {
  before: Snapshot;
  after: Snapshot;
  renames: Renames;
  statements: readonly JsonStatement[];
}

/** A type for a sentence: an enum CHECK's long value list elided. */
function typeText(type: string): string {
  return type.length > 40 ? type.replace(/\bIN\s*\((?:[^()']|'(?:[^']|'')*')*\)/i, 'IN (…)') : type;
}

function defaultText(c: SnapshotColumn): string {
  return c.default === undefined ? 'no default' : `DEFAULT ${String(c.default)}`;
}

function columnText(c: SnapshotColumn): string {
  const parts = [typeText(c.type)];
  if (c.primaryKey) parts.push('PRIMARY KEY');
  if (c.notNull && !c.primaryKey) parts.push('NOT NULL');
  if (c.default !== undefined) parts.push(defaultText(c));
  return parts.join(' ');
}

const valueList = (values: (string | number)[]) =>
  values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');

/** A type change; for an enum whose values changed, the values themselves (the type text would hide them). */
function typeChange(from: string, to: string): string {
  const a = splitType(from);
  const b = splitType(to);
  if (a.values && b.values && a.declared.toLowerCase() === b.declared.toLowerCase())
    return `allowed values ${valueList(a.values)} → ${valueList(b.values)}`;
  return `type ${typeText(from)} → ${typeText(to)}`;
}

function columnChanges(from: SnapshotColumn, to: SnapshotColumn): string[] {
  const out: string[] = [];
  if (from.type !== to.type) out.push(typeChange(from.type, to.type));
  if (from.primaryKey !== to.primaryKey) out.push(to.primaryKey ? 'made the primary key' : 'no longer the primary key');
  if (from.notNull !== to.notNull && !to.primaryKey)
    out.push(to.notNull ? 'nullable → NOT NULL' : 'NOT NULL → nullable');
  if (from.default !== to.default) out.push(`${defaultText(from)} → ${defaultText(to)}`);
  if (from.autoincrement !== to.autoincrement)
    out.push(to.autoincrement ? 'AUTOINCREMENT added' : 'AUTOINCREMENT dropped');
  return out;
}

const indexText = (ix: SnapshotIndex) =>
  `${ix.isUnique ? 'unique ' : ''}index ${ix.name} (${ix.columns.join(', ')})${ix.where ? ` WHERE ${ix.where}` : ''}`;

const fkText = (fk: SnapshotForeignKey, short: (t: string) => string) =>
  `foreign key (${fk.columnsFrom.join(', ')}) → ${short(fk.tableTo)}(${fk.columnsTo.join(', ')}) ON DELETE ${fk.onDelete}`;

/** Everything but the name, to tell a changed index or foreign key from an unchanged one. */
const sameShape = (a: object, b: object) => JSON.stringify({ ...a, name: '' }) === JSON.stringify({ ...b, name: '' });

function tableChanges(
  from: SnapshotTable,
  to: SnapshotTable,
  renames: Renames,
  short: (t: string) => string,
): string[] {
  const name = short(to.name);
  const out: string[] = [];
  const renamed = new Map(renames.columns.filter((r) => r.table === to.name).map((r) => [r.to, r.from]));
  const matched = new Set<string>();
  for (const c of Object.values(to.columns)) {
    const old = renamed.get(c.name) ?? c.name;
    const was = from.columns[old];
    if (!was) {
      out.push(`${name}.${c.name}: added (${columnText(c)})`);
      continue;
    }
    matched.add(old);
    const changes = columnChanges(was, c);
    const label = old === c.name ? `${name}.${c.name}` : `${name}.${old} renamed to ${c.name}`;
    if (old !== c.name || changes.length > 0) out.push(changes.length > 0 ? `${label}: ${changes.join(', ')}` : label);
  }
  for (const c of Object.values(from.columns)) if (!matched.has(c.name)) out.push(`${name}.${c.name}: dropped`);
  const compare = <T extends object>(a: Record<string, T>, b: Record<string, T>, text: (x: T) => string) => {
    for (const [key, x] of Object.entries(b)) {
      const y = a[key];
      if (!y) out.push(`${name}: ${text(x)} added`);
      else if (!sameShape(x, y)) out.push(`${name}: ${text(y)} → ${text(x)}`);
    }
    for (const [key, y] of Object.entries(a)) if (!b[key]) out.push(`${name}: ${text(y)} dropped`);
  };
  compare(from.indexes, to.indexes, indexText);
  compare(from.foreignKeys, to.foreignKeys, (fk) => fkText(fk, short));
  compare(from.checkConstraints, to.checkConstraints, (c) => `CHECK ${c.name} (${c.value})`);
  compare(from.compositePrimaryKeys, to.compositePrimaryKeys, (pk) => `PRIMARY KEY (${pk.columns.join(', ')})`);
  return out;
}

/**
 * One line per table the migration touches: its changes, and whether the table is rebuilt (copied into a new
 * table, which is how SQLite changes a column's type, NOT NULL, default or a foreign key).
 * @example migrationChanges(m, 'MoLOS-Tasks') // ['tasks.status: type text → text CHECK(status IN (…)) — rebuilds tasks']
 */
export function migrationChanges(m: MigrationChangesInput, moduleId: string): string[] {
  const short = (t: string) => (t.startsWith(`${moduleId}_`) ? t.slice(moduleId.length + 1) : t);
  const rebuilt = new Set(m.statements.filter((s) => s.type === 'recreate_table').map((s) => s.tableName));
  const renamedFrom = new Map(m.renames.tables.map((r) => [r.to, r.from]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const to of Object.values(m.after.tables)) {
    const old = renamedFrom.get(to.name) ?? to.name;
    const from = m.before.tables[old];
    if (!from) {
      out.push(`${short(to.name)}: new table (${Object.keys(to.columns).length} columns)`);
      continue;
    }
    seen.add(old);
    const changes = tableChanges(from, to, m.renames, short);
    if (old !== to.name) changes.unshift(`table ${short(old)} renamed to ${short(to.name)}`);
    if (changes.length === 0) continue;
    const rebuild = rebuilt.has(to.name) ? ` — rebuilds ${short(to.name)}` : '';
    out.push(`${changes.join('; ')}${rebuild}`);
  }
  for (const from of Object.values(m.before.tables))
    if (!seen.has(from.name)) out.push(`${short(from.name)}: table dropped`);
  return out;
}

/**
 * "the next migration (0001_x) will hold a; b" — at most eight tables, then how many more.
 * @example pendingChanges(m, 'MoLOS-Tasks') // 'the next migration (0001_alter_tasks) will hold tasks.status: …'
 */
export function pendingChanges(m: MigrationChangesInput & { tag: string }, moduleId: string): string {
  const changes = migrationChanges(m, moduleId);
  const shown = changes.slice(0, 8);
  if (changes.length > shown.length) shown.push(`and ${changes.length - shown.length} more tables`);
  return `the next migration (${m.tag}) will hold ${shown.join('; ')}`;
}
