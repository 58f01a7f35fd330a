/**
 * Which table and column of a drizzle schema file a place (line, column) falls in: the `sqliteTable("<name>", …)`
 * call around it and, inside its columns object, the property around it. Used to tie the importer's messages
 * ("check constraint … is not kept") to the differences they cause. The file is only parsed, never run.
 */
import { ts } from 'ts-morph';

/** A table (SQL name) and, when the place is inside one of its column properties, the column's SQL name. */
export interface SchemaPlace {
  table: string;
  column?: string;
}

interface TableSpan {
  name: string;
  start: number;
  end: number;
  columns: { name: string; start: number; end: number }[];
}

const stringValue = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** `text("role").notNull().default("x")` → `"role"`; a builder without a name uses the property key. */
function columnName(property: ts.PropertyAssignment): string | undefined {
  let node: ts.Expression = property.initializer;
  let innermost: ts.CallExpression | undefined;
  for (;;) {
    if (ts.isCallExpression(node)) {
      innermost = node;
      node = node.expression;
    } else if (ts.isPropertyAccessExpression(node)) node = node.expression;
    else break;
  }
  const named = stringValue(innermost?.arguments[0]);
  if (named !== undefined) return named;
  return ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
}

function tableSpans(source: ts.SourceFile): TableSpan[] {
  const out: TableSpan[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const name = stringValue(node.arguments[0]);
      if (/Table$/.test(fn) && name !== undefined) {
        const columnsArg = node.arguments[1];
        const columns: TableSpan['columns'] = [];
        if (columnsArg && ts.isObjectLiteralExpression(columnsArg)) {
          for (const p of columnsArg.properties) {
            const col = ts.isPropertyAssignment(p) ? columnName(p) : undefined;
            if (col !== undefined) columns.push({ name: col, start: p.getStart(source), end: p.getEnd() });
          }
        }
        out.push({ name, start: node.getStart(source), end: node.getEnd(), columns });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * A finder of places in one schema file.
 * @example schemaPlaces(text)(12, 5) // { table: 'MoLOS-Tasks_tasks', column: 'status' }
 */
export function schemaPlaces(text: string): (line: number, column: number) => SchemaPlace | null {
  const source = ts.createSourceFile('tables.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans = tableSpans(source);
  const starts = source.getLineStarts();
  return (line, column) => {
    const start = starts[line - 1];
    if (start === undefined) return null;
    const end = starts[line] ?? text.length;
    const pos = Math.min(start + Math.max(0, column - 1), Math.max(start, end - 1));
    const table = spans.find((s) => s.start <= pos && pos < s.end);
    if (!table) return null;
    const col = table.columns.find((c) => c.start <= pos && pos < c.end);
    return col ? { table: table.name, column: col.name } : { table: table.name };
  };
}
