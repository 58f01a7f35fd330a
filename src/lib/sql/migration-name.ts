/**
 * A descriptive snake_case name for a migration, from what it does: `add_steps_position`, `create_tags`,
 * `rename_tasks_title`, `alter_tasks`. The host only applies files named `^\d+_[a-z0-9_]+\.sql$`.
 */
import type { JsonStatement } from './diff/statements';
import { unsquashIndex } from './diff/squash';

/** The part of a table name after the module prefix, as snake_case. */
function short(table: string, moduleId: string): string {
  const rest = table.startsWith(`${moduleId}_`) ? table.slice(moduleId.length + 1) : table;
  return safe(rest);
}

function safe(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function describe(st: JsonStatement, moduleId: string): string | null {
  switch (st.type) {
    case 'sqlite_create_table':
      return `create_${short(st.tableName, moduleId)}`;
    case 'drop_table':
      return `drop_${short(st.tableName, moduleId)}`;
    case 'rename_table':
      return `rename_${short(st.tableNameFrom, moduleId)}_to_${short(st.tableNameTo, moduleId)}`;
    case 'alter_table_rename_column':
      return `rename_${short(st.tableName, moduleId)}_${safe(st.oldColumnName)}`;
    case 'sqlite_alter_table_add_column':
      return `add_${short(st.tableName, moduleId)}_${safe(st.column.name)}`;
    case 'alter_table_drop_column':
      return `drop_${short(st.tableName, moduleId)}_${safe(st.columnName)}`;
    case 'recreate_table':
      return `alter_${short(st.tableName, moduleId)}`;
    case 'create_index':
      return `index_${short(st.tableName, moduleId)}_${safe(unsquashIndex(st.data).columns.join('_'))}`;
    case 'drop_index':
      return `drop_index_${short(st.tableName, moduleId)}_${safe(unsquashIndex(st.data).columns.join('_'))}`;
    default:
      return null;
  }
}

/**
 * The name part of a migration tag (without the `NNNN_` prefix), at most `max` characters.
 * @example migrationName(statements, 'MoLOS-Tasks') // 'add_tasks_position'
 */
export function migrationName(statements: readonly JsonStatement[], moduleId: string, max = 48): string {
  // Indexes re-created by a rebuild are part of the rebuild, not a change of their own.
  const rebuilt = new Set(statements.filter((s) => s.type === 'recreate_table').map((s) => s.tableName));
  const created = new Set(statements.filter((s) => s.type === 'sqlite_create_table').map((s) => s.tableName));
  // Table and column changes say more than the index changes that come with them.
  const rank = (st: JsonStatement) => (st.type === 'create_index' || st.type === 'drop_index' ? 1 : 0);
  const parts: string[] = [];
  for (const st of [...statements].sort((a, b) => rank(a) - rank(b))) {
    if (st.type === 'create_index' && (rebuilt.has(st.tableName) || created.has(st.tableName))) continue;
    const part = describe(st, moduleId);
    if (part && !parts.includes(part)) parts.push(part);
  }
  if (parts.length === 0) return 'update';
  let name = parts[0] as string;
  if (parts.length > 1) {
    const second = `${name}_and_${parts[1]}`;
    name = parts.length === 2 && second.length <= max ? second : `${name}_and_more`;
  }
  return name.length <= max ? name : name.slice(0, max).replace(/_+$/, '');
}

/** Cleans a user-given name into the host's allowed form; `null` when nothing usable is left. */
export function cleanMigrationName(name: string): string | null {
  const cleaned = safe(name);
  return cleaned.length > 0 ? cleaned : null;
}
