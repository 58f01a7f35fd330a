/**
 * Reads an existing module's `tables.ts` (and its models file) into a design. The code is parsed with ts-morph
 * in an in-memory project and never run: every value the design needs must be written out in the code (or in a
 * `const` the code names). Whatever the design cannot hold is reported with its place and what was kept.
 */
import {
  type ArrayLiteralExpression,
  type CallExpression,
  Node,
  Project,
  type SourceFile as TsFile,
  type VariableDeclaration,
  type VariableStatement,
  ts,
} from 'ts-morph';
import {
  type Column,
  type ColumnDefault,
  type ColumnMode,
  type ColumnType,
  type Design,
  type EnumDef,
  type FkAction,
  FK_ACTIONS,
  type Index,
  type Layout,
  type Relation,
  type Table,
  emptyDesign,
} from '../../core/design';
import { toConstantCase, toPascalCase, uniqueName } from '../../core/naming';
import type { ImportMessage, ImportOptions, ImportOutcome, SourceFile, SuggestedRelation } from '../types';
import { leadingComment, trailingComment } from './comments';
import { isAsConst, jsonValue, propertyName, stringRecord, stringValue, unwrap } from './values';
import { suggestRelations } from './suggest';

export interface TablesTsInput {
  tables: SourceFile;
  models?: SourceFile;
  others?: SourceFile[];
}

const BUILDERS: Record<string, ColumnType> = {
  text: 'text',
  integer: 'integer',
  int: 'integer',
  real: 'real',
  blob: 'blob',
  numeric: 'numeric',
};
const GRID_COLUMNS = 5;
const MAX_DEPTH = 8;

/** The note the generator writes on a logical relation's column; read back into the relation. */
const LOGICAL_NOTE =
  /^Logical relation to (.+)\.([^.\s]+) \(no foreign key(?:; on delete ([a-z ]+?))?(?:; on update ([a-z ]+?))?\)\.$/;

/**
 * A fresh in-memory project per import: dropping it whole is much cheaper than forgetting every node of a large
 * file one by one in a shared project.
 */
function newProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
}

interface ConstInfo {
  decl: VariableDeclaration;
  statement: VariableStatement;
  init: Node | undefined;
}

interface ImportInfo {
  module: string;
  /** The imported name, or `*` for a namespace import. */
  name: string;
}

interface TableInfo {
  table: Table;
  sf: TsFile;
  call: CallExpression;
  decl: VariableDeclaration;
  fullName: string;
  columns: Map<string, Column>;
  /** Column-level `.unique("name")` and table-level `unique().on()`, placed around the indexes as drizzle-kit orders them. */
  namedUniques: Index[];
  uniqueConstraints: Index[];
}

interface PendingRelation {
  table: TableInfo;
  column: Column;
  /** `other.id` (or `other["id"]`). */
  target: Node;
  onDelete: FkAction | null;
  onUpdate: FkAction | null;
  node: Node;
}

/** What a column-builder expression says, before it is attached to a table. */
interface ColumnParts {
  type: ColumnType;
  name: string | undefined;
  mode: ColumnMode | null;
  enumId: string | null;
  enumForm: 'values' | undefined;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  uniqueName: string | undefined;
  default: ColumnDefault | null;
  tsType: string | undefined;
  references: { target: Node; onDelete: FkAction | null; onUpdate: FkAction | null; node: Node } | undefined;
}

class TablesTsImporter {
  readonly messages: ImportMessage[] = [];
  readonly design: Design;
  private readonly paths = new Map<TsFile, string>();
  private readonly consts = new Map<TsFile, Map<string, ConstInfo>>();
  private readonly imports = new Map<TsFile, Map<string, ImportInfo>>();
  private readonly exportedNames = new Map<TsFile, Map<string, string[]>>();
  private readonly enumsByName = new Map<string, EnumDef>();
  private readonly enumsByDecl = new Map<Node, EnumDef>();
  private readonly usedConsts = new Set<VariableDeclaration>();
  private readonly tables: TableInfo[] = [];
  private readonly tablesByBinding = new Map<string, TableInfo>();
  private readonly pending: PendingRelation[] = [];
  private readonly logicalNotes: {
    table: TableInfo;
    column: Column;
    target: string;
    targetColumn: string;
    onDelete: FkAction | null;
    onUpdate: FkAction | null;
    line: string;
  }[] = [];
  private readonly taken = new Set<string>();
  private readonly columnNodes = new Map<string, Node>();
  private readonly files: TsFile[] = [];
  private tablesFile!: TsFile;
  private modelsFile: TsFile | undefined;

  constructor(private readonly opts: ImportOptions) {
    this.design = emptyDesign({ id: opts.moduleId ?? 'MoLOS-MyModule', layout: opts.layout ?? 'legacy' });
  }

  // ---------------------------------------------------------------- messages

  private place(node: Node): { file: string; line: number; column: number } {
    const sf = node.getSourceFile();
    const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
    return { file: this.paths.get(sf) ?? sf.getBaseName(), line, column };
  }

  private report(severity: ImportMessage['severity'], code: string, node: Node, message: string, kept?: string): void {
    this.messages.push({ severity, code, ...this.place(node), message, ...(kept ? { kept } : {}) });
  }

  private newId(base: string): string {
    const id = uniqueName(base, (x) => this.taken.has(x));
    this.taken.add(id);
    return id;
  }

  // ---------------------------------------------------------------- files and symbols

  /** Parses every input file; returns false (with messages) when one has syntax errors. */
  load(input: TablesTsInput): boolean {
    const p = newProject();
    const add = (file: SourceFile, i: number): TsFile => {
      const sf = p.createSourceFile(`/import/${i}.ts`, file.text, { overwrite: true });
      this.paths.set(sf, file.path);
      this.files.push(sf);
      return sf;
    };
    this.tablesFile = add(input.tables, 0);
    if (input.models) this.modelsFile = add(input.models, 1);
    (input.others ?? []).forEach((f, i) => add(f, i + 2));
    let ok = true;
    for (const sf of this.files) {
      const diagnostics =
        (sf.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
      for (const d of diagnostics.slice(0, 5)) {
        ok = false;
        const pos = sf.compilerNode.getLineAndCharacterOfPosition(d.start ?? 0);
        this.messages.push({
          severity: 'error',
          code: 'syntax-error',
          file: this.paths.get(sf) ?? '',
          line: pos.line + 1,
          column: pos.character + 1,
          message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        });
      }
    }
    if (ok) for (const sf of this.files) this.indexSymbols(sf);
    return ok;
  }

  private indexSymbols(sf: TsFile): void {
    const consts = new Map<string, ConstInfo>();
    const imports = new Map<string, ImportInfo>();
    const exported = new Map<string, string[]>();
    const exportAs = (local: string, as: string) => exported.set(local, [...(exported.get(local) ?? []), as]);
    for (const st of sf.getStatements()) {
      if (Node.isImportDeclaration(st)) {
        const module = st.getModuleSpecifierValue();
        const def = st.getDefaultImport();
        if (def) imports.set(def.getText(), { module, name: 'default' });
        const ns = st.getNamespaceImport();
        if (ns) imports.set(ns.getText(), { module, name: '*' });
        for (const n of st.getNamedImports())
          imports.set(n.getAliasNode()?.getText() ?? n.getName(), { module, name: n.getName() });
      } else if (Node.isVariableStatement(st)) {
        for (const decl of st.getDeclarations()) {
          const nameNode = decl.getNameNode();
          if (!Node.isIdentifier(nameNode)) continue;
          consts.set(nameNode.getText(), { decl, statement: st, init: decl.getInitializer() });
          if (st.isExported()) exportAs(nameNode.getText(), nameNode.getText());
        }
      } else if (Node.isExportDeclaration(st) && !st.getModuleSpecifier()) {
        for (const s of st.getNamedExports()) exportAs(s.getName(), s.getAliasNode()?.getText() ?? s.getName());
      }
    }
    this.consts.set(sf, consts);
    this.imports.set(sf, imports);
    this.exportedNames.set(sf, exported);
  }

  /** A top-level `const` named `name` as seen from `sf`: its own, or an imported one from another input file. */
  private resolveConst(sf: TsFile, name: string): { info: ConstInfo; sf: TsFile } | undefined {
    const own = this.consts.get(sf)?.get(name);
    if (own) return { info: own, sf };
    const imported = this.imports.get(sf)?.get(name);
    const target = imported && imported.name !== '*' && imported.name !== 'default' ? imported.name : undefined;
    if (!target) return undefined;
    for (const other of this.files) {
      if (other === sf) continue;
      const info = this.consts.get(other)?.get(target);
      if (info) return { info, sf: other };
    }
    return undefined;
  }

  /** What a called function is: `sqliteTable`, `text`, ... (following import aliases and namespace imports). */
  private calleeName(call: CallExpression): string | undefined {
    const callee = call.getExpression();
    const sf = call.getSourceFile();
    if (Node.isIdentifier(callee)) {
      const imp = this.imports.get(sf)?.get(callee.getText());
      return imp && imp.name !== '*' && imp.name !== 'default' ? imp.name : callee.getText();
    }
    if (Node.isPropertyAccessExpression(callee) && this.isNamespace(callee.getExpression())) return callee.getName();
    return undefined;
  }

  private isNamespace(node: Node): boolean {
    return Node.isIdentifier(node) && this.imports.get(node.getSourceFile())?.get(node.getText())?.name === '*';
  }

  /** Follows a chain `base(...).a(...).b(...)` down to its base; returns the base and the calls in source order. */
  private unchain(expr: Node): { base: Node; calls: { name: string; call: CallExpression }[] } {
    const calls: { name: string; call: CallExpression }[] = [];
    let e = unwrap(expr);
    while (Node.isCallExpression(e)) {
      const callee = e.getExpression();
      if (Node.isPropertyAccessExpression(callee) && !this.isNamespace(callee.getExpression())) {
        calls.unshift({ name: callee.getName(), call: e });
        e = unwrap(callee.getExpression());
      } else break;
    }
    return { base: e, calls };
  }

  private isExported(sf: TsFile, name: string): boolean {
    return (this.exportedNames.get(sf)?.get(name)?.length ?? 0) > 0;
  }

  // ---------------------------------------------------------------- enums

  private addEnum(name: string, members: { key: string; value: string }[], comment: string, decl?: Node): EnumDef {
    const enumName = uniqueName(name, (n) => this.enumsByName.has(n));
    const e: EnumDef = {
      id: this.newId(`e_${enumName}`),
      name: enumName,
      comment,
      members: members.map((m) => ({ id: this.newId(`m_${enumName}_${m.key}`), key: m.key, value: m.value })),
    };
    this.design.enums[e.id] = e;
    this.enumsByName.set(enumName, e);
    if (decl) this.enumsByDecl.set(decl, e);
    return e;
  }

  /** The enum a `const X = { ... } as const` declares, created on first use. */
  private enumOfConst(info: ConstInfo, sf: TsFile, node: Node): EnumDef | undefined {
    const known = this.enumsByDecl.get(info.decl);
    if (known) return known;
    const members = info.init ? stringRecord(info.init) : undefined;
    if (!members) return undefined;
    this.usedConsts.add(info.decl);
    const e = this.addEnum(info.decl.getName(), members, leadingComment(info.statement), info.decl);
    if (sf !== this.modelsFile)
      this.report(
        'info',
        'local-enum',
        node,
        `enum ${e.name} is declared in ${this.paths.get(sf)}; the studio writes it to the models file`,
        `enum ${e.name} with ${e.members.length} values`,
      );
    return e;
  }

  /** The enum an identifier names (models file, a local `as const` object, or another input file). */
  private enumNamed(node: Node): EnumDef | undefined {
    if (!Node.isIdentifier(node)) return undefined;
    const sf = node.getSourceFile();
    const resolved = this.resolveConst(sf, node.getText());
    if (resolved) return this.enumOfConst(resolved.info, resolved.sf, node);
    const imp = this.imports.get(sf)?.get(node.getText());
    return this.enumsByName.get(imp && imp.name !== '*' ? imp.name : node.getText());
  }

  /** Reads the models file: enums as `export const X = { ... } as const`; reports what the studio will not keep. */
  readModels(): void {
    const sf = this.modelsFile;
    if (!sf) return;
    for (const st of sf.getStatements()) {
      if (Node.isImportDeclaration(st)) continue;
      if (Node.isExportDeclaration(st) && st.getNamedExports().length === 0 && !st.getModuleSpecifier()) continue;
      if (Node.isVariableStatement(st)) {
        for (const decl of st.getDeclarations()) {
          const info = this.consts.get(sf)?.get(decl.getName());
          if (info && this.enumOfConst(info, sf, decl)) continue;
          this.report(
            'warning',
            'models-not-kept',
            decl,
            `${decl.getName()} in the models file is not an enum (a const object of strings); the studio writes the models file with its enums only`,
            'nothing',
          );
        }
        continue;
      }
      if (Node.isEnumDeclaration(st)) {
        this.tsEnum(st);
        continue;
      }
      if (Node.isTypeAliasDeclaration(st) && this.enumsByName.has(st.getName())) continue;
      this.report(
        'warning',
        'models-not-kept',
        st,
        `${describeStatement(st)} in the models file is not an enum; the studio writes the models file with its enums only`,
        'nothing',
      );
    }
  }

  private tsEnum(st: Node): void {
    if (!Node.isEnumDeclaration(st)) return;
    const members: { key: string; value: string }[] = [];
    for (const m of st.getMembers()) {
      const value = stringValue(m.getInitializer());
      const key = propertyName(m.getNameNode());
      if (value === undefined || key === undefined) {
        this.report(
          'warning',
          'enum-not-understood',
          st,
          `TypeScript enum ${st.getName()} has a member without a string value; it is not kept`,
          'nothing',
        );
        return;
      }
      members.push({ key, value });
    }
    const e = this.addEnum(st.getName(), members, leadingComment(st), st);
    this.report(
      'warning',
      'ts-enum',
      st,
      `${e.name} is a TypeScript enum; MoLOS modules use a const object with a same-named type`,
      `enum ${e.name}, written as a const object`,
    );
  }

  // ---------------------------------------------------------------- tables

  /** Finds the `sqliteTable(...)` declarations of a file (tables.ts or another schema file). */
  collectTables(sf: TsFile): void {
    const isTables = sf === this.tablesFile;
    for (const st of sf.getStatements()) {
      if (Node.isVariableStatement(st)) {
        for (const decl of st.getDeclarations()) this.classifyDeclaration(sf, st, decl, isTables);
      } else if (Node.isEnumDeclaration(st)) {
        if (isTables) this.tsEnum(st);
      } else if (isTables) {
        this.classifyOtherStatement(st);
      }
    }
  }

  private classifyDeclaration(sf: TsFile, st: VariableStatement, decl: VariableDeclaration, isTables: boolean): void {
    const init = decl.getInitializer();
    const nameNode = decl.getNameNode();
    if (!Node.isIdentifier(nameNode)) {
      if (isTables)
        this.report('warning', 'statement-not-kept', decl, 'a destructuring declaration is not kept', 'nothing');
      return;
    }
    const name = nameNode.getText();
    const value = init ? unwrap(init) : undefined;
    const base = value ? this.unchain(value).base : undefined;
    if (value && base && Node.isCallExpression(value) && Node.isCallExpression(base)) {
      const callee = value === base ? this.calleeName(value) : this.calleeName(base);
      if (callee === 'sqliteTable' && value === base) {
        this.addTable(sf, st, decl, value);
        return;
      }
      if (!isTables) return;
      if (callee === 'relations') {
        this.usedConsts.add(decl);
        this.report(
          'warning',
          'relations-not-kept',
          decl,
          `relations() (${name}) is not used by MoLOS modules; foreign keys come from .references()`,
          'nothing',
        );
        return;
      }
      if (callee === 'sqliteView' || callee === 'view') {
        this.usedConsts.add(decl);
        this.report('warning', 'view-not-kept', decl, `view ${name} cannot be designed in the studio`, 'nothing');
        return;
      }
    }
    // Local enums are created here so their order follows the file; aliases and constants are settled later.
    if (isTables && init && isAsConst(init) && stringRecord(init)) {
      const info = this.consts.get(sf)?.get(name);
      if (info) this.enumOfConst(info, sf, decl);
    }
  }

  private classifyOtherStatement(st: Node): void {
    if (Node.isImportDeclaration(st)) return;
    if (Node.isExportDeclaration(st) && !st.getModuleSpecifier()) return;
    if ((Node.isTypeAliasDeclaration(st) || Node.isInterfaceDeclaration(st)) && this.enumsByName.has(st.getName()))
      return;
    if (Node.isExpressionStatement(st)) {
      const e = unwrap(st.getExpression());
      if (Node.isCallExpression(e) && this.calleeName(e) === 'sqliteTable') {
        this.report('warning', 'table-not-kept', st, 'a table that is not assigned to a const is not kept', 'nothing');
        return;
      }
    }
    this.report(
      'warning',
      'statement-not-kept',
      st,
      `${describeStatement(st)} is not kept: the studio writes tables.ts with tables, aliases and enum re-exports only`,
      'nothing',
    );
  }

  private addTable(sf: TsFile, st: VariableStatement, decl: VariableDeclaration, call: CallExpression): void {
    const binding = decl.getName();
    const args = call.getArguments();
    this.usedConsts.add(decl);
    let fullName = stringValue(args[0]);
    if (fullName === undefined) {
      fullName = args[0] ? this.constantString(args[0]) : undefined;
      if (fullName === undefined) {
        this.report(
          'warning',
          'table-name-not-literal',
          args[0] ?? call,
          `the name of table ${binding} is not a string literal`,
          'nothing: the table is not imported',
        );
        return;
      }
      this.report(
        'warning',
        'table-name-not-literal',
        args[0] ?? call,
        `the name of table ${binding} is not a plain string literal; the MoLOS host finds table names with a regex over the file`,
        `name "${fullName}", written as a literal`,
      );
    }
    if (this.tablesByBinding.has(binding)) {
      this.report('warning', 'duplicate-binding', decl, `${binding} is declared twice`, 'the first one');
      return;
    }
    if (!this.isExported(sf, binding))
      this.report(
        'warning',
        'table-not-exported',
        decl,
        `table ${binding} is not exported, so drizzle-kit does not see it`,
        `table ${binding}, exported`,
      );
    const table: Table = {
      id: '',
      name: fullName,
      exportName: binding,
      comment: st.getDeclarations().length === 1 ? leadingComment(st) : '',
      position: { x: 0, y: 0 },
      columnIds: [],
      indexIds: [],
    };
    const info: TableInfo = {
      table,
      sf,
      call,
      decl,
      fullName,
      columns: new Map(),
      namedUniques: [],
      uniqueConstraints: [],
    };
    this.tables.push(info);
    this.tablesByBinding.set(binding, info);
    this.usedConsts.add(decl);
  }

  /** A string from a const or a template whose parts are string consts; undefined otherwise. */
  private constantString(node: Node, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    const s = stringValue(n);
    if (s !== undefined) return s;
    if (Node.isIdentifier(n)) {
      const r = this.resolveConst(n.getSourceFile(), n.getText());
      if (!r?.info.init) return undefined;
      const v = this.constantString(r.info.init, depth + 1);
      if (v !== undefined) this.usedConsts.add(r.info.decl);
      return v;
    }
    if (Node.isTemplateExpression(n)) {
      let out = n.getHead().getLiteralText();
      for (const span of n.getTemplateSpans()) {
        const part = this.constantString(span.getExpression(), depth + 1);
        if (part === undefined) return undefined;
        out += part + span.getLiteral().getLiteralText();
      }
      return out;
    }
    return undefined;
  }

  /** Settles the module id and the table names without the prefix, then gives every table its id. */
  settleModule(): void {
    let moduleId = this.opts.moduleId;
    if (!moduleId) {
      const first = this.tables.find((t) => t.fullName.includes('_'));
      moduleId = first ? first.fullName.slice(0, first.fullName.indexOf('_')) : undefined;
      if (!moduleId && this.tables[0])
        this.report(
          'warning',
          'module-id-missing',
          this.tables[0].call,
          'no table name has the form <ModuleId>_<name>, so the module id is unknown',
          `module id ${this.design.module.id}`,
        );
    }
    if (moduleId) this.design.module.id = moduleId;
    const prefix = `${this.design.module.id}_`;
    this.tables.forEach((info, i) => {
      const t = info.table;
      if (info.fullName.startsWith(prefix) && info.fullName.length > prefix.length) {
        t.name = info.fullName.slice(prefix.length);
      } else {
        this.report(
          'warning',
          'table-prefix',
          info.call.getArguments()[0] ?? info.call,
          `table "${info.fullName}" does not start with the module prefix "${prefix}"`,
          `table "${prefix}${info.fullName}"`,
        );
        t.name = info.fullName;
      }
      t.id = this.newId(`t_${t.name}`);
      t.position = { x: (i % GRID_COLUMNS) * 360, y: Math.floor(i / GRID_COLUMNS) * 440 };
      this.design.tables[t.id] = t;
    });
  }

  // ---------------------------------------------------------------- columns

  readColumns(info: TableInfo): void {
    const arg = info.call.getArguments()[1];
    if (!arg) {
      this.report('warning', 'columns-not-literal', info.call, `table ${info.table.exportName} has no columns`);
      return;
    }
    const obj = this.objectLiteral(arg);
    if (!obj) {
      this.report(
        'warning',
        'columns-not-literal',
        arg,
        `the columns of table ${info.table.exportName} are not an object literal`,
        'the table without columns',
      );
      return;
    }
    this.readColumnProperties(info, obj, 0);
  }

  /** An object literal, directly or through a const. */
  private objectLiteral(node: Node): Node | undefined {
    const n = unwrap(node);
    if (Node.isObjectLiteralExpression(n)) return n;
    if (Node.isIdentifier(n)) {
      const r = this.resolveConst(n.getSourceFile(), n.getText());
      const init = r?.info.init ? unwrap(r.info.init) : undefined;
      if (r && init && Node.isObjectLiteralExpression(init)) {
        this.useConst(r.info, n);
        return init;
      }
    }
    return undefined;
  }

  private useConst(info: ConstInfo, at: Node): void {
    if (this.usedConsts.has(info.decl)) return;
    this.usedConsts.add(info.decl);
    this.report(
      'info',
      'constant-inlined',
      at,
      `shared constant ${info.decl.getName()} is written out where it is used`,
      `its value`,
    );
  }

  private readColumnProperties(info: TableInfo, obj: Node, depth: number): void {
    if (!Node.isObjectLiteralExpression(obj)) return;
    for (const p of obj.getProperties()) {
      if (Node.isPropertyAssignment(p)) {
        const key = propertyName(p.getNameNode());
        const init = p.getInitializer();
        if (key === undefined || !init) {
          this.report(
            'warning',
            'computed-key',
            p,
            `a column with a computed key in table ${info.table.exportName} is not kept`,
            'nothing',
          );
          continue;
        }
        this.addColumn(info, key, init, p);
      } else if (Node.isShorthandPropertyAssignment(p)) {
        const r = this.resolveConst(p.getSourceFile(), p.getName());
        if (r?.info.init) {
          this.useConst(r.info, p);
          this.addColumn(info, p.getName(), r.info.init, p);
        } else
          this.report('warning', 'column-not-understood', p, `column ${p.getName()} has no readable value`, 'nothing');
      } else if (Node.isSpreadAssignment(p)) {
        const inner = depth < MAX_DEPTH ? this.objectLiteral(p.getExpression()) : undefined;
        if (inner) this.readColumnProperties(info, inner, depth + 1);
        else
          this.report(
            'warning',
            'spread-not-kept',
            p,
            `the columns spread from ${p.getExpression().getText().slice(0, 60)} cannot be read without running code`,
            'nothing',
          );
      } else {
        this.report(
          'warning',
          'column-not-understood',
          p,
          `${p.getKindName()} in a columns object is not kept`,
          'nothing',
        );
      }
    }
  }

  private addColumn(info: TableInfo, key: string, value: Node, prop: Node): void {
    const parts = this.columnParts(info, key, value, 0);
    if (!parts) return;
    const name = parts.name ?? key;
    if (info.columns.has(key)) {
      this.report(
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
      id: this.newId(`c_${info.table.name}_${name}`),
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
        this.logicalNotes.push({
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
    this.design.columns[col.id] = col;
    this.columnNodes.set(col.id, prop);
    info.table.columnIds.push(col.id);
    info.columns.set(key, col);
    if (parts.uniqueName) {
      const ix: Index = {
        id: this.newId(`i_${parts.uniqueName}`),
        tableId: info.table.id,
        name: parts.uniqueName,
        columnIds: [col.id],
        unique: true,
      };
      info.namedUniques.push(ix);
    }
    if (parts.references) this.pending.push({ table: info, column: col, ...parts.references });
  }

  private columnParts(info: TableInfo, key: string, value: Node, depth: number): ColumnParts | undefined {
    const { base, calls } = this.unchain(value);
    if (Node.isIdentifier(base) && depth < MAX_DEPTH) {
      // A column built in a shared const: `id: idColumn` or `id: idColumn.notNull()`.
      const r = this.resolveConst(base.getSourceFile(), base.getText());
      if (r?.info.init) {
        this.useConst(r.info, base);
        const inner = this.columnParts(info, key, r.info.init, depth + 1);
        if (inner) for (const c of calls) this.applyChainCall(inner, c.name, c.call);
        return inner;
      }
    }
    if (!Node.isCallExpression(base)) {
      this.report(
        'warning',
        'column-not-understood',
        value,
        `column ${key} of table ${info.table.exportName} is not a column builder call`,
        'nothing',
      );
      return undefined;
    }
    const builder = this.calleeName(base) ?? base.getExpression().getText();
    const args = base.getArguments();
    const parts: ColumnParts = {
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
      references: undefined,
    };
    const readName = (arg: Node | undefined): Node | undefined => {
      if (!arg) return undefined;
      const s = stringValue(arg);
      if (s !== undefined) {
        parts.name = s;
        return undefined;
      }
      if (Node.isObjectLiteralExpression(unwrap(arg))) return arg;
      const c = this.constantString(arg);
      if (c !== undefined) parts.name = c;
      else
        this.report(
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
      const e = enumArg ? this.enumArgument(info, key, enumArg) : undefined;
      if (e) parts.enumId = e.id;
      else
        this.report(
          'warning',
          'unknown-enum',
          enumArg ?? base,
          `the enum of column ${key} (${enumArg?.getText().slice(0, 60) ?? 'none'}) is not in the models file or tables.ts`,
          'a plain text column',
        );
      if (args[2])
        this.report(
          'warning',
          'text-enum-message',
          args[2],
          `the error message of textEnum column ${key} is not kept`,
          'textEnum without a message',
        );
    } else if (builder in BUILDERS) {
      parts.type = BUILDERS[builder] as ColumnType;
      const config = readName(args[0]) ?? args[1];
      if (config) this.readBuilderConfig(info, key, parts, config);
    } else {
      readName(args[0]);
      this.report(
        'warning',
        'unknown-column-builder',
        base,
        `column ${key} uses ${builder}(), which the studio does not know`,
        'a text column',
      );
    }
    for (const c of calls) this.applyChainCall(parts, c.name, c.call, key);
    return parts;
  }

  private enumArgument(info: TableInfo, key: string, node: Node): EnumDef | undefined {
    const n = unwrap(node);
    if (Node.isIdentifier(n)) return this.enumNamed(n);
    const members = stringRecord(n);
    if (!members) return undefined;
    const e = this.addEnum(toPascalCase(`${info.table.exportName}_${key}`), members, '');
    this.report(
      'info',
      'local-enum',
      node,
      `the enum of column ${key} is written inline; the studio names it ${e.name} and writes it to the models file`,
      `enum ${e.name}`,
    );
    return e;
  }

  private readBuilderConfig(info: TableInfo, key: string, parts: ColumnParts, config: Node): void {
    const obj = unwrap(config);
    if (!Node.isObjectLiteralExpression(obj)) {
      this.report(
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
        this.readMode(key, parts, init);
      } else if (name === 'enum' && init && parts.type === 'text') {
        this.readValuesEnum(info, key, parts, init);
      } else {
        this.report(
          'warning',
          'column-option-not-kept',
          p,
          `option ${p.getText().slice(0, 60)} of column ${key} is not kept (it does not change the SQL)`,
          'the column without it',
        );
      }
    }
  }

  private readMode(key: string, parts: ColumnParts, init: Node): void {
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
      this.report('info', 'mode-dropped', init, `mode "${mode}" of column ${key} is drizzle's default`, 'no mode');
    } else {
      this.report(
        'warning',
        'mode-not-kept',
        init,
        `mode ${init.getText().slice(0, 40)} of ${parts.type} column ${key} is not supported`,
        'no mode (same SQL)',
      );
    }
  }

  private readValuesEnum(info: TableInfo, key: string, parts: ColumnParts, init: Node): void {
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
      this.report(
        'warning',
        'column-option-not-kept',
        init,
        `the enum values of column ${key} are not string literals`,
        'a plain text column',
      );
      return;
    }
    const name = toPascalCase(`${info.table.exportName}_${key}`);
    const existing = this.enumsByName.get(name);
    const same =
      existing && existing.members.length === values.length && existing.members.every((m, i) => m.value === values[i]);
    const e = same ? existing : this.addEnum(name, uniqueKeys(values), '');
    parts.enumId = e.id;
    parts.enumForm = 'values';
  }

  private applyChainCall(parts: ColumnParts, name: string, call: CallExpression, key = ''): void {
    const args = call.getArguments();
    switch (name) {
      case 'notNull':
        parts.notNull = true;
        return;
      case 'primaryKey': {
        parts.primaryKey = true;
        const opts = args[0] ? unwrap(args[0]) : undefined;
        if (opts)
          this.report(
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
          this.report(
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
        const d = args[0] ? this.defaultValue(parts, args[0], 0) : undefined;
        if (d) parts.default = d;
        else
          this.report(
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
          this.report(
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
        if (t) parts.tsType = dedent(t.getText());
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
          this.report(
            'warning',
            'reference-not-understood',
            call,
            `the reference of column ${key} is not () => table.column`,
            'a plain column',
          );
          return;
        }
        const actions = this.fkActions(args[1], key);
        parts.references = { target, ...actions, node: call };
        return;
      }
      case '$onUpdate':
      case '$onUpdateFn':
        this.report(
          'warning',
          'on-update-not-kept',
          call,
          `${name} of column ${key} runs in the app and is not kept`,
          'the column without it (no SQL change)',
        );
        return;
      case 'generatedAlwaysAs':
        this.report(
          'warning',
          'generated-not-kept',
          call,
          `generated column ${key} is not supported`,
          'a plain column',
        );
        return;
      default:
        this.report(
          'warning',
          'unknown-column-method',
          call,
          `.${name}() on column ${key} is not kept`,
          'the column without it',
        );
    }
  }

  private fkActions(node: Node | undefined, key: string): { onDelete: FkAction | null; onUpdate: FkAction | null } {
    const out: { onDelete: FkAction | null; onUpdate: FkAction | null } = { onDelete: null, onUpdate: null };
    if (!node) return out;
    const obj = unwrap(node);
    if (!Node.isObjectLiteralExpression(obj)) {
      this.report(
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
        this.report(
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
  private defaultValue(parts: ColumnParts, node: Node, depth: number): ColumnDefault | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    if (Node.isTaggedTemplateExpression(n)) {
      const tag = n.getTag();
      const tpl = n.getTemplate();
      const tagName = Node.isIdentifier(tag) ? this.importedName(tag) : undefined;
      if (tagName === 'sql' && Node.isNoSubstitutionTemplateLiteral(tpl))
        return { kind: 'sql', sql: tpl.getLiteralValue() };
      return undefined;
    }
    if (Node.isIdentifier(n)) {
      if (n.getText() === 'undefined') return undefined;
      const r = this.resolveConst(n.getSourceFile(), n.getText());
      if (!r?.info.init) return undefined;
      const d = this.defaultValue(parts, r.info.init, depth + 1);
      if (d) this.useConst(r.info, n);
      return d;
    }
    if (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) {
      // `TaskStatus.TO_DO`, or a property of a shared const object.
      const obj = unwrap(n.getExpression());
      const memberKey = Node.isPropertyAccessExpression(n) ? n.getName() : stringValue(n.getArgumentExpression());
      if (!Node.isIdentifier(obj) || memberKey === undefined) return undefined;
      const r = this.resolveConst(obj.getSourceFile(), obj.getText());
      const e = r ? this.enumsByDecl.get(r.info.decl) : this.enumsByName.get(this.importedName(obj));
      // The last member with the key wins, as in the object at run time.
      const m = e?.members.findLast((x) => x.key === memberKey);
      if (m)
        return parts.mode === 'json'
          ? { kind: 'json', json: JSON.stringify(m.value) }
          : { kind: 'literal', value: m.value };
      const init = r?.info.init ? unwrap(r.info.init) : undefined;
      if (r && init && Node.isObjectLiteralExpression(init)) {
        const prop = init.getProperty(
          (p) => Node.isPropertyAssignment(p) && propertyName(p.getNameNode()) === memberKey,
        );
        const value = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
        const d = value ? this.defaultValue(parts, value, depth + 1) : undefined;
        if (d) this.useConst(r.info, n);
        return d;
      }
      return undefined;
    }
    const json = jsonValue(n);
    if (!json) return undefined;
    const v = json.value;
    if (parts.mode === 'json' || (v !== null && typeof v === 'object'))
      return { kind: 'json', json: JSON.stringify(v) };
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: v };
    return undefined;
  }

  private importedName(id: Node): string {
    const imp = this.imports.get(id.getSourceFile())?.get(id.getText());
    return imp && imp.name !== '*' ? imp.name : id.getText();
  }

  // ---------------------------------------------------------------- indexes and table-level constraints

  readTableExtras(info: TableInfo): void {
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
        this.report(
          'info',
          'index-object-form',
          body,
          `the indexes of table ${info.table.exportName} use the object form, deprecated since drizzle-orm 0.41`,
          'the same indexes, written in the array form',
        );
        items = [];
        for (const p of body.getProperties()) {
          if (Node.isPropertyAssignment(p) && p.getInitializer()) items.push(p.getInitializer() as Node);
          else this.report('warning', 'table-extra-not-kept', p, `${p.getText().slice(0, 60)} is not kept`, 'nothing');
        }
      }
      if (!items)
        this.report(
          'warning',
          'table-extra-not-kept',
          arg,
          `the third argument of table ${info.table.exportName} is not (t) => [...]`,
          'no indexes',
        );
      for (const item of items ?? []) {
        const ix = this.readExtra(info, item);
        if (ix) indexes.push(ix);
      }
    }
    for (const ix of [...info.namedUniques, ...indexes, ...info.uniqueConstraints]) {
      this.design.indexes[ix.id] = ix;
      info.table.indexIds.push(ix.id);
    }
  }

  /** The columns of this table named in `.on(t.a, t.b)` or `columns: [t.a]`; undefined when one is not. */
  private tableColumns(info: TableInfo, nodes: Node[], what: string): Column[] | undefined {
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
        this.report(
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

  private readExtra(info: TableInfo, item: Node): Index | undefined {
    const { base, calls } = this.unchain(item);
    const kind = Node.isCallExpression(base) ? this.calleeName(base) : undefined;
    if (!Node.isCallExpression(base) || !kind) {
      this.report('warning', 'table-extra-not-kept', item, `${item.getText().slice(0, 60)} is not kept`, 'nothing');
      return undefined;
    }
    const args = base.getArguments();
    const tableName = info.table.exportName;
    if (kind === 'index' || kind === 'uniqueIndex' || kind === 'unique') {
      const on = calls.find((c) => c.name === 'on');
      let name = args[0] ? stringValue(args[0]) : undefined;
      if (args[0] && name === undefined) name = this.constantString(args[0]);
      if (kind !== 'unique' && name === undefined) {
        this.report(
          'warning',
          'index-name-not-literal',
          args[0] ?? base,
          `an index of table ${tableName} has no literal name`,
          'nothing',
        );
        return undefined;
      }
      if (!on) {
        this.report(
          'warning',
          'table-extra-not-kept',
          item,
          `${kind}() of table ${tableName} has no .on(...)`,
          'nothing',
        );
        return undefined;
      }
      const cols = this.tableColumns(info, on.call.getArguments(), `${kind}(${name ?? ''})`);
      if (!cols || cols.length === 0) return undefined;
      for (const c of calls)
        if (c.name !== 'on')
          this.report(
            'warning',
            c.name === 'where' ? 'partial-index' : 'table-extra-not-kept',
            c.call,
            `.${c.name}() on index ${name ?? ''} of table ${tableName} is not kept`,
            'the index without it',
          );
      const indexName = name ?? `${info.fullName}_${cols.map((c) => c.name).join('_')}_unique`;
      const ix: Index = {
        id: this.newId(`i_${indexName}`),
        tableId: info.table.id,
        name: indexName,
        columnIds: cols.map((c) => c.id),
        unique: kind !== 'index',
      };
      if (kind === 'unique') {
        this.report(
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
      const cols = this.tableColumns(info, colNodes, 'primaryKey()');
      if (cols && cols.length === 1 && cols[0]) {
        cols[0].primaryKey = true;
        cols[0].notNull = true;
        this.report(
          'info',
          'single-column-primary-key',
          item,
          `primaryKey() of table ${tableName} has one column, kept as that column's key`,
          `${cols[0].key}.primaryKey()`,
        );
      } else
        this.report(
          'warning',
          'composite-primary-key',
          item,
          `table ${tableName} has a composite primary key, which the studio cannot design`,
          'the columns, without the key',
        );
      return undefined;
    }
    if (kind === 'foreignKey') {
      this.readForeignKey(info, item, args[0], calls);
      return undefined;
    }
    if (kind === 'check') {
      this.report('warning', 'check-not-kept', item, `check constraint of table ${tableName} is not kept`, 'nothing');
      return undefined;
    }
    this.report('warning', 'table-extra-not-kept', item, `${kind}() in table ${tableName} is not kept`, 'nothing');
    return undefined;
  }

  private readForeignKey(
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
    const cols = from ? this.tableColumns(info, from, 'foreignKey()') : undefined;
    if (!cols || cols.length !== 1 || !to || to.length !== 1 || !cols[0] || !to[0]) {
      this.report(
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
      else this.report('warning', 'fk-action-unknown', c.call, `.${c.name}() on foreignKey() is not kept`, 'no action');
    }
    if (obj && Node.isObjectLiteralExpression(obj) && obj.getProperty('name'))
      this.report(
        'info',
        'foreign-key-name',
        obj,
        'the foreign key name is not kept (it never appears in the SQL)',
        'no name',
      );
    this.report(
      'info',
      'foreign-key-as-reference',
      item,
      `foreignKey() of table ${info.table.exportName} is kept as .references() on column ${cols[0].key}`,
      `${cols[0].key}.references(...)`,
    );
    this.pending.push({ table: info, column: cols[0], target: unwrap(to[0]), ...actions, node: item });
  }

  // ---------------------------------------------------------------- aliases, relations

  readAliases(): void {
    for (const sf of [this.tablesFile, ...this.files.filter((f) => f !== this.tablesFile && f !== this.modelsFile)]) {
      for (const [name, info] of this.consts.get(sf) ?? []) {
        const init = info.init ? unwrap(info.init) : undefined;
        if (!init || !Node.isIdentifier(init)) continue;
        const target = this.tablesByBinding.get(init.getText());
        if (!target) continue;
        this.usedConsts.add(info.decl);
        if (!this.isExported(sf, name)) {
          this.report(
            'info',
            'alias-not-exported',
            info.decl,
            `${name} = ${init.getText()} is not exported`,
            'nothing',
          );
          continue;
        }
        this.addAlias(target, name);
      }
      // `export { tasksTasks as tasks }`
      for (const [local, names] of this.exportedNames.get(sf) ?? []) {
        const target = this.tablesByBinding.get(local);
        if (!target) continue;
        for (const n of names) if (n !== local) this.addAlias(target, n);
      }
    }
    for (const t of [...this.tablesByBinding.values()])
      for (const a of t.table.aliases ?? []) if (!this.tablesByBinding.has(a)) this.tablesByBinding.set(a, t);
  }

  private addAlias(target: TableInfo, name: string): void {
    const list = (target.table.aliases ??= []);
    if (!list.includes(name)) list.push(name);
  }

  resolveRelations(): void {
    const used = new Set<string>();
    for (const p of this.pending) {
      const t = p.target;
      const obj =
        Node.isPropertyAccessExpression(t) || Node.isElementAccessExpression(t) ? unwrap(t.getExpression()) : undefined;
      const key = Node.isPropertyAccessExpression(t)
        ? t.getName()
        : Node.isElementAccessExpression(t)
          ? stringValue(t.getArgumentExpression())
          : undefined;
      if (!obj || !Node.isIdentifier(obj) || key === undefined) {
        this.report(
          'warning',
          'reference-not-understood',
          p.node,
          `the reference of column ${p.column.key} is not table.column`,
          'a plain column',
        );
        continue;
      }
      const target = this.tablesByBinding.get(obj.getText());
      if (!target) {
        this.report(
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
        this.report(
          'warning',
          'reference-not-understood',
          p.node,
          `table ${target.table.exportName} has no column ${key}`,
          'a plain column',
        );
        continue;
      }
      if (used.has(p.column.id)) {
        this.report(
          'warning',
          'duplicate-reference',
          p.node,
          `column ${p.column.key} references two columns`,
          'the first reference',
        );
        continue;
      }
      used.add(p.column.id);
      this.addRelation(p.table, p.column, toCol, p.onDelete, p.onUpdate, false);
    }
    for (const n of this.logicalNotes) {
      const target = this.tables.find(
        (t) => `${this.design.module.id}_${t.table.name}` === n.target || t.fullName === n.target,
      );
      const toCol = target && [...target.columns.values()].find((c) => c.name === n.targetColumn);
      if (!target || !toCol || used.has(n.column.id)) {
        n.column.comment = [n.column.comment, n.line].filter(Boolean).join('\n');
        continue;
      }
      used.add(n.column.id);
      this.addRelation(n.table, n.column, toCol, n.onDelete, n.onUpdate, true);
    }
  }

  private addRelation(
    table: TableInfo,
    from: Column,
    to: Column,
    onDelete: FkAction | null,
    onUpdate: FkAction | null,
    logical: boolean,
  ): void {
    const r: Relation = {
      id: this.newId(`r_${table.table.name}_${from.name}`),
      fromColumnId: from.id,
      toColumnId: to.id,
      onDelete,
      onUpdate,
      logical,
    };
    this.design.relations[r.id] = r;
  }

  /** Top-level consts of tables.ts that nothing used. */
  reportUnusedConsts(): void {
    for (const [, info] of this.consts.get(this.tablesFile) ?? []) {
      if (this.usedConsts.has(info.decl) || this.enumsByDecl.has(info.decl)) continue;
      this.report(
        'warning',
        'statement-not-kept',
        info.decl,
        `const ${info.decl.getName()} is not kept: the studio writes tables.ts with tables, aliases and enum re-exports only`,
        'nothing',
      );
    }
  }

  suggestions(): SuggestedRelation[] {
    return suggestRelations(
      this.design,
      this.tables.map((t) => ({ table: t.table, fullName: t.fullName })),
      this.paths.get(this.tablesFile) ?? '',
      (columnId) => {
        const node = this.columnNodes.get(columnId);
        return node ? this.place(node).line : 0;
      },
    );
  }

  /** The layout from the options, the textEnum import, the models import, or the file's path. */
  detectLayout(): Layout {
    if (this.opts.layout) return this.opts.layout;
    for (const [, imp] of this.imports.get(this.tablesFile) ?? []) {
      if (imp.module === '@molos/database/utils') return 'current';
      if (imp.module === '$lib/server/db/utils' || imp.module.startsWith('$lib/models/external_modules/'))
        return 'legacy';
    }
    const path = this.paths.get(this.tablesFile) ?? '';
    return /(^|\/)src\/server\//.test(path) ? 'current' : 'legacy';
  }

  run(): void {
    this.readModels();
    for (const sf of this.files) if (sf !== this.modelsFile) this.collectTables(sf);
    this.settleModule();
    for (const t of this.tables) this.readColumns(t);
    for (const t of this.tables) this.readTableExtras(t);
    this.readAliases();
    this.resolveRelations();
    this.reportUnusedConsts();
    this.design.module.layout = this.detectLayout();
    if (this.tables.length === 0)
      this.messages.push({
        severity: 'warning',
        code: 'no-tables',
        file: this.paths.get(this.tablesFile) ?? '',
        line: 0,
        column: 0,
        message: 'no sqliteTable(...) declarations were found',
      });
  }
}

function isFkAction(v: string): v is FkAction {
  return (FK_ACTIONS as readonly string[]).includes(v);
}

/** Enum members for drizzle's `{ enum: [...] }` values: UPPER_SNAKE keys, made unique. */
function uniqueKeys(values: string[]): { key: string; value: string }[] {
  const seen = new Set<string>();
  return values.map((value) => {
    const key = uniqueName(toConstantCase(value) || 'VALUE', (k) => seen.has(k));
    seen.add(key);
    return { key, value };
  });
}

/** Removes the indentation the code had inside the file from its second line on. */
function dedent(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return text;
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  const indent = Math.min(...rest.map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0)))].join(
    '\n',
  );
}

function describeStatement(st: Node): string {
  const named = st as unknown as { getName?: () => string | undefined };
  const name = typeof named.getName === 'function' ? named.getName() : undefined;
  const kind = st
    .getKindName()
    .replace(/(Declaration|Statement)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return name ? `${kind} ${name}` : `${kind} ${st.getText().slice(0, 40).replace(/\s+/g, ' ')}`;
}

/** Messages in file order (tables.ts, models, others), then by line and column. */
function sortMessages(messages: ImportMessage[], input: TablesTsInput): ImportMessage[] {
  const order = [input.tables.path, input.models?.path, ...(input.others ?? []).map((f) => f.path)];
  return messages
    .map((m, i) => ({ m, i }))
    .sort(
      (a, b) =>
        order.indexOf(a.m.file) - order.indexOf(b.m.file) ||
        a.m.line - b.m.line ||
        a.m.column - b.m.column ||
        a.i - b.i,
    )
    .map((x) => x.m);
}

/**
 * Imports a module's tables.ts (with its models file and any other schema files) into a design.
 * @example const outcome = importTablesTs({ tables: { path: 'lib/server/db/schema/tables.ts', text } });
 */
export function importTablesTs(input: TablesTsInput, opts: ImportOptions = {}): ImportOutcome {
  const importer = new TablesTsImporter(opts);
  try {
    if (!importer.load(input)) return { ok: false, messages: importer.messages };
    importer.run();
    const suggestions = importer.suggestions();
    return { ok: true, design: importer.design, messages: sortMessages(importer.messages, input), suggestions };
  } catch (e) {
    importer.messages.push({
      severity: 'error',
      code: 'internal-error',
      file: input.tables.path,
      line: 0,
      column: 0,
      message: `the importer failed: ${(e as Error).message}`,
    });
    return { ok: false, messages: importer.messages };
  }
}
