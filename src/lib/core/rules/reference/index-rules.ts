/** Rules about indexes: not empty, named after their table, unique across the shared database. */
import { type Design, fullTableName, tableColumns } from '../../design';
import { isRefusedIndexName, uniqueName } from '../../naming';
import { derivedIndexName } from '../../operations/indexes';
import { duplicates, isUnsafeSqlName, issue, unsafeChars, type Rule } from './support';
import type { Issue } from '../types';

export const indexRules: Rule = (d: Design): Issue[] => {
  const out: Issue[] = [];
  /** Every index name, read once (only when an index needs a suggested name). */
  let taken: Set<string> | undefined;
  // Tables and indexes share one namespace in SQLite; tables come first so the index is the one reported.
  const all: { name: string; target: { kind: 'index' | 'column' | 'table'; id: string } }[] = [];
  for (const t of Object.values(d.tables)) all.push({ name: fullTableName(d, t), target: { kind: 'table', id: t.id } });
  for (const t of Object.values(d.tables)) {
    const table = fullTableName(d, t);
    for (const c of tableColumns(d, t)) {
      if (c.unique) all.push({ name: `${table}_${c.name}_unique`, target: { kind: 'column', id: c.id } });
    }
  }
  for (const ix of Object.values(d.indexes)) {
    const t = d.tables[ix.tableId];
    if (!t) continue;
    const table = fullTableName(d, t);
    const target = { kind: 'index' as const, id: ix.id };
    const p = { table, index: ix.name };
    all.push({ name: ix.name, target });
    if (ix.columnIds.length === 0) {
      out.push(
        issue('index-empty', 'error', target, p, {
          label: 'Delete the index',
          calls: [{ op: 'deleteIndex', args: { indexId: ix.id } }],
        }),
      );
      continue;
    }
    if (isUnsafeSqlName(ix.name)) {
      out.push(
        issue('sql-name-unsafe', 'error', target, { ...p, name: ix.name, what: 'index', reason: unsafeChars(ix.name) }),
      );
    } else if (isRefusedIndexName(ix.name)) {
      out.push(issue('sql-reserved-word', 'warning', target, { ...p, name: ix.name, what: 'index' }));
    }
    if (!ix.name.startsWith(`${table}_`)) {
      taken ??= new Set(Object.values(d.indexes).map((x) => x.name));
      const name = uniqueName(derivedIndexName(d, t.id, ix.columnIds, ix.unique), (n) => taken!.has(n));
      out.push(
        issue(
          'index-name-prefix',
          'warning',
          target,
          { ...p, suggestion: name },
          {
            label: `Rename to "${name}"`,
            calls: [{ op: 'updateIndex', args: { indexId: ix.id, name } }],
          },
        ),
      );
    }
  }
  for (const group of duplicates(all, (x) => x.name.toLowerCase())) {
    // Two tables with one name are table-name-duplicate; only indexes (and unique columns) are reported here.
    for (const x of group.slice(1)) {
      if (x.target.kind !== 'table') out.push(issue('index-name-duplicate', 'error', x.target, { index: x.name }));
    }
  }
  return out;
};
