/**
 * Writing into an existing module: the studio owns only the declarations it generates. Given the freshly
 * generated files and the module's existing files, this returns what each file should hold afterwards — the
 * existing text with only the owned declarations updated, added or removed, and everything else kept byte for
 * byte — plus notes on what the user should know.
 *
 * How: the existing code is read back into a design (the importer, which never runs code), its elements are
 * paired with the design's (match.ts), and each table, column, index and enum is printed for both designs. What
 * prints the same is not touched — so an unchanged module comes back byte for byte, whatever its style — and
 * what differs is edited in place (tables-merge.ts, enums-merge.ts), then imports are settled (imports.ts).
 * Last, the merged code is read back once more and must describe exactly the design's schema; otherwise the
 * merge refuses (MergeError) rather than write something else.
 */
import { ts } from 'ts-morph';
import { type Design, type Layout } from '../../core/design';
import { importTablesTs } from '../../import/tables-ts/index';
import { formatImportMessage, type SourceFile } from '../../import/types';
import { buildSnapshot } from '../../sql/snapshot';
import type { Snapshot } from '../../sql/snapshot-types';
import { layoutPaths } from '../layout-paths';
import type { GeneratedFile } from '../module-files';
import { tablePartsOf } from '../tables-ts';
import { mergeEnums } from './enums-merge';
import { type NeededImport, danglingNames, ensureReexports, namesOf, renameReferences, settleImports } from './imports';
import { pairElements } from './match';
import { SCAFFOLD_ROLES, configSchemaPaths, folderOf, mergeReadFolders } from './paths';
import { mergeTablesBody } from './tables-merge';
import { detectStyle } from './style';
import { MergeError, type MergeNote } from './types';

export { MergeError, type MergeNote } from './types';
export { SCAFFOLD_ROLES, mergeReadFolders } from './paths';

export interface MergeOutcome {
  /**
   * What every file should hold after the write. The generated files (scaffold files that exist come back with
   * their existing content; the schema at the path the module really uses) plus any other existing file an
   * owned declaration lives in (an enum in `models/types.ts`, say).
   */
  files: GeneratedFile[];
  notes: MergeNote[];
  /**
   * The schema the module's existing code describes (its schema file read back, before the merge), as a drizzle
   * snapshot; null for a module without code yet. The next migration can start from it, so that it holds the
   * design's changes only, and not the differences the code already had with the module's migrations.
   */
  code: Snapshot | null;
}

const TEXT_ENUM_MODULES = ['$lib/server/db/utils', '@molos/database/utils'];

/** The module's schema and models files among the existing ones (null when there is none). */
export function locateModuleFiles(
  existing: ReadonlyMap<string, string>,
  layout: Layout,
): { schema: string | null; models: string | null } {
  const other: Layout = layout === 'legacy' ? 'current' : 'legacy';
  const own = layoutPaths(layout);
  const alt = layoutPaths(other);
  let schema = [own.schemaFile, alt.schemaFile].find((p) => existing.has(p)) ?? null;
  if (!schema) {
    for (const p of configSchemaPaths(existing.get('drizzle.config.ts') ?? '')) {
      const dir = p.replace(/\/?(index|tables)?\.ts$/, '');
      const candidates = p.endsWith('.ts') ? [p, `${dir}/tables.ts`] : [`${dir}/tables.ts`, `${dir}/index.ts`];
      schema = candidates.find((c) => existing.has(c)) ?? null;
      if (schema) break;
    }
  }
  const models = [own.modelsFile, alt.modelsFile].find((p) => existing.has(p)) ?? null;
  return { schema, models };
}

/** The imports a generated tables.ts declares, and the names it re-exports. */
function generatedImports(text: string): { imports: NeededImport[]; reexports: string[] } {
  const sf = ts.createSourceFile('tables.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: NeededImport[] = [];
  const reexports: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const b = st.importClause?.namedBindings;
      if (b && ts.isNamedImports(b))
        for (const e of b.elements)
          imports.push({
            name: e.name.text,
            from: st.moduleSpecifier.text,
            typeOnly: !!st.importClause?.isTypeOnly || e.isTypeOnly,
          });
    }
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause))
      for (const e of st.exportClause.elements) reexports.push(e.name.text);
  }
  return { imports, reexports };
}

/** The module specifiers a file imports each name from. */
function importedFrom(text: string): Map<string, string> {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const b = st.importClause?.namedBindings;
    if (b && ts.isNamedImports(b)) for (const e of b.elements) out.set(e.name.text, st.moduleSpecifier.text);
  }
  return out;
}

function parseProblems(path: string, text: string): string[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => {
    const { line } = sf.getLineAndCharacterOfPosition(d.start);
    return `${path}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

/** A JSON text with object keys sorted, so two snapshots compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** What differs between the schema of the merged code and the design's, in a few words; null when equal. */
function schemaDifference(design: Design, merged: Design): string | null {
  const want = buildSnapshot(design).tables as Record<string, unknown>;
  const got = buildSnapshot(merged).tables as Record<string, unknown>;
  for (const name of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (!(name in got)) return `table ${name} is missing`;
    if (!(name in want)) return `table ${name} is there although the design does not have it`;
    if (canonical(want[name]) !== canonical(got[name])) {
      const w = want[name] as { columns: Record<string, unknown> };
      const g = got[name] as { columns: Record<string, unknown> };
      for (const c of new Set([...Object.keys(w.columns), ...Object.keys(g.columns)]))
        if (canonical(w.columns[c]) !== canonical(g.columns[c])) return `column ${name}.${c} differs`;
      return `the indexes or keys of ${name} differ`;
    }
  }
  return null;
}

/** The module's existing code, read back (parsed, never run): where its files are, and the design they describe. */
interface ExistingCode {
  schemaPath: string;
  modelsPath: string;
  modelsFile: SourceFile | undefined;
  /** Other `.ts` files of the schema's and the models' folders. */
  others: SourceFile[];
  read: Extract<ReturnType<typeof importTablesTs>, { ok: true }>;
}

function readExistingCode(existing: ReadonlyMap<string, string>, layout: Layout): ExistingCode | null {
  const located = locateModuleFiles(existing, layout);
  if (!located.schema) return null;
  const schemaPath = located.schema;
  const modelsPath = located.models ?? layoutPaths(layout).modelsFile;
  const schemaText = existing.get(schemaPath) as string;
  const readFolders = mergeReadFolders(layout, existing.get('drizzle.config.ts'));
  const others: SourceFile[] = [...existing]
    .filter(
      ([p]) =>
        p !== schemaPath && p !== located.models && p.endsWith('.ts') && readFolders.some((d) => p.startsWith(`${d}/`)),
    )
    .map(([path, text]) => ({ path, text }));
  const modelsFile = located.models
    ? { path: located.models, text: existing.get(located.models) as string }
    : undefined;
  const read = importTablesTs(
    { tables: { path: schemaPath, text: schemaText }, models: modelsFile, others },
    { layout },
  );
  if (!read.ok) {
    const first = read.messages.find((m) => m.severity === 'error');
    throw new MergeError(
      `the existing ${schemaPath} cannot be read, so the design cannot be merged into it: ${first ? formatImportMessage(first) : 'unknown problem'}`,
    );
  }
  return { schemaPath, modelsPath, modelsFile, others, read };
}

/**
 * The schema a module's existing code describes (its schema file read back), as a drizzle snapshot; null when the
 * module has no schema file yet. Throws `MergeError` when the code cannot be read.
 * @example codeSnapshot(existing, 'legacy')?.tables['MoLOS-Tasks_tasks']
 */
export function codeSnapshot(existing: ReadonlyMap<string, string>, layout: Layout): Snapshot | null {
  const code = readExistingCode(existing, layout);
  return code ? buildSnapshot(code.read.design) : null;
}

/**
 * Merges generated module files into a module's existing files.
 * `existing` maps paths relative to the module folder to their text (at least the files under
 * {@link mergeReadFolders} and the scaffold files that exist).
 * @example const { files, notes } = await mergeModuleFiles(design, 'legacy', generated, existing);
 */
export async function mergeModuleFiles(
  design: Design,
  layout: Layout,
  generated: readonly GeneratedFile[],
  existing: ReadonlyMap<string, string>,
): Promise<MergeOutcome> {
  const notes: MergeNote[] = [];
  const scaffoldKept = generated.map((f) => {
    const old = existing.get(f.path);
    return old !== undefined && SCAFFOLD_ROLES.has(f.role) ? { ...f, content: old } : f;
  });
  const code = readExistingCode(existing, layout);
  if (!code) return { files: scaffoldKept, notes, code: null };
  const { schemaPath, modelsPath, modelsFile, others, read } = code;
  const paths = layoutPaths(layout);
  const schemaText = existing.get(schemaPath) as string;
  const old = read.design;
  const pairs = pairElements(design, old);
  const style = detectStyle(schemaText);
  let body = await mergeTablesBody({
    path: schemaPath,
    text: schemaText,
    design,
    existing: old,
    parts: tablePartsOf(design),
    existingParts: tablePartsOf(old),
    pairs,
    style,
    messages: read.messages,
    notes,
  });

  // Renamed tables and enums: the file's own code follows (as an editor's rename would).
  const renames = new Map<string, string>();
  const parts = tablePartsOf(design);
  const oldParts = tablePartsOf(old);
  for (const [dId, oId] of pairs.tables) {
    const from = oldParts.get(oId)?.binding;
    const to = parts.get(dId)?.binding;
    if (from && to && from !== to) renames.set(from, to);
  }
  const enumRenames = new Map<string, string>();
  for (const [dId, oId] of pairs.enums) {
    const from = old.enums[oId]?.name;
    const to = design.enums[dId]?.name;
    if (from && to && from !== to) enumRenames.set(from, to);
  }
  body = renameReferences(body, schemaPath, new Map([...renames, ...enumRenames]));

  // Enums tables.ts now names but does not bind come from the models file.
  const bodyNames = namesOf(ts.createSourceFile(schemaPath, body, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  const enumNames = new Set(Object.values(design.enums).map((e) => e.name));
  const needed = new Set([...enumNames].filter((n) => bodyNames.used.has(n) && !bodyNames.bound.has(n)));
  const enumFiles = new Map<string, string>([[schemaPath, body]]);
  if (modelsFile) enumFiles.set(modelsFile.path, modelsFile.text);
  const modelsDir = folderOf(modelsPath);
  for (const o of others) if (o.path.startsWith(`${modelsDir}/`)) enumFiles.set(o.path, o.text);
  const enums = await mergeEnums({
    design,
    existing: old,
    pairs,
    files: enumFiles,
    modelsPath,
    schemaPath,
    needed,
    notes,
  });

  // Imports: what the generated file imports, from where the existing file imports it when it does.
  const schemaGenerated = generated.find((f) => f.role === 'schema');
  const gen = generatedImports(schemaGenerated?.content ?? '');
  const existingFrom = importedFrom(schemaText);
  const oldEnumNames = new Set(Object.values(old.enums).map((e) => e.name));
  const enumSpec = [...existingFrom].find(([name]) => oldEnumNames.has(name) || enumNames.has(name))?.[1];
  const typeNames = new Set<string>();
  for (const d of [design, old])
    for (const c of Object.values(d.columns)) for (const t of c.tsTypeImports ?? []) typeNames.add(t.name);
  const neededImports = gen.imports.map((i) =>
    enumNames.has(i.name) && !i.typeOnly ? { ...i, from: existingFrom.get(i.name) ?? enumSpec ?? i.from } : i,
  );
  const owned = new Map<string, Set<string>>([
    ['drizzle-orm/sqlite-core', new Set(['*'])],
    ['drizzle-orm', new Set(['sql'])],
  ]);
  for (const m of TEXT_ENUM_MODULES) owned.set(m, new Set(['textEnum']));
  const ownedNames = [...enumNames, ...oldEnumNames, ...typeNames];
  for (const spec of new Set([...existingFrom.values(), ...neededImports.map((i) => i.from)])) {
    const set = owned.get(spec) ?? new Set<string>();
    for (const n of ownedNames) set.add(n);
    owned.set(spec, set);
  }
  const before = namesOf(ts.createSourceFile(schemaPath, schemaText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  let schemaOut = enums.changed.get(schemaPath) ?? body;
  schemaOut = await settleImports(schemaOut, schemaPath, style, neededImports, owned, before.used);
  // An enum new to tables.ts is re-exported as the studio does; the file's own choices for the others stay.
  const finalNames = namesOf(
    ts.createSourceFile(schemaPath, schemaOut, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
  );
  schemaOut = ensureReexports(
    schemaOut,
    schemaPath,
    style,
    gen.reexports.filter((n) => finalNames.bound.has(n) && !before.bound.has(n)),
  );

  // The files after the merge: code in the enum files follows renamed enums too.
  const changed = new Map(enums.changed);
  if (enumRenames.size > 0)
    for (const [path, text] of enumFiles) {
      if (path === schemaPath) continue;
      const renamed = renameReferences(changed.get(path) ?? text, path, enumRenames);
      if (renamed !== text) changed.set(path, renamed);
    }
  changed.set(schemaPath, schemaOut);
  for (const d of danglingNames(schemaText, schemaOut, schemaPath))
    notes.push({
      severity: 'warning',
      file: schemaPath,
      line: d.line,
      message: `${d.name} is still used here, but the design removed it: this code must be changed`,
    });
  for (const [path, text] of changed) {
    const problems = parseProblems(path, text);
    if (problems.length > 0)
      throw new MergeError(
        `merging into ${path} would give code that does not parse (${problems[0]}); nothing was changed`,
      );
  }
  const after = (path: string) => changed.get(path) ?? existing.get(path);
  // Nothing changed in any file: the code read back is the code already read.
  const untouched = [...changed].every(([path, text]) => existing.get(path) === text);
  const check = untouched
    ? read
    : importTablesTs(
        {
          tables: { path: schemaPath, text: schemaOut },
          models: after(modelsPath) !== undefined ? { path: modelsPath, text: after(modelsPath) as string } : undefined,
          others: others.map((o) => ({ path: o.path, text: after(o.path) as string })),
        },
        { layout },
      );
  const difference = check.ok ? schemaDifference(design, check.design) : 'it cannot be read back';
  if (difference)
    throw new MergeError(
      `the merged ${schemaPath} would not describe the design's schema (${difference}), so nothing was changed; please report this with the module`,
    );

  const files: GeneratedFile[] = [];
  for (const f of scaffoldKept) {
    if (f.role === 'schema') files.push({ ...f, path: schemaPath, content: schemaOut });
    else if (f.role === 'models') {
      const text = after(modelsPath);
      if (text !== undefined) files.push({ ...f, path: modelsPath, content: text });
    } else if (f.role === 'schema-index' && f.path === schemaPath) {
      continue; // the module's schema file is that index (a split schema): written once, as the schema
    } else if (SCAFFOLD_ROLES.has(f.role) && !existing.has(f.path)) {
      // An existing module is the author's: files it does without are not added to it (and the schema index is
      // no question when the module's schema lives elsewhere).
      if (f.role === 'schema-index' && schemaPath !== paths.schemaFile) continue;
      notes.push({
        severity: 'info',
        file: f.path,
        line: 0,
        message: `the module has no ${f.path}; the studio leaves it that way (it creates it only for a new module)`,
      });
    } else files.push(f);
  }
  for (const [path, text] of changed) {
    if (path === schemaPath || path === modelsPath) continue;
    files.push({ path, content: text, role: 'models' });
  }
  return { files, notes, code: buildSnapshot(old) };
}
