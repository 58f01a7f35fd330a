/**
 * Which preview a view shows, which worker computes it, and when it must be recomputed. Each part's input key
 * leaves out what cannot change its output — table positions always, and for the SQL also comments and the
 * module's name, description and layout — so dragging a table or editing a comment never reruns SQLite.
 */
import type { Design } from '$lib/core/design';
import type { FileRole } from '$lib/generate/module-files';

/** `code`: the TypeScript files (ts-morph worker); `sql`: migrations and the database (sql.js worker). */
export type PreviewPart = 'code' | 'sql';

export interface PreviewViewDef {
  id: 'tables' | 'models' | 'config' | 'sql' | 'since' | 'database';
  label: string;
  title: string;
  part: PreviewPart;
  /** The generated file a code view shows. */
  role?: FileRole;
}

export const PREVIEW_VIEWS = [
  {
    id: 'tables',
    label: 'tables.ts',
    title: 'The drizzle schema (sqliteTable definitions)',
    part: 'code',
    role: 'schema',
  },
  { id: 'models', label: 'models', title: 'The models file (enums and row types)', part: 'code', role: 'models' },
  {
    id: 'config',
    label: 'drizzle.config.ts',
    title: 'drizzle-kit configuration',
    part: 'code',
    role: 'drizzle-config',
  },
  { id: 'sql', label: '0000 SQL', title: 'The first migration, as drizzle-kit writes it', part: 'sql' },
  { id: 'since', label: 'Since export', title: 'The migration since the last export, with a dry run', part: 'sql' },
  { id: 'database', label: 'Database', title: 'The tables SQLite reports after running 0000', part: 'sql' },
] as const satisfies readonly PreviewViewDef[];

export type PreviewView = (typeof PREVIEW_VIEWS)[number]['id'];

export function viewDef(view: PreviewView): PreviewViewDef {
  return PREVIEW_VIEWS.find((v) => v.id === view) ?? PREVIEW_VIEWS[0];
}

/** The design without table positions: nothing generated depends on where a table sits on the canvas. */
function withoutPositions(design: Design): Design {
  const tables = Object.fromEntries(
    Object.entries(design.tables).map(([id, t]) => [id, { ...t, position: { x: 0, y: 0 } }]),
  );
  return { ...design, tables };
}

/** What the TypeScript files depend on. The baseline only matters to migrations. */
export function codeInputKey(design: Design): string {
  return JSON.stringify({ ...withoutPositions(design), baseline: null });
}

/**
 * What the SQL previews depend on, and which variant is shown. Comments and module metadata never reach SQL; the
 * target host does, since it decides which findings the migration analysis reports.
 */
export function sqlInputKey(design: Design, safe: boolean): string {
  const d = withoutPositions(design);
  const blank = <T extends { comment: string }>(map: Record<string, T>) =>
    Object.fromEntries(Object.entries(map).map(([id, x]) => [id, { ...x, comment: '' }]));
  return JSON.stringify({
    safe,
    design: {
      ...d,
      module: { id: d.module.id, host: d.module.host ?? 'current' },
      tables: blank(d.tables),
      columns: blank(d.columns),
      enums: blank(d.enums),
    },
  });
}

/** The input key of the part a view shows; SQL views each compute only their own part, so the view is in it. */
export function inputKey(view: PreviewView, design: Design, safe: boolean): string {
  return viewDef(view).part === 'code' ? codeInputKey(design) : `${view} ${sqlInputKey(design, safe)}`;
}

/**
 * The part to (re)compute for a view, or null when the last request already covers this input.
 * @example const todo = stalePart('database', design, false, { code: null, sql: lastKey }); // null when unchanged
 */
export function stalePart(
  view: PreviewView,
  design: Design,
  safe: boolean,
  requested: Record<PreviewPart, string | null>,
): { part: PreviewPart; key: string } | null {
  const part = viewDef(view).part;
  const key = inputKey(view, design, safe);
  const last = requested[part];
  if (last === key) return null;
  // Every SQL result holds the 0000 migration: another SQL view's request for the same input covers the 0000 view.
  const input = (k: string) => k.slice(k.indexOf(' ') + 1);
  if (view === 'sql' && last !== null && input(last) === input(key)) return null;
  return { part, key };
}
