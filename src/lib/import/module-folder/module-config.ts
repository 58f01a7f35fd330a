/**
 * The module's id, name and description as `src/config.ts` declares them for the host
 * (`export const moduleConfig = { id, name, description, … }`, typed, `satisfies ModuleConfig`, `as const`, or
 * `export default { … }`). The file is parsed, never run; only values written out as strings (or as a `const` of
 * a string in the same file) are read.
 */
import { Node, Project, type SourceFile as TsFile } from 'ts-morph';
import { propertyName, stringValue, unwrap } from '../tables-ts/values';
import type { ImportMessage, SourceFile } from '../types';

export interface ModuleConfigValues {
  id?: string;
  name?: string;
  description?: string;
  /** 1-based line of the `id` property, for a message about it. */
  idLine?: number;
}

/** Where the module config lives: the current layout's `src/config.ts` (the host requires it), or `lib/config.ts`. */
export const MODULE_CONFIG_PATHS = ['src/config.ts', 'lib/config.ts'];

const PREFERRED_NAMES = ['moduleConfig', 'config'];

/** The object literal an expression stands for: itself, a local const, or the first argument of a call. */
function objectOf(sf: TsFile, node: Node | undefined, depth = 0): Node | undefined {
  if (!node || depth > 4) return undefined;
  const n = unwrap(node);
  if (Node.isObjectLiteralExpression(n)) return n;
  if (Node.isIdentifier(n)) return objectOf(sf, sf.getVariableDeclaration(n.getText())?.getInitializer(), depth + 1);
  // `defineModule({ … })`
  if (Node.isCallExpression(n)) return objectOf(sf, n.getArguments()[0], depth + 1);
  return undefined;
}

/** The config object: the default export, else an exported const named moduleConfig or config, else the first exported object with an id or name. */
function configObject(sf: TsFile): Node | undefined {
  const assignment = sf.getExportAssignment((a) => !a.isExportEquals());
  const byDefault = assignment ? objectOf(sf, assignment.getExpression()) : undefined;
  if (byDefault) return byDefault;
  const exported = sf
    .getVariableStatements()
    .filter((st) => st.isExported())
    .flatMap((st) => st.getDeclarations())
    .map((d) => ({ name: d.getName(), obj: objectOf(sf, d.getInitializer()) }))
    .filter((x): x is { name: string; obj: Node } => x.obj !== undefined);
  for (const name of PREFERRED_NAMES) {
    const hit = exported.find((x) => x.name === name);
    if (hit) return hit.obj;
  }
  return exported.find(
    (x) => Node.isObjectLiteralExpression(x.obj) && (x.obj.getProperty('id') || x.obj.getProperty('name')),
  )?.obj;
}

/** A string written out, or a const of one declared in the same file. */
function stringOf(sf: TsFile, node: Node | undefined): string | undefined {
  const direct = stringValue(node);
  if (direct !== undefined || !node) return direct;
  const n = unwrap(node);
  return Node.isIdentifier(n) ? stringValue(sf.getVariableDeclaration(n.getText())?.getInitializer()) : undefined;
}

/**
 * Reads id, name and description from a module's `src/config.ts`; a file that cannot be parsed gives a warning
 * and no values.
 * @example readModuleConfig({ path: 'src/config.ts', text: "export const moduleConfig = { id: 'MoLOS-X', name: 'X' };" }, [])
 * // { id: 'MoLOS-X', name: 'X', idLine: 1 }
 */
export function readModuleConfig(file: SourceFile, messages: ImportMessage[]): ModuleConfigValues {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
  const sf = project.createSourceFile('/config.ts', file.text);
  const parseErrors = (sf.compilerNode as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  if (parseErrors.length > 0) {
    messages.push({
      severity: 'warning',
      code: 'module-config',
      file: file.path,
      line: 0,
      column: 0,
      message: `${file.path} has syntax errors; the module name and description are not read from it`,
    });
    return {};
  }
  const obj = configObject(sf);
  if (!obj || !Node.isObjectLiteralExpression(obj)) return {};
  const out: ModuleConfigValues = {};
  for (const p of obj.getProperties()) {
    if (!Node.isPropertyAssignment(p)) continue;
    const key = propertyName(p.getNameNode());
    if (key !== 'id' && key !== 'name' && key !== 'description') continue;
    const value = stringOf(sf, p.getInitializer())?.trim();
    if (!value) continue;
    out[key] = value;
    if (key === 'id') out.idLine = sf.getLineAndColumnAtPos(p.getStart()).line;
  }
  return out;
}
