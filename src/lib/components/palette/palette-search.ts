/**
 * The command palette's search: every command and every table, column (`table.column`), enum and relation
 * (`from_table.col → to_table.col`) of a design, ranked against what the user typed. Headless, so it is tested and
 * timed without a browser; the index is built once per design object (designs are immutable: an edit makes a new
 * object) and a query is one pass over it.
 */
import type { Design } from '../../core/design';

/** What a palette entry points at. */
export type PaletteTarget =
  | { kind: 'command'; id: string }
  | { kind: 'table'; id: string }
  | { kind: 'column'; id: string; tableId: string }
  | { kind: 'enum'; id: string }
  | { kind: 'relation'; id: string; tableIds: string[] };

export type PaletteKind = PaletteTarget['kind'];

/** A command as the palette needs it (the page's `Command` fits). */
export interface PaletteCommand {
  id: string;
  label: string;
  kbd?: string;
}

export interface PaletteEntry {
  target: PaletteTarget;
  /** What the row shows and what is matched: `tasks`, `tasks.user_id`, `tasks.user_id → users.id`. */
  label: string;
  /** The shortcut, for commands. */
  kbd?: string;
  /** Lower-cased texts matched against the query, the most specific first (a column's own name, then `table.column`). */
  keys: string[];
}

export interface PaletteResult {
  entry: PaletteEntry;
  /** Lower is better: 0 exact, 1 prefix, 2 word start, 3 substring, 4+ scattered letters; +0.5 on a secondary key. */
  score: number;
}

/** Kinds in the order they are listed when they match equally well. */
const KIND_ORDER: Record<PaletteKind, number> = { command: 0, table: 1, column: 2, enum: 3, relation: 4 };

const designIndexes = new WeakMap<Design, PaletteEntry[]>();
const commandIndexes = new WeakMap<readonly PaletteCommand[], PaletteEntry[]>();

/**
 * The design's entries: tables, columns, enums and relations, sorted by label. Memoised on the design object.
 * @example designEntries(design).find((e) => e.label === 'tasks.user_id')?.target // { kind: 'column', id: 'c_1', tableId: 't_1' }
 */
export function designEntries(design: Design): PaletteEntry[] {
  const known = designIndexes.get(design);
  if (known) return known;
  const entries: PaletteEntry[] = [];
  const tableName = (id: string | undefined) => (id && design.tables[id]?.name) || '?';
  for (const table of Object.values(design.tables)) {
    entries.push({ target: { kind: 'table', id: table.id }, label: table.name, keys: [table.name.toLowerCase()] });
  }
  for (const column of Object.values(design.columns)) {
    const label = `${tableName(column.tableId)}.${column.name}`;
    entries.push({
      target: { kind: 'column', id: column.id, tableId: column.tableId },
      label,
      keys: [column.name.toLowerCase(), label.toLowerCase()],
    });
  }
  for (const e of Object.values(design.enums)) {
    entries.push({ target: { kind: 'enum', id: e.id }, label: e.name, keys: [e.name.toLowerCase()] });
  }
  for (const relation of Object.values(design.relations)) {
    const from = design.columns[relation.fromColumnId];
    const to = design.columns[relation.toColumnId];
    if (!from || !to) continue;
    const label = `${tableName(from.tableId)}.${from.name} → ${tableName(to.tableId)}.${to.name}`;
    entries.push({
      target: { kind: 'relation', id: relation.id, tableIds: [...new Set([from.tableId, to.tableId])] },
      label,
      // `->` typed for the arrow matches too.
      keys: [label.toLowerCase(), label.replace('→', '->').toLowerCase()],
    });
  }
  entries.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  designIndexes.set(design, entries);
  return entries;
}

/**
 * The commands' entries, memoised on the command list.
 * @example commandEntries([{ id: 'undo', label: 'Undo', kbd: 'Mod+Z' }])[0]?.label // 'Undo'
 */
export function commandEntries(commands: readonly PaletteCommand[]): PaletteEntry[] {
  const known = commandIndexes.get(commands);
  if (known) return known;
  const entries = commands.map((c) => ({
    target: { kind: 'command', id: c.id } as const,
    label: c.label,
    ...(c.kbd ? { kbd: c.kbd } : {}),
    keys: [c.label.toLowerCase().replace(/…$/, '')],
  }));
  commandIndexes.set(commands, entries);
  return entries;
}

const WORD_BREAK = /[\s._\-→>(]/;

/**
 * How well `key` matches `query` (both lower case): 0 exact, 1 prefix, 2 at a word start (after `_`, `.`, a space
 * or the arrow), 3 anywhere, 4 and up for the query's letters in order with gaps (more spread is worse), or -1.
 * @example matchScore('user_id', 'user') // 1
 * @example matchScore('tasks.user_id', 'tsuid') // 4.x: t·s·u·i·d in order
 */
export function matchScore(key: string, query: string): number {
  if (key === query) return 0;
  const at = key.indexOf(query);
  if (at === 0) return 1;
  if (at > 0) {
    // Prefer an occurrence at a word start, which may come after the first occurrence.
    for (let i = at; i !== -1; i = key.indexOf(query, i + 1)) if (WORD_BREAK.test(key[i - 1] ?? '')) return 2;
    return 3;
  }
  // Scattered letters: each query character in order; the span they cover, relative to the key, ranks them.
  let k = 0;
  let first = -1;
  for (let q = 0; q < query.length; q++) {
    const ch = query[q] as string;
    if (ch === ' ') continue;
    k = key.indexOf(ch, k);
    if (k === -1) return -1;
    if (first === -1) first = k;
    k++;
  }
  const span = k - first;
  return 4 + Math.min(0.49, (span - query.length) / Math.max(1, key.length) / 2);
}

/**
 * Entries that match the query, best first: by match quality, then commands before tables before columns before
 * enums before relations, then shorter labels, then alphabetically. An empty query lists everything, commands in
 * their own order first. At most `limit` results.
 * @example searchPalette(designEntries(design), 'user_id', 5)[0]?.entry.label // 'tasks.user_id'
 */
export function searchPalette(entries: readonly PaletteEntry[], query: string, limit = 50): PaletteResult[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const found: PaletteResult[] = [];
  for (const entry of entries) {
    let best = -1;
    if (q === '') best = 5;
    else
      for (let i = 0; i < entry.keys.length; i++) {
        const s = matchScore(entry.keys[i] as string, q);
        // A match on a later, less specific key (a column's `table.column`) ranks below the same match on its name.
        const scored = s === -1 ? -1 : i === 0 ? s : s + 0.5;
        if (scored !== -1 && (best === -1 || scored < best)) best = scored;
        if (best === 0) break;
      }
    if (best !== -1) found.push({ entry, score: best });
  }
  // An empty query keeps each kind in its own order (commands as listed, the rest by label).
  if (q === '') found.sort((a, b) => KIND_ORDER[a.entry.target.kind] - KIND_ORDER[b.entry.target.kind]);
  else
    found.sort(
      (a, b) =>
        Math.floor(a.score) - Math.floor(b.score) ||
        KIND_ORDER[a.entry.target.kind] - KIND_ORDER[b.entry.target.kind] ||
        a.score - b.score ||
        a.entry.label.length - b.entry.label.length ||
        (a.entry.label < b.entry.label ? -1 : a.entry.label > b.entry.label ? 1 : 0),
    );
  return found.length > limit ? found.slice(0, limit) : found;
}

/**
 * The tables to bring into view for an entry: a table, a column's table, a relation's two tables; nothing for a
 * command, and nothing for an enum (it has no card: the inspector shows it).
 * @example tablesToReveal({ kind: 'column', id: 'c_1', tableId: 't_1' }) // ['t_1']
 */
export function tablesToReveal(target: PaletteTarget): string[] {
  switch (target.kind) {
    case 'table':
      return [target.id];
    case 'column':
      return [target.tableId];
    case 'relation':
      return target.tableIds;
    default:
      return [];
  }
}

/** A table the inspector's filter keeps, with the first of its columns that matched when its name did not. */
export interface TableMatch {
  id: string;
  name: string;
  column?: string;
}

/**
 * The tables whose name, or one of whose column names, contains the filter (case-insensitive), in the design's
 * order. An empty filter keeps every table.
 * @example filterTables(design, 'USER').map((m) => `${m.name}:${m.column ?? ''}`) // ['tasks:user_id', 'user_settings:']
 */
export function filterTables(design: Design, filter: string): TableMatch[] {
  const q = filter.trim().toLowerCase();
  const out: TableMatch[] = [];
  for (const table of Object.values(design.tables)) {
    if (q === '' || table.name.toLowerCase().includes(q)) {
      out.push({ id: table.id, name: table.name });
      continue;
    }
    for (const columnId of table.columnIds) {
      const name = design.columns[columnId]?.name;
      if (name?.toLowerCase().includes(q)) {
        out.push({ id: table.id, name: table.name, column: name });
        break;
      }
    }
  }
  return out;
}
