/**
 * Relations a module keeps only in a comment: a plain column whose comment says "Foreign key to tasks",
 * "References projects.id", "FK to MoLOS-Tasks_tasks" or "-> tags" is offered as a logical relation to that
 * table's key. Nothing is applied; the user accepts or ignores each suggestion.
 */
import { type Design, type Table, primaryKeyColumn, relationFrom, tableColumns } from '../../core/design';
import type { SuggestedRelation } from '../types';

const PATTERNS: RegExp[] = [
  /\b(?:foreign[\s_-]*key|fk)\b\s*(?:to|of|on|for|into|->|→|=>|:)?\s*(?:the\s+)?([`'"]?[\w$.-]+)/i,
  /\b(?:references?|referencing|refers\s+to|points\s+(?:at|to)|links?\s+to|relation\s+to|belongs\s+to)\s*:?\s+(?:the\s+)?([`'"]?[\w$.-]+)/i,
  /(?:->|→|=>)\s*([`'"]?[\w$.-]+)/,
];

export interface SuggestTable {
  table: Table;
  fullName: string;
}

/** The table a comment's word names: full name, name, export name or alias, singular or plural, or a name suffix. */
function findTable(word: string, tables: SuggestTable[]): SuggestTable | undefined {
  const w = word.toLowerCase();
  const forms = new Set([w, `${w}s`, `${w}es`, w.replace(/e?s$/, ''), w.replace(/ies$/, 'y'), w.replace(/y$/, 'ies')]);
  const names = (t: SuggestTable) =>
    [t.fullName, t.table.name, t.table.exportName, ...(t.table.aliases ?? [])].map((n) => n.toLowerCase());
  const exact = tables.filter((t) => names(t).some((n) => forms.has(n)));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const suffix = tables.filter((t) =>
    [...forms].some(
      (f) =>
        f.length >= 3 && (t.table.name.toLowerCase().endsWith(`_${f}`) || t.table.exportName.toLowerCase().endsWith(f)),
    ),
  );
  return suffix.length === 1 ? suffix[0] : undefined;
}

export function suggestRelations(
  design: Design,
  tables: SuggestTable[],
  file: string,
  lineOf: (columnId: string) => number,
): SuggestedRelation[] {
  const out: SuggestedRelation[] = [];
  for (const { table } of tables) {
    for (const col of tableColumns(design, table)) {
      if (!col.comment.trim() || relationFrom(design, col.id)) continue;
      let word: string | undefined;
      for (const p of PATTERNS) {
        const m = p.exec(col.comment);
        if (m?.[1]) {
          word = m[1];
          break;
        }
      }
      if (!word) continue;
      const cleaned = word.replace(/^[`'"]+|[`'".,;:)]+$/g, '');
      let target = findTable(cleaned, tables);
      let targetColumnName: string | undefined;
      const dot = cleaned.lastIndexOf('.');
      if (!target && dot > 0) {
        target = findTable(cleaned.slice(0, dot), tables);
        targetColumnName = cleaned.slice(dot + 1);
      }
      if (!target) continue;
      const to =
        (targetColumnName &&
          tableColumns(design, target.table).find((c) => c.name === targetColumnName || c.key === targetColumnName)) ||
        primaryKeyColumn(design, target.table);
      if (!to || to.id === col.id) continue;
      out.push({
        fromColumnId: col.id,
        toColumnId: to.id,
        onDelete: null,
        reason: `the comment on ${table.exportName}.${col.key} says "${col.comment.trim().split('\n')[0]}"`,
        file,
        line: lineOf(col.id),
      });
    }
  }
  return out;
}
