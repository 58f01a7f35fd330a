/**
 * The calls chained on a column builder — `.notNull()`, `.primaryKey()`, `.unique()`, `.default(…)`,
 * `.$defaultFn(…)`, `.$type<…>()`, `.references(…)` — and the defaults they carry, read without running code.
 */
import { type CallExpression, Node } from 'ts-morph';
import type { ColumnDefault, FkAction } from '../../core/design';
import { type ColumnParts, type ImportContext, MAX_DEPTH } from './context';
import { dedent, isFkAction } from './helpers';
import { importedName, resolveConst, useConst } from './symbols';
import { typeImports } from './type-imports';
import { jsonValue, propertyName, stringValue, unwrap } from './values';

export function applyChainCall(
  ctx: ImportContext,
  parts: ColumnParts,
  name: string,
  call: CallExpression,
  key = '',
): void {
  const args = call.getArguments();
  switch (name) {
    case 'notNull':
      parts.notNull = true;
      return;
    case 'primaryKey': {
      parts.primaryKey = true;
      const opts = args[0] ? unwrap(args[0]) : undefined;
      if (opts)
        ctx.report(
          'warning',
          'autoincrement-not-kept',
          opts,
          `the primary key options of column ${key} (${opts.getText().slice(0, 40)}) are not kept`,
          'PRIMARY KEY without AUTOINCREMENT',
        );
      return;
    }
    case 'unique': {
      parts.unique = true;
      const n = args[0] ? stringValue(args[0]) : undefined;
      if (n !== undefined) {
        parts.uniqueName = n;
        ctx.report(
          'info',
          'unique-name',
          args[0] as Node,
          `the named unique column ${key} becomes unique index ${n}`,
          `unique index ${n}`,
        );
      }
      return;
    }
    case 'default': {
      const d = args[0] ? defaultValue(ctx, parts, args[0], 0) : undefined;
      if (d) parts.default = d;
      else
        ctx.report(
          'warning',
          'default-not-kept',
          args[0] ?? call,
          `the default of column ${key} (${args[0]?.getText().slice(0, 60) ?? ''}) cannot be read without running code`,
          'no default',
        );
      return;
    }
    case '$default':
    case '$defaultFn': {
      const fn = args[0];
      if (!fn) return;
      const compact = fn.getText().replace(/\s+/g, '');
      if (compact === '()=>crypto.randomUUID()') parts.default = { kind: 'uuid' };
      else if (Node.isArrowFunction(unwrap(fn)) || Node.isFunctionExpression(unwrap(fn)))
        parts.default = { kind: 'fn', code: dedent(unwrap(fn).getText()) };
      else
        ctx.report(
          'warning',
          'default-not-kept',
          fn,
          `the $defaultFn of column ${key} is not a function written in place`,
          'no default',
        );
      return;
    }
    case '$type': {
      const t = call.getTypeArguments()[0];
      if (t) {
        const typed = typeImports(ctx, t, key);
        parts.tsType = typed.text;
        parts.tsTypeImports = typed.imports;
      }
      return;
    }
    case 'references': {
      const fn = args[0] ? unwrap(args[0]) : undefined;
      let target: Node | undefined;
      if (fn && (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) {
        const body = fn.getBody();
        if (Node.isBlock(body)) {
          const ret = body.getStatements().find((s) => Node.isReturnStatement(s));
          const e = ret && Node.isReturnStatement(ret) ? ret.getExpression() : undefined;
          target = e ? unwrap(e) : undefined;
        } else target = unwrap(body);
      }
      if (!target) {
        ctx.report(
          'warning',
          'reference-not-understood',
          call,
          `the reference of column ${key} is not () => table.column`,
          'a plain column',
        );
        return;
      }
      const actions = fkActions(ctx, args[1], key);
      parts.references = { target, ...actions, node: call };
      return;
    }
    case '$onUpdate':
    case '$onUpdateFn':
      ctx.report(
        'warning',
        'on-update-not-kept',
        call,
        `${name} of column ${key} runs in the app and is not kept`,
        'the column without it (no SQL change)',
      );
      return;
    case 'generatedAlwaysAs':
      ctx.report('warning', 'generated-not-kept', call, `generated column ${key} is not supported`, 'a plain column');
      return;
    default:
      ctx.report(
        'warning',
        'unknown-column-method',
        call,
        `.${name}() on column ${key} is not kept`,
        'the column without it',
      );
  }
}

function fkActions(
  ctx: ImportContext,
  node: Node | undefined,
  key: string,
): { onDelete: FkAction | null; onUpdate: FkAction | null } {
  const out: { onDelete: FkAction | null; onUpdate: FkAction | null } = { onDelete: null, onUpdate: null };
  if (!node) return out;
  const obj = unwrap(node);
  if (!Node.isObjectLiteralExpression(obj)) {
    ctx.report(
      'warning',
      'fk-action-unknown',
      node,
      `the actions of the reference of ${key} are not an object literal`,
      'no actions',
    );
    return out;
  }
  for (const p of obj.getProperties()) {
    const name = Node.isPropertyAssignment(p) ? propertyName(p.getNameNode()) : undefined;
    const value = Node.isPropertyAssignment(p) ? stringValue(p.getInitializer()) : undefined;
    if ((name === 'onDelete' || name === 'onUpdate') && value !== undefined && isFkAction(value)) out[name] = value;
    else
      ctx.report(
        'warning',
        'fk-action-unknown',
        p,
        `${p.getText().slice(0, 60)} in the reference of ${key} is not kept`,
        'no action',
      );
  }
  return out;
}

/** A default the design can hold, or undefined. */
function defaultValue(ctx: ImportContext, parts: ColumnParts, node: Node, depth: number): ColumnDefault | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  if (Node.isTaggedTemplateExpression(n)) {
    const tag = n.getTag();
    const tpl = n.getTemplate();
    const tagName = Node.isIdentifier(tag) ? importedName(ctx, tag) : undefined;
    if (tagName === 'sql' && Node.isNoSubstitutionTemplateLiteral(tpl))
      return { kind: 'sql', sql: tpl.getLiteralValue() };
    return undefined;
  }
  if (Node.isIdentifier(n)) {
    if (n.getText() === 'undefined') return undefined;
    const r = resolveConst(ctx, n.getSourceFile(), n.getText());
    if (!r?.info.init) return undefined;
    const d = defaultValue(ctx, parts, r.info.init, depth + 1);
    if (d) useConst(ctx, r.info, n);
    return d;
  }
  if (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) {
    // `TaskStatus.TO_DO`, or a property of a shared const object.
    const obj = unwrap(n.getExpression());
    const memberKey = Node.isPropertyAccessExpression(n) ? n.getName() : stringValue(n.getArgumentExpression());
    if (!Node.isIdentifier(obj) || memberKey === undefined) return undefined;
    const r = resolveConst(ctx, obj.getSourceFile(), obj.getText());
    const e = r ? ctx.enumsByDecl.get(r.info.decl) : ctx.enumsByName.get(importedName(ctx, obj));
    // The last member with the key wins, as in the object at run time.
    const m = e?.members.findLast((x) => x.key === memberKey);
    if (m)
      return parts.mode === 'json'
        ? { kind: 'json', json: JSON.stringify(m.value) }
        : { kind: 'literal', value: m.value };
    const init = r?.info.init ? unwrap(r.info.init) : undefined;
    if (r && init && Node.isObjectLiteralExpression(init)) {
      const prop = init.getProperty((p) => Node.isPropertyAssignment(p) && propertyName(p.getNameNode()) === memberKey);
      const value = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
      const d = value ? defaultValue(ctx, parts, value, depth + 1) : undefined;
      if (d) useConst(ctx, r.info, n);
      return d;
    }
    return undefined;
  }
  const json = jsonValue(n);
  if (!json) return undefined;
  const v = json.value;
  if (parts.mode === 'json' || (v !== null && typeof v === 'object')) return { kind: 'json', json: JSON.stringify(v) };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: v };
  return undefined;
}
