/**
 * SQL for a fresh module (the `0000` migration), byte-identical to `drizzle-kit generate`: per table its
 * CREATE TABLE, then its indexes; statements joined with `--> statement-breakpoint\n`.
 */
import type { Snapshot, SnapshotColumn, SnapshotIndex, SnapshotTable } from './snapshot-types';

export const BREAKPOINT = '--> statement-breakpoint\n';

/** One column definition: `` `name` type[ PRIMARY KEY][ AUTOINCREMENT][ DEFAULT d][ NOT NULL] ``. */
export function columnSql(c: SnapshotColumn): string {
  let out = `\`${c.name}\` ${c.type}`;
  if (c.primaryKey) out += ' PRIMARY KEY';
  if (c.autoincrement) out += ' AUTOINCREMENT';
  if (c.default !== undefined) out += ` DEFAULT ${String(c.default)}`;
  if (c.generated) out += ` GENERATED ALWAYS AS ${c.generated.as} ${c.generated.type.toUpperCase()}`;
  if (c.notNull) out += ' NOT NULL';
  return out;
}

/** `CREATE TABLE` exactly as drizzle-kit writes it (ends with `);\n`). `name` overrides the table name. */
export function createTableSql(t: SnapshotTable, name = t.name): string {
  const lines = Object.values(t.columns).map(columnSql);
  for (const pk of Object.values(t.compositePrimaryKeys)) {
    lines.push(`PRIMARY KEY(${pk.columns.map((c) => `\`${c}\``).join(', ')})`);
  }
  for (const fk of Object.values(t.foreignKeys)) {
    const from = fk.columnsFrom.map((c) => `\`${c}\``).join(',');
    const to = fk.columnsTo.map((c) => `\`${c}\``).join(',');
    lines.push(
      `FOREIGN KEY (${from}) REFERENCES \`${fk.tableTo}\`(${to}) ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}`,
    );
  }
  for (const ck of Object.values(t.checkConstraints)) lines.push(`CONSTRAINT "${ck.name}" CHECK(${ck.value})`);
  return `CREATE TABLE \`${name}\` (\n\t${lines.join(',\n\t')}\n);\n`;
}

/** `CREATE [UNIQUE ]INDEX` exactly as drizzle-kit writes it. */
export function createIndexSql(table: string, ix: SnapshotIndex): string {
  const cols = ix.columns.map((c) => `\`${c}\``).join(',');
  const where = ix.where ? ` WHERE ${ix.where}` : '';
  return `CREATE ${ix.isUnique ? 'UNIQUE ' : ''}INDEX \`${ix.name}\` ON \`${table}\` (${cols})${where};`;
}

/** The statements of a fresh migration for a snapshot, in drizzle-kit's order, without duplicates. */
export function createStatements(snapshot: Snapshot): string[] {
  const out: string[] = [];
  for (const t of Object.values(snapshot.tables)) {
    out.push(createTableSql(t));
    for (const ix of Object.values(t.indexes)) out.push(createIndexSql(t.name, ix));
  }
  return [...new Set(out)];
}

/** Joins statements into a migration file's text, as drizzle-kit does (no trailing breakpoint). */
export function joinStatements(statements: readonly string[], breakpoints = true): string {
  return statements.join(breakpoints ? BREAKPOINT : '\n');
}
