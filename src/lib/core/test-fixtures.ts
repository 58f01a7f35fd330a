/**
 * Test helpers for the core: a small design built deterministically through the operations (every id explicit),
 * `deepFreeze` to prove operations never mutate their input, and `keyOrder` to compare map order.
 */
import { type Design, emptyDesign } from './design';
import { type OperationCall, addColumn, addEnum, addIndex, addTable, connectTables } from './operations';

/** Every id in {@link exampleDesign}. */
export const IDS = {
  projects: 't_projects',
  projectsId: 'c_projects_id',
  projectsUserId: 'c_projects_user_id',
  projectsCreatedAt: 'c_projects_created_at',
  projectsUpdatedAt: 'c_projects_updated_at',
  projectsName: 'c_projects_name',
  tasks: 't_tasks',
  tasksId: 'c_tasks_id',
  tasksUserId: 'c_tasks_user_id',
  tasksCreatedAt: 'c_tasks_created_at',
  tasksUpdatedAt: 'c_tasks_updated_at',
  tasksTitle: 'c_tasks_title',
  tasksStatus: 'c_tasks_status',
  tasksProjectId: 'c_tasks_project_id',
  taskStatus: 'e_task_status',
  toDo: 'm_to_do',
  inProgress: 'm_in_progress',
  done: 'm_done',
  tasksProject: 'r_tasks_project',
  tasksUserStatusIdx: 'i_tasks_user_status',
} as const;

/** The four standard column ids of a table made by `addTable`, named `c_<prefix>_<column>`. */
export function standardColumnIds(prefix: string) {
  return {
    id: `c_${prefix}_id`,
    userId: `c_${prefix}_user_id`,
    createdAt: `c_${prefix}_created_at`,
    updatedAt: `c_${prefix}_updated_at`,
  };
}

/**
 * Module `MoLOS-Example` with tables `projects` (+ `name`) and `tasks` (+ `title`, `status` using the
 * `TaskStatus` enum with default `to_do`, `project_id` → `projects.id` on delete cascade) and an index on
 * `tasks (user_id, status)`.
 */
export function exampleDesign(): Design {
  let d = emptyDesign({ id: 'MoLOS-Example', name: 'Example', description: 'An example module' });
  d = addTable(d, {
    id: IDS.projects,
    name: 'projects',
    position: { x: 0, y: 0 },
    columnIds: standardColumnIds('projects'),
  });
  d = addColumn(d, { tableId: IDS.projects, id: IDS.projectsName, name: 'name', notNull: true });
  d = addTable(d, { id: IDS.tasks, name: 'tasks', position: { x: 400, y: 0 }, columnIds: standardColumnIds('tasks') });
  d = addColumn(d, { tableId: IDS.tasks, id: IDS.tasksTitle, name: 'title', notNull: true });
  d = addEnum(d, {
    id: IDS.taskStatus,
    name: 'TaskStatus',
    members: [
      { id: IDS.toDo, value: 'to_do' },
      { id: IDS.inProgress, value: 'in_progress' },
      { id: IDS.done, value: 'done' },
    ],
  });
  d = addColumn(d, {
    tableId: IDS.tasks,
    id: IDS.tasksStatus,
    name: 'status',
    enumId: IDS.taskStatus,
    notNull: true,
    default: { kind: 'literal', value: 'to_do' },
  });
  d = connectTables(d, {
    fromTableId: IDS.tasks,
    toTableId: IDS.projects,
    columnId: IDS.tasksProjectId,
    relationId: IDS.tasksProject,
    onDelete: 'cascade',
  });
  d = addIndex(d, { tableId: IDS.tasks, id: IDS.tasksUserStatusIdx, columnIds: [IDS.tasksUserId, IDS.tasksStatus] });
  return d;
}

/** Freezes a value and everything reachable from it, so any mutation throws (tests run in strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The key order of every id-keyed map: `toEqual` ignores key order, but the generated files do not. */
export function keyOrder(d: Design): Record<'tables' | 'columns' | 'relations' | 'enums' | 'indexes', string[]> {
  return {
    tables: Object.keys(d.tables),
    columns: Object.keys(d.columns),
    relations: Object.keys(d.relations),
    enums: Object.keys(d.enums),
    indexes: Object.keys(d.indexes),
  };
}

/** Four random numbers that {@link randomOperation} turns into an operation fitting the current design. */
export type OpSeed = readonly [number, number, number, number];

const FK = ['cascade', 'set null', 'restrict', 'no action', null] as const;
const TYPES = ['text', 'integer', 'real', 'blob', 'numeric'] as const;

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/**
 * Turns a seed into an operation call valid for `d` (or `undefined` when nothing fits, e.g. no relation to
 * delete). New elements get ids `<kind>_r<serial>`, so a sequence is fully deterministic. Used by property tests.
 */
export function randomOperation(d: Design, seed: OpSeed, serial: number): OperationCall | undefined {
  const [kind, a, b, c] = seed;
  const tables = Object.values(d.tables);
  const columns = Object.values(d.columns);
  const relations = Object.values(d.relations);
  const enums = Object.values(d.enums);
  const indexes = Object.values(d.indexes);
  const table = pick(tables, a);
  const column = pick(columns, a);
  const n = `r${serial}`;
  switch (kind % 20) {
    case 0:
      return { op: 'addTable', args: { id: `t_${n}`, name: `table_${n}`, columnIds: standardColumnIds(n) } };
    case 1:
      return table && { op: 'renameTable', args: { tableId: table.id, name: `renamed_${n}` } };
    case 2:
      return table && { op: 'deleteTable', args: { tableId: table.id } };
    case 3:
      return (
        table && {
          op: 'addColumn',
          args: { tableId: table.id, id: `c_${n}`, name: `col_${n}`, type: pick(TYPES, b), index: c % 9 },
        }
      );
    case 4: {
      if (!column) return undefined;
      const patches = [
        { name: `name_${n}` },
        { type: pick(TYPES, c) },
        { enumId: pick(enums, c)?.id ?? null },
        { primaryKey: c % 2 === 0 },
        { notNull: c % 2 === 0, unique: c % 3 === 0 },
        { default: { kind: 'literal', value: `v${c % 3}` } as const },
        { mode: pick(['json', 'boolean', null] as const, c) },
        { comment: `comment ${n}` },
      ];
      return { op: 'updateColumn', args: { columnId: column.id, patch: patches[b % patches.length]! } };
    }
    case 5:
      return column && { op: 'moveColumn', args: { columnId: column.id, toIndex: b % 9 } };
    case 6:
      return column && { op: 'deleteColumn', args: { columnId: column.id } };
    case 7: {
      const to = pick(tables, b);
      return (
        column &&
        to && {
          op: 'connect',
          args: { id: `r_${n}`, fromColumnId: column.id, toTableId: to.id, onDelete: pick(FK, c) },
        }
      );
    }
    case 8: {
      const to = pick(tables, b);
      return (
        table &&
        to && {
          op: 'connectTables',
          args: { fromTableId: table.id, toTableId: to.id, columnId: `c_${n}`, relationId: `r_${n}` },
        }
      );
    }
    case 9: {
      const r = pick(relations, a);
      return r && { op: 'disconnect', args: { relationId: r.id } };
    }
    case 10: {
      const r = pick(relations, a);
      return r && { op: 'updateRelation', args: { relationId: r.id, onDelete: pick(FK, b), logical: c % 2 === 0 } };
    }
    case 11:
      return {
        op: 'addEnum',
        args: {
          id: `e_${n}`,
          name: `Enum${serial}`,
          members: [
            { id: `m_${n}_a`, value: 'a' },
            { id: `m_${n}_b`, value: 'b' },
          ],
        },
      };
    case 12: {
      const e = pick(enums, a);
      if (!e) return undefined;
      // keep some members (some renamed), drop others, add one
      const members = e.members
        .filter((_, i) => (b >> i) % 2 === 0)
        .map((m, i) => ((c >> i) % 2 === 0 ? m : { ...m, value: `${m.value}_${serial}` }));
      return {
        op: 'setEnumMembers',
        args: { enumId: e.id, members: [...members, { id: `m_${n}`, value: `new_${n}` }] },
      };
    }
    case 13: {
      const e = pick(enums, a);
      return e && { op: 'deleteEnum', args: { enumId: e.id } };
    }
    case 14: {
      if (!table) return undefined;
      const cols = table.columnIds.filter((_, i) => (b >> i) % 2 === 1);
      const columnIds = cols.length > 0 ? cols : table.columnIds.slice(0, 1);
      return { op: 'addIndex', args: { tableId: table.id, id: `i_${n}`, columnIds, unique: c % 2 === 0 } };
    }
    case 15: {
      const ix = pick(indexes, a);
      return ix && { op: 'deleteIndex', args: { indexId: ix.id } };
    }
    case 16:
      return {
        op: 'setModule',
        args: {
          id: pick(['MoLOS-Example', 'MoLOS-Other', 'MoLOS-Third'], b),
          layout: pick(['legacy', 'current'] as const, c),
        },
      };
    case 17:
      return table && { op: 'moveTables', args: { positions: { [table.id]: { x: b % 1000, y: c % 1000 } } } };
    case 18:
      return (
        table && {
          op: 'updateTable',
          args: { tableId: table.id, exportName: b % 2 === 0 ? `custom${serial}` : undefined, comment: `c${c}` },
        }
      );
    default: {
      const ix = pick(indexes, a);
      const t = ix && d.tables[ix.tableId];
      return (
        ix &&
        t && {
          op: 'updateIndex',
          args: { indexId: ix.id, unique: b % 2 === 0, columnIds: t.columnIds.slice(0, 1 + (c % 2)) },
        }
      );
    }
  }
}
