/**
 * MoLOS-Planner database schema.
 *
 * Tables are prefixed with the module id. Keep this file free of relations() (the host does not register them).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { textEnum } from '$lib/server/db/utils';
import { TaskPriority, TaskStatus } from '$lib/models/external_modules/MoLOS-Planner';

const nowSeconds = sql`(strftime('%s','now'))`;

// ---------------------------------------------------------------- projects


// ---------------------------------------------------------------- tasks

export const plannerTodos = sqliteTable(
	'MoLOS-Planner_todos',
	{
		id: text('id')
			.primaryKey()
			.$defaultFn(() => crypto.randomUUID()),
		userId: text('user_id').notNull(),
		projectId: text('project_id'),
		title: text('title').notNull(),
		status: textEnum('status', TaskStatus).notNull().default(TaskStatus.TODO),
		priority: textEnum('priority', TaskPriority).notNull().default(TaskPriority.MEDIUM),
		// testColumn: text('test_column'),
		/** Free text, markdown. */
		notes: text('notes'),
		dueAt: integer('due_at'),
		createdAt: integer('created_at').notNull().default(nowSeconds),
		updatedAt: integer('updated_at').notNull().default(nowSeconds)
	},
	(t) => [
		index('MoLOS-Planner_todos_user_idx').on(t.userId),
		index('MoLOS-Planner_todos_project_idx').on(t.projectId)
	]
);

/** @deprecated Use plannerTasks instead. */
export const tasks = plannerTodos;

export type Task = typeof plannerTodos.$inferSelect;
export type NewTask = typeof plannerTodos.$inferInsert;

export { TaskPriority, TaskStatus };
