/**
 * Rebuilds the example designs in static/examples/ from named operations, with fixed ids so the files are
 * stable. The page, the CLI and the tests all read these files. Run: `npx tsx scripts/build-examples.ts`.
 */
import { writeFileSync } from 'node:fs';
import { type Design, emptyDesign } from '../src/lib/core/design';
import { serializeDesign } from '../src/lib/core/format';
import { type OperationCall, applyOperation } from '../src/lib/core/operations';

function build(design: Design, calls: OperationCall[]): Design {
  return calls.reduce(applyOperation, design);
}

/** A table with the four standard columns, with ids derived from a short tag. */
function table(
  tag: string,
  name: string,
  x: number,
  y: number,
  extra: { exportName?: string; comment?: string } = {},
): OperationCall {
  return {
    op: 'addTable',
    args: {
      id: `t_${tag}`,
      name,
      position: { x, y },
      columnIds: {
        id: `c_${tag}_id`,
        userId: `c_${tag}_user_id`,
        createdAt: `c_${tag}_created_at`,
        updatedAt: `c_${tag}_updated_at`,
      },
      ...extra,
    },
  };
}

const example = build(
  emptyDesign({
    id: 'MoLOS-Example',
    name: 'Example',
    description: 'The items module from the MoLOS module documentation.',
    layout: 'legacy',
  }),
  [
    {
      op: 'addEnum',
      args: {
        id: 'e_item_status',
        name: 'ItemStatus',
        members: [
          { id: 'm_pending', key: 'PENDING', value: 'pending' },
          { id: 'm_in_progress', key: 'IN_PROGRESS', value: 'in_progress' },
          { id: 'm_done', key: 'DONE', value: 'done' },
        ],
      },
    },
    table('items', 'items', 0, 0),
    { op: 'addColumn', args: { tableId: 't_items', id: 'c_items_title', name: 'title', notNull: true } },
    { op: 'addColumn', args: { tableId: 't_items', id: 'c_items_description', name: 'description' } },
    {
      op: 'addColumn',
      args: {
        tableId: 't_items',
        id: 'c_items_status',
        name: 'status',
        enumId: 'e_item_status',
        notNull: true,
        default: { kind: 'literal', value: 'pending' },
      },
    },
  ],
);

const tasks = build(
  emptyDesign({
    id: 'MoLOS-Tasks',
    name: 'Tasks',
    description: 'Projects, tasks with sub-tasks, tags and a daily log.',
    layout: 'current',
  }),
  [
    {
      op: 'addEnum',
      args: {
        id: 'e_task_status',
        name: 'TaskStatus',
        comment: 'Where a task stands.',
        members: [
          { id: 'm_to_do', key: 'TO_DO', value: 'to_do' },
          { id: 'm_doing', key: 'IN_PROGRESS', value: 'in_progress' },
          { id: 'm_done', key: 'DONE', value: 'done' },
        ],
      },
    },
    {
      op: 'addEnum',
      args: {
        id: 'e_task_priority',
        name: 'TaskPriority',
        members: [
          { id: 'm_low', key: 'LOW', value: 'low' },
          { id: 'm_medium', key: 'MEDIUM', value: 'medium' },
          { id: 'm_high', key: 'HIGH', value: 'high' },
        ],
      },
    },
    table('projects', 'projects', 0, 0, { comment: 'Projects group tasks.' }),
    { op: 'addColumn', args: { tableId: 't_projects', id: 'c_projects_name', name: 'name', notNull: true } },
    {
      op: 'addColumn',
      args: { tableId: 't_projects', id: 'c_projects_slug', name: 'slug', notNull: true, unique: true },
    },
    {
      op: 'addColumn',
      args: {
        tableId: 't_projects',
        id: 'c_projects_archived',
        name: 'is_archived',
        type: 'integer',
        mode: 'boolean',
        notNull: true,
        default: { kind: 'literal', value: false },
      },
    },
    table('tasks', 'tasks', 420, 0),
    { op: 'addColumn', args: { tableId: 't_tasks', id: 'c_tasks_title', name: 'title', notNull: true } },
    { op: 'addColumn', args: { tableId: 't_tasks', id: 'c_tasks_notes', name: 'notes', comment: 'Markdown text.' } },
    {
      op: 'addColumn',
      args: {
        tableId: 't_tasks',
        id: 'c_tasks_status',
        name: 'status',
        enumId: 'e_task_status',
        notNull: true,
        default: { kind: 'literal', value: 'to_do' },
      },
    },
    {
      op: 'addColumn',
      args: {
        tableId: 't_tasks',
        id: 'c_tasks_priority',
        name: 'priority',
        enumId: 'e_task_priority',
        notNull: true,
        default: { kind: 'literal', value: 'medium' },
      },
    },
    {
      op: 'addColumn',
      args: { tableId: 't_tasks', id: 'c_tasks_due', name: 'due_date', type: 'integer', comment: 'Unix seconds.' },
    },
    {
      op: 'addColumn',
      args: {
        tableId: 't_tasks',
        id: 'c_tasks_position',
        name: 'position',
        type: 'real',
        notNull: true,
        default: { kind: 'literal', value: 0 },
      },
    },
    {
      op: 'addColumn',
      args: {
        tableId: 't_tasks',
        id: 'c_tasks_labels',
        name: 'labels',
        mode: 'json',
        notNull: true,
        default: { kind: 'json', json: '[]' },
      },
    },
    {
      op: 'connectTables',
      args: {
        fromTableId: 't_tasks',
        toTableId: 't_projects',
        columnId: 'c_tasks_project_id',
        relationId: 'r_tasks_project',
        onDelete: 'cascade',
      },
    },
    {
      op: 'connectTables',
      args: {
        fromTableId: 't_tasks',
        toTableId: 't_tasks',
        columnId: 'c_tasks_parent_id',
        relationId: 'r_tasks_parent',
        onDelete: 'set null',
      },
    },
    { op: 'updateColumn', args: { columnId: 'c_tasks_project_id', patch: { notNull: true } } },
    {
      op: 'addIndex',
      args: { tableId: 't_tasks', id: 'i_tasks_user_status', columnIds: ['c_tasks_user_id', 'c_tasks_status'] },
    },
    table('tags', 'tags', 840, 0),
    { op: 'addColumn', args: { tableId: 't_tags', id: 'c_tags_name', name: 'name', notNull: true } },
    {
      op: 'addColumn',
      args: { tableId: 't_tags', id: 'c_tags_color', name: 'color', default: { kind: 'literal', value: '#888888' } },
    },
    table('task_tags', 'task_tags', 840, 320, { comment: 'Which tags a task carries.' }),
    {
      op: 'connectTables',
      args: {
        fromTableId: 't_task_tags',
        toTableId: 't_tasks',
        columnId: 'c_task_tags_task_id',
        relationId: 'r_task_tags_task',
        onDelete: 'cascade',
      },
    },
    {
      op: 'connectTables',
      args: {
        fromTableId: 't_task_tags',
        toTableId: 't_tags',
        columnId: 'c_task_tags_tag_id',
        relationId: 'r_task_tags_tag',
        onDelete: 'cascade',
      },
    },
    { op: 'updateColumn', args: { columnId: 'c_task_tags_task_id', patch: { notNull: true } } },
    { op: 'updateColumn', args: { columnId: 'c_task_tags_tag_id', patch: { notNull: true } } },
    {
      op: 'addIndex',
      args: {
        tableId: 't_task_tags',
        id: 'i_task_tags_pair',
        columnIds: ['c_task_tags_task_id', 'c_task_tags_tag_id'],
        unique: true,
      },
    },
    table('daily_log', 'daily_log', 0, 360, { comment: 'One entry per day; task_id is kept as a logical relation.' }),
    {
      op: 'addColumn',
      args: {
        tableId: 't_daily_log',
        id: 'c_daily_log_day',
        name: 'day',
        notNull: true,
        comment: 'ISO date, e.g. 2026-01-31.',
      },
    },
    { op: 'addColumn', args: { tableId: 't_daily_log', id: 'c_daily_log_mood', name: 'mood', type: 'integer' } },
    {
      op: 'connectTables',
      args: {
        fromTableId: 't_daily_log',
        toTableId: 't_tasks',
        columnId: 'c_daily_log_task_id',
        relationId: 'r_daily_log_task',
        logical: true,
      },
    },
    {
      op: 'addIndex',
      args: {
        tableId: 't_daily_log',
        id: 'i_daily_log_user_day',
        columnIds: ['c_daily_log_user_id', 'c_daily_log_day'],
      },
    },
  ],
);

writeFileSync('static/examples/molos-example.json', serializeDesign(example));
writeFileSync('static/examples/molos-tasks.json', serializeDesign(tasks));
console.log('wrote static/examples/molos-example.json, static/examples/molos-tasks.json');
