/**
 * One column-builder expression (`text("name", { mode })`, `textEnum("name", Enum)`, a shared const, then a
 * chain of calls) read into its parts: type, SQL name, mode, enum and options.
 */
import { type ArrayLiteralExpression, Node } from 'ts-morph';
import type { ColumnMode, ColumnType, EnumDef } from '../../core/design';
import { toPascalCase } from '../../core/naming';
import { applyChainCall } from './column-calls';
import { type ColumnParts, type ImportContext, MAX_DEPTH, type TableInfo } from './context';
import { addEnum, enumNamed } from './enums';
import { uniqueKeys } from './helpers';
import { calleeName, constantString, resolveConst, unchain, useConst } from './symbols';
import { propertyName, stringRecord, stringValue, unwrap } from './values';

const BUILDERS: Record<string, ColumnType> = {
  text: 'text',
  integer: 'integer',
  int: 'integer',
  real: 'real',
  blob: 'blob',
  numeric: 'numeric',
};

function emptyParts(): ColumnParts {
  return {
    type: 'text',
    name: undefined,
    mode: null,
    enumId: null,
    enumForm: undefined,
    notNull: false,
    primaryKey: false,
    unique: false,
    uniqueName: undefined,
    default: null,
    tsType: undefined,
    tsTypeImports: [],
    references: undefined,
  };
}

export function columnParts(
  ctx: ImportContext,
  info: TableInfo,
  key: string,
  value: Node,
  depth: number,
): ColumnParts | undefined {
  const { base, calls } = unchain(ctx, value);
  if (Node.isIdentifier(base) && depth < MAX_DEPTH) {
    // A column built in a shared const: `id: idColumn` or `id: idColumn.notNull()`.
    const r = resolveConst(ctx, base.getSourceFile(), base.getText());
    if (r?.info.init) {
      useConst(ctx, r.info, base);
      const inner = columnParts(ctx, info, key, r.info.init, depth + 1);
      if (inner) for (const c of calls) applyChainCall(ctx, inner, c.name, c.call);
      return inner;
    }
  }
  if (!Node.isCallExpression(base)) {
    ctx.report(
      'warning',
      'column-not-understood',
      value,
      `column ${key} of table ${info.table.exportName} is not a column builder call`,
      'nothing',
    );
    return undefined;
  }
  const builder = calleeName(ctx, base) ?? base.getExpression().getText();
  const args = base.getArguments();
  const parts = emptyParts();
  const readName = (arg: Node | undefined): Node | undefined => {
    if (!arg) return undefined;
    const s = stringValue(arg);
    if (s !== undefined) {
      parts.name = s;
      return undefined;
    }
    if (Node.isObjectLiteralExpression(unwrap(arg))) return arg;
    const c = constantString(ctx, arg);
    if (c !== undefined) parts.name = c;
    else
      ctx.report(
        'warning',
        'column-name-not-literal',
        arg,
        `the SQL name of column ${key} is not a string literal`,
        `name "${key}" (the key, as drizzle does without a name)`,
      );
    return undefined;
  };
  if (builder === 'textEnum') {
    readName(args[0]);
    const enumArg = args[1];
    const e = enumArg ? enumArgument(ctx, info, key, enumArg) : undefined;
    if (e) parts.enumId = e.id;
    else
      ctx.report(
        'warning',
        'unknown-enum',
        enumArg ?? base,
        `the enum of column ${key} (${enumArg?.getText().slice(0, 60) ?? 'none'}) is not in the models file or tables.ts`,
        'a plain text column',
      );
    if (args[2])
      ctx.report(
        'warning',
        'text-enum-message',
        args[2],
        `the error message of textEnum column ${key} is not kept`,
        'textEnum without a message',
      );
  } else if (builder in BUILDERS) {
    parts.type = BUILDERS[builder] as ColumnType;
    const config = readName(args[0]) ?? args[1];
    if (config) readBuilderConfig(ctx, info, key, parts, config);
  } else {
    readName(args[0]);
    ctx.report(
      'warning',
      'unknown-column-builder',
      base,
      `column ${key} uses ${builder}(), which the studio does not know`,
      'a text column',
    );
  }
  for (const c of calls) applyChainCall(ctx, parts, c.name, c.call, key);
  return parts;
}

function enumArgument(ctx: ImportContext, info: TableInfo, key: string, node: Node): EnumDef | undefined {
  const n = unwrap(node);
  if (Node.isIdentifier(n)) return enumNamed(ctx, n);
  const members = stringRecord(n);
  if (!members) return undefined;
  const e = addEnum(ctx, toPascalCase(`${info.table.exportName}_${key}`), members, '');
  ctx.report(
    'info',
    'local-enum',
    node,
    `the enum of column ${key} is written inline; the studio names it ${e.name}, and writing into the module keeps it inline until the column changes`,
    `enum ${e.name}`,
  );
  return e;
}

function readBuilderConfig(ctx: ImportContext, info: TableInfo, key: string, parts: ColumnParts, config: Node): void {
  const obj = unwrap(config);
  if (!Node.isObjectLiteralExpression(obj)) {
    ctx.report(
      'warning',
      'column-option-not-kept',
      config,
      `the options of column ${key} are not an object literal`,
      'no options',
    );
    return;
  }
  for (const p of obj.getProperties()) {
    const name = Node.isPropertyAssignment(p) ? propertyName(p.getNameNode()) : undefined;
    const init = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    if (name === 'mode' && init) {
      readMode(ctx, key, parts, init);
    } else if (name === 'enum' && init && parts.type === 'text') {
      readValuesEnum(ctx, info, key, parts, init);
    } else {
      ctx.report(
        'warning',
        'column-option-not-kept',
        p,
        `option ${p.getText().slice(0, 60)} of column ${key} is not kept (it does not change the SQL)`,
        'the column without it',
      );
    }
  }
}

function readMode(ctx: ImportContext, key: string, parts: ColumnParts, init: Node): void {
  const mode = stringValue(init);
  const allowed: Record<ColumnType, string[]> = {
    text: ['json'],
    integer: ['boolean', 'timestamp', 'timestamp_ms'],
    blob: ['json'],
    real: [],
    numeric: [],
  };
  if (mode !== undefined && allowed[parts.type].includes(mode)) {
    parts.mode = mode as ColumnMode;
  } else if ((mode === 'number' && parts.type === 'integer') || (mode === 'text' && parts.type === 'text')) {
    ctx.report('info', 'mode-dropped', init, `mode "${mode}" of column ${key} is drizzle's default`, 'no mode');
  } else {
    ctx.report(
      'warning',
      'mode-not-kept',
      init,
      `mode ${init.getText().slice(0, 40)} of ${parts.type} column ${key} is not supported`,
      'no mode (same SQL)',
    );
  }
}

function readValuesEnum(ctx: ImportContext, info: TableInfo, key: string, parts: ColumnParts, init: Node): void {
  const arr = unwrap(init);
  const values: string[] = [];
  if (Node.isArrayLiteralExpression(arr)) {
    for (const el of (arr as ArrayLiteralExpression).getElements()) {
      const v = stringValue(el);
      if (v === undefined) break;
      values.push(v);
    }
  }
  if (!Node.isArrayLiteralExpression(arr) || values.length !== arr.getElements().length || values.length === 0) {
    ctx.report(
      'warning',
      'column-option-not-kept',
      init,
      `the enum values of column ${key} are not string literals`,
      'a plain text column',
    );
    return;
  }
  const name = toPascalCase(`${info.table.exportName}_${key}`);
  const existing = ctx.enumsByName.get(name);
  const same =
    existing && existing.members.length === values.length && existing.members.every((m, i) => m.value === values[i]);
  const e = same ? existing : addEnum(ctx, name, uniqueKeys(values), '');
  parts.enumId = e.id;
  parts.enumForm = 'values';
}
