/**
 * Relations a module keeps only in a comment: a plain column whose comment says "Foreign key to tasks",
 * "References projects.id", "FK to MoLOS-Tasks_tasks", "References tasks_projects(id)" or "-> tags" is offered
 * as a logical relation to that table's key (or to the column named after `.` or in parentheses). Nothing is
 * applied; the user accepts or ignores each suggestion.
 *
 * The word after the phrase names a table by any of its names, compared without case, `-` or `_`: the full SQL
 * name (`MoLOS-Tasks_projects`), the same without `MoLOS-` (`tasks_projects`, as some modules write it), the
 * name without the module prefix (`projects`), the export name (`tasksProjects`) or an alias — singular or
 * plural. A word that names no table, or more than one, gives no suggestion.
 */
import { type Design, type Table, primaryKeyColumn, relationFrom, tableColumns } from '../../core/design';
import type { SuggestedRelation } from '../types';

/** After the phrase: the word naming the table, with an optional `(column)` right after it. */
const PATTERNS: RegExp[] = [
  /\b(?:foreign[\s_-]*key|fk)\b\s*(?:to|of|on|for|into|->|→|=>|:)?\s*(?:the\s+)?([`'"]?[\w$.-]+(?:\s*\(\s*[\w$]+\s*\))?)/i,
  /\b(?:references?|referencing|refers\s+to|points\s+(?:at|to)|links?\s+to|relation\s+to|belongs\s+to)\s*:?\s+(?:the\s+)?([`'"]?[\w$.-]+(?:\s*\(\s*[\w$]+\s*\))?)/i,
  /(?:->|→|=>)\s*([`'"]?[\w$.-]+(?:\s*\(\s*[\w$]+\s*\))?)/,
];

export interface SuggestTable {
  table: Table;
  fullName: string;
}

/** A name as compared: lower case, without `-`, `_` or other separators. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9$]/g, '');

/** The singular and plural forms a comment may use for a name. */
function forms(word: string): Set<string> {
  const w = word.toLowerCase();
  return new Set([w, `${w}s`, `${w}es`, w.replace(/e?s$/, ''), w.replace(/ies$/, 'y'), w.replace(/y$/, 'ies')]);
}

/** The table a comment's word names: by any of its names (see above), or, failing that, by a name suffix. */
function findTable(word: string, tables: SuggestTable[]): SuggestTable | undefined {
  const wanted = new Set([...forms(word)].map(squash).filter((f) => f.length > 0));
  const names = (t: SuggestTable) =>
    [t.fullName, t.fullName.replace(/^molos-/i, ''), t.table.name, t.table.exportName, ...(t.table.aliases ?? [])].map(
      squash,
    );
  const exact = tables.filter((t) => names(t).some((n) => wanted.has(n)));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const suffix = tables.filter((t) =>
    [...forms(word)].some(
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
      // `tasks_projects(id)`: the column in parentheses; `projects.id`: the column after the last dot.
      const paren = /^(.*?)\s*\(\s*([\w$]+)\s*\)$/.exec(word);
      const cleaned = (paren?.[1] ?? word).replace(/^[`'"]+|[`'".,;:)]+$/g, '');
      let target = findTable(cleaned, tables);
      let targetColumnName: string | undefined = paren?.[2];
      const dot = cleaned.lastIndexOf('.');
      if (!target && dot > 0) {
        target = findTable(cleaned.slice(0, dot), tables);
        targetColumnName ??= cleaned.slice(dot + 1);
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
