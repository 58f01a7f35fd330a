/**
 * The code editor's incremental read of `tables.ts`. The editor sends the whole text on each keystroke; reading
 * 300 tables with the importer takes most of a second, while a keystroke changes one table. This reader keeps the
 * last read (its statements and its design) and, when only `sqliteTable(` statements changed, reads a small file
 * instead: the imports and other code, the changed tables, the unchanged tables that name them (re-read, so their
 * references follow), and the tables those name (read only so references resolve, then dropped). The result is
 * spliced into the last design and is what a full read of the text gives — `code-incremental.test.ts` checks that
 * on random edits. Whatever it cannot vouch for (imports or other code changed, a table renamed that other code
 * names, a clash of names or ids, comments suggesting relations, an error) is read in full.
 */
import type { Design, Relation, Table } from '../core/design';
import { importTablesTs, importedTablePosition, sortMessages, type TablesTsInput } from '../import/tables-ts/index';
import type { ImportMessage, ImportOptions, ImportOutcome } from '../import/types';
import { splitStatements, type Statement } from './code-statements';

interface LastRead {
  key: string;
  text: string;
  statements: Statement[];
  design: Design;
  messages: ImportMessage[];
}

/** How the last `read` went, for tests and the bench. */
export type ReadKind = 'full' | 'incremental';

/** More changed statements than this are read in full: the small file would not be small. */
const MAX_CHANGED = 8;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** True when `text` holds `word` as a whole identifier. */
function names(text: string, word: string): boolean {
  if (!word || !text.includes(word)) return false;
  return new RegExp(`(^|[^\\w$])${escapeRe(word)}($|[^\\w$])`).test(text);
}

/** The ids the importer gives when no two names clash (it adds a suffix on a clash, which depends on order). */
function idsAreBase(d: Design, tables: readonly Table[]): boolean {
  for (const t of tables) {
    if (t.id !== `t_${t.name}`) return false;
    for (const id of t.columnIds) if (id !== `c_${t.name}_${d.columns[id]?.name}`) return false;
    for (const id of t.indexIds) if (id !== `i_${d.indexes[id]?.name}`) return false;
  }
  const own = new Set(tables.flatMap((t) => t.columnIds));
  for (const r of Object.values(d.relations))
    if (
      own.has(r.fromColumnId) &&
      r.id !== `r_${d.tables[d.columns[r.fromColumnId]?.tableId ?? '']?.name}_${d.columns[r.fromColumnId]?.name}`
    )
      return false;
  return true;
}

/** The tables of `d` with their export names, when every table statement holds exactly one table. */
function tablesByExport(d: Design, statements: readonly Statement[]): Map<string, Table> | null {
  const byExport = new Map<string, Table>();
  for (const t of Object.values(d.tables)) {
    if (byExport.has(t.exportName)) return null;
    byExport.set(t.exportName, t);
  }
  const tableStatements = statements.filter((s) => s.kind === 'table');
  if (tableStatements.length !== byExport.size) return null;
  for (const s of tableStatements) if (!byExport.has(s.name as string)) return null;
  return byExport;
}

/** The number of line breaks in `text`. */
function lineCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Reads the code editor's tables.ts, incrementally when it can (see the top of this file). One reader per editor
 * (the import worker keeps one); its result always equals `importTablesTs(input, opts)`.
 * @example
 * const reader = new IncrementalTablesReader();
 * const outcome = reader.read(editorImportInput(files, text), { moduleId, layout });
 */
export class IncrementalTablesReader {
  private last: LastRead | undefined;
  /** How the last read was done. */
  lastKind: ReadKind = 'full';

  read(input: TablesTsInput, opts: ImportOptions = {}): ImportOutcome {
    const key = JSON.stringify([input.tables.path, input.models ?? null, input.others ?? null, opts]);
    const statements = splitStatements(input.tables.text);
    const last = this.last;
    if (statements && last && last.key === key) {
      if (last.text === input.tables.text) {
        this.lastKind = 'incremental';
        return { ok: true, design: last.design, messages: last.messages, suggestions: [] };
      }
      const out = this.tryIncremental(last, statements, input, opts);
      if (out) {
        this.lastKind = 'incremental';
        this.last = { key, text: input.tables.text, statements, design: out.design, messages: out.messages };
        return { ok: true, design: out.design, messages: out.messages, suggestions: [] };
      }
    }
    this.lastKind = 'full';
    const full = importTablesTs(input, opts);
    this.last = undefined;
    if (
      statements &&
      full.ok &&
      full.suggestions.length === 0 &&
      full.messages.every((m) => m.line > 0 || m.file !== input.tables.path) &&
      tablesByExport(full.design, statements) &&
      idsAreBase(full.design, Object.values(full.design.tables))
    )
      this.last = { key, text: input.tables.text, statements, design: full.design, messages: full.messages };
    return full;
  }

  /** The incremental read, or undefined when the full read must decide. */
  private tryIncremental(
    last: LastRead,
    statements: Statement[],
    input: TablesTsInput,
    opts: ImportOptions,
  ): { design: Design; messages: ImportMessage[] } | undefined {
    // Imports and other code must be the same, in the same order.
    const before = last.statements.filter((s) => s.kind !== 'table');
    const now = statements.filter((s) => s.kind !== 'table');
    if (before.length !== now.length || before.some((s, i) => s.text !== now[i]?.text)) return undefined;
    const oldTables = last.statements.filter((s) => s.kind === 'table');
    const newTables = statements.filter((s) => s.kind === 'table');
    const oldByName = new Map(oldTables.map((s) => [s.name as string, s]));
    const newByName = new Map(newTables.map((s) => [s.name as string, s]));
    if (oldByName.size !== oldTables.length || newByName.size !== newTables.length) return undefined;
    const lastTables = tablesByExport(last.design, last.statements);
    if (!lastTables) return undefined;

    // Changed: a new or edited statement; removed: an export that is gone.
    const changed = newTables.filter((s) => oldByName.get(s.name as string)?.text !== s.text);
    const removed = oldTables.filter((s) => !newByName.has(s.name as string));
    if (changed.length + removed.length > MAX_CHANGED) return undefined;
    // The names other code may use for a changed table: its export name and its SQL names, before and after.
    const words = new Set<string>();
    for (const s of [...changed, ...removed]) {
      words.add(s.name as string);
      const t = lastTables.get(s.name as string);
      if (t) {
        words.add(t.name);
        words.add(`${last.design.module.id}_${t.name}`);
      }
      const sql = /sqliteTable\s*\(\s*["']([^"']*)["']/.exec(s.text)?.[1];
      if (sql) {
        words.add(sql);
        words.add(sql.replace(/^[^_]*_/, ''));
      }
    }
    const mentions = (s: Statement) => [...words].some((w) => names(s.text, w));
    // Other code naming a changed table (an alias, a relations block) is read in full.
    if (now.some((s) => s.kind === 'other' && mentions(s))) return undefined;
    // Names declared by other code that a changed table uses: whether they stay used is the full read's call.
    const declared = now
      .filter((s) => s.kind === 'other')
      .flatMap((s) => [...s.text.matchAll(/\b(?:const|let|var|function|class|enum)\s+([A-Za-z_$][\w$]*)/g)])
      .map((m) => m[1] as string);
    const oldChanged = [...changed, ...removed].map((s) => oldByName.get(s.name as string)?.text ?? '');
    if (declared.some((d) => [...changed.map((s) => s.text), ...oldChanged].some((t) => names(t, d)))) return undefined;

    // Re-read: the changed tables and the unchanged ones that name them. Context: the tables those name.
    const reread = new Set<Statement>(changed);
    for (const s of newTables) if (!reread.has(s) && mentions(s)) reread.add(s);
    if (reread.size > MAX_CHANGED * 2) return undefined;
    const context = new Set<Statement>();
    for (const s of newTables) {
      if (reread.has(s)) continue;
      const t = lastTables.get(s.name as string);
      const own = [s.name as string, t?.name ?? '', t ? `${last.design.module.id}_${t.name}` : ''];
      if ([...reread].some((r) => own.some((w) => names(r.text, w)))) context.add(s);
    }
    if (context.size > MAX_CHANGED * 4) return undefined;

    // The small file: the statements kept, in file order; each remembers where it starts in the small file.
    const kept = statements.filter((s) => s.kind !== 'table' || reread.has(s) || context.has(s));
    let small = '';
    let line = 1;
    const places: { s: Statement; line: number }[] = [];
    for (const s of kept) {
      const lines = lineCount(s.text);
      places.push({ s, line });
      small += s.text;
      line += lines;
    }
    const part = importTablesTs({ ...input, tables: { ...input.tables, text: small } }, opts);
    if (!part.ok || part.suggestions.length > 0) return undefined;
    const d = part.design;
    if (JSON.stringify(d.module) !== JSON.stringify(last.design.module)) return undefined;
    if (JSON.stringify(d.enums) !== JSON.stringify(last.design.enums)) return undefined;
    const partTables = tablesByExport(d, kept);
    if (!partTables) return undefined;

    // Splice: tables in the new file order, the re-read ones from the small read, the rest as they were.
    const tables: Record<string, Table> = {};
    const fresh: Table[] = [];
    const stale = new Set<string>();
    for (const s of oldTables)
      if (!newByName.has(s.name as string) || reread.has(newByName.get(s.name as string) as Statement))
        stale.add(lastTables.get(s.name as string)?.id as string);
    newTables.forEach((s, i) => {
      let t = reread.has(s) ? partTables.get(s.name as string) : lastTables.get(s.name as string);
      if (!t || tables[t.id]) return;
      // The importer lays the tables out on a grid by their order in the file.
      const position = importedTablePosition(i);
      if (t.position.x !== position.x || t.position.y !== position.y) t = { ...t, position };
      tables[t.id] = t;
      if (reread.has(s)) fresh.push(t);
    });
    if (Object.keys(tables).length !== newTables.length) return undefined;
    const sqlNames = new Set(Object.values(tables).map((t) => t.name));
    if (sqlNames.size !== Object.keys(tables).length) return undefined;
    if (!idsAreBase(d, fresh)) return undefined;

    const columns = { ...last.design.columns };
    const indexes = { ...last.design.indexes };
    const staleColumns = new Set<string>();
    for (const id of stale) {
      const t = last.design.tables[id] as Table;
      for (const c of t.columnIds) {
        delete columns[c];
        staleColumns.add(c);
      }
      for (const i of t.indexIds) delete indexes[i];
    }
    const freshColumns = new Set<string>();
    for (const t of fresh) {
      for (const c of t.columnIds) {
        if (columns[c]) return undefined;
        columns[c] = d.columns[c] as Design['columns'][string];
        freshColumns.add(c);
      }
      for (const i of t.indexIds) {
        if (indexes[i]) return undefined;
        indexes[i] = d.indexes[i] as Design['indexes'][string];
      }
    }
    const relations: Record<string, Relation> = {};
    for (const r of Object.values(last.design.relations)) if (!staleColumns.has(r.fromColumnId)) relations[r.id] = r;
    for (const r of Object.values(d.relations)) {
      if (!freshColumns.has(r.fromColumnId)) continue;
      if (relations[r.id] || !columns[r.toColumnId]) return undefined;
      relations[r.id] = r;
    }
    // A kept relation must still point at a column that exists (its target table was re-read).
    for (const r of Object.values(relations)) if (!columns[r.toColumnId]) return undefined;

    // Messages: the re-read tables' from the small read (lines mapped back); the rest from the last read, moved.
    const newLine = new Map<Statement, number>(statements.map((s) => [s, s.line]));
    const oldToNew = new Map<number, number>();
    before.forEach((s, i) => oldToNew.set(s.line, now[i]?.line as number));
    for (const s of oldTables) {
      const n = newByName.get(s.name as string);
      if (n && !reread.has(n)) oldToNew.set(s.line, n.line);
    }
    const messages: ImportMessage[] = [];
    const oldStarts = last.statements;
    for (const m of last.messages) {
      if (m.file !== input.tables.path) {
        messages.push(m);
        continue;
      }
      const at = oldStarts.findLast((s) => s.line <= m.line);
      if (!at) return undefined;
      const to = oldToNew.get(at.line);
      // A message of a re-read or removed table is replaced by the small read's.
      if (to === undefined) continue;
      messages.push({ ...m, line: m.line - at.line + to });
    }
    for (const m of part.messages) {
      if (m.file !== input.tables.path) continue;
      const at = places.findLast((p) => p.line <= m.line);
      if (!at) return undefined;
      if (!reread.has(at.s)) continue;
      messages.push({ ...m, line: m.line - at.line + (newLine.get(at.s) as number) });
    }

    const design: Design = { ...last.design, tables, columns, indexes, relations };
    return { design, messages: sortMessages(messages, input) };
  }
}
