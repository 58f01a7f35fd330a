/**
 * Relations: `.references()` and `foreignKey()` resolved once every table is read, the generator's note on a
 * logical relation read back into that relation, and relations a module keeps only in a comment offered as
 * suggestions.
 */
import { Node } from 'ts-morph';
import type { Column, FkAction, Relation } from '../../core/design';
import type { SuggestedRelation } from '../types';
import type { ImportContext, TableInfo } from './context';
import { suggestRelations } from './suggest';
import { stringValue, unwrap } from './values';

export function resolveRelations(ctx: ImportContext): void {
  const used = new Set<string>();
  for (const p of ctx.pending) {
    const t = p.target;
    const obj =
      Node.isPropertyAccessExpression(t) || Node.isElementAccessExpression(t) ? unwrap(t.getExpression()) : undefined;
    const key = Node.isPropertyAccessExpression(t)
      ? t.getName()
      : Node.isElementAccessExpression(t)
        ? stringValue(t.getArgumentExpression())
        : undefined;
    if (!obj || !Node.isIdentifier(obj) || key === undefined) {
      ctx.report(
        'warning',
        'reference-not-understood',
        p.node,
        `the reference of column ${p.column.key} is not table.column`,
        'a plain column',
      );
      continue;
    }
    const target = ctx.tablesByBinding.get(obj.getText());
    if (!target) {
      ctx.report(
        'warning',
        'reference-outside-module',
        p.node,
        `column ${p.column.key} references ${obj.getText()}.${key}, which is not a table of this module`,
        'a plain column without a foreign key',
      );
      continue;
    }
    const toCol = target.columns.get(key);
    if (!toCol) {
      ctx.report(
        'warning',
        'reference-not-understood',
        p.node,
        `table ${target.table.exportName} has no column ${key}`,
        'a plain column',
      );
      continue;
    }
    if (used.has(p.column.id)) {
      ctx.report(
        'warning',
        'duplicate-reference',
        p.node,
        `column ${p.column.key} references two columns`,
        'the first reference',
      );
      continue;
    }
    used.add(p.column.id);
    addRelation(ctx, p.table, p.column, toCol, p.onDelete, p.onUpdate, false);
  }
  for (const n of ctx.logicalNotes) {
    const target = ctx.tables.find(
      (t) => `${ctx.design.module.id}_${t.table.name}` === n.target || t.fullName === n.target,
    );
    const toCol = target && [...target.columns.values()].find((c) => c.name === n.targetColumn);
    if (!target || !toCol || used.has(n.column.id)) {
      n.column.comment = [n.column.comment, n.line].filter(Boolean).join('\n');
      continue;
    }
    used.add(n.column.id);
    addRelation(ctx, n.table, n.column, toCol, n.onDelete, n.onUpdate, true);
  }
}

function addRelation(
  ctx: ImportContext,
  table: TableInfo,
  from: Column,
  to: Column,
  onDelete: FkAction | null,
  onUpdate: FkAction | null,
  logical: boolean,
): void {
  const r: Relation = {
    id: ctx.newId(`r_${table.table.name}_${from.name}`),
    fromColumnId: from.id,
    toColumnId: to.id,
    onDelete,
    onUpdate,
    logical,
  };
  ctx.design.relations[r.id] = r;
}

/** Relations kept only in a column's comment, offered to the user. */
export function commentSuggestions(ctx: ImportContext): SuggestedRelation[] {
  return suggestRelations(
    ctx.design,
    ctx.tables.map((t) => ({ table: t.table, fullName: t.fullName })),
    ctx.pathOf(ctx.tablesFile),
    (columnId) => {
      const node = ctx.columnNodes.get(columnId);
      return node ? ctx.place(node).line : 0;
    },
  );
}
