/**
 * The guided tour of the example module, as data: each step has a title, a text and what it points at (a table
 * card, a relation, or a code preview). Targets name tables and columns, not ids, and are found in the design
 * shown (`resolveTarget`), so a step whose table is missing simply points at nothing.
 */
import type { Design } from '$lib/core/design';
import type { PreviewView } from '$lib/state/preview-plan';

/** The example the tour walks through: it has enums and relations to show (static/examples/). */
export const TOUR_EXAMPLE = 'molos-tasks.json';

export type TourTarget =
  | { kind: 'none' }
  | { kind: 'table'; table: string }
  | { kind: 'relation'; table: string; column: string }
  | { kind: 'preview'; view: PreviewView };

export interface TourStep {
  id: string;
  title: string;
  text: string;
  target: TourTarget;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'welcome',
    title: 'Welcome to MoLOS Schema Studio',
    text:
      'This is MoLOS-Tasks, an example module. In the studio you draw the tables of a MoLOS module, and it ' +
      'writes the drizzle schema and the SQL migrations for you. This tour takes a minute.',
    target: { kind: 'none' },
  },
  {
    id: 'table',
    title: 'A table',
    text:
      'Each card is one table. Its SQL name starts with the module id (MoLOS-Tasks_), as MoLOS requires. ' +
      'Every table has a UUID key, a NOT NULL user_id and created_at/updated_at times.',
    target: { kind: 'table', table: 'projects' },
  },
  {
    id: 'columns',
    title: 'Columns and their markers',
    text:
      'Rows are columns: PK marks the key, FK a foreign key, and the type on the right says how drizzle stores ' +
      'it. status and priority are enums: the value must be one of a fixed list.',
    target: { kind: 'table', table: 'tasks' },
  },
  {
    id: 'relation',
    title: 'A relation',
    text:
      'A line is a relation: tasks.project_id references projects.id. Its label is the ON DELETE action: ' +
      'cascade deletes a project’s tasks with it. A dashed line is a logical relation, not written as a ' +
      'foreign key.',
    target: { kind: 'relation', table: 'tasks', column: 'project_id' },
  },
  {
    id: 'code',
    title: 'The generated tables.ts',
    text:
      'This is the drizzle schema the studio writes for the module: one sqliteTable per card, following the ' +
      'MoLOS module rules. It updates as the design changes.',
    target: { kind: 'preview', view: 'tables' },
  },
  {
    id: 'sql',
    title: 'The migration SQL',
    text:
      'And this is the first migration, byte for byte what drizzle-kit would write. Later migrations are ' +
      'written from what changed since the last export, with a MoLOS-safe variant when a change would lose data.',
    target: { kind: 'preview', view: 'sql' },
  },
  {
    id: 'done',
    title: 'Your turn',
    text:
      'Open a copy of this module to edit it, or start your own in the designer. Share a design as a link: ' +
      'whoever opens it sees this read-only view.',
    target: { kind: 'none' },
  },
];

/** What a step points at in a design: a table card, a relation, a preview, or nothing (not found). */
export type ResolvedTarget =
  | { kind: 'none' }
  | { kind: 'table'; tableId: string }
  | { kind: 'relation'; relationId: string }
  | { kind: 'preview'; view: PreviewView };

/** Finds a step's target in a design by table and column names. */
export function resolveTarget(design: Design, target: TourTarget): ResolvedTarget {
  if (target.kind === 'none' || target.kind === 'preview') return target;
  const table = Object.values(design.tables).find((t) => t.name === target.table);
  if (!table) return { kind: 'none' };
  if (target.kind === 'table') return { kind: 'table', tableId: table.id };
  const column = table.columnIds.map((id) => design.columns[id]).find((c) => c?.name === target.column);
  const relation = column && Object.values(design.relations).find((r) => r.fromColumnId === column.id);
  return relation ? { kind: 'relation', relationId: relation.id } : { kind: 'none' };
}
