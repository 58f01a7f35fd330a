/** Parses the body of a `CREATE TABLE t ( … )`: its columns and its foreign keys (column-level and table-level). */
import { parseColumnDef, readReference, type ColumnDef } from './column-def';
import { readNameList } from './names';
import { closingParen, isPunct, isWord, splitTopLevel, type Token } from './tokens';

export interface ForeignKeyDef {
  columns: string[];
  table: string;
  /** Lower-case action, or `no action` when the clause has none (SQLite's default). */
  onDelete: string;
  onUpdate: string;
}

export interface TableBody {
  columns: ColumnDef[];
  foreignKeys: ForeignKeyDef[];
}

const TABLE_CONSTRAINT = new Set(['CONSTRAINT', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK']);

/** A table-level `[CONSTRAINT n] FOREIGN KEY (cols) REFERENCES …`, or null for other table constraints. */
function tableForeignKey(item: readonly Token[]): ForeignKeyDef | null {
  const fk = item.findIndex((t) => isWord(t, 'FOREIGN'));
  if (fk < 0 || !isWord(item[fk + 1], 'KEY')) return null;
  const cols = readNameList(item, fk + 2);
  if (!isWord(item[cols.next], 'REFERENCES')) return null;
  const r = readReference(item, cols.next);
  if (!r) return null;
  return {
    columns: cols.names,
    table: r.ref.table.name,
    onDelete: r.ref.onDelete ?? 'no action',
    onUpdate: r.ref.onUpdate ?? 'no action',
  };
}

/**
 * Parses the parenthesised body that starts at token `open` of a CREATE TABLE statement.
 * @example parseTableBody(sql, tokens, openIndex).columns.map((c) => c.name) // ['id', 'title']
 */
export function parseTableBody(sql: string, tokens: readonly Token[], open: number): TableBody {
  const body: TableBody = { columns: [], foreignKeys: [] };
  if (!isPunct(tokens[open], '(')) return body;
  const inner = tokens.slice(open + 1, closingParen(tokens, open));
  for (const item of splitTopLevel(inner)) {
    const first = item[0];
    if (first?.kind === 'word' && TABLE_CONSTRAINT.has(first.value.toUpperCase())) {
      const fk = tableForeignKey(item);
      if (fk) body.foreignKeys.push(fk);
      continue;
    }
    const col = parseColumnDef(sql, item);
    if (!col) continue;
    body.columns.push(col);
    if (col.references) {
      body.foreignKeys.push({
        columns: [col.name],
        table: col.references.table.name,
        onDelete: col.references.onDelete ?? 'no action',
        onUpdate: col.references.onUpdate ?? 'no action',
      });
    }
  }
  return body;
}
