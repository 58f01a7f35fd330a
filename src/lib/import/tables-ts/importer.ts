/**
 * Reads an existing module's `tables.ts` (and its models file) into a design. The code is parsed with ts-morph
 * in an in-memory project and never run: every value the design needs must be written out in the code (or in a
 * `const` the code names). Whatever the design cannot hold is reported with its place and what was kept.
 *
 * The work is split by concern, each part a set of functions over one {@link ImportContext} (context.ts):
 * symbols.ts (parsing, consts, imports and exports of each file) with specifiers.ts (which input file an import
 * or re-export names); enums.ts (enums, the models file and the files it re-exports); declarations.ts (tables,
 * aliases, module id, layout); columns.ts, column-builder.ts and column-calls.ts (columns) with type-imports.ts
 * (what a kept `$type<…>()` imports); table-extras.ts (indexes and table constraints); relations.ts and suggest.ts
 * (references, logical relations, suggestions); comments.ts (which comment describes a declaration).
 */
import type { ImportMessage, ImportOptions, ImportOutcome, SourceFile } from '../types';
import { readColumns } from './columns';
import { ImportContext, type TablesTsInput } from './context';
import { collectTables, detectLayout, readAliases, reportUnusedConsts, settleModule } from './declarations';
import { readModels } from './enums';
import { commentSuggestions, resolveRelations } from './relations';
import { loadFiles } from './symbols';
import { isStackOverflow, nestingError } from './nesting';
import { readTableExtras } from './table-extras';

export type { TablesTsInput };

function run(ctx: ImportContext): void {
  readModels(ctx);
  for (const sf of ctx.files) if (sf !== ctx.modelsFile) collectTables(ctx, sf);
  settleModule(ctx);
  for (const t of ctx.tables) readColumns(ctx, t);
  for (const t of ctx.tables) readTableExtras(ctx, t);
  // The steps below work across declarations: a failure there is not one declaration's.
  ctx.at = undefined;
  readAliases(ctx);
  resolveRelations(ctx);
  reportUnusedConsts(ctx);
  ctx.design.module.layout = detectLayout(ctx);
  if (ctx.tables.length === 0)
    ctx.messages.push({
      severity: 'warning',
      code: 'no-tables',
      file: ctx.pathOf(ctx.tablesFile),
      line: 0,
      column: 0,
      message: 'no sqliteTable(...) declarations were found',
    });
}

/**
 * Messages in file order (tables.ts, models, others), then by line and column, first come first on a tie.
 * @example sortMessages(messages, { tables: { path: 'tables.ts', text } })
 */
export function sortMessages(messages: ImportMessage[], input: TablesTsInput): ImportMessage[] {
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
  const ctx = new ImportContext(opts);
  try {
    if (!loadFiles(ctx, input)) return { ok: false, messages: ctx.messages };
    run(ctx);
    const suggestions = commentSuggestions(ctx);
    return { ok: true, design: ctx.design, messages: sortMessages(ctx.messages, input), suggestions };
  } catch (e) {
    ctx.messages.push(failure(ctx, input, e));
    return { ok: false, messages: ctx.messages };
  }
}

/** The input files, tables.ts first. */
const inputFiles = (input: TablesTsInput): SourceFile[] => [
  input.tables,
  ...(input.models ? [input.models] : []),
  ...(input.others ?? []),
];

/**
 * An error for a failure the importer did not foresee, always with a place: where brackets nest too deep for a
 * stack overflow, else the declaration being read when it failed (else the start of tables.ts).
 */
function failure(ctx: ImportContext, input: TablesTsInput, e: unknown): ImportMessage {
  const message = e instanceof Error ? e.message : String(e);
  const deep = isStackOverflow(e) ? nestingError(inputFiles(input)) : null;
  if (deep) return deep;
  const place = ctx.at ? ctx.place(ctx.at) : { file: input.tables.path, line: 1, column: 1 };
  return {
    severity: 'error',
    code: 'internal-error',
    ...place,
    message: `the importer failed${ctx.at ? ' here' : ''}: ${message}`,
  };
}
