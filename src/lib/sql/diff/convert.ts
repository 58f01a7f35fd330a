/**
 * Prints json statements as SQLite, byte for byte as drizzle-kit's SQLite converters do (src/sqlgenerator.ts),
 * then removes repeated statements (drizzle-kit keeps the first of identical strings — which is why only the
 * first rebuild of a migration has its PRAGMAs).
 */
import type { SnapshotColumn, SnapshotForeignKey } from '../snapshot-types';
import { unsquashForeignKey, unsquashIndex } from './squash';
import type { JsonStatement } from './statements';

export function columnDefinition(c: SnapshotColumn): string {
  let out = `\`${c.name}\` ${c.type}`;
  if (c.primaryKey) out += ' PRIMARY KEY';
  if (c.autoincrement) out += ' AUTOINCREMENT';
  if (c.default !== undefined) out += ` DEFAULT ${String(c.default)}`;
  if (c.generated) out += ` GENERATED ALWAYS AS ${c.generated.as} ${c.generated.type.toUpperCase()}`;
  if (c.notNull) out += ' NOT NULL';
  return out;
}

export interface CreateTablePayload {
  tableName: string;
  columns: SnapshotColumn[];
  referenceData: SnapshotForeignKey[];
  compositePKs: string[][];
  /** Squashed `name;value` checks. */
  checkConstraints: string[];
}

/** `CREATE TABLE` as drizzle-kit prints it (ends with `);\n`). */
export function createTable(p: CreateTablePayload): string {
  const parts = p.columns.map(columnDefinition);
  for (const pk of p.compositePKs) parts.push(`PRIMARY KEY(${pk.map((c) => `\`${c}\``).join(', ')})`);
  for (const fk of p.referenceData) {
    const from = fk.columnsFrom.map((c) => `\`${c}\``).join(',');
    const to = fk.columnsTo.map((c) => `\`${c}\``).join(',');
    const onUpdate = fk.onUpdate ? ` ON UPDATE ${fk.onUpdate}` : '';
    const onDelete = fk.onDelete ? ` ON DELETE ${fk.onDelete}` : '';
    parts.push(`FOREIGN KEY (${from}) REFERENCES \`${fk.tableTo}\`(${to})${onUpdate}${onDelete}`);
  }
  for (const check of p.checkConstraints) {
    const [name, value] = check.split(';');
    parts.push(`CONSTRAINT "${name}" CHECK(${value})`);
  }
  return `CREATE TABLE \`${p.tableName}\` (\n\t${parts.join(',\n\t')}\n);\n`;
}

/** The rebuild pattern: a `__new_` table, copy, drop, rename, wrapped in PRAGMA foreign_keys OFF/ON. */
function recreateTable(st: Extract<JsonStatement, { type: 'recreate_table' }>): string[] {
  const t = st.tableName;
  const temp = `__new_${t}`;
  const names = st.columns.map((c) => `"${c.name}"`).join(', ');
  // Checks that name the table must name the new table while it is built; SQLite renames them back.
  const checks = st.checkConstraints.map((c) =>
    c
      .replaceAll(`"${t}".`, `"${temp}".`)
      .replaceAll(`\`${t}\`.`, `\`${temp}\`.`)
      .replaceAll(`${t}.`, `${temp}.`)
      .replaceAll(`'${t}'.`, `'${temp}'.`),
  );
  return [
    'PRAGMA foreign_keys=OFF;',
    createTable({ ...st, tableName: temp, checkConstraints: checks }),
    `INSERT INTO \`${temp}\`(${names}) SELECT ${names} FROM \`${t}\`;`,
    `DROP TABLE \`${t}\`;`,
    `ALTER TABLE \`${temp}\` RENAME TO \`${t}\`;`,
    'PRAGMA foreign_keys=ON;',
  ];
}

/** The SQL of one statement; statements SQLite has no converter for print nothing. */
export function statementSql(st: JsonStatement): string[] {
  switch (st.type) {
    case 'sqlite_create_table':
      return [createTable(st)];
    case 'recreate_table':
      return recreateTable(st);
    case 'drop_table':
      return [`DROP TABLE \`${st.tableName}\`;`];
    case 'rename_table':
      return [`ALTER TABLE \`${st.tableNameFrom}\` RENAME TO \`${st.tableNameTo}\`;`];
    case 'alter_table_rename_column':
      return [`ALTER TABLE \`${st.tableName}\` RENAME COLUMN "${st.oldColumnName}" TO "${st.newColumnName}";`];
    case 'alter_table_drop_column':
      return [`ALTER TABLE \`${st.tableName}\` DROP COLUMN \`${st.columnName}\`;`];
    case 'sqlite_alter_table_add_column': {
      const c = st.column;
      const def = c.default !== undefined ? ` DEFAULT ${String(c.default)}` : '';
      const generated = c.generated ? ` GENERATED ALWAYS AS ${c.generated.as} ${c.generated.type.toUpperCase()}` : '';
      // drizzle-kit writes the target unquoted and drops the actions (hazard B8); exactness means we do too.
      const fk = st.referenceData ? unsquashForeignKey(st.referenceData) : undefined;
      const ref = fk ? ` REFERENCES ${fk.tableTo}(${fk.columnsTo.join(',')})` : '';
      return [
        `ALTER TABLE \`${st.tableName}\` ADD \`${c.name}\` ${c.type}${c.primaryKey ? ' PRIMARY KEY' : ''}${def}${generated}${c.notNull ? ' NOT NULL' : ''}${ref};`,
      ];
    }
    case 'create_index': {
      const ix = unsquashIndex(st.data);
      const where = ix.where ? ` WHERE ${ix.where}` : '';
      return [
        `CREATE ${ix.isUnique ? 'UNIQUE ' : ''}INDEX \`${ix.name}\` ON \`${st.tableName}\` (${ix.columns.map((c) => `\`${c}\``).join(',')})${where};`,
      ];
    }
    case 'drop_index':
      return [`DROP INDEX \`${unsquashIndex(st.data).name}\`;`];
    default:
      return [];
  }
}

/** All statements' SQL, without repeats (the first occurrence stays). */
export function statementsSql(statements: readonly JsonStatement[]): string[] {
  return [...new Set(statements.flatMap(statementSql))];
}
