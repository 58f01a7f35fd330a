/**
 * The third argument of `sqliteTable(...)`: indexes, unique constraints, a one-column `primaryKey()` and
 * `foreignKey()` (kept as a reference), and the names of `check()` constraints (kept as written, not editable);
 * what the design cannot hold (composite keys, partial indexes) is reported.
 */
import { type CallExpression, Node } from 'ts-morph';
import type { Column, FkAction, Index } from '../../core/design';
import type { ImportContext, TableInfo } from './context';
import { isFkAction } from './helpers';
import { calleeName, constantString, unchain } from './symbols';
import { stringValue, unwrap } from './values';

export function readTableExtras(ctx: ImportContext, info: TableInfo): void {
  ctx.at = info.call;
  const arg = info.call.getArguments()[2];
  const indexes: Index[] = [];
  if (arg) {
    const fn = unwrap(arg);
    let body: Node | undefined;
    if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
      const b = fn.getBody();
      if (Node.isBlock(b)) {
        const ret = b.getStatements().find((s) => Node.isReturnStatement(s));
        const e = ret && Node.isReturnStatement(ret) ? ret.getExpression() : undefined;
        body = e ? unwrap(e) : undefined;
      } else body = unwrap(b);
    }
    let items: Node[] | undefined;
    if (body && Node.isArrayLiteralExpression(body)) items = body.getElements();
    else if (body && Node.isObjectLiteralExpression(body)) {
      ctx.report(
        'info',
        'index-object-form',
        body,
        `the indexes of table ${info.table.exportName} use the object form, deprecated since drizzle-orm 0.41`,
        'the same indexes; writing into the module rewrites them in the array form only if they change',
      );
      items = [];
      for (const p of body.getProperties()) {
        if (Node.isPropertyAssignment(p) && p.getInitializer()) items.push(p.getInitializer() as Node);
        else ctx.report('warning', 'table-extra-not-kept', p, `${p.getText().slice(0, 60)} is not kept`, 'nothing');
      }
    }
    if (!items)
      ctx.report(
        'warning',
        'table-extra-not-kept',
        arg,
        `the third argument of table ${info.table.exportName} is not (t) => [...]`,
        'no indexes',
      );
    for (const item of items ?? []) {
      const ix = readExtra(ctx, info, item);
      if (ix) indexes.push(ix);
    }
  }
  for (const ix of [...info.namedUniques, ...indexes, ...info.uniqueConstraints]) {
    ctx.design.indexes[ix.id] = ix;
    info.table.indexIds.push(ix.id);
  }
}

/** The columns of this table named in `.on(t.a, t.b)` or `columns: [t.a]`; undefined when one is not. */
function tableColumns(ctx: ImportContext, info: TableInfo, nodes: Node[], what: string): Column[] | undefined {
  const out: Column[] = [];
  for (const node of nodes) {
    const n = unwrap(node);
    const key = Node.isPropertyAccessExpression(n)
      ? n.getName()
      : Node.isElementAccessExpression(n)
        ? stringValue(n.getArgumentExpression())
        : undefined;
    const col = key !== undefined ? info.columns.get(key) : undefined;
    if (!col) {
      ctx.report(
        'warning',
        'index-expression',
        node,
        `${what} of table ${info.table.exportName} uses ${node.getText().slice(0, 60)}, which is not one of its columns`,
        'nothing',
      );
      return undefined;
    }
    out.push(col);
  }
  return out;
}

function readExtra(ctx: ImportContext, info: TableInfo, item: Node): Index | undefined {
  const { base, calls } = unchain(ctx, item);
  const kind = Node.isCallExpression(base) ? calleeName(ctx, base) : undefined;
  if (!Node.isCallExpression(base) || !kind) {
    ctx.report('warning', 'table-extra-not-kept', item, `${item.getText().slice(0, 60)} is not kept`, 'nothing');
    return undefined;
  }
  const args = base.getArguments();
  const tableName = info.table.exportName;
  if (kind === 'index' || kind === 'uniqueIndex' || kind === 'unique') {
    const on = calls.find((c) => c.name === 'on');
    let name = args[0] ? stringValue(args[0]) : undefined;
    if (args[0] && name === undefined) name = constantString(ctx, args[0]);
    if (kind !== 'unique' && name === undefined) {
      ctx.report(
        'warning',
        'index-name-not-literal',
        args[0] ?? base,
        `an index of table ${tableName} has no literal name`,
        'nothing',
      );
      return undefined;
    }
    if (!on) {
      ctx.report('warning', 'table-extra-not-kept', item, `${kind}() of table ${tableName} has no .on(...)`, 'nothing');
      return undefined;
    }
    const cols = tableColumns(ctx, info, on.call.getArguments(), `${kind}(${name ?? ''})`);
    if (!cols || cols.length === 0) return undefined;
    for (const c of calls)
      if (c.name !== 'on')
        ctx.report(
          'warning',
          c.name === 'where' ? 'partial-index' : 'table-extra-not-kept',
          c.call,
          `.${c.name}() on index ${name ?? ''} of table ${tableName} is not kept`,
          'the index without it',
        );
    const indexName = name ?? `${info.fullName}_${cols.map((c) => c.name).join('_')}_unique`;
    const ix: Index = {
      id: ctx.newId(`i_${indexName}`),
      tableId: info.table.id,
      name: indexName,
      columnIds: cols.map((c) => c.id),
      unique: kind !== 'index',
    };
    if (kind === 'unique') {
      ctx.report(
        'info',
        'unique-constraint',
        item,
        `unique().on() of table ${tableName} is kept as unique index ${indexName} (drizzle-kit writes both the same way)`,
        `unique index ${indexName}`,
      );
      info.uniqueConstraints.push(ix);
      return undefined;
    }
    return ix;
  }
  if (kind === 'primaryKey') {
    const obj = args[0] ? unwrap(args[0]) : undefined;
    let colNodes: Node[] = args;
    if (obj && Node.isObjectLiteralExpression(obj)) {
      const p = obj.getProperty('columns');
      const arr = p && Node.isPropertyAssignment(p) ? unwrap(p.getInitializer() as Node) : undefined;
      colNodes = arr && Node.isArrayLiteralExpression(arr) ? arr.getElements() : [];
    }
    const cols = tableColumns(ctx, info, colNodes, 'primaryKey()');
    if (cols && cols.length === 1 && cols[0]) {
      cols[0].primaryKey = true;
      cols[0].notNull = true;
      ctx.report(
        'info',
        'single-column-primary-key',
        item,
        `primaryKey() of table ${tableName} has one column, kept as that column's key`,
        `${cols[0].key}.primaryKey()`,
      );
    } else
      ctx.report(
        'warning',
        'composite-primary-key',
        item,
        `table ${tableName} has a composite primary key, which the studio cannot design`,
        'the columns, without the key',
      );
    return undefined;
  }
  if (kind === 'foreignKey') {
    readForeignKey(ctx, info, item, args[0], calls);
    return undefined;
  }
  if (kind === 'check') {
    readCheck(ctx, info, item, args[0]);
    return undefined;
  }
  ctx.report('warning', 'table-extra-not-kept', item, `${kind}() in table ${tableName} is not kept`, 'nothing');
  return undefined;
}

/**
 * `check("name", sql`…`)`: the design records its name only (Table.keptChecks). The merge leaves the code as it
 * is, and the next migration carries the check's SQL over from the schema the migrations left, so the database
 * keeps it; the studio cannot show or edit it.
 */
function readCheck(ctx: ImportContext, info: TableInfo, item: Node, nameNode: Node | undefined): void {
  const tableName = info.table.exportName;
  const name = nameNode ? (stringValue(nameNode) ?? constantString(ctx, nameNode)) : undefined;
  if (name === undefined) {
    ctx.report(
      'warning',
      'check-not-kept',
      item,
      `a check constraint of table ${tableName} has no literal name, so the studio cannot keep it in the migrations`,
      'the code as written; the next migration drops the check from the database',
    );
    return;
  }
  const kept = (info.table.keptChecks ??= []);
  if (!kept.includes(name)) kept.push(name);
  ctx.report(
    'warning',
    'check-kept-as-written',
    item,
    `check ${name} of table ${tableName} cannot be edited in the studio`,
    'as written in the code, and in the migrations',
  );
}

function readForeignKey(
  ctx: ImportContext,
  info: TableInfo,
  item: Node,
  config: Node | undefined,
  calls: { name: string; call: CallExpression }[],
): void {
  const obj = config ? unwrap(config) : undefined;
  const arr = (prop: string): Node[] | undefined => {
    if (!obj || !Node.isObjectLiteralExpression(obj)) return undefined;
    const p = obj.getProperty(prop);
    const a = p && Node.isPropertyAssignment(p) ? unwrap(p.getInitializer() as Node) : undefined;
    return a && Node.isArrayLiteralExpression(a) ? a.getElements() : undefined;
  };
  const from = arr('columns');
  const to = arr('foreignColumns');
  const cols = from ? tableColumns(ctx, info, from, 'foreignKey()') : undefined;
  if (!cols || cols.length !== 1 || !to || to.length !== 1 || !cols[0] || !to[0]) {
    ctx.report(
      'warning',
      'foreign-key-not-kept',
      item,
      `foreignKey() of table ${info.table.exportName} is not a single-column key the studio can hold`,
      'nothing',
    );
    return;
  }
  const actions: { onDelete: FkAction | null; onUpdate: FkAction | null } = { onDelete: null, onUpdate: null };
  for (const c of calls) {
    const v = stringValue(c.call.getArguments()[0]);
    if ((c.name === 'onDelete' || c.name === 'onUpdate') && v !== undefined && isFkAction(v)) actions[c.name] = v;
    else ctx.report('warning', 'fk-action-unknown', c.call, `.${c.name}() on foreignKey() is not kept`, 'no action');
  }
  if (obj && Node.isObjectLiteralExpression(obj) && obj.getProperty('name'))
    ctx.report(
      'info',
      'foreign-key-name',
      obj,
      'the foreign key name is not kept (it never appears in the SQL)',
      'no name',
    );
  ctx.report(
    'info',
    'foreign-key-as-reference',
    item,
    `foreignKey() of table ${info.table.exportName} is kept as .references() on column ${cols[0].key}`,
    `${cols[0].key}.references(...)`,
  );
  ctx.pending.push({ table: info, column: cols[0], target: unwrap(to[0]), ...actions, node: item });
}
