/**
 * MoLOS-Planner database schema.
 *
 * Tables are prefixed with the module id. Keep this file free of relations() (the host does not register them).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { textEnum } from '$lib/server/db/utils';
import { TaskPriority, TodoStatus } from '$lib/models/external_modules/MoLOS-Planner';

const nowSeconds = sql`(strftime('%s','now'))`;

// ---------------------------------------------------------------- projects

/** A group of tasks. */
export const plannerProjects = sqliteTable('MoLOS-Planner_projects', {
	id: text('id')
		.primaryKey()
		.$defaultFn(() => crypto.randomUUID()),
	userId: text('user_id').notNull(),
	name: text('name').notNull(), // shown in the sidebar
	color: text('color').default('#3366ff'),
	createdAt: integer('created_at').notNull().default(nowSeconds),
	updatedAt: integer('updated_at').notNull().default(nowSeconds)
});

// ---------------------------------------------------------------- tasks

export const plannerTasks = sqliteTable(
	'MoLOS-Planner_tasks',
	{
		id: text('id')
			.primaryKey()
			.$defaultFn(() => crypto.randomUUID()),
		userId: text('user_id').notNull(),
		projectId: text('project_id').references(() => plannerProjects.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		status: textEnum('status', TodoStatus).notNull().default(TodoStatus.TODO),
		priority: textEnum('priority', TaskPriority).notNull().default(TaskPriority.MEDIUM),
		// testColumn: text('test_column'),
		/** Free text, markdown. */
		notes: text('notes'),
		dueAt: integer('due_at'),
		createdAt: integer('created_at').notNull().default(nowSeconds),
		updatedAt: integer('updated_at').notNull().default(nowSeconds)
	},
	(t) => [
		index('MoLOS-Planner_tasks_user_idx').on(t.userId),
		index('MoLOS-Planner_tasks_project_idx').on(t.projectId)
	]
);

/** @deprecated Use plannerTasks instead. */
export const tasks = plannerTasks;

export type Task = typeof plannerTasks.$inferSelect;
export type NewTask = typeof plannerTasks.$inferInsert;

export { TaskPriority, TodoStatus };
