/**
 * A table's columns object: every property becomes a column (shared consts and spreads of readable consts are
 * followed), with its doc comment; the note the generator writes on a logical relation is read back.
 */
import { Node } from 'ts-morph';
import type { Column, Index } from '../../core/design';
import { leadingComment, trailingComment } from './comments';
import { columnParts } from './column-builder';
import { type ImportContext, MAX_DEPTH, type TableInfo } from './context';
import { isFkAction } from './helpers';
import { objectLiteral, resolveConst, useConst } from './symbols';
import { propertyName } from './values';

/** The note the generator writes on a logical relation's column; read back into the relation. */
const LOGICAL_NOTE =
  /^Logical relation to (.+)\.([^.\s]+) \(no foreign key(?:; on delete ([a-z ]+?))?(?:; on update ([a-z ]+?))?\)\.$/;

export function readColumns(ctx: ImportContext, info: TableInfo): void {
  ctx.at = info.call;
  const arg = info.call.getArguments()[1];
  if (!arg) {
    ctx.report('warning', 'columns-not-literal', info.call, `table ${info.table.exportName} has no columns`);
    return;
  }
  const obj = objectLiteral(ctx, arg);
  if (!obj) {
    ctx.report(
      'warning',
      'columns-not-literal',
      arg,
      `the columns of table ${info.table.exportName} are not an object literal`,
      'the table without columns',
    );
    return;
  }
  readColumnProperties(ctx, info, obj, 0);
}

function readColumnProperties(ctx: ImportContext, info: TableInfo, obj: Node, depth: number): void {
  if (!Node.isObjectLiteralExpression(obj)) return;
  for (const p of obj.getProperties()) {
    if (Node.isPropertyAssignment(p)) {
      const key = propertyName(p.getNameNode());
      const init = p.getInitializer();
      if (key === undefined || !init) {
        ctx.report(
          'warning',
          'computed-key',
          p,
          `a column with a computed key in table ${info.table.exportName} is not kept`,
          'nothing',
        );
        continue;
      }
      addColumn(ctx, info, key, init, p);
    } else if (Node.isShorthandPropertyAssignment(p)) {
      const r = resolveConst(ctx, p.getSourceFile(), p.getName());
      if (r?.info.init) {
        useConst(ctx, r.info, p);
        addColumn(ctx, info, p.getName(), r.info.init, p);
      } else
        ctx.report('warning', 'column-not-understood', p, `column ${p.getName()} has no readable value`, 'nothing');
    } else if (Node.isSpreadAssignment(p)) {
      const inner = depth < MAX_DEPTH ? objectLiteral(ctx, p.getExpression()) : undefined;
      if (inner) readColumnProperties(ctx, info, inner, depth + 1);
      else
        ctx.report(
          'warning',
          'spread-not-kept',
          p,
          `the columns spread from ${p.getExpression().getText().slice(0, 60)} cannot be read without running code`,
          'nothing',
        );
    } else {
      ctx.report(
        'warning',
        'column-not-understood',
        p,
        `${p.getKindName()} in a columns object is not kept`,
        'nothing',
      );
    }
  }
}

function addColumn(ctx: ImportContext, info: TableInfo, key: string, value: Node, prop: Node): void {
  const parts = columnParts(ctx, info, key, value, 0);
  if (!parts) return;
  const name = parts.name ?? key;
  if (info.columns.has(key)) {
    ctx.report(
      'warning',
      'duplicate-column',
      prop,
      `column key ${key} appears twice in table ${info.table.exportName}`,
      'the last one',
    );
  }
  const commentLines = [leadingComment(prop), trailingComment(prop)].filter(Boolean).join('\n').split('\n');
  const kept: string[] = [];
  const col: Column = {
    id: ctx.newId(`c_${info.table.name}_${name}`),
    tableId: info.table.id,
    name,
    key,
    type: parts.type,
    mode: parts.mode,
    enumId: parts.enumId,
    notNull: parts.notNull || parts.primaryKey,
    primaryKey: parts.primaryKey,
    unique: parts.unique && !parts.uniqueName,
    default: parts.default,
    comment: '',
    ...(parts.tsType ? { tsType: parts.tsType } : {}),
    ...(parts.tsType && parts.tsTypeImports.length > 0 ? { tsTypeImports: parts.tsTypeImports } : {}),
    ...(parts.enumForm ? { enumForm: parts.enumForm } : {}),
  };
  for (const line of commentLines) {
    const m = LOGICAL_NOTE.exec(line.trim());
    const onDelete = m?.[3] ?? null;
    const onUpdate = m?.[4] ?? null;
    if (
      m &&
      !parts.references &&
      (onDelete === null || isFkAction(onDelete)) &&
      (onUpdate === null || isFkAction(onUpdate))
    )
      ctx.logicalNotes.push({
        table: info,
        column: col,
        target: m[1] ?? '',
        targetColumn: m[2] ?? '',
        onDelete,
        onUpdate,
        line: line.trim(),
      });
    else kept.push(line);
  }
  col.comment = kept.join('\n').trim() === '' ? '' : kept.join('\n');
  ctx.design.columns[col.id] = col;
  ctx.columnNodes.set(col.id, prop);
  info.table.columnIds.push(col.id);
  info.columns.set(key, col);
  if (parts.uniqueName) {
    const ix: Index = {
      id: ctx.newId(`i_${parts.uniqueName}`),
      tableId: info.table.id,
      name: parts.uniqueName,
      columnIds: [col.id],
      unique: true,
    };
    info.namedUniques.push(ix);
  }
  if (parts.references) ctx.pending.push({ table: info, column: col, ...parts.references });
}
